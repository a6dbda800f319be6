"""The layout stage: from the extractor's lines to the text's lines in reading order.

Navigation residue and page furniture are taken out (and recorded); what remains are the lines
of the text itself, each knowing whether a page break or a navigation marker stood before it.

>>> from cleaner.config import CleanConfig
>>> from cleaner.lines import read_lines
>>> lines, found = lay_out(read_lines(["第一段。", "返回目录", "标题"]), CleanConfig())
>>> [(line.text, line.after_marker) for line in lines], [r.text for r in found.removals]
([('第一段。', False), ('标题', True)], ['返回目录'])
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace

import regex

from cleaner.config import CleanConfig
from cleaner.document import Decision, Removal
from cleaner.found import Found
from cleaner.issue import MAX_INDENT
from cleaner.lines import Line
from cleaner.rules.captions import is_caption_credit, starts_caption_date
from cleaner.rules.columns import (
    Gutter,
    gutter_band,
    gutter_by_measure,
    gutter_index,
    regime_streams,
    split_in_band,
    two_streams,
    with_measure,
)
from cleaner.rules.continuity import Continuity
from cleaner.rules.furniture import find_page_furniture, matches_any
from cleaner.rules.markers import is_navigation_marker, split_navigation_marker
from cleaner.rules.reflow import (
    column_width,
    fills_column,
    is_wrapped,
    join_text,
    margin_slack,
    pieces_fill_column,
)
from cleaner.rules.structure import BRACKETED, is_byline, is_endnote, label_of
from cleaner.text import ends_sentence

NumberedLines = list[tuple[int, str]]


def split_side_by_side_columns(raw: Sequence[tuple[int, str]]) -> tuple[NumberedLines, Found]:
    """Columns written side by side on each output line (``pdftotext -layout``) put back in
    reading order, page by page (rule ``column_split``): the left column, then the right one,
    band by band between lines set across both columns.

    >>> page = [(n, f"左栏第{n}行文字内容    右栏第{n}行") for n in range(1, 7)]
    >>> lines, found = split_side_by_side_columns(page)
    >>> [text for _, text in lines][:2], len(lines), found.decisions[0].kind
    (['左栏第1行文字内容', '左栏第2行文字内容'], 12, 'column_split')
    """
    result: NumberedLines = []
    decisions: list[Decision] = []
    for page in _pages(raw):
        texts = [text.replace("\f", "") for _, text in page]
        exact = gutter_index(texts)
        gutter = Gutter(exact, 0, 0) if exact is not None else gutter_band(texts)
        gutter = with_measure(gutter, texts) if gutter is not None else gutter_by_measure(texts)
        if gutter is None:
            result.extend(page)
            continue
        decisions.append(Decision("column_split", (page[0][0], page[-1][0]), "column_split",
                                  f"two columns side by side, the right one from character {gutter.position}"
                                  f" to {gutter.position + gutter.spread}"
                                  f" (a full left line holds {gutter.left_chars} characters)"))
        feed = "\f" if "\f" in page[0][1] else ""
        band: list[tuple[int, tuple[str, str]]] = []
        for (number, _), text in zip(page, texts, strict=True):
            parts = split_in_band(text, gutter)
            if parts is None:  # set across both columns: it closes the band above it
                result.extend(band_in_reading_order(band))
                result.append((number, text))
                band = []
                continue
            band.append((number, parts))
        result.extend(band_in_reading_order(band))
        if feed:
            first = next(i for i in range(len(result)) if result[i][0] == page[0][0])
            result[first] = (result[first][0], feed + result[first][1])
    return result, Found(decisions=tuple(decisions))


def band_in_reading_order(rows: Sequence[tuple[int, tuple[str, str]]]) -> NumberedLines:
    """A band's rows, cut in their left and right parts, read as the left column, then the
    right one, each with the blank lines that stood in it (a row with text on one side only
    leaves a blank line on the other) and read from its own edge (``from_column_edge``).

    >>> [text for _, text in band_in_reading_order([(1, ("左一", "右一")), (2, ("", "右二")),
    ...                                             (3, ("左二", "右三"))])]
    ['左一', '', '左二', '右一', '右二', '右三']
    """
    return [line for side in (0, 1)
            for line in from_column_edge([(number, parts[side]) for number, parts in rows])]


def from_column_edge(column: NumberedLines) -> NumberedLines:
    """A column's lines with the spaces that set its edge in taken off: most of the lines around
    each line start at the edge, and only what stands in from there is an indent
    (``pdftotext -layout`` may set a column's lines in by a cell from where its opening quotes
    start, on part of a page).

    >>> [text for _, text in from_column_edge([(1, "    第一段"), (2, " 接着"), (3, " 还是"), (4, "“引")])]
    ['   第一段', '接着', '还是', '“引']
    """
    texts = [k for k, (_, text) in enumerate(column) if text.strip()]
    leads = {k: len(column[k][1]) - len(column[k][1].lstrip(" ")) for k in texts}

    def edge_of(starts: Counter[int]) -> int | None:  # where most of these lines start, if most do
        edge, held = max(starts.items(), key=lambda item: (item[1], -item[0]))
        return edge if held * 2 >= sum(starts.values()) else None

    column_edge = edge_of(Counter(leads.values())) if texts else None
    result = list(column)
    for at, k in enumerate(texts):
        edge = edge_of(Counter(leads[j] for j in texts[max(0, at - EDGE_REACH):at + EDGE_REACH + 1]))
        edge = column_edge if edge is None else edge
        if edge:
            result[k] = (column[k][0], column[k][1][min(edge, leads[k]):])
    return result


EDGE_REACH = 6  # the lines either side of a line whose starts show where its column's edge is


def _pages(raw: Sequence[tuple[int, str]]) -> list[NumberedLines]:
    """The lines cut at form feeds (a form feed opens the line of the next page it stands in)."""
    pages: list[NumberedLines] = [[]]
    for number, text in raw:
        if "\f" in text and pages[-1]:
            pages.append([])
        pages[-1].append((number, text))
    return [page for page in pages if page]


def lay_out(lines: Sequence[Line], config: CleanConfig) -> tuple[list[Line], Found]:
    """Run the layout steps in order; each returns the lines it kept and what it found."""
    kept = list(lines)
    found: list[Found] = []
    for step in (restore_column_order, take_out_markers, take_out_furniture, rejoin_line_pieces):
        kept, step_found = step(kept, config)
        found.append(step_found)
    return kept, Found.total(found)


def take_out_markers(lines: Sequence[Line], config: CleanConfig) -> tuple[list[Line], Found]:
    """Remove navigation markers (rule ``toc_marker``); the line after one starts an article."""
    if not config.enabled("toc_marker"):
        return list(lines), Found()
    kept: list[Line] = []
    removals: list[Removal] = []
    markers = config.profile.markers
    pending = False
    for line in lines:
        if is_navigation_marker(line.text, markers):
            removals.append(Removal("marker", line.text, (line.number, line.number), "toc_marker"))
            pending = True
            continue
        rest, marker = split_navigation_marker(line.text, markers)
        if marker:
            removals.append(Removal("marker", marker, (line.number, line.number), "toc_marker"))
            line = line.with_text(rest)
        if pending:
            line = replace(line, after_marker=True)
            pending = False
        kept.append(line)
    return kept, Found(tuple(removals))


def take_out_furniture(lines: Sequence[Line], config: CleanConfig) -> tuple[list[Line], Found]:
    """Remove running heads and page numbers (rules ``page_furniture``, ``profile_furniture``);
    the line after one inherits its page break."""
    by_recurrence, by_profile = config.enabled("page_furniture"), config.enabled("profile_furniture")
    if not (by_recurrence or by_profile):
        return list(lines), Found()
    patterns = config.profile.furniture_patterns if by_profile else ()
    found = find_page_furniture(lines, patterns)
    if not by_recurrence:
        found &= {i for i, line in enumerate(lines) if matches_any(line.text, patterns)}
    # A PDF's layout has seen the margins: its hints decide for the lines that carry one.
    found = {i for i in found if lines[i].hint is None} | \
        {i for i, line in enumerate(lines) if line.hint is not None and line.hint.kind == "furniture"}
    kept: list[Line] = []
    removals: list[Removal] = []
    carry_break = False
    for i, line in enumerate(lines):
        if i in found:
            removals.append(Removal("furniture", line.text, (line.number, line.number), "page_furniture"))
            carry_break = True
            continue
        if carry_break:
            line = replace(line, page_break=True, tight=False)
            carry_break = False
        kept.append(line)
    return kept, Found(tuple(removals))


# How much better, per line, the lines two apart must continue each other than neighbours do
# before a page is read as two columns whose lines alternate.
ALTERNATION_GAIN = 0.6
PHASE_SHIFT = 2.5
MAX_PAGE_LINES = 400
# The least share of a page's pieces (lines or text blocks) that stop inside a paragraph when the
# page is two alternating columns.
OPEN_SHARE = 0.4
# A page whose text blocks hold hardly more than a line each (pdfminer.six writes nearly every
# line as a box of its own) alternates line by line: its blocks are not judged as units.
BLOCK_LINES = 1.3


def restore_column_order(lines: Sequence[Line], config: CleanConfig) -> tuple[list[Line], Found]:
    """Two columns whose lines (or text blocks) the extractor interleaved (L, R, L, R …) read
    column by column again, page by page (rule ``column_order``).

    Evidence from the issue itself: a line that does not end its paragraph must be continued by
    the next line of its column, and the issue's own character pairs tell how well one line's
    last character leads into another's first. When the lines two apart continue each other far
    better than neighbours do, the page is split into the two streams that read best. An
    extractor that writes text blocks (``pdftotext``: a run of one column's lines, then a run of
    the other's, or the other column's top first) is judged the same way with its blocks as the
    pieces, where most blocks stop at the margin inside a paragraph.
    """
    # Only pages the extractor marked (form feeds) are judged, and only pages of a page's length.
    if not config.enabled("column_order") or not any(line.form_feed for line in lines) \
            or any(line.hint is not None for line in lines):
        return list(lines), Found()
    width = column_width(line.width for line in lines)
    model = Continuity([line.text for line in lines])
    # Running heads, page numbers and navigation markers, found before anything moves: they
    # belong to neither column.
    furniture = {lines[i].number for i in find_page_furniture(lines, config.profile.furniture_patterns)}
    result: list[Line] = []
    decisions: list[Decision] = []
    for page in _line_pages(lines):
        order, evidence = _column_order(page, model, width), "lines of two columns alternated"
        regime = False
        if order is None:  # an extractor that writes text boxes alternates box by box
            blocks = _text_blocks(page)
            order = _block_order(page, blocks, model, width)
            evidence = f"text blocks of two columns alternated ({len(blocks)} blocks)"
        if order is None:  # alternating in one part of the page, one column after the other in another
            order, gain = _regime_order(page, model, width, furniture, config.profile.markers)
            regime = True
            evidence = (f"lines of two columns alternated in part of the page"
                        f" (split in two, its joins read {gain:.1f} better)")
        if order is None:
            result.extend(page)
            continue
        decisions.append(Decision("column_order", (page[0].number, page[-1].number), "column_order",
                                  f"{evidence}: read column by column"))
        # Where the extractor wrote nearly every line as a box of its own, two lines in one box
        # are bound (a two-line heading, a caption's lines): on a page read in parts they stay
        # so where the first still comes before the second. Boxes of many lines bind a column's
        # run, not a block; on pages the page-wide alternation reorders, keeping the binding
        # did not help on the development splits (measured), so there every line is loose.
        boxed = regime and len(_text_blocks(page)) * BLOCK_LINES > len(page)
        result.extend(replace(page[i], page_break=page[i].page_break and k == 0,
                              tight=boxed and page[i].tight and k > 0 and order[k - 1] == i - 1)
                      for k, i in enumerate(order))
    return result, Found(decisions=tuple(decisions))


def _line_pages(lines: Sequence[Line]) -> list[list[Line]]:
    pages: list[list[Line]] = [[]]
    for line in lines:
        if line.form_feed and pages[-1]:
            pages.append([])
        pages[-1].append(line)
    return [page for page in pages if page]


def _text_blocks(page: Sequence[Line]) -> list[list[int]]:
    """The page's text blocks: runs of lines with no blank line between them (line indexes)."""
    blocks: list[list[int]] = []
    for i, line in enumerate(page):
        if i == 0 or line.gap > 0:
            blocks.append([])
        blocks[-1].append(i)
    return blocks


