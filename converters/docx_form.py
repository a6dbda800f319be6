"""DOCX for word processors: named styles, a real East Asian font, a contents field.

Article titles are Heading 1 and in-article headings Heading 2; section labels, decks, bylines
and end notes have their own named styles, so an editor restyles a whole issue in one place.
Body paragraphs use "Body Text" with a first-line indent of two characters. Fonts and language
are set through ``w:rFonts``/``w:eastAsia`` and ``w:lang`` on the styles (python-docx's
``font.name`` sets the Latin font only). The module is named ``docx_form`` so that it can never
shadow the ``docx`` package it uses.
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from cleaner.document import Article, Document
from converters import ConvertOptions
from converters.meta import (
    BookInfo,
    book_info,
    chapter_label,
    passage_language,
    reproducible_zip_of,
    section_groups,
    xml_safe_document,
)
from converters.text import CAPTION_KINDS

SERIF = {"zh-Hans": "Noto Serif CJK SC", "zh-Hant": "Noto Serif CJK TC"}
SANS = {"zh-Hans": "Noto Sans CJK SC", "zh-Hant": "Noto Sans CJK TC"}
KAI = {"zh-Hans": "KaiTi", "zh-Hant": "DFKai-SB"}
WORD_LANGUAGE = {"zh-Hans": "zh-CN", "zh-Hant": "zh-TW"}  # Word wants a region
WORD_PASSAGE_LANGUAGE = {"en": "en-US"}

TEXT_WIDTH_CM = 16.0  # A4 less two 2.5 cm margins (set_page)
BODY_SIZE_PT = 10.5  # 五号, the body size of Chinese print
STYLE_FOR_BLOCK = {"paragraph": "Body Text", "heading": "Heading 2", "quote": "Quote",
                   "endnote": "End Note", "info": "Info", "caption": "Caption", "table": "Caption"}


def script_of(language: str) -> str:
    """``zh-Hans`` or ``zh-Hant`` for a BCP 47 tag (Simplified unless it says Hant)."""
    return "zh-Hant" if language.startswith("zh-Hant") else "zh-Hans"


def set_fonts(element: Any, latin: str, east_asia: str, language: str) -> None:
    """Set the fonts and languages in the run properties of a style or of ``w:rPrDefault``.

    Theme attributes are removed: Word lets ``w:eastAsiaTheme`` win over ``w:eastAsia``.
    """
    from docx.oxml.ns import qn

    rpr = element.find(qn("w:rPr"))
    if rpr is None:
        rpr = element.makeelement(qn("w:rPr"), {})
        element.append(rpr)  # a style's rPr comes last of what python-docx has made so far
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)  # the schema wants rFonts first
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for attribute, font in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east_asia),
                            ("w:cs", latin)):
        fonts.set(qn(attribute), font)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = rpr.makeelement(qn("w:lang"), {})
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), WORD_LANGUAGE[script_of(language)])


def set_first_line_chars(paragraph_format: Any, chars: int) -> None:
    """Indent the first line by ``chars`` characters (``w:firstLineChars``), with a twips fallback."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    paragraph_format.first_line_indent = Pt(BODY_SIZE_PT * chars)
    ind = paragraph_format._element.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), str(chars * 100))


