"""DOCX: named styles, East Asian fonts, first-line indent, contents field; opens in LibreOffice."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from lxml import etree

from converters import ConvertOptions
from converters.docx_form import build_docx
from converters.script import to_traditional

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def part(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read(name)


def paragraphs(data: bytes) -> list[tuple[str, str]]:
    """(style name, text) of every paragraph, as python-docx reads the file."""
    document = docx.Document(io.BytesIO(data))
    return [(p.style.name, p.text) for p in document.paragraphs]


@pytest.fixture(scope="module")
def sample_docx(sample_document) -> bytes:
    return build_docx(sample_document, ConvertOptions())


def test_document_xml_of_the_sample_matches_its_reviewed_golden_file(sample_docx, golden):
    tree = etree.fromstring(part(sample_docx, "word/document.xml"))
    golden("sample.docx/document.xml", etree.tostring(tree, pretty_print=True, encoding="unicode"))


def test_head_and_body_paragraphs_use_their_named_styles(sample_docx):
    found = paragraphs(sample_docx)
    start = found.index(("Section Label", "封面文章"))
    assert found[start:start + 9] == [
        ("Section Label", "封面文章"),
        ("Heading 1", "中美新起点"),
        ("Subtitle", "——旧金山会晤之后"),
        ("Deck", "两国元首旧金山会晤取得了战略性成果，为改善和发展中美关系指明了方向。"),
        ("Byline", "文/《财经》特派记者 金焱 发自华盛顿"),
        ("Byline", "编辑/苏琦"),
        ("Body Text", "当地时间2023年11月15日，中美元首在旧金山举行会晤。外资企业在华发展的信心有所回升。"),
        ("Heading 2", "一、稳中求进"),
        ("Body Text", "他说：“经过‘深改19条’后，门槛和科创板一样。”A&B公司的份额<10%。"),
    ]
    assert ("Quote", "中美关系好，两国都受益") in found
    assert ("End Note", "（翻译：臧博；编辑：袁满）") in found
    assert ("Heading 1", "日本制造业过去30年的成果") in found
    assert all(style != "Caption" for style, _ in found)


def test_captions_and_tables_kept_in_the_caption_style(sample_document):
    found = paragraphs(build_docx(sample_document, ConvertOptions(captions="keep")))
    assert ("Caption", "11月15日，旧金山斐洛里庄园。图/新华") in found
    assert ("Caption", "单位：亿美元 资料来源：海关总署 制表：张玲") in found


@pytest.mark.parametrize(("script", "font", "language"), [
    (None, "Noto Serif CJK SC", "zh-CN"), ("s2tw", "Noto Serif CJK TC", "zh-TW")])
def test_east_asian_font_and_language_are_set_on_the_styles(sample_document, script, font, language):
    document = to_traditional(sample_document, script) if script else sample_document
    styles = etree.fromstring(part(build_docx(document, ConvertOptions()), "word/styles.xml"))
    for where in ("//w:docDefaults/w:rPrDefault/w:rPr", "//w:style[@w:styleId='Normal']/w:rPr"):
        rpr = styles.xpath(where, namespaces=NS)[0]
        fonts = rpr.find(f"{{{W}}}rFonts")
        assert fonts.get(f"{{{W}}}eastAsia") == font
        assert fonts.get(f"{{{W}}}eastAsiaTheme") is None  # a theme font would win over it
        assert rpr.find(f"{{{W}}}lang").get(f"{{{W}}}eastAsia") == language
    heading = styles.xpath("//w:style[@w:styleId='Heading1']/w:rPr/w:rFonts", namespaces=NS)[0]
    assert heading.get(f"{{{W}}}eastAsia").startswith("Noto Sans CJK")


def test_body_text_is_justified_with_a_two_character_first_line_indent(sample_docx):
    styles = etree.fromstring(part(sample_docx, "word/styles.xml"))
    body = styles.xpath("//w:style[@w:styleId='BodyText']/w:pPr", namespaces=NS)[0]
    assert body.find(f"{{{W}}}ind").get(f"{{{W}}}firstLineChars") == "200"
    assert body.find(f"{{{W}}}jc").get(f"{{{W}}}val") == "both"


def test_contents_field_updates_on_open_and_lists_sections_and_titles(sample_docx):
    document = etree.fromstring(part(sample_docx, "word/document.xml"))
    instruction = "".join(document.xpath("//w:instrText/text()", namespaces=NS))
    assert instruction.strip().startswith("TOC ")
    assert '"Section Label,1,Heading 1,2"' in instruction
    settings = etree.fromstring(part(sample_docx, "word/settings.xml"))
    assert settings.xpath("//w:updateFields/@w:val", namespaces=NS) == ["true"]
    found = paragraphs(sample_docx)
    assert [p for p in found if p[0].startswith("toc")] == [
        ("toc 1", "封面文章"), ("toc 2", "中美新起点"), ("toc 2", "日本制造业过去30年的成果")]


def test_every_article_starts_a_new_page(sample_docx):
    document = docx.Document(io.BytesIO(sample_docx))
    starts = [p.text for p in document.paragraphs if p.paragraph_format.page_break_before]
    assert starts == ["封面文章", "日本制造业过去30年的成果"]


def test_same_input_same_bytes(sample_document, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert build_docx(sample_document, ConvertOptions()) == build_docx(sample_document, ConvertOptions())
    dated = build_docx(sample_document, ConvertOptions(extra={"date": "2023-12-04"}))
    core = docx.Document(io.BytesIO(dated))
    assert core.core_properties.modified.date().isoformat() == "2023-12-04"


@pytest.fixture(scope="module")
def seed_pdf(seed_document, tmp_path_factory, soffice):
    out = tmp_path_factory.mktemp("docx")
    path = out / "seed.docx"
    path.write_bytes(build_docx(seed_document, ConvertOptions(title="财经", issue="2023年第24期")))
    return path, soffice(path, out)


def test_seed_opens_in_python_docx_with_every_paragraph(seed_document, seed_pdf):
    found = {text for _, text in paragraphs(seed_pdf[0].read_bytes())}
    missing = [b.text for a in seed_document.articles for b in a.blocks
               if b.kind == "paragraph" and b.text not in found]
    assert missing == []
    titles = [text for style, text in paragraphs(seed_pdf[0].read_bytes()) if style == "Heading 1"]
    assert len(titles) == sum(1 for a in seed_document.articles if a.title)


def test_libreoffice_converts_the_seed_to_pdf(seed_pdf):
    pdf = seed_pdf[1]
    assert pdf.exists(), "LibreOffice could not convert the DOCX"
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 100_000