def _block_order(page: Sequence[Line], blocks: list[list[int]], model: Continuity,
                 width: int) -> list[int] | None:
    """The reading order of a page whose columns alternate text block by text block (``blocks``:
    its text blocks as line indexes), or None.

    A block holding a caption's credit is a float: it belongs to neither column's run of text,
    so it is left out of the columns' order and kept after the line it followed.
    """
    floats = [block for block in blocks if any(is_caption_credit(page[i].text) for i in block)]
    order = _column_order(page, model, width, [block for block in blocks if block not in floats])
    if order is None or not floats:
        return order
    for block in floats:
        before = block[0] - 1
        at = order.index(before) + 1 if before in order else 0
        order[at:at] = block
    return order


def _column_order(page: Sequence[Line], model: Continuity, width: int,
                  units: Sequence[Sequence[int]] | None = None) -> list[int] | None:
    """The reading order of a page whose columns alternate, or None when they do not.

    ``units`` are the pieces that alternate, each a run of line indexes (every line on its own
    when None): an extractor that writes text boxes alternates box by box, a box holding one
    line or a few.
    """
    n_lines = len(page)
    if not 8 <= n_lines <= MAX_PAGE_LINES or not width:
        return None
    pieces = [list(unit) for unit in units] if units is not None else [[i] for i in range(n_lines)]
    n = len(pieces)
    if n < 8 or (units is not None and n * BLOCK_LINES > n_lines):
        return None

    def closes(line: Line) -> bool:
        if units is not None and not fills_column(line.width, width):
            return True  # a box that stops short of the margin ends its text (a heading, a credit)
        return line.ends_mark and not fills_column(line.width, width)

    def runs_on(line: Line) -> bool:
        return fills_column(line.width, width) and not line.ends_mark

    def link(p: int, k: int) -> float:
        before, after = page[pieces[p][-1]], page[pieces[k][0]]
        if closes(before):  # a paragraph ended: any line may follow, but not a closing mark
            return -3.0 if after.text[:1] in "，。、；：）”" else 0.0
        return model.score(before.text, after.text)

    def mean(pairs: list[tuple[int, int]]) -> float:
        open_pairs = [(p, k) for p, k in pairs if not closes(page[pieces[p][-1]])]
        return sum(link(p, k) for p, k in open_pairs) / max(1, len(open_pairs))

    # Pieces of two running columns mostly stop inside a paragraph, at the column's margin;
    # blocks that mostly close a paragraph (or are short furniture, headings) are one column's,
    # whatever their pair scores say.
    open_share = sum(1 for piece in pieces if runs_on(page[piece[-1]])) / n
    gain = mean([(k - 2, k) for k in range(2, n)]) - mean([(k - 1, k) for k in range(1, n)])
    if (units is not None and open_share < OPEN_SHARE) or gain < ALTERNATION_GAIN:
        return None
    # Alternating columns switch at nearly every line; a run in one column (a taller heading, a
    # figure beside text) is the exception, so keeping two neighbours together costs something.
    links = [[link(p, k) - (PHASE_SHIFT if p == k - 1 else 0.0) for p in range(k)] for k in range(n)]
    streams, _ = two_streams(links, 0.0)
    columns = _columns_of(streams, link)
    if columns is None:
        return None
    first, second = columns
    return [i for unit in first + second for i in pieces[unit]]


