"""Line grouping from glyph geometry alone (no PDF needed): gutters against gaps inside a line."""

from __future__ import annotations

from cleaner.layout_pdf import credited_stacks, find_gutter, lay_out, lift_overprinted
from cleaner.read_pdf import Glyph, PdfLine, PdfPage, group_lines

EM = 10.0


def row(y: float, x: float, text: str, size: float = EM,
        gap_after: dict[int, float] | None = None) -> list[Glyph]:
    """Glyphs of one printed row from ``x``, one em each; ``gap_after[k]`` widens after glyph k."""
    glyphs, gaps = [], gap_after or {}
    for k, char in enumerate(text):
        glyphs.append(Glyph(char, x, x + size, y - size, y, y - 1, size, False, False, False))
        x += size + gaps.get(k, 0.0)
    return glyphs


def two_columns(rows: int) -> list[Glyph]:
    """Two columns of six-em lines with a 1.5 em gutter, baselines aligned."""
    right = 6 * EM + 15
    return [g for i in range(rows)
            for g in row(20 * i, 0, "左栏正文左栏") + row(20 * i, right, "右栏正文右栏")]


def texts(glyphs: list[Glyph]) -> list[str]:
    return [line.text for line in group_lines(glyphs, 1)]


def test_a_justification_gap_inside_a_one_column_line_does_not_cut_it() -> None:
    page = [g for i in range(8) for g in row(20 * i, 0, "正文正文正文正文正文正文")]
    page += row(200, 0, "他说：“当然不是”", gap_after={2: 1.5 * EM})  # wide gap at the quotation mark
    assert "他说：“当然不是”" in texts(page)


def test_a_gap_every_row_leaves_open_is_a_gutter() -> None:
    page = two_columns(8)
    found = texts(page)
    assert found.count("左栏正文左栏") == 8 and found.count("右栏正文右栏") == 8


def test_a_short_last_line_keeps_its_columns_apart() -> None:
    """The gap after a short line is wider than the gutter, and most rows cross its left part."""
    page = two_columns(8)
    page += row(200, 0, "结束。") + row(200, 6 * EM + 15, "右栏正文右栏")
    assert {"结束。", "右栏正文右栏"} <= set(texts(page))


def test_a_caption_beside_the_text_in_smaller_type_is_its_own_line() -> None:
    page = [g for i in range(8) for g in row(20 * i, 0, "正文正文正文正文正文正文")]
    page += row(200, 0, "图片说明", size=8.0) + row(200, 8.0 * 4 + 4, "正文正文正文正文")
    assert {"图片说明", "正文正文正文正文"} <= set(texts(page))


def test_a_caption_beside_a_line_that_opens_with_a_latin_word_is_cut_before_it() -> None:
    """A Latin word in the text's own size, after a caption in smaller type: a new line, though
    Latin beside CJK is often in a font scaled a little off the CJK size."""
    page = [g for i in range(8) for g in row(20 * i, 0, "正文正文正文正文正文正文")]
    page += row(200, 0, "图片说明", size=8.0) + row(200, 8.0 * 4 + 10, "DVD", size=EM) \
        + row(200, 8.0 * 4 + 10 + 3 * EM + 12, "以外正文", size=EM)
    found = texts(page)
    assert "图片说明" in found and not any("说明D" in text for text in found)


def test_a_caption_beside_a_line_whose_latin_word_runs_on_in_body_type_is_cut_before_it() -> None:
    """The line after the gap opens with a Latin word and goes on in CJK of the Latin's own
    (body) size: no scaled Latin font, so the caption's smaller type before the gap is another
    line, however few rows show the gutter."""
    page = [g for i in range(8) for g in row(20 * i, 0, "正文正文正文正文正文正文")]
    page += row(200, 0, "图片说明，", size=8.0) + row(200, 8.0 * 5 + 12, "apt-cache", size=EM) \
        + row(200, 8.0 * 5 + 12 + 9 * EM, "的功能", size=EM)
    found = texts(page)
    assert "图片说明，" in found and "apt-cache的功能" in found


def test_a_latin_word_in_slightly_other_type_inside_a_line_stays_in_it() -> None:
    page = [g for i in range(8) for g in row(20 * i, 0, "正文正文正文正文正文正文")]
    page += row(200, 0, "正文正文", gap_after={3: 1.2 * EM}) + row(200, 4 * EM + 12, "CEO", size=9.5) \
        + row(200, 4 * EM + 12 + 3 * 9.5, "正文正文正", size=EM)
    assert texts(page)[-1] == "正文正文CEO正文正文正"


def test_a_centred_title_and_byline_do_not_hide_the_gutter() -> None:
    def line(x0: float, x1: float, top: float, size: float = EM, bold: bool = False) -> PdfLine:
        return PdfLine(1, "正文", x0, x1, top, top + size, top + size - 1, size, bold)
    lines = [line(50, 150, 0, 22.0, True), line(90, 110, 30, bold=True), line(70, 130, 45, 8.0)]
    lines += [line(0, 95, 60 + 15 * i) for i in range(6)] + [line(105, 200, 60 + 15 * i) for i in range(6)]
    assert find_gutter(lines, EM) is not None and 95 <= find_gutter(lines, EM) <= 105


def text_line(top: float, x0: float, x1: float, text: str = "正文正文") -> PdfLine:
    return PdfLine(1, text, x0, x1, top, top + EM, top + EM - 1, EM)


