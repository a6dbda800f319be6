"""``column_order``'s page-part model: a page whose columns alternate line by line in one part
and follow each other in another is read column by column, with the lines of their own kind
(a press caption, an article's closing credit, the page's head) kept where they belong."""

from pathlib import Path

import magclean
from benchmarks.roundtrip import score
from cleaner.layout import _regime_order
from cleaner.lines import read_lines


def column(first_char: int, lines: int) -> list[str]:
    """A column's lines: full lines of 20 distinct characters, the last closing its paragraph."""
    texts = ["".join(chr(first_char + 20 * k + j) for j in range(20)) for k in range(lines)]
    texts[-1] = texts[-1][:10] + "。"
    return texts


LEFT, RIGHT = column(0x4E00, 8), column(0x5E00, 8)
CAPTION = ["2023年7月14日，十二套风电整", "机设备装船出口。 图/新华"]
CREDIT = "责任编辑：周宁"


class ColumnModel:
    """The issue's character pairs, as far as this page goes: a line leads far better into the next
    line of its own column and badly into any other."""

    def score(self, before: str, after: str) -> float:
        for texts in (LEFT, RIGHT):
            if before in texts and after in texts and texts.index(after) == texts.index(before) + 1:
                return 8.0
        return -2.0


def test_a_page_read_in_parts_keeps_its_caption_whole_and_its_closing_credit_last():
    # Both columns alternate down to the third line, then the right column's rest and the
    # article's closing credit come first, then the left column's rest with a float's caption.
    source = [LEFT[0], RIGHT[0], LEFT[1], RIGHT[1], LEFT[2], RIGHT[2], LEFT[3], RIGHT[3],
              *RIGHT[4:], CREDIT, LEFT[4], *CAPTION, *LEFT[5:]]
    page = read_lines(source)
    order, gain = _regime_order(page, ColumnModel(), 40, set())
    assert order is not None and gain >= 20
    assert [page[i].text for i in order] == [*LEFT[:5], *CAPTION, *LEFT[5:], *RIGHT, CREDIT]


def test_a_page_in_reading_order_stays_put():
    page = read_lines([*LEFT, *RIGHT])
    assert _regime_order(page, ColumnModel(), 40, set())[0] is None


def parts_read(doc) -> list[tuple[int, int]]:
    return [d.lines for d in doc.decisions
            if d.kind == "column_order" and "in part of the page" in d.evidence]


def cleaned_dev(doc_id: str, extractor: str):
    text = (Path("fixtures/roundtrip/dev") / doc_id / extractor / "input.txt").read_text(encoding="utf-8")
    return magclean.clean_text(text)


def test_a_two_line_title_on_a_page_read_in_parts_stays_a_heading():
    """pdfminer.six wrote "租来的“看病搭" and "子”" as one box: once the page is read in parts
    they stay bound, a heading (unbound, the narrow-block rule took them for a caption)."""
    doc = cleaned_dev("xelatex-1001", "pdfminer")
    block = next(b for a in doc.articles for b in a.blocks if b.text == "租来的“看病搭子”")
    assert block.kind == "heading"
    assert any(first <= block.lines[0] <= last for first, last in parts_read(doc))


def test_an_editors_credit_on_a_page_read_in_parts_closes_its_article():
    doc = cleaned_dev("xelatex-1006", "pdftotext")
    block = next(b for a in doc.articles for b in a.blocks if b.text == "责任编辑：李华")
    article = next(a for a in doc.articles if block in a.blocks)
    assert block.kind == "endnote" and article.blocks[-1] is block
    assert any(first <= block.lines[0] <= last for first, last in parts_read(doc))


def test_pages_are_read_in_parts_on_no_one_column_case():
    """One column's lines are in order: the page-part model must not fire there."""
    cases = [c for split in ("dev", "heldout") for c in score.load_cases(split) if c.columns == 1]
    assert [c.name for c in cases if parts_read(magclean.clean_text(c.text()))] == []