def _columns_of(streams: list[int], link: Callable[[int, int], float]) -> tuple[list[int], list[int]] | None:
    """The two streams' lines as the columns in reading order (None when either holds fewer than
    three lines): the column read first is the one whose last line leads into the other's first."""
    first = [i for i, stream in enumerate(streams) if stream == 0]
    second = [i for i, stream in enumerate(streams) if stream == 1]
    if len(first) < 3 or len(second) < 3:
        return None
    if link(second[-1], first[0]) > link(first[-1], second[0]):
        first, second = second, first
    return first, second


# How much better (summed log-odds of the joins) a page must read split into two streams than in
# its order before ``_regime_order`` moves its lines: well above what one-column pages gain by
# chance (at most 12.7 on the development split, over pages of 8 to 80 lines).
REGIME_GAIN = 20.0
# What it costs to go from alternating lines to a run of one column's lines, or back: about one
# line's strongest evidence, so that a single lucky join does not change the regime.
REGIME_CHANGE = 3.0
# The most lines of a press caption read back from its credit to its opening date.
MAX_CAPTION_LINES = 4
# A paragraph's first line is set in by two characters (four cells), which an extractor may drop.
FIRST_LINE_INDENT = 4


def _regime_order(page: Sequence[Line], model: Continuity, width: int, furniture: set[int],
                  markers: Sequence[str] = ()) -> tuple[list[int] | None, float]:
    """The reading order of a page whose columns alternate line by line in one part and follow
    each other in another (an extractor reads the band where both columns stand side by side
    across, and one column's rest, beside a figure, before the other's), or None; with how much
    better the page reads so.

    Lines of their own kind are not moved with the columns: running heads and page numbers
    (``furniture``, by source line) go to the page's top or bottom, whichever they stood nearer;
    bylines, editors' credits and bracketed end notes, which begin or end an article, stay after
    the line they followed; the lines above the page's first line of a column's measure (a title,
    its deck and bylines set across both columns) stay first. An editor's credit or an end note
    after the head closes the article the page ends with: the column whose line it followed is
    read second, and the credit stays last. A press caption stays whole after the line it
    followed. A page that ``column_split`` cut at its gutter (left and
    right parts share a source line) is in reading order already.
    """
    n = len(page)
    if not 8 <= n <= MAX_PAGE_LINES or not width or len({line.number for line in page}) < n:
        return None, 0.0
    aside = [i for i, line in enumerate(page) if line.number in furniture]
    # A navigation marker that ends the page's text ends its article: it stays last.
    text_lines = [i for i in range(n) if i not in aside]
    marker = text_lines[-1] if text_lines and is_navigation_marker(page[text_lines[-1]].text, markers) \
        else None
    credits = [i for i, line in enumerate(page) if i > 0 and i not in aside and i != marker
               and (is_byline(line.text) or is_endnote(line.text))]
    # The page's head (a title, its deck and bylines) stands above the columns: it ends at the
    # first line of running text, one that ends a sentence or reaches a column's measure (short
    # of it by no more than a first-line indent of two characters, never wider than a column).
    # (The rest of a line set across both columns, a deck's last words, is of the head too.)
    lead = next((i for i, line in enumerate(page) if i not in credits and (
        ends_sentence(line.text) or (fills_column(line.width + FIRST_LINE_INDENT, width)
                                     and not spans_columns(line.width, width)))
        and not (i > 0 and spans_columns(page[i - 1].width, width)
                 and not page[i - 1].ends_mark)), n)
    # A float's caption (its credit line, back to the date a press caption opens with) belongs
    # to neither column's run of text: its lines stay together after the line they followed.
    captions = []
    for i, line in enumerate(page):
        if i >= lead and i not in aside and i not in credits and is_caption_credit(line.text):
            start = next((k for k in range(i, max(lead, i - MAX_CAPTION_LINES) - 1, -1)
                          if starts_caption_date(page[k].text)), i)
            if not captions or start > captions[-1][-1]:
                captions.append(list(range(start, i + 1)))
    fixed = set(aside) | set(credits) | set(range(lead)) | {i for group in captions for i in group} \
        | ({marker} if marker is not None else set())
    kept = [i for i in range(n) if i not in fixed]
    streams = _regime_streams([page[i] for i in kept], model, width)
    if streams is None:
        return None, 0.0
    first, second, gain = streams
    if gain < REGIME_GAIN:
        return None, gain
    first, second = [kept[i] for i in first], [kept[i] for i in second]
    # An editor's credit or an end note after the text closes its article (one under a byline
    # opens it): the last one on the page stays last (before a marker), and the column it
    # followed is read second.
    closing = next((i for i in reversed(credits) if i > lead and i - 1 not in credits
                    and closes_article(page[i].text)), None)
    if closing is not None and closing - 1 in first:
        first, second = second, first
    order = [i for i in range(lead) if i not in aside] + first + second
    for i in credits:
        if i >= lead and i != closing:
            order.insert(order.index(i - 1) + 1 if i - 1 in order else len(order), i)
    for group in captions:
        at = order.index(group[0] - 1) + 1 if group[0] - 1 in order else len(order)
        order[at:at] = group
    if closing is not None:
        order.append(closing)
    if marker is not None and marker >= lead:
        order.append(marker)
    return [*(i for i in aside if i < n / 2), *order, *(i for i in aside if i >= n / 2)], gain


