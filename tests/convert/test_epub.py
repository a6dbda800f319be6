"""EPUB 3: structure, typography hooks, reproducibility, EPUBCheck-clean for the seed."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from converters import ConvertOptions
from converters.epub import build_epub
from converters.script import to_traditional

NS = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops",
      "opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
      "ncx": "http://www.daisy.org/z3986/2005/ncx/"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return {name: book.read(name) for name in book.namelist()}


def chapter_files(files: dict[str, bytes]) -> list[str]:
    return sorted(n for n in files if n.startswith("EPUB/text/"))


def texts(xml: bytes, path: str) -> list[str]:
    return [("".join(e.itertext())).strip() for e in etree.fromstring(xml).xpath(path, namespaces=NS)]


@pytest.fixture(scope="module")
def sample_epub(sample_document) -> dict[str, bytes]:
    return entries(build_epub(sample_document, ConvertOptions()))


def normalised(content: bytes) -> str:
    """A package file without ebooklib's version line (changes with every release) and with the
    identifier masked (it follows every byte of the Document's JSON; tested on its own below)."""
    text = re.sub(r'\s*<meta name="generator"[^>]*/>', "", content.decode("utf-8"))
    return re.sub(r"urn:uuid:[0-9a-f-]{36}", "urn:uuid:(from the content)", text)


def test_sample_matches_its_reviewed_golden_files(sample_epub, golden):
    for name in ("text/article-001.xhtml", "text/article-002.xhtml", "nav.xhtml", "toc.ncx", "content.opf"):
        golden("sample.epub/" + name, normalised(sample_epub["EPUB/" + name]))


def test_traditional_sample_with_cjk_quotes_matches_its_golden_file(sample_document, golden):
    from converters.pipeline import transform

    hant = transform(sample_document, script="s2twp", quotes="cjk")
    book = entries(build_epub(hant, ConvertOptions()))
    golden("sample.s2twp-cjk.epub/text/article-001.xhtml",
                 book["EPUB/text/article-001.xhtml"].decode("utf-8"))


def test_one_chapter_per_article_and_mimetype_first_uncompressed(sample_document):
    data = build_epub(sample_document, ConvertOptions())
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        first = book.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
        assert book.read("mimetype") == b"application/epub+zip"
    assert len(chapter_files(entries(data))) == len(sample_document.articles)


def test_contents_has_two_levels_in_nav_and_ncx(sample_epub):
    nav = etree.fromstring(sample_epub["EPUB/nav.xhtml"])
    toc = nav.xpath("//x:nav[@epub:type='toc']/x:ol", namespaces=NS)[0]
    top = [(li.xpath("x:a/text()", namespaces=NS)[0], li.xpath("x:ol/x:li/x:a/text()", namespaces=NS))
           for li in toc.xpath("x:li", namespaces=NS)]
    assert top == [("封面文章", ["中美新起点"]), ("日本制造业过去30年的成果", [])]
    ncx = etree.fromstring(sample_epub["EPUB/toc.ncx"])
    points = ncx.xpath("/ncx:ncx/ncx:navMap/ncx:navPoint", namespaces=NS)
    assert [p.xpath("ncx:navLabel/ncx:text/text()", namespaces=NS)[0] for p in points] == \
        ["封面文章", "日本制造业过去30年的成果"]
    assert points[0].xpath("ncx:navPoint/ncx:navLabel/ncx:text/text()", namespaces=NS) == ["中美新起点"]


def test_landmarks_point_at_cover_contents_and_body_and_are_hidden(sample_epub):
    nav = etree.fromstring(sample_epub["EPUB/nav.xhtml"])
    landmarks = nav.xpath("//x:nav[@epub:type='landmarks']", namespaces=NS)[0]
    assert landmarks.get("hidden") == "hidden"
    kinds = {a.get("{http://www.idpf.org/2007/ops}type"): a.get("href") for a in landmarks.iter("{*}a")}
    assert kinds == {"cover": "cover.xhtml", "toc": "nav.xhtml", "bodymatter": "text/article-001.xhtml"}


def test_every_content_file_declares_lang_and_xml_lang(sample_document):
    hant = to_traditional(sample_document, "s2t")
    for document, language in ((sample_document, "zh-Hans"), (hant, "zh-Hant")):
        files = entries(build_epub(document, ConvertOptions()))
        for name in [*chapter_files(files), "EPUB/nav.xhtml"]:
            root = etree.fromstring(files[name])
            assert (root.get("lang"), root.get(XML_LANG)) == (language, language), name
        opf = etree.fromstring(files["EPUB/content.opf"])
        assert opf.xpath("//dc:language/text()", namespaces=NS) == [language]


def test_metadata_title_issue_identifier_date_publisher(sample_document, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    options = ConvertOptions(title="财经", extra={"publisher": "财经杂志社", "date": "2023-12-04"})
    opf = etree.fromstring(entries(build_epub(sample_document, options))["EPUB/content.opf"])

    def meta(path: str) -> list[str]:
        return opf.xpath(path, namespaces=NS)

    assert meta("//dc:title/text()") == ["财经 2023年第24期"]
    assert meta("//dc:description/text()") == ["2023年第24期"]
    assert meta("//dc:publisher/text()") == ["财经杂志社"]
    assert meta("//dc:date/text()") == ["2023-12-04"]
    assert meta("//opf:meta[@property='dcterms:modified']/text()") == ["2023-12-04T00:00:00Z"]
    assert meta("//opf:meta[@property='belongs-to-collection']/text()") == ["财经"]
    assert meta("//dc:identifier/text()")[0].startswith("urn:uuid:")


def test_without_a_date_the_issue_dates_the_book(sample_document, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    opf = etree.fromstring(entries(build_epub(sample_document, ConvertOptions()))["EPUB/content.opf"])
    assert sample_document.meta.issue == "2023年第24期"
    assert opf.xpath("//dc:date/text()", namespaces=NS) == ["2023"]
    modified = opf.xpath("//opf:meta[@property='dcterms:modified']/text()", namespaces=NS)
    assert modified == ["2023-01-01T00:00:00Z"]
    monthly = build_epub(sample_document, ConvertOptions(issue="2024年3月 第12期"))
    opf = etree.fromstring(entries(monthly)["EPUB/content.opf"])
    assert opf.xpath("//dc:date/text()", namespaces=NS) == ["2024-03"]


def test_with_nothing_to_date_it_the_book_has_no_dc_date_and_a_fixed_time(sample_document, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    undated = sample_document.with_meta(issue=None)
    opf = etree.fromstring(entries(build_epub(undated, ConvertOptions()))["EPUB/content.opf"])
    assert opf.xpath("//dc:date", namespaces=NS) == []
    modified = opf.xpath("//opf:meta[@property='dcterms:modified']/text()", namespaces=NS)
    assert modified == ["1980-01-01T00:00:00Z"]


def test_a_generated_cover_opens_the_book(sample_document):
    files = entries(build_epub(sample_document, ConvertOptions(title="财经", extra={"date": "2023-12-04"})))
    opf = etree.fromstring(files["EPUB/content.opf"])
    cover = opf.xpath("//opf:item[@properties='cover-image']", namespaces=NS)[0]
    assert (cover.get("href"), cover.get("media-type")) == ("images/cover.svg", "image/svg+xml")
    first = opf.xpath("//opf:spine/opf:itemref/@idref", namespaces=NS)[0]
    assert opf.xpath(f"//opf:item[@id='{first}']/@href", namespaces=NS) == ["cover.xhtml"]
    svg = etree.fromstring(files["EPUB/images/cover.svg"])
    words = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert words == ["财经", "2023年第24期", "2023-12-04"]
    assert all("Noto Serif CJK SC" in t.get("font-family") or "Noto Sans CJK SC" in t.get("font-family")
               for t in svg.iter("{http://www.w3.org/2000/svg}text"))
    nav = etree.fromstring(files["EPUB/nav.xhtml"])
    kinds = [a.get("{http://www.idpf.org/2007/ops}type") for a in nav.xpath(
        "//x:nav[@epub:type='landmarks']//x:a", namespaces=NS)]
    assert kinds[0] == "cover"


def test_the_title_comes_from_the_documents_metadata_not_the_file_name(sample_document):
    opf = etree.fromstring(entries(build_epub(sample_document, ConvertOptions()))["EPUB/content.opf"])
    assert opf.xpath("//dc:title/text()", namespaces=NS) == ["样刊 2023年第24期"]
    assert sample_document.meta.source == "sample.txt"


def test_untitled_articles_are_named_by_their_first_heading_or_words(seed_document, seed_books):
    files = entries(seed_books["original"].read_bytes())
    nav = etree.fromstring(files["EPUB/nav.xhtml"])
    labels = nav.xpath("//x:nav[@epub:type='toc']//x:a/text()", namespaces=NS)
    assert not [label for label in labels if label.startswith("第") and label.endswith("篇")]
    untitled = [a for a in seed_document.articles if not a.title]
    assert untitled, "the seed has untitled articles (titles set as images)"
    for article in untitled:  # the seed's untitled articles have headings: the first names them
        assert next(b.text for b in article.blocks if b.kind == "heading") in labels


def test_english_passages_are_tagged_english(seed_books):
    files = entries(seed_books["original"].read_bytes())
    last = chapter_files(files)[-1]
    root = etree.fromstring(files[last])
    english = root.xpath("//*[@lang='en']", namespaces=NS)
    assert english and all(e.get(XML_LANG) == "en" for e in english)
    texts = ["".join(e.itertext()) for e in english]
    assert any(t.startswith("Chinese President Xi Jinping") for t in texts)
    assert root.xpath("//x:h1/@lang", namespaces=NS) == ["en"]  # the English summary's title
    assert root.xpath("//x:p[@class='section']/@lang", namespaces=NS) == []  # 英文摘要 stays Chinese
    assert "hyphens: auto" in files["EPUB/style/magclean.css"].decode()
    first = etree.fromstring(files[chapter_files(files)[0]])
    assert first.xpath("//*[@lang='en']", namespaces=NS) == []


def test_same_input_same_bytes_and_source_date_epoch_is_used(sample_document, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = build_epub(sample_document, ConvertOptions())
    assert build_epub(sample_document, ConvertOptions()) == first
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1701648000")  # 2023-12-04
    dated = build_epub(sample_document, ConvertOptions())
    assert dated != first and dated == build_epub(sample_document, ConvertOptions())
    opf = etree.fromstring(entries(dated)["EPUB/content.opf"])
    assert opf.xpath("//dc:date/text()", namespaces=NS) == ["2023-12-04"]
    with zipfile.ZipFile(io.BytesIO(dated)) as book:
        assert {info.date_time for info in book.infolist()} == {(2023, 12, 4, 0, 0, 0)}


def test_identifier_follows_the_content(sample_document):
    def identifier(document) -> str:
        opf = etree.fromstring(entries(build_epub(document, ConvertOptions()))["EPUB/content.opf"])
        return opf.xpath("//dc:identifier/text()", namespaces=NS)[0]

    changed = replace(sample_document, articles=sample_document.articles[:1])
    assert identifier(sample_document) == identifier(sample_document) != identifier(changed)


def test_captions_and_tables_dropped_by_default_kept_on_request(sample_document):
    chapter = "EPUB/text/article-001.xhtml"
    dropped = entries(build_epub(sample_document, ConvertOptions()))[chapter]
    kept = entries(build_epub(sample_document, ConvertOptions(captions="keep")))[chapter]
    assert b'class="caption"' not in dropped and b'class="table"' not in dropped
    assert texts(kept, "//x:p[@class='caption']") == ["11月15日，旧金山斐洛里庄园。图/新华"]
    assert texts(kept, "//x:p[@class='table']") == ["单位：亿美元 资料来源：海关总署 制表：张玲"]


def test_head_parts_and_endnotes_have_their_own_classes(sample_epub):
    chapter = sample_epub["EPUB/text/article-001.xhtml"]
    assert texts(chapter, "//x:header/x:p[@class='deck']")[0].startswith("两国元首")
    assert texts(chapter, "//x:header/x:p[@class='byline']") == [
        "文/《财经》特派记者 金焱 发自华盛顿", "编辑/苏琦"]
    assert texts(chapter, "//x:p[@class='endnote']") == ["（翻译：臧博；编辑：袁满）"]
    css = sample_epub["EPUB/style/magclean.css"].decode()
    for rule in ("text-indent: 2em", "text-align: justify", "line-height: 1.8", "Noto Serif CJK SC",
                 "p.deck", "p.byline", "p.endnote", ":lang(zh-Hant)"):
        assert rule in css


def test_vertical_writes_vertical_rl_and_turns_pages_right_to_left(sample_document):
    files = entries(build_epub(sample_document, ConvertOptions(vertical=True)))
    assert "writing-mode: vertical-rl" in files["EPUB/style/magclean.css"].decode()
    spine = etree.fromstring(files["EPUB/content.opf"]).xpath("//opf:spine", namespaces=NS)[0]
    assert spine.get("page-progression-direction") == "rtl"
    plain = entries(build_epub(sample_document, ConvertOptions()))
    assert "vertical-rl" not in plain["EPUB/style/magclean.css"].decode()


# --- the seed: structure, and EPUBCheck in every script variant --------------------------------

@pytest.fixture(scope="module")
def seed_books(seed_document, tmp_path_factory) -> dict[str, Path]:
    """The seed as EPUB: original script with full metadata, s2t with captions, s2twp vertical
    with CJK quotes."""
    from converters.pipeline import transform

    out = tmp_path_factory.mktemp("epub")
    variants = {
        "original": (seed_document, ConvertOptions(title="财经", issue="2023年第24期", extra={
            "publisher": "财经杂志社", "date": "2023-12-04"})),
        "s2t": (transform(seed_document, "s2t"), ConvertOptions(captions="keep")),
        "s2twp": (transform(seed_document, "s2twp", "cjk"), ConvertOptions(vertical=True)),
        "english": (english_only(seed_document), ConvertOptions(title="Caijing", issue="2023 No. 24")),
    }
    books = {}
    for name, (document, options) in variants.items():
        books[name] = out / f"seed-{name}.epub"
        books[name].write_bytes(build_epub(document, options))
    return books


@pytest.fixture(scope="module")
def epubcheck_reports(seed_books, epubcheck) -> dict[str, str]:
    results = epubcheck(list(seed_books.values()))
    return {name: results[path].stdout + results[path].stderr for name, path in seed_books.items()}


def english_only(document):
    """The seed's English summary alone, as an English document (no Han character in it)."""
    last = document.articles[-1]
    blocks = tuple(b for b in last.blocks if not re.search(r"[一-龥]", b.text))
    article = replace(last, section=None, blocks=blocks)
    return replace(document, articles=(article,)).with_meta(language="en", title=None)


@pytest.mark.parametrize("variant", ["original", "s2t", "s2twp", "english"])
def test_epubcheck_reports_no_errors_and_no_warnings(epubcheck_reports, variant):
    report = epubcheck_reports[variant]
    assert "0 fatals / 0 errors / 0 warnings" in report, report[-3000:]


def test_seed_has_a_chapter_per_article_and_every_paragraph(seed_document, seed_books):
    files = entries(seed_books["original"].read_bytes())
    assert len(chapter_files(files)) == len(seed_document.articles)
    body = "".join(texts(files[name], "//x:section")[0] for name in chapter_files(files))
    missing = [b.text for a in seed_document.articles for b in a.blocks
               if b.kind == "paragraph" and b.text not in body]
    assert missing == []


def test_epubcheck_passes_every_sample_book(sample_document, tmp_path, epubcheck, monkeypatch):
    """Every variant the tests above build from the sample: default, captions kept, vertical,
    Traditional with CJK quotes, dated, undated, untitled (the English-only book is a seed book)."""
    from converters.pipeline import transform

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    untitled = replace(sample_document, articles=tuple(replace(a, title=None, section=None)
                                                       for a in sample_document.articles))
    variants = {
        "default": (sample_document, ConvertOptions()),
        "captions": (sample_document, ConvertOptions(captions="keep")),
        "vertical": (sample_document, ConvertOptions(vertical=True)),
        "s2twp-cjk": (transform(sample_document, "s2twp", "cjk"), ConvertOptions()),
        "dated": (sample_document, ConvertOptions(title="财经", extra={"date": "2023-12-04",
                                                                      "publisher": "财经杂志社"})),
        "monthly": (sample_document, ConvertOptions(issue="2024年3月 第12期")),
        "undated": (sample_document.with_meta(issue=None), ConvertOptions()),
        "untitled": (untitled, ConvertOptions()),
    }
    books = []
    for name, (document, options) in variants.items():
        books.append(tmp_path / f"{name}.epub")
        books[-1].write_bytes(build_epub(document, options))
    for path, result in epubcheck(books).items():
        report = result.stdout + result.stderr
        assert "0 fatals / 0 errors / 0 warnings" in report, (path.name, report[-2000:])


@pytest.mark.parametrize("vertical", [False, True])
def test_epub_is_zipped_once_with_the_bytes_of_ebooklibs_zip(sample_document, monkeypatch, vertical) -> None:
    """The entries are taken from ebooklib's writer unzipped and zipped once; they and the book's
    bytes are those of ebooklib's own zip read back (``write_epub``, never called on the way)."""
    from ebooklib import epub

    from converters import epub as epub_form

    options = ConvertOptions(vertical=vertical, title="财经", issue="2023年第24期")
    with monkeypatch.context() as patched:
        def no_write(*args, **kwargs):
            raise AssertionError("write_epub called: the book was zipped twice")

        patched.setattr(epub, "write_epub", no_write)
        book, writer_options, _ = epub_form.epub_book(sample_document, options)
        collected = epub_form.book_entries(book, writer_options)
        once = build_epub(sample_document, options)
    book, writer_options, _ = epub_form.epub_book(sample_document, options)
    assert collected == epub_form.written_entries(book, writer_options)
    assert list(collected)[:2] == ["mimetype", "META-INF/container.xml"]
    monkeypatch.setattr(epub_form, "book_entries", epub_form.written_entries)
    assert build_epub(sample_document, options) == once
