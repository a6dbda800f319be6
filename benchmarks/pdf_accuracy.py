"""PDF input accuracy on round-trip corpus PDFs, beside the text path on the same documents.

Usage::

    .venv/bin/python benchmarks/pdf_accuracy.py                 # the committed PDFs (fixtures/pdf)
    .venv/bin/python benchmarks/pdf_accuracy.py --floors        # as tests/test_pdf_corpus.py FLOORS
    # a whole split, PDFs and truths made by the corpus generator (README, "From the PDF"):
    SOURCE_DATE_EPOCH=0 python -m benchmarks.roundtrip.generate --out /tmp/rt --keep-pdfs /tmp/rt-pdfs \\
        --seeds 1000,5000
    .venv/bin/python benchmarks/pdf_accuracy.py --pdfs /tmp/rt-pdfs --truth /tmp/rt

For every ``<doc-id>.pdf`` with a ``<split>/<doc-id>/truth.json``: ``magclean.clean(pdf)`` is scored
with the corpus's own scorer (body-paragraph F1, heading F1, truth captions inside paragraphs,
sentences lost), plus captions found as caption blocks and furniture strings left in the text;
the text path (``magclean.clean_text`` of each extractor's ``input.txt``, looked up beside the truth
or in ``--texts``) is scored beside it. Printed per engine × columns. Not a test: it prints
measured numbers.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.roundtrip import score  # noqa: E402 (the repository root is put on the path first)

FIXTURES = ROOT / "fixtures" / "pdf"
CORPUS = ROOT / "fixtures" / "roundtrip"
PDF_ROW = "PDF (magclean)"


def pdf_counts(pdf: Path, truth: dict) -> Counter:
    """The scorer's counts for the PDF path, plus captions found and furniture left."""
    import magclean

    doc = magclean.clean(pdf)
    blocks = [(b.kind, b.text) for a in doc.articles for b in a.blocks]
    counts = Counter(score.score_blocks(truth, blocks))
    found = Counter(score.normalise(t) for k, t in blocks if k == "caption")
    truths = [b for a in truth["articles"] for b in a["blocks"] if b["kind"] == "caption"]
    # A caption is found when an output caption is its text, alone or with the credit printed
    # after it (the Document keeps a credit inside its caption block, as the text path does).
    # The form with the credit is tried first: a caption printed twice, once with its credit and
    # once without, must not spend the bare output on the credited truth.
    counts["captions_found"] = 0
    for block in truths:
        forms = [score.normalise(block["text"])]
        if block.get("credit"):
            forms.insert(0, score.normalise(f"{block['text']} {block['credit']}"))
        form = next((f for f in forms if found[f] > 0), None)
        if form is not None:
            found[form] -= 1
            counts["captions_found"] += 1
    text = "\n".join(t for _, t in blocks)
    counts["furniture"] = len(truth["furniture"])
    counts["furniture_left"] = sum(1 for f in truth["furniture"] if len(f) > 2 and f in text.split("\n"))
    heads = {(a.title or "") for a in doc.articles}
    counts["titles"] = len(truth["articles"])
    counts["titles_found"] = sum(1 for a in truth["articles"] if a["title"] in heads)
    return counts


def text_counts(folders: list[Path], truth: dict) -> dict[str, Counter]:
    """The scorer's counts for each extractor's text through the text path (first folder that has it)."""
    found = {}
    for extractor in score.EXTRACTORS:
        paths = [f / extractor / "input.txt" for f in folders]
        path = next((p for p in paths if p.exists()), None)
        if path is not None:
            found[extractor] = Counter(score.score_blocks(truth, score.magclean_blocks(
                path.read_bytes().decode("utf-8"))))
    return found


def documents(pdfs: Path, truths: Path) -> list[tuple[Path, Path]]:
    """(PDF, its truth.json) for every PDF that has a truth, sorted by name."""
    found = []
    for pdf in sorted(pdfs.glob("*.pdf")):
        matches = sorted(truths.glob(f"*/{pdf.stem}/truth.json"))
        if matches:
            found.append((pdf, matches[0]))
    return found


def cell_name(truth: dict) -> str:
    layout = truth["layout"]
    return f"{layout['engine']} {layout['columns']}col"


