"""Where each article of a DOCX starts: an estimate of the page layout, for the contents' page numbers.

The contents list every article with a PAGEREF field to a bookmark on its first paragraph.
LibreOffice computes such fields when it lays the document out, so it shows (and exports to PDF)
the exact page; Word shows the number stored in the field until fields are updated (F9, or
printing). That stored number is this estimate: the page size, margins, font sizes, line spacing
and space around paragraphs the converter sets, laid out line by line, every article on a new
page. A paragraph's lines come from its width (a Chinese character is one em, a Latin letter about
half) over the line width; kerning, widow control and keep-with-next are not modelled.

>>> layout = PageLayout()
>>> layout.add(Para("Heading 1", "标题"), page_break=True), layout.add(Para("Body Text", "字" * 3000))
(1, 1)
>>> layout.page
3
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

TWIPS_PER_PT = 20
CM = 72 / 2.54  # points per centimetre


@dataclass(frozen=True, slots=True)
class StyleMetrics:
    """What the layout needs of a paragraph style (sizes in points)."""

    size: float
    before: float = 0.0
    after: float = 0.0
    left: float = 0.0
    first_line_chars: int = 0
    line_multiple: float = 1.5


# The converter's styles (converters/docx_form.py add_styles) and the template's spacing.
METRICS = {
    "Normal": StyleMetrics(10.5),
    "Body Text": StyleMetrics(10.5, first_line_chars=2),
    "Title": StyleMetrics(26, after=15, line_multiple=1.0),
    "Subtitle": StyleMetrics(12, after=6),
    "Heading 1": StyleMetrics(18, before=24, after=6),
    "Heading 2": StyleMetrics(12, before=12),
    "Section Label": StyleMetrics(9, before=24),
    "Deck": StyleMetrics(11, after=6, left=12),
    "Byline": StyleMetrics(9),
    "Quote": StyleMetrics(10.5, left=24),
    "End Note": StyleMetrics(9, before=6),
    "Info": StyleMetrics(9.5),
    "Caption": StyleMetrics(9),
    "TOC Heading": StyleMetrics(16, before=24),
    "toc 1": StyleMetrics(10.5),
    "toc 2": StyleMetrics(10.5, left=21),
}
# A CJK font's line (ascent + descent) in ems: Noto CJK's Windows metrics, 1160 + 288 units of 1000.
FONT_LINE_EMS = 1.448


@dataclass(frozen=True, slots=True)
class Para:
    """One paragraph as the layout sees it."""

    style: str
    text: str
    space_after: float = 0.0


def text_width_ems(text: str) -> float:
    """Width of ``text`` in ems: wide (CJK) characters 1, others about a half.

    >>> text_width_ems("财经 Caijing")
    6.0

    ``translate`` keeps the wide characters and drops the others in one pass in C (a third of the
    time of summing one width per character); halves and ones add up exactly, so the result is
    the same float as that sum.
    """
    return (len(text) + len(text.translate(_WIDE_ONLY))) / 2


class _WideOnly(dict):
    """A ``str.translate`` table that keeps wide (CJK) characters and drops the others.

    Filled as characters are met: an issue repeats a few thousand, asked for every one.
    """

    def __missing__(self, code: int) -> int | None:
        kept = code if unicodedata.east_asian_width(chr(code)) in "WF" else None
        self[code] = kept
        return kept


_WIDE_ONLY = _WideOnly()


class PageLayout:
    """A4, 2.5 cm margins (as ``set_page``), filled paragraph by paragraph; ``page`` is where it is."""

    def __init__(self, width_cm: float = 21.0, height_cm: float = 29.7, margin_cm: float = 2.5) -> None:
        self.line_width = (width_cm - 2 * margin_cm) * CM
        self.page_height = (height_cm - 2 * margin_cm) * CM
        self.page = 1
        self.used = 0.0

    def new_page(self) -> None:
        """Start a new page (a page break before a paragraph)."""
        if self.used > 0:
            self.page += 1
            self.used = 0.0

    def add(self, para: Para, page_break: bool = False) -> int:
        """Lay ``para`` out and return the page it starts on."""
        metrics = METRICS.get(para.style, METRICS["Normal"])
        if page_break:
            self.new_page()
        if self.used > 0:
            self.used += metrics.before
        line_height = metrics.size * FONT_LINE_EMS * metrics.line_multiple
        usable = self.line_width - metrics.left
        width = (text_width_ems(para.text) + metrics.first_line_chars) * metrics.size
        lines = max(1, math.ceil(width / usable))
        start = None
        glyphs = metrics.size * FONT_LINE_EMS
        for _ in range(lines):
            # The spacing of a proportionally spaced line lies under it: the page's last line
            # needs only its glyphs' height (as LibreOffice lays it out).
            if self.used + glyphs > self.page_height:
                self.page += 1
                self.used = 0.0
            if start is None:
                start = self.page
            self.used += line_height
        self.used += max(metrics.after, para.space_after)
        return start if start is not None else self.page
