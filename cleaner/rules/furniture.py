"""Page furniture: running heads and page numbers, found because they recur page after page.

No magazine's strings are listed here: a line is furniture when its shape (digits folded) comes
back on many pages, or when it is a bare page number standing at a page break.

>>> furniture_key("财经 2023年第24期 P45")
'财经####年第##期P##'
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import regex

from cleaner.lines import Line
from cleaner.profile import compile_pattern, pattern_search
from cleaner.rules.reflow import column_width
from cleaner.text import display_width, ends_paragraph_mark, ends_sentence

DIGIT = regex.compile(r"\d")
DIGITS = regex.compile(r"\d+")
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


def matches_any(text: str, patterns: Sequence[str]) -> bool:
    """True when a profile's furniture pattern matches the line.

    >>> matches_any("《城市周刊》2024年3月 第12期", [r"^《城市周刊》"]), matches_any("正文", [])
    (True, False)
    """
    # Compiled once per pattern: ``regex.search(p, …)`` looked each one up again on every line.
    return any(compile_pattern(p).search(text) for p in patterns)


def find_page_furniture(lines: Sequence[Line], patterns: Sequence[str] = ()) -> set[int]:
    """Indexes of ``lines`` that are running heads or page numbers.

    A short line without sentence-ending punctuation is furniture when its shape recurs on at
    least a third of the pages (and at least three times), or at least twice and every time at
    a page's edge (``at_page_edge``), or when it matches a profile pattern.
    A bare page number is furniture when it stands next to a page break. Where the extractor
    marked no pages, recurrence alone proves nothing (a speaker's label, a repeated heading):
    the recurring line must also count pages (its number goes up by one each time) or stand
    inside a sentence that goes on after it, as only something the page put there can.
    """
    # Pages are counted by the extractor's form feeds where it wrote them (a run of blank lines
    # may be a page break, or only space around a figure), else by the page breaks seen.
    feeds = sum(line.form_feed for line in lines)
    pages = 1 + (feeds if feeds else sum(line.page_break for line in lines))

    def candidate(line: Line) -> bool:
        # A head is short; one that carries the folio beside the left and right heads runs longer.
        limit = 60 if DIGIT.search(line.text) else 40
        return display_width(line.text) <= limit and not ends_sentence(line.text)

    # Each line's shape once (None: too long or a sentence, never furniture by recurrence); both
    # passes below read it.
    shapes = [furniture_key(line.text) if candidate(line) else None for line in lines]
    where: dict[str, list[int]] = {}
    for i, shape in enumerate(shapes):
        if shape is not None:
            where.setdefault(shape, []).append(i)
    width = column_width(line.width for line in lines)
    if pages > 1:
        needed = max(3.0, pages / 3)
        recurring = {key for key, found in where.items() if key != "####" and (
            len(found) >= needed
            # A head set on every other page (left and right heads) recurs less often, but it
            # stands at a page's edge every time.
            or (len(found) >= 2 and is_label_shaped(lines[found[0]].text)
                and all(at_page_edge(lines, i) for i in found)))}
    else:
        recurring = {key for key, found in where.items()
                     if len(found) >= 3 and key != "####"
                     and (counts_pages([lines[i].text for i in found])
                          or any(_inside_sentence(lines, i, width) for i in found))}
    found: set[int] = set()
    for i, line in enumerate(lines):
        following = lines[i + 1] if i + 1 < len(lines) else None
        at_break = line.page_break or following is None or following.page_break
        recurs = shapes[i] is not None and shapes[i] in recurring
        page_number = is_page_number(line.text) and (at_break or i - 1 in found)
        beside_head = i - 1 in found and page_number  # a page number right under its running head
        if any(pattern_search(p, line.text) for p in patterns) or beside_head or \
                ((recurs or page_number) and not _continues(line, following)):
            found.add(i)
    return found


def is_label_shaped(text: str) -> bool:
    """A running head names the magazine, the section or the issue: no clause marks in it, as a
    repeated caption ("…，国家主席…") or a table's source ("资料来源：Wind") has.

    >>> is_label_shaped("科技生活 第22期"), is_label_shaped("资料来源：Wind")
    (True, False)
    """
    return not any(mark in text for mark in CLAUSE_MARKS)


CLAUSE_MARKS = "，、：；:;,"


def at_page_edge(lines: Sequence[Line], i: int) -> bool:
    """The line is the first or the last of its page, or stands beside a page number there."""
    before = lines[i - 1] if i > 0 else None
    after = lines[i + 1] if i + 1 < len(lines) else None
    if lines[i].page_break or after is None or after.page_break:
        return True
    beside_folio = (before is not None and before.page_break and is_page_number(before.text)) or \
        (is_page_number(after.text) and (i + 2 >= len(lines) or lines[i + 2].page_break))
    return beside_folio


def counts_pages(texts: Sequence[str]) -> bool:
    """Do these lines of one shape carry a number that goes up by one from each to the next?

    >>> counts_pages(["城市周刊 第27期 90", "城市周刊 第27期 91", "城市周刊 第27期 92"])
    True
    >>> counts_pages(["获奖企业1", "获奖企业1", "获奖企业1"])
    False
    """
    numbers = [[int(n) for n in DIGITS.findall(text)] for text in texts]
    if len({len(row) for row in numbers}) != 1 or not numbers[0]:
        return False
    steps = len(numbers) - 1
    return any(sum(b[k] - a[k] == 1 for a, b in itertools.pairwise(numbers)) >= 0.8 * steps
               for k in range(len(numbers[0])))


def _inside_sentence(lines: Sequence[Line], i: int, width: int) -> bool:
    """The line stands between two halves of a sentence: the body line before, set to the full
    column, runs on into the next."""
    if i == 0 or i + 1 >= len(lines) or lines[i - 1].width < 0.8 * width:
        return False
    before = lines[i - 1].text
    return not ends_paragraph_mark(before) and before[-1:] not in "：:" \
        and lines[i + 1].text[:1] not in "“「（("


def _continues(line: Line, following: Line | None) -> bool:
    """A number that the next line continues (年, 月, %, a unit) is text, not a page number."""
    return (following is not None and line.text[-1:].isdigit()
            and following.text[:1] in "年月日号%％万亿元个人家次岁")
