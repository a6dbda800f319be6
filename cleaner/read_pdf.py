"""Reading a PDF: pages of printed lines, each with its place on the page and its type.

PDFium (pypdfium2, the ``magclean[pdf]`` extra) gives every character's box, origin, font size
and font; the characters are grouped into lines here, from the geometry alone: one baseline,
no wide horizontal gap (a gutter splits the two columns' lines). Pages are read one at a time
and only their lines are kept, so a big PDF never holds PDFium's objects for more than a page.

Coordinates are PDF points measured from the page's top-left corner (``top`` grows downwards).
"""

from __future__ import annotations

import ctypes
import itertools
import math
import statistics
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from cleaner.quick_init import quick_init
from cleaner.source import PDF_MAGIC, InputError

# A horizontal gap wider than this (in em of the type) between two glyphs, a space or not, may
# end a line piece: a gutter, or a running head's halves (``_is_gutter`` decides which it is).
SPLIT_GAP_EM = 0.9
# A gap wider than this (em) always ends a piece (a running head's left and right halves).
ALWAYS_SPLIT_GAP_EM = 4.0
# A narrower gap is a gutter only when at most this share of the page's other rows in the same
# type that have ink on both sides of it cross it (a deck spanning the columns, say).
GUTTER_CROSSING_SHARE = 0.5
# The same, between type of two sizes (a wrapped figure's caption set close beside the text).
SPLIT_RESIZED_GAP_EM = 0.3
# Glyphs of one size a row needs before it counts as a line of its own printed over another.
MIN_OVERPRINT_GLYPHS = 5
# Glyphs whose baselines differ by less than this (in em) stand on one line.
BASELINE_TOLERANCE_EM = 0.25
# Share of unreadable characters (private use, U+FFFD, controls) above which the text is refused.
UNREADABLE_SHARE = 0.3
# Graphic objects smaller than this (pt) on either side are rules and ornaments, not figures.
FIGURE_MIN_PT = 12.0

# What PDFium's FPDFText_GetUnicode gives for a hyphen it found at the end of a line.
LINE_END_HYPHEN = 0x02
# Two Han characters whose centres stand this much (em) further apart than the line's usual step
# have a typed space between them (a signature's place and name, a byline's names): type set on
# the em grid, justified or not, spreads no single pair of characters that far.
TYPED_SPACE_EM = 0.25

Span = tuple[float, float, float]  # a line piece's ink: x0, x1, type size


@quick_init
@dataclass(frozen=True, slots=True)
class PdfLine:
    """One printed line (or one column's piece of it) as it stands on its page."""

    page: int
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    baseline: float
    size: float
    bold: bool = False
    italic: bool = False
    # Where the last character's em ends (its advance), when it inks only part of it: a
    # closing mark (。；) inks the left third of its em, so its ink stops short of where the
    # line's type ends. None: the ink's end (``x1``) is where the type ends.
    end: float | None = None


@dataclass(frozen=True, slots=True)
class PdfPage:
    """One page: its size, its lines (top to bottom, then left to right) and its figure boxes."""

    number: int
    width: float
    height: float
    lines: tuple[PdfLine, ...]
    figures: tuple[tuple[float, float, float, float], ...] = ()  # (x0, top, x1, bottom)


@quick_init
@dataclass(frozen=True, slots=True)
class Glyph:
    """One character as PDFium reports it (page coordinates, top-down)."""

    char: str
    x0: float
    x1: float
    top: float
    bottom: float
    baseline: float
    size: float
    bold: bool
    italic: bool
    generated: bool
    advance: float | None = None  # right end of a punctuation mark's em (its ink is narrower)


def is_pdf(data: bytes) -> bool:
    """A PDF starts with ``%PDF-`` (some writers put a little junk before it, within 1 KB).

    >>> is_pdf(b"%PDF-1.7\\n..."), is_pdf(b"\\xef\\xbb\\xbf%PDF-1.4"), is_pdf("正文".encode())
    (True, True, False)
    """
    return PDF_MAGIC in data[:1024]


