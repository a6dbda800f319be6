"""Hostile input through the book converters: no markup injection, no invalid EPUB or DOCX.

Every EPUB written here goes through EPUBCheck (one JVM for all the reproducers, one for the fuzz
run) and must have 0 errors and 0 warnings; every DOCX must reopen in python-docx with its text.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import magclean
from cleaner.document import BLOCK_KINDS, Document
from converters.meta import XML_FORBIDDEN

MAGCLEAN = Path(sys.executable).with_name("magclean")
CLEAN_REPORT = "0 fatals / 0 errors / 0 warnings"
# Every character XML 1.0 forbids that a Python str can hold in a file (NUL is dropped on reading).
FORBIDDEN = [chr(c) for c in (*range(1, 9), 0x0B, 0x0C, *range(0x0E, 0x20))] + ["\ufffe", "\uffff"]
INJECTION = '{"meta":{"language":"zh\\"><script>alert(1)</script><p class=\\"x"},' \
            '"articles":[{"title":"t","blocks":[{"kind":"paragraph","text":"x","lines":[1,1]}]}],"removed":[]}'


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(MAGCLEAN), *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, **(env or {})})


def entries(book: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(book) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def docx_text(path: Path) -> str:
    """All paragraph text of a DOCX as python-docx reads it back."""
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def chapter_text(book: Path) -> str:
    """The text of every XHTML file of an EPUB, parsed as XML (a parse error fails the test)."""
    texts = []
    for name, content in entries(book).items():
        if name.endswith(".xhtml"):
            texts.append("".join(etree.fromstring(content).itertext()))
    return "\n".join(texts)


def squeeze(text: str) -> str:
    return "".join(XML_FORBIDDEN.sub("", text).split())


@pytest.fixture(scope="module")
def hostile_books(tmp_path_factory) -> dict[str, tuple[subprocess.CompletedProcess, Path]]:
    """Each reproducer of issue 10 converted by the command, as a user would: name → (run, output)."""
    work = tmp_path_factory.mktemp("hostile")
    control = work / "control.txt"
    text = "标题\n\n文/本刊记者 张三\n\n正文\x08。\n" + "".join(FORBIDDEN) + "尾。\n"
    control.write_text(text, encoding="utf-8")
    named = work / "name\x08\x1b.txt"
    named.write_text("正文。\n", encoding="utf-8")
    residue = work / "residue.txt"
    residue.write_text("返回目录\n\n返回目录\n", encoding="utf-8")
    empty = work / "empty.json"
    empty.write_text("{}", encoding="utf-8")
    meta = ["--title", "财经\x01<b>&amp;\"", "--issue", "第\x0c24期", "--publisher", "出版\x1b[31m社"]
    cases: dict[str, tuple[list[str], dict[str, str]]] = {
        "control": ([str(control)], {}),
        "control-meta": ([str(control), *meta], {}),
        "control-name": ([str(named)], {}),
        "residue-only": ([str(residue)], {}),
        "empty-json": ([str(empty), "--title", "空\x02"], {}),
        "date-1979": ([str(control), "--date", "1979-12-31"], {}),
        "date-2108": ([str(control), "--date", "2108-01-01"], {}),
        "epoch-5138": ([str(control)], {"SOURCE_DATE_EPOCH": "99999999999"}),
    }
    books = {}
    for name, (args, env) in cases.items():
        for fmt in ("epub", "docx"):
            out = work / f"{name}.{fmt}"
            books[f"{name}.{fmt}"] = (run("convert", *args, "--to", fmt, "-o", str(out), env=env), out)
    return books


@pytest.fixture(scope="module")
def hostile_reports(hostile_books, epubcheck_many) -> dict[str, str]:
    paths = {name: out for name, (result, out) in hostile_books.items() if name.endswith(".epub")
             and result.returncode == 0}
    reports = epubcheck_many(list(paths.values()))
    return {name: reports[path] for name, path in paths.items()}


CASES = ["control", "control-meta", "control-name", "residue-only", "empty-json", "date-1979", "date-2108",
         "epoch-5138"]


@pytest.mark.parametrize("case", CASES)
def test_hostile_epub_is_valid(case, hostile_books, hostile_reports):
    result, _ = hostile_books[f"{case}.epub"]
    assert result.returncode == 0, result.stderr
    assert CLEAN_REPORT in hostile_reports[f"{case}.epub"], hostile_reports[f"{case}.epub"][-2000:]


@pytest.mark.parametrize("case", CASES)
def test_hostile_docx_reopens(case, hostile_books):
    result, out = hostile_books[f"{case}.docx"]
    assert result.returncode == 0, result.stderr
    text = docx_text(out)
    assert not XML_FORBIDDEN.search(text)
    if case.startswith("control"):
        assert "正文。" in text


def test_control_characters_are_dropped_from_text_and_metadata(hostile_books):
    _, book = hostile_books["control-meta.epub"]
    files = entries(book)
    assert "正文。" in chapter_text(book)
    opf = files["EPUB/content.opf"].decode()
    assert "财经&lt;b&gt;&amp;amp;\"" in opf and "第24期" in opf and "出版[31m社" in opf
    _, document = hostile_books["control-meta.docx"]
    properties = docx.Document(str(document)).core_properties
    assert (properties.title, properties.author) == ("财经<b>&amp;\" 第24期", "出版[31m社")


def test_empty_documents_make_a_title_page(hostile_books):
    """A Document with no article: one title page, listed in the contents, in both formats."""
    _, book = hostile_books["empty-json.epub"]
    assert "空" in chapter_text(book)
    assert b"title.xhtml" in entries(book)["EPUB/nav.xhtml"]
    _, document = hostile_books["empty-json.docx"]
    assert docx_text(document).startswith("空")


@pytest.mark.parametrize("case, day", [("date-1979", "1979-12-31"), ("date-2108", "2108-01-01"),
                                       ("epoch-5138", "5138-11-16")])
def test_dates_outside_the_zip_range_stay_in_the_metadata(case, day, hostile_books):
    """The book keeps its date; only the zip entries' times are clamped to 1980-2107."""
    _, book = hostile_books[f"{case}.epub"]
    assert f"<dc:date>{day}</dc:date>" in entries(book)["EPUB/content.opf"].decode()
    with zipfile.ZipFile(book) as archive:
        assert all((1980, 1, 1) <= info.date_time[:3] <= (2107, 12, 31) for info in archive.infolist())
    _, document = hostile_books[f"{case}.docx"]
    assert docx.Document(str(document)).core_properties.created.date().isoformat() == day


