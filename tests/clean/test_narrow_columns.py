"""Narrow columns (16 characters a line, two to a page): what their extractions do to a
paragraph's lines, and the reason each line still belongs where it does."""

from __future__ import annotations

from cleaner.layout import wide_gap_pieces
from cleaner.lines import read_lines
from cleaner.rules.reflow import pieces_fill_column
from magclean import clean_text

PROSE = ("国家统计局发布的数据显示今年前三季度全国居民人均可支配收入实际增长城乡居民收入差距继续缩小"
         "消费市场稳步恢复服务零售额增长较快旅游出行和文化娱乐需求明显回升制造业投资保持较快增长高技术"
         "产业投资增势良好外贸进出口总体平稳民营企业进出口比重提高就业形势总体稳定城镇调查失业率有所下降")


def full_lines(count: int, start: int) -> list[str]:
    """``count`` distinct lines of 16 characters (one full line of a narrow column), none closing."""
    return [(PROSE * 2)[(start + 7 * i) % len(PROSE):][:16] for i in range(count)]


def paragraph(count: int, start: int) -> list[str]:
    """A paragraph of ``count`` lines: full lines, the last one short and closed."""
    lines = full_lines(count, start)
    return [*lines[:-1], lines[-1][:6] + "。"]


def blocks(text: str) -> list[tuple[str, str]]:
    document = clean_text(text)
    return [(b.kind, b.text) for a in document.articles for b in a.blocks]


def test_pieces_of_a_line_cut_at_wide_gaps_fill_the_column_but_for_the_gaps():
    assert pieces_fill_column([12, 6, 8], 32)  # 软件套件作为 + Debian + 软件包提: two cuts
    assert not pieces_fill_column([12, 6], 32)  # two pieces short of it by more than one cut
    assert not pieces_fill_column([20, 20], 32)  # wider than the column: two lines
    assert not pieces_fill_column([30], 32)  # one line is no pieces


def test_a_line_cut_into_three_pieces_is_one_line_of_its_paragraph():
    """pdftotext cuts a narrow justified line at the wide spaces around a Latin word, each piece
    a text block of its own; the next printed line is back at the full measure."""
    before, after = full_lines(3, 40), paragraph(3, 90)
    pieces = ["软件套件作为", "Debian", "软件包提"]
    text = "\n\n".join(paragraph(3, 0) + before + pieces + after + paragraph(3, 120)) + "\n"
    assert ("paragraph", "".join(before) + "软件套件作为Debian软件包提" + "".join(after)) in blocks(text)
    assert wide_gap_pieces(read_lines([*pieces, after[0]]), 32) == 3


def test_short_lines_beside_a_figure_are_no_pieces_of_one_line():
    narrow = read_lines(["软件套件作为", "一个图旁", "的短行，", "又一个图旁的短行"])
    assert wide_gap_pieces(narrow, 32) == 0  # the line under them is short too