# An editor's credit, set where an article ends ("责任编辑：周宁", "编辑/余乐").
EDITOR_CREDIT = regex.compile(r"^(?:责任编辑|责编|编辑)\s*[/／:：]\s*\S")


def closes_article(text: str) -> bool:
    """A credit that ends an article: an editor's, or a bracketed end note ("（编辑：袁满）")."""
    return bool(EDITOR_CREDIT.match(text)) or is_endnote(text)


def _regime_streams(page: Sequence[Line], model: Continuity,
                    width: int) -> tuple[list[int], list[int], float] | None:
    """The two columns of ``_regime_order``'s lines (first read, second read, as line indexes),
    with how much better the page reads so than in its order; None for too few lines."""
    n = len(page)
    if n < 8:
        return None

    def closes(line: Line) -> bool:
        return line.ends_mark and not fills_column(line.width, width)

    def link(p: int, k: int) -> float:
        if closes(page[p]):  # a paragraph ended: any line may follow, but not a closing mark
            return -3.0 if page[k].text[:1] in "，。、；：）”" else 0.0
        if fills_column(page[p].width, width) and not fills_column(page[k].width, width) \
                and not page[k].ends_mark:
            return -3.0  # a running line's paragraph ends on a closing mark, not on a heading
        return model.score(page[p].text, page[k].text)

    links = [[link(p, k) for p in range(k)] for k in range(n)]
    streams, total = regime_streams(links, REGIME_CHANGE)
    gain = total - sum(links[k][k - 1] for k in range(1, n))
    columns = _columns_of(streams, link)
    return None if columns is None else (*columns, gain)


