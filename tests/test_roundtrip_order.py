"""benchmarks/roundtrip_order.py, the measure of how extractors disorder two columns, measures
what it says: one-column pages come in order, two-column pages of pdfminer.six do not."""

from __future__ import annotations

import doctest
from collections import Counter

from benchmarks import roundtrip_order
from benchmarks.roundtrip import score


def page_tally(columns: int, extractor: str) -> Counter:
    tally: Counter = Counter()
    for case in score.load_cases("dev"):
        if case.columns != columns or case.extractor != extractor:
            continue
        truth = roundtrip_order.truth_text(case.truth())
        end = 0
        for page in roundtrip_order.pages_of(case, after=False):
            placed, end = roundtrip_order.place_lines(page, truth, end)
            if sum(1 for line in placed if line.kind == "body") >= 4:
                kinds, followed, possible = roundtrip_order.page_kinds(placed, truth, extractor == "pdfminer")
                tally.update(kinds)
                tally.update({"pages": 1, "followed": followed, "possible": possible})
    return tally


def test_one_column_pages_are_found_in_order():
    tally = page_tally(1, "pdftotext")
    assert tally["in order"] == tally["pages"] > 40
    assert tally["followed"] == tally["possible"]


def test_pdfminer_interleaves_most_two_column_pages():
    tally = page_tally(2, "pdfminer")
    assert tally["in order"] < 0.25 * tally["pages"]
    assert tally["line-by-line L/R alternation"] > tally["alternating text blocks (runs of lines)"]


def test_the_order_benchmark_examples_hold():
    assert doctest.testmod(roundtrip_order).failed == 0
