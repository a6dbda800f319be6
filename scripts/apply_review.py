#!/usr/bin/env python3
"""Build a golden Document from an input and its human review.

usage: apply_review.py INPUT.txt REVIEW.tsv OUT.golden.json OUT.golden.txt

REVIEW.tsv holds an editor's verdicts, one per line (tab-separated, '#' comments):
  BREAK  L  reason            a new paragraph starts at source line L
  JOIN   L  reason            source line L continues the paragraph before it
  KIND   L  kind  reason      the block starting at line L is of this kind
  HEAD   A  field  value  reason   the head field of the article starting at line A
The cleaner is run with the BREAK/JOIN verdicts imposed (so the text of every paragraph is the
faithful join of its source lines); KIND and HEAD verdicts are then applied to the blocks.
The result is the reviewed truth the regression tests compare against; it is written once,
after review, and never regenerated from a newer cleaner without a new review.
"""

from __future__ import annotations

import csv
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cleaner import CleanConfig, clean, read_source
from converters.text import render_text


def main() -> None:
    source, review, golden_json, golden_txt = sys.argv[1:5]
    with open(review, encoding="utf-8") as handle:
        rows = [r for r in csv.reader(handle, delimiter="\t") if r and not r[0].startswith("#")]
    breaks = {int(r[1]): r[0] == "BREAK" for r in rows if r[0] in ("BREAK", "JOIN")}
    kinds = {int(r[1]): r[2] for r in rows if r[0] == "KIND"}
    heads = {(int(r[1]), r[2]): r[3] for r in rows if r[0] == "HEAD"}
    doc = clean(read_source(source), CleanConfig(paragraph_breaks=breaks))
    articles = []
    for article in doc.articles:
        blocks = tuple(replace(b, kind=kinds.get(b.lines[0], b.kind)) for b in article.blocks)
        changes = {field: (None if value == "None" else value)
                   for (start, field), value in heads.items() if start == article.lines[0]}
        if "bylines" in changes:
            changes["bylines"] = tuple(x.strip() for x in (changes["bylines"] or "").split("|") if x.strip())
        articles.append(replace(article, blocks=blocks, **changes))
    golden = replace(doc, articles=tuple(articles))
    Path(golden_json).write_text(golden.to_json(), encoding="utf-8")
    Path(golden_txt).write_text(render_text(golden), encoding="utf-8")


if __name__ == "__main__":
    main()
