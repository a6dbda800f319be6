"""DOCX for word processors: named styles, a real East Asian font, a contents field.

Article titles are Heading 1 and in-article headings Heading 2; section labels, decks, bylines
and end notes have their own named styles, so an editor restyles a whole issue in one place.
Body paragraphs use "Body Text" with a first-line indent of two characters. Fonts and language
are set through ``w:rFonts``/``w:eastAsia`` and ``w:lang`` on the styles (python-docx's
``font.name`` sets the Latin font only). The module is named ``docx_form`` so that it can never
shadow the ``docx`` package it uses.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from cleaner.document import Article, Document
from converters import ConvertOptions
from converters.meta import BookInfo, book_info, reproducible_zip, section_groups, xml_safe_document
from converters.text import CAPTION_KINDS

SERIF = {"zh-Hans": "Noto Serif CJK SC", "zh-Hant": "Noto Serif CJK TC"}
SANS = {"zh-Hans": "Noto Sans CJK SC", "zh-Hant": "Noto Sans CJK TC"}
KAI = {"zh-Hans": "KaiTi", "zh-Hant": "DFKai-SB"}
WORD_LANGUAGE = {"zh-Hans": "zh-CN", "zh-Hant": "zh-TW"}  # Word wants a region

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
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    script = script_of(language)
    serif, sans, kai = SERIF[script], SANS[script], KAI[script]
    styles = doc.styles
    by_name = {s.name: s for s in styles}
    set_fonts(styles.element.find(".//{*}rPrDefault"), serif, serif, language)

    def style(name: str, base: str = "Normal", font: str | None = None, size: float | None = None,
              color: str | None = None, bold: bool | None = None) -> Any:
        found = by_name.get(name)
        if found is None:
            found = by_name[name] = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
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
    style("Title", font=sans, size=26, color="202020", bold=True)
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


class Body:
    """Appends paragraphs to the document body as plain XML.

    python-docx looks a style up by scanning every style for each paragraph (seconds for one
    issue); this resolves each style name once.
    """

    def __init__(self, doc: Any) -> None:
        from docx.oxml.ns import qn

        self._qn = qn
        self._body = doc.element.body
        self._end = self._body.find(qn("w:sectPr"))
        self._ids = {style.name: style.style_id for style in doc.styles}

    def paragraph(self, style: str, text: str | None = None, page_break: bool = False,
                  space_after_pt: int = 0) -> Any:
        """Append a paragraph in ``style`` (with ``text`` if given), optionally on a new page or
        with space after; returns the ``w:p`` element."""
        qn = self._qn
        p = self._body.makeelement(qn("w:p"), {})
        ppr = p.makeelement(qn("w:pPr"), {})
        ppr.append(ppr.makeelement(qn("w:pStyle"), {qn("w:val"): self._ids[style]}))
        if page_break:
            ppr.append(ppr.makeelement(qn("w:pageBreakBefore"), {}))
        if space_after_pt:
            ppr.append(ppr.makeelement(qn("w:spacing"), {qn("w:after"): str(space_after_pt * 20)}))
        p.append(ppr)
        if text is not None:
            self.run(p, "w:t", text)
        self._end.addprevious(p)
        return p

    def run(self, p: Any, kind: str, text: str | None = None, **attributes: str) -> None:
        """Append a run holding one ``kind`` element (w:t, w:instrText, w:fldChar) to ``p``."""
        qn = self._qn
        run = p.makeelement(qn("w:r"), {})
        attrs = {qn(f"w:{k}"): v for k, v in attributes.items()}
        if text is not None:
            attrs[qn("xml:space")] = "preserve"
        child = run.makeelement(qn(kind), attrs)
        child.text = text
        run.append(child)
        p.append(run)


def add_toc_field(doc: Any, body: Body, document: Document, label: str) -> None:
    """A TOC field that Word updates on open, its result filled in so any reader sees the list.

    With sections, the Section Label style is level 1 and Heading 1 (the titles) level 2.
    """
    from docx.oxml.ns import qn

    body.paragraph("TOC Heading", label)
    has_sections = any(a.section for a in document.articles)
    instruction = (' TOC \\h \\z \\t "Section Label,1,Heading 1,2" ' if has_sections
                   else ' TOC \\o "1-1" \\h \\z \\u ')
    entries = []
    for section, members in section_groups(document.articles):
        if section is not None:
            entries.append(("toc 1", section))
        for index in members:
            title = document.articles[index].title
            if title:
                entries.append(("toc 2" if has_sections else "toc 1", title))
    entries = entries or [("toc 1", "")]
    paragraph = body.paragraph(entries[0][0])
    body.run(paragraph, "w:fldChar", fldCharType="begin")
    body.run(paragraph, "w:instrText", instruction)
    body.run(paragraph, "w:fldChar", fldCharType="separate")
    for number, (style, entry) in enumerate(entries):
        if number:
            paragraph = body.paragraph(style)
        body.run(paragraph, "w:t", entry)
    body.run(paragraph, "w:fldChar", fldCharType="end")
    settings = doc.settings.element
    settings.append(settings.makeelement(qn("w:updateFields"), {qn("w:val"): "true"}))


def add_article(body: Body, article: Article, captions: str) -> None:
    """One article on a new page: its head in named styles, then its blocks."""
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
    for number, (style, text) in enumerate(head + blocks):
        after_head = 12 if number + 1 == len(head) else 0  # air between the head and the body
        body.paragraph(style, text, page_break=number == 0, space_after_pt=after_head)


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
    """Title, language and fixed dates: no clock time ends up in the file."""
    props = doc.core_properties
    props.title = core_property(info.full_title)
    props.language = info.language
    props.author = core_property(info.publisher or "")
    props.last_modified_by = "magclean"
    props.created = props.modified = info.modified.replace(tzinfo=None)
    props.revision = 1
    props.subject = core_property(info.issue or "")


def build_docx(document: Document, options: ConvertOptions) -> bytes:
    """The DOCX file's bytes, identical for the same Document and options."""
    import docx  # only when a DOCX is written: keeps `magclean clean` fast

    document = xml_safe_document(document)  # lxml refuses what XML 1.0 cannot hold
    info = book_info(document, options)
    doc = docx.Document()
    set_page(doc)
    add_styles(doc, info.language)
    set_core_properties(doc, info)
    body = Body(doc)
    body.paragraph("Title", info.title)
    if info.issue:
        body.paragraph("Subtitle", info.issue)
    add_toc_field(doc, body, document, info.contents_label)
    for article in document.articles:
        add_article(body, article, options.captions)
    raw = io.BytesIO()
    doc.save(raw)
    return reproducible_zip(raw.getvalue(), info.zip_time, first=("[Content_Types].xml",))


class DocxConverter:
    """DOCX with named styles, an East Asian font and a contents field."""

    name = "docx"
    suffix = ".docx"
    description = "Word document: Heading 1 titles, named deck/byline styles, CJK fonts, contents field"

    def write(self, document: Document, path: Path, options: ConvertOptions) -> None:
        Path(path).write_bytes(build_docx(document, options))