def starts(lines: list[PdfLine]) -> list[bool | None]:
    from cleaner.layout_pdf import PdfPage, lay_out

    laid = lay_out([PdfPage(1, 300, 400, tuple(lines))])
    return [item.starts_paragraph for item in laid.lines]


def indented_paragraphs(ends: list[float]) -> list[PdfLine]:
    """Paragraphs of three lines, first-line indent two em, column 0-200, last lines ending at ``ends``."""
    lines = []
    for k, end in enumerate(ends):
        top = 60 * k
        lines += [text_line(top, 20, 200), text_line(top + 20, 0, 200), text_line(top + 40, 0, end, "正文。")]
    return lines


def test_a_right_aligned_note_after_a_paragraph_is_a_block_of_its_own() -> None:
    lines = indented_paragraphs([120, 80])
    # Set flush right: long enough to start 1.6 em in, neither at the edge nor at the indent.
    lines.append(text_line(120, 16, 200, "（文中沈芳、陈琳、包秦为化名）"))
    assert starts(lines)[-1] is True


def test_an_unindented_line_after_a_short_closed_line_starts_a_block() -> None:
    lines = indented_paragraphs([120, 80])
    lines.append(text_line(120, 0, 90, "（作者为资深影评人）"))  # flush left: an editor's line
    assert starts(lines)[-1] is True


def test_a_line_left_short_by_a_number_that_did_not_fit_goes_on() -> None:
    lines = indented_paragraphs([120, 80])
    lines[4] = text_line(lines[4].top, 0, 175, "正文。")  # 2.5 em short ...
    lines.insert(5, text_line(lines[4].top + 20, 0, 200, "2018年正文"))  # ... of a four-digit year
    assert starts(lines)[5] is False


def test_short_is_measured_against_how_ragged_the_full_lines_end() -> None:
    """Full lines that end up to an em and a half short (type justified only at spaces) do not
    make a line 1.5 em short a paragraph's last; in type justified to the edge they do."""
    def column(ragged: list[float]) -> list[PdfLine]:
        lines = [text_line(0, 20, 200)]
        lines += [text_line(20 * (k + 1), 0, 200 - r * EM) for k, r in enumerate(ragged)]
        lines[5] = text_line(lines[5].top, 0, 185, "正文。")  # 1.5 em short after a full stop
        return lines
    justified = column([0.0] * 12)
    ragged = column([0.0, 1.5, 0.8, 0.0, 1.6, 0.0, 1.2, 0.0, 1.4, 0.3, 0.0, 1.5])
    assert starts(justified)[6] is True
    assert starts(ragged)[6] is None  # the geometry cannot tell: the text rules decide


def test_a_page_with_a_few_lines_reads_by_the_documents_columns() -> None:
    """An article's last three lines balanced over two columns: left column first, as on the
    pages before, although the page alone shows no gutter."""
    from cleaner.layout_pdf import PdfPage, lay_out

    def page(number: int, rows: int, right_rows: int) -> PdfPage:
        lines = [PdfLine(number, f"左{i}", 0, 95, 20 * i, 20 * i + EM, 20 * i + EM - 1, EM)
                 for i in range(rows)]
        lines += [PdfLine(number, f"右{i}", 105, 200, 20 * i, 20 * i + EM, 20 * i + EM - 1, EM)
                  for i in range(right_rows)]
        return PdfPage(number, 300, 400, tuple(lines))
    laid = lay_out([page(1, 10, 10), page(2, 10, 10), page(3, 2, 1)])
    assert [item.line.text for item in laid.lines if item.line.page == 3] == ["左0", "左1", "右0"]


def test_a_lone_line_cut_from_its_column_measures_against_the_column() -> None:
    """A note flush right under a line that crosses the gutter is a block of one line: its
    left edge is the column's, not its own first character."""
    from cleaner.layout_pdf import ordered_blocks

    def line(x0: float, x1: float, top: float) -> PdfLine:
        return PdfLine(1, "正文", x0, x1, top, top + EM, top + EM - 1, EM)
    lines = [line(0, 95, 20 * i) for i in range(4)] + [line(105, 200, 20 * i) for i in range(4)]
    lines += [line(0, 200, 80), line(150, 200, 100)]
    blocks = ordered_blocks(lines, EM)
    note = next(edges for leaf, edges in blocks if leaf[0].x0 == 150)
    assert note[0] < 150


def test_a_heading_under_the_byline_is_no_deck() -> None:
    """The text path reads one short line between a byline and the body as the deck; when a
    PDF's layout saw it set in heading type it is the body's first heading."""
    import magclean
    from cleaner.source import LineHint, Source

    body = "这些改进一直都在进行。对第一点而言，我们已经使用了一组增强安全性的编译选项。"
    texts = ("下一个发布版本可以期待的变化", "文/本刊记者孙颖", "加固系统", body, body)
    hints = (LineHint("title", True, True, 1), LineHint("body", True, False, 1),
             LineHint("heading", True, False, 1), LineHint("body", True, False, 1),
             LineHint("body", True, False, 1))
    doc = magclean.clean(Source(name="t.pdf", encoding="pdf", lines=texts, hints=hints))
    article = doc.articles[0]
    assert article.deck is None
    assert [b.text for b in article.blocks if b.kind == "heading"] == ["加固系统"]


