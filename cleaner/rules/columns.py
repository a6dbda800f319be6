"""Columns set side by side on one output line (``pdftotext -layout``): where the gutter is, and
how a line divides at it.

The extractor pads the left column with spaces so that the right column starts at the same
character position on every line of a page; that position, held down the page by lines that
have text on both sides of a run of spaces, is the gutter.

>>> page = [f"左栏第{n}行文字内容    右栏第{n}行" for n in "一二三四五六"]
>>> gutter_index(page)
13
>>> split_at_gutter(page[0], 13)
('左栏第一行文字内容', '右栏第一行')
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import regex

# A run of at least two spaces with text after it: where a right-hand column may begin.
RIGHT_START = regex.compile(r"(?<=\S)( {2,})(?=\S)|^( {8,})(?=\S)")


def right_starts(line: str) -> list[int]:
    """Character positions where text starts after a run of spaces (or a deep indent).

    >>> right_starts("左栏    右栏"), right_starts("        右栏"), right_starts("一个 空格")
    ([6], [8], [])
    """
    return [m.end() for m in RIGHT_START.finditer(line)]


def gutter_index(lines: Sequence[str], minimum_share: float = 0.3) -> int | None:
    """The character position where the right column starts on this page, or None.

    It must be the most common start after a run of spaces, held by at least five lines and by a
    good share of the page's text lines, and few lines may cross it.
    """
    texts = [line.rstrip() for line in lines if line.strip()]
    if len(texts) < 6:
        return None
    votes = Counter(p for line in texts for p in right_starts(line))
    if not votes:
        return None
    position, held = votes.most_common(1)[0]
    if held < 5 or held < minimum_share * len(texts) or position < 8:
        return None
    crossing = sum(1 for line in texts if _crosses(line, position))
    return position if crossing <= 0.25 * len(texts) else None


def _crosses(line: str, position: int) -> bool:
    """Text runs across the gutter: a line set over both columns (a title, a wide caption)."""
    return len(line) > position and line[position - 2:position].strip() != ""


def split_at_gutter(line: str, position: int) -> tuple[str, str] | None:
    """The left and right parts of a line (either may be empty), or None when text crosses the gutter."""
    if _crosses(line.rstrip(), position):
        return None
    return line[:position].rstrip(), line[position:].rstrip()
