"""XeLaTeX engine for the round-trip corpus: one document, one LaTeX file, one `xelatex` run.

The page is built the way a Chinese magazine is: ctex/xeCJK for CJK line breaking and punctuation
compression, `geometry` for a text block exactly `chars_per_line` characters wide per column,
LaTeX's own two-column mode (`\\twocolumn[title block]`, `\\columnsep` = the gutter) for two
columns, `fancyhdr` for running heads and folios, `wrapfig` for wrapped figures.

Two columns are LaTeX's `twocolumn` mode, not `multicol`: inside `multicols` floats are forbidden
(only page-wide `figure*` is allowed, which always goes to the next page) and wrapfig is unreliable,
while in `twocolumn` a float really goes to the top or bottom of a column and wrapfig works. An
article that ends in the left column gets its last page balanced (`balance.sty`); one that ends
in the right column keeps a full left column, as in many magazines.

All lengths are PostScript points (`bp`), so the page is exactly the size the interface gives
(the same as the WeasyPrint engine's). Latin words are never hyphenated and never broken after a
hyphen: both would print a hyphen at a line end that extractors drop or add (pdftotext reads
"80-\\n90GW" as "8090GW"); slashes, underscores, dots and @ inside Latin may end a line instead.

Fonts: Noto Serif/Sans CJK SC for CJK, Latin Modern for Latin, with TeX ligatures off (else `"`, `'`,
`--` print as other characters); except a few characters whose Noto glyph is shared with another
code point, so that extractors read back that other code point: U+2026 … (Noto: also U+22EF ⋯)
comes from Fandol, the circled numbers ①… (Noto: also U+2780 ➀…) from OpenSymbol, and the sans
U+00B7 · (Noto Sans: also U+30FB ・) from FandolHei. Symbols Latin Modern lacks (∶ ≥ ▲ ℃ → …) are
declared CJK so that Noto sets them. With these, pdftotext, pdfminer.six and pypdfium2 return
exactly the characters typeset.

Caption placements and how they are made:
- `between`: a light grey rule `figure_lines` lines high, the caption under it, where it stands
  (one `\\vbox`, so a break never parts the picture from its caption).
- `inside`: the previous paragraph gets `\\vadjust{figure+caption}` at character offset `cut`,
  so the figure comes after the printed line holding that offset and the paragraph goes on.
- `float`: a real LaTeX float, `figure` at [t] or [b] (`float_where`), at the top or bottom of a
  page (one column) or of a column (two columns; per seed sometimes a page-wide `figure*`,
  `stfloats` allowing [b]). A float LaTeX cannot place before the article ends is flushed by the
  `\\clearpage` that starts the next article, on a page of its own.
- `wrap`: `wrapfigure` beside the next paragraph, on the side chosen per seed, one character of
  gap; `\\Needspace` keeps it from hanging below the page's foot.
Where a placement cannot be made (an `inside` caption not right after a paragraph, a `wrap` not
before one), the caption is set `between`.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
from pathlib import Path

ENGINE = "xelatex"
TIMEOUT_S = 120
# every length is in PostScript points (TeX's "bp", 1/72 in), as the layout and WeasyPrint mean them
MM_TO_PT = 72 / 25.4

_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "^": r"\textasciicircum{}",
    "_": r"\_",
    "%": r"\%",
    "~": r"\textasciitilde{}",
}
_SPECIAL_RE = re.compile(r"[\\{}$&#^_%~]")
_SPACES_RE = re.compile(r"\s+")
_LATIN_BREAK_RE = re.compile(r"(?<=[A-Za-z0-9])(/|\\_)(?=[A-Za-z0-9])|(?<=[A-Za-z])(\.|@)(?=[A-Za-z])")


def escape_latex(text: str, strip: bool = True) -> str:
    r"""Text as LaTeX that prints exactly these characters.

    White space becomes one control space, which xeCJK keeps even between two CJK characters
    (a plain space there would vanish). A slash or underscore inside Latin (GNU/Linux,
    /var/log, dh_auto) and a dot or @ between letters (lists.debian.org) may end a line, else a
    narrow column gets overfull lines.

    >>> escape_latex("50% of $3 & #1_ {x} ~^\\")
    '50\\%\\ of\\ \\$3\\ \\&\\ \\#1\\_\\ \\{x\\}\\ \\textasciitilde{}\\textasciicircum{}\\textbackslash{}'
    >>> escape_latex("资本与金融 理性投资")
    '资本与金融\\ 理性投资'
    >>> escape_latex("GNU/Linux dh_auto 图/新华")
    'GNU/\\allowbreak Linux\\ dh\\_\\allowbreak auto\\ 图/新华'
    """
    text = _SPACES_RE.sub(" ", text.strip() if strip else text)
    text = _SPECIAL_RE.sub(lambda m: _LATEX_SPECIALS[m.group()], text)
    text = text.replace(" ", "\\ ")
    return _LATIN_BREAK_RE.sub(lambda m: m.group() + "\\allowbreak ", text)


def _pt(value: float) -> str:
    """A length in PostScript points, rounded so the file does not depend on float printing.

    >>> _pt(10), _pt(16.000000001)
    ('10.00bp', '16.00bp')
    """
    return f"{value:.2f}bp"


class _Style:
    """The engine's own choices for one document, drawn from `layout["seed"]`."""

    def __init__(self, layout: dict):
        rng = random.Random(f"xelatex:{layout.get('seed', 0)}")
        # the generator may decide these for every engine; else the engine does, per seed
        self.opening_plain = not layout.get("head_on_first", rng.random() < 0.5)
        self.credit_own_line = layout.get("credit_own_line", rng.random() < 0.5)
        self.section_en_beside = not layout.get("section_en_under", rng.random() < 0.5)
        self.page_wide_float = rng.random() < 0.3  # two columns: figure* rather than figure
        self.centred_title = rng.random() < 0.3
        self.head_rule = rng.random() < 0.6
        self.wrap_side = rng.choice("rl")
        # no kaishu: FandolKai and AR PL KaitiM GB map some glyphs (ー ・ ①) to other characters
        self.deck_sans = rng.random() < 0.5  # else a larger grey serif
        self.endnote_right = rng.random() < 0.6