def test_language_injection_is_refused(tmp_path):
    """The issue's reproducer: a language that is markup is a one-line error, no file is written."""
    source = tmp_path / "inj.json"
    source.write_text(INJECTION, encoding="utf-8")
    result = run("convert", str(source), "--to", "epub", "-o", str(tmp_path / "inj.epub"))
    assert result.returncode == 1 and len(result.stderr.splitlines()) == 1, result.stderr
    assert "meta.language: not a BCP 47 language tag" in result.stderr
    assert not (tmp_path / "inj.epub").exists()


def test_api_document_with_a_bad_language_is_refused_by_the_converter(tmp_path):
    """A Document built in Python skips from_json: the converter checks the tag itself."""
    from converters import ConverterError

    document = Document.from_json(INJECTION.replace('zh\\"><script>alert(1)</script><p class=\\"x', "zh"))
    hostile = document.with_meta(language='zh"><script>')
    with pytest.raises(ConverterError, match="not a BCP 47 language tag"):
        magclean.convert(hostile, "epub", tmp_path / "x.epub")
    assert not (tmp_path / "x.epub").exists()


# --- the fuzz harness: JSON Document -> EPUB and DOCX -------------------------------------------

HOSTILE_PIECES = st.sampled_from([
    *FORBIDDEN, "<", ">", "&", '"', "'", "&amp;", "<script>alert(1)</script>", "]]>", "<!--", "\u200f",
    "\u202e", "\u2066", "\u200b", "\ufeff", "\u00ad", "\r", "\t", " ", "\u3000", "😀", "𠀀", "e\u0301",
    "\x85", "\u2028", "正文", "“引号”", "《书名》", "\x7f",
])
HOSTILE_TEXT = st.one_of(
    st.lists(st.one_of(HOSTILE_PIECES, st.text(max_size=8)), max_size=12).map("".join),
    st.tuples(HOSTILE_PIECES, st.integers(200, 3000)).map(lambda pair: pair[0] * pair[1]),  # very long
)
LINES = st.tuples(st.integers(0, 10**6), st.integers(0, 10**6)).map(sorted)
BLOCK = st.fixed_dictionaries({"kind": st.sampled_from(BLOCK_KINDS), "text": HOSTILE_TEXT, "lines": LINES})
ARTICLE = st.fixed_dictionaries({
    "section": st.none() | HOSTILE_TEXT, "title": st.none() | HOSTILE_TEXT,
    "subtitle": st.none() | HOSTILE_TEXT, "deck": st.none() | HOSTILE_TEXT,
    "bylines": st.lists(HOSTILE_TEXT, max_size=3),
    "blocks": st.lists(BLOCK, max_size=5), "lines": LINES,
})
DOCUMENT = st.fixed_dictionaries({
    "meta": st.fixed_dictionaries({
        "source": HOSTILE_TEXT, "encoding": st.just("utf-8"),
        "language": st.sampled_from(["zh-Hans", "zh-Hant", "zh-Hant-TW", "zh", "en", "x-private"]),
        "title": st.none() | HOSTILE_TEXT, "issue": st.none() | HOSTILE_TEXT}),
    "articles": st.lists(ARTICLE, max_size=4),
    "removed": st.lists(st.fixed_dictionaries({"kind": HOSTILE_TEXT, "text": HOSTILE_TEXT, "lines": LINES,
                                               "rule": st.just("toc_marker")}), max_size=2),
})
OPTIONS = st.fixed_dictionaries({"captions": st.sampled_from(["drop", "keep"]), "vertical": st.booleans(),
                                 "title": st.none() | HOSTILE_TEXT, "issue": st.none() | HOSTILE_TEXT,
                                 "publisher": st.none() | HOSTILE_TEXT})
