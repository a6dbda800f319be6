"""PDF input: magazine pages typeset by WeasyPrint read back into the blocks they were made from,
and every kind of PDF that cannot be read refused with one line, exit 1 and no output."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

pytest.importorskip("pypdfium2")
pytest.importorskip("weasyprint")

from pdfs import magazine_html, render

import magclean
from cleaner.read_pdf import PdfDocument, parse_pages
from cleaner.source import InputError

MAGCLEAN = Path(sys.executable).with_name("magclean")
# (figure placement, columns, first-line indent in em): the layouts read back exactly.
EXACT_LAYOUTS = [("between", 1, 2), ("inside", 2, 2), ("wrap", 1, 2), ("wrap", 2, 2), ("none", 1, 0),
                 ("wrap", 1, 0)]


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, int, int], tuple[Path, object]]:
    """The sample PDFs, typeset once for the module."""
    folder = tmp_path_factory.mktemp("pdfs")
    made = {}
    for figure, columns, indent in EXACT_LAYOUTS:
        document, sample = magazine_html(7, columns=columns, indent_em=indent, figure=figure)
        path = render(document, folder / f"{figure}-{columns}-{indent}.pdf")
        made[(figure, columns, indent)] = (path, sample)
    return made


def blocks(doc: magclean.Document, kind: str) -> list[str]:
    return [b.text for a in doc.articles for b in a.blocks if b.kind == kind]


def pdf_characters(path: Path) -> Counter[str]:
    """Every non-whitespace character of the PDF's text layer."""
    with PdfDocument(str(path)) as pdf:
        text = "".join(line.text for page in pdf.pages() for line in page.lines)
    return Counter(ch for ch in text if not ch.isspace())


@pytest.mark.parametrize("layout", EXACT_LAYOUTS, ids=lambda x: "-".join(map(str, x)))
def test_layout_reads_back_exactly(pdfs, layout) -> None:
    path, sample = pdfs[layout]
    doc = magclean.clean(path)
    assert [a.title for a in doc.articles] == ["老街区的新生活"]
    assert doc.articles[0].bylines == ("文/本刊记者 张三",)
    assert blocks(doc, "paragraph") == sample.paragraphs
    assert blocks(doc, "heading") == sample.headings
    assert blocks(doc, "caption") == sample.captions
    furniture = [r.text for r in doc.removed if r.rule == "page_furniture"]
    pages = len(set(furniture) & {"— 1 —", "— 2 —", "— 3 —"})
    assert pages >= 1 and furniture.count("封面故事") == pages
    assert furniture.count("城市周刊 2024年3月18日") == pages
    assert doc.characters() == pdf_characters(path)  # conservation: nothing lost, nothing made up


def test_reader_lines_keep_geometry(pdfs) -> None:
    path, _ = pdfs[("inside", 2, 2)]
    with PdfDocument(str(path)) as pdf:
        page = next(pdf.pages([1]))
    title = next(line for line in page.lines if line.text == "老街区的新生活")
    assert title.size == pytest.approx(18, abs=0.1) and title.bold
    body = [line for line in page.lines if line.size == pytest.approx(10, abs=0.1)]
    lefts = sorted({round(line.x0) for line in body})
    assert lefts[0] < page.width / 2 < lefts[-1]  # two columns: lines were cut at the gutter
    assert all(line.x1 - line.x0 < page.width / 2 for line in body)
    assert page.figures  # the grey figure box


def test_pages_selects_part_of_the_issue(pdfs) -> None:
    path = pdfs[("none", 1, 0)][0]
    whole = magclean.clean(path)
    second = magclean.clean(path, pages="2")
    text = "".join(blocks(second, "paragraph"))
    assert text and text in "".join(blocks(whole, "paragraph"))
    assert "老街区的新生活" not in [a.title for a in second.articles]
    assert parse_pages("3,5,7-9") == ((3, 3), (5, 5), (7, 9))


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(MAGCLEAN), *args], capture_output=True, text=True, timeout=120, check=False)


def refused(result: subprocess.CompletedProcess[str]) -> str:
    """The one error line of a refused run: exit 1, nothing on stdout, no traceback."""
    assert result.returncode == 1, result.stderr
    assert result.stdout == "" and "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    return result.stderr


def test_a_pdf_is_known_by_its_magic_not_its_suffix(pdfs, tmp_path: Path) -> None:
    path, sample = pdfs[("between", 1, 2)]
    renamed = tmp_path / "issue.dat"
    renamed.write_bytes(path.read_bytes())
    result = run("clean", str(renamed), "-o", str(tmp_path / "out.txt"))
    assert result.returncode == 0, result.stderr
    assert sample.paragraphs[0] in (tmp_path / "out.txt").read_text(encoding="utf-8")
    result = run("convert", str(renamed), "--to", "epub", "-o", str(tmp_path / "out.epub"))
    assert result.returncode == 0 and (tmp_path / "out.epub").stat().st_size > 0