def test_a_guessed_space_does_not_cut_a_heading_beside_a_column_on_another_baseline() -> None:
    """A heading in 11.5 pt beside the other column's 10.5 pt line, baselines 2.8 pt apart:
    PDFium's guessed space (sized 1 pt) inside the heading must not start a row of its own."""
    heading = row(615.7, 0, "怎么知道", size=11.5)
    space = Glyph(" ", 46, 51, 604.2, 615.7, 614.7, 1.0, False, False, True)
    heading += [space, *row(615.7, 51, "系统中安装了", size=11.5)]
    other = row(612.9, 200, "能仍留在系统中。", size=10.5)
    # (The gap, 0.43 em more than the heading's step, reads as a typed space: the heading is one
    # line either way, which is what this fences.)
    assert "怎么知道系统中安装了" in [text.replace(" ", "") for text in texts(heading + other)]
    assert "怎么知道" not in texts(heading + other)


def page_of(number: int, lines: list[tuple[str, float, float, float, float]]) -> PdfPage:
    """A page from (text, x0, x1, top, size) rows."""
    made = [PdfLine(number, text, x0, x1, top, top + size, top + size - 1, size)
            for text, x0, x1, top, size in lines]
    return PdfPage(number, 300, 400, tuple(made))


def full_rows(number: int) -> list[tuple[str, float, float, float, float]]:
    """Twenty lines of running text and the page number, centred in the foot margin."""
    rows = [("正文正文正文正文正文正文正文正文正文正文", 20, 220, 40 + 15 * i, EM) for i in range(20)]
    return [*rows, (f"— {number} —", 100, 130, 360, 8.0)]


def kinds_on(pages: list[PdfPage], number: int) -> dict[str, str]:
    return {item.line.text: item.kind for item in lay_out(pages).lines if item.line.page == number}


def test_the_page_number_of_a_page_with_one_line_left_is_furniture() -> None:
    last = page_of(3, [("（文中人物为化名）", 120, 220, 40, EM), ("— 3 —", 100, 130, 360, 8.0)])
    kinds = kinds_on([page_of(1, full_rows(1)), page_of(2, full_rows(2)), last], 3)
    assert kinds == {"（文中人物为化名）": "body", "— 3 —": "furniture"}


def test_a_section_name_on_the_folio_row_is_furniture_with_it() -> None:
    pages = [page_of(n, full_rows(n)) for n in (1, 2)]
    pages.append(page_of(3, [*full_rows(3), ("经济", 200, 220, 360, 8.0)]))
    assert kinds_on(pages, 3)["经济"] == "furniture"


def test_a_running_head_printed_on_one_page_only_is_known_by_its_look() -> None:
    """Small type, short, no sentence, the page's top row: the head, although no other page of
    the article prints one (opening pages go without)."""
    pages = [page_of(n, full_rows(n)) for n in (1, 2)]
    pages.append(page_of(3, [("科技生活 第22期", 20, 90, 15, 8.0), *full_rows(3)]))
    assert kinds_on(pages, 3)["科技生活 第22期"] == "furniture"


def test_the_section_label_over_a_title_is_no_running_head() -> None:
    pages = [page_of(n, full_rows(n)) for n in (1, 2)]
    text = [(t, x0, x1, top + 20, size) for t, x0, x1, top, size in full_rows(3)]
    head = [("调查 Investigation", 20, 90, 15, 8.0), ("三季度经济增速解析", 20, 180, 32, 16.0)]
    pages.append(page_of(3, [*head, *text]))
    assert kinds_on(pages, 3)["调查 Investigation"] != "furniture"


def test_the_magazines_name_alone_in_a_margin_is_furniture_when_the_folio_carries_it() -> None:
    """Above a picture its look is a caption's; the folio rows of the other pages name it."""
    from dataclasses import replace

    pages = [page_of(n, [*full_rows(n)[:-1], (f"{n} / 南方周末刊", 100, 160, 360, 8.0)]) for n in (1, 2)]
    third = page_of(3, [("南方周末刊", 20, 70, 15, 8.0), *full_rows(3)[4:]])
    pages.append(replace(third, figures=((20, 40, 220, 90),)))  # a picture where rows 1-4 were
    assert kinds_on(pages, 3)["南方周末刊"] == "furniture"


def test_narrow_lines_the_layout_saw_in_body_type_stay_a_paragraph() -> None:
    """A short paragraph set beside a figure is narrow on every line; the text path would take
    it for a caption in its own measure, the PDF's layout saw it in body type."""
    import magclean
    from cleaner.source import LineHint, Source

    full = "城市更新不是简单的拆旧建新，而是让老街区重新获得生活的活力。"
    narrow = ["为什么今天人", "们又需要陪诊了？"]
    texts = (full, full[:-1] + "，", full, *narrow, full, full)
    starts = (True, False, False, True, False, True, False)
    hints = tuple(LineHint("body", start, False, 1) for start in starts)
    doc = magclean.clean(Source(name="t.pdf", encoding="pdf", lines=texts, hints=hints))
    blocks = [(b.kind, b.text) for a in doc.articles for b in a.blocks]
    assert ("paragraph", "为什么今天人们又需要陪诊了？") in blocks


def test_a_gutter_no_text_crosses_on_its_page_is_the_grid_seen_once() -> None:
    """Page 2 holds a picture over the left column with one line under it: too few lines to
    show the gutter, the grid is page 1's, where no line crosses it."""
    def two_columns(number: int, left: int, right: int, left_from: int = 0) -> list:
        rows = [(f"左{i}", 0, 95, 20 * i, EM) for i in range(left_from, left)]
        return rows + [(f"右{i}", 105, 200, 20 * i, EM) for i in range(right)]
    first = page_of(1, two_columns(1, 12, 12))
    second = page_of(2, two_columns(2, 9, 8, left_from=8))
    order = [item.line.text for item in lay_out([first, second]).lines if item.line.page == 2]
    assert order[0] == "左8"