# --- the preamble ---------------------------------------------------------------------------------


def _geometry_sizes(layout: dict) -> tuple[float, float, float]:
    """Paper width, paper height and body text width in PostScript points.

    >>> [round(x) for x in _geometry_sizes({"font_pt": 10.0, "columns": 2, "chars_per_line": 22,
    ...                                     "gutter_chars": 2, "margin_mm": 15})]
    [545, 763, 460]
    """
    font = layout["font_pt"]
    columns = layout["columns"]
    text_width = columns * layout["chars_per_line"] * font + (columns - 1) * layout["gutter_chars"] * font
    paper_width = text_width + 2 * layout["margin_mm"] * MM_TO_PT
    return paper_width, max(1.4 * paper_width, 120 * MM_TO_PT), text_width


def _geometry(layout: dict) -> str:
    """`\\geometry{…}`: the text block exactly as wide as the layout's columns and gutters."""
    baseline = layout["font_pt"] * layout["leading"]
    paper_width, paper_height, text_width = _geometry_sizes(layout)
    margin = layout["margin_mm"] * MM_TO_PT
    options = [
        f"paperwidth={_pt(paper_width)}",
        f"paperheight={_pt(paper_height)}",
        f"textwidth={_pt(text_width)}",
        f"left={_pt(margin)}",
        f"vmargin={_pt(margin)}",
        "includehead",
        "includefoot",
        f"headheight={_pt(baseline)}",
        f"headsep={_pt(baseline)}",
        f"footskip={_pt(2 * baseline)}",
        "heightrounded",  # a whole number of body lines
    ]
    return "\\geometry{" + ",".join(options) + "}"


_FONTS = r"""
\xeCJKDeclareCharClass{CJK}{"2100 -> "218F, "2190 -> "23FF, "2460 -> "27BF}
\xeCJKDeclareSubCJKBlock{Ellipsis}{"2026}
\xeCJKDeclareSubCJKBlock{MiddleDot}{"00B7}
\xeCJKDeclareSubCJKBlock{Circled}{"2460 -> "24FF, "2776 -> "2793, "3251 -> "325F, "32B1 -> "32BF}
\setmainfont{Latin Modern Roman}[Ligatures={TeXOff,CommonOff}]
\setsansfont{Latin Modern Sans}[Ligatures={TeXOff,CommonOff}]
\setCJKmainfont{Noto Serif CJK SC}[Ellipsis={FandolSong-Regular.otf},Circled={OpenSymbol}]
\setCJKsansfont{Noto Sans CJK SC}[Ellipsis={FandolHei-Regular.otf},MiddleDot={FandolHei-Regular.otf},
  Circled={OpenSymbol}]
"""


