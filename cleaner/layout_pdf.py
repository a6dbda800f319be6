"""Layout from geometry: what each printed line of a PDF is, and the order to read it in.

Pure functions of the pages read by ``cleaner.read_pdf``:

- the body type is the size most characters of the document are set in;
- running heads and page numbers stand in the top or bottom margin, apart from the text block,
  and come back on other pages at the same height (digits folded), or are a bare page number;
- columns: a gutter is an x range that the lines on both sides of it, over the height where
  both sides have lines, do not cross; lines that cross it (a title, a deck, a spanning caption)
  cut the page into bands, read top to bottom, each band column by column (recursively, so three
  columns or a column beside a wrapped figure's caption read right too);
- captions are set smaller than the body, next to a figure box (a drawn or placed object, or an
  empty stretch of the column);
- headings are larger (or bold at body size); the title is much larger;
- a body line starts a paragraph when it is indented by the document's first-line indent (when
  the document indents), or when the line before it stopped well short of its column's right
  edge after closing punctuation; lines beside a wrapped figure measure against the edges left
  free by the figure, so they are narrow but continue.

>>> body = [PdfLine(1, "正文" * 5, 10 + (20 if i % 3 == 0 else 0), 110, 20 * i, 20 * i + 10, 20 * i + 9, 10)
...         for i in range(6)]
>>> laid = lay_out([PdfPage(1, 200, 300, tuple(body))])
>>> laid.indent_em, [line.starts_paragraph for line in laid.lines]
(2.0, [True, False, False, True, False, False])
"""

from __future__ import annotations

import dataclasses
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from cleaner.read_pdf import PdfLine, PdfPage, is_cjk_char
from cleaner.rules.captions import CREDIT_ONLY, is_caption_credit
from cleaner.rules.structure import is_closing_credit, is_endnote

# Type this much smaller than the body is caption type; this much larger is a heading or a title.
CAPTION_RATIO = 0.93
HEADING_RATIO = 1.1
TITLE_RATIO = 1.45
# Lines whose type differs by more than this (share of the body size) are different elements.
SIZE_STEP = 0.03
# A line ends a paragraph when it leaves room for this many more em than full lines do
# (measured to where its last character's em ends: half a character).
SHORT_EM = 0.5
# Full lines leave less room than this (em) before their column's right edge.
FULL_EM = 3.0
# A column cut to fewer body lines than this measures against the edges of the column it was cut from.
MIN_EDGE_LINES = 3
# A gutter is at least this wide (em of the body type).
GUTTER_EM = 0.8
# Lines crossing a gutter, as a share of the lines on its thinner side, that still leave it a gutter.
CROSSING_SHARE = 0.34
# At most this many rows at the top or bottom of a page are margin furniture.
FURNITURE_ROWS = 2
# A page number: a few digits with at most a few marks or a short label around them.
FOLIO = re.compile(r"^[^\d]{0,4}\d{1,4}[^\d]{0,4}$"
                   r"|^\d{1,4}\s*[/|｜]\s*\S{1,12}$|^\S{1,12}\s*[/|｜]\s*\d{1,4}$")
OPENING = "“‘「『《〈（【〔"
QUOTATION_OPENING = "“‘"
# A run of digits and Latin letters (with the marks inside numbers and names) is never broken.
LATIN_WORD = re.compile(r"[0-9A-Za-z][0-9A-Za-z.,%:/_@\-]*")
CLOSING = "。！？…”」』）)!?.；;：:"

Box = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class LaidLine:
    """A line in reading order with what the layout says it is."""

    line: PdfLine
    kind: str  # "body", "heading", "title", "caption", "furniture"
    starts_paragraph: bool | None = None  # None: the geometry does not tell
    starts_article: bool = False
    full: bool | None = None  # a body line that reaches its column's right edge (None: not measured)


@dataclass(frozen=True, slots=True)
class LayoutDecision:
    """One layout decision with its evidence, for the review trail."""

    page: int
    rule: str
    evidence: str


@dataclass(frozen=True, slots=True)
class DocumentLayout:
    """The whole document laid out: lines in reading order, and the decisions taken."""

    lines: tuple[LaidLine, ...]
    body_size: float
    indent_em: float | None
    decisions: tuple[LayoutDecision, ...]


def lay_out(pages: Sequence[PdfPage]) -> DocumentLayout:
    """Lay out every page; measures that need the whole document are taken first."""
    body = body_size(pages)
    furniture = find_furniture(pages, body)
    gutters = document_gutters(pages, body, furniture)
    if marks_hang(pages, body, furniture, gutters):
        pages = [ink_ends(page) for page in pages]
    indent = first_line_indent(pages, body, furniture, gutters)
    rooms = full_line_rooms(pages, body, furniture, gutters)
    slack, fill = ragged_slack(rooms), ragged_slack(rooms, alone=True)
    pitch = line_pitch(pages, body, furniture, gutters)
    decisions: list[LayoutDecision] = []
    laid: list[LaidLine] = []
    carry: Carry = None
    for page in pages:
        page_lines, carry = lay_out_page(page, body, indent, furniture, decisions, carry, slack, gutters,
                                         pitch, fill)
        laid.extend(page_lines)
    return DocumentLayout(tuple(laid), body, indent, tuple(decisions))


def body_size(pages: Sequence[PdfPage]) -> float:
    """The type size most characters are set in (to a quarter point).

    >>> body_size([PdfPage(1, 100, 100, (PdfLine(1, "正文正文", 0, 40, 0, 10, 9, 10.02),
    ...                                  PdfLine(1, "标题", 0, 40, 20, 38, 36, 18.0)))])
    10.0
    """
    counts: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            counts[round(line.size * 4) / 4] += len(line.text)
    return counts.most_common(1)[0][0] if counts else 10.0


def fold_digits(text: str) -> str:
    """A running head's shape: digits folded to 0, spaces dropped.

    >>> fold_digits("— 37 —"), fold_digits("城市周刊 2024年3月18日")
    ('—0—', '城市周刊0年0月0日')
    """
    return re.sub(r"\d+", "0", re.sub(r"\s+", "", text))


