"""PDF input on a fixed set of the round-trip corpus's own PDFs (fixtures/pdf): the first seed
of each engine × columns cell of each split (dev 1000/1002, held-out 5000/5002), typeset by the
corpus generator, with their truth.json copied from fixtures/roundtrip. Scored by
benchmarks/pdf_accuracy.py; the floors are its measured figures (``--floors``).

Raise a floor when the PDF path improves (never above what it measures, never lower one to let
a change through): body and heading F1 rounded down to 0.1%, captions found at least as measured,
captions inside paragraphs, sentences lost and furniture left at most as measured.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

pytest.importorskip("pypdfium2")

from benchmarks import pdf_accuracy

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "pdf"
# cell: (body F1, heading F1, captions found, captions in paragraphs, sentences lost, furniture left)
FLOORS: dict[str, tuple[float, float, int, int, int, int]] = {
    'weasyprint 1col': (1.0, 1.0, 3, 0, 0, 0),
    'weasyprint 2col': (1.0, 1.0, 6, 0, 0, 0),
    'xelatex 1col': (1.0, 1.0, 3, 0, 0, 0),
    'xelatex 2col': (1.0, 0.727, 6, 0, 0, 1),
}


@functools.cache
def measured() -> dict[str, dict[str, float | int]]:
    cells = pdf_accuracy.measure(FIXTURES, FIXTURES, with_text=False)
    return {cell: pdf_accuracy.figures(c) for (name, cell), c in cells.items()
            if name == pdf_accuracy.PDF_ROW and cell != "all"}


def test_the_fixed_set_covers_both_engines_both_column_counts_and_both_splits():
    documents = pdf_accuracy.documents(FIXTURES, FIXTURES)
    cells = {(truth.parent.parent.name, pdf_accuracy.cell_name(json.loads(truth.read_text("utf-8"))))
             for _, truth in documents}
    assert cells == {(split, cell) for split in ("dev", "heldout") for cell in FLOORS}
    assert len(documents) == 8
    assert sum(pdf.stat().st_size for pdf, _ in documents) < 3_000_000


def test_each_truth_is_the_corpus_truth():
    # The PDFs were made with the committed corpus: their truth must still be the corpus's.
    corpus = FIXTURES.parent / "roundtrip"
    for _, truth in pdf_accuracy.documents(FIXTURES, FIXTURES):
        assert truth.read_bytes() == (corpus / truth.relative_to(FIXTURES)).read_bytes()


@pytest.mark.parametrize("cell", sorted(FLOORS))
def test_pdf_scores_stay_at_their_floors(cell: str):
    body, heading, found, in_paragraphs, lost, furniture = FLOORS[cell]
    got = measured()[cell]
    assert got["body_f1"] >= body
    assert got["heading_f1"] >= heading
    assert got["captions_found"] >= found
    assert got["captions_in_paragraphs"] <= in_paragraphs
    assert got["sentences_lost"] <= lost
    assert got["furniture_left"] <= furniture