def _folio_text(layout: dict, magazine: str) -> str:
    r"""The folio form as LaTeX, `{n}` being the page number.

    >>> _folio_text({"folio": {"form": "— {n} —"}}, "城市周刊")
    '—\\ \\thepage\\ —'
    >>> _folio_text({"folio": {"form": "{n} / {magazine}"}}, "城市周刊")
    '\\thepage\\ /\\ 城市周刊'
    """
    parts = layout["folio"]["form"].split("{n}")
    return "\\thepage".join(escape_latex(p.replace("{magazine}", magazine), strip=False) for p in parts)


def display_width(text: str) -> float:
    """Width of `text` in em, roughly: CJK and full-width characters 1, others 0.55.

    >>> round(display_width("财经 2024"), 2), display_width("")
    (4.75, 0.0)
    """
    return sum((1.0 if ord(ch) >= 0x2E80 else 0.55) for ch in text) or 0.0


def running_head_pt(layout: dict, magazine: str) -> float:
    """Type size of the running head line: 0.85 of the body, smaller when the line would not fit.

    The widest line holds head.left, head.right and (on the same line) the folio, 2 em apart;
    10 % more for xeCJK's glue between CJK and Latin.

    >>> layout = {"font_pt": 10.0, "columns": 1, "chars_per_line": 16, "gutter_chars": 2, "margin_mm": 15,
    ...           "head": {"where": "bottom", "left": "财经 2023年11月27日", "right": "封面文章"},
    ...           "folio": {"where": "bottom", "form": "P{n}", "align": "outer"}}
    >>> round(running_head_pt(layout, "财经"), 2)
    7.15
    >>> layout["chars_per_line"] = 40
    >>> running_head_pt(layout, "财经")
    8.5
    """
    font = layout["font_pt"]
    head, folio = layout["head"], layout["folio"]
    text_width = _geometry_sizes(layout)[2]
    parts = [head.get("left") or "", head.get("right") or ""]
    if folio["where"] == head["where"]:
        parts.append(folio["form"].replace("{n}", "0000").replace("{magazine}", magazine))
    width_em = 1.1 * sum(display_width(p) for p in parts) + 2 * (len(parts) - 1)
    return min(0.85 * font, text_width / max(width_em, 1.0))


def _header_cells(layout: dict, magazine: str, style: _Style, with_head: bool) -> dict[str, list[str]]:
    """fancyhdr cells (`fancyhead[LE]`, `fancyfoot[RO]` …) and what each holds, in order.

    head.left goes left and head.right right on every page, or with `head.alternate` head.left
    on even pages only and head.right on odd pages only; an outer folio shares its corner with
    the head when both are on one line (folio outermost).

    >>> layout = {"head": {"where": "top", "left": "城市周刊", "right": "封面", "alternate": True},
    ...           "folio": {"where": "top", "form": "{n}", "align": "outer"}}
    >>> _header_cells(layout, "城市周刊", None, True)
    {'fancyhead[LE]': ['\\\\thepage', '城市周刊'], 'fancyhead[RO]': ['封面', '\\\\thepage']}
    """
    head, folio = layout["head"], layout["folio"]
    head_cmd = "fancyhead" if head["where"] == "top" else "fancyfoot"
    folio_cmd = "fancyhead" if folio["where"] == "top" else "fancyfoot"
    alternate = bool(head.get("alternate"))
    cells: dict[str, list[str]] = {}
    number = _folio_text(layout, magazine)
    if folio["align"] == "center":
        cells[f"{folio_cmd}[C]"] = [number]
    else:
        cells[f"{folio_cmd}[LE]"] = [number]
        cells[f"{folio_cmd}[RO]"] = [number]
    if with_head:
        left, right = escape_latex(head.get("left") or ""), escape_latex(head.get("right") or "")
        sides = (("L", "E" if alternate else "EO", left), ("R", "O" if alternate else "EO", right))
        for side, parities, text in sides:
            for parity in parities if text else "":
                parts = cells.setdefault(f"{head_cmd}[{side}{parity}]", [])
                parts.insert(len(parts) if side == "L" else 0, text)
    return cells