def spans_columns(line_width: int, width: int) -> bool:
    """A line wider than one column by more than the margin's slack: on a page of two columns
    it is set across both (a deck, a title), not in either."""
    return line_width > width + 2 * margin_slack(width)


def rejoin_line_pieces(lines: Sequence[Line], config: CleanConfig) -> tuple[list[Line], Found]:
    """Pieces of one printed line that the extractor wrote as two lines, cut at a wide gap of
    justification or punctuation glue, joined again (rule ``line_pieces``).

    Two neighbouring lines of a page inside a running paragraph (the line above them fills the
    column and runs on) that each fall short of the column but together fill it, the first not
    closing a sentence, were one line: ``2023 年 11 月 7 日至 12 月 30 日期间，`` + ``按照法律规定``.
    """
    if not config.enabled("line_pieces") or not is_wrapped(lines):
        return list(lines), Found()  # flowed text has no printed lines to cut
    width = column_width(line.width for line in lines)
    result: list[Line] = []
    decisions: list[Decision] = []
    pieces_left = 0  # lines still to join of a printed line cut at several wide gaps
    for index, line in enumerate(lines):
        before = result[-1] if result else None
        after = lines[index + 1] if index + 1 < len(lines) else None
        # Pieces stand inside a running paragraph: the line above them filled the column.
        above = result[-2] if len(result) > 1 else None
        inside = above is not None and fills_column(above.width, width) \
            and not above.ends_mark
        if inside and not pieces_left and index and before is lines[index - 1]:  # (not joined yet)
            pieces_left = max(0, wide_gap_pieces(lines[index - 1:index + MAX_PIECES], width) - 1)
        if before is not None and (pieces_left or (inside and is_line_piece(before, line, width))
                                   or stands_where_line_stopped(before, line, after, width)):
            cut_line = pieces_left > 0
            pieces_left = max(0, pieces_left - 1)
            joined = replace(before.with_text(join_text(before.text, line.text, spaced=True)),
                             space_after=line.space_after)
            if cut_line and not pieces_left:
                # The cuts took the line's glue out: it filled its printed line, short as its text is.
                joined = replace(joined, measure=min(width, joined.width))
            result[-1] = joined
            why = "pieces of one printed line cut at wide gaps (they fill the column but for the gaps)" \
                if cut_line else "two pieces of one printed line (together they fill the column)"
            decisions.append(Decision("line_pieces", (before.number, line.number), "line_pieces", why))
            continue
        result.append(line)
    return result, Found(decisions=tuple(decisions))