def test_paragraph_space_starts_an_unindented_paragraph_after_a_full_last_line() -> None:
    """No first-line indent, the last line full: only the space above the next line tells."""
    rows = [text_line(15 * i, 0, 200, "正文正文。" if i == 5 else "正文正文") for i in range(6)]
    rows += [text_line(15 * 5 + 23 + 15 * i, 0, 200) for i in range(6)]  # 8 pt more before line 7
    assert starts(rows)[6] is True and starts(rows)[5] is not True


def test_a_caption_printed_over_the_text_is_one_caption_and_the_paragraph_joins_again() -> None:
    """A caption in small type overprinting a column's lines is read whole, as a caption, by
    the text line it starts beside; the text's lines go on around it."""
    text = [text_line(15 * i, 0, 200, f"正文{i}") for i in range(8)]
    tops = [46 + 12 * k for k in range(3)]  # over text lines 3 to 5
    caption = [PdfLine(1, f"说明{k}", 0, 60, top, top + 8, top + 7, 8.0) for k, top in enumerate(tops)]
    laid = lay_out([PdfPage(1, 300, 400, tuple(sorted(text + caption, key=lambda line: line.top)))]).lines
    assert [item.line.text for item in laid if item.kind == "caption"] == ["说明0", "说明1", "说明2"]
    order = [item.line.text for item in laid]
    start = order.index("说明0")
    assert order[start:start + 3] == ["说明0", "说明1", "说明2"]  # read whole, not between text lines
    assert [t for t in order if t.startswith("正文")] == [f"正文{i}" for i in range(8)]


def test_a_credited_caption_over_the_text_is_read_whole_with_a_line_in_the_leading() -> None:
    """A caption stack closed by its credit, printed over a column, is lifted whole: its middle
    line, which falls in the leading between two text lines and overprints neither, stays in it."""
    text = [text_line(16 * i, 0, 200, f"正文{i}") for i in range(8)]
    rows = [("说明甲", 33), ("说明乙", 41.5), ("图/新华", 51)]  # 说明乙 spans 41.5-49.5, text 32-42, 48-58
    caption = [PdfLine(1, t, 100, 170, top, top + 8, top + 7, 8.0) for t, top in rows]
    laid = lay_out([PdfPage(1, 300, 400, tuple(sorted(text + caption, key=lambda line: line.top)))]).lines
    order = [item.line.text for item in laid]
    start = order.index("说明甲")
    assert order[start:start + 3] == ["说明甲", "说明乙", "图/新华"]
    assert all(item.kind == "caption" for item in laid if item.line in caption)
    assert [t for t in order if t.startswith("正文")] == [f"正文{i}" for i in range(8)]


def test_a_credited_caption_read_row_by_row_with_the_text_beside_it_is_one_block() -> None:
    """A wrapped figure's caption beside the text that wraps it, read into the same block row by
    row (caption line, text line, caption line...), is lifted out whole before the text line it
    starts beside; the text's lines follow in their order, so the paragraph joins again."""
    wrap = [PdfLine(1, f"绕排{i}", 383, 528, 391 + 13.5 * i, 400 + 13.5 * i, 399 + 13.5 * i, 9.0)
            for i in range(4)]
    rows = [("消费和投资的大幅走强", 394, 369), ("是推高美国三季度增速", 404, 369),
            ("的主要因素。图/视觉中", 414, 375), ("国", 425, 301)]
    caption = [PdfLine(1, t, 295, x1, top, top + 7, top + 6, 7.5) for t, top, x1 in rows]
    leaf = sorted(wrap + caption, key=lambda line: line.top)
    assert len(credited_stacks(leaf, 9.0)) == 4
    blocks = lift_overprinted([(leaf, (295.0, 528.0))], 9.0, credited_stacks(leaf, 9.0))
    assert [[line.text for line in part] for part, _ in blocks] == [
        ["绕排0"], [t for t, _, _ in rows], ["绕排1", "绕排2", "绕排3"]]


def test_a_picture_that_a_caption_runs_into_is_still_a_picture() -> None:
    """Small type running from outside a box into it is printed over a picture, not held by a
    frame: the box stays a figure, and the caption under it is found beside it."""
    from cleaner.layout_pdf import figure_boxes

    runs = [PdfLine(1, "说明", 0, 40, 100 + 12 * k, 108 + 12 * k, 107 + 12 * k, 8.0) for k in range(6)]
    held = [PdfLine(1, "框内", 10, 90, 150, 158, 157, 8.0)]
    page = PdfPage(1, 300, 400, (), ((0, 130, 200, 180),))
    assert figure_boxes(page, runs) == [(0, 130, 200, 180)]
    assert figure_boxes(page, held) == []


def test_a_credit_on_the_captions_last_row_joins_that_caption_and_no_other() -> None:
    from cleaner.layout_pdf import LaidLine
    from cleaner.pdf_source import joined_groups

    def caption(text: str, x0: float, top: float) -> LaidLine:
        return LaidLine(PdfLine(1, text, x0, x0 + 9 * len(text), top, top + 9, top + 8, 9.0), "caption")
    # A caption with its credit on its last row; then one that has its credit, another's beside it.
    groups = joined_groups([caption("英伟达CEO黄仁勋。", 60, 100), caption("图/视觉中国", 180, 100),
                            caption("金融中心。图/法新", 0, 200), caption("图/新华", 180, 200)])
    assert [[item.line.text for item in group] for group in groups] == \
        [["英伟达CEO黄仁勋。", "图/视觉中国"], ["金融中心。图/法新"], ["图/新华"]]


