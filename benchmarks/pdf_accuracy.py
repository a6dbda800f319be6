"""PDF input accuracy on round-trip corpus PDFs, beside the text path on the same documents.

Usage (PDFs and truths made by the corpus generator, e.g. into /tmp)::

    python -m benchmarks.roundtrip.generate --out /tmp/rt --keep-pdfs /tmp/rt-pdfs --seeds 1000,5000
    .venv/bin/python benchmarks/pdf_accuracy.py --pdfs /tmp/rt-pdfs --truth /tmp/rt \\
        --scorer /path/to/benchmarks/roundtrip/score.py

For every ``<doc-id>.pdf`` with a ``<split>/<doc-id>/truth.json``: ``magclean.clean(pdf)`` is scored
with the corpus's own scorer (body-paragraph F1, heading F1, truth captions inside paragraphs,
sentences lost), plus captions found as caption blocks and furniture strings left in the text;
the text path (``magclean.clean_text`` of each extractor's ``input.txt``) is scored beside it.
Printed per engine × columns. Not a test: it prints measured numbers.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def load_scorer(path: Path):
    """The corpus's score module, loaded from its file (it is not part of this package)."""
    spec = importlib.util.spec_from_file_location("roundtrip_score", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


def pdf_counts(pdf: Path, truth: dict, score) -> Counter:
    """The scorer's counts for the PDF path, plus captions found and furniture left."""
    import magclean

    doc = magclean.clean(pdf)
    blocks = [(b.kind, b.text) for a in doc.articles for b in a.blocks]
    counts = Counter(score.score_blocks(truth, blocks))
    found = Counter(score.normalise(t) for k, t in blocks if k == "caption")
    truths = [b for a in truth["articles"] for b in a["blocks"] if b["kind"] == "caption"]
    # A caption is found when an output caption is its text, alone or with the credit printed
    # after it (the Document keeps a credit inside its caption block, as the text path does).
    counts["captions_found"] = 0
    for block in truths:
        forms = [score.normalise(block["text"])]
        if block.get("credit"):
            forms.append(score.normalise(f"{block['text']} {block['credit']}"))
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


def text_counts(folder: Path, truth: dict, score) -> dict[str, Counter]:
    """The scorer's counts for each extractor's text through the text path."""
    found = {}
    for extractor in score.EXTRACTORS:
        path = folder / extractor / "input.txt"
        if path.exists():
            found[extractor] = Counter(score.score_blocks(truth, score.magclean_blocks(
                path.read_bytes().decode("utf-8"))))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdfs", type=Path, required=True)
    parser.add_argument("--truth", type=Path, required=True)
    parser.add_argument("--scorer", type=Path, required=True)
    parser.add_argument("--verbose", action="store_true", help="one line per document")
    args = parser.parse_args(argv)
    score = load_scorer(args.scorer)
    cells: dict[tuple[str, str], Counter] = {}
    for pdf in sorted(args.pdfs.glob("*.pdf")):
        truths = list(args.truth.glob(f"*/{pdf.stem}/truth.json"))
        if not truths:
            continue
        import json

        truth = json.loads(truths[0].read_text("utf-8"))
        layout = truth["layout"]
        mine = pdf_counts(pdf, truth, score)
        if args.verbose:
            print(pdf.stem, layout["columns"], dict(mine))
        rows = {"PDF (magclean)": mine} | text_counts(truths[0].parent, truth, score)
        for name, counts in rows.items():
            for cell in ((name, f"{layout['engine']} {layout['columns']}col"), (name, "all")):
                cells.setdefault(cell, Counter()).update(counts)
    print(f"{'input':18} {'engine×columns':16} {'body F1':>8} {'head F1':>8} {'capt. found':>12} "
          f"{'capt.in para':>12} {'sent. lost':>11} {'furn. left':>10} {'titles':>7}")
    for (name, cell), c in sorted(cells.items(), key=lambda kv: (kv[0][0] != "PDF (magclean)", kv[0])):
        body = score.f1(c["body_matched"], c["body_truth"], c["body_output"])
        head = score.f1(c["heading_matched"], c["heading_truth"], c["heading_output"])
        found = f"{c['captions_found']}/{c['captions']}" if "captions_found" in c else "-"
        left = f"{c['furniture_left']}/{c['furniture']}" if "furniture" in c else "-"
        titles = f"{c['titles_found']}/{c['titles']}" if "titles" in c else "-"
        print(f"{name:18} {cell:16} {body:8.1%} {head:8.1%} {found:>12} "
              f"{c['captions_in_paragraphs']}/{c['captions']:<6} "
              f"{c['sentences_lost']:>5}/{c['sentences']:<5} "
              f"{left:>10} {titles:>7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