def is_pdf_file(path: str | Path) -> bool:
    """Does the file at ``path`` start like a PDF (whatever its suffix)?"""
    try:
        with open(path, "rb") as handle:
            return is_pdf(handle.read(1024))
    except OSError:
        return False


def parse_pages(spec: str) -> tuple[tuple[int, int], ...]:
    """Page ranges from ``--pages`` (1-based, inclusive): ``3-40``, ``3,5,7-9``, ``12-`` (to the end).

    >>> parse_pages("3,5,7-9")
    ((3, 3), (5, 5), (7, 9))
    >>> parse_pages("12-")
    ((12, 0),)
    >>> parse_pages("9-7")
    Traceback (most recent call last):
    cleaner.errors.InputError: --pages: 9-7 is not a page range (first-last, first <= last)
    """
    ranges: list[tuple[int, int]] = []
    for part in spec.replace(" ", "").split(","):
        first, dash, last = part.partition("-")
        try:
            start = int(first)
            end = (int(last) if last else 0) if dash else start
        except ValueError:
            raise InputError(f"--pages: {part or spec!r} is not a page range (e.g. 3-40, 3,5,7-9)") from None
        if start < 1 or (end and end < start):
            raise InputError(f"--pages: {part} is not a page range (first-last, first <= last)")
        ranges.append((start, end))
    return tuple(ranges)


def page_numbers(ranges: Sequence[tuple[int, int]] | None, count: int) -> list[int]:
    """The 1-based page numbers the ranges select in a document of ``count`` pages.

    >>> page_numbers(((2, 3), (5, 0)), 6)
    [2, 3, 5, 6]
    >>> page_numbers(((5, 9),), 6)
    Traceback (most recent call last):
    cleaner.errors.InputError: --pages: 5-9 is outside the document (6 pages)
    """
    if not ranges:
        return list(range(1, count + 1))
    selected: list[int] = []
    for start, end in ranges:
        last = end or count
        if start > count or last > count:
            shown = f"{start}-{end or ''}" if end != start else str(start)
            raise InputError(f"--pages: {shown} is outside the document ({count} pages)")
        selected.extend(n for n in range(start, last + 1) if n not in selected)
    return selected


def _pdfium():
    """PDFium's Python binding, or a one-line error naming the extra that installs it."""
    try:
        import pypdfium2
        import pypdfium2.raw
    except ImportError:
        raise InputError("reading a PDF needs pypdfium2: pip install 'magclean[pdf]'") from None
    return pypdfium2, pypdfium2.raw


class PdfDocument:
    """An open PDF: its page count and its pages one at a time (``with`` closes it)."""

    def __init__(self, data: bytes | str | Path, name: str = "<pdf>", password: str | None = None):
        pdfium, raw = _pdfium()
        self.name = name
        self._raw = raw
        try:
            self._pdf = pdfium.PdfDocument(data, password=password)
        except pdfium.PdfiumError as error:
            raise InputError(_open_error(name, str(error), password)) from None
        except (OSError, ValueError) as error:
            raise InputError(f"{name}: cannot read the PDF ({error})") from None
        self.page_count = len(self._pdf)

    def __enter__(self) -> PdfDocument:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release PDFium's document."""
        self._pdf.close()

    def pages(self, numbers: Sequence[int] | None = None) -> Iterator[PdfPage]:
        """Each selected page (1-based numbers; all by default) read into lines, in order."""
        for number in numbers or range(1, self.page_count + 1):
            yield self.read_page(number)

    def read_page(self, number: int) -> PdfPage:
        """One page's lines and figure boxes; PDFium's page objects are closed before returning."""
        try:
            page = self._pdf[number - 1]
        except Exception as error:  # PDFium raises its own error for a page it cannot parse
            raise InputError(f"{self.name}: page {number} is damaged ({error})") from None
        try:
            width, height = page.get_size()
            textpage = page.get_textpage()
            try:
                glyphs = list(_glyphs(textpage, height, self._raw))
            finally:
                textpage.close()
            figures = tuple(_figure_boxes(page, height, self._raw))
        finally:
            page.close()
        return PdfPage(number, width, height, tuple(group_lines(glyphs, number)), figures)


