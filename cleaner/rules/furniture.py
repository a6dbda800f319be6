"""Page furniture: running heads and page numbers, found because they recur page after page.

No magazine's strings are listed here: a line is furniture when its shape (digits folded) comes
back on many pages, or when it is a bare page number standing at a page break.

>>> furniture_key("财经 2023年第24期 P45")
'财经####年第##期P##'
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import regex

from cleaner.lines import Line
from cleaner.profile import pattern_search
from cleaner.text import display_width, ends_sentence

DIGIT = regex.compile(r"\d")
SPACES = regex.compile(r"\s+")
PAGE_NUMBER = regex.compile(r"^(?:[-—–]\s*)?(?:P|p|第)?\s*\d{1,3}\s*(?:页)?(?:\s*[-—–])?$")
# A bare year is not furniture: it is a year split from its 年 (see rules/years.py).
YEAR = regex.compile(r"^(?:19|20)\d\d$")


def furniture_key(text: str) -> str:
    """The shape of a line: digits folded, spaces removed, so "P45" and "P46" look alike."""
    return DIGIT.sub("#", SPACES.sub("", text))


def is_page_number(text: str) -> bool:
    """True for a bare page number such as "45", "P45", "- 45 -" or "第45页".

    >>> is_page_number("118"), is_page_number("2023"), is_page_number("118亿元")
    (True, False, False)
    """
    return bool(PAGE_NUMBER.match(text)) and not YEAR.match(text)


def find_page_furniture(lines: Sequence[Line], patterns: Sequence[str] = ()) -> set[int]:
    """Indexes of ``lines`` that are running heads or page numbers.

    A short line without sentence-ending punctuation is furniture when its shape recurs on at
    least a third of the pages (and at least three times), or when it matches a profile pattern.
    A bare page number is furniture when it stands next to a page break.
    """
    pages = 1 + sum(line.page_break for line in lines)

    def candidate(line: Line) -> bool:
        return display_width(line.text) <= 40 and not ends_sentence(line.text)

    counts = Counter(furniture_key(line.text) for line in lines if candidate(line))
    # Without page marks the number of pages is unknown: ask for more repetitions instead.
    needed = max(3.0, pages / 3) if pages > 1 else 5.0
    recurring = {key for key, n in counts.items() if n >= needed and key != "####"}
    found: set[int] = set()
    for i, line in enumerate(lines):
        following = lines[i + 1] if i + 1 < len(lines) else None
        at_break = line.page_break or following is None or following.page_break
        recurs = candidate(line) and furniture_key(line.text) in recurring
        page_number = is_page_number(line.text) and (at_break or i - 1 in found)
        beside_head = i - 1 in found and page_number  # a page number right under its running head
        if any(pattern_search(p, line.text) for p in patterns) or beside_head or \
                ((recurs or page_number) and not _continues(line, following)):
            found.add(i)
    return found


def _continues(line: Line, following: Line | None) -> bool:
    """A number that the next line continues (年, 月, %, a unit) is text, not a page number."""
    return (following is not None and line.text[-1:].isdigit()
            and following.text[:1] in "年月日号%％万亿元个人家次岁")
