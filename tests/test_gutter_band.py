"""`pdftotext -layout` two columns whose right-column starts scatter over a few characters (each
line placed by its own glyph widths), against one column with lines pushed right of a float."""

from cleaner.layout import split_side_by_side_columns
from cleaner.rules.columns import (
    Gutter,
    gutter_band,
    gutter_by_measure,
    gutter_index,
    split_in_band,
    with_measure,
)

LEFT = ["甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未",
        "言，我们已经使用了一组增强安全性的编", "译选项，以尝试防止已知的攻击，例如栈"]
RIGHT = ["天地玄黄宇宙洪荒日月盈昃辰宿列张寒来",
         "暑往秋收冬藏闰余成岁律吕调阳云腾致雨", "露结为霜金生丽水玉出昆冈剑号巨阙珠称"]


def two_columns_scattered() -> list[str]:
    """Nine rows, the right column starting at 29, 31 or 32; one row only one space apart."""
    rows = [f"{LEFT[n % 3]}{' ' * (11 + n % 3 + (n % 2))}{RIGHT[n % 3]}" for n in range(8)]
    return [*rows, f"{LEFT[0]} {RIGHT[1]}"]


def test_scattered_starts_are_one_gutter_where_no_single_position_holds() -> None:
    page = two_columns_scattered()
    assert gutter_index(page) is None  # no one position is held by enough lines
    band = gutter_band(page)
    assert band is not None and band.position == 29 and band.left_chars == 18
    # leading spaces are kept (an indent may be among them): only the text matters here
    assert [(left, right.lstrip()) for left, right in (split_in_band(line, band) for line in page[-2:])] == [
        (LEFT[1], RIGHT[1]), (LEFT[0], RIGHT[1])]


def test_split_reads_left_column_then_right_and_records_the_band() -> None:
    page = two_columns_scattered()
    lines, found = split_side_by_side_columns(list(enumerate(page, start=1)))
    texts = [text.lstrip() for _, text in lines]
    assert texts[:9] == [LEFT[n % 3] for n in range(8)] + [LEFT[0]]
    assert texts[9:] == [RIGHT[n % 3] for n in range(8)] + [RIGHT[1]]
    assert "from character 29 to 33" in found.decisions[0].evidence


def test_one_column_with_lines_beside_a_float_is_not_split() -> None:
    """Wide body lines, and a few narrow caption lines left of lines pushed right of a figure."""
    body = "这是一栏正文的一行，它比较长，超过了图片的宽度所以会越过那个位置"
    page = [body] * 3 + [f"{'图注第一行文字'}{' ' * 12}{body[:22]}" for _ in range(7)] + [body] * 2
    assert gutter_band(page) is None


def test_a_short_right_column_is_a_gutter_when_no_line_crosses_it() -> None:
    """An article's end in the right column's top five rows, the left column running on below
    alone: too few rows reach the right column for a share of the page, but no line crosses it."""
    rows = [f"{LEFT[n % 3]}{' ' * 7}{RIGHT[n % 3]}" for n in range(5)] + [LEFT[n % 3] for n in range(20)]
    assert gutter_index(rows) == 25 and gutter_band(rows) is not None
    lines, _ = split_side_by_side_columns(list(enumerate(rows, start=1)))
    # the left column down the page, then the right one
    lefts, rights = [LEFT[n % 3] for n in range(5)] + [LEFT[n % 3] for n in range(20)], RIGHT * 2
    assert [text for _, text in lines if text] == lefts + rights[:5]


def test_one_column_with_a_few_set_in_lines_is_not_split() -> None:
    """Five headings set in on a page of one column's lines, which run across where they start."""
    body = "这是一栏正文的一行，它比较长，超过了标题开始的位置所以会越过那个位置"
    rows = [body] * 4 + [" " * 12 + "小标题在这里"] + [body] * 4
    page = rows * 5
    assert gutter_index(page) is None and gutter_band(page) is None


# Two columns one em apart (XeTeX with a narrow gutter): a full left line leaves one space before
# the right column; a Latin word in it takes more cells than its printed width.
ONE_SPACE_LEFT = ["甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳", "务上，这三类消费对 GDP 环比折年率",
                  "的拉动分别为 0.6 个百分点、0.5 个", "度。因此，服务消费的增加也不能解"]
ONE_SPACE_RIGHT = ["天地玄黄宇宙洪荒日月盈昃辰宿列张", "业增加了库存，但这不能表明美国企",
                   "已经开启补库存周期。2023 年三季", "露结为霜金生丽水玉出昆冈剑号巨阙"]


