"""Fast paths of line predicates equal their plain definitions (the pattern alone)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cleaner.language import HAN, LATIN, SAMPLE_CHARS, TRADITIONAL_SHARE, _to_simplified, text_language
from cleaner.rules.english import HAN_CHAR, LATIN_LETTER, is_latin_text
from cleaner.rules.markers import GENERIC_MARKERS, _by_length, glued_marker, marker_pattern
from cleaner.rules.structure import (
    BRACKETED,
    ENDNOTE_WORDS,
    LABEL,
    SIGNATURE,
    TABLE_START,
    is_endnote,
    is_table_residue,
    label_of,
)

PIECES = st.sampled_from(["：", ":", "获奖", "理由", "中", "a", "B", "c", " ", "，", "\n", "返回目录",
                          "上一篇", "目录", "Xi", "。", "“", "（", "(", "）", ")", "编辑", "表", "1", "注",
                          "资料来源", "單", "國", "說"])
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


def plain_endnote(text: str) -> bool:
    if not BRACKETED.match(text):
        return False
    inner = text[1:-1]
    if "（" in inner or "(" in inner:
        return bool(ENDNOTE_WORDS.search(text))
    return bool(ENDNOTE_WORDS.search(text)) or bool(SIGNATURE.match(text))


@given(TEXTS)
def test_bracket_and_table_tests_equal_patterns(text: str) -> None:
    is_endnote.cache_clear()
    is_table_residue.cache_clear()
    assert is_endnote(text) == plain_endnote(text)
    assert is_table_residue(text) == bool(TABLE_START.match(text))


def plain_language(lines: list[str]) -> str:
    parts, found, latin = [], 0, False
    for line in lines:
        part = "".join(HAN.findall(line, 0, 2 * SAMPLE_CHARS))
        parts.append(part)
        found += len(part)
        latin = latin or bool(LATIN.search(line, 0, 2 * SAMPLE_CHARS))
        if found >= SAMPLE_CHARS:
            break
    if not found:
        return "en" if latin else "zh-Hans"
    han = "".join(parts)[:SAMPLE_CHARS]
    simplified = _to_simplified().convert(han)
    share = sum(a != b for a, b in zip(han, simplified, strict=True)) / len(han)
    return "zh-Hant" if share >= TRADITIONAL_SHARE else "zh-Hans"


@given(st.lists(TEXTS, max_size=5))
def test_text_language_equals_plain(lines: list[str]) -> None:
    assert text_language(lines) == plain_language(lines)


def test_table_first_characters_open_every_table_start() -> None:
    from cleaner.rules.structure import TABLE_FIRST

    starts = ["表1：", "图2:", "附表3.", "注：", "单位：", "资料来源：", "数据来源：", "来源：", "说明："]
    assert all(TABLE_START.match(start) for start in starts)
    assert {start[0] for start in starts} == TABLE_FIRST


CONTROL_PIECES = ["a", "中", " ", "\u3000", "\t", "\x08", "\x0c", "\u200b", "\ufeff", "\u00ad", "\xa0",
                  "\uffff", "/", "：", "｜", "1"]
CONTROLS = st.text(alphabet=st.sampled_from(CONTROL_PIECES), max_size=10)


def test_every_dropped_character_is_unprintable() -> None:
    from cleaner.lines import DROPPED

    assert DROPPED and not any(chr(code).isprintable() for code in DROPPED)


@given(CONTROLS | TEXTS)
def test_str_scans_equal_their_classes(text: str) -> None:
    from cleaner.lines import DROPPED_CHAR, has_invisible
    from cleaner.rules.captions import CREDIT_SEPARATOR, has_credit_separator
    from cleaner.rules.spacing import LATIN_CHAR, has_latin_char

    assert has_invisible(text) == (DROPPED_CHAR.search(text) is not None)
    assert has_credit_separator(text) == (CREDIT_SEPARATOR.search(text) is not None)
    assert has_latin_char(text) == (LATIN_CHAR.search(text) is not None)


def test_the_scans_name_the_classes_characters() -> None:
    from cleaner.rules.captions import CREDIT_SEPARATORS, has_credit_separator
    from cleaner.rules.english import ASCII_LETTERS, LATIN_LETTER
    from cleaner.rules.spacing import LATIN_BYTES, LATIN_CHAR

    assert all(has_credit_separator(f"图{mark}新华") for mark in CREDIT_SEPARATORS)
    assert {chr(c) for c in ASCII_LETTERS} == {chr(c) for c in range(128) if LATIN_LETTER.match(chr(c))}
    assert {chr(c) for c in LATIN_BYTES} == {chr(c) for c in range(128) if LATIN_CHAR.match(chr(c))}
