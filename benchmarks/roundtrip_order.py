"""How the extractors' reading order goes wrong on two columns, measured on the round-trip corpus.

Usage::

    .venv/bin/python benchmarks/roundtrip_order.py                  # dev split, as extracted
    .venv/bin/python benchmarks/roundtrip_order.py --after          # after the cleaner's column_order
    .venv/bin/python benchmarks/roundtrip_order.py --ceiling        # body F1 with every page in truth order
    .venv/bin/python benchmarks/roundtrip_order.py --extractor pdfminer --split heldout

Every extracted line is found in its document's truth text (the heads and blocks in reading
order, whitespace removed; a line found more than once is taken at the occurrence nearest the
previous line's end; a line found nowhere is furniture). Per page with at least four body lines,
the body lines are cut into runs that continue each other in the truth; the page is then

- in order: the runs come in truth order;
- line-by-line alternation: six runs or more, most of them one line long (L, R, L, R …);
- alternating text blocks: more runs, several lines long;
- one column's top first: two or three runs out of order;

and, independently, counted for a page number or running head, or a caption's lines, standing
between its body lines; for three or more lines narrower than 0.7 of the page's full line that
do not end their paragraph (lines beside a wrapped figure); and (pdfminer.six) for text boxes of
one or two lines on average. "followed by successor" counts the body lines whose truth successor
is on the page and comes right after them. ``--ceiling`` cleans every case again with its pages'
lines sorted into truth order (furniture first): what a perfect reading order would be worth to
the paragraph stages as they are. Not a test.
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.roundtrip import score
from cleaner.config import CleanConfig
from cleaner.layout import restore_column_order
from cleaner.lines import read_lines
from cleaner.text import display_width

WHITESPACE = re.compile(r"\s+")
BODY_KINDS = ("paragraph", "heading", "quote")
CAPTION_KINDS = ("caption", "credit")


@dataclass(frozen=True)
class TruthText:
    """A document's truth as one string (whitespace removed), with the kind of every character's
    segment and the offsets where segments end."""

    text: str
    kinds: tuple[str, ...]
    ends: frozenset[int]


def truth_text(truth: dict) -> TruthText:
    """The truth's heads and blocks in reading order.

    >>> blocks = [{"kind": "paragraph", "text": "第一 段。"},
    ...           {"kind": "caption", "text": "图", "credit": "摄/张"}]
    >>> t = truth_text({"articles": [{"title": "标题", "blocks": blocks}]})
    >>> t.text, t.kinds[2], sorted(t.ends)
    ('标题第一段。图摄/张', 'paragraph', [2, 6, 7, 10])
    """
    text, kinds, ends = "", [], set()
    segments: list[tuple[str, str]] = []
    for article in truth["articles"]:
        segments += [("head", article[key]) for key in ("section", "section_en", "title", "subtitle", "deck")
                     if article.get(key)]
        segments += [("head", byline) for byline in article.get("bylines") or []]
        for block in article["blocks"]:
            segments.append((block["kind"], block["text"]))
            if block.get("credit"):
                segments.append(("credit", block["credit"]))
    for kind, segment in segments:
        segment = WHITESPACE.sub("", segment)
        text += segment
        kinds += [kind] * len(segment)
        ends.add(len(text))
    return TruthText(text, tuple(kinds), frozenset(ends))


@dataclass(frozen=True)
class PlacedLine:
    """An extracted line and where it stands in the truth (start None: furniture)."""

    index: int
    text: str
    kind: str
    start: int | None
    end: int | None
    box: int  # the text block (run of lines between blank lines) it stands in


def place_lines(page: list[str], truth: TruthText, previous_end: int) -> tuple[list[PlacedLine], int]:
    """Each non-blank line of a page placed in the truth; returns the lines and the last end."""
    placed, box = [], 0
    for i, line in enumerate(page):
        core = WHITESPACE.sub("", line)
        if not core:
            box += 1
            continue
        starts = [m.start() for m in re.finditer(f"(?={re.escape(core)})", truth.text)]
        if not starts:
            placed.append(PlacedLine(i, line, "furniture", None, None, box))
            continue
        start = min(starts, key=lambda s: abs(s - previous_end))
        kind = truth.kinds[start]
        kind = "caption" if kind in CAPTION_KINDS else "body" if kind in BODY_KINDS else kind
        placed.append(PlacedLine(i, line, kind, start, start + len(core), box))
        previous_end = start + len(core)
    return placed, previous_end


def page_kinds(placed: list[PlacedLine], truth: TruthText, pdfminer: bool) -> tuple[list[str], int, int]:
    """The kinds of disorder of one page, and (followed by successor, could be) counts."""
    body = [line for line in placed if line.kind == "body"]
    starts = {line.start for line in body}
    possible = sum(1 for line in body if line.end in starts)
    followed = sum(1 for a, b in itertools.pairwise(body) if b.start == a.end)
    runs: list[list[PlacedLine]] = [[body[0]]]
    for a, b in itertools.pairwise(body):
        if b.start == a.end:
            runs[-1].append(b)
        else:
            runs.append([b])
    run_starts = [run[0].start for run in runs]
    kinds = []
    if run_starts == sorted(run_starts):
        kinds.append("in order")
    elif len(runs) >= 6 and sum(1 for run in runs if len(run) == 1) >= 0.6 * len(runs):
        kinds.append("line-by-line L/R alternation")
    elif len(runs) <= 3:
        kinds.append("one column's top first (2-3 runs out of order)")
    else:
        kinds.append("alternating text blocks (runs of lines)")
    first, last = body[0].index, body[-1].index
    between = [line for line in placed if first < line.index < last]
    if any(line.kind == "furniture" for line in between):
        kinds.append("page number or running head between body lines")
    if any(line.kind == "caption" for line in between):
        kinds.append("caption lines between body lines")
    widths = sorted(display_width(line.text.strip()) for line in body)
    full = widths[(3 * len(widths)) // 4]
    narrow = [line for line in body
              if display_width(line.text.strip()) < 0.7 * full and line.end not in truth.ends]
    if len(narrow) >= 3:
        kinds.append("wrapped-figure lines (3+ narrow lines inside a paragraph)")
    if pdfminer:
        boxes = Counter(line.box for line in placed)
        if sum(boxes.values()) <= 2 * len(boxes):
            kinds.append("pdfminer boxes of 1-2 lines")
    return kinds, followed, possible


def pages_of(case: score.Case, after: bool) -> list[list[str]]:
    """The case's pages as lists of lines: as extracted, or in the order ``column_order`` leaves."""
    text = case.text().replace("\r\n", "\n")
    if not after:
        return [page.split("\n") for page in text.split("\f")]
    ordered, _ = restore_column_order(read_lines(text.split("\n")), CleanConfig())
    pages: list[list[str]] = []
    for line in ordered:
        if line.form_feed or not pages:
            pages.append([])
        pages[-1] += [""] * min(line.gap, 1) + [line.text]
    return pages