def _open_error(name: str, message: str, password: str | None) -> str:
    """One line for the user from PDFium's load error."""
    if "password" in message.lower():
        if password:
            return f"{name}: the PDF is encrypted and the password is wrong"
        return f"{name}: the PDF is encrypted; give its password with --password"
    if "security" in message.lower():
        return f"{name}: the PDF uses an unsupported encryption"
    if "file" in message.lower() and "not found" in message.lower():
        return f"{name}: no such file"
    return f"{name}: damaged PDF, cannot be read ({message.rstrip('.').split('(')[-1].rstrip(')')})"


def _glyphs(textpage, height: float, raw) -> Iterator[Glyph]:
    """Every character of a text page with its box, baseline, effective size and font style.

    The effective size is PDFium's font size times the text object's matrix scale (WeasyPrint,
    for one, sets 10 pt type as 13.33 units scaled by 0.75). Size and font are looked up once per
    text object (a run of glyphs in one font), not once per character.
    """
    handle = textpage.raw
    count = raw.FPDFText_CountChars(handle)
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    loose = raw.FS_RECTF()
    styles: dict[int, tuple[float, bool, bool]] = {}
    for i in range(count):
        code = raw.FPDFText_GetUnicode(handle, i)
        generated = bool(raw.FPDFText_IsGenerated(handle, i))
        if code in (10, 13) or (generated and code != 32):
            continue  # PDFium's own line breaks
        # PDFium reports a hyphen that ends a line as U+0002 (its mark for "maybe a soft
        # hyphen"); the page prints a hyphen there, so the text keeps one.
        char = "-" if code == LINE_END_HYPHEN else chr(code) if code < 0x110000 else "\ufffd"
        raw.FPDFText_GetCharBox(handle, i, left, right, bottom, top)
        raw.FPDFText_GetCharOrigin(handle, i, origin_x, origin_y)
        run = raw.FPDFText_GetTextObject(handle, i)
        key = ctypes.cast(run, ctypes.c_void_p).value or 0
        style = styles.get(key)
        if style is None:
            style = styles[key] = _style(handle, i, raw)
        size, bold, italic = style
        advance = None
        if unicodedata.category(char).startswith("P"):
            # A mark inks a part of its em only; the loose box is the whole em it was set in.
            raw.FPDFText_GetLooseCharBox(handle, i, loose)
            advance = loose.right
        yield Glyph(char, left.value, right.value, height - top.value, height - bottom.value,
                    height - origin_y.value, size, bold, italic, generated, advance)


def _style(handle, i: int, raw) -> tuple[float, bool, bool]:
    """Effective size, bold and italic of character ``i`` (and so of its whole text object)."""
    matrix = raw.FS_MATRIX()
    raw.FPDFText_GetMatrix(handle, i, matrix)
    scale = math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c)) or 1.0
    size = raw.FPDFText_GetFontSize(handle, i) * scale
    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    raw.FPDFText_GetFontInfo(handle, i, name, len(name), flags)
    font = name.value.decode("latin-1").lower()
    weight = raw.FPDFText_GetFontWeight(handle, i)
    bold = weight >= 600 or any(w in font for w in ("bold", "heavy", "black", "semibold", "demi"))
    italic = bool(flags.value & 64) or "italic" in font or "oblique" in font
    return size, bold, italic


def _figure_boxes(page, height: float, raw) -> Iterator[tuple[float, float, float, float]]:
    """Boxes of images, shapes and forms big enough to be a figure (not a rule or a dot)."""
    kinds = (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_SHADING)
    for obj in page.get_objects(max_depth=3):
        if obj.type not in kinds:
            continue
        x0, y0, x1, y1 = obj.get_bounds()
        if x1 - x0 >= FIGURE_MIN_PT and y1 - y0 >= FIGURE_MIN_PT:
            yield (x0, height - y1, x1, height - y0)


