"""Character classes and measures shared by the rules.

>>> display_width("中文ab")
6
>>> ends_sentence("他说。”")
True
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

HAN = r"\p{Han}"
HAN_RE = regex.compile(HAN)
# What may close a sentence at a line end. Quotes and brackets close only after one of these.
SENTENCE_ENDS = "。！？!?…"
CLOSING_MARKS = "”’」』）)》】"
# Punctuation after which a paragraph may end: sentence ends, also ：； (a paragraph can end there).
PARAGRAPH_ENDS = SENTENCE_ENDS + "：；"
# Characters a line can never end with inside a word; the extractor kept them at a wrap.
NO_BREAK_SPACE = "\u00a0"


# Pure predicates of a line's text are cached while one issue is cleaned (each line is asked
# several times); ``clear_line_caches`` empties them after each issue, so nothing keyed by line
# text outlives it (a batch worker would otherwise keep every issue's lines); the pipeline also
# empties them between its stages. Unbounded within a stage: a stage may pass over all lines
# several times, so a bounded LRU smaller than the issue evicts every line before the next pass
# asks for it again (at 240k lines, 4.5 times the misses; each MB cost 1.7 times what it costs
# on the seed), and a plain dict takes less memory than LRU links.
LINE_CACHES: list = []


def line_cache(function):  # type: ignore[no-untyped-def]
    """A cache of a predicate of line text for one issue, emptied by ``clear_line_caches``."""
    cached = lru_cache(maxsize=None)(function)
    LINE_CACHES.append(cached)
    return cached


def clear_line_caches() -> None:
    """Drop every cached line-text result (called when an issue is done)."""
    for cached in LINE_CACHES:
        cached.cache_clear()


@lru_cache(maxsize=65536)
def char_width(ch: str) -> int:
    """Display columns of one character: East Asian Wide/Fullwidth count 2."""
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


# Runs of wide characters, taken out at once: CJK text is mostly wide, and removing a run in one
# match is about six times faster than one match per character (same count either way).
WIDE_RUN = regex.compile(r"[\p{East_Asian_Width=Wide}\p{East_Asian_Width=Fullwidth}]+")


@line_cache
def display_width(text: str) -> int:
    """Display columns of ``text`` (a CJK character counts 2).

    Counted as the length minus what is left without the wide characters: no list of one
    string per character (a 96 MB line would need gigabytes).
    """
    if text.isascii():  # no wide character in ASCII: the common Latin, digit and space runs
        return len(text)
    return 2 * len(text) - len(WIDE_RUN.sub("", text))


def is_han(ch: str) -> bool:
    """True for a Han ideograph.

    >>> is_han("中"), is_han("a")
    (True, False)
    """
    return bool(ch) and HAN_RE.match(ch) is not None


def is_wide(ch: str) -> bool:
    """True for a character set full-width (Han, kana, CJK punctuation)."""
    return bool(ch) and char_width(ch) == 2


@line_cache
def strip_closers(text: str) -> str:
    """Drop closing quotes and brackets from the end: what is left shows how the sentence ended.

    >>> strip_closers("好。”）")
    '好。'
    """
    return text.rstrip(CLOSING_MARKS + " ")


@line_cache
def ends_sentence(text: str) -> bool:
    """True when ``text`` ends a sentence, closing quotes or brackets allowed after it.

    An ASCII full stop ends an English sentence, but not a number cut at its decimal point.

    >>> ends_sentence("结束了。"), ends_sentence("还没有，"), ends_sentence("（上海 林礼）")
    (True, False, False)
    >>> ends_sentence("in global oil prices."), ends_sentence("环比上涨0.")
    (True, False)
    """
    core = strip_closers(text)
    if core.endswith(".") and len(core) > 1:
        return (core[-2].isalpha() and core[-2].isascii()) or core[-2] in "\"')”’"
    return bool(core) and core[-1] in SENTENCE_ENDS


@line_cache
def ends_paragraph_mark(text: str) -> bool:
    """True when ``text`` ends in punctuation a paragraph can end with (also ：；, and “…”）)."""
    core = strip_closers(text)
    if not core:
        return False
    if core[-1] in PARAGRAPH_ENDS or ends_sentence(text):
        return True
    # A whole bracketed line, such as the signature "（上海 林礼）", ends there too.
    return text[-1:] in "）)" and text[:1] in "（(" and open_brackets(text) == 0


def open_quotes(text: str) -> int:
    """Opening minus closing double quotes: > 0 means a quotation is still open.

    >>> open_quotes("他说：“我们"), open_quotes("“好。”")
    (1, 0)
    """
    return text.count("“") + text.count("「") - text.count("”") - text.count("」")


def open_brackets(text: str) -> int:
    """Opening minus closing round brackets.

    >>> open_brackets("（上海 林礼）"), open_brackets("（下称“山西银行”）于（")
    (0, 1)
    """
    return text.count("（") + text.count("(") - text.count("）") - text.count(")")


def is_whole_quote(text: str) -> bool:
    """A line that is one quotation with no sentence end after it, as a pull quote is set.

    >>> is_whole_quote("“没有人会拿出10亿美元让我烧”"), is_whole_quote("“好。”他说")
    (True, False)
    """
    return text[:1] in "“「" and text[-1:] in "”」" and open_quotes(text[:-1]) == 1