def stands_where_line_stopped(before: Line, line: Line, after: Line | None, width: int) -> bool:
    """``line`` is the rest of ``before``'s printed line, written on a line of its own but set
    in to the very character cell where ``before`` stopped (``pdftotext -layout`` keeps each
    character's position, one cell per character, and cuts a line where two compressed marks
    meet: "…充满诗意的《远方的声音》" + "、" set in 43 cells).

    A first-line indent is a few cells, wherever the line above ended: a piece set in no further
    counts only after a line that stopped at a comma (no paragraph ends there). The two pieces
    together fill the column, and the next printed line (``after``) starts back at the column's
    edge: lines set in beside a figure keep their left edge line after line.
    """
    if not line.indent or line.gap or line.page_break or before.hint or line.hint:
        return False
    if BRACKETED.match(line.text) or is_caption_credit(line.text) or is_byline(line.text):
        return False  # a note, a credit or a byline set flush right may stop where a line did
    stopped = before.indent + len(before.text)
    if abs(line.indent - stopped) > PIECE_CELL_SLACK:
        return False
    edge = before.indent  # the column's left edge, or a first-line indent in from it
    if line.indent - edge <= MAX_INDENT and before.text[-1:] not in "，、":
        return False  # where a first-line indent stands, only a line stopped at a comma runs on
    together = before.width + line.width
    if not fills_column(together, width) or together > width + margin_slack(width):
        return False
    if after is not None and after.indent - edge > MAX_INDENT and not after.page_break \
            and abs(after.indent - line.indent - len(line.text)) > PIECE_CELL_SLACK:
        return False  # (unless that line is the next piece of this one)
    return before.text[-1:] in COMPRESSED_MARKS or line.text[:1] in COMPRESSED_MARKS