def group_lines(glyphs: Sequence[Glyph], page: int) -> list[PdfLine]:
    """Group a page's glyphs into lines: rows of one baseline, cut where a wide gap opens.

    >>> g = [Glyph(c, x, x + 10, 0, 10, 9, 10, False, False, False) for c, x in
    ...      [("左", 0), ("栏", 10), ("右", 40), ("栏", 50)]]
    >>> [(line.text, line.x0, line.x1) for line in group_lines(g, 1)]
    [('左栏', 0, 20), ('右栏', 40, 60)]
    """
    rows = [list(_pieces(sorted(part, key=lambda g: g.x0)))
            for row in _rows(glyphs) for part in _split_overlapping_sizes(row)]
    spans = [[_ink_span(piece) for piece in row] for row in rows]
    lines: list[PdfLine] = []
    for k, row in enumerate(rows):
        others = spans[:k] + spans[k + 1:]
        for piece in _join_across_text(row, others):
            line = _make_line(piece, page)
            if line is not None:
                lines.append(line)
    lines.sort(key=lambda line: (round(line.baseline, 1), line.x0))
    return lines


def _ink_span(piece: Sequence[Glyph]) -> Span | None:
    """The x range a line piece's ink covers and its type size (None for spaces only)."""
    ink = [g for g in piece if not g.char.isspace()]
    return (min(g.x0 for g in ink), max(g.x1 for g in ink), _piece_size(ink)) if ink else None


def _join_across_text(row: list[list[Glyph]], others: Sequence[Sequence[Span | None]]
                      ) -> list[list[Glyph]]:
    """Join a row's pieces again across every gap that is not a gutter.

    A wide gap inside a line (a justified CJK line opens more than an em at a quotation mark or
    after a comma) is no gutter: a gutter is an x range the page's other rows do not cross.
    A gap is kept as a cut when it is very wide (a running head's two halves), when the type
    changes size across it, or when somewhere across it, of the other rows with ink on both
    sides, few cross (a short last line ends well before the gutter: the gap is wider than it).

    >>> g = lambda c, x: Glyph(c, x, x + 10, 0, 10, 9, 10, False, False, False)
    >>> row = [[g("民", 0), g("，", 10)], [g("目", 35), g("前", 45)]]
    >>> [len(p) for p in _join_across_text(row, [[(0, 100, 10)], [(0, 98, 10)], [(0, 60, 10)]])]
    [4]
    >>> [len(p) for p in _join_across_text(row, [[(0, 18, 10), (36, 90, 10)], [(0, 20, 10), (34, 99, 10)]])]
    [2, 2]
    """
    joined = [list(row[0])] if row else []
    for k, piece in enumerate(row[1:], start=1):
        before, after = _ink_span(joined[-1]), _ink_span(piece)
        following = _piece_size(row[k + 1]) if k + 1 < len(row) else None
        if before is None or after is None or _is_gutter(before[1], after[0], piece, others,
                                                                   _piece_size(joined[-1]), following):
            joined.append(list(piece))
        else:
            joined[-1].extend(piece)
    return joined