def in_truth_order(case: score.Case) -> str:
    """The case's text with every page's lines sorted into truth order (furniture first)."""
    truth = truth_text(case.truth())
    text = case.text().replace("\r\n", "\n")
    pages, end = [], 0
    for page in text.split("\f"):
        placed, end = place_lines(page.split("\n"), truth, end)
        placed.sort(key=lambda line: -1 if line.start is None else line.start)
        pages.append(("\n\n" if case.extractor == "pdfminer" else "\n").join(line.text for line in placed))
    return "\f".join(pages)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Reading-order disorder of two-column round-trip cases.")
    parser.add_argument("--split", choices=("dev", "heldout"), default="dev")
    parser.add_argument("--corpus", type=Path,
                        help="a corpus folder other than fixtures/roundtrip (e.g. /tmp/dev2)")
    parser.add_argument("--extractor", action="append", choices=score.EXTRACTORS,
                        help="extractors to measure (default: pdftotext and pdfminer)")
    parser.add_argument("--columns", type=int, choices=(1, 2), default=2)
    parser.add_argument("--after", action="store_true", help="measure the order column_order leaves")
    parser.add_argument("--ceiling", action="store_true",
                        help="body F1 of the cleaner with every page's lines in truth order")
    args = parser.parse_args(argv)
    extractors = args.extractor or ["pdftotext", "pdfminer"]
    cases = [c for c in score.load_cases(args.split, args.corpus or score.CORPUS)
             if c.columns == args.columns and c.extractor in extractors]
    if not cases:
        print("magclean: error: no round-trip corpus cases to measure", file=sys.stderr)
        return 2
    if args.ceiling:
        counts: dict[tuple[str, str, str], Counter] = {}
        for case in cases:
            for label, text in (("as extracted", case.text()), ("truth order", in_truth_order(case))):
                found = score.score_blocks(case.truth(), score.magclean_blocks(text))
                counts.setdefault((case.extractor, case.engine, label), Counter()).update(found)
        for (extractor, engine, label), found in sorted(counts.items()):
            figures = score.figures(found)
            print(f"{extractor:17} {engine:10} {label:13} body F1 {figures['body_f1']:.1%}"
                  f"  head F1 {figures['heading_f1']:.1%}  sent. lost {figures['sentences_lost']}")
        return 0
    tally: dict[tuple[str, str], Counter] = {}
    for case in cases:
        truth = truth_text(case.truth())
        cell = tally.setdefault((case.extractor, case.engine), Counter())
        end = 0
        for page in pages_of(case, args.after):
            placed, end = place_lines(page, truth, end)
            if sum(1 for line in placed if line.kind == "body") < 4:
                continue
            kinds, followed, possible = page_kinds(placed, truth, case.extractor == "pdfminer")
            cell.update(kinds)
            cell.update({"pages": 1, "followed": followed, "possible": possible})
    order = "after column_order" if args.after else "as extracted"
    corpus = f" {args.corpus}" if args.corpus else ""
    print(f"round-trip corpus{corpus}, {args.split}, {args.columns} column(s), {order}:"
          " pages by kind of disorder")
    for (extractor, engine), cell in sorted(tally.items()):
        share = cell["followed"] / cell["possible"] if cell["possible"] else 1.0
        print(f"{extractor} {engine}: {cell['pages']} pages; body lines followed by their successor "
              f"{cell['followed']}/{cell['possible']} = {share:.1%}")
        for kind, n in sorted(cell.items(), key=lambda item: (-item[1], item[0])):
            if kind not in ("pages", "followed", "possible"):
                print(f"    {n:4d}  {kind}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
