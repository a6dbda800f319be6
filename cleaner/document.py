"""The document model: the one contract between the cleaner and the converters.

Every value is an immutable dataclass. A converter sees only these types, never raw lines.
``to_json``/``from_json`` give the stable JSON form documented in the README.

>>> block = Block("paragraph", "第一段。", (3, 5))
>>> doc = Document(Meta(source="x.txt"), (Article(blocks=(block,), lines=(1, 5)),), ())
>>> Document.from_json(doc.to_json()) == doc
True
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

import regex

LineSpan = tuple[int, int]

BLOCK_KINDS = ("paragraph", "heading", "caption", "endnote", "quote", "table", "info")


@dataclass(frozen=True, slots=True)
class Block:
    """A unit of an article's body: a paragraph, an in-article heading, a caption …"""

    kind: str
    text: str
    lines: LineSpan


@dataclass(frozen=True, slots=True)
class Removal:
    """Something the cleaner took out, why (``rule``) and where it stood (``lines``)."""

    kind: str
    text: str
    lines: LineSpan
    rule: str


@dataclass(frozen=True, slots=True)
class Decision:
    """A choice the cleaner made on evidence that a reviewer may want to see.

    ``kind`` is e.g. "margin_break" (a paragraph ended where the line filled the column),
    "margin_join", "page_join" (a paragraph continued across a page break), "unknown_line".
    ``weak`` is True when no cue pointed either way.
    """

    kind: str
    lines: LineSpan
    rule: str
    evidence: str
    weak: bool = False


@dataclass(frozen=True, slots=True)
class Article:
    """One article: its head (section, title, subtitle, deck, bylines) and its blocks."""

    section: str | None = None
    title: str | None = None
    subtitle: str | None = None
    deck: str | None = None
    bylines: tuple[str, ...] = ()
    blocks: tuple[Block, ...] = ()
    lines: LineSpan = (0, 0)


@dataclass(frozen=True, slots=True)
class Meta:
    """What the document is: where it came from and in which script it is written."""

    source: str = ""
    encoding: str = "utf-8"
    language: str = "zh-Hans"
    title: str | None = None
    issue: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """A cleaned issue: articles in reading order plus everything that was removed.

    ``decisions`` is the explanation trail (not part of the JSON form).
    """

    meta: Meta
    articles: tuple[Article, ...]
    removed: tuple[Removal, ...]
    decisions: tuple[Decision, ...] = field(default=(), compare=False)

    def characters(self) -> Counter[str]:
        """Every non-whitespace character the document holds, in its articles and in ``removed``.

        The conservation law: this equals ``non_whitespace(input_text)``.

        >>> doc = Document(Meta(), (Article(title="标题", blocks=(Block("paragraph", "正 文。", (2, 2)),)),),
        ...                (Removal("marker", "返回目录", (3, 3), "toc_marker"),))
        >>> doc.characters() == non_whitespace("标题\\n正文。\\n返回目录")
        True
        """
        found: Counter[str] = Counter()
        for article in self.articles:
            for part in (article.section, article.title, article.subtitle, article.deck, *article.bylines):
                found += non_whitespace(part or "")
            for block in article.blocks:
                found += non_whitespace(block.text)
        for removal in self.removed:
            found += non_whitespace(removal.text)
        return found

    def with_meta(self, **changes: Any) -> Document:
        """Return a copy with some ``meta`` fields changed."""
        return replace(self, meta=replace(self.meta, **changes))

    def to_dict(self) -> dict[str, Any]:
        """The JSON form as plain Python values."""
        meta = {"source": self.meta.source, "encoding": self.meta.encoding,
                "language": self.meta.language}
        if self.meta.title is not None:
            meta["title"] = self.meta.title
        if self.meta.issue is not None:
            meta["issue"] = self.meta.issue
        return {
            "meta": meta,
            "articles": [
                {
                    "section": a.section,
                    "title": a.title,
                    "subtitle": a.subtitle,
                    "deck": a.deck,
                    "bylines": list(a.bylines),
                    "lines": list(a.lines),
                    "blocks": [{"kind": b.kind, "text": b.text, "lines": list(b.lines)}
                               for b in a.blocks],
                }
                for a in self.articles
            ],
            "removed": [{"kind": r.kind, "text": r.text, "lines": list(r.lines), "rule": r.rule}
                        for r in self.removed],
        }

    def to_json(self, indent: int | None = 1) -> str:
        """The stable JSON form (UTF-8 text, CJK not escaped)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent) + "\n"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        """Rebuild a Document from its JSON form."""
        m = data.get("meta", {})
        meta = Meta(source=m.get("source", ""), encoding=m.get("encoding", "utf-8"),
                    language=m.get("language", "zh-Hans"), title=m.get("title"),
                    issue=m.get("issue"))
        articles = tuple(
            Article(
                section=a.get("section"), title=a.get("title"), subtitle=a.get("subtitle"),
                deck=a.get("deck"), bylines=tuple(a.get("bylines") or ()),
                blocks=tuple(Block(b["kind"], b["text"], _span(b["lines"]))
                             for b in a.get("blocks", ())),
                lines=_span(a.get("lines", (0, 0))),
            )
            for a in data.get("articles", ())
        )
        removed = tuple(Removal(r["kind"], r["text"], _span(r["lines"]), r.get("rule", ""))
                        for r in data.get("removed", ()))
        return cls(meta, articles, removed)

    @classmethod
    def from_json(cls, text: str) -> Document:
        """Parse the JSON form."""
        return cls.from_dict(json.loads(text))


def non_whitespace(text: str) -> Counter[str]:
    """The characters of ``text`` that are not Unicode white space, as a multiset."""
    return Counter(WHITE_SPACE.sub("", text))


WHITE_SPACE = regex.compile(r"\s+")


def _span(value: Any) -> LineSpan:
    first, last = value
    return (int(first), int(last))