def _piece_size(piece: Sequence[Glyph]) -> float:
    """The median type size of a piece's ink."""
    sizes = sorted(g.size for g in piece if not g.char.isspace()) or [0.0]
    return sizes[len(sizes) // 2]


def _is_gutter(start: float, end: float, piece: Sequence[Glyph],
               others: Sequence[Sequence[Span | None]],
               before_size: float | None = None, following_size: float | None = None) -> bool:
    """Is the gap from ``start`` to ``end`` a gutter (or a head's halves) rather than a gap in a line?

    ``following_size``: the type of the row's next piece after this one, if any.
    """
    em = max((g.size for g in piece), default=1.0) or 1.0
    if end - start > ALWAYS_SPLIT_GAP_EM * em:
        return True
    size = _piece_size(piece)
    # Latin letters beside CJK are often set in a font scaled to match, a little off the CJK
    # size: no change of type. Unless the text after them is in their size too (a caption set
    # close beside a column whose line opens with a Latin word).
    # (Only a piece in mostly Latin type has the Latin font's size: where CJK glyphs outnumber
    # them, the piece's size is the CJK text's, and a change is a change of type.)
    ink = [g for g in piece if not g.char.isspace()]
    scaled_latin = any(_latin(g.char) for g in piece[:1]) \
        and 2 * sum(1 for g in ink if g.char.isascii()) >= len(ink) \
        and (following_size is None or abs(following_size - size) > 0.05 * em) \
        and not (before_size is not None and _cjk_in_other_type(ink, before_size, em))
    if before_size is not None and abs(before_size - size) > 0.05 * em and not scaled_latin:
        return True  # type of another size across the gap: a caption or a label beside the text
    # Rows in the same type only: a title, a byline or a section label centred over both
    # columns crosses the gutter and says nothing about the columns' text.
    rows = [[span for span in spans if span is not None and abs(span[2] - size) <= 0.05 * em]
            for spans in others]
    rows = [ink for ink in rows if ink]
    steps = max(1, int(end - start))
    for k in range(1, steps + 1):  # the x across the gap that the fewest rows cross
        x = start + (end - start) * k / (steps + 1)
        both = crossing = 0
        for ink in rows:
            if min(s[0] for s in ink) >= x or max(s[1] for s in ink) <= x:
                continue  # this row has no ink on one side of x: it tells nothing
            both += 1
            crossing += any(s[0] < x < s[1] for s in ink)
        if crossing <= GUTTER_CROSSING_SHARE * both:  # no row on both sides: a gutter too
            return True
    return _columns_meet(start, end, rows, em)


def _cjk_in_other_type(ink: Sequence[Glyph], before_size: float, em: float) -> bool:
    """Does a piece that opens with a Latin word hold CJK type (a character or a mark), all of
    it in another size than the type before the gap? Then its Latin is no font scaled to match
    the CJK beside it: the piece is a line of its own type, and what stands before the gap is
    another line (a caption set close beside a column whose line opens "apt-cache 的功能" or
    ends "apt-get。").

    >>> g = lambda c, size: Glyph(c, 0, size, 0, size, size - 1, size, False, False, False)
    >>> _cjk_in_other_type([g("a", 11), g("p", 11), g("t", 11), g("。", 11)], 9.5, 11)
    True
    >>> _cjk_in_other_type([g("C", 9.5), g("E", 9.5), g("O", 9.5), g("正", 10)], 10, 10)
    False
    >>> _cjk_in_other_type([g("C", 9.5), g("E", 9.5), g("O", 9.5)], 10, 10)
    False
    """
    cjk = [g for g in ink if is_cjk_char(g.char)]
    return bool(cjk) and all(abs(g.size - before_size) > 0.05 * em for g in cjk)


def _columns_meet(start: float, end: float, rows: Sequence[Sequence[Span]], em: float) -> bool:
    """Do other rows end where the gap starts and others start where it ends, more of them than
    cross it? Two columns whose baselines do not line up (one column's text set lower, under a
    heading) share no row: their edges, each repeated down its column, show the gutter.

    >>> left, right, deck = [(0, 95, 10)], [(110, 200, 10)], [(0, 200, 10)]
    >>> _columns_meet(95, 110, [left, left, right, right, deck], 10), _columns_meet(95, 110, [left, deck], 10)
    (True, False)
    """
    ends = sum(1 for ink in rows if max(s[1] for s in ink) <= start + 0.5 * em
               and max(s[1] for s in ink) >= start - em)
    starts = sum(1 for ink in rows if abs(min(s[0] for s in ink) - end) <= 0.5 * em)
    crossing = sum(1 for ink in rows if any(s[0] < (start + end) / 2 < s[1] for s in ink))
    return min(ends, starts) >= 2 and min(ends, starts) > crossing


def _rows(glyphs: Sequence[Glyph]) -> Iterator[list[Glyph]]:
    """Glyphs on one baseline (within a quarter em), top to bottom."""
    row: list[Glyph] = []
    anchor = size = 0.0
    for glyph in sorted(glyphs, key=lambda g: g.baseline):
        # A space has no ink and PDFium sizes the ones it guesses at 1 pt: it never starts a row.
        if row and not glyph.char.isspace() \
                and abs(glyph.baseline - anchor) > BASELINE_TOLERANCE_EM * max(size, glyph.size, 1.0):
            yield row
            row = []
        if not row:
            anchor, size = glyph.baseline, glyph.size
        row.append(glyph)
    if row:
        yield row


def _split_overlapping_sizes(row: list[Glyph]) -> list[list[Glyph]]:
    """A row holding two lines in different type sizes set over one another (a caption printed
    across a text line), as one row per size; otherwise the row itself.

    Each size needs a few glyphs (a footnote mark inside a line stays in it) and the sizes' x
    ranges must overlap (side by side, the gutter test parts them).
    """
    sizes: dict[float, list[Glyph]] = {}
    for glyph in row:
        if not glyph.char.isspace():
            sizes.setdefault(round(glyph.size * 4) / 4, []).append(glyph)
    if len(sizes) < 2:
        return [row]
    # A size with few glyphs is a mark inside the line (a footnote number between two
    # characters), unless its glyphs sit on the other type's glyphs: printed over them.
    big = [group for group in sizes.values()
           if len(group) >= MIN_OVERPRINT_GLYPHS or _collides(group, row)]
    if len(big) < 2 or len(big) != len(sizes):
        return [row]
    spans = sorted((min(g.x0 for g in group), max(g.x1 for g in group)) for group in big)
    if all(spans[k][1] <= spans[k + 1][0] for k in range(len(spans) - 1)):
        return [row]
    return sorted(big, key=lambda group: statistics.median(g.baseline for g in group))


def _collides(group: Sequence[Glyph], row: Sequence[Glyph]) -> bool:
    """Does a glyph of ``group`` overlap, by half its width or more, a glyph of another size?"""
    others = [g for g in row if not g.char.isspace() and abs(g.size - group[0].size) > 0.05 * g.size]
    return any(min(g.x1, o.x1) - max(g.x0, o.x0) >= 0.5 * (g.x1 - g.x0) > 0
               for g in group for o in others)


def _pieces(row: Sequence[Glyph]) -> Iterator[list[Glyph]]:
    """Cut a row (sorted by x) where no glyph bridges a gap of about an em or more."""
    piece: list[Glyph] = []
    last_ink: Glyph | None = None
    for glyph in row:
        if glyph.char.isspace():
            piece.append(glyph)
            continue
        if last_ink is not None:
            em = max(glyph.size, last_ink.size, 1.0)
            gap = glyph.x0 - last_ink.x1
            # (Latin letters beside CJK are often set in a font scaled to match: no size change)
            resized = abs(glyph.size - last_ink.size) > 0.05 * em and gap > SPLIT_RESIZED_GAP_EM * em \
                and not _latin(glyph.char) and not _latin(last_ink.char)
            if resized or gap > SPLIT_GAP_EM * em:
                yield piece
                piece = []
        piece.append(glyph)
        last_ink = glyph
    if piece:
        yield piece


def _make_line(piece: Sequence[Glyph], page: int) -> PdfLine | None:
    """A line from its glyphs; PDFium's guessed spaces between two CJK characters are dropped."""
    ink = [g for g in piece if not g.char.isspace()]
    if not ink:
        return None
    chars: list[str] = []
    last_ink: Glyph | None = None
    # The line's usual step between two Han characters, measured only for a line with a guess.
    step = _usual_han_step(piece) if any(g.generated and g.char.isspace() for g in piece) else None
    for k, glyph in enumerate(piece):
        if glyph.char.isspace():
            after = next((g for g in piece[k + 1:] if not g.char.isspace()), None)
            if last_ink is None or after is None or chars[-1] == " ":
                continue
            if glyph.generated and is_cjk_char(last_ink.char) and is_cjk_char(after.char) \
                    and not _typed_space(last_ink, after, step):
                continue  # PDFium's guess at a justification gap between two CJK characters
            chars.append(" ")
        else:
            chars.append(glyph.char)
            last_ink = glyph
    size = round(statistics.median(g.size for g in ink), 2)
    last = max(ink, key=lambda g: g.x1)
    return PdfLine(page=page, text="".join(chars), x0=min(g.x0 for g in ink), x1=max(g.x1 for g in ink),
                   top=min(g.top for g in ink), bottom=max(g.bottom for g in ink),
                   baseline=statistics.median(g.baseline for g in ink), size=size,
                   bold=sum(g.bold for g in ink) * 2 > len(ink),
                   italic=sum(g.italic for g in ink) * 2 > len(ink),
                   end=last.advance if last.advance is not None and last.advance > last.x1 else None)


def _han(char: str) -> bool:
    """A Han character (no mark, no kana: their ink does not centre on the em)."""
    code = ord(char)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF \
        or 0x20000 <= code <= 0x3FFFF


def _usual_han_step(piece: Sequence[Glyph]) -> float | None:
    """The median step, centre to centre, between neighbouring Han characters of a line (None
    when no two stand side by side).

    >>> g = lambda c, x: Glyph(c, x + 1, x + 9, 0, 10, 9, 10, False, False, c == " ")
    >>> _usual_han_step([g("北", 0), g("京", 10), g(" ", 20), g("张", 23.5), g("泽", 33.5)])
    10.0
    """
    steps = [(b.x0 + b.x1 - a.x0 - a.x1) / 2 for a, b in itertools.pairwise(piece)
             if _han(a.char) and _han(b.char)]
    return statistics.median(steps) if steps else None


def _typed_space(before: Glyph, after: Glyph, usual_step: float | None) -> bool:
    """Is the space PDFium guessed between ``before`` and ``after`` a space the text had?

    PDFium guesses a space wherever characters stand apart; between CJK characters that is
    mostly justification. But a space typed between two Han characters (XeTeX sets it as glue:
    no glyph) opens a third of an em, where the line's other pairs stand on its usual step
    (``_usual_han_step``; a Han character's ink is centred on its em, so centre to centre is
    the step; the type size where no other pair tells).

    >>> g = lambda c, x: Glyph(c, x + 1, x + 9, 0, 10, 9, 10, False, False, c == " ")
    >>> _typed_space(g("京", 10), g("张", 23.5), 10.0), _typed_space(g("京", 10), g("张", 21), 10.0)
    (True, False)
    """
    if not (_han(before.char) and _han(after.char)):
        return False
    usual = usual_step if usual_step is not None else before.size
    step = (after.x0 + after.x1 - before.x0 - before.x1) / 2
    return step - usual > TYPED_SPACE_EM * before.size


def _latin(char: str) -> bool:
    """A Latin letter (``"D"``; not a digit, not CJK)."""
    return char.isascii() and char.isalpha()


def is_cjk_char(char: str) -> bool:
    """A CJK character or CJK punctuation (set on the em grid, never separated by a space)."""
    code = ord(char)
    return 0x2E80 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF \
        or 0x20000 <= code <= 0x3FFFF or 0x3000 <= code <= 0x303F


def unreadable_share(text: str) -> float:
    """The share of characters no reader can use: private use, U+FFFD, control characters.

    >>> unreadable_share("正文\\ue000\\ue001"), unreadable_share("")
    (0.5, 0.0)
    """
    visible = [ch for ch in text if not ch.isspace()]
    if not visible:
        return 0.0
    bad = sum(1 for ch in visible if _unreadable(ch))
    return bad / len(visible)


def _unreadable(char: str) -> bool:
    code = ord(char)
    return code == 0xFFFD or 0xE000 <= code <= 0xF8FF or code >= 0xF0000 or code < 0x20
