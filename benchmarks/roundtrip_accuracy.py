"""How well the cleaner recovers real magazine PDFs: the round-trip corpus benchmark.

Usage::

    .venv/bin/python benchmarks/roundtrip_accuracy.py                 # held-out split, all cases
    .venv/bin/python benchmarks/roundtrip_accuracy.py --split dev
    .venv/bin/python benchmarks/roundtrip_accuracy.py --quick         # fixed sample of ~40 held-out cases
    .venv/bin/python benchmarks/roundtrip_accuracy.py --json          # the figures as one JSON object
    .venv/bin/python benchmarks/roundtrip_accuracy.py --floors        # held-out figures as test floors

The corpus (``fixtures/roundtrip``, made by ``python -m benchmarks.roundtrip.generate``) holds
documents typeset by real engines and extracted by real programs, with exact truth. Printed per
extractor × columns × engine, for magclean (``magclean.clean_text``) and for a simple baseline
(opencc-pyo3's ``reflow_cjk_paragraphs``, whose blank-line-separated pieces are taken as
paragraphs): body paragraph F1 (exact whole paragraphs), heading F1, truth captions found inside
output paragraphs, and truth sentences found whole in no output block. Not a test: the floors
are in ``tests/test_roundtrip.py``.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.roundtrip import score


def cell_label(cell: tuple) -> str:
    extractor, columns, engine = cell
    return "all" if extractor == "all" else f"{extractor} {columns}col {engine}"


def percent(figs: dict | None, key: str) -> str:
    return f"{figs[key]:.1%}" if figs else "-"


def fraction(figs: dict | None, part: str, whole: str) -> str:
    return f"{figs[part]}/{figs[whole]}" if figs else "-"


def table(ours: dict, base: dict | None, cases: dict) -> str:
    """The figures as a text table, one row per cell; ``base`` columns are the baseline's."""
    head = (f"{'extractor × columns × engine':34} {'cases':>5} {'body F1':>8} {'base':>6} {'head F1':>8} "
            f"{'base':>6} {'capt.in para':>12} {'base':>7} {'sent. lost':>11} {'base':>10}")
    rows = [head, "-" * len(head)]
    order = [*sorted((c for c in ours if c[0] != "all"), key=lambda c: (c[2], c[0], c[1])), ("all", 0, "all")]
    for cell in order:
        mine = score.figures(ours[cell])
        theirs = score.figures(base[cell]) if base else None
        rows.append(
            f"{cell_label(cell):34} {cases[cell]:>5} {percent(mine, 'body_f1'):>8} "
            f"{percent(theirs, 'body_f1'):>6} {percent(mine, 'heading_f1'):>8} "
            f"{percent(theirs, 'heading_f1'):>6} "
            f"{fraction(mine, 'captions_in_paragraphs', 'captions'):>12} "
            f"{fraction(theirs, 'captions_in_paragraphs', 'captions'):>7} "
            f"{fraction(mine, 'sentences_lost', 'sentences'):>11} "
            f"{fraction(theirs, 'sentences_lost', 'sentences'):>10}")
    return "\n".join(rows)


def floors_table(ours: dict) -> str:
    """The held-out figures as the ``FLOORS`` table of tests/test_roundtrip.py: F1 rounded down
    to the printed 0.1%, counts as they are (ceilings)."""
    rows = ["FLOORS: dict[tuple[str, int, str], tuple[float, float, int, int]] = {"]
    for cell in sorted(c for c in ours if c[0] != "all"):
        figs = score.figures(ours[cell])
        body, heading = (math.floor(round(figs[k] * 1000, 6)) / 1000 for k in ("body_f1", "heading_f1"))
        counts = f"{figs['captions_in_paragraphs']}, {figs['sentences_lost']}"
        rows.append(f"    {cell!r}: ({body}, {heading}, {counts}),")
    return "\n".join([*rows, "}"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Round-trip corpus accuracy of magclean and a baseline.")
    parser.add_argument("--split", choices=("dev", "heldout"), default="heldout")
    parser.add_argument("--quick", action="store_true", help="a fixed sample of about 40 held-out cases")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    parser.add_argument("--corpus", type=Path, default=score.CORPUS,
                        help="a corpus folder other than fixtures/roundtrip (e.g. extra dev documents "
                             "made with generate --extra-dev)")
    parser.add_argument("--floors", action="store_true",
                        help="print the figures as the FLOORS table of tests/test_roundtrip.py")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    cases = score.load_cases("heldout" if args.quick else args.split, args.corpus)
    if args.quick:
        cases = score.quick_sample(cases)
    if not cases:
        print(f"magclean: error: no round-trip corpus under {args.corpus} "
              "(python -m benchmarks.roundtrip.generate makes it)", file=sys.stderr)
        return 2
    counted: dict = {}
    for case in cases:
        for cell in (score.cell_of(case), ("all", 0, "all")):
            counted[cell] = counted.get(cell, 0) + 1
    ours = score.score_cases(cases, score.magclean_blocks)
    base = score.score_cases(cases, score.baseline_blocks) if score.baseline_available() else None
    seconds = time.perf_counter() - started
    if args.floors:
        print(floors_table(ours))
        return 0
    if args.json:
        result = {"split": "heldout" if args.quick else args.split, "quick": args.quick, "cases": len(cases),
                  "seconds": round(seconds, 1),
                  "cells": {cell_label(c): {"cases": counted[c], "magclean": score.figures(ours[c]),
                                            "baseline": score.figures(base[c]) if base else None}
                            for c in ours}}
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    split = "heldout (quick sample)" if args.quick else args.split
    print(f"round-trip corpus, {split}: {len(cases)} cases "
          f"(base = opencc-pyo3 reflow_cjk_paragraphs)")
    print(table(ours, base, counted))
    if base is None:
        print("baseline: not installed (pip install opencc-pyo3, or -e '.[corpus]')")
    print(f"{seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
