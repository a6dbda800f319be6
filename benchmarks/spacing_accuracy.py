"""How faithfully the cleaner keeps the author's spaces: the round-trip corpus benchmark of spacing.

Usage::

    .venv/bin/python benchmarks/spacing_accuracy.py                 # held-out split
    .venv/bin/python benchmarks/spacing_accuracy.py --split dev

``roundtrip_accuracy.py`` scores paragraphs with every space next to a CJK character ignored, so
that a join is judged apart from its spacing. This one scores the spacing: of the output
paragraphs that match a truth paragraph there, how many equal it also in their spaces (NFC,
runs of white space as one), and how many spaces stand between two CJK characters in output
paragraphs where the truth has none (letter-spaced lines left open, spaces beside ，、；：).
Printed per extractor × engine. Not a test: the floors are in ``tests/test_spacing.py``.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.roundtrip import score

CJK = "\u3001-\u303f\u4e00-\u9fff\uff01-\uffef"
SPACE_IN_CJK = re.compile(f"[{CJK}] +[{CJK}]")


def spaced(text: str) -> str:
    """NFC, runs of white space as one space, no space at either end."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def measure(split: str) -> dict[tuple[str, str], Counter]:
    """Per (extractor, engine): matched paragraphs, those exact in their spaces, stray CJK spaces."""
    cells: dict[tuple[str, str], Counter] = {}
    for case in score.load_cases(split):
        truth = score.truth_blocks(case.truth(), "paragraph")
        by_text = {score.normalise(p): spaced(p) for p in truth}
        truth_text = " ".join(spaced(p) for p in truth)
        counts = cells.setdefault((case.extractor, case.engine), Counter())
        for kind, text in score.magclean_blocks(case.text()):
            if kind != "paragraph":
                continue
            want = by_text.get(score.normalise(text))
            if want is not None:
                counts["matched"] += 1
                counts["exact"] += spaced(text) == want
            strays = [m.group(0) for m in SPACE_IN_CJK.finditer(spaced(text))]
            counts["stray"] += sum(1 for stray in strays if stray not in truth_text)
    total = Counter()
    for counts in cells.values():
        total.update(counts)
    cells[("all", "all")] = total
    return cells


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Round-trip corpus: the author's spaces kept.")
    parser.add_argument("--split", choices=("dev", "heldout"), default="heldout")
    args = parser.parse_args(argv)
    cells = measure(args.split)
    print(f"round-trip corpus, {args.split}: spacing of the paragraphs that match the truth")
    print(f"{'extractor × engine':28} {'matched':>8} {'exact in spaces':>16} {'stray CJK spaces':>17}")
    for cell in [*sorted(c for c in cells if c[0] != "all"), ("all", "all")]:
        counts = cells[cell]
        share = counts["exact"] / counts["matched"] if counts["matched"] else 1.0
        label = "all" if cell[0] == "all" else f"{cell[0]} {cell[1]}"
        print(f"{label:28} {counts['matched']:>8} {counts['exact']:>8} {share:>7.1%} {counts['stray']:>17}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
