"""The WeasyPrint engine of the round-trip corpus: a document as HTML + CSS, typeset to PDF.

The engine interface is ``benchmarks/roundtrip/INTERFACE.md``. Running heads and folios are
``@page`` margin boxes (an article's opening page may go without heads: one page group per
article), columns are ``column-count``, a ``wrap`` figure is a CSS float the lines beside it
flow around, an ``inside`` caption splits its paragraph into two boxes (the first with
``text-align-last: justify``, the second unindented) after the printed line that holds
offset ``cut``, found on a first rendering with the paragraph whole. WeasyPrint has no top/bottom
page floats, so a ``float`` figure is moved three paragraphs on (never past the article's end
note) and, for ``float_where: top``, starts a new column (a new page in one column): it lands
at the top of the next column, away from where it stood.

>>> css_string('他说"好"')
'"他说\\\\22 好\\\\22 "'
"""

from __future__ import annotations

import html
import os
import pathlib

ENGINE = "weasyprint"
BODY_FONT = '"Noto Serif CJK SC", "AR PL SungtiL GB", serif'
HEAD_FONT = '"Noto Sans CJK SC", sans-serif'
FLOAT_PASSES = 3  # a float figure is set this many paragraphs after where it stands


def css_string(text: str) -> str:
    """A CSS string literal for ``content:``."""
    return '"' + text.replace("\\", "\\\\").replace('"', "\\22 ") + '"'


def folio_content(form: str, magazine: str) -> str:
    """The ``content`` value of a page number in ``form`` (``{n}`` the page counter).

    >>> folio_content("— {n} —", "城市周刊")
    '"— " counter(page) " —"'
    """
    before, _, after = form.partition("{n}")
    parts = []
    if before:
        parts.append(css_string(before.replace("{magazine}", magazine)))
    parts.append("counter(page)")
    if after:
        parts.append(css_string(after.replace("{magazine}", magazine)))
    return " ".join(parts)


def page_css(doc: dict, layout: dict) -> str:
    """The ``@page`` rules: size, margins, running heads and page numbers."""
    font = layout["font_pt"]
    columns = layout["columns"]
    width = columns * layout["chars_per_line"] * font + (columns - 1) * layout["gutter_chars"] * font
    margin_pt = layout["margin_mm"] * 72 / 25.4
    page_w = width + 2 * margin_pt
    page_h = max(1.4 * page_w, 120 * 72 / 25.4)
    head, folio = layout["head"], layout["folio"]
    folio_box = folio_content(folio["form"], doc["magazine"])
    where_head, where_folio = head["where"], folio["where"]
    boxes = {"left": {}, "right": {}}  # page side -> margin box -> content
    for side in ("left", "right"):
        if head["left"] and (not head.get("alternate") or side == "left"):
            boxes[side][f"{where_head}-left"] = css_string(head["left"])
        if head["right"] and (not head.get("alternate") or side == "right"):
            boxes[side][f"{where_head}-right"] = css_string(head["right"])
        spot = "center" if folio["align"] == "center" else side
        boxes[side][f"{where_folio}-{spot}"] = folio_box
    rules = [f"@page {{ size: {page_w:.2f}pt {page_h:.2f}pt; margin: {margin_pt:.2f}pt; }}",
             f"@page :first {{ counter-reset: page {doc['first_page']}; }}"]
    for side, spots in boxes.items():
        inner = " ".join(
            f"@{spot} {{ content: {content}; font: {layout['caption_pt']}pt {HEAD_FONT}; "
            f"white-space: nowrap; vertical-align: {'bottom' if spot.startswith('top') else 'top'}; }}"
            for spot, content in spots.items())
        rules.append(f"@page :{side} {{ {inner} }}")
    if layout.get("head_on_first") is False:
        # an article's opening page prints its folio only
        keep = {f"{where_folio}-{s}": folio_box for s in ("center", "left", "right")
                if (folio["align"] == "center") == (s == "center")}
        blank = " ".join(f"@{where_head}-{s} {{ content: none; }}" for s in ("left", "right")
                         if f"{where_head}-{s}" not in keep)
        # one page name per article: its first page is the first of its page group
        rules += [f"@page :nth(1 of article{n}) {{ {blank} }}" for n in range(len(doc["articles"]))]
    return "\n".join(rules)


