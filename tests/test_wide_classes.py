"""The stdlib classes of common wide and narrow characters agree with the plain definition
(``WIDE_RUN``, the ``regex`` module's East_Asian_Width), character by character, and the fast
measures built on them equal the plain ones."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from cleaner.rules.reflow import EM_MARKS, em_count
from cleaner.text import COMMON_NARROW, COMMON_WIDE, WIDE_RUN, all_wide, display_width


def members(char_class: str) -> list[str]:
    """Every character a class of ranges holds."""
    pattern = re.compile(f"[{char_class}]")
    return [chr(c) for c in range(0x30000) if not 0xD800 <= c <= 0xDFFF and pattern.match(chr(c))]


def test_common_wide_are_wide() -> None:
    wide = members(COMMON_WIDE)
    assert len(wide) > 20000 and all(WIDE_RUN.fullmatch(ch) for ch in wide)


def test_common_narrow_are_narrow() -> None:
    assert len(COMMON_NARROW) > 128 and not any(WIDE_RUN.fullmatch(ch) for ch in COMMON_NARROW)


def plain_width(text: str) -> int:
    return 2 * len(text) - len(WIDE_RUN.sub("", text))


def plain_em_count(text: str) -> int:
    return len(text) if all_wide(text, EM_MARKS) else 0


SAMPLES = ["“中美”关系—2023年……", "한국어 ｶﾅ", "中文，", "Ａ全角", "α中", "﹏中", "𠀀中",
           "中美关系，“止跌”回稳", "英伟达H100", "·中·", "中\u3000文", "", "\u2e80\u303f"]
OTHERS = {"a", " ", "\u00e9", "\u2028", "\uff61", "\U0001f600"}
chars = st.sampled_from(sorted(set("".join(SAMPLES)) | OTHERS))


@given(st.lists(chars, max_size=12).map("".join) | st.text(max_size=12))
def test_fast_measures_equal_plain(text: str) -> None:
    display_width.cache_clear()
    assert display_width(text) == plain_width(text)
    assert em_count(text) == plain_em_count(text)


def test_samples() -> None:
    for text in SAMPLES:
        assert display_width(text) == plain_width(text) and em_count(text) == plain_em_count(text)
