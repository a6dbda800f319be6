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


def test_contents_link_every_article_with_a_pageref_and_word_is_never_asked_to_update(sample_docx):
    document = etree.fromstring(part(sample_docx, "word/document.xml"))
    instructions = [t.strip() for t in document.xpath("//w:instrText/text()", namespaces=NS)]
    assert instructions == ["PAGEREF _Toc0001 \\h", "PAGEREF _Toc0001 \\h", "PAGEREF _Toc0002 \\h"]
    anchors = document.xpath("//w:hyperlink/@w:anchor", namespaces=NS)
    marks = document.xpath("//w:bookmarkStart/@w:name", namespaces=NS)
    assert anchors == ["_Toc0001", "_Toc0001", "_Toc0002"] and marks == ["_Toc0001", "_Toc0002"]
    settings = etree.fromstring(part(sample_docx, "word/settings.xml"))
    assert settings.xpath("//w:updateFields", namespaces=NS) == []  # Word would ask on every open
    found = paragraphs(sample_docx)
    assert [p for p in found if p[0].startswith("toc")] == [
        ("toc 1", "封面文章\t2"), ("toc 2", "中美新起点\t2"), ("toc 1", "日本制造业过去30年的成果\t3")]
    styles = etree.fromstring(part(sample_docx, "word/styles.xml"))
    tab = styles.xpath("//w:style[@w:styleId='TOC2']//w:tab", namespaces=NS)[0]
    assert (tab.get(f"{{{W}}}val"), tab.get(f"{{{W}}}leader")) == ("right", "dot")


def test_untitled_articles_are_in_the_contents_by_their_first_words(sample_document):
    from dataclasses import replace

    untitled = replace(sample_document.articles[1], title=None, section=None, subtitle=None, deck=None)
    document = replace(sample_document, articles=(sample_document.articles[0], untitled))
    found = paragraphs(build_docx(document, ConvertOptions()))
    entries = [text for style, text in found if style.startswith("toc")]
    first = next(b.text for b in untitled.blocks if b.kind in ("heading", "paragraph"))
    assert entries[-1].split("\t")[0] in (first, first[:20] + "……") or first.startswith(
        entries[-1].split("\t")[0].rstrip("…"))
    assert not any(entry.startswith("第") and "篇" in entry for entry in entries)


def test_footer_numbers_every_page(sample_docx):
    with zipfile.ZipFile(io.BytesIO(sample_docx)) as package:
        footers = [package.read(n) for n in package.namelist() if n.startswith("word/footer")]
    assert footers, "no footer part"
    fields = etree.fromstring(footers[0]).xpath("//w:fldSimple/@w:instr", namespaces=NS)
    assert [f.strip() for f in fields] == ["PAGE"]