def test_a_deck_set_in_inside_its_frame_is_no_first_line_indent() -> None:
    """Every line of a deck stands an em in from the column's edge: a block set in, not an
    indent. The unindented paragraphs under it keep no indent, so a line at the edge after a
    short closed line starts a paragraph."""
    from cleaner.layout_pdf import PdfPage, lay_out

    deck = [text_line(20 * i, 10, 190 if i < 3 else 120) for i in range(4)]
    body = [text_line(100 + 20 * i, 0, 200) for i in range(12)]
    body[4] = text_line(body[4].top, 0, 80, "正文。")
    laid = lay_out([PdfPage(1, 300, 400, tuple(deck + body))])
    assert laid.indent_em is None
    assert [item.starts_paragraph for item in laid.lines][4 + 5] is True


def justified(last: PdfLine, comma_end: float) -> list[PdfLine]:
    """Twelve full lines, two of them ending in a comma whose em ends at ``comma_end``, then
    ``last`` and one more line."""
    lines = [text_line(20 * i, 0, 200) for i in range(12)]
    for k in (3, 7):
        lines[k] = PdfLine(1, "正文正文，", 0, 200, 20 * k, 20 * k + EM, 20 * k + EM - 1, EM, end=comma_end)
    return [*lines, last, text_line(20 * 13, 0, 200)]


def test_a_closing_marks_blank_is_no_room_where_its_em_reaches_the_edge() -> None:
    """A full stop inks the left third of its em: a line whose full stop's em ends 0.3 em short
    of the edge is full (the next character would not fit), though its ink stops 1.3 em short."""
    full = PdfLine(1, "正文正文。", 0, 187, 240, 240 + EM, 239 + EM, EM, end=197)
    assert starts(justified(full, 200))[13] is not True


def test_where_full_lines_hang_their_marks_a_last_lines_mark_blank_is_room() -> None:
    """TeX hangs a justified line's comma into the margin (its em passes the edge, its ink
    stops at it); a paragraph's last line, set at its natural width, keeps its full stop's em
    inside: the ink's end shows the room."""
    last = PdfLine(1, "正文正文。", 0, 193, 240, 240 + EM, 239 + EM, EM, end=200)
    assert starts(justified(last, 207))[13] is True


def test_a_picture_in_the_next_column_does_not_narrow_a_line() -> None:
    from cleaner.layout_pdf import _free_edges

    # The first line of a paragraph, indented two em, beside a picture in the column to the left.
    line = text_line(100, 120, 200)
    assert _free_edges(line, 100, 200, [(0, 90, 90, 120)], [line], EM) == (100, 200)


def test_columns_whose_baselines_do_not_line_up_are_read_apart_under_a_deck() -> None:
    """The right column's lines stand half a line lower than the left's but its first, which
    shares the left's first row: the only rows with ink on both sides of that row's gap are the
    deck's, which cross it. The columns' own edges, repeated down the page, show the gutter."""
    page = [g for i in range(2) for g in row(20 * i, 0, "导语导语导语导语导语导语导语导语导语导语导语导语导")]
    page += [g for i in range(8) for g in row(60 + 20 * i, 0, "左栏正文左栏正文左")]
    page += row(60, 120, "右栏正文右栏")
    page += [g for i in range(1, 8) for g in row(70 + 20 * i, 120, "右栏正文右栏")]
    assert texts(page).count("左栏正文左栏正文左") == 8


def test_a_few_glyphs_printed_over_a_line_in_smaller_type_are_a_line_of_their_own() -> None:
    text = row(100, 0, "正文正文正文正文正文正文")
    caption = row(100.5, 81, "晤。", size=7.5)  # on the text's glyphs, not between them
    assert sorted(texts(text + caption)) == ["晤。", "正文正文正文正文正文正文"]


def test_a_stack_of_small_type_closed_by_a_credit_is_a_caption_away_from_any_picture() -> None:
    from cleaner.layout_pdf import PdfPage, lay_out

    body = [text_line(20 * i, 0, 150) for i in range(12)]
    small = [PdfLine(1, text, 160, 200 if k < 2 else 172, 10 * k, 10 * k + 7.5, 10 * k + 6.5, 7.5)
             for k, text in enumerate(["2023年11月", "15日，北京", "街头。"])]
    small.append(PdfLine(1, "图/新华", 178, 200, 30, 37.5, 36.5, 7.5))
    laid = lay_out([PdfPage(1, 300, 400, tuple(body + small))]).lines
    assert {item.line.text for item in laid if item.kind == "caption"} == {line.text for line in small}


def test_a_caption_beside_a_cjk_line_that_opens_with_a_latin_word_is_cut_before_it() -> None:
    """The line beside the caption opens with "Debian" but is CJK type: its size is the CJK
    text's, a change from the caption's, though full-width lines under both cross the gap."""
    page = row(100, 0, "消费和投资的大幅走强", size=7.5)
    page += row(100, 89, "Debian开发者对本计划作出贡献的", size=9.0)
    full = "与上游开发者进行沟通以及提供用户支持关于如何成为贡献者"
    page += [g for i in range(3) for g in row(120 + 15 * i, 0, full, size=9.0)]
    assert "消费和投资的大幅走强" in texts(page)