def _page_styles(layout: dict, magazine: str, style: _Style) -> str:
    """fancyhdr: the running style `magazine` and the article-opening style `opening` (folio only)."""

    def fancy(cells: dict[str, list[str]]) -> str:
        quad = "\\quad "
        lines = (f"\\{cell}{{{{\\runningheadsize {quad.join(parts)}}}}}\n" for cell, parts in cells.items())
        return "".join(lines)

    head = layout["head"]
    has_head = bool(head.get("left") or head.get("right"))
    rule = "0.4pt" if style.head_rule and head["where"] == "top" and has_head else "0pt"
    size = running_head_pt(layout, magazine)
    return (
        f"\\newcommand\\runningheadsize{{\\fontsize{{{_pt(size)}}}{{{_pt(size * 1.2)}}}\\selectfont}}\n"
        "\\fancypagestyle{magazine}{\\fancyhf{}\n"
        + fancy(_header_cells(layout, magazine, style, with_head=True))
        + f"\\renewcommand\\headrulewidth{{{rule}}}\\renewcommand\\footrulewidth{{0pt}}}}\n"
        "\\fancypagestyle{opening}{\\fancyhf{}\n"
        + fancy(_header_cells(layout, magazine, style, with_head=False))
        + "\\renewcommand\\headrulewidth{0pt}\\renewcommand\\footrulewidth{0pt}}\n"
        "\\pagestyle{magazine}\n"
    )


def _preamble(doc: dict, layout: dict, style: _Style) -> str:
    font = layout["font_pt"]
    baseline = font * layout["leading"]
    geometry = _geometry(layout)
    magazine = escape_latex(doc.get("magazine") or "")
    return "\n".join(
        [
            r"\documentclass[twoside]{article}",
            r"\usepackage[fontset=none,scheme=plain]{ctex}",
            r"\usepackage{geometry}",
            r"\usepackage{fancyhdr}",
            r"\usepackage{wrapfig}",
            r"\usepackage{stfloats}",
            r"\usepackage{needspace}",
            r"\usepackage{balance}",
            # an article ending in the left column: balance its last page (balance.sty collects
            # both columns' material when the left one is output, then splits it in two)
            r"\makeatletter\newcommand\closearticle{\par\if@twocolumn\if@firstcolumn\balance\fi\fi"
            r"\clearpage\nobalance}\makeatother",
            r"\usepackage{xcolor}",
            _FONTS,
            geometry,
            r"\definecolor{figuregrey}{gray}{0.85}",
            # the body size: \normalsize is what every float, head and wrapfig falls back to
            f"\\renewcommand\\normalsize{{\\fontsize{{{_pt(font)}}}{{{_pt(baseline)}}}\\selectfont}}",
            r"\normalsize",
            f"\\newcommand\\captionsize{{\\fontsize{{{_pt(layout['caption_pt'])}}}"
            f"{{{_pt(layout['caption_pt'] * 1.4)}}}\\selectfont}}",
            f"\\newcommand\\headsize{{\\fontsize{{{_pt(font * 0.85)}}}{{{_pt(baseline)}}}\\selectfont}}",
            r"\setlength\parskip{0pt}",
            f"\\setlength\\parindent{{{layout['indent_em']}em}}",
            f"\\setlength\\columnsep{{{_pt(layout['gutter_chars'] * font)}}}",
            r"\setlength\columnseprule{0pt}",
            f"\\setlength\\intextsep{{{_pt(0.5 * baseline)}}}",
            f"\\setlength\\textfloatsep{{{_pt(baseline)}}}",
            f"\\setlength\\dbltextfloatsep{{{_pt(baseline)}}}",
            r"\setlength\emergencystretch{6em}",  # loose lines rather than overfull ones
            # no automatic hyphenation of Latin words (it prints hyphens the text does not have), no
            # break after a hyphen (pdftotext drops a hyphen ending a line: 80-90GW read 8090GW)
            r"\hyphenpenalty=10000",
            r"\exhyphenpenalty=10000",
            r"\renewcommand\topfraction{0.6}\renewcommand\bottomfraction{0.6}",
            r"\renewcommand\dbltopfraction{0.6}\renewcommand\textfraction{0.2}",
            r"\raggedbottom",
            "" if layout.get("justify", True) else r"\AtBeginDocument{\raggedright}",
            _page_styles(layout, magazine, style),
        ]
    )


