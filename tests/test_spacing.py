"""The author's spaces, fenced on the held-out round-trip corpus at the measured values
(``benchmarks/spacing_accuracy.py`` prints them): of the paragraphs that match a truth paragraph,
how many match it in their spaces too (a floor), and how many spaces stand between two CJK
characters where the truth has none (a ceiling). Raise the floors as the cleaner improves."""

import pytest

from benchmarks import spacing_accuracy

# (extractor, engine): (paragraphs exact in their spaces, stray spaces between CJK characters)
FENCES: dict[tuple[str, str], tuple[int, int]] = {
    ("pdfminer", "weasyprint"): (343, 0),
    ("pdfminer", "xelatex"): (173, 10),
    ("pdftotext", "weasyprint"): (322, 9),
    ("pdftotext", "xelatex"): (178, 35),
    ("pdftotext-layout", "weasyprint"): (484, 31),
    # 81 → 83 stray spaces: 404 paragraphs match here now (358 before), so more are counted;
    # per matched paragraph it is fewer (0.23 → 0.21). 83 → 84, accepted by the lead with the
    # heading work (held-out headings 42.8% → 50.0%): a short line with a full stop inside now
    # runs its open sentence on into the next line, and on one `-layout` page that line holds a
    # gap between two Han characters; every narrowing tried cost this cell's body F1 its floor.
    # lay10 (-layout columns one space apart cut at the page's measure): 84 → 48 stray spaces,
    # 252 → 263 exact, as the other column's text no longer stays inside the line.
    ("pdftotext-layout", "xelatex"): (263, 48),
    ("pypdfium2", "weasyprint"): (466, 2),
    # para8: the four xelatex floors raised to the values measured with its paragraph rules
    # (main measured 171 / 174 / 251 / 266 before them). After merging para8, para8b and col8
    # the three weasyprint floors rose with the paragraphs matched (330/312/461 -> 343/321/464).
    # Tenth round (head10, lay10, pdf10, para10 merged): six fences raised to their measured values.
    ("pypdfium2", "xelatex"): (270, 20),
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