def test_the_line_whose_row_a_wrapped_figures_top_stands_in_is_narrowed_by_it() -> None:
    """The figure's top stands a point and a half under the line's ink, inside its row's
    leading: the line ends at the edge the figure leaves free, full, not short of the column."""
    from cleaner.layout_pdf import _free_edges

    line = PdfLine(1, "这是存放的地方；", 77, 316.7, 310.6, 320.5, 319, EM)
    under = [PdfLine(1, "正文", 57, 316.5, 327.6 + 17 * i, 338 + 17 * i, 337 + 17 * i, EM) for i in range(3)]
    assert _free_edges(line, 57, 376, [(327, 322, 377, 407)], [line, *under], EM) == (57, 316.7)


def test_the_running_head_of_a_page_with_one_line_close_under_it_is_furniture() -> None:
    """A page with the head and folio row, then an article's last line set close under it: no
    wide gap sets the head apart, but it is the page's top row in its own type and recurs."""
    def page(number: int, rows: list[tuple[str, float, float, float, float]]) -> PdfPage:
        return page_of(number, [("城市周刊", 20, 60, 20, 8.0), (f"— {number} —", 100, 130, 20, 8.0), *rows])
    body = [("正文正文正文正文正文正文正文正文正文正文", 20, 220, 40 + 15 * i, EM) for i in range(20)]
    last = page(3, [("返回目录", 20, 60, 34, EM)])
    kinds = kinds_on([page(1, body), page(2, body), last, page(4, body)], 3)
    assert kinds == {"城市周刊": "furniture", "— 3 —": "furniture", "返回目录": "body"}


def test_a_folio_that_follows_short_text_up_the_page_is_known_by_its_number() -> None:
    """The text stops short on page 3 and its folio follows it up; a caption in small type runs on
    below it, so it is no margin row. Its number is page 3's place among the other folios (1, 2, _,
    4); a number out of that sequence in the same place is no folio."""
    def short(folio: str) -> PdfPage:
        caption = ("图为成都一家新开业的盒马鲜生店", 20, 150, 300, 8.0)
        return page_of(3, [*full_rows(3)[:8], (folio, 100, 130, 170, 8.0), caption])
    others = [page_of(n, full_rows(n)) for n in (1, 2, 4)]
    assert kinds_on([*others[:2], short("— 3 —"), others[2]], 3)["— 3 —"] == "furniture"
    assert kinds_on([*others[:2], short("— 9 —"), others[2]], 3)["— 9 —"] != "furniture"


def test_a_running_head_over_a_top_picture_is_known_by_its_place_on_another_page() -> None:
    """Over a picture a head's look is a caption's; another page's head, away from any picture,
    stands at the same height in the same type. A caption over a picture on both pages is no head."""
    from dataclasses import replace

    def page(number: int, top_line: str, figure: bool) -> PdfPage:
        made = page_of(number, [(top_line, 20, 70, 15, 8.0), *full_rows(number)[4:]])
        return replace(made, figures=((20, 26, 220, 90),)) if figure else made
    pages = [page(1, "读者评论", False), page(2, "财经观察", True)]
    assert kinds_on(pages, 2)["财经观察"] == "furniture"
    captions = [page(1, "盒马鲜生店", True), page(2, "财经观察", True)]
    assert kinds_on(captions, 2)["财经观察"] != "furniture"


def test_a_line_alone_above_a_figure_in_the_right_column_is_not_off_the_grid() -> None:
    """The left column's sentence closes at its foot on a full line; the paragraph goes on in
    the one line left above a picture at the top of the right column. That line measures
    against the right column's own left edge, not the page's: no paragraph starts there."""
    left = [PdfLine(1, "正文" * 11 + ("。" if i == 6 else "文"), 34, 264, 37 + 16 * i, 47 + 16 * i,
                    46 + 16 * i, EM) for i in range(7)]
    alone = PdfLine(1, "绝对不行”。", 307, 363, 37, 47, 46, EM)
    caption = [PdfLine(1, "图片说明文字", 307, 400, 110 + 12 * i, 118 + 12 * i, 117 + 12 * i, 8.5)
               for i in range(2)]
    page = PdfPage(1, 580, 800, (*left, alone, *caption), ((307, 58, 549, 105),))
    laid = {item.line.text: item for item in lay_out([page]).lines}
    assert laid["绝对不行”。"].kind == "body"
    assert laid["绝对不行”。"].starts_paragraph is not True


def test_an_articles_closing_note_after_a_short_last_line_starts_its_own_block() -> None:
    """The paragraph's last line closes its sentence a line and a half short of the margin: too
    little room for the note's opening bracket and the character after it, so the shortness
    alone does not tell; the note is flush at the edge where the document indents its
    paragraphs. A note in brackets that closes the article is no part of the paragraph."""
    def line(text: str, x1: float, top: float, x0: float = 0.0) -> PdfLine:
        return PdfLine(1, text, x0, x1, top, top + EM, top + EM - 1, EM)
    body = [line("正文" * 10, 200, 20 * i, 20 if i % 4 == 0 else 0) for i in range(12)]
    body += [line("时代使命，为全人类的福祉作出应有的贡献。", 185, 240), line("（编辑：林峰）", 70, 260)]
    laid = lay_out([PdfPage(1, 300, 400, tuple(body))])
    starts = {item.line.text: item.starts_paragraph for item in laid.lines}
    assert laid.indent_em == 2.0
    assert starts["（编辑：林峰）"] is True