def test_columns_one_space_apart_are_cut_where_a_full_left_line_ends() -> None:
    rows = [f"{ONE_SPACE_LEFT[n % 4]} {ONE_SPACE_RIGHT[n % 4]}" for n in range(10)]
    rows += ["美国家庭消费的全面反弹。" + " " * 12 + ONE_SPACE_RIGHT[0], ONE_SPACE_LEFT[0]]
    assert gutter_index(rows) is None and gutter_band(rows) is None
    band = gutter_by_measure(rows)
    assert band is not None and band.measure == 32
    lines, found = split_side_by_side_columns(list(enumerate(rows, start=1)))
    texts = [text.strip() for _, text in lines if text.strip()]
    lefts = [ONE_SPACE_LEFT[n % 4] for n in range(10)] + ["美国家庭消费的全面反弹。", ONE_SPACE_LEFT[0]]
    assert texts == lefts + [ONE_SPACE_RIGHT[n % 4] for n in range(10)] + [ONE_SPACE_RIGHT[0]]
    assert found.decisions[0].kind == "column_split"


def test_one_column_with_lone_spaces_between_cjk_is_not_cut() -> None:
    """Lone spaces inside one column's lines stand wherever the words fall, and a letter-spaced
    line has one every character: no measure is held."""
    body = ["这是一栏正文 的一行，它比较长，超过了半栏的宽度所以会越过那个位置",
            "第二行正文的文字，这里 也有一个空格，位置和上一行并不一样的地方",
            "芯 片 行 业 先 驱、 英 特 尔 联 合 创 始 人 安 迪 · 格 鲁 夫"]
    assert gutter_by_measure(body * 6) is None


def test_one_caption_across_the_gutter_of_a_band_is_not_cut_at_a_lone_space() -> None:
    rows = [f"{LEFT[n % 3]}    {RIGHT[n % 3]}" for n in range(8)]
    caption = "2023年9月28日，成都一家新开业的店。 图/视觉中国"  # its text ends a measure wide
    rows.insert(4, caption)
    band = with_measure(Gutter(gutter_index(rows), 0, 0), rows)
    assert band.measure == 0 and split_in_band(caption, band) is None


def test_a_band_of_short_left_lines_takes_the_measure_where_its_lone_spaces_stand() -> None:
    """Only paragraph ends reach the gutter by a run of spaces: the band's left parts hold no
    measure, the rows one space apart do (their lone space between two CJK characters)."""
    rows = [f"{ONE_SPACE_LEFT[0][:n % 10 + 2]}{' ' * (16 - n % 10)}{RIGHT[n % 3]}" for n in range(16)]
    rows += [f"{ONE_SPACE_LEFT[0]} {ONE_SPACE_RIGHT[n % 4]}" for n in range(5)]
    assert gutter_index(rows) == 18
    measured = with_measure(Gutter(18, 0, 0), rows)
    assert measured.measure == 32
    assert split_in_band(rows[-1], measured) == (ONE_SPACE_LEFT[0], ONE_SPACE_RIGHT[0])


def test_a_column_set_in_by_a_cell_keeps_only_its_paragraphs_indents() -> None:
    """The extractor set most of the left column's lines in by one cell (its opening quotes start
    at the edge): only the first lines' deeper indent is an indent."""
    rows = [f"    {LEFT[0]}    {RIGHT[0]}", f" {LEFT[1]}{' ' * 7}{RIGHT[1]}",
            f"“{LEFT[2]}”{' ' * 6}{RIGHT[2]}"]
    rows += [f" {LEFT[n % 3]}{' ' * 7}{RIGHT[n % 3]}" for n in range(5)]
    lines, _ = split_side_by_side_columns(list(enumerate(rows, start=1)))
    lefts = [text for _, text in lines[:8]]
    assert lefts[:3] == [f"   {LEFT[0]}", LEFT[1], f"“{LEFT[2]}”"]
    assert not any(text.startswith(" ") for text in lefts[1:])


def test_a_band_of_short_left_lines_takes_the_measure_its_right_lines_hold() -> None:
    """Only paragraph ends reach the gutter on the left, and too few rows stand one space apart
    for their lone spaces to vote: the right column's full lines give the measure."""
    rows = [f"{ONE_SPACE_LEFT[0][:n % 10 + 2]}{' ' * (16 - n % 10)}{ONE_SPACE_RIGHT[0]}" for n in range(14)]
    rows += [f"{ONE_SPACE_LEFT[1]} {ONE_SPACE_RIGHT[n % 4]}" for n in range(3)]
    assert gutter_index(rows) == 18
    measured = with_measure(Gutter(18, 0, 0), rows)
    assert measured.measure == 32
    assert split_in_band(rows[-1], measured) == (ONE_SPACE_LEFT[1], ONE_SPACE_RIGHT[2])


def test_a_column_set_in_by_a_cell_on_part_of_the_page_loses_that_cell_there_only() -> None:
    """Under the right column's end the left column alone is set in by a cell: the lines around
    each line show where its edge is."""
    from cleaner.layout import from_column_edge
    upper = [(n, LEFT[n % 3]) for n in range(8)] + [(8, "    " + LEFT[0])]
    lower = [(n, " " + LEFT[n % 3]) for n in range(9, 17)] + [(17, "    " + LEFT[1])]
    texts = [text for _, text in from_column_edge(upper + lower)]
    assert texts[:8] == [LEFT[n % 3] for n in range(8)] and texts[9:17] == [LEFT[n % 3] for n in range(9, 17)]
    assert texts[8].startswith("    ") and texts[17] == "   " + LEFT[1]
