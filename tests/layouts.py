"""Lay reviewed articles out again as other PDF extractors would have written them.

The seed is one extractor's output of one magazine. To keep the rules general, tests take
known articles (fixtures/layouts/articles.json), set them in columns of another width with
CJK line-breaking rules, and write them the way poppler's pdftotext, pdfminer.six or pypdfium2
writes a page: with or without blank lines, with form feeds, running heads and page numbers,
and captions dropped between the two halves of a paragraph. The cleaner must give the
articles back.

>>> wrap_cjk("中美关系历经波折，止跌回稳。", 5)
['中美关系历', '经波折，止', '跌回稳。']
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import regex

from cleaner.text import display_width

ARTICLES = Path(__file__).parent.parent / "fixtures" / "layouts" / "articles.json"
# Kinsoku: what may not start a line, and what may not end one.
NO_LINE_START = "，。、；：？！”’」』）》…%％"
NO_LINE_END = "“‘「『（《"
TOKEN = regex.compile(r"[A-Za-z0-9][A-Za-z0-9.%\-]*|.", regex.DOTALL)


def load_articles() -> list[dict]:
    """The reviewed articles used as ground truth."""
    return json.loads(ARTICLES.read_text("utf-8"))["articles"]


def wrap_cjk(text: str, chars: int) -> list[str]:
    """Break text into lines of ``chars`` CJK characters as a typesetter does: Latin words and
    numbers are never broken, closing punctuation hangs at the line end, opening punctuation
    moves to the next line."""
    limit = chars * 2
    lines: list[str] = []
    line = ""
    for token in TOKEN.findall(text):
        if line and display_width(line + token) > limit and token not in NO_LINE_START:
            carried = ""
            while line and line[-1] in NO_LINE_END:
                carried, line = line[-1] + carried, line[:-1]
            lines.append(line)
            line = carried
        line += token
    if line:
        lines.append(line)
    return lines


@dataclass(frozen=True)
class Style:
    """How one extractor writes a page."""

    name: str
    blank_after_line: bool  # pdfminer.six: a blank line after every text line
    page_mark: str  # "formfeed", "blanks" (a run of blank lines) or "none"
    furniture: str  # "edges" (head on top, number at the bottom), "end" (both at the page end), "none"


STYLES = (
    Style("pdftotext", blank_after_line=False, page_mark="formfeed", furniture="edges"),
    Style("pdfminer", blank_after_line=True, page_mark="blanks", furniture="none"),
    Style("pypdfium2", blank_after_line=False, page_mark="none", furniture="end"),
)


def lay_out(articles: list[dict], style: Style, chars: int, page_lines: int = 38,
            running_head: str = "城市周刊 2024年第12期") -> str:
    """The text an extractor would write for ``articles`` set in columns of ``chars``."""
    # Each page holds (line, last line of its group): pdfminer keeps a caption's lines together.
    pages: list[list[tuple[str, bool]]] = [[]]

    def emit(group: list[str]) -> None:
        for k, line in enumerate(group):
            if len(pages[-1]) >= page_lines:
                pages.append([])
            pages[-1].append((line, k == len(group) - 1))

    for article in articles:
        if article.get("section"):
            emit([article["section"]])
        emit([article["title"]])
        if article.get("deck"):
            emit(wrap_cjk(article["deck"], chars))
        for byline in article["bylines"]:
            emit([byline])
        pending_caption: list[str] | None = None
        for block in article["blocks"]:
            # Captions are set in their own, narrower measure; a heading stands on one line.
            if block["kind"] == "heading":
                lines = [block["text"]]
            else:
                lines = wrap_cjk(block["text"], chars - 3 if block["kind"] == "caption" else chars)
            if block["kind"] == "caption":
                pending_caption = lines
                continue
            if pending_caption and block["kind"] == "paragraph" and len(lines) >= 4:
                # The caption lands between the two halves of the next long paragraph.
                half = len(lines) // 2
                for line in lines[:half]:
                    emit([line])
                emit(pending_caption)
                pending_caption = None
                lines = lines[half:]
            for line in lines:
                emit([line])
        if pending_caption:
            emit(pending_caption)
    return _render(pages, style, running_head)


def _render(pages: list[list[tuple[str, bool]]], style: Style, running_head: str) -> str:
    out: list[str] = []
    for number, page in enumerate(pages, start=1):
        lines = list(page)
        if style.furniture == "edges":
            lines = [(running_head, True), *lines, (str(number + 40), True)]
        elif style.furniture == "end":
            lines = [*lines, (running_head, True), (str(number + 40), True)]
        if number > 1:
            if style.page_mark == "formfeed":
                lines[0] = ("\f" + lines[0][0], lines[0][1])
            elif style.page_mark == "blanks":
                out.extend(["", ""])
        for line, group_ends in lines:
            out.append(line)
            if style.blank_after_line and group_ends:
                out.append("")
    return "\n".join(out) + "\n"
