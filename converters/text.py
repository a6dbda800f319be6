"""Plain text: UTF-8, one paragraph per line, a blank line between paragraphs.

>>> from cleaner.document import Article, Block, Document, Meta
>>> doc = Document(Meta(), (Article(title="标题", blocks=(Block("paragraph", "正文。", (2, 2)),)),), ())
>>> print(render_text(doc), end="")
标题
<BLANKLINE>
正文。
"""

from __future__ import annotations

from pathlib import Path

from cleaner.document import Article, Document

# Blocks that are not part of the reading text unless the user asks for them.
CAPTION_KINDS = ("caption", "table")


def article_lines(article: Article, captions: str = "drop") -> list[str]:
    """The paragraphs of one article as text lines: head first, then blocks in order."""
    out: list[str] = []
    for head in (article.section, article.title, article.subtitle, article.deck):
        if head:
            out.append(head)
    out.extend(article.bylines)
    for block in article.blocks:
        if block.kind in CAPTION_KINDS and captions != "keep":
            continue
        out.append(block.text)
    return out


def render_text(document: Document, captions: str = "drop") -> str:
    """The whole document as text: paragraphs separated by blank lines, articles by two."""
    parts = ["\n\n".join(article_lines(a, captions)) for a in document.articles]
    return "\n\n\n".join(p for p in parts if p) + "\n"


class TextConverter:
    """UTF-8 text, one paragraph per line."""

    name = "txt"
    suffix = ".txt"
    description = "UTF-8 text, one paragraph per line, blank line between paragraphs"

    def write(self, document: Document, path: Path, options: object) -> None:
        captions = getattr(options, "captions", "drop")
        Path(path).write_text(render_text(document, captions), encoding="utf-8")