# --- figures and captions -------------------------------------------------------------------------


def _caption(block: dict, style: _Style) -> str:
    """The caption paragraph(s), in caption size, unindented, with the credit."""
    text = escape_latex(block["text"])
    credit = block.get("credit")
    if not credit:
        return f"{{\\captionsize\\noindent {text}\\par}}"
    if style.credit_own_line:
        return f"{{\\captionsize\\noindent {text}\\par\\hfill {escape_latex(credit)}\\par}}"
    return f"{{\\captionsize\\noindent {text}\\hspace{{1em}}{escape_latex(credit)}\\par}}"


def _figure_box(layout: dict, width: str = r"\linewidth") -> str:
    """A light grey box `figure_lines` body lines high: the picture, with no text in it."""
    height = layout["figure_lines"] * layout["font_pt"] * layout["leading"]
    return f"\\noindent{{\\color{{figuregrey}}\\rule{{{width}}}{{{_pt(height)}}}}}\\par"


def _figure(block: dict, layout: dict, style: _Style, width: str = r"\linewidth") -> str:
    """Figure box and caption as vertical material (a group of paragraphs)."""
    gap = _pt(0.3 * layout["font_pt"] * layout["leading"])
    return f"{_figure_box(layout, width)}\\nointerlineskip\\vspace{{{gap}}}\n{_caption(block, style)}"


def _between(block: dict, layout: dict, style: _Style) -> str:
    skip = _pt(0.5 * layout["font_pt"] * layout["leading"])
    # one \\vbox: a column or page break never parts the picture from its caption
    return (
        f"\\par\\addvspace{{{skip}}}\n\\vbox{{\\parindent=0pt {_figure(block, layout, style)}}}\n"
        f"\\addvspace{{{skip}}}\n"
    )


def _inside(block: dict, layout: dict, style: _Style) -> str:
    """The figure as `\\vadjust` material: set after the current printed line."""
    skip = _pt(0.5 * layout["font_pt"] * layout["leading"])
    return (
        f"\\leavevmode\\vadjust{{\\vskip {skip}\\vbox{{\\hsize=\\linewidth\\parindent=0pt "
        f"{_figure(block, layout, style)}}}\\vskip {skip}}}"
    )


def _float(block: dict, layout: dict, style: _Style) -> str:
    # "!": no fraction limits, so the float rarely waits for a later page (or a page of its own)
    where = "!t" if layout.get("float_where", "top") == "top" else "!b"
    env = "figure*" if layout["columns"] > 1 and style.page_wide_float else "figure"
    return f"\\begin{{{env}}}[{where}]\n{_figure(block, layout, style)}\n\\end{{{env}}}\n"


