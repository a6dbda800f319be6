"""The cleaner, end to end: Source in, Document out, as the stages the design names.

read (``cleaner.lines``) → layout (``cleaner.layout``) → measure the issue (``cleaner.issue``)
→ articles (``cleaner.articles``: each article's head, then its body through classify
(``cleaner.classify``), repairs (``cleaner.repairs``) and paragraphs (``cleaner.paragraphs``)).
Each stage returns what it found (removals, decisions); nothing is appended to shared state.

>>> from cleaner.source import source_from_text
>>> text = "标题\\n\\n文/记者 张三\\n\\n第一段很长的正文，\\n\\n接着写完了。\\n\\n返回目录"
>>> doc = clean(source_from_text(text))
>>> doc.articles[0].title, [b.text for b in doc.articles[0].blocks], doc.removed[0].text
('标题', ['第一段很长的正文，接着写完了。'], '返回目录')
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from cleaner.articles import build_article, split_articles
from cleaner.config import CleanConfig
from cleaner.document import Document, Meta
from cleaner.found import Found
from cleaner.issue import measure_issue
from cleaner.language import text_language
from cleaner.layout import lay_out, split_side_by_side_columns
from cleaner.lines import invisible_removals, read_lines
from cleaner.source import Source
from cleaner.text import clear_line_caches


def clean(source: Source, config: CleanConfig | None = None) -> Document:
    """Clean one extracted issue: read its lines, lay them out, measure the issue, build articles."""
    try:
        with cyclic_gc_paused():
            return clean_issue(source, config or CleanConfig())
    finally:
        clear_line_caches()  # nothing keyed by this issue's lines outlives it


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Run the block without the cyclic garbage collector, then restore it as it was.

    The cleaner makes no reference cycles (its records refer down, never back), so reference
    counting frees all it drops; the collector would only walk the issue's live lines, words
    and records again and again as they pile up (about 80 collections per copy of the seed).

    >>> with cyclic_gc_paused():
    ...     gc.isenabled()
    False
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def clean_issue(source: Source, config: CleanConfig) -> Document:
    """The stages of ``clean``, in order."""
    drop_invisible = config.enabled("invisible_chars")
    read = Found(invisible_removals(source.lines) if drop_invisible else ())
    raw, columns = list(enumerate(source.lines, start=1)), Found()
    if config.enabled("column_split") and not source.hints:  # a PDF's layout has ordered its lines
        raw, columns = split_side_by_side_columns(raw)
    lines = read_lines([text for _, text in raw], drop_invisible,
                       plain_spaces=config.enabled("english_words"),
                       numbers=[number for number, _ in raw], hints=source.hints)
    lines, laid_out = lay_out(lines, config)
    # Cached line predicates serve repeats within a stage (one article, one pass over the issue);
    # emptied between stages, they hold one stage's lines, not the whole issue's (a stage seldom
    # asks what the one before asked: no measurable time is lost, a third of the peak memory is).
    clear_line_caches()
    issue = measure_issue(lines, config)
    clear_line_caches()
    parts = split_articles(lines, issue)
    clear_line_caches()
    built = []
    for part in parts:
        built.append(build_article(part, issue))
        clear_line_caches()
    found = Found.total([read, columns, laid_out, *(found for _, found in built)])
    meta = Meta(source=source.name, encoding=source.encoding, language=text_language(source.lines))
    return Document(meta, tuple(article for article, _ in built),
                    tuple(sorted(found.removals, key=lambda r: r.lines)), found.decisions)