def find_furniture(pages: Sequence[PdfPage], body: float) -> frozenset[tuple[int, int]]:
    """(page, index) of the running heads and page numbers of every page.

    A candidate stands in the first or last rows of its page, set apart from the text block by
    more than the usual line gap; it is furniture when its shape comes back at the same height on
    another page, or when it is a bare page number.
    """
    candidates: list[tuple[int, int, str, float]] = []
    apart: set[tuple[int, int]] = set()
    outermost: set[tuple[int, int]] = set()
    for page in pages:
        set_apart = margin_rows(page, body)
        outer = outer_rows(page, body)
        apart.update((page.number, index) for index in set_apart)
        outermost.update((page.number, index) for index in outer)
        for index in sorted(set(set_apart) | set(outer)):
            line = page.lines[index]
            candidates.append((page.number, index, fold_digits(line.text), round(line.baseline / 4)))
    recurring = Counter((shape, height) for _, _, shape, height in candidates)
    by_number = {page.number: page for page in pages}
    # Where each page's outermost rows stand and in what type: a running head changes its words
    # from page to page (the section on the left, the column on the right) but not its place.
    # Only rows away from any figure vouch for a place: a caption over a top figure is not a head.
    placed = [(number, height, by_number[number].lines[index].size)
              for number, index, _, height in candidates if (number, index) in outermost
              and not _near_figure(by_number[number].lines[index], by_number[number].figures, body)]
    found = set()
    for number, index, shape, height in candidates:
        page = by_number[number]
        line = page.lines[index]
        seen = recurring[(shape, height)] + recurring[(shape, height - 1)] + recurring[(shape, height + 1)]
        # With a page or two read (--pages) nothing can recur: small type set apart in the
        # margin, away from any figure, is the running head.
        alone = len(pages) < 3 and line.size < 0.95 * body and not _near_figure(line, page.figures, body)
        recurs = seen >= 2 and len(pages) > 1
        # The page's outermost row in its own type: its recurrence, or its look, tells (a head
        # printed on one page only, an article's opening pages going without). Not on a page
        # with a title: there the top row is the section label over it.
        looks = (number, index) in outermost and _looks_like_head(line, page, body) \
            and not _has_title(page, body)
        # Beside a figure the look is a caption's too; its place and type on another page tell.
        looks = looks or ((number, index) in outermost and (number, index) in apart
                          and line.size < 0.95 * body and not _has_title(page, body)
                          and any(other != number and abs(height - at) <= 1
                                  and abs(line.size - size) <= SIZE_STEP * body
                                  for other, at, size in placed))
        if (number, index) not in apart:  # close to the text
            if recurs or looks:
                found.add((number, index))
            continue
        if recurs or looks or is_folio(line.text) or alone:
            found.add((number, index))
    found |= _row_mates(pages, found, apart, body)
    found |= _numbered_in_sequence(pages, found, body)
    return frozenset(found | _named_like_furniture(pages, candidates, found, apart, body))


def _folio_number(text: str) -> int | None:
    """The number a folio prints: "— 107 —" → 107; None for a line with no single number."""
    numbers = re.findall(r"\d+", text)
    return int(numbers[0]) if len(numbers) == 1 else None


def _numbered_in_sequence(pages: Sequence[PdfPage], found: set[tuple[int, int]],
                          body: float) -> set[tuple[int, int]]:
    """Page numbers away from the margin: a folio-shaped line, in the type and shape of the folios
    found on other pages, whose number is its page's place in their sequence (105, 106, _, 108).

    Where a page's text stops short the folio follows it up the page, and a caption hanging below
    a figure can run past it: neither its row nor its height tells it then, its number does.
    """
    by_number = {page.number: page for page in pages}
    folios: dict[tuple[str, int], set[int]] = {}  # (shape, number − page) → pages it is printed on
    sizes: list[float] = []
    for number, index in found:
        line = by_number[number].lines[index]
        value = _folio_number(line.text)
        if value is not None and is_folio(line.text):
            folios.setdefault((fold_digits(line.text), value - number), set()).add(number)
            sizes.append(line.size)
    numbered = set()
    for page in pages:
        for index, line in enumerate(page.lines):
            value = _folio_number(line.text)
            if (page.number, index) in found or value is None or not is_folio(line.text) \
                    or _is_body_type(line, body):
                continue
            printed_on = folios.get((fold_digits(line.text), value - page.number), set())
            in_folio_type = any(abs(line.size - size) <= SIZE_STEP * body for size in sizes)
            if printed_on - {page.number} and in_folio_type:
                numbered.add((page.number, index))
    return numbered


def is_folio(text: str) -> bool:
    """A page number, bare or with a short label; a sentence's end with a number is none.

    >>> is_folio("— 51 —"), is_folio("P62"), is_folio("36 / 城市周刊"), is_folio("能只需要70多元。")
    (True, True, True, False)
    """
    text = text.strip()
    return FOLIO.match(text) is not None and text[-1:] not in CLOSING


def _has_title(page: PdfPage, body: float) -> bool:
    """Does the page carry title type (an article's opening page)?"""
    return any(line.size >= TITLE_RATIO * body for line in page.lines)


def _furniture_name(text: str) -> str:
    """A head's words without its numbers and separators: "113 / 南方周末刊" → "南方周末刊".

    >>> _furniture_name("113 / 南方周末刊"), _furniture_name("科技生活 第22期")
    ('南方周末刊', '科技生活第期')
    """
    return re.sub(r"[\d\s/|｜—–\-·.,:：]+", "", text)


def _named_like_furniture(pages: Sequence[PdfPage], candidates: Sequence[tuple[int, int, str, float]],
                          found: set[tuple[int, int]], apart: set[tuple[int, int]],
                          body: float) -> set[tuple[int, int]]:
    """Margin lines set apart that carry the name a running head or folio carries on another page
    (the magazine's name printed alone at the top of one page and beside the folio elsewhere)."""
    by_number = {page.number: page for page in pages}
    names = {(number, _furniture_name(by_number[number].lines[index].text)) for number, index in found}
    named = set()
    for number, index, _, _ in candidates:
        if (number, index) in found or (number, index) not in apart:
            continue
        line = by_number[number].lines[index]
        if line.size >= 0.95 * body or _has_title(by_number[number], body):
            continue  # running heads carry the article's title too: only small type, off opening pages
        name = _furniture_name(line.text)
        if len(name) >= 2 and any(other != number and len(known) >= 2 and (name in known or known in name)
                                  for other, known in names):
            named.add((number, index))
    return named


def _row_mates(pages: Sequence[PdfPage], found: set[tuple[int, int]], apart: set[tuple[int, int]],
               body: float) -> set[tuple[int, int]]:
    """Lines set apart in the margin on the row of a running head or a page number, in its type:
    the rest of the head or foot (a section name at the far end of the folio's row)."""
    mates = set()
    for page in pages:
        for row in _rows(page.lines):
            heads = [page.lines[i] for i in row[2] if (page.number, i) in found]
            for i in row[2]:
                line = page.lines[i]
                if heads and (page.number, i) in apart and not _is_body_type(line, body) \
                        and any(abs(line.size - head.size) <= SIZE_STEP * body for head in heads):
                    mates.add((page.number, i))
    return mates


