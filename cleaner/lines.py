"""From source lines to the cleaner's working lines: text, source number, gap and page marks.

Blank lines are not kept as lines; each kept line remembers how many blank lines stood before it
(``gap``). The usual gap of the issue (1 in pdfminer-like output, 0 in pdftotext output) is the
baseline: a smaller gap binds lines into one block (deck, caption), a larger gap or a form feed
is a break (page or column).

>>> lines = read_lines(("a", "", "b", "", "", "", "c", "d"))
>>> [(l.number, l.gap, l.page_break, l.tight) for l in lines]
[(1, 0, False, False), (3, 1, False, False), (7, 3, True, False), (8, 0, False, True)]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from cleaner.document import Removal
from cleaner.quick_init import quick_init
from cleaner.text import NO_BREAK_SPACE, display_width, line_ends_paragraph_mark

if TYPE_CHECKING:
    from cleaner.source import LineHint

# Unicode White_Space, spelled out: str.strip() alone would also take U+001C–U+001F.
WHITE_SPACE = (" \t\n\x0b\x0c\r\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
               "\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
# Invisible characters an extractor leaves behind (zero-width spaces and joiners, BOM, U+FFFE).
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\ufffe\u00ad"), None)
# Control characters XML 1.0 forbids (the form feed, a page mark, is read before): no EPUB or
# DOCX can hold them, so they are dropped like the invisible ones and recorded (kind "control").
CONTROL_CHARS = "\x01-\x08\x0b\x0e-\x1f\uffff"
# Stdlib ``re`` for these plain character classes: searched for on every source line, about four
# times faster than the ``regex`` module (whose Unicode properties they do not need).
CONTROL_CHAR = re.compile(f"[{CONTROL_CHARS}]")
DROPPED = {**INVISIBLE, **dict.fromkeys([*range(0x01, 0x09), 0x0B, *range(0x0E, 0x20), 0xFFFF], None)}
DROPPED_CHAR = re.compile(f"[\u200b\u200c\u200d\u2060\ufeff\ufffe\u00ad{CONTROL_CHARS}]")


@quick_init
@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank source line as the rules see it."""

    number: int
    text: str
    gap: int = 0
    page_break: bool = False
    tight: bool = False
    chunk_start: bool = False
    width: int = 0
    space_before: bool = False
    space_after: bool = False
    after_marker: bool = False
    indent: int = 0
    form_feed: bool = False
    measure: int = 0  # the measure the line was set to, when narrower than the column (0: the column)
    hint: LineHint | None = None  # what a PDF's layout says about the line (None for text input)
    # The line's features, computed once from its text when the line is made (also by
    # ``replace``), and read by every stage instead of asking a cached predicate of the text
    # again in each: ``ends_mark`` is ``text.ends_paragraph_mark(text)``.
    ends_mark: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "ends_mark", line_ends_paragraph_mark(self.text))

    def with_text(self, text: str) -> Line:
        """The same line with other text (its width measured again)."""
        return replace(self, text=text, width=display_width(text))


def as_line(item: str | Line) -> Line:
    """A line as it is, or a bare text as a line of its own (its features measured from it), so
    that a measure of lines can also be asked of texts.

    >>> as_line("中文ab").width, as_line("好。").ends_mark
    (6, True)
    """
    return Line.make(0, item, width=display_width(item)) if isinstance(item, str) else item


def as_lines(items: Sequence[str] | Sequence[Line]) -> Sequence[Line]:
    """``as_line`` of each item (the sequence itself when it holds lines)."""
    if not items or not isinstance(items[0], str):
        return items  # type: ignore[return-value]
    return [as_line(item) for item in items]


def usual_gap(gaps: list[int]) -> int:
    """The most common number of blank lines between two lines (0 when there is no line).

    >>> usual_gap([1, 1, 0, 3, 1])
    1
    """
    counts = Counter(min(g, 3) for g in gaps)
    return counts.most_common(1)[0][0] if counts else 0


