"""Line grouping from glyph geometry alone (no PDF needed): gutters against gaps inside a line."""

from __future__ import annotations

from cleaner.layout_pdf import find_gutter
from cleaner.read_pdf import Glyph, PdfLine, group_lines

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


def test_a_centred_title_and_byline_do_not_hide_the_gutter() -> None:
    def line(x0: float, x1: float, top: float, size: float = EM, bold: bool = False) -> PdfLine:
        return PdfLine(1, "正文", x0, x1, top, top + size, top + size - 1, size, bold)
    lines = [line(50, 150, 0, 22.0, True), line(90, 110, 30, bold=True), line(70, 130, 45, 8.0)]
    lines += [line(0, 95, 60 + 15 * i) for i in range(6)] + [line(105, 200, 60 + 15 * i) for i in range(6)]
    assert find_gutter(lines, EM) is not None and 95 <= find_gutter(lines, EM) <= 105