def measure(pdfs: Path = FIXTURES, truths: Path = FIXTURES, texts: Path | None = CORPUS,
            with_text: bool = True, verbose: bool = False) -> dict[tuple[str, str], Counter]:
    """Counts per (input, engine×columns cell), and per (input, "all")."""
    cells: dict[tuple[str, str], Counter] = {}
    for pdf, truth_path in documents(pdfs, truths):
        truth = json.loads(truth_path.read_text("utf-8"))
        mine = pdf_counts(pdf, truth)
        if verbose:
            print(pdf.stem, cell_name(truth), dict(mine))
        rows = {PDF_ROW: mine}
        if with_text:
            folders = [truth_path.parent]
            if texts is not None:
                folders.append(texts / truth_path.parent.parent.name / truth_path.parent.name)
            rows |= text_counts(folders, truth)
        for name, counts in rows.items():
            for cell in ((name, cell_name(truth)), (name, "all")):
                cells.setdefault(cell, Counter()).update(counts)
    return cells


def figures(c: Counter) -> dict[str, float | int]:
    """The printed figures of one cell."""
    return {"body_f1": score.f1(c["body_matched"], c["body_truth"], c["body_output"]),
            "heading_f1": score.f1(c["heading_matched"], c["heading_truth"], c["heading_output"]),
            "captions_found": c["captions_found"], "captions": c["captions"],
            "captions_in_paragraphs": c["captions_in_paragraphs"], "sentences_lost": c["sentences_lost"],
            "furniture_left": c["furniture_left"], "titles_found": c["titles_found"]}


def print_table(cells: dict[tuple[str, str], Counter]) -> None:
    print(f"{'input':18} {'engine×columns':16} {'body F1':>8} {'head F1':>8} {'capt. found':>12} "
          f"{'capt.in para':>12} {'sent. lost':>11} {'furn. left':>10} {'titles':>7}")
    for (name, cell), c in sorted(cells.items(), key=lambda kv: (kv[0][0] != PDF_ROW, kv[0])):
        f = figures(c)
        found = f"{c['captions_found']}/{c['captions']}" if "captions_found" in c else "-"
        left = f"{c['furniture_left']}/{c['furniture']}" if "furniture" in c else "-"
        titles = f"{c['titles_found']}/{c['titles']}" if "titles" in c else "-"
        print(f"{name:18} {cell:16} {f['body_f1']:8.1%} {f['heading_f1']:8.1%} {found:>12} "
              f"{c['captions_in_paragraphs']}/{c['captions']:<6} "
              f"{c['sentences_lost']:>5}/{c['sentences']:<5} "
              f"{left:>10} {titles:>7}")


def print_floors(cells: dict[tuple[str, str], Counter]) -> None:
    """The PDF row's figures as the FLOORS table of tests/test_pdf_corpus.py: F1 rounded down to
    0.1%, captions found as measured (at least), captions in paragraphs, sentences lost and
    furniture left as measured (at most)."""
    print("FLOORS: dict[str, tuple[float, float, int, int, int, int]] = {")
    for (name, cell), c in sorted(cells.items()):
        if name != PDF_ROW or cell == "all":
            continue
        f = figures(c)
        body, head = (int(f[k] * 1000) / 1000 for k in ("body_f1", "heading_f1"))
        print(f"    {cell!r}: ({body}, {head}, {f['captions_found']}, {f['captions_in_paragraphs']}, "
              f"{f['sentences_lost']}, {f['furniture_left']}),")
    print("}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdfs", type=Path, default=FIXTURES,
                        help="folder of <doc-id>.pdf (default: fixtures/pdf)")
    parser.add_argument("--truth", type=Path, default=None,
                        help="folder of <split>/<doc-id>/truth.json (default: the --pdfs folder)")
    parser.add_argument("--texts", type=Path, default=CORPUS,
                        help="where the extractors' texts are when not beside the truth "
                             "(default: fixtures/roundtrip)")
    parser.add_argument("--floors", action="store_true", help="print the PDF figures as test floors")
    parser.add_argument("--verbose", action="store_true", help="one line per document")
    args = parser.parse_args(argv)
    truths = args.truth or args.pdfs
    if not documents(args.pdfs, truths):
        print(f"magclean: error: no <doc-id>.pdf with a <split>/<doc-id>/truth.json under {args.pdfs}",
              file=sys.stderr)
        return 1
    cells = measure(args.pdfs, truths, args.texts, with_text=not args.floors, verbose=args.verbose)
    if args.floors:
        print_floors(cells)
    else:
        print_table(cells)
    return 0


if __name__ == "__main__":
    sys.exit(main())