def test_core_properties_come_from_the_issue(sample_document, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    extra = {"date": "2023-12-04", "publisher": "财经杂志社"}
    data = build_docx(sample_document, ConvertOptions(title="财经", issue="2023年第24期", extra=extra))
    core = docx.Document(io.BytesIO(data)).core_properties
    assert (core.title, core.author, core.subject, core.last_modified_by) == (
        "财经 2023年第24期", "财经杂志社", "2023年第24期", "magclean")
    assert core.comments == "" and "python-docx" not in part(data, "docProps/core.xml").decode()
    assert core.created.date().isoformat() == core.modified.date().isoformat() == "2023-12-04"
    assert b"<Application>magclean</Application>" in part(data, "docProps/app.xml")
    undated = docx.Document(io.BytesIO(build_docx(sample_document, ConvertOptions(issue="2023年第24期"))))
    assert undated.core_properties.modified.year == 2023  # the issue's year, not 1980
    assert undated.core_properties.author == "样刊"  # the magazine, when no publisher is given


def test_titles_are_headings_without_the_templates_blue_underline(sample_docx):
    styles = etree.fromstring(part(sample_docx, "word/styles.xml"))
    for style_id in ("Title", "Heading1", "Heading2"):
        style = styles.xpath(f"//w:style[@w:styleId='{style_id}']", namespaces=NS)[0]
        assert style.xpath(".//w:pBdr | .//w:u", namespaces=NS) == [], style_id
        colors = style.xpath(".//w:color", namespaces=NS)
        assert all(c.get(f"{{{W}}}themeColor") is None and c.get(f"{{{W}}}val") == "202020" for c in colors)


def test_english_passages_are_tagged_english(seed_document):
    data = build_docx(seed_document, ConvertOptions())
    document = etree.fromstring(part(data, "word/document.xml"))
    english = document.xpath("//w:p[w:r/w:rPr/w:lang[@w:val='en-US']]", namespaces=NS)
    texts = ["".join(p.xpath(".//w:t/text()", namespaces=NS)) for p in english]
    assert any(t.startswith("Chinese President Xi Jinping and U.S. President Joe Biden") for t in texts)
    assert all(not any("\u4e00" <= c <= "\u9fff" for c in t) for t in texts)
    settings = etree.fromstring(part(data, "word/settings.xml"))
    assert settings.xpath("//w:autoHyphenation/@w:val", namespaces=NS) == ["true"]


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


def test_parts_zipped_once_give_the_bytes_of_python_docxs_own_save(sample_document, monkeypatch):
    import converters.docx_form as docx_form

    def no_save(self, *args):
        raise AssertionError("doc.save deflates every part that is then deflated again")

    with monkeypatch.context() as patched:
        patched.setattr(docx.document.Document, "save", no_save)
        once = build_docx(sample_document, ConvertOptions())  # the parts handed over unzipped
    monkeypatch.setattr(docx_form, "package_entries", docx_form.saved_entries)
    assert build_docx(sample_document, ConvertOptions()) == once  # doc.save, unzipped, zipped again


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


def pdf_pages(pdf) -> list[str]:
    import subprocess

    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return text.split("\f")


def test_libreoffice_shows_contents_page_numbers_and_footers(seed_document, seed_pdf):
    """After LibreOffice lays it out: each contents entry's number is the page its article starts
    on, every page carries its number in the footer, and the stored estimate is at most a page off."""
    import re

    pages = pdf_pages(seed_pdf[1])
    pages = [p for p in pages if p.strip()]
    footers = [p.strip().splitlines()[-1].strip() for p in pages]
    assert footers == [str(n) for n in range(1, len(pages) + 1)]
    contents = "\n".join(pages[:4])
    listed = re.findall(r"^\s*(\S.*?)\s*\.{4,}\s*(\d+)\s*$", contents, re.MULTILINE)
    titled = {a.title.replace(" ", "")[:10] for a in seed_document.articles if a.title}
    checked = 0
    for label, number in listed:
        key = label.replace(" ", "")[:10]
        if key in titled:
            start = pages[int(number) - 1].replace(" ", "")
            assert key in start, (label, number)
            checked += 1
    assert checked >= 25
    xml = part(seed_pdf[0].read_bytes(), "word/document.xml").decode()
    stored = {label.replace(" ", "")[:10]: int(number) for label, number in re.findall(
        r'<w:hyperlink w:anchor="_Toc\d+"[^>]*><w:r><w:t xml:space="preserve">([^<]*)</w:t>.*?PAGEREF.*?'
        r'<w:t xml:space="preserve">(\d+)<', xml)}
    laid_out = {label.replace(" ", "")[:10]: int(number) for label, number in listed}
    common = stored.keys() & laid_out.keys()
    assert len(common) >= 25
    assert all(abs(stored[key] - laid_out[key]) <= 1 for key in common)


def test_page_estimate_widths_are_one_em_per_wide_character_and_a_half_for_the_others():
    import unicodedata

    from converters.docx_pages import text_width_ems

    mixed = "财经 Caijing，「引号」ＡＢ①²—…é\u0301😀\u3000ｶﾅ" * 3
    expected = sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in mixed)
    assert text_width_ems(mixed) == expected
    assert text_width_ems("") == 0
