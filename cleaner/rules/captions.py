"""Figure captions and their credits (图/新华, 摄/郝洲, 图/视觉中国, 制表：张玲 …).

A caption is the group of lines that ends in a credit. Captions leave the paragraph flow and
become ``caption`` blocks where they stood; a paragraph they interrupted is joined again.

>>> is_caption_credit("会谈后，拜登邀请习近平一道在斐洛里庄园里散步。图/新华")
True
>>> is_caption_credit("图/")
True
>>> is_caption_credit("他在图书馆里看书。")
False
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import regex

from cleaner.text import ends_paragraph_mark, ends_sentence, line_cache

# Who took or drew it: a short name, agency or source, no sentence punctuation in it.
_WHO = r"[^。！？，；/／]{0,24}"
_PREFIX = (r"(?:图片来源|图片提供|图片|资料来源|数据来源|图文|摄影|摄|制图|制表|绘图|插图|漫画|"
           r"视觉设计|图)")
CREDIT_AT_END = regex.compile(
    rf"(?:^|(?<=[。！？”）)\s▲△■●]))[▲△■●]?\s*{_PREFIX}\s*[/／:：|｜]\s*(?P<who>{_WHO})$")
CREDIT_ONLY = regex.compile(rf"^[▲△■●]?\s*{_PREFIX}\s*[/／:：|｜]\s*(?P<who>{_WHO})$")


@line_cache
def is_caption_credit(text: str, extra_prefixes: tuple[str, ...] = ()) -> bool:
    """True when the line ends in a picture credit (the credit may be cut after "图/")."""
    if not has_credit_separator(text):  # every credit form has one; most lines have none
        return False
    if CREDIT_AT_END.search(text):
        return True
    return any(_extra_credit(p).search(text) for p in extra_prefixes)


@lru_cache(maxsize=256)
def _extra_credit(prefix: str) -> regex.Pattern:
    """A profile's credit prefix as a credit at the line end, compiled once per prefix."""
    return regex.compile(rf"(?:^|[。！？”）\s]){regex.escape(prefix)}\s*[/／:：]\s*{_WHO}$")


# The marks between a credit's prefix and its name, in CREDIT_AT_END and in a profile's credits.
CREDIT_SEPARATORS = "/／:：|｜"
# Stdlib ``re``: a plain character class, searched in C without one Python call per mark.
CREDIT_SEPARATOR = re.compile(f"[{re.escape(CREDIT_SEPARATORS)}]")


def has_credit_separator(text: str) -> bool:
    """True when ``text`` holds a mark that separates a credit's prefix from its name: a line
    without one cannot be a credit, and the test is much cheaper than the credit pattern."""
    # Six scans in C (``in``), each several times faster than the class's search in ``re``.
    return "/" in text or "：" in text or ":" in text or "／" in text or "|" in text or "｜" in text


def credit_is_cut(text: str) -> bool:
    """True when a credit stops right after its slash or inside a name ("图/", "图/视觉中").

    >>> credit_is_cut("散步。图/"), credit_is_cut("图/新华")
    (True, False)
    """
    match = CREDIT_AT_END.search(text) if has_credit_separator(text) else None
    return bool(match) and match.group("who").strip() == ""


def is_credit_tail(text: str) -> bool:
    """A short line that can only be the rest of a credit cut at a line end ("新华", "国").

    >>> is_credit_tail("国"), is_credit_tail("新华"), is_credit_tail("年11月15日，国家")
    (True, True, False)
    """
    return 0 < len(text) <= 6 and CREDIT_TAIL.fullmatch(text) is not None


CREDIT_TAIL = regex.compile(r"[\p{Han}A-Za-z·]+")  # compiled once, not looked up per call


# Typesetting puts a space between Han characters and digits ("2023 年 11 月"): it is no part of the date.
CAPTION_DATE = regex.compile(
    r"^[▲△■●]?\s*(?:(?:1[89]|20)\d\d\s?年\s?\d{1,2}\s?月(?:\s?\d{1,2}\s?日)?|\d{1,2}\s?月\s?\d{1,2}\s?日)")


def starts_caption_date(text: str) -> bool:
    """A line that opens with a date, as press captions do ("2023年5月29日，…").

    >>> starts_caption_date("2023年5月29日，对接会在合肥举行。"), starts_caption_date("据了解，2023年")
    (True, False)
    >>> starts_caption_date("2023 年 11 月 7 日，第六届进博会的技术装备展区。")
    True
    """
    return bool(CAPTION_DATE.match(text))


# Marks that continue a sentence: no sentence and no paragraph starts with one.
CONTINUATION_MARKS = "，、。；：）”"


def interrupts_sentence(before: str, block_end: str, after: str) -> bool:
    """A block that closes a sentence, set between a line that runs on and a line that can only
    continue a sentence: the layout put it there (a caption without a credit, a float).

    >>> interrupts_sentence("这份邮件附有一份名为《国家税务总局关于", "国家税务总局的官方文件。", "，要求")
    True
    >>> interrupts_sentence("他说。", "新的一段。", "，接着")
    False
    """
    # The rare continuation mark is tested first: most line pairs fail there, before the rest.
    return after[:1] in CONTINUATION_MARKS and not ends_paragraph_mark(before) and before[-1:] not in "：:" \
        and ends_sentence(block_end)


def stands_apart(texts: Sequence[str], blank_before: bool, blank_after: bool) -> bool:
    """A short block of whole sentences with a blank line above and below it, in a text whose
    paragraphs follow one another without one: the extractor wrote it as a text block of its own
    (a float's caption set in its own type, with no credit). A heading closes no sentence; a
    bracketed note closes an article.

    >>> stands_apart(["拜登展示的1985年习近平照片。"], True, True)
    True
    >>> stands_apart(["拜登展示的1985年习近平照片。"], True, False), stands_apart(["文件安装"], True, True)
    (False, False)
    """
    if not (blank_before and blank_after) or not texts or len(texts) > MAX_SET_APART_LINES:
        return False
    last = texts[-1]
    return ends_sentence(last) and not (last[:1] in "（(" and last[-1:] in "）)")


# A caption runs a line or a few; a longer block set apart is a box or a pull-out of the text.
MAX_SET_APART_LINES = 4