def body_css(layout: dict) -> str:
    """Type, columns, headings, figures and captions."""
    font, lead = layout["font_pt"], layout["leading"]
    line_pt = font * lead
    gap = layout["gutter_chars"] * font
    return f"""
html {{ font-family: {BODY_FONT}; font-size: {font}pt; line-height: {lead};
       font-variant-ligatures: none; font-kerning: none; hyphens: manual; }}
body {{ margin: 0; }}
article {{ break-before: page; }}
article:first-child {{ break-before: auto; }}
.columns {{ column-count: {layout['columns']}; column-gap: {gap:.2f}pt; column-fill: balance; }}
p {{ margin: 0; text-indent: {layout['indent_em']}em; text-align: justify; orphans: 1; widows: 1; }}
p.cut-first {{ text-align-last: justify; }}
p.cut-rest {{ text-indent: 0; }}
.section {{ font: bold {font + 1}pt/{1.3} {HEAD_FONT}; margin-bottom: 0.3em; }}
.section .en {{ font-weight: normal; font-size: {font - 1}pt; letter-spacing: 0.05em; }}
.section .en.under {{ display: block; }}
h1 {{ font: bold {layout['title_pt']}pt/1.25 {HEAD_FONT}; margin: 0 0 0.3em 0; }}
.subtitle {{ font: {font + 2}pt/1.4 {HEAD_FONT}; margin-bottom: 0.4em; }}
.deck {{ font: {font + 0.5}pt/1.5 {HEAD_FONT}; color: #444; margin: 0.3em 0 0.6em 0;
        padding-left: 0.8em; border-left: 2pt solid #999; }}
.byline {{ font: {font - 0.5}pt/1.4 {HEAD_FONT}; }}
.head {{ margin-bottom: {line_pt:.2f}pt; }}
h2 {{ font: bold {layout['heading_pt']}pt/1.4 {HEAD_FONT}; margin: {line_pt / 2:.2f}pt 0;
     break-after: avoid; }}
figure {{ margin: {line_pt / 2:.2f}pt 0; break-inside: avoid; }}
figure .box {{ height: {layout['figure_lines'] * line_pt:.2f}pt; background: #d8d8d8; }}
figcaption {{ font: {layout['caption_pt']}pt/1.35 {HEAD_FONT}; color: #333; margin-top: 0.3em;
             text-align: justify; }}
figcaption .credit.own-line {{ display: block; text-align: right; }}
figure.float-top {{ break-before: {"column" if layout["columns"] > 1 else "page"}; margin-top: 0; }}
figure.wrap {{ width: {layout['wrap_chars']}em; margin: 0.2em 0; }}
figure.wrap.left {{ float: left; margin-right: 0.8em; }}
figure.wrap.right {{ float: right; margin-left: 0.8em; }}
p.endnote {{ text-indent: 0; text-align: right; margin-top: 0.3em; }}
p.marker {{ text-indent: 0; text-align: left; margin-top: 0.3em; }}
"""


def figure_html(block: dict, layout: dict, number: int) -> str:
    """A grey figure box with its caption; the credit after a space or on its own line."""
    text = html.escape(block["text"])
    credit = block.get("credit")
    if credit:
        own_line = layout.get("credit_own_line", False)
        css = "credit own-line" if own_line else "credit"
        sep = "" if own_line else " "
        text += f'{sep}<span class="{css}">{html.escape(credit)}</span>'
    classes = ""
    if block.get("placement") == "wrap":
        side = "left" if number % 2 == 0 else "right"
        classes = f' class="wrap {side}"'
    elif block.get("placement") == "float" and layout.get("float_where") == "top":
        classes = ' class="float-top"'
    return f'<figure{classes}><div class="box"></div><figcaption>{text}</figcaption></figure>'


def head_html(article: dict, layout: dict) -> str:
    """Section label (with its English label), title, subtitle, deck and bylines."""
    parts = []
    if article.get("section") or article.get("section_en"):
        label = html.escape(article.get("section") or "")
        if article.get("section_en"):
            under = "under" if layout.get("section_en_under", True) else ""
            sep = "" if under else " "
            label += f'{sep}<span class="en {under}">{html.escape(article["section_en"])}</span>'
        parts.append(f'<div class="section">{label}</div>')
    parts.append(f"<h1>{html.escape(article['title'])}</h1>")
    if article.get("subtitle"):
        parts.append(f'<div class="subtitle">{html.escape(article["subtitle"])}</div>')
    if article.get("deck"):
        parts.append(f'<div class="deck">{html.escape(article["deck"])}</div>')
    parts.extend(f'<div class="byline">{html.escape(b)}</div>' for b in article.get("bylines", []))
    return '<div class="head">' + "".join(parts) + "</div>"