def test_a_closing_note_wrapped_over_two_lines_starts_at_its_opening_bracket() -> None:
    def line(text: str, x1: float, top: float, x0: float = 0.0) -> PdfLine:
        return PdfLine(1, text, x0, x1, top, top + EM, top + EM - 1, EM)
    body = [line("正文" * 10, 200, 20 * i, 20 if i % 4 == 0 else 0) for i in range(12)]
    body += [line("正文正文正文正文正文正文正文正文正文。", 195, 240),
             line("（作者均为中国社会科学院世界经济与政治研究所", 200, 260, 20),
             line("研究员；编辑：王延春）", 200, 280, 90)]
    laid = [item for item in lay_out([PdfPage(1, 300, 400, tuple(body))]).lines if item.line.top >= 260]
    assert [item.starts_paragraph for item in laid] == [True, False]


def test_a_space_typed_between_two_han_characters_is_kept() -> None:
    """XeTeX sets a typed space as glue, no glyph: PDFium guesses a space there as it does at
    every justification gap. A third of an em more than the line's usual step is the typed one
    (a signature's place and name); an even spread is justification."""
    glyphs = row(100, 0, "（北京张邱泽）", gap_after={2: 3.5})
    glyphs.insert(3, Glyph(" ", 30, 30, 90, 100, 99, EM, False, False, True))
    assert texts(glyphs) == ["（北京 张邱泽）"]
    spread = row(100, 0, "（北京张邱泽）", gap_after={k: 1.0 for k in range(6)})
    spread.insert(3, Glyph(" ", 32, 32, 90, 100, 99, EM, False, False, True))
    assert texts(spread) == ["（北京张邱泽）"]


def test_a_closing_note_in_its_own_measure_is_one_block_though_its_second_line_stands_in() -> None:
    """A note centred under the text wraps at its own edges: its second line starts where the
    document's first-line indent would, and still goes on with the note."""
    def line(text: str, x1: float, top: float, x0: float = 0.0) -> PdfLine:
        return PdfLine(1, text, x0, x1, top, top + EM, top + EM - 1, EM)
    body = [line("正文" * 10, 200, 20 * i, 20 if i % 4 == 0 else 0) for i in range(12)]
    body += [line("正文正文。", 50, 240), line("（作者均为中国社会科学院世界经济", 180, 260, 20),
             line("与政治研究所研究员；编辑：王延", 180, 280, 20), line("春）", 120, 300, 100)]
    laid = [item for item in lay_out([PdfPage(1, 300, 400, tuple(body))]).lines if item.line.top >= 260]
    assert [item.starts_paragraph for item in laid] == [True, False, False]


def test_a_latin_word_that_would_have_fit_does_not_excuse_a_short_line() -> None:
    """The line before stops 5.7 em short after a closed sentence; "aptitude" on the next line
    runs 4.4 em in its own line's type (measured there, against its CJK characters), so it
    would have fit: the short line ended its paragraph. "2023年", set close against its measure
    word, goes over with it and needs more than the two em left."""
    from cleaner.layout_pdf import _pushed

    opening = PdfLine(1, "aptitude 包含了一个强大的搜索软件包和限制所显示的软",
                      34.3, 283.8, 542, 552, 551, EM)
    assert not _pushed(opening.text, 56.6, EM, opening)
    number = PdfLine(1, "2023年三季度，由于消费需求反弹，", 213.6, 352.2, 263, 272, 271, 9.0)
    assert _pushed(number.text, 17.8, 9.0, number)


def test_a_long_deck_the_layout_set_as_one_block_stays_the_head_over_its_byline() -> None:
    """A deck wrapped over seven lines of a narrow column, one block in the layout, then the
    byline and the editor's credit: deck and bylines of the head, not the body's first
    paragraphs (the text path looks for a byline only a few lines under the title)."""
    import magclean
    from cleaner.source import LineHint, Source

    deck = ["国家金融监管总局属国务院直属机构，", "共27个正司局级内设机构。其中，裁",
            "撤了信托部、保险中介监管部、政策银", "行部等，新增了资管机构监管司、金融",
            "机构准入司、机构恢复处置司、科技监", "管司、行政处罚局、稽查局、消费者权", "益保护局等"]
    body = "这些改进一直都在进行。对第一点而言，我们已经使用了一组增强安全性的编译选项。"
    texts = ("国家金监总局“三定”", *deck, "文/《财经》记者 陈洪杰", "编辑/袁满", body, body)
    starts = (True, True, *[False] * 6, True, True, True, True)
    kinds = ("title", *["body"] * 11)
    hints = tuple(LineHint(kind, start, k == 0, 1)
                  for k, (kind, start) in enumerate(zip(kinds, starts, strict=True)))
    article = magclean.clean(Source(name="t.pdf", encoding="pdf", lines=texts, hints=hints)).articles[0]
    assert article.deck == "".join(deck)
    assert article.bylines == ("文/《财经》记者 陈洪杰", "编辑/袁满")
    assert [b.text for b in article.blocks] == [body, body]


