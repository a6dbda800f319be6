"""EPUB 3: one chapter per article, a two-level contents (section → titles), CSS for Chinese.

The package (OPF, nav document, NCX, landmarks) is built with ebooklib; the chapters are XHTML
written here, so their markup is exactly what the golden tests review. The zip is then rewritten
with a fixed order and fixed timestamps: the same Document and options give the same bytes.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cleaner.document import Article, Block, Document
from converters import ConvertOptions
from converters.meta import (
    BookInfo,
    book_info,
    chapter_label,
    passage_language,
    reproducible_zip_of,
    section_groups,
    xml_safe_document,
    zip_entries,
)
from converters.text import CAPTION_KINDS

CSS_PATH = "style/magclean.css"
NAMESPACE = uuid.UUID("6f0c6d1e-5b1a-4e53-9d0e-6d616763a1ea")  # magclean's own uuid5 namespace

# Serif for reading, sans for headings, kai for decks: the faces Chinese magazines set.
SERIF = ('"Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "STSong", "SimSun", serif')
SERIF_HANT = ('"Noto Serif CJK TC", "Source Han Serif TC", "Songti TC", "PMingLiU", "MingLiU", serif')
SANS = ('"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif')
SANS_HANT = ('"Noto Sans CJK TC", "Source Han Sans TC", "PingFang TC", "Microsoft JhengHei", sans-serif')
KAI = '"Kaiti SC", "STKaiti", "KaiTi", "BiauKai", "DFKai-SB", serif'

CSS = f"""@charset "utf-8";
body {{ font-family: {SERIF}; line-height: 1.8; margin: 0 0.5em; }}
:lang(zh-Hant) {{ font-family: {SERIF_HANT}; }}
p {{ margin: 0; text-indent: 2em; text-align: justify; }}
h1, h2, p.section {{ font-family: {SANS}; font-weight: bold; text-align: left; }}
:lang(zh-Hant) h1, :lang(zh-Hant) h2, :lang(zh-Hant) p.section {{ font-family: {SANS_HANT}; }}
header {{ margin-bottom: 1.5em; }}
p.section {{ text-indent: 0; font-size: 0.8em; letter-spacing: 0.2em; color: #8a1c1c; }}
h1 {{ font-size: 1.5em; line-height: 1.4; margin: 0.3em 0 0.4em; }}
p.subtitle {{ text-indent: 0; font-size: 1.1em; margin-bottom: 0.6em; }}
p.deck {{ text-indent: 0; font-family: {KAI}; color: #404040; margin: 0.8em 0;
          padding-left: 0.8em; border-left: 0.2em solid #c8c8c8; }}
p.byline {{ text-indent: 0; font-size: 0.85em; color: #595959; }}
h2 {{ font-size: 1.15em; line-height: 1.5; margin: 1.2em 0 0.4em; }}
blockquote {{ margin: 0.8em 2em; }}
blockquote p {{ font-family: {KAI}; }}
p.info {{ text-indent: 0; font-size: 0.9em; margin: 0.6em 0; }}
p.endnote {{ text-indent: 0; font-size: 0.85em; color: #595959; text-align: right; margin-top: 1em; }}
p.caption, p.table {{ text-indent: 0; font-size: 0.85em; color: #595959; margin: 0.6em 0;
                      font-family: {SANS}; }}
nav ol {{ list-style: none; padding-left: 1em; }}
:lang(en) {{ font-family: "Noto Serif", Georgia, serif; hyphens: auto; -epub-hyphens: auto; }}
h1:lang(en), h2:lang(en), p.section:lang(en) {{ font-family: "Noto Sans", Helvetica, Arial, sans-serif; }}
"""

VERTICAL_CSS = """html { -epub-writing-mode: vertical-rl; writing-mode: vertical-rl; }
p.deck { padding-left: 0; border-left: none; padding-top: 0.8em; border-top: 0.2em solid #c8c8c8; }
nav ol { padding-left: 0; padding-top: 1em; }
"""

BLOCK_CLASS = {"endnote": "endnote", "info": "info", "caption": "caption", "table": "table"}


@dataclass(frozen=True, slots=True)
class Chapter:
    """One article as an XHTML file of the book."""

    file_name: str
    label: str
    xhtml: str


def lang_attributes(text: str, language: str) -> str:
    """``lang`` and ``xml:lang`` for an element whose text is English in a Chinese book, else nothing.

    >>> lang_attributes("Editorial", "zh-Hans"), lang_attributes("社评", "zh-Hans")
    (' lang="en" xml:lang="en"', '')
    """
    passage = passage_language(text, language)
    return f' lang="{passage}" xml:lang="{passage}"' if passage else ""


def block_xhtml(block: Block, language: str = "zh-Hans") -> str:
    """One block as XHTML: paragraph → p, heading → h2, quote → blockquote, others p.class.

    >>> block_xhtml(Block("heading", "一、<背景>", (1, 1)))
    '<h2>一、&lt;背景&gt;</h2>'
    >>> block_xhtml(Block("endnote", "（编辑：袁满）", (2, 2)))
    '<p class="endnote">（编辑：袁满）</p>'
    >>> block_xhtml(Block("paragraph", "The summit was positive.", (3, 3)))
    '<p lang="en" xml:lang="en">The summit was positive.</p>'
    """
    text = escape(block.text)
    lang = lang_attributes(block.text, language)
    if block.kind == "heading":
        return f"<h2{lang}>{text}</h2>"
    if block.kind == "quote":
        return f'<blockquote><p{lang}>{text}</p></blockquote>'
    if block.kind in BLOCK_CLASS:
        return f'<p class="{BLOCK_CLASS[block.kind]}"{lang}>{text}</p>'
    return f"<p{lang}>{text}</p>"


def article_body(article: Article, captions: str, language: str = "zh-Hans") -> Iterator[str]:
    """The lines inside a chapter's section element: the header, then the blocks in order."""

    def element(tag: str, text: str, css_class: str | None = None) -> str:
        attributes = (f' class="{css_class}"' if css_class else "") + lang_attributes(text, language)
        return f"<{tag}{attributes}>{escape(text)}</{tag}>"

    head = []
    if article.section:
        head.append(element("p", article.section, "section"))
    if article.title:
        head.append(element("h1", article.title))
    if article.subtitle:
        head.append(element("p", article.subtitle, "subtitle"))
    if article.deck:
        head.append(element("p", article.deck, "deck"))
    head.extend(element("p", line, "byline") for line in article.bylines)
    if head:
        yield "<header>"
        yield from head
        yield "</header>"
    for block in article.blocks:
        if block.kind in CAPTION_KINDS and captions != "keep":
            continue
        yield block_xhtml(block, language)


def escape(text: str) -> str:
    """``text`` escaped for XML character data (as ``xml.sax.saxutils.escape``, whose module
    imports ``urllib.request``, ``http.client`` and ``ssl``: 17 ms of every ``convert``, since
    the converter scan loads this module for any format).

    >>> escape("a < b && c > d")
    'a &lt; b &amp;&amp; c &gt; d'
    """
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def attribute(value: str) -> str:
    """``value`` escaped for a double-quoted XML attribute.

    >>> attribute('zh"><script>')
    'zh&quot;&gt;&lt;script&gt;'
    """
    return escape(value).replace('"', "&quot;")


def xhtml_page(title: str, language: str, body: list[str]) -> str:
    """An XHTML5 content file with ``lang`` and ``xml:lang`` and the book's stylesheet."""
    lang = attribute(language)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!DOCTYPE html>",
        f'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"'
        f' lang="{lang}" xml:lang="{lang}">',
        "<head>",
        f"<title>{escape(title)}</title>",
        f'<link rel="stylesheet" type="text/css" href="../{CSS_PATH}"/>',
        "</head>",
        "<body>",
        *body,
        "</body>",
        "</html>",
    ]
    return "\n".join(lines) + "\n"


def chapter_xhtml(article: Article, number: int, label: str, language: str, captions: str) -> str:
    """A whole chapter file: XHTML5 with ``lang`` and ``xml:lang``, one section per article."""
    return xhtml_page(label, language, [
        f'<section epub:type="chapter" role="doc-chapter" id="article-{number:03d}">',
        *article_body(article, captions, language),
        "</section>",
    ])


def title_page(info: BookInfo) -> Chapter:
    """The one page of a book whose Document has no article (only residue was found): its title
    and issue, so the book is still a valid EPUB with a table of contents."""
    body = ['<section epub:type="titlepage" id="title-page">', f"<h1>{escape(info.title)}</h1>"]
    if info.issue:
        body.append(f'<p class="subtitle">{escape(info.issue)}</p>')
    body.append("</section>")
    return Chapter("text/title.xhtml", info.full_title, xhtml_page(info.full_title, info.language, body))


def chapters(document: Document, captions: str) -> list[Chapter]:
    """Every article as a chapter, numbered from 1 in reading order."""
    language = document.meta.language
    out = []
    for number, article in enumerate(document.articles, 1):
        label = chapter_label(article, number, language)
        xhtml = chapter_xhtml(article, number, label, language, captions)
        out.append(Chapter(f"text/article-{number:03d}.xhtml", label, xhtml))
    return out


COVER_IMAGE = "images/cover.svg"
COVER_PAGE = "cover.xhtml"
COVER_WIDTH, COVER_HEIGHT = 600, 800
COVER_RED = "#8a1c1c"
# Font families named in the cover image; a reader draws the SVG's text with its own CJK fonts.
COVER_SERIF = ("'Noto Serif CJK SC', 'Source Han Serif SC', 'Songti SC', 'STSong', 'SimSun', "
               "'Noto Serif CJK TC', 'PMingLiU', serif")
COVER_SANS = ("'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', "
              "'Noto Sans CJK TC', sans-serif")


def cover_font_size(text: str, width: int, largest: int) -> int:
    """The largest size (up to ``largest``) at which ``text`` fits in ``width`` pixels.

    >>> cover_font_size("财经", 480, 160), cover_font_size("城市周刊特别版合集", 480, 160)
    (160, 53)
    """
    from converters.meta import display_width

    ems = max(display_width(text) / 2, 1)
    return max(12, min(largest, int(width / ems)))


def cover_svg(info: BookInfo) -> str:
    """The generated cover: the magazine's name in large type on a red band, the issue and the
    date under it. Text, not pixels: sharp at any size, a few hundred bytes, same bytes every run.
    """
    title, issue = escape(info.title), escape(info.issue or "")
    date = escape(info.date or "")
    size = cover_font_size(info.title, COVER_WIDTH - 120, 150)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{COVER_WIDTH}" height="{COVER_HEIGHT}"'
        f' viewBox="0 0 {COVER_WIDTH} {COVER_HEIGHT}">',
        f"<title>{escape(info.full_title)}</title>",
        f'<rect width="{COVER_WIDTH}" height="{COVER_HEIGHT}" fill="#f7f3ec"/>',
        f'<rect width="{COVER_WIDTH}" height="420" fill="{COVER_RED}"/>',
        f'<text x="300" y="{180 + size // 2}" font-family="{COVER_SERIF}" font-size="{size}"'
        f' font-weight="bold" fill="#ffffff" text-anchor="middle">{title}</text>',
    ]
    if issue:
        lines.append(f'<text x="300" y="520" font-family="{COVER_SANS}" font-size="'
                     f'{cover_font_size(info.issue or "", COVER_WIDTH - 120, 44)}" fill="#202020"'
                     f' text-anchor="middle">{issue}</text>')
    if date:
        lines.append(f'<text x="300" y="590" font-family="{COVER_SANS}" font-size="28" fill="#595959"'
                     f' text-anchor="middle">{date}</text>')
    lines.append(f'<rect x="250" y="700" width="100" height="6" fill="{COVER_RED}"/>')
    lines.append("</svg>")
    return "\n".join(lines) + "\n"


def cover_xhtml(info: BookInfo) -> str:
    """The cover page: the cover image filling the screen (``epub:type="cover"``)."""
    label = "Cover" if info.english else "封面"
    return "\n".join([
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!DOCTYPE html>",
        f'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"'
        f' lang="{attribute(info.language)}" xml:lang="{attribute(info.language)}">',
        "<head>",
        f"<title>{label}</title>",
        '<style type="text/css">html, body { margin: 0; padding: 0; height: 100%; text-align: center; }'
        " img { height: 100%; max-width: 100%; }</style>",
        "</head>",
        '<body epub:type="cover">',
        f'<img src="{COVER_IMAGE}" alt="{attribute(info.full_title)}"/>',
        "</body>",
        "</html>",
    ]) + "\n"


def book_identifier(document: Document, options: ConvertOptions) -> str:
    """A urn:uuid derived from the content and the options: same input, same identifier."""
    key = document.to_json(indent=None) + repr((options.captions, options.title, options.issue,
                                                options.vertical, sorted(options.extra.items())))
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, key)}"


def build_epub(document: Document, options: ConvertOptions) -> bytes:
    """The EPUB file's bytes (fixed zip order and times: stable bytes), zipped once."""
    book, writer_options, info = epub_book(document, options)
    return reproducible_zip_of(book_entries(book, writer_options), info.zip_time, first=FIRST_ENTRIES,
                               stored=("mimetype",), edit=hide_landmarks)


def epub_book(document: Document, options: ConvertOptions) -> tuple[Any, dict[str, Any], BookInfo]:
    """The ebooklib book of the document, the options its writer takes, and the book's facts."""
    from ebooklib import epub  # only when an EPUB is written: keeps `magclean clean` fast

    document = xml_safe_document(document)
    info = book_info(document, options)
    book = epub.EpubBook()
    book.set_identifier(book_identifier(document, options))
    book.set_title(info.full_title)
    book.set_language(info.language)
    add_metadata(book, info)
    if options.vertical:
        book.set_direction("rtl")  # page-progression-direction on the spine

    style = epub.EpubItem(uid="style", file_name=CSS_PATH, media_type="text/css",
                          content=(CSS + (VERTICAL_CSS if options.vertical else "")).encode("utf-8"))
    book.add_item(style)
    items = []
    # A book with no article still needs one page for its contents (an empty nav is invalid).
    pages = chapters(document, options.captions) or [title_page(info)]
    for index, chapter in enumerate(pages, 1):
        item = epub.EpubItem(uid=f"article-{index:03d}", file_name=chapter.file_name,
                             media_type="application/xhtml+xml", content=chapter.xhtml.encode("utf-8"))
        book.add_item(item)
        items.append((item, chapter))

    cover_image = epub.EpubCover(uid="cover-image", file_name=COVER_IMAGE)
    cover_image.media_type = "image/svg+xml"
    cover_image.content = cover_svg(info).encode("utf-8")
    book.add_item(cover_image)
    book.add_metadata(None, "meta", "", {"name": "cover", "content": "cover-image"})  # for EPUB 2 readers
    cover = epub.EpubItem(uid="cover", file_name=COVER_PAGE, media_type="application/xhtml+xml",
                          content=cover_xhtml(info).encode("utf-8"))
    book.add_item(cover)

    book.toc = toc_entries(document, [(c.file_name, c.label) for _, c in items], epub) if document.articles \
        else [epub.Link(items[0][1].file_name, items[0][1].label, "toc-001")]
    nav = epub.EpubNav(title=info.contents_label)
    nav.add_link(href=CSS_PATH, rel="stylesheet", type="text/css")
    book.add_item(nav)
    book.add_item(epub.EpubNcx())
    book.spine = [cover, nav, *(item for item, _ in items)]
    book.guide = [{"href": COVER_PAGE, "title": "Cover" if info.english else "封面", "type": "cover"},
                  {"href": "nav.xhtml", "title": info.contents_label, "type": "toc"}]
    if items:
        book.guide.append({"href": items[0][1].file_name, "title": items[0][1].label, "type": "text"})

    return book, {"mtime": info.modified, "epub3_pages": False, "landmark_title": info.landmarks_label,
                  "compresslevel": 0}, info


class _CollectedEntries(dict):
    """A stand-in for the zip ebooklib's writer fills: each entry's bytes by name (a text entry
    in UTF-8, as ``zipfile`` writes it)."""

    def writestr(self, name: str, data: str | bytes, compress_type: int | None = None,
                 compresslevel: int | None = None) -> None:
        self[name] = data.encode("utf-8") if isinstance(data, str) else bytes(data)

    def close(self) -> None:
        """Nothing to close: the entries are zipped once, by ``reproducible_zip_of``."""


def book_entries(book: Any, writer_options: dict[str, Any]) -> dict[str, bytes]:
    """The EPUB's entries by name, as ebooklib's ``write_epub`` would zip them.

    ``write_epub`` zips every entry and the reproducible zip would only unzip it and deflate it
    again: this takes the steps of ebooklib's ``EpubWriter.write`` into a dict instead. Where an
    ebooklib release has other internals, its zip (at level 0) is written and read back
    (``written_entries``; ``tests/convert/test_epub.py`` checks both ways agree).
    """
    from ebooklib import epub

    steps = ("process", "_write_container", "_write_opf", "_write_items")
    if not all(hasattr(epub.EpubWriter, step) for step in steps):
        return written_entries(book, writer_options)
    writer = epub.EpubWriter("", book, writer_options)
    writer.process()
    entries = _CollectedEntries()
    writer.out = entries
    entries.writestr("mimetype", "application/epub+zip")
    writer._write_container()
    writer._write_opf()
    writer._write_items()
    return dict(entries)


def written_entries(book: Any, writer_options: dict[str, Any]) -> dict[str, bytes]:
    """The entries of the zip ebooklib's ``write_epub`` writes (its own way, read back)."""
    from ebooklib import epub

    raw = io.BytesIO()
    epub.write_epub(raw, book, writer_options)
    return zip_entries(raw.getvalue())


def add_metadata(book: object, info: BookInfo) -> None:
    """The magazine as a collection, issue, date and publisher when known (title, language and
    identifier are set already)."""
    if info.publisher:
        book.add_metadata("DC", "publisher", info.publisher)  # type: ignore[attr-defined]
    if info.date:
        book.add_metadata("DC", "date", info.date)  # type: ignore[attr-defined]
    book.add_metadata(None, "meta", info.title, {"property": "belongs-to-collection",  # type: ignore[attr-defined]
                                                 "id": "magazine"})
    book.add_metadata(None, "meta", "series", {"refines": "#magazine",  # type: ignore[attr-defined]
                                               "property": "collection-type"})
    if info.issue:
        book.add_metadata("DC", "description", info.issue)  # type: ignore[attr-defined]


def toc_entries(document: Document, files: list[tuple[str, str]], epub: object) -> list:
    """The two-level contents: a section's articles under it, articles without one at the top."""
    entries: list = []
    for section, members in section_groups(document.articles):
        links = [epub.Link(files[i][0], files[i][1], f"toc-{i + 1:03d}")  # type: ignore[attr-defined]
                 for i in members]
        if section is None:
            entries.extend(links)
        else:
            entries.append((epub.Section(section, files[members[0]][0]), links))  # type: ignore[attr-defined]
    return entries


# The order readers and EPUBCheck expect: mimetype first and stored, then the container.
FIRST_ENTRIES = ("mimetype", "META-INF/container.xml")


def hide_landmarks(name: str, content: bytes) -> bytes:
    """Mark the landmarks list of the nav document ``hidden`` (ebooklib cannot), so the contents
    page that opens the book lists the articles only."""
    if not name.endswith("nav.xhtml"):
        return content
    return content.replace(b'<nav epub:type="landmarks">', b'<nav epub:type="landmarks" hidden="hidden">')


class EpubConverter:
    """EPUB 3 with a two-level contents, CJK typography and optional vertical writing."""

    name = "epub"
    suffix = ".epub"
    description = "EPUB 3 e-book: a chapter per article, contents by section, CJK CSS (--vertical)"

    def write(self, document: Document, path: Path, options: ConvertOptions) -> None:
        Path(path).write_bytes(build_epub(document, options))

    def is_own_output(self, path: Path) -> bool:
        """True for an EPUB this converter wrote (it carries magclean's style sheet)."""
        import zipfile

        with zipfile.ZipFile(path) as book:
            return f"EPUB/{CSS_PATH}" in book.namelist()