def add_styles(doc: Any, language: str) -> None:
    """Define or adjust every style the converter uses."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.shared import Cm, Pt, RGBColor
    from docx.styles import BabelFish
    from docx.styles.style import StyleFactory

    script = script_of(language)
    serif, sans, kai = SERIF[script], SANS[script], KAI[script]
    styles = doc.styles
    by_name = {s.name: s for s in styles}
    set_fonts(styles.element.find(".//{*}rPrDefault"), serif, serif, language)

    def style(name: str, base: str = "Normal", font: str | None = None, size: float | None = None,
              color: str | None = None, bold: bool | None = None) -> Any:
        found = by_name.get(name)
        if found is None:
            # What styles.add_style does, less its check that the name is new (known from
            # by_name): that check scans the template's ~160 styles for each added one (10 ms).
            element = styles.element.add_style_of_type(BabelFish.ui2internal(name), WD_STYLE_TYPE.PARAGRAPH,
                                                       False)
            found = by_name[name] = StyleFactory(element)
            found.base_style = by_name[base]
            found.quick_style = True
        if font:
            set_fonts(found.element, font, font, language)
        if size:
            found.font.size = Pt(size)
        if color:
            found.font.color.rgb = RGBColor.from_string(color)
        if bold is not None:
            found.font.bold = bold
        return found

    normal = style("Normal", font=serif, size=BODY_SIZE_PT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.5
    body = style("Body Text")
    body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    body.paragraph_format.space_after = Pt(0)
    set_first_line_chars(body.paragraph_format, 2)
    title = style("Title", font=sans, size=26, color="202020", bold=True)
    border = title.element.find(".//{*}pBdr")
    if border is not None:  # the template underlines its Title in blue
        border.getparent().remove(border)
    style("Heading 1", font=sans, size=18, color="202020", bold=True).paragraph_format.space_after = Pt(6)
    style("Heading 2", font=sans, size=12, color="202020", bold=True).paragraph_format.space_before = Pt(12)
    label = style("Section Label", font=sans, size=9, color="8A1C1C", bold=True)
    label.paragraph_format.space_before = Pt(24)
    subtitle = style("Subtitle", font=sans, size=12, color="404040")
    subtitle.font.italic = False  # no slanted CJK: Chinese type has no italics
    subtitle.paragraph_format.space_after = Pt(6)
    deck = style("Deck", font=kai, size=11, color="404040")
    deck.paragraph_format.space_after = Pt(6)
    deck.paragraph_format.left_indent = Pt(12)
    style("Byline", font=sans, size=9, color="595959")
    style("Quote", font=kai).paragraph_format.left_indent = Pt(24)
    endnote = style("End Note", size=9, color="595959")
    endnote.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    endnote.paragraph_format.space_before = Pt(6)
    style("Info", size=9.5)
    style("Caption", font=sans, size=9, color="595959", bold=False)
    style("TOC Heading", font=sans, size=16, color="202020", bold=True)
    style("toc 1", font=sans, size=BODY_SIZE_PT, bold=True).element.set(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}styleId", "TOC1")
    toc2 = style("toc 2")
    toc2.element.set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}styleId", "TOC2")
    toc2.paragraph_format.left_indent = Pt(BODY_SIZE_PT * 2)
    for name in ("toc 1", "toc 2"):  # the page number at the right margin, after a dot leader
        by_name[name].paragraph_format.tab_stops.add_tab_stop(Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT,
                                                              WD_TAB_LEADER.DOTS)
    style("Footer", size=9, color="595959")


class Body:
    """Appends paragraphs to the document body as plain XML.

    python-docx looks a style up by scanning every style for each paragraph (seconds for one
    issue); this resolves each style name once.
    """

    def __init__(self, doc: Any) -> None:
        from docx.oxml.ns import qn

        # Memoized: the same dozen tag names are spelled out ~18k times an issue, and python-docx
        # splits the prefix and formats the Clark name each time (15 ms of a seed's DOCX).
        self._qn = functools.cache(qn)
        self._body = doc.element.body
        self._end = self._body.find(qn("w:sectPr"))
        self._ids = {style.name: style.style_id for style in doc.styles}
        self._bookmarks = 0

    def paragraph(self, style: str, text: str | None = None, page_break: bool = False,
                  space_after_pt: int = 0, bookmark: str | None = None, language: str | None = None) -> Any:
        """Append a paragraph in ``style`` (with ``text`` if given), optionally on a new page, with
        space after, a bookmark around its text, or an English language tag; returns the ``w:p``."""
        qn = self._qn
        p = self._body.makeelement(qn("w:p"), {})
        ppr = p.makeelement(qn("w:pPr"), {})
        ppr.append(ppr.makeelement(qn("w:pStyle"), {qn("w:val"): self._ids[style]}))
        if page_break:
            ppr.append(ppr.makeelement(qn("w:pageBreakBefore"), {}))
        if space_after_pt:
            ppr.append(ppr.makeelement(qn("w:spacing"), {qn("w:after"): str(space_after_pt * 20)}))
        p.append(ppr)
        if bookmark is not None:
            self._bookmarks += 1
            mark = {qn("w:id"): str(self._bookmarks)}
            p.append(p.makeelement(qn("w:bookmarkStart"), {**mark, qn("w:name"): bookmark}))
        if text is not None:
            self.run(p, "w:t", text, language=WORD_PASSAGE_LANGUAGE.get(language or ""))
        if bookmark is not None:
            p.append(p.makeelement(qn("w:bookmarkEnd"), mark))
        self._end.addprevious(p)
        return p

    def run(self, p: Any, kind: str, text: str | None = None, language: str | None = None,
            **attributes: str) -> None:
        """Append a run holding one ``kind`` element (w:t, w:tab, w:instrText, w:fldChar) to ``p``;
        ``language`` (``en-US``) tags it for spelling and hyphenation."""
        qn = self._qn
        run = p.makeelement(qn("w:r"), {})
        if language:
            rpr = run.makeelement(qn("w:rPr"), {})
            rpr.append(rpr.makeelement(qn("w:lang"), {qn("w:val"): language, qn("w:eastAsia"): language}))
            run.append(rpr)
        attrs = {qn(f"w:{k}"): v for k, v in attributes.items()}
        if text is not None:
            attrs[qn("xml:space")] = "preserve"
        child = run.makeelement(qn(kind), attrs)
        child.text = text
        run.append(child)
        p.append(run)

    def hyperlink(self, p: Any, anchor: str) -> Any:
        """Append an internal link to bookmark ``anchor``; runs go inside the returned element."""
        qn = self._qn
        link = p.makeelement(qn("w:hyperlink"), {qn("w:anchor"): anchor, qn("w:history"): "1"})
        p.append(link)
        return link

    def field(self, parent: Any, instruction: str, result: str) -> None:
        """Append a complex field (begin, instruction, separate, stored result, end)."""
        self.run(parent, "w:fldChar", fldCharType="begin")
        self.run(parent, "w:instrText", instruction)
        self.run(parent, "w:fldChar", fldCharType="separate")
        self.run(parent, "w:t", result)
        self.run(parent, "w:fldChar", fldCharType="end")


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of the contents: its style, its text and the bookmark of the paragraph it names."""

    style: str
    text: str
    bookmark: str