def test_a_caption_the_layout_saw_among_the_head_lines_is_no_part_of_the_deck() -> None:
    """Title, a picture's credit line in caption type, the deck, the byline: the credit is a
    caption of the head, the deck and the byline still the head's (a credit line in the deck
    would make the text path take none of them)."""
    import magclean
    from cleaner.source import LineHint, Source

    deck = ["中国推进高水平对外开放还有很多工作要做。中国还要稳步扩大规则",
            "营造市场化、法治化、国际化的营商环境"]
    body = "这些改进一直都在进行。对第一点而言，我们已经使用了一组增强安全性的编译选项。"
    texts = ("2023进博会落幕", "图片来源：视觉中国", *deck, "文/《财经》记者 邹碧颖", "编辑/王延春", body)
    kinds = ("title", "caption", "body", "body", "body", "body", "body")
    starts = (True, None, True, False, True, False, True)
    hints = tuple(LineHint(kind, start, kind == "title", 1)
                  for kind, start in zip(kinds, starts, strict=True))
    article = magclean.clean(Source(name="t.pdf", encoding="pdf", lines=texts, hints=hints)).articles[0]
    assert article.deck == "".join(deck)
    assert article.bylines == ("文/《财经》记者 邹碧颖", "编辑/王延春")
    assert [(b.kind, b.text) for b in article.blocks] == [("caption", "图片来源：视觉中国"),
                                                          ("paragraph", body)]


def test_a_free_em_before_a_character_that_could_go_alone_ends_the_paragraph() -> None:
    """Type set to the em in a browser engine: full lines reach the edge, except where a pair
    that may not part ("科、") went over together and left an em free. A closed line that leaves
    an em free before a character that could have gone alone ends its paragraph; before a pair
    the geometry cannot tell."""
    def column(opening: str) -> list[PdfLine]:
        lines = []
        for k in range(24):
            pushed = k % 4 == 3  # ends an em short: the next line opens with a pair
            lines.append(text_line(20 * k, 0, 190 if pushed else 200, "正文正文"))
        lines = [line if k == 0 or (k - 1) % 4 != 3 else text_line(line.top, 0, line.x1, "科、正文")
                 for k, line in enumerate(lines)]
        lines.append(text_line(20 * 24, 0, 190, "正文。"))
        lines.append(text_line(20 * 25, 0, 200, opening))
        return lines
    assert starts(column("正文正文"))[-1] is True
    assert starts(column("科、正文"))[-1] is None


def test_a_block_the_layout_saw_in_body_type_is_no_caption_however_wide_its_lines_read() -> None:
    """Two lines that hold more characters (typed spaces) than the column's measure: the text
    path takes them for a caption set in smaller type; a PDF's layout measured the type as
    the body's, and they stay a paragraph."""
    import magclean
    from cleaner.source import LineHint, Source

    full = "城市更新不是简单的拆旧建新而是让老街区重新获得"
    wide = ["重复 第 6.1 节 “完整的(重)构建” 、第 7 章 检查软件包中的错误 和 第 9 章",
            "中的操作，即可发布此更新的软件包。"]
    texts = [*[full, full, "生活的活力。"] * 4, *wide, full, "生活的活力。"]
    starts = [*[True, False, False] * 4, True, False, True, False]
    text_kinds = [b.kind for a in magclean.clean_text("\n".join(texts)).articles for b in a.blocks]
    assert text_kinds[4] == "caption"
    hints = tuple(LineHint("body", start, False, 1) for start in starts)
    doc = magclean.clean(Source(name="t.pdf", encoding="pdf", lines=tuple(texts), hints=hints))
    assert [b.kind for a in doc.articles for b in a.blocks] == ["paragraph"] * 6


def test_a_wrapped_line_that_ends_like_a_credit_is_no_byline() -> None:
    """Under the title, the body's first heading and a paragraph whose second line happens to
    end in '编译' (a translator's credit word): the first line reached the column's edge with
    its sentence open, so the second goes on with it. No byline, no info lines in the head."""
    import magclean
    from cleaner.source import LineHint, Source

    texts = ("下一个 Debian 发布版本可以期待的变化", "加固系统", "这些改进一直都在进行。对第一点而言，",
             "我们已经使用了一组增强安全性的编译", "选项，以尝试防止已知的攻击。")
    hints = (LineHint("title", True, True, 1), LineHint("heading", True, False, 1),
             LineHint("body", True, False, 1, True), LineHint("body", False, False, 1, True),
             LineHint("body", False, False, 1, False))
    article = magclean.clean(Source(name="t.pdf", encoding="pdf", lines=texts, hints=hints)).articles[0]
    assert article.bylines == ()
    paragraph = "".join(texts[2:])
    assert [(b.kind, b.text) for b in article.blocks] == [("heading", "加固系统"), ("paragraph", paragraph)]


def test_a_full_line_under_the_byline_is_the_body_not_a_deck() -> None:
    """Under the byline, a line that reached its column's edge (its Latin words count few
    characters) and goes on: the body's first line, not a one-line deck."""
    import magclean
    from cleaner.source import LineHint, Source

    body = ["Debian 开发者与其他 Linux", "发行版作者沟通，以期维持与其他", "Linux 发行版的兼容性。"]
    more = ["大多数商业的发行版也都遵守这一标准", "，以便软件能够在各个发行版之间顺利", "移植。"] * 4
    texts = ("兼容性问题", "文/本刊记者 王晓雨", *body, *more)
    hints = (LineHint("title", True, True, 1), LineHint("body", True, False, 1, False),
             *[LineHint("body", k == 0, False, 1, k < 2) for k in range(3)] * 5)
    article = magclean.clean(Source(name="t.pdf", encoding="pdf", lines=texts, hints=hints)).articles[0]
    assert article.deck is None and article.bylines == ("文/本刊记者 王晓雨",)
    assert article.blocks[0].text.startswith("Debian 开发者与其他 Linux 发行版作者沟通")