FUZZ_BOOKS = 30


def test_fuzz_json_documents_make_valid_books(tmp_path, epubcheck_many):
    """Hypothesis-made Documents full of hostile strings, read from their JSON as ``convert`` does:
    every EPUB passes EPUBCheck, every DOCX reopens in python-docx and both hold the text."""
    made: list[tuple[Path, str]] = []

    @settings(max_examples=FUZZ_BOOKS, derandomize=True, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(DOCUMENT, OPTIONS, st.booleans())
    def build(data, options, ascii_json):
        text = json.dumps(data, ensure_ascii=ascii_json)
        document = Document.from_json(("\ufeff" if ascii_json else "") + text)
        number = len(made)
        book, word = tmp_path / f"{number:03d}.epub", tmp_path / f"{number:03d}.docx"
        magclean.convert(document, "epub", book, **options)
        magclean.convert(document, "docx", word, **{k: v for k, v in options.items() if k != "vertical"})
        kept = [b.text for a in document.articles for b in a.blocks
                if options["captions"] == "keep" or b.kind not in ("caption", "table")]
        in_book, in_word = squeeze(chapter_text(book)), squeeze(docx_text(word))
        assert all(squeeze(t) in in_book and squeeze(t) in in_word for t in kept), text[:500]
        made.append((book, text))

    build()
    reports = epubcheck_many([book for book, _ in made])
    invalid = [(book.name, [line[:400] for line in reports[book].splitlines() if "ERROR" in line
                            or "FATAL" in line], text[:300])
               for book, text in made if CLEAN_REPORT not in reports[book]]
    assert not invalid, invalid[0]