def contents_entries(document: Document) -> list[Entry]:
    """Sections (level 1) and every article (level 2 under a section), untitled ones by their
    first heading or first words; each points at the bookmark on the article's first paragraph."""
    entries = []
    has_sections = any(a.section for a in document.articles)
    for section, members in section_groups(document.articles):
        if section is not None:
            entries.append(Entry("toc 1", section, bookmark_name(members[0])))
        for index in members:
            article = document.articles[index]
            if section is not None and not (article.title or article.subtitle or article.deck
                                            or article.blocks):
                continue  # a bare section label: its section entry names it already
            label = chapter_label(article, index + 1, document.meta.language)
            if section is not None and label == section:
                continue
            entries.append(Entry("toc 2" if has_sections and section is not None else "toc 1", label,
                                 bookmark_name(index)))
    return entries


def bookmark_name(index: int) -> str:
    """The bookmark on article ``index``'s first paragraph (Word's own prefix for contents targets).

    >>> bookmark_name(0)
    '_Toc0001'
    """
    return f"_Toc{index + 1:04d}"


def add_contents(body: Body, entries: list[Entry], pages: dict[str, int], label: str) -> None:
    """The contents: each entry a link to its article, a dot leader and a PAGEREF page number.

    No TOC field: Word would ask to update it on every open (``updateFields``) or show it without
    page numbers. LibreOffice computes each PAGEREF as it lays the document out; Word shows the
    stored number, the estimate of :mod:`converters.docx_pages`, until fields are updated.
    """
    body.paragraph("TOC Heading", label)
    for entry in entries:
        paragraph = body.paragraph(entry.style)
        link = body.hyperlink(paragraph, entry.bookmark)
        body.run(link, "w:t", entry.text)
        body.run(link, "w:tab")
        body.field(link, f" PAGEREF {entry.bookmark} \\h ", str(pages.get(entry.bookmark, "")))