def _wrap_lines(block: dict, layout: dict) -> int:
    """Body lines beside a wrapped figure: the box, the caption (estimated) and a line of air."""
    font, caption_pt = layout["font_pt"], layout["caption_pt"]
    chars_per_caption_line = max(1, int(layout["wrap_chars"] * font / caption_pt))
    caption = block["text"] + (" " + block["credit"] if block.get("credit") else "")
    caption_lines = -(-len(caption) // chars_per_caption_line) + 1
    caption_height = caption_lines * caption_pt * 1.4
    return layout["figure_lines"] + int(caption_height / (font * layout["leading"])) + 2


def _wrapfigure(block: dict, layout: dict, style: _Style) -> str:
    """wrapfig, with a gap of one character to the text.

    wrapfig takes that gap from `\\columnsep`; the gutter of two columns is fixed when each
    article's `\\twocolumn` starts, so changing it here leaves the columns alone.
    """
    width = _pt(layout["wrap_chars"] * layout["font_pt"])
    lines = _wrap_lines(block, layout)
    return (
        f"\\par\\Needspace{{{lines}\\baselineskip}}"
        f"\\setlength\\columnsep{{{_pt(layout['font_pt'])}}}"
        f"\\begin{{wrapfigure}}{{{style.wrap_side}}}{{{width}}}\n"
        f"{_figure(block, layout, style)}\n\\end{{wrapfigure}}\n"
    )


# --- articles -------------------------------------------------------------------------------------


def _heading_block(article: dict, layout: dict, style: _Style) -> str:
    """Section label, title, subtitle, deck and bylines, full width above the columns."""
    font = layout["font_pt"]
    align = r"\centering" if style.centred_title else r"\raggedright"
    out = [f"{{\\parindent=0pt {align}"]
    section, section_en = article.get("section"), article.get("section_en")
    if section or section_en:
        label = escape_latex(section or "")
        english = escape_latex(section_en or "")
        if section and section_en:
            sep = "\\quad " if style.section_en_beside else "\\par "
            label = f"{label}{sep}{{\\headsize {english}}}"
        else:
            label = label or english
        out.append(f"{{\\sffamily\\bfseries {label}\\par}}\\vspace{{{_pt(0.5 * font)}}}")
    if article.get("title"):
        size = layout["title_pt"]
        out.append(
            f"{{\\fontsize{{{_pt(size)}}}{{{_pt(size * 1.3)}}}\\selectfont\\bfseries "
            f"{escape_latex(article['title'])}\\par}}\\vspace{{{_pt(0.5 * font)}}}"
        )
    if article.get("subtitle"):
        size = font * 1.15
        out.append(
            f"{{\\fontsize{{{_pt(size)}}}{{{_pt(size * 1.4)}}}\\selectfont "
            f"{escape_latex(article['subtitle'])}\\par}}\\vspace{{{_pt(0.5 * font)}}}"
        )
    if article.get("deck"):
        size = font if style.deck_sans else font * 1.15
        face = r"\sffamily" if style.deck_sans else r"\color{black!70}"
        out.append(
            f"{{{face}\\fontsize{{{_pt(size)}}}{{{_pt(size * 1.5)}}}\\selectfont "
            f"{escape_latex(article['deck'])}\\par}}\\vspace{{{_pt(0.5 * font)}}}"
        )
    for byline in article.get("bylines") or []:
        out.append(f"{{\\headsize {escape_latex(byline)}\\par}}")
    out.append(f"\\par}}\\vspace{{{_pt(font * layout['leading'])}}}")
    return "\n".join(out)


def _paragraph(text: str, inserts: list[tuple[int, str]]) -> str:
    """A paragraph with `\\vadjust` figures inserted at character offsets."""
    pieces, start = [], 0
    for cut, material in sorted(inserts):
        cut = min(max(cut, start), len(text))
        pieces.append(escape_latex(text[start:cut]) if cut > start else "")
        pieces.append(material)
        start = cut
    pieces.append(escape_latex(text[start:]))
    return "".join(pieces) + "\\par\n"


def _body(article: dict, layout: dict, style: _Style) -> str:
    """The article's blocks in order, with each caption where its placement puts it."""
    blocks = article.get("blocks") or []
    inserts: dict[int, list[tuple[int, str]]] = {}
    for i, block in enumerate(blocks):
        is_inside = block["kind"] == "caption" and block.get("placement") == "inside"
        if is_inside and i > 0 and blocks[i - 1]["kind"] == "paragraph":
            figure = _inside(block, layout, style)
            inserts.setdefault(i - 1, []).append((int(block.get("cut", 0)), figure))
    out: list[str] = []
    heading_pt = layout["heading_pt"]
    skip = _pt(0.5 * layout["font_pt"] * layout["leading"])
    for i, block in enumerate(blocks):
        kind = block["kind"]
        following = blocks[i + 1]["kind"] if i + 1 < len(blocks) else None
        if kind == "paragraph":
            out.append(_paragraph(block["text"], inserts.get(i, [])))
        elif kind == "heading":
            out.append(
                f"\\par\\addvspace{{{skip}}}{{\\noindent\\fontsize{{{_pt(heading_pt)}}}"
                f"{{{_pt(heading_pt * 1.4)}}}\\selectfont\\bfseries {escape_latex(block['text'])}\\par}}"
                f"\\nopagebreak\\addvspace{{{skip}}}\n"
            )
        elif kind == "caption":
            placement = block.get("placement", "between")
            if placement == "inside" and i - 1 in inserts:
                continue  # already inside the paragraph before
            if placement == "float":
                out.append(_float(block, layout, style))
            elif placement == "wrap" and following == "paragraph":
                out.append(_wrapfigure(block, layout, style))
            else:  # between, or a placement this position cannot take
                out.append(_between(block, layout, style))
        elif kind == "endnote":
            align = "\\raggedleft " if style.endnote_right else ""
            out.append(f"\\par{{{align}\\noindent {escape_latex(block['text'])}\\par}}\n")
        elif kind == "marker":
            out.append(f"\\par{{\\noindent {escape_latex(block['text'])}\\par}}\n")
        else:
            raise RuntimeError(f"xelatex: unknown block kind {kind!r}")
    return "".join(out)


def _article(article: dict, layout: dict, style: _Style, first: bool) -> str:
    """One article from a new page: its title block full width, then its body."""
    heading = _heading_block(article, layout, style)
    body = _body(article, layout, style)
    opening = "\\thispagestyle{opening}\n" if style.opening_plain else ""
    if layout["columns"] > 1:
        # \\twocolumn starts a new page and fixes \\columnwidth from \\columnsep (wrapfig changes it)
        gutter = _pt(layout["gutter_chars"] * layout["font_pt"])
        return (
            f"\\setlength\\columnsep{{{gutter}}}\\twocolumn[{{{heading}}}]\n{opening}{body}\\closearticle\n"
        )
    return ("" if first else "\\clearpage\n") + f"{opening}{heading}\n{body}"


def latex_document(doc: dict, layout: dict) -> str:
    """The whole LaTeX source for `doc` typeset with `layout`."""
    style = _Style(layout)
    articles = doc.get("articles") or []
    if not articles:
        raise RuntimeError("xelatex: the document has no article")
    body = "".join(_article(a, layout, style, first=i == 0) for i, a in enumerate(articles))
    return (
        _preamble(doc, layout, style)
        + "\n\\begin{document}\n"
        + f"\\setcounter{{page}}{{{int(doc.get('first_page', 1))}}}\n"
        + body
        + "\\end{document}\n"
    )


# --- running xelatex ------------------------------------------------------------------------------


_MISSING_RE = re.compile(r"^Missing character: There is no .* \((U\+[0-9A-F]+)\) in font", re.MULTILINE)


def _first_error(log: str) -> str:
    """The first LaTeX error line of a log, or a fallback.

    >>> _first_error("This is XeTeX\\n! Undefined control sequence.\\nl.5 ...")
    '! Undefined control sequence.'
    """
    for line in log.splitlines():
        if line.startswith("!"):
            return line.strip()
    return "no error line in the log"


def run_xelatex(tex_path: Path) -> Path:
    """Run xelatex once on `tex_path` in its folder; the PDF path, or RuntimeError."""
    if shutil.which("xelatex") is None:
        raise RuntimeError("xelatex: not installed (apt-get install texlive-xetex texlive-lang-chinese)")
    env = dict(os.environ, SOURCE_DATE_EPOCH="0", FORCE_SOURCE_DATE="1", max_print_line="10000")
    command = ["xelatex", "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", tex_path.name]
    pdf = tex_path.with_suffix(".pdf")
    pdf.unlink(missing_ok=True)  # never take an older run's PDF for this one's
    try:
        result = subprocess.run(
            command, cwd=tex_path.parent, env=env, capture_output=True, timeout=TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired:
        raise RuntimeError(f"xelatex: timed out after {TIMEOUT_S} s") from None
    log_path = tex_path.with_suffix(".log")
    log = log_path.read_text(encoding="utf-8", errors="replace") if log_path.exists() else ""
    if result.returncode != 0 or not pdf.exists():
        log = log or result.stdout.decode("utf-8", errors="replace")
        raise RuntimeError(f"xelatex: {_first_error(log)}")
    missing = _MISSING_RE.findall(log)
    if missing:  # a character no font has would silently vanish from the page
        glyphs = " ".join(dict.fromkeys(missing))
        raise RuntimeError(f"xelatex: no glyph in the fonts for {len(missing)} character(s): {glyphs}")
    return pdf


def render(doc: dict, layout: dict, pdf_path: Path, workdir: Path) -> None:
    """Typeset `doc` with `layout` into `pdf_path`, using `workdir` for the LaTeX files."""
    pdf_path, workdir = Path(pdf_path), Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    tex_path = workdir / "doc.tex"
    tex_path.write_text(latex_document(doc, layout), encoding="utf-8")
    pdf = run_xelatex(tex_path)
    partial = pdf_path.with_name(pdf_path.name + ".part")
    shutil.copyfile(pdf, partial)
    os.replace(partial, pdf_path)  # never a half-written PDF at pdf_path
