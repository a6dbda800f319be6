"""Fast paths of line predicates equal their plain definitions (the pattern alone)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cleaner.rules.english import HAN_CHAR, LATIN_LETTER, is_latin_text
from cleaner.rules.markers import GENERIC_MARKERS, _by_length, glued_marker, marker_pattern
from cleaner.rules.structure import LABEL, label_of

PIECES = st.sampled_from(["：", ":", "获奖", "理由", "中", "a", "B", "c", " ", "，", "\n", "返回目录",
                          "上一篇", "目录", "Xi", "。", "“", "（"])
TEXTS = st.lists(PIECES, max_size=10).map("".join) | st.text(max_size=14)


def plain_label(text: str) -> str | None:
    match = LABEL.match(text)
    return match.group(1) if match else None


def plain_latin(text: str) -> bool:
    letters = len(LATIN_LETTER.findall(text))
    return letters >= 3 and len(HAN_CHAR.findall(text)) * 4 < letters


@given(TEXTS)
def test_label_of_equals_pattern(text: str) -> None:
    label_of.cache_clear()
    assert label_of(text) == plain_label(text)


@given(TEXTS)
def test_is_latin_text_equals_plain(text: str) -> None:
    is_latin_text.cache_clear()
    assert is_latin_text(text) == plain_latin(text)


@given(TEXTS, st.sampled_from([(), ("目录",), ("返回", "返回目录")]))
def test_glued_marker_equals_pattern(text: str, markers: tuple[str, ...]) -> None:
    ordered = _by_length(markers)
    assert set(GENERIC_MARKERS) <= set(ordered)
    assert glued_marker(text, ordered) == (marker_pattern(ordered).search(text) is not None)
