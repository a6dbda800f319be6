"""The per-line record and the speed paths give what the plain definitions give.

A line's features are computed once when it is made (``Line.__post_init__``) and read instead of
the cached predicates; the short cuts taken for speed (a set test for full-width characters, a
line without a Latin letter or without two spaces skipped) must answer as the definitions do.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import replace
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.config import CleanConfig
from cleaner.layout import lay_out
from cleaner.lines import Line, read_lines
from cleaner.rules.columns import RIGHT_START, right_starts
from cleaner.rules.continuity import Continuity, pair_key
from cleaner.rules.reflow import (
    EM_MARKS,
    LostIndent,
    column_width,
    decide_boundary,
    em_count,
    is_wrapped,
    learn_lost_indent,
    learn_margin_model,
)
from cleaner.rules.spacing import JOINED_SCRIPTS, SPACED_SCRIPTS, spaces_scripts
from cleaner.text import all_wide, ends_paragraph_mark, is_wide

SEED = Path(__file__).resolve().parents[2] / "fixtures" / "000_b75e2609f1de16f2.txt"
# Characters the predicates look at: sentence and paragraph ends, closers, brackets, quotes,
# ambiguous-width marks, Han, kana, Latin, digits, spaces.
ALPHABET = "。！？!?….：；，、”’」』）)》】（(“‘「中文的年あアAbz09 　—·"
TEXTS = st.text(alphabet=ALPHABET, max_size=24)
SETTINGS = settings(max_examples=400, derandomize=True, deadline=None, database=None)


def test_seed_lines_carry_their_feature_through_layout() -> None:
    lines = read_lines(SEED.read_text("utf-8").splitlines())
    laid_out, _ = lay_out(lines, CleanConfig())
    assert all(line.ends_mark == ends_paragraph_mark(line.text) for line in [*lines, *laid_out])
    assert sum(line.ends_mark for line in lines) > 1000  # the seed's lines do end paragraphs


@SETTINGS
@given(TEXTS, TEXTS)
def test_record_follows_the_text(text: str, other: str) -> None:
    line = Line(1, text)
    assert line.ends_mark == ends_paragraph_mark(text)
    assert replace(line, text=other).ends_mark == ends_paragraph_mark(other)
    assert line.with_text(other).ends_mark == ends_paragraph_mark(other)
    assert replace(line, measure=3).ends_mark == line.ends_mark


@SETTINGS
@given(TEXTS)
def test_all_wide_is_every_character_wide(text: str) -> None:
    assert all_wide(text) == all(is_wide(ch) for ch in text)
    assert all_wide(text, EM_MARKS) == all(is_wide(ch) or ch in EM_MARKS for ch in text)
    assert em_count(text) == (len(text) if all(is_wide(ch) or ch in EM_MARKS for ch in text) else 0)


@SETTINGS
@given(st.text(alphabet="中文 Ab1", max_size=30))
def test_right_starts_as_the_pattern_finds_them(text: str) -> None:
    assert right_starts(text) == [m.end() for m in RIGHT_START.finditer(text)]


@SETTINGS
@given(st.lists(st.text(alphabet="中文 Ab1。", max_size=16), max_size=8))
def test_spaces_scripts_counts_every_boundary(texts: list[str]) -> None:
    spaced = sum(len(SPACED_SCRIPTS.findall(t)) for t in texts)
    joined = sum(len(JOINED_SCRIPTS.findall(t)) for t in texts)
    assert spaces_scripts(texts) == (None if spaced + joined < 3 else spaced > joined)


def _counted_text_by_text(texts: list[str]) -> tuple[Counter, Counter, Counter]:
    """The pairs, firsts and seconds of the plain definition: every text on its own."""
    pairs, firsts, seconds = Counter(), Counter(), Counter()
    for text in texts:
        core = text.replace(" ", "")
        firsts.update(core[:-1])
        seconds.update(core[1:])
        pairs.update(core[i:i + 2] for i in range(len(core) - 1))
    return pairs, firsts, seconds


@SETTINGS
@given(st.lists(st.text(alphabet="中文的 a\n\ud800\U0001f600", max_size=8), max_size=6))
def test_continuity_counts_in_one_pass_as_text_by_text(texts: list[str]) -> None:
    model = Continuity(texts)
    model._learn()
    pairs, firsts, seconds = _counted_text_by_text(texts)
    assert (model.pair_counts(), model.firsts, model.seconds) == (pairs, firsts, seconds)
    assert all(model.pairs[pair_key(pair)] == n for pair, n in pairs.items())  # what score looks up
    assert model.total == (sum(firsts.values()) or 1)


def test_continuity_of_the_seed_counts_as_text_by_text() -> None:
    texts = [line.text for line in read_lines(SEED.read_text("utf-8").splitlines())]
    model = Continuity(texts)
    model._learn()
    assert (model.pair_counts(), model.firsts, model.seconds) == _counted_text_by_text(texts)
    assert model.total > 100_000


def test_issue_measures_read_from_lines_as_from_texts() -> None:
    """The measures of ``cleaner.rules.reflow`` read a line's width and end from its record:
    asked of the laid-out lines, they answer as asked of the bare texts."""
    lines, _ = lay_out(read_lines(SEED.read_text("utf-8").splitlines()), CleanConfig())
    texts = [line.text for line in lines]
    width = column_width(line.width for line in lines)
    assert is_wrapped(lines) == is_wrapped(texts) is True
    assert learn_margin_model(lines, width) == learn_margin_model(texts, width)
    assert learn_lost_indent(lines) == learn_lost_indent(texts)
    lost = LostIndent(full=width // 2, indent=2, compressed=1)
    assert [lost.opens_paragraph(line) for line in lines] == [lost.opens_paragraph(t) for t in texts]
    model = learn_margin_model(texts, width)
    for before, after in itertools.pairwise(lines):
        for paragraph_lines in (1, 4):
            assert decide_boundary(before, after, before.text, paragraph_lines, width, model) \
                == decide_boundary(before.text, after.text, before.text, paragraph_lines, width, model)


@SETTINGS
@given(TEXTS, TEXTS, st.integers(0, 70))
def test_boundary_of_lines_as_of_texts(before: str, after: str, width: int) -> None:
    if before and after:
        made = read_lines([before, after])
        if len(made) == 2:
            assert decide_boundary(made[0], made[1], made[0].text, 2, width, None) \
                == decide_boundary(made[0].text, made[1].text, made[0].text, 2, width, None)


def test_continuity_counts_in_batches_as_at_once(monkeypatch) -> None:
    """Texts joined a batch at a time (a 100 MB issue is not encoded at once) count the same."""
    import cleaner.rules.continuity as continuity

    texts = [line.text for line in read_lines(SEED.read_text("utf-8").splitlines())]
    whole = Continuity(texts)
    whole._learn()
    monkeypatch.setattr(continuity, "BATCH_CHARS", 100)
    batched = Continuity(texts)
    batched._learn()
    assert len(list(continuity.batches(texts, 100))) > 1000
    assert (batched.pairs, batched.firsts, batched.seconds, batched.total) \
        == (whole.pairs, whole.firsts, whole.seconds, whole.total)
