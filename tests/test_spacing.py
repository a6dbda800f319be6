"""The author's spaces, fenced on the held-out round-trip corpus at the measured values
(``benchmarks/spacing_accuracy.py`` prints them): of the paragraphs that match a truth paragraph,
how many match it in their spaces too (a floor), and how many spaces stand between two CJK
characters where the truth has none (a ceiling). Raise the floors as the cleaner improves."""

import pytest

from benchmarks import spacing_accuracy

# (extractor, engine): (paragraphs exact in their spaces, stray spaces between CJK characters)
FENCES: dict[tuple[str, str], tuple[int, int]] = {
    ("pdfminer", "weasyprint"): (321, 1),
    ("pdfminer", "xelatex"): (161, 10),
    ("pdftotext", "weasyprint"): (297, 10),
    ("pdftotext", "xelatex"): (167, 35),
    ("pdftotext-layout", "weasyprint"): (462, 32),
    ("pdftotext-layout", "xelatex"): (224, 81),
    ("pypdfium2", "weasyprint"): (447, 2),
    ("pypdfium2", "xelatex"): (259, 20),
}


@pytest.fixture(scope="module")
def measured():
    return spacing_accuracy.measure("heldout")


@pytest.mark.parametrize("cell", sorted(FENCES), ids=lambda c: f"{c[0]}-{c[1]}")
def test_spacing_stays_at_or_above_its_measured_value(measured, cell):
    exact, stray = FENCES[cell]
    assert measured[cell]["exact"] >= exact
    assert measured[cell]["stray"] <= stray


def test_every_cell_is_fenced(measured):
    assert {c for c in measured if c[0] != "all"} == set(FENCES)
