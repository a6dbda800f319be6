"""`pdftotext -layout` two columns whose right-column starts scatter over a few characters (each
line placed by its own glyph widths), against one column with lines pushed right of a float."""

from cleaner.layout import split_side_by_side_columns
from cleaner.rules.columns import gutter_band, gutter_index, split_in_band

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
