"""Character classes and measures shared by the rules.

>>> display_width("中文ab")
6
>>> ends_sentence("他说。”")
True
"""

from __future__ import annotations

import re
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


# The wide characters Chinese text is mostly set in (CJK punctuation, kana, the unified Han
# ideographs, full-width forms), each of them wide by WIDE_RUN too (a test checks every one), and
# the narrow marks it mixes in (ASCII, the curly quotes, dashes and ellipsis, the middle dot),
# none wide. Stdlib ``re`` takes a class of those wide ones out of a line in about half the time
# the ``regex`` module takes for the East_Asian_Width properties; a line holding any other
# character is measured by WIDE_RUN itself. (Compiling a stdlib class costs in proportion to
# the characters it holds: 10M instructions for these, at every start; so it is one class.)
COMMON_WIDE = "\u3000-\u303e\u3040-\u30ff\u4e00-\u9fff\uff01-\uff60\uffe0-\uffe6"
COMMON_NARROW = "".join(map(chr, range(128))) + "\u00b7" + "".join(map(chr, range(0x2010, 0x2028)))
COMMON_WIDE_RUN = re.compile(f"[{COMMON_WIDE}]+")


def without_common_wide(text: str) -> str:
    """``text`` without its common wide characters (``COMMON_WIDE``).

    >>> without_common_wide("“中美”关系—2023年……")
    '“”—2023……'
    """
    return COMMON_WIDE_RUN.sub("", text)


@line_cache
def display_width(text: str) -> int:
    """Display columns of ``text`` (a CJK character counts 2).

    Counted as the length minus what is left without the wide characters: no list of one
    string per character (a 96 MB line would need gigabytes). The common wide characters are
    taken out first (``COMMON_WIDE``); only a line with others left is measured by WIDE_RUN.

    >>> display_width("“中美”关系—2023年……"), display_width("한국어 ｶﾅ")
    (19, 9)
    """
    if text.isascii():  # no wide character in ASCII: the common Latin, digit and space runs
        return len(text)
    rest = COMMON_WIDE_RUN.sub("", text)
    if not rest.isascii() and rest.strip(COMMON_NARROW):  # some other character is left
        rest = WIDE_RUN.sub("", rest)
    return 2 * len(text) - len(rest)


def is_han(ch: str) -> bool:
    """True for a Han ideograph.

    >>> is_han("中"), is_han("a")
    (True, False)
    """
    return bool(ch) and HAN_RE.match(ch) is not None


def is_wide(ch: str) -> bool:
    """True for a character set full-width (Han, kana, CJK punctuation)."""
    return bool(ch) and char_width(ch) == 2


# Characters found full-width so far: a line's characters are tested as one set against them (a
# subset test in C) and only the ones not seen before one by one, instead of a Python call per
# character of every line. Keyed by character, not line text: it holds at most the characters
# of the scripts the issues use, so it may outlive an issue.
_SEEN_WIDE: set[str] = set()


def all_wide(text: str, also: frozenset[str] = frozenset()) -> bool:
    """True when every character of ``text`` is full-width (``is_wide``) or one of ``also``.

    >>> all_wide("中文，"), all_wide("中a"), all_wide("“中”", frozenset("“”")), all_wide("")
    (True, False, True, True)
    """
    unseen = set(text) - _SEEN_WIDE - also
    if not all(map(is_wide, unseen)):
        return False
    _SEEN_WIDE.update(unseen)
    return True


def _strip_closers(text: str) -> str:
    """Drop closing quotes and brackets from the end: what is left shows how the sentence ended.

    >>> strip_closers("好。”）")
    '好。'
    """
    return text.rstrip(CLOSING_MARKS + " ")


def _ends_sentence(text: str) -> bool:
    """True when ``text`` ends a sentence, closing quotes or brackets allowed after it.

    An ASCII full stop ends an English sentence, but not a number cut at its decimal point.

    >>> ends_sentence("结束了。"), ends_sentence("还没有，"), ends_sentence("（上海 林礼）")
    (True, False, False)
    >>> ends_sentence("in global oil prices."), ends_sentence("环比上涨0.")
    (True, False)
    """
    core = _strip_closers(text)
    if core.endswith(".") and len(core) > 1:
        return (core[-2].isalpha() and core[-2].isascii()) or core[-2] in "\"')”’"
    return bool(core) and core[-1] in SENTENCE_ENDS


def _ends_paragraph_mark(text: str) -> bool:
    """True when ``text`` ends in punctuation a paragraph can end with (also ：；, and “…”）)."""
    core = _strip_closers(text)
    if not core:
        return False
    if core[-1] in PARAGRAPH_ENDS or _ends_sentence(text):
        return True
    # A whole bracketed line, such as the signature "（上海 林礼）", ends there too.
    return text[-1:] in "）)" and text[:1] in "（(" and open_brackets(text) == 0


# The cached forms, for texts asked again within a stage. The functions above call each other
# uncached, and ``Line`` computes its record with them: a line's features are not also kept
# in the caches (each cached result costs memory as long as the stage runs).
strip_closers = line_cache(_strip_closers)
ends_sentence = line_cache(_ends_sentence)
ends_paragraph_mark = line_cache(_ends_paragraph_mark)
line_ends_paragraph_mark = _ends_paragraph_mark


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
