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

from cleaner.errors import InputError
from cleaner.quick_init import quick_init

LineSpan = tuple[int, int]

BLOCK_KINDS = ("paragraph", "heading", "caption", "endnote", "quote", "table", "info")


@quick_init
@dataclass(frozen=True, slots=True)
class Block:
    """A unit of an article's body: a paragraph, an in-article heading, a caption …"""

    kind: str
    text: str
    lines: LineSpan


@quick_init
@dataclass(frozen=True, slots=True)
class Removal:
    """Something the cleaner took out, why (``rule``) and where it stood (``lines``)."""

    kind: str
    text: str
    lines: LineSpan
    rule: str


@quick_init
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
    def from_dict(cls, data: Any) -> Document:
        """Rebuild a Document from its JSON form, every field checked against the schema.

        Unknown keys are ignored; a wrong type, an unknown block kind, a language that is not a
        BCP 47 tag or a line span that is not two integers raises :class:`DocumentError`.
        """
        top = _mapping(data, "the document")
        m = _mapping(top.get("meta", {}), "meta")
        meta = Meta(source=_text(m.get("source", ""), "meta.source"),
                    encoding=_text(m.get("encoding", "utf-8"), "meta.encoding"),
                    language=_language(m.get("language", "zh-Hans")),
                    title=_optional_text(m.get("title"), "meta.title"),
                    issue=_optional_text(m.get("issue"), "meta.issue"))
        articles = tuple(_article(a, f"articles[{i}]")
                         for i, a in enumerate(_sequence(top.get("articles", []), "articles")))
        removed = tuple(_removal(r, f"removed[{i}]")
                        for i, r in enumerate(_sequence(top.get("removed", []), "removed")))
        return cls(meta, articles, removed)

    @classmethod
    def from_json(cls, text: str | bytes) -> Document:
        """Parse the JSON form (UTF-8; a BOM before it is accepted).

        >>> Document.from_json('{"articles": [{"blocks": [{"kind": "p", "text": 1}]}]}')  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        cleaner.document.DocumentError: not a magclean Document: articles[0].blocks[0].kind: unknown ...
        """
        if isinstance(text, bytes | bytearray):
            try:
                text = bytes(text).decode("utf-8")
            except UnicodeDecodeError as error:
                raise DocumentError(f"not a magclean Document: not UTF-8 at byte {error.start}") from None
        if not isinstance(text, str):
            raise TypeError(f"from_json() takes str or bytes, not {type(text).__name__}")
        try:
            data = json.loads(text.removeprefix("\ufeff"), parse_constant=_refuse_constant)
        except RecursionError:
            raise DocumentError("not a magclean Document: JSON nested too deeply") from None
        except json.JSONDecodeError as error:
            raise DocumentError(f"not a magclean Document: invalid JSON at line {error.lineno} "
                                f"column {error.colno} ({error.msg})") from None
        except ValueError as error:  # Infinity/NaN, or an integer too long to read
            raise DocumentError(f"not a magclean Document: {error}") from None
        return cls.from_dict(data)


class DocumentError(InputError, ValueError):
    """A JSON Document that does not follow the schema; the message is one line."""


# BCP 47 (RFC 5646) well-formed tags: language, extlang, script, region, variants, extensions,
# private use; or a private-use tag alone. zh-Hans, zh-Hant-TW, en, x-custom.
LANGUAGE_TAG = regex.compile(
    r"(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|\d{3}))?"
    r"(?:-(?:[A-Za-z\d]{5,8}|\d[A-Za-z\d]{3}))*(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z\d]{2,8})+)*"
    r"(?:-x(?:-[A-Za-z\d]{1,8})+)?|x(?:-[A-Za-z\d]{1,8})+")


def is_language_tag(value: object) -> bool:
    """True for a well-formed BCP 47 language tag.

    >>> is_language_tag("zh-Hant-TW"), is_language_tag('zh"><script>')
    (True, False)
    """
    return isinstance(value, str) and len(value) <= 64 and LANGUAGE_TAG.fullmatch(value) is not None


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in a Document")


def _fail(where: str, problem: str) -> DocumentError:
    return DocumentError(f"not a magclean Document: {where}: {problem}")


JSON_TYPES = {dict: "object", list: "array", str: "string", bool: "boolean", int: "number", float: "number"}


def _type_name(value: object) -> str:
    return "null" if value is None else JSON_TYPES.get(type(value), type(value).__name__)


def _mapping(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _fail(where, f"expected an object, found {_type_name(value)}")
    return value


def _sequence(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list | tuple):
        raise _fail(where, f"expected an array, found {_type_name(value)}")
    return list(value)


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise _fail(where, f"expected a string, found {_type_name(value)}")
    surrogate = LONE_SURROGATE.search(value)
    if surrogate:
        raise _fail(where, f"lone surrogate U+{ord(surrogate.group()):04X} at character {surrogate.start()}")
    return value


def _optional_text(value: Any, where: str) -> str | None:
    return None if value is None else _text(value, where)


def _language(value: Any) -> str:
    if not is_language_tag(value):
        shown = value if isinstance(value, str) and len(value) <= 40 else _type_name(value)
        raise _fail("meta.language", f"not a BCP 47 language tag: {shown!r}")
    return value


def _span(value: Any, where: str = "lines") -> LineSpan:
    pair = _sequence(value, where)
    if len(pair) != 2 or not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in pair):
        raise _fail(where, "expected [first, last] source line numbers (two integers >= 0)")
    first, last = pair
    if first > last:
        raise _fail(where, f"first line {first} after last line {last}")
    return (first, last)


def _block(value: Any, where: str) -> Block:
    b = _mapping(value, where)
    kind = _text(b.get("kind"), f"{where}.kind")
    if kind not in BLOCK_KINDS:
        raise _fail(f"{where}.kind", f"unknown block kind {kind!r} (known: {', '.join(BLOCK_KINDS)})")
    return Block(kind, _text(b.get("text"), f"{where}.text"), _span(b.get("lines"), f"{where}.lines"))


def _article(value: Any, where: str) -> Article:
    a = _mapping(value, where)
    return Article(
        section=_optional_text(a.get("section"), f"{where}.section"),
        title=_optional_text(a.get("title"), f"{where}.title"),
        subtitle=_optional_text(a.get("subtitle"), f"{where}.subtitle"),
        deck=_optional_text(a.get("deck"), f"{where}.deck"),
        bylines=tuple(_text(line, f"{where}.bylines[{i}]")
                      for i, line in enumerate(_sequence(a.get("bylines") or [], f"{where}.bylines"))),
        blocks=tuple(_block(b, f"{where}.blocks[{i}]")
                     for i, b in enumerate(_sequence(a.get("blocks", []), f"{where}.blocks"))),
        lines=_span(a.get("lines", [0, 0]), f"{where}.lines"),
    )


def _removal(value: Any, where: str) -> Removal:
    r = _mapping(value, where)
    return Removal(_text(r.get("kind"), f"{where}.kind"), _text(r.get("text"), f"{where}.text"),
                   _span(r.get("lines"), f"{where}.lines"), _text(r.get("rule", ""), f"{where}.rule"))


def non_whitespace(text: str) -> Counter[str]:
    """The characters of ``text`` that are not Unicode white space, as a multiset."""
    return Counter(WHITE_SPACE.sub("", text))


WHITE_SPACE = regex.compile(r"\s+")
LONE_SURROGATE = regex.compile("[\ud800-\udfff]")