def blocks_html(blocks: list[dict], layout: dict, article: int = 0,
                line_ends: dict[str, int] | None = None) -> str:
    """The body blocks in the order given; an ``inside`` caption splits the paragraph before it
    after the printed line holding offset ``cut`` (``line_ends``, measured by ``render``); with
    ``line_ends`` None, such a paragraph is set whole with an id, to be measured."""
    out: list[str] = []
    figures = 0
    floating: list[tuple[int, str]] = []  # (paragraphs still to pass, figure)
    for index, block in enumerate(blocks):
        kind = block["kind"]
        if kind in ("endnote", "marker"):
            out.extend(figure for _, figure in floating)  # a float never passes the article's end
            floating = []
        if kind == "paragraph":
            out.append(f"<p>{html.escape(block['text'])}</p>")
            still = [(n - 1, f) for n, f in floating]
            out.extend(f for n, f in still if n <= 0)
            floating = [(n, f) for n, f in still if n > 0]
        elif kind == "heading":
            out.append(f"<h2>{html.escape(block['text'])}</h2>")
        elif kind == "endnote":
            out.append(f'<p class="endnote">{html.escape(block["text"])}</p>')
        elif kind == "marker":
            out.append(f'<p class="marker">{html.escape(block["text"])}</p>')
        elif kind == "caption":
            key = f"cut-{article}-{index}"
            figure = figure_html(block, layout, figures)
            figures += 1
            if block.get("placement") == "float":
                floating.append((FLOAT_PASSES, figure))
            elif block.get("placement") == "inside" and out and out[-1].startswith("<p>"):
                whole = html.unescape(out.pop()[3:-4])
                if line_ends is None:
                    out.append(f'<p id="{key}">{html.escape(whole)}</p>')
                    out.append(figure)
                    continue
                cut = line_ends.get(key, block["cut"])
                out.append(f'<p class="cut-first">{html.escape(whole[:cut])}</p>')
                out.append(figure)
                if whole[cut:].strip():
                    out.append(f'<p class="cut-rest">{html.escape(whole[cut:])}</p>')
            else:
                out.append(figure)
        else:
            raise RuntimeError(f"weasyprint: unknown block kind {kind!r}")
    out.extend(figure for _, figure in floating)
    return "".join(out)


def document_html(doc: dict, layout: dict, line_ends: dict[str, int] | None = None) -> str:
    """The whole document as one HTML page."""
    articles = "".join(
        f'<article style="page: article{n}">{head_html(a, layout)}'
        f'<div class="columns">{blocks_html(a["blocks"], layout, n, line_ends)}</div></article>'
        for n, a in enumerate(doc["articles"]))
    title = html.escape(doc["magazine"])
    style = page_css(doc, layout) + body_css(layout)
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title>'
            f"<style>{style}</style></head><body>{articles}</body></html>")


def line_end(text: str, lines: list[str], cut: int) -> int:
    """The offset in ``text`` where the printed line holding offset ``cut`` ends (the line that
    holds the character just before ``cut``), from the printed lines' texts.

    >>> line_end("中美关系 历经波折，止跌回稳。", ["中美关系", "历经波折，", "止跌回稳。"], 6)
    10
    """
    position = 0
    for line in lines:
        remaining = sum(1 for c in line if not c.isspace())
        while remaining and position < len(text):
            remaining -= not text[position].isspace()
            position += 1
        if position >= cut:
            return position
    return len(text)


def printed_lines(document) -> dict[str, list[str]]:
    """The text of every printed line of each element with an id, in order (WeasyPrint's
    rendered boxes: a paragraph that crosses a column or page has several boxes)."""
    lines: dict[str, list[str]] = {}

    def walk(box):
        yield box
        for child in getattr(box, "children", None) or ():
            yield from walk(child)

    for page in document.pages:
        for box in walk(page._page_box):
            element = getattr(box, "element", None)
            if type(box).__name__ == "LineBox" and element is not None and element.get("id"):
                text = "".join(t.text for t in walk(box) if type(t).__name__ == "TextBox")
                lines.setdefault(element.get("id"), []).append(text)
    return lines


def measured_line_ends(doc: dict, layout: dict, weasyprint, workdir: pathlib.Path) -> dict[str, int]:
    """Set every paragraph an ``inside`` caption cuts whole, and find where its printed line
    holding ``cut`` ends."""
    cuts = {f"cut-{n}-{i}": (a["blocks"][i - 1]["text"], b["cut"])
            for n, a in enumerate(doc["articles"]) for i, b in enumerate(a["blocks"])
            if b["kind"] == "caption" and b.get("placement") == "inside"}
    if not cuts:
        return {}
    document = weasyprint.HTML(string=document_html(doc, layout), base_url=str(workdir)).render()
    lines = printed_lines(document)
    return {key: line_end(text, lines[key], cut) for key, (text, cut) in cuts.items() if key in lines}


def render(doc: dict, layout: dict, pdf_path: pathlib.Path, workdir: pathlib.Path) -> None:
    """Typeset ``doc`` with ``layout`` into ``pdf_path`` (see the module docstring)."""
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    try:
        import weasyprint
    except ImportError as error:
        raise RuntimeError("weasyprint is not installed (pip install -e '.[corpus]')") from error
    try:
        line_ends = measured_line_ends(doc, layout, weasyprint, workdir)
        source = document_html(doc, layout, line_ends)
        (workdir / "document.html").write_text(source, "utf-8")
        weasyprint.HTML(string=source, base_url=str(workdir)).write_pdf(str(pdf_path))
    except Exception as error:  # WeasyPrint raises many kinds; the interface wants one
        raise RuntimeError(f"weasyprint failed: {error}") from error
