"""The cleaner, end to end: Source in, Document out.

>>> from cleaner.source import source_from_text
>>> text = "标题\\n\\n文/记者 张三\\n\\n第一段很长的正文，\\n\\n接着写完了。\\n\\n返回目录"
>>> doc = clean(source_from_text(text))
>>> doc.articles[0].title, [b.text for b in doc.articles[0].blocks], doc.removed[0].text
('标题', ['第一段很长的正文，接着写完了。'], '返回目录')
"""

from __future__ import annotations

import itertools

from cleaner.articles import Context, build_article, split_articles
from cleaner.config import CleanConfig
from cleaner.document import Document, Meta, Removal
from cleaner.lines import Line, has_invisible, read_lines, usual_gap
from cleaner.rules.english import is_latin_text, marks_word_ends
from cleaner.rules.furniture import find_page_furniture
from cleaner.rules.markers import is_navigation_marker, split_navigation_marker
from cleaner.rules.reflow import column_width, is_wrapped, learn_margin_model
from cleaner.rules.structure import recurring_labels
from cleaner.source import Source
from cleaner.text import clear_line_caches


def clean(source: Source, config: CleanConfig | None = None) -> Document:
    """Clean one extracted issue: read lines, take out residue, find articles, reflow."""
    try:
        return clean_issue(source, config or CleanConfig())
    finally:
        clear_line_caches()  # nothing keyed by this issue's lines outlives it


def clean_issue(source: Source, config: CleanConfig) -> Document:
    """The stages of ``clean``, in order."""
    lines = read_lines(source.lines)
    removed = invisible_removals(source) if config.enabled("invisible_chars") else []
    lines, after_marker = take_out_markers(lines, config, removed)
    lines = take_out_furniture(lines, config, removed)
    ctx = measure_issue(lines, config, after_marker, removed)
    articles = tuple(build_article(part, ctx) for part in split_articles(lines, ctx))
    meta = Meta(source=source.name, encoding=source.encoding, language="zh-Hans")
    return Document(meta, articles, tuple(sorted(ctx.removed, key=lambda r: r.lines)), tuple(ctx.decisions))


def measure_issue(lines: list[Line], config: CleanConfig, after_marker: set[int],
                  removed: list[Removal]) -> Context:
    """What the whole issue tells about itself: column width, wrapping, how it paragraphs."""
    texts = [line.text for line in lines]
    width = column_width(line.width for line in lines)
    return Context(config=config, width=width, wrapped=is_wrapped(texts),
                   model=learn_margin_model(texts, width), broken_words=document_breaks_words(lines),
                   after_marker=after_marker, removed=removed, labels=recurring_labels(texts),
                   usual_gap=usual_gap([line.gap for line in lines[1:]]))


def invisible_removals(source: Source) -> list[Removal]:
    """Record each line that held invisible or control characters (dropped when lines are read)."""
    from cleaner.lines import CONTROL_CHAR, INVISIBLE

    removals = []
    for n, raw in enumerate(source.lines, start=1):
        if has_invisible(raw):
            invisible = "".join(ch for ch in raw if ord(ch) in INVISIBLE)
            control = "".join(CONTROL_CHAR.findall(raw))
            removals += [Removal(kind, text, (n, n), "invisible_chars")
                         for kind, text in (("invisible", invisible), ("control", control)) if text]
    return removals


def take_out_markers(lines: list[Line], config: CleanConfig,
                     removed: list[Removal]) -> tuple[list[Line], set[int]]:
    """Remove navigation markers; remember the line after each, where a new article starts."""
    if not config.enabled("toc_marker"):
        return lines, set()
    kept: list[Line] = []
    after_marker: set[int] = set()
    markers = config.profile.markers
    pending = False
    for line in lines:
        if is_navigation_marker(line.text, markers):
            removed.append(Removal("marker", line.text, (line.number, line.number), "toc_marker"))
            pending = True
            continue
        rest, marker = split_navigation_marker(line.text, markers)
        if marker:
            removed.append(Removal("marker", marker, (line.number, line.number), "toc_marker"))
            line = line.with_text(rest)
        if pending:
            after_marker.add(line.number)
            pending = False
        kept.append(line)
    return kept, after_marker


def take_out_furniture(lines: list[Line], config: CleanConfig, removed: list[Removal]) -> list[Line]:
    """Remove running heads and page numbers; the line after one inherits its page break."""
    if not (config.enabled("page_furniture") or config.enabled("profile_furniture")):
        return lines
    patterns = config.profile.furniture_patterns if config.enabled("profile_furniture") else ()
    found = find_page_furniture(lines, patterns) if config.enabled("page_furniture") else \
        find_page_furniture(lines, patterns) & {i for i, x in enumerate(lines) if _matches(x, patterns)}
    kept: list[Line] = []
    carry_break = False
    for i, line in enumerate(lines):
        if i in found:
            removed.append(Removal("furniture", line.text, (line.number, line.number), "page_furniture"))
            carry_break = True
            continue
        if carry_break:
            from dataclasses import replace

            line = replace(line, page_break=True, tight=False, chunk_start=line.chunk_start)
            carry_break = False
        kept.append(line)
    return kept


def document_breaks_words(lines: list[Line]) -> bool:
    """Does this extractor break English words at line ends (marking real word ends by a space)?"""
    pairs = [(a.space_after or b.space_before, a.text[-1:].isalpha() and b.text[:1].isalpha())
             for a, b in itertools.pairwise(lines)
             if is_latin_text(a.text) and is_latin_text(b.text)]
    return marks_word_ends(pairs)


def _matches(line: Line, patterns: tuple[str, ...]) -> bool:
    from cleaner.profile import pattern_search

    return any(pattern_search(p, line.text) for p in patterns)
