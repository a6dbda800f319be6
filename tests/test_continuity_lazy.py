"""A model's first scores, counted from the texts themselves (``Continuity._counts_of``), are
the scores of the model that counted every pair (``Continuity._learn``), to the last bit."""

from __future__ import annotations

import itertools
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from cleaner.lines import read_lines
from cleaner.rules.continuity import LAZY_SCORES, Continuity

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "000_b75e2609f1de16f2.txt"
TEXT = st.text(alphabet="中文的乙 a\n\t\u3000\ud800\U0001f600。", max_size=8)


def learned(texts: list[str]) -> Continuity:
    model = Continuity(texts)
    model._learn()
    return model


@given(st.lists(TEXT, max_size=6), st.lists(st.tuples(TEXT, TEXT), min_size=1, max_size=12))
def test_lazy_scores_equal_learned(texts: list[str], asked: list[tuple[str, str]]) -> None:
    lazy, full = Continuity(texts), learned(texts)
    assert [lazy.score(a, b) for a, b in asked] == [full.score(a, b) for a, b in asked]


def test_seed_scores_equal_learned_past_the_lazy_ones() -> None:
    texts = [line.text for line in read_lines(SEED.read_text("utf-8").splitlines())]
    asked = list(itertools.pairwise(texts[:4 * LAZY_SCORES]))
    lazy, full = Continuity(texts), learned(texts)
    assert [lazy.score(a, b) for a, b in asked] == [full.score(a, b) for a, b in asked]
    assert lazy._texts is None  # the later ones were read from the counted pairs


def test_lazy_scores_in_batches_equal_learned(monkeypatch) -> None:
    """Texts joined a small batch at a time score as the whole issue counted at once."""
    import cleaner.rules.continuity as continuity

    texts = [line.text for line in read_lines(SEED.read_text("utf-8").splitlines())]
    asked = list(itertools.pairwise(texts[:LAZY_SCORES + 1]))
    full = learned(texts)
    monkeypatch.setattr(continuity, "BATCH_CHARS", 100)
    lazy = Continuity(texts)
    assert len(list(continuity.batches(texts, 100))) > 1000
    asked = asked[:LAZY_SCORES]
    assert [lazy.score(a, b) for a, b in asked] == [full.score(a, b) for a, b in asked]