def test_batch_takes_pdfs_like_text(pdfs, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "a.pdf").write_bytes(pdfs[("wrap", 1, 2)][0].read_bytes())
    (archive / "b.txt").write_text("标题\n\n文/记者 张三\n\n正文。\n", encoding="utf-8")
    result = run("batch", str(archive), "--to", "txt", "-o", str(tmp_path / "out"), "-j", "1")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "a.txt").exists() and (tmp_path / "out" / "b.txt").exists()


@pytest.fixture(scope="module")
def bad_pdfs(pdfs, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """PDFs that cannot be cleaned, made from a good one."""
    import pypdf
    import pypdfium2
    import weasyprint

    folder = tmp_path_factory.mktemp("bad")
    good = pdfs[("none", 1, 0)][0]
    made = {}
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(good))
    writer.encrypt("secret", algorithm="AES-128")
    writer.write(made.setdefault("encrypted", folder / "encrypted.pdf"))
    with pypdfium2.PdfDocument(str(good)) as pdf:  # the page drawn as a picture: a scan
        picture = pdf[0].render(scale=1).to_pil().convert("RGB")
    picture.save(made.setdefault("scanned", folder / "scanned.pdf"))
    private_use = "".join(chr(0xE000 + i) for i in range(300))  # what a broken ToUnicode map gives
    weasyprint.HTML(string=f"<p style='font-family: Noto Serif CJK SC'>{private_use}</p>").write_pdf(
        made.setdefault("unreadable", folder / "unreadable.pdf"))
    data = good.read_bytes()
    (made.setdefault("truncated", folder / "truncated.pdf")).write_bytes(data[: len(data) // 3])
    (made.setdefault("garbage", folder / "garbage.pdf")).write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    return made


@pytest.mark.parametrize(("kind", "message"), [
    ("encrypted", "the PDF is encrypted; give its password with --password"),
    ("scanned", "the PDF has no text layer (scanned pages?); it needs OCR first"),
    ("unreadable", "the PDF's text is unreadable (100% private-use or replacement characters"),
    ("truncated", "damaged PDF, cannot be read"),
    ("garbage", "damaged PDF, cannot be read"),
])
def test_unreadable_pdfs_are_refused(bad_pdfs, tmp_path: Path, kind: str, message: str) -> None:
    out = tmp_path / "out.txt"
    error = refused(run("clean", str(bad_pdfs[kind]), "-o", str(out)))
    assert error.startswith(f"magclean: error: {kind}.pdf: ") and message in error
    assert not out.exists()
    epub = tmp_path / "out.epub"
    refused(run("convert", str(bad_pdfs[kind]), "--to", "epub", "-o", str(epub)))
    assert not epub.exists()


def test_password(bad_pdfs, tmp_path: Path) -> None:
    assert "password is wrong" in refused(run("clean", str(bad_pdfs["encrypted"]), "--password", "nope"))
    result = run("clean", str(bad_pdfs["encrypted"]), "--password", "secret")
    assert result.returncode == 0 and "老街区的新生活" in result.stdout


def test_pages_outside_the_document_are_refused(pdfs, tmp_path: Path) -> None:
    path = pdfs[("none", 1, 0)][0]
    assert "--pages: 40-41 is outside the document (" in refused(run("clean", str(path), "--pages", "40-41"))
    assert "is not a page range" in refused(run("clean", str(path), "--pages", "3-x"))
    text = tmp_path / "issue.txt"
    text.write_text("正文。\n", encoding="utf-8")
    assert "apply to a PDF input only" in refused(run("clean", str(text), "--pages", "1"))


def test_missing_extra_is_one_line(pdfs, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pypdfium2", None)  # as if magclean[pdf] were not installed
    with pytest.raises(InputError, match=r"reading a PDF needs pypdfium2: pip install 'magclean\[pdf\]'"):
        magclean.clean(pdfs[("none", 1, 0)][0])


def test_a_hyphen_that_ends_a_line_is_kept(tmp_path: Path) -> None:
    """PDFium reports a hyphen at a line end as U+0002; the printed hyphen stays in the word."""
    import weasyprint

    path = tmp_path / "hyphen.pdf"
    body = "第 5 行中的 Build-Depends 项列出了编译此软件包需要的软件包。" * 3
    weasyprint.HTML(string="<p style='font: 10pt Noto Serif CJK SC; width: 9.1em'>"
                    f"{body}</p>").write_pdf(path)
    with PdfDocument(str(path)) as pdf:
        texts = [line.text for page in pdf.pages() for line in page.lines]
    assert not any("\x02" in text for text in texts)
    joined = "".join(texts)
    assert joined.count("Build-") == 3 and joined.count("Depends") == 3