def article_paragraphs(article: Article, captions: str, language: str) -> list[tuple[str, str, int]]:
    """One article's paragraphs: (style, text, space after in points), head first."""
    head = []
    if article.section:
        head.append(("Section Label", article.section))
    if article.title:
        head.append(("Heading 1", article.title))
    if article.subtitle:
        head.append(("Subtitle", article.subtitle))
    if article.deck:
        head.append(("Deck", article.deck))
    head.extend(("Byline", line) for line in article.bylines)
    blocks = [(STYLE_FOR_BLOCK.get(b.kind, "Body Text"), b.text) for b in article.blocks
              if b.kind not in CAPTION_KINDS or captions == "keep"]
    return [(style, text, 12 if number + 1 == len(head) else 0)  # air between the head and the body
            for number, (style, text) in enumerate(head + blocks)]


def add_article(body: Body, paragraphs: list[tuple[str, str, int]], bookmark: str, language: str) -> None:
    """One article on a new page, its first paragraph bookmarked for the contents."""
    for number, (style, text, after) in enumerate(paragraphs):
        body.paragraph(style, text, page_break=number == 0, space_after_pt=after,
                       bookmark=bookmark if number == 0 else None,
                       language=passage_language(text, language))


def estimate_pages(info: BookInfo, entries: list[Entry],
                   articles: list[tuple[str, list[tuple[str, str, int]]]]) -> dict[str, int]:
    """The page each bookmarked article starts on, by :class:`converters.docx_pages.PageLayout`."""
    from converters.docx_pages import PageLayout, Para

    layout = PageLayout()
    layout.add(Para("Title", info.title))
    if info.issue:
        layout.add(Para("Subtitle", info.issue))
    layout.add(Para("TOC Heading", info.contents_label))
    for entry in entries:
        layout.add(Para(entry.style, entry.text + " 000"))
    pages = {}
    for bookmark, paragraphs in articles:
        for number, (style, text, after) in enumerate(paragraphs):
            page = layout.add(Para(style, text, after), page_break=number == 0)
            if number == 0:
                pages[bookmark] = page
    return pages


def add_page_numbers(doc: Any) -> None:
    """A centred PAGE field in the footer of every page (Word and LibreOffice compute it)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml

    for section in doc.sections:
        paragraph = section.footer.paragraphs[0]
        paragraph.style = doc.styles["Footer"]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph._p.append(parse_xml(
            '<w:fldSimple xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))


def set_settings(doc: Any) -> None:
    """Hyphenate Latin text (the English passages); no ``updateFields`` (Word would ask on every open)."""
    from docx.oxml.ns import qn

    settings = doc.settings.element
    for stale in settings.findall(qn("w:updateFields")):
        settings.remove(stale)
    hyphenation = settings.makeelement(qn("w:autoHyphenation"), {qn("w:val"): "true"})
    tab_stop = settings.find(qn("w:defaultTabStop"))
    if tab_stop is not None:
        tab_stop.addnext(hyphenation)  # the schema's order: right after the default tab stop
    else:
        settings.append(hyphenation)


def set_page(doc: Any) -> None:
    """A4 with comfortable margins (the template is US Letter)."""
    from docx.shared import Cm

    for section in doc.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin = section.bottom_margin = Cm(2.5)


# python-docx (and the OPC core properties Word reads) hold at most 255 characters a field.
CORE_PROPERTY_CHARS = 255


def core_property(text: str) -> str:
    """``text`` cut to what a core property holds (a very long title stays whole on the title page)."""
    return text if len(text) <= CORE_PROPERTY_CHARS else text[:CORE_PROPERTY_CHARS - 1] + "…"


def set_core_properties(doc: Any, info: BookInfo) -> None:
    """Title, creator, language and the issue's dates; nothing from the template or the clock."""
    props = doc.core_properties
    props.title = core_property(info.full_title)
    props.language = info.language
    props.author = core_property(info.publisher or info.title)
    props.last_modified_by = "magclean"
    props.comments = ""  # the template says "generated by python-docx"
    props.created = props.modified = info.modified.replace(tzinfo=None)
    props.revision = 1
    props.subject = core_property(info.issue or "")