# Marks set half an em wide when they meet another (the cut falls between them), and how many
# cells the compressed mark may shift the rest of the line.
COMPRESSED_MARKS = "，、；：。！？”」』）》“「『（《"
PIECE_CELL_SLACK = 2


MAX_PIECES = 4  # how many pieces one printed line may be cut into


def wide_gap_pieces(lines: Sequence[Line], width: int) -> int:
    """How many of ``lines`` (from the first on) are the pieces of one printed line that the
    extractor cut at wide gaps of justification (0: they are not).

    A narrow column justified around Latin words stretches its spaces so wide that the
    extractor cuts the line there, into two, three or four short pieces (``软件套件作为`` +
    ``Debian`` + ``软件包提``): none closes the sentence, together they fill the column but for
    the gaps the cuts took out, the extractor wrote them one after the other, and the next
    printed line is back at the full measure. Lines set in beside a figure are each short too,
    but so is the line under them.

    >>> from cleaner.lines import read_lines
    >>> lines = read_lines(["软件套件作为", "Debian", "软件包提", "供，但由于许可证的限制，它们不是"])
    >>> wide_gap_pieces(lines, 32)
    3
    >>> wide_gap_pieces(lines[:2] + read_lines(["软件包提", "一个图旁的短行，"]), 32)
    0
    """
    slack = margin_slack(width)
    for count, piece in enumerate(lines[:MAX_PIECES], start=1):
        if piece.width >= width - slack or piece.hint or piece.ends_mark or piece.page_break:
            return 0  # (a page's first lines are its head's, after the line the page before ended on)
        if count > 1 and (piece.indent or piece.gap > lines[0].gap + 1
                          or not 0 < piece.number - lines[count - 2].number <= piece.gap + 1  # written apart
                          or is_byline(piece.text) or is_caption_credit(piece.text) or label_of(piece.text)):
            return 0
        widths = [line.width for line in lines[:count]]
        if sum(widths) > width + slack:
            return 0
        if pieces_fill_column(widths, width):
            after = lines[count] if count < len(lines) else None
            return count if after is not None and fills_column(after.width, width) else 0
        if ends_sentence(piece.text):
            return 0
    return 0


def is_line_piece(before: Line, line: Line, width: int) -> bool:
    """``line`` is the rest of the printed line that ``before`` began."""
    if not width or line.page_break or line.gap > before.gap + 1 or line.indent or before.hint or line.hint:
        return False
    # The widths first: most line pairs are no pieces by them, before any pattern is tried.
    slack = margin_slack(width)
    short = before.width < width - slack and line.width < width - slack
    together = width - slack <= before.width + line.width <= width + slack
    if not (short and together):
        return False
    if is_byline(line.text) or is_caption_credit(line.text) or label_of(line.text) \
            or line.ends_mark:
        return False  # a line of its own kind starts there, or the paragraph ends on it
    # Two marks set side by side are compressed to one em ("”“", "”（"): the extractor can read
    # the glue between them as a gap and cut the printed line there. After a sentence's end the
    # next piece may as well open a paragraph whose indent was dropped: only the widths tell.
    glued = before.text[-1:] in "，、；：”」』）》" and line.text[:1] in "“「『（《"
    return not ends_sentence(before.text) and (line.text[:1] not in "（(“" or glued)