def margin_rows(page: PdfPage, body: float) -> list[int]:
    """Indexes of lines in the top or bottom margin rows: the outermost rows, set apart."""
    if not page.lines:
        return []
    rows = _rows(page.lines)
    gaps = [rows[k + 1][0] - rows[k][1] for k in range(len(rows) - 1)]
    # Running text is set with less than an em between lines: a page of a few lines (an
    # article's last line and the folio) shows no usual gap, only the margin's.
    usual = min(sorted(gaps)[len(gaps) // 2], body) if gaps else body
    apart = max(1.5 * usual, 0.8 * body)
    found: list[int] = []
    # The margin band: the outermost rows down to the first wide gap (a folio above a head, say).
    top = next((k for k in range(min(FURNITURE_ROWS, len(gaps))) if gaps[k] >= apart), None)
    if top is not None:
        for row in rows[:top + 1]:
            found.extend(row[2])
    bottom = next((k for k in range(min(FURNITURE_ROWS, len(gaps)))
                   if gaps[len(gaps) - 1 - k] >= apart), None)
    if bottom is not None:
        for row in rows[len(rows) - 1 - bottom:]:
            found.extend(row[2])
    return sorted(set(found))


def _looks_like_head(line: PdfLine, page: PdfPage, body: float) -> bool:
    """A running head by its look alone: short, in small type, no sentence, no figure near.

    >>> page = PdfPage(2, 300, 400, ())
    >>> _looks_like_head(PdfLine(2, "南方周末刊", 34, 78, 20, 29, 28, 9.0), page, 10.5)
    True
    >>> _looks_like_head(PdfLine(2, "新开业的盒马鲜生店。", 34, 78, 20, 29, 28, 9.0), page, 10.5)
    False
    """
    text = line.text.strip()
    return line.size < 0.95 * body and len(text) <= 20 and text[-1:] not in CLOSING \
        and not _near_figure(line, page.figures, body)


def outer_rows(page: PdfPage, body: float) -> list[int]:
    """Indexes of the lines in a page's first and last row when they are not in body type.

    A running head set close above the text (less than a line gap away) is still its page's
    outermost row and is set in its own type; ``find_furniture`` takes it when it recurs.
    """
    rows = _rows(page.lines)
    if not rows:
        return []
    found: list[int] = []
    # (A page of two rows, the head and an article's last line, still has its head on top.)
    for row in (rows[0], rows[-1]) if len(rows) > 1 else (rows[0],):
        if all(not _is_body_type(page.lines[i], body) for i in row[2]):
            found.extend(row[2])
    return found


def _rows(lines: Sequence[PdfLine]) -> list[tuple[float, float, list[int]]]:
    """Lines that overlap vertically, as rows (top, bottom, indexes), top to bottom."""
    rows: list[tuple[float, float, list[int]]] = []
    for index in sorted(range(len(lines)), key=lambda i: lines[i].top):
        line = lines[index]
        if rows and line.top < rows[-1][1] - 0.2 * (line.bottom - line.top):
            top, bottom, members = rows[-1]
            rows[-1] = (top, max(bottom, line.bottom), [*members, index])
        else:
            rows.append((line.top, line.bottom, [index]))
    return rows


def full_line_rooms(pages: Sequence[PdfPage], body: float, furniture: frozenset[tuple[int, int]],
                    gutters: Sequence[float] = ()) -> list[tuple[float, bool]]:
    """The room (em) each surely full line leaves before its column's right edge, and whether
    the next line's first character could have ended the line alone (``goes_alone``).

    Measured on the lines that surely are not a paragraph's last: those that break inside a
    sentence (no closing mark at their end) with the next line of their column going on, and not
    before a number or a Latin word (which is never broken, so it leaves more room before it),
    up to ``FULL_EM``. ``ragged_slack`` reads its measures from them.
    """
    rooms: list[tuple[float, bool]] = []
    for page in pages:
        lines = [line for i, line in enumerate(page.lines)
                 if (page.number, i) not in furniture and _is_body_type(line, body)]
        for leaf, (_, right) in ordered_blocks(lines, body, gutters):
            for line, after in itertools.pairwise(leaf):
                room = right - type_end(line)
                if after.top > line.top and line.text.rstrip()[-1:] not in CLOSING \
                        and room < FULL_EM * body and not _pushed(after.text, room, body, after):
                    rooms.append((room / body, goes_alone(after.text)))
    return rooms


def ragged_slack(rooms: Sequence[tuple[float, bool]], alone: bool = False) -> float:
    """How far short of their column's right edge this document's full lines end (em), from
    their ``full_line_rooms``.

    Type justified to the em (TeX) ends every full line at the edge; type justified only at
    spaces (CJK in a browser engine) ends them up to an em or two short. The measure is the
    95th percentile of the full lines' room.

    ``alone``: measured only before a line whose first character could have ended the line
    alone (``goes_alone``): how much room full lines leave where one more character was free to
    go on them. Type set to the em that breaks anywhere leaves none there; the room it leaves
    elsewhere is the pairs it may not part ("科、" goes over together).

    >>> ragged_slack([(k / 100, k % 2 == 0) for k in range(40)]), ragged_slack([(0.3, False)] * 9)
    (0.37, 0.5)
    >>> ragged_slack([(k / 100, k % 2 == 0) for k in range(40)], alone=True)
    0.36
    """
    measured = sorted(room for room, goes in rooms if goes or not alone)
    if len(measured) < 10:
        return 0.5  # too few lines to tell: assume half an em
    return max(0.0, measured[int(0.95 * (len(measured) - 1))])


def marks_hang(pages: Sequence[PdfPage], body: float, furniture: frozenset[tuple[int, int]],
               gutters: Sequence[float] = ()) -> bool:
    """Do this document's full lines hang their last mark into the margin?

    Where a line's ink reaches its column's edge with a mark (。，) last, and the mark's em
    passes the edge (TeX's CJK packages hang or compress a mark at a justified line's end), the
    ink is what lines up with the edge: a paragraph's last line, set at its natural width, keeps
    its mark's whole em inside and shows the mark's blank as room. Elsewhere (a browser engine)
    a mark's em ends at the edge, and its blank is no room.
    """
    rooms: list[float] = []
    for page in pages:
        lines = [line for i, line in enumerate(page.lines)
                 if (page.number, i) not in furniture and _is_body_type(line, body)]
        for leaf, (_, right) in ordered_blocks(lines, body, gutters):
            # Full lines ending in a mark: its ink or its em reaches the edge.
            rooms.extend((right - line.end) / body for line in leaf
                         if line.end is not None and right - line.x1 < FULL_EM * body
                         and min(right - line.x1, right - line.end) < 0.25 * body)
    hanging = sum(1 for room in rooms if room < -0.25)
    return hanging >= 2 and 2 * hanging > len(rooms)


def ink_ends(page: PdfPage) -> PdfPage:
    """The page with every line's type taken to end where its ink ends."""
    return dataclasses.replace(page, lines=tuple(dataclasses.replace(line, end=None) if line.end is not None
                                                 else line for line in page.lines))


def line_pitch(pages: Sequence[PdfPage], body: float, furniture: frozenset[tuple[int, int]],
               gutters: Sequence[float] = ()) -> float | None:
    """The document's line pitch (baseline to baseline) in running text: the median step between
    consecutive body lines of a column, under three em. None with too few lines to tell."""
    steps: list[float] = []
    for page in pages:
        lines = [line for i, line in enumerate(page.lines)
                 if (page.number, i) not in furniture and _is_body_type(line, body)]
        for leaf, _ in ordered_blocks(lines, body, gutters):
            steps.extend(step for a, b in itertools.pairwise(leaf)
                         if 0 < (step := b.baseline - a.baseline) < 3 * body)
    if len(steps) < 10:
        return None
    steps.sort()
    return steps[len(steps) // 2]


def first_line_indent(pages: Sequence[PdfPage], body: float,
                      furniture: frozenset[tuple[int, int]], gutters: Sequence[float] = ()) -> float | None:
    """The document's first-line indent in em, or None when its paragraphs are not indented.

    Measured on body lines against their column's left edge: the common offset between half an
    em and four em, when enough lines show it. Only a first line is indented: a line counts
    when the line under it goes back to the edge (a block set in as a whole, a deck in a frame,
    shows its offset on every line and is no indent).
    """
    offsets: Counter[float] = Counter()
    total = 0
    for page in pages:
        lines = [line for i, line in enumerate(page.lines)
                 if (page.number, i) not in furniture and _is_body_type(line, body)]
        for leaf, (left, _) in ordered_blocks(lines, body, gutters):
            total += len(leaf)
            for line, under in itertools.pairwise(leaf):
                offset = _indent_of(line, left, body)
                if 0.5 <= offset <= 4.0 and under.top > line.top and _indent_of(under, left, body) < 0.5:
                    offsets[round(offset * 2) / 2] += 1
    if not offsets:
        return None
    indent, count = offsets.most_common(1)[0]
    return indent if count >= max(2, 0.03 * total) else None


def _is_body_type(line: PdfLine, body: float) -> bool:
    return abs(line.size - body) <= 0.06 * body


def _left_edge(lines: Sequence[PdfLine]) -> float:
    """A column's left edge: the leftmost place where a good share of its lines start.

    >>> _left_edge([PdfLine(1, "x", x, 50, 0, 1, 1, 10) for x in (20, 0, 0, 0, 3.2)])
    0.0
    """
    starts = Counter(round(line.x0) for line in lines)
    best = max(starts.values())
    return float(min(x for x, n in starts.items() if n >= 0.2 * best))


def _right_edge(lines: Sequence[PdfLine], body: float) -> float:
    """A column's right edge: where its full lines typically end (the median end of the lines
    that end within two em of the rightmost). CJK type justified only at spaces ends ragged by
    up to an em, and a closing mark can hang past the edge: neither is the edge.

    >>> _right_edge([PdfLine(1, "x", 0, x1, 0, 1, 1, 10) for x1 in (100, 99, 92, 100, 106, 40)], 10)
    100
    """
    rightmost = max(line.x1 for line in lines)
    full = sorted(line.x1 for line in lines if line.x1 >= rightmost - 2 * body)
    return full[len(full) // 2]


# ---------------------------------------------------------------- reading order


def reading_order(lines: Sequence[PdfLine], body: float) -> list[list[PdfLine]]:
    """Blocks of lines in reading order: bands top to bottom, columns left to right.

    >>> col = lambda x: [PdfLine(1, "正文", x, x + 50, 20 * i, 20 * i + 10, 20 * i + 9, 10) for i in range(3)]
    >>> [[line.x0 for line in leaf] for leaf in reading_order(col(100) + col(0), 10)]
    [[0, 0, 0], [100, 100, 100]]
    """
    return [leaf for leaf, _ in ordered_blocks(lines, body)]


def ordered_blocks(lines: Sequence[PdfLine], body: float, known: Sequence[float] = (),
                   outer: tuple[float, float] | None = None
                   ) -> list[tuple[list[PdfLine], tuple[float, float]]]:
    """``reading_order`` with, for each block, the left and right edges of the column it was cut
    from (a line that crosses a wrapped figure's edge measures against the whole column).

    ``known``: the document's gutters (``document_gutters``), used where too few lines stand
    on the page to show one (an article's last lines, balanced over two columns). ``outer``:
    the edges of the column these lines were cut from, which a line or two cannot show alone
    (an editor's note set flush right under the column's last full line).
    """
    if not lines:
        return []
    measured = [line for line in lines if _is_body_type(line, body)] or list(lines)
    edges = (_left_edge(measured), _right_edge(measured, body))
    if outer is not None and len(measured) < MIN_EDGE_LINES:
        edges = outer
    # The document's own grid first: beside a wrapped figure the page shows a second gutter,
    # which must not cut the page's columns into single lines.
    gutter = next((x for x in known if _keeps_gutter(lines, x, body)), None)
    if gutter is None:
        gutter = find_gutter(lines, body)
    if gutter is None:
        return [(sorted(lines, key=lambda line: (round(line.baseline / 2), line.x0)), edges)]
    crossing = sorted((line for line in lines if line.x0 < gutter < line.x1), key=lambda line: line.top)
    rest = [line for line in lines if not (line.x0 < gutter < line.x1)]
    columns = (edges, side_edges([line for line in rest if line.x0 >= gutter], edges, gutter))
    order: list[tuple[list[PdfLine], tuple[float, float]]] = []
    cuts = [line.top for line in crossing]
    for k in range(len(crossing) + 1):
        top = cuts[k - 1] if k else float("-inf")
        bottom = cuts[k] if k < len(crossing) else float("inf")
        band = [line for line in rest if top <= line.top < bottom]
        left = [line for line in band if line.x1 <= gutter]
        right = [line for line in band if line.x0 >= gutter]
        for side, column in zip((left, right), columns, strict=True):
            order.extend(ordered_blocks(side, body, known, column))
        if k < len(crossing):
            order.append(([crossing[k]], edges))
    return order


def side_edges(side: Sequence[PdfLine], edges: tuple[float, float], gutter: float) -> tuple[float, float]:
    """The edges a band of a line or two right of a gutter measures against: the edges of the
    lines it was cut from, but its left edge no further left than the leftmost of the lines right
    of the gutter on the page (a line alone above a figure in the right column is not set in from
    the left column's edge).

    >>> line = lambda x0, x1: PdfLine(1, "正文", x0, x1, 0, 10, 9, 10)
    >>> side_edges([line(307, 362), line(308, 400)], (34, 549), 291)
    (307, 549)
    >>> side_edges([line(307, 362)], (300, 549), 291)
    (300, 549)
    """
    left, right = edges
    if side and left < gutter:
        left = min(line.x0 for line in side)
    return left, right


def document_gutters(pages: Sequence[PdfPage], body: float,
                     furniture: frozenset[tuple[int, int]]) -> tuple[float, ...]:
    """Gutters the document's pages show at the same x (within an em) on two pages or more.

    A magazine keeps its column grid from page to page; a page with a few lines left (the end
    of an article balanced over its columns) shows too little to find its gutter alone. A
    gutter no running text crosses anywhere on its page is the grid's too, seen once (the
    gutter beside a wrapped figure has the column's full lines crossing it above and below).
    """
    found = []
    page_high = []
    for page in pages:
        lines = [line for i, line in enumerate(page.lines) if (page.number, i) not in furniture]
        gutter = find_gutter(lines, body)
        if gutter is not None:
            found.append(gutter)
            if not any(line.x0 < gutter < line.x1 and _is_body_type(line, body) for line in lines):
                page_high.append(gutter)
    kept: list[float] = []
    for x in sorted(found):
        near = [y for y in found if abs(y - x) <= body]
        if (len(near) >= 2 or x in page_high) and all(abs(k - x) > body for k in kept):
            kept.append(sorted(near)[len(near) // 2])
    return tuple(kept)


def _keeps_gutter(lines: Sequence[PdfLine], x: float, body: float) -> bool:
    """Do the lines leave a known gutter at ``x`` open: text on both sides, running text
    across it no more than ``find_gutter`` allows (a deck set across both columns)?

    >>> line = lambda x0, x1: PdfLine(1, "正文", x0, x1, 0, 10, 9, 10)
    >>> _keeps_gutter([line(0, 90), line(0, 40), line(110, 200)], 100, 10)
    True
    >>> _keeps_gutter([line(0, 200), line(0, 40), line(110, 200)], 100, 10)
    False
    """
    left = sum(1 for line in lines if line.x1 <= x)
    right = sum(1 for line in lines if line.x0 >= x)
    crossing = sum(1 for line in lines if line.x0 < x < line.x1 and _is_body_type(line, body))
    return left > 0 and right > 0 and crossing <= CROSSING_SHARE * min(left, right)


def find_gutter(lines: Sequence[PdfLine], body: float) -> float | None:
    """The x of the best gutter among the lines, or None (one column).

    A candidate opens at a line's right edge and closes at the next line start to its right; the
    lines on both sides, over the height where both sides have lines, must be at least two each,
    and those crossing it there few. The best candidate has the most lines on its thinner side.
    Only the running text (body type, not bold) places the edges: a short bold label or a byline
    centred over the columns can stand inside the gutter.
    """
    if len(lines) < 4:
        return None
    text = [line for line in lines if _is_body_type(line, body) and not line.bold]
    candidates = set()
    for edges_of in (lines, text):
        for edge in {round(line.x1, 1) for line in edges_of}:
            starts = [line.x0 for line in edges_of if line.x0 > edge]
            if starts and min(starts) - edge >= GUTTER_EM * body:
                candidates.add((edge, min(starts)))
    best: tuple[int, float, float] | None = None
    for edge, opening in sorted(candidates):
        left = [line for line in lines if line.x1 <= edge + 0.05]
        right = [line for line in lines if line.x0 >= opening - 0.05]
        if len(left) < 2 or len(right) < 2:
            continue
        top = max(min(line.top for line in left), min(line.top for line in right))
        bottom = min(max(line.bottom for line in left), max(line.bottom for line in right))
        if bottom <= top:
            continue
        middle = (edge + opening) / 2
        in_band = [line for line in lines if line.bottom > top and line.top < bottom]
        # A title or a byline centred over both columns crosses every gutter: only lines in
        # the body type tell whether the text runs across.
        crossing = sum(1 for line in in_band if line.x0 < middle < line.x1 and _is_body_type(line, body))
        thinner = min(sum(1 for line in in_band if line.x1 <= edge + 0.05),
                      sum(1 for line in in_band if line.x0 >= opening - 0.05))
        if thinner < 2 or crossing > CROSSING_SHARE * thinner:
            continue
        score = (thinner, opening - edge, middle)
        if best is None or score[:2] > best[:2]:
            best = score
    return best[2] if best else None


# ---------------------------------------------------------------- one page


def lay_out_page(page: PdfPage, body: float, indent: float | None, furniture: frozenset[tuple[int, int]],
                 decisions: list[LayoutDecision], carry: Carry = None,
                 slack: float = 0.0, gutters: Sequence[float] = (),
                 pitch: float | None = None, fill: float | None = None) -> tuple[list[LaidLine], Carry]:
    """One page in reading order: head furniture, the text, foot furniture (and the carry on)."""
    margin = [(i, line) for i, line in enumerate(page.lines) if (page.number, i) in furniture]
    text_lines = [line for i, line in enumerate(page.lines) if (page.number, i) not in furniture]
    for _, line in margin:
        decisions.append(LayoutDecision(page.number, "page_furniture",
                                        f"margin line at y={line.baseline:.0f} recurs or is a page number: "
                                        f"{line.text}"))
    middle = page.height / 2
    head = [LaidLine(line, "furniture") for _, line in margin if line.top < middle]
    foot = [LaidLine(line, "furniture") for _, line in margin if line.top >= middle]
    blocks = ordered_blocks(text_lines, body, gutters)
    over = {id(line) for leaf, _ in blocks for line in leaf if _overprinted(line, leaf, body)}
    over |= credited_stacks(text_lines, body)
    blocks = lift_overprinted(blocks, body, over)
    figures = figure_boxes(page, text_lines)
    laid = classify_leaves([leaf for leaf, _ in blocks], body, figures, decisions, over)
    laid, carry = mark_paragraph_starts(laid, blocks, body, indent, figures, carry, slack, pitch, fill)
    laid = mark_article_start(laid, decisions)
    return head + laid + foot, carry


def figure_boxes(page: PdfPage, lines: Sequence[PdfLine]) -> list[Box]:
    """Drawn or placed boxes with no text inside: pictures (a frame or a page tint holds text).

    Small type that runs into the box from outside it (a caption beside a wrapped figure set
    on over the next picture) is printed over the picture, not held by a frame.
    """
    boxes = []
    for x0, top, x1, bottom in page.figures:
        inside = [ln for ln in lines
                  if x0 <= (ln.x0 + ln.x1) / 2 <= x1 and top <= (ln.top + ln.bottom) / 2 <= bottom]
        if inside and not all(_runs_in((x0, top, x1, bottom), ln, lines) for ln in inside):
            continue
        boxes.append((x0, top, x1, bottom))
    return boxes


def _runs_in(box: Box, line: PdfLine, lines: Sequence[PdfLine]) -> bool:
    """Is ``line`` (inside ``box``) one of a run of lines in its type that starts or ends outside
    the box: the same x range, a line's height or so apart, down to a line whose middle is out?"""
    _, top, _, bottom = box
    height = line.bottom - line.top
    run, grew = [line], True
    while grew:
        grew = False
        for other in lines:
            if other in run or abs(other.size - line.size) > 0.05 * line.size:
                continue
            if other.x0 < line.x1 and line.x0 < other.x1 \
                    and any(abs(other.top - member.top) <= 2 * height for member in run):
                run.append(other)
                grew = True
    return any(not (top <= (ln.top + ln.bottom) / 2 <= bottom) for ln in run)


def _overprinted(line: PdfLine, lines: Sequence[PdfLine], body: float) -> bool:
    """Small type printed over a body line (their boxes overlap): not in the text's flow.

    >>> text, small = PdfLine(1, "正文" * 8, 0, 160, 0, 10, 9, 10), PdfLine(1, "说明", 0, 60, 1, 9, 8, 8)
    >>> _overprinted(small, [text, small], 10), _overprinted(text, [text, small], 10)
    (True, False)
    """
    if line.size > CAPTION_RATIO * body:
        return False
    height = line.bottom - line.top
    return any(_is_body_type(other, body) and other.x0 < line.x1 and line.x0 < other.x1
               and min(other.bottom, line.bottom) - max(other.top, line.top) > 0.3 * height
               for other in lines)


def credited_stacks(lines: Sequence[PdfLine], body: float) -> set[int]:
    """Ids of lines in small type stacked one under another with a picture credit among them.

    A caption is set in its own small type, its lines one under another, sharing a left or a
    right edge; a credit (图/新华) closes it. A stack like that is a caption wherever it
    stands: a wrapped figure's caption set on over the next page's head, away from any box.

    >>> small = lambda text, x0, x1, top: PdfLine(1, text, x0, x1, top, top + 7, top + 6, 7.5)
    >>> stack = [small("2023年11月", 258, 297, 55), small("15日，国家", 258, 296, 65),
    ...          small("主席习近平在", 258, 302, 75), small("图/新华", 278, 302, 85)]
    >>> len(credited_stacks(stack, 9.0)), len(credited_stacks(stack[:3], 9.0))
    (4, 0)
    """
    small = sorted((line for line in lines if line.size <= CAPTION_RATIO * body),
                   key=lambda line: line.top)
    found: set[int] = set()
    seen: set[int] = set()
    for first in small:
        if id(first) in seen:
            continue
        stack = [first]
        for line in small:
            last = stack[-1]
            if line is last or line.top <= last.top or abs(line.size - first.size) > SIZE_STEP * body:
                continue
            left, right = min(ln.x0 for ln in stack), max(ln.x1 for ln in stack)
            under = line.top - last.bottom <= 0.8 * line.size
            edge = abs(line.x0 - left) <= line.size or abs(line.x1 - right) <= line.size
            if under and edge and line.x0 < right and left < line.x1:
                stack.append(line)
        seen.update(id(line) for line in stack)
        # The credit may be wrapped over two lines ("图片来" / "源：视觉中国"): read it joined.
        joined = "".join(line.text.strip() for line in stack)
        if len(stack) >= 2 and (is_caption_credit(joined)
                                or any(CREDIT_ONLY.match(line.text.strip()) for line in stack)):
            found.update(id(line) for line in stack)
    return found


def lift_overprinted(blocks: list[tuple[list[PdfLine], tuple[float, float]]], body: float,
                     stacked: set[int] | frozenset[int] = frozenset()
                     ) -> list[tuple[list[PdfLine], tuple[float, float]]]:
    """Small type printed over a column's text, read as one block before the text line it starts
    on, not line by line between the text's lines (the paragraph it interrupts joins again).

    ``stacked``: ids of lines of credited caption stacks (``credited_stacks``). A stack printed
    over the text is lifted whole: a line of it that falls between two text lines' boxes (their
    leading) overprints none of them, yet is the same caption's. So is a stack read row by row
    with the text beside it (a wrapped figure's caption and the lines that wrap the figure, one
    block): its lines stand apart in the block, with text lines between them.

    >>> text = [PdfLine(1, "正文" * 8, 0, 160, top, top + 10, top + 9, 10) for top in (0, 16, 32)]
    >>> cap = [PdfLine(1, t, 80, 150, top, top + 8, top + 7, 8) for t, top in
    ...        (("说明一", 1), ("说明二", 9.5), ("图/新华", 19))]
    >>> leaf = sorted(text + cap, key=lambda line: line.top)
    >>> [[ln.text for ln in part] for part, _ in lift_overprinted([(leaf, (0, 160))], 10,
    ...                                                           {id(ln) for ln in cap})][1]
    ['说明一', '说明二', '图/新华']
    """
    lifted: list[tuple[list[PdfLine], tuple[float, float]]] = []
    for leaf, edges in blocks:
        over = [line for line in leaf if _overprinted(line, leaf, body)]
        members = [k for k, line in enumerate(leaf) if id(line) in stacked]
        if over or (members and members[-1] - members[0] >= len(members)):
            lifted_ids = {id(line) for line in over}
            over = [line for line in leaf if id(line) in lifted_ids or id(line) in stacked]
        if not over or len(over) == len(leaf):
            lifted.append((leaf, edges))
            continue
        rest = [line for line in leaf if line not in over]
        start = over[0].top
        parts = ([ln for ln in rest if ln.top < start], over, [ln for ln in rest if ln.top >= start])
        lifted.extend((part, edges) for part in parts if part)
    return lifted


def classify_leaves(leaves: Sequence[Sequence[PdfLine]], body: float, figures: Sequence[Box],
                    decisions: list[LayoutDecision], over: set[int] | frozenset[int] = frozenset()
                    ) -> list[LaidLine]:
    """Kind of every line from its type size and its place beside a figure (``over``: ids of
    lines in small type printed over the text, which stand outside its flow)."""
    laid: list[LaidLine] = []
    for leaf in leaves:
        previous_bottom: float | None = None
        in_caption = False
        for line in leaf:
            kind = "body"
            if line.size >= TITLE_RATIO * body:
                kind = "title"
            elif is_heading_type(line, body):
                kind = "heading"
            elif line.size <= CAPTION_RATIO * body:
                near = _near_figure(line, figures, body)
                gap = previous_bottom is not None and line.top - previous_bottom >= 2.5 * body
                if near or gap or in_caption or id(line) in over:
                    kind = "caption"
                    if not in_caption:
                        decisions.append(LayoutDecision(line.page, "caption",
                                                        f"{line.size:.1f} pt under {body:.1f} pt body, "
                                                        + ("beside a figure box" if near else
                                                           "after an empty stretch" if gap else
                                                           "printed over the text" if id(line) in over
                                                           else "")
                                                        + f": {line.text[:20]}"))
            in_caption = kind == "caption"
            previous_bottom = line.bottom
            laid.append(LaidLine(line, kind))
    return laid


def is_heading_type(line: PdfLine, body: float) -> bool:
    """Larger than the body, or bold at about the body size or above and short.

    >>> is_heading_type(PdfLine(1, "加固系统", 0, 40, 0, 12, 11, 11.5, bold=True), 10.5)
    True
    >>> is_heading_type(PdfLine(1, "导语导语", 0, 40, 0, 12, 11, 11.5), 11.0)
    False
    """
    if line.size >= HEADING_RATIO * body:
        return True
    return line.bold and line.size >= (1 - SIZE_STEP) * body and len(line.text) <= 40


def _near_figure(line: PdfLine, figures: Sequence[Box], body: float) -> bool:
    """Under, over or beside a figure box, within three em, overlapping it across or down."""
    reach = 3 * body
    for x0, top, x1, bottom in figures:
        across = line.x0 < x1 and line.x1 > x0
        down = line.top < bottom + reach and line.bottom > top - reach
        if across and (0 <= line.top - bottom <= reach or 0 <= top - line.bottom <= reach):
            return True
        if down and (0 <= line.x0 - x1 <= reach or 0 <= x0 - line.x1 <= reach):
            return True
    return False


Carry = tuple[LaidLine, float] | None  # the last body or heading line so far, and its right edge


def mark_paragraph_starts(laid: list[LaidLine], blocks: Sequence[tuple[list[PdfLine], tuple[float, float]]],
                          body: float, indent: float | None, figures: Sequence[Box],
                          carry: Carry = None, slack: float = 0.0,
                          pitch: float | None = None, fill: float | None = None
                          ) -> tuple[list[LaidLine], Carry]:
    """Set ``starts_paragraph`` on every line from indents and short lines, in reading order.

    ``carry`` is the previous page's last line (a paragraph goes on across pages); the page's own
    last line is returned for the next page. ``slack`` and ``fill`` are ``ragged_slack``'s
    measures, of all full lines and of those before a character that could go alone.
    """
    edges = {}
    for leaf, (left, right) in blocks:
        for line in leaf:
            edges[id(line)] = _free_edges(line, left, right, figures, leaf, body)
    notes = closing_notes(laid)
    result: list[LaidLine] = []
    previous = carry
    for item in laid:
        line = item.line
        if pitch is not None and item.kind == "body" and previous is not None and result \
                and result[-1] is previous[0] and _set_apart(previous[0].line, line, pitch, figures, body):
            right = edges[id(line)][1]
            result.append(LaidLine(line, "body", True, full=_reaches_edge(line, right, body, slack)))
            previous = (result[-1], right)
            continue
        if item.kind in ("heading", "title"):
            result.append(LaidLine(line, item.kind, True))
            previous = (result[-1], edges[id(line)][1])
            continue
        if item.kind != "body":
            result.append(item)
            continue
        left, right = edges[id(line)]
        # (Across a page turn only the furniture stands between: still adjacent.)
        adjacent = previous is not None and (result[-1] is previous[0] if result else previous is carry)
        starts = _starts_paragraph(line, left, previous, body, indent, slack, adjacent, fill)
        if not notes.get(id(line), True):
            starts = False  # the rest of a closing note wrapped in its own measure
        elif id(line) in notes and previous is not None and previous[0].line.text.rstrip()[-1:] in CLOSING:
            starts = True  # an article's closing note is a block of its own, wherever it is set
        result.append(LaidLine(line, "body", starts, full=_reaches_edge(line, right, body, slack)))
        previous = (result[-1], right)
    return result, previous


def _reaches_edge(line: PdfLine, right: float, body: float, slack: float) -> bool:
    """Does a line's type reach its column's right edge, as the document's full lines do
    (within its ``slack`` and half an em)? A wrapped line of running text does.

    >>> _reaches_edge(PdfLine(1, "正文", 0, 99, 0, 10, 9, 10), 100, 10, 0.0)
    True
    >>> _reaches_edge(PdfLine(1, "正文", 0, 80, 0, 10, 9, 10), 100, 10, 0.0)
    False
    """
    return right - type_end(line) <= (slack + SHORT_EM) * body


def closing_notes(laid: Sequence[LaidLine]) -> dict[int, bool]:
    """The body lines of an article's closing notes, by id: True for the line that opens one,
    False for the lines it is wrapped over. A note is one in brackets (the editor, the authors,
    a signature: ``is_endnote``), whole on its line or wrapped up to its closing bracket, or the
    responsible editor's credit.

    Set after the article's last sentence, a note is no part of that paragraph however the line
    before it ends: a line that closes a sentence short of the margin may leave too little room
    for the note's opening bracket and the character after it (``_pushed``), and where the
    document indents its paragraphs a note is set flush, without an indent. A note set in its
    own measure (centred under the text) wraps at its own edges: its second line, standing in
    from the column's edge, is no new paragraph.

    >>> words = ["正文。", "（作者均为某研究所", "研究员；编辑：王延春）", "（一）正文"]
    >>> lines = [LaidLine(PdfLine(1, t, 0, 100, 10 * k, 10 * k + 9, 9, 10), "body")
    ...          for k, t in enumerate(words)]
    >>> notes = closing_notes(lines)
    >>> [(lines[k].line.text, notes[id(lines[k].line)]) for k in range(4) if id(lines[k].line) in notes]
    [('（作者均为某研究所', True), ('研究员；编辑：王延春）', False)]
    """
    found: dict[int, bool] = {}
    for k, item in enumerate(laid):
        text = item.line.text.strip()
        if item.kind != "body" or not text or id(item.line) in found:
            continue
        if is_closing_credit(text):
            found[id(item.line)] = True
            continue
        if text[0] not in "（(":
            continue
        joined, wrapped = text, []
        for after in laid[k + 1:k + 4]:
            if joined[-1] in "）)" or after.kind != "body":
                break
            joined += after.line.text.strip()
            wrapped.append(after.line)
        if is_endnote(joined):
            found[id(item.line)] = True
            found.update((id(line), False) for line in wrapped)
    return found


def _starts_paragraph(line: PdfLine, left: float, previous: Carry, body: float,
                      indent: float | None, slack: float = 0.0, adjacent: bool = True,
                      fill: float | None = None) -> bool | None:
    """Does a body line start a paragraph? None when the geometry does not tell.

    ``adjacent``: nothing was read between the previous body line and this one (no caption, no
    figure: a paragraph that a figure interrupts goes on under it unindented, whatever the line
    before the figure looked like). ``fill``: how much room full lines leave where the next
    character could have gone on them (``ragged_slack(alone=True)``); where that is less than
    the document's ``slack``, a line that left room for the next line's first character, which
    could have ended it alone, was short.
    """
    if previous is None:
        return None if indent is None else abs(_indent_of(line, left, body) - indent) <= 0.5
    before, before_right = previous[0].line, previous[1]
    if previous[0].kind in ("heading", "title") or not _is_body_type(before, body):
        return True  # after a heading, a byline, a deck: a new paragraph
    if abs(line.size - before.size) > SIZE_STEP * body:
        return True  # a deck in its own size, then the byline in another: each its own paragraph
    offset = _indent_of(line, left, body)
    # Short: room for half an em more than this document's full lines leave (less than any
    # character needs, more than the ink of a line's last character varies by).
    room = before_right - type_end(before)
    # A browser engine's full lines run ragged where a pair ("科、") went over together; where one
    # character could have gone alone, a free em for it shows the paragraph's end (where the
    # document indents, the indent shows it better).
    fits = fill is not None and indent is None and room > (fill + SHORT_EM) * body \
        and _would_fit(line.text, room, body)
    short = (room > (slack + SHORT_EM) * body or fits) and not _pushed(line.text, room, body, line)
    closed = before.text.rstrip()[-1:] in CLOSING
    if closed and ((short and (adjacent or indent is None)) or _off_the_grid(offset, indent)):
        # A justified paragraph's only short line is its last: what follows directly starts a
        # new block, indented or not (an editor's note, a signature). And a wrapped line starts
        # at the column's edge: one set elsewhere (right-aligned, centred) after a closed
        # sentence is a line of its own.
        return True
    if indent is not None:
        return abs(offset - indent) <= 0.5
    # Short after closing punctuation: a paragraph's last line. Full without it, or short without
    # it (a long word or number did not fit): the paragraph goes on. A sentence that closes at
    # the margin is left to the text rules (the margin model).
    return None if closed and not short else short and closed


def _set_apart(before: PdfLine, line: PdfLine, pitch: float, figures: Sequence[Box], body: float) -> bool:
    """Is ``line`` set below ``before`` in its column with more than the line pitch and half an
    em between, nothing standing in the space, after a closed sentence? (Paragraph spacing: an
    unindented paragraph that starts after a full last line.)

    >>> a, b = PdfLine(1, "正文。", 0, 100, 0, 10, 9, 10), PdfLine(1, "正文", 0, 100, 21, 31, 30, 10)
    >>> _set_apart(a, b, 14, [], 10), _set_apart(a, b, 20, [], 10)
    (True, False)
    >>> _set_apart(a, b, 14, [(0, 11, 90, 19)], 10)  # a picture in the space: no paragraph space
    False
    """
    if before.page != line.page or before.text.rstrip()[-1:] not in CLOSING:
        return False
    same_column = line.x0 < before.x1 and before.x0 < line.x1
    if not same_column or line.baseline - before.baseline <= pitch + 0.5 * body:
        return False
    return not any(x0 < min(line.x1, before.x1) and x1 > max(line.x0, before.x0)
                   and top < line.top and bottom > before.bottom for x0, top, x1, bottom in figures)


def _pushed(text: str, room: float, body: float, line: PdfLine | None = None) -> bool:
    """Did the first word of ``text`` not fit into the ``room`` (pt) left on the line before?

    A number or a Latin word is not broken, so a line ends short before one that needs more
    room than is left; digits and Latin letters are about half an em wide, at most 0.6 em and an
    em more for the word; where ``line`` (the line the word opens) shows how wide its own Latin
    type runs (``latin_advance``), the word needs that, and half an em. An opening mark may not
    end a line: it goes over with the character after it, two em.

    >>> _pushed("2018年这部电影", 20, 10), _pushed("2018年这部电影", 45, 10), _pushed("这部电影", 20, 10)
    (True, False, False)
    >>> _pushed("《方案》提出", 15, 10), _pushed("《方案》提出", 25, 10)
    (True, False)
    >>> _pushed("新“三定”方案", 19.6, 10), _pushed("新“三定”方案", 31, 10)
    (True, False)
    >>> opening = PdfLine(1, "aptitude 包含了一个强大的搜索软件包和限制所显示的软",
    ...                   34.3, 283.8, 0, 10, 9, 10)
    >>> _pushed(opening.text, 56.6, 10), _pushed(opening.text, 56.6, 10, opening)
    (True, False)
    """
    if text[:1] in OPENING:
        return room < 2 * body
    if text[1:2] in QUOTATION_OPENING and is_cjk_char(text[0]):
        # No break at a quotation mark either side (Unicode's line breaking, rule LB19, which
        # a browser engine keeps): the character before it goes over with it and the next.
        return room < 3 * body
    word = LATIN_WORD.match(text)
    if word is None:
        return False
    if line is not None and (advance := latin_advance(line)) is not None:
        # A word set close against the character after it goes over with that character (a
        # number and its measure word, "2023年"): a break comes only at a space.
        glued = text[word.end():word.end() + 1] not in ("", " ")
        return room < advance * len(word.group()) + (1.5 if glued else 0.5) * body
    return room < (0.6 * len(word.group()) + 1) * body


def _would_fit(text: str, room: float, body: float) -> bool:
    """Would the first character of ``text`` have fitted into the ``room`` (pt) left on the
    line before, going over alone (``goes_alone``)? A CJK character is an em wide.

    >>> _would_fit("临时家人", 9.2, 9.5), _would_fit("科、骨科", 9.2, 9.5), _would_fit("临时家人", 7.6, 9.5)
    (True, False, False)
    """
    return goes_alone(text) and room >= (1 - FIT_TOLERANCE_EM) * body


def goes_alone(text: str) -> bool:
    """Can the first character of a line have ended the line before, alone? A CJK character
    can, unless a mark that may not start a line follows it (``NO_LINE_START``: "科、" goes over
    as a pair) or a quotation mark glues it to the next character ("新“三定”": a browser engine
    does not break at a quotation mark); a mark, a digit or a Latin letter is no such character.

    >>> goes_alone("临时家人"), goes_alone("科、骨科"), goes_alone("新“三定”方案"), goes_alone("2016年")
    (True, False, False, False)
    """
    first, after = text[:1], text[1:2]
    if not first or not is_cjk_char(first) or unicodedata.category(first).startswith("P"):
        return False
    return not (after in NO_LINE_START or after in OPENING)


# Marks that may not start a line: the character before one goes over with it.
NO_LINE_START = "，。、；：！？…—”’」』）》〉】〕,.;:!?)"
# A free em measures this much less than an em (the ink of a full line's last character stops
# a little short of its em).
FIT_TOLERANCE_EM = 0.1


def latin_advance(line: PdfLine) -> float | None:
    """How wide (pt per character) a line's Latin letters, digits and spaces run: the line's
    width less an em for each CJK character, shared among the rest; None where the line has
    too few CJK characters to tell, or the share comes out over 0.6 em (a line spread wide).

    >>> latin_advance(PdfLine(1, "aptitude 包含了一个强大的搜索软件包和限制所显示的软",
    ...                       34.3, 283.8, 0, 10, 9, 10))
    4.39
    """
    wide = sum(1 for char in line.text if _wide(char))
    rest = len(line.text) - wide
    if wide < 4 or rest < 1:
        return None
    advance = (line.x1 - line.x0 - wide * line.size) / rest
    return round(advance, 2) if 0 < advance <= 0.6 * line.size else None


def _wide(char: str) -> bool:
    """A CJK character or a full-width mark: set on the em grid, an em wide (the curly quotes,
    the ellipsis and the dash too, which CJK type sets an em wide)."""
    return is_cjk_char(char) or char in "“”‘’…—"


def type_end(line: PdfLine) -> float:
    """Where a line's type ends: its last character's em (a closing mark's ink stops short)."""
    return line.end if line.end is not None else line.x1


def _off_the_grid(offset: float, indent: float | None) -> bool:
    """A line that starts neither at its column's edge nor at the first-line indent (em).

    >>> _off_the_grid(1.1, 2.0), _off_the_grid(2.1, 2.0), _off_the_grid(0.2, None), _off_the_grid(5.0, None)
    (True, False, False, True)
    """
    return offset >= 1.0 and (indent is None or abs(offset - indent) > 0.5)


def _indent_of(line: PdfLine, left: float, body: float) -> float:
    """How far (em) a line's first character box starts right of its column's left edge.

    An opening quotation mark or bracket inks only the right half of its em: its ink starts
    half an em after the place the character was set at.

    >>> quoted, plain = PdfLine(1, "“当然”", 26, 90, 0, 10, 9, 10), PdfLine(1, "正文", 20, 90, 0, 10, 9, 10)
    >>> _indent_of(quoted, 0, 10), _indent_of(plain, 0, 10)
    (2.1, 2.0)
    """
    offset = (line.x0 - left) / body
    if line.text[:1] in OPENING and _is_body_type(line, body):
        offset -= 0.5
    return round(offset, 2)


def _free_edges(line: PdfLine, left: float, right: float, figures: Sequence[Box],
                leaf: Sequence[PdfLine], body: float) -> tuple[float, float]:
    """The column edges a line can reach: narrowed beside a figure that stands in the column.

    The narrowed lines start with the one whose row the figure's top stands in, leading
    included: a line's ink ends above its row's foot (half an em of leading is allowed).
    """
    lead = 0.5 * body
    for x0, top, x1, bottom in figures:
        if not (line.bottom + lead > top and line.top < bottom):
            continue
        beside = [other for other in leaf if other.bottom + lead > top and other.top < bottom]
        if x1 <= left or x0 >= right:
            continue  # in another column
        if x1 <= line.x0 + body and x0 < left + body:  # a figure at the left: lines start after it
            left = min((other.x0 for other in beside if other.x0 >= x1 - 1), default=left)
        elif x0 >= line.x1 - body and x1 > right - body:  # at the right: lines end before it
            right = max((other.x1 for other in beside if other.x1 <= x0 + 1), default=right)
    return left, right


def mark_article_start(laid: list[LaidLine], decisions: list[LayoutDecision]) -> list[LaidLine]:
    """A page with a title starts an article: at the title, or at the labels just above it."""
    titles = [k for k, item in enumerate(laid) if item.kind == "title"]
    if not titles:
        return laid
    first = titles[0]
    start = first
    while start > 0 and first - start < 3 and laid[start - 1].kind != "caption" \
            and laid[start - 1].line.bottom <= laid[first].line.top \
            and laid[start].line.top - laid[start - 1].line.bottom < 3 * laid[first].line.size:
        start -= 1
    for k in range(start, first):  # a bold section label above the title is no heading
        if laid[k].kind == "heading":
            laid[k] = dataclasses.replace(laid[k], kind="body", starts_paragraph=True)
    item, title = laid[start], laid[first].line
    decisions.append(LayoutDecision(item.line.page, "article_head",
                                    f"title in {title.size:.1f} pt type: {title.text[:20]}"))
    laid[start] = dataclasses.replace(item, starts_article=True)
    return laid