def own_application(name: str, content: bytes) -> bytes:
    """docProps/app.xml names magclean, not the Word that made python-docx's template."""
    if name != "docProps/app.xml":
        return content
    return regex.sub(rb"<Application>[^<]*</Application>", b"<Application>magclean</Application>", content)


def build_docx(document: Document, options: ConvertOptions) -> bytes:
    """The DOCX file's bytes, identical for the same Document and options."""
    import docx  # only when a DOCX is written: keeps `magclean clean` fast

    document = xml_safe_document(document)  # lxml refuses what XML 1.0 cannot hold
    info = book_info(document, options)
    doc = docx.Document()
    set_page(doc)
    add_styles(doc, info.language)
    set_core_properties(doc, info)
    set_settings(doc)
    add_page_numbers(doc)
    body = Body(doc)
    body.paragraph("Title", info.title)
    if info.issue:
        body.paragraph("Subtitle", info.issue)
    entries = contents_entries(document)
    articles = [(bookmark_name(index), article_paragraphs(article, options.captions, info.language))
                for index, article in enumerate(document.articles)]
    add_contents(body, entries, estimate_pages(info, entries, articles), info.contents_label)
    for bookmark, paragraphs in articles:
        add_article(body, paragraphs, bookmark, info.language)
    return reproducible_zip_of(package_entries(doc), info.zip_time, first=("[Content_Types].xml",),
                               edit=own_application)


class _CollectedEntries(dict):
    """A stand-in for python-docx's zip writer that keeps each part's bytes by entry name."""

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self[pack_uri.membername] = blob

    def close(self) -> None:
        """Nothing to close: the entries are zipped once, by ``reproducible_zip_of``."""


def package_entries(doc: Any) -> dict[str, bytes]:
    """The DOCX package's entries by name, as ``doc.save`` would zip them.

    ``doc.save`` deflates every part (level 6) and the reproducible zip would only unzip and
    deflate them again at level 9 (28 ms of a seed's DOCX): this hands the parts over unzipped.
    It takes the steps of python-docx's ``OpcPackage.save`` and ``PackageWriter.write``; where a
    python-docx release has other internals, ``doc.save`` and reading its zip back give the same
    entries (``tests/convert/test_docx.py`` checks both ways agree).
    """
    from docx.opc.pkgwriter import PackageWriter

    package = doc.part.package
    steps = ("_write_content_types_stream", "_write_pkg_rels", "_write_parts")
    if not all(hasattr(PackageWriter, step) for step in steps):
        return saved_entries(doc)
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    entries = _CollectedEntries()
    PackageWriter._write_content_types_stream(entries, parts)
    PackageWriter._write_pkg_rels(entries, package.rels)
    PackageWriter._write_parts(entries, parts)
    return dict(entries)


def saved_entries(doc: Any) -> dict[str, bytes]:
    """The entries of the zip ``doc.save`` writes (python-docx's own way, deflated and read back)."""
    import zipfile

    raw = io.BytesIO()
    doc.save(raw)
    with zipfile.ZipFile(raw) as package:
        return {name: package.read(name) for name in package.namelist()}


class DocxConverter:
    """DOCX with named styles, an East Asian font and a contents field."""

    name = "docx"
    suffix = ".docx"
    description = "Word document: Heading 1 titles, named deck/byline styles, CJK fonts, contents field"

    def write(self, document: Document, path: Path, options: ConvertOptions) -> None:
        Path(path).write_bytes(build_docx(document, options))

    def is_own_output(self, path: Path) -> bool:
        """True for a DOCX this converter wrote (last modified by magclean, in its core properties)."""
        import zipfile

        with zipfile.ZipFile(path) as package:
            core = package.read("docProps/core.xml")
        return b"<cp:lastModifiedBy>magclean</cp:lastModifiedBy>" in core