def read_lines(raw_lines: Sequence[str], drop_invisible: bool = True, plain_spaces: bool = True,
               numbers: Sequence[int] | None = None,
               hints: Sequence[LineHint | None] | None = None) -> list[Line]:
    """Keep the non-blank lines with their numbers, gaps, page marks and chunk starts.

    A chunk start is a line that begins with a plain space when the line before it ended with one
    (or the first line): that is how some extractors mark a new text frame. Invisible characters
    are dropped (rule ``invisible_chars``; see ``invisible_removals``) unless ``drop_invisible``
    is False; no-break spaces become plain spaces (rule ``english_words``) unless ``plain_spaces``
    is False. ``numbers`` are the source line numbers of ``raw_lines`` (1, 2, 3 … if not given);
    ``hints`` (by source line number, from a PDF's layout) are attached to their lines.

    Where many lines of the text start with white space, it is a first-line indent (a paragraph
    starts there: ``indent`` holds its width), not a text frame's mark.
    """
    found: list[tuple[int, str, int, bool, bool, bool, bool, int]] = []
    gap = 0
    form_feed = False
    previous_raw = None
    for number, raw in zip(numbers or range(1, len(raw_lines) + 1), raw_lines, strict=True):
        if "\f" in raw:
            form_feed = True
            raw = raw.replace("\f", "")
        # Only Unicode white space is trimmed; invisible and control characters are dropped here
        # and recorded (``invisible_removals``), so nothing is lost unrecorded.
        visible = raw.translate(DROPPED) if drop_invisible and has_invisible(raw) else raw
        if plain_spaces:
            visible = visible.replace(NO_BREAK_SPACE, " ")
        visible = visible.replace("\u3000", " ")
        text = visible.strip(WHITE_SPACE)
        if not text:
            gap += 1
            continue
        # A new text frame: a CJK line set off by a plain space (English lines also start with
        # one at a word boundary, so for them the line before must end with a space too).
        starts_chunk = raw[:1] == " " and (previous_raw is None or previous_raw.endswith(" ")
                                           or display_width(text[:1]) == 2)
        spaced_before = raw[:1].isspace()
        spaced_after = raw[-1:].isspace()
        indent = display_width(raw[:len(raw) - len(raw.lstrip(" \u3000\t"))])
        found.append((number, text, gap, form_feed, starts_chunk, spaced_before, spaced_after, indent))
        previous_raw = raw
        gap = 0
        form_feed = False
    baseline = usual_gap([item[2] for item in found[1:]])
    indented = sum(1 for item in found if item[7]) >= max(3, INDENTED_SHARE * len(found))
    make = Line.make  # the same lines as Line(…), without calling the class for each
    return [
        make(number=n, text=t, gap=g, page_break=ff or g > baseline + 1 or (baseline == 0 and g > 1),
             tight=baseline > 0 and g < baseline and i > 0 and (indented or not cs),
             chunk_start=cs and not indented, width=display_width(t),
             space_before=sb, space_after=sa, indent=ind if indented else 0, form_feed=ff,
             hint=hints[n - 1] if hints else None)
        for i, (n, t, g, ff, cs, sb, sa, ind) in enumerate(found)
    ]


# Frame marks are rare (a few per issue); first-line indents come with every paragraph.
INDENTED_SHARE = 0.05


def has_invisible(raw: str) -> bool:
    """True when the raw line holds characters the cleaner drops (invisible or control).

    Each of them is unprintable (``str.isprintable``, a test checks): a printable line, as most
    are, is passed in one C scan without the pattern's search.
    """
    return not raw.isprintable() and DROPPED_CHAR.search(raw) is not None


def invisible_removals(raw_lines: Sequence[str]) -> tuple[Removal, ...]:
    r"""The invisible and the control characters of each source line that held some (rule
    ``invisible_chars``), one removal per kind and line.

    >>> [(r.kind, r.text, r.lines) for r in invisible_removals(["a", "b\u200bc\x08"])]
    [('invisible', '\u200b', (2, 2)), ('control', '\x08', (2, 2))]
    """
    removals: list[Removal] = []
    for n, raw in enumerate(raw_lines, start=1):
        if has_invisible(raw):
            invisible = "".join(ch for ch in raw if ord(ch) in INVISIBLE)
            control = "".join(CONTROL_CHAR.findall(raw))
            removals += [Removal(kind, text, (n, n), "invisible_chars")
                         for kind, text in (("invisible", invisible), ("control", control)) if text]
    return tuple(removals)
