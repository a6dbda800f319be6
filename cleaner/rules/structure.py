"""Recognising an article's parts: section labels, titles, subtitles, bylines, headings, notes.

>>> is_byline("文/《财经》特派记者 金焱 发自华盛顿"), is_byline("编辑/苏琦"), is_byline("记者 江玮")
(True, True, True)
>>> is_byline("沈建光：京东集团首席经济学家"), is_byline("《财经》：时隔六年，你如何看待")
(True, False)
>>> is_subtitle("——专访复旦大学国际问题研究院院长")
True
>>> is_endnote("（翻译：臧博；编辑：袁满）"), is_endnote("（上海 林礼）"), is_endnote("（下称“进博会”）开")
(True, True, False)
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import regex

from cleaner.profile import pattern_search
from cleaner.text import (
    display_width,
    ends_paragraph_mark,
    ends_sentence,
    line_cache,
    open_brackets,
    open_quotes,
)

_ROLE = (r"(?:文|撰文|作者|编辑|责任编辑|责编|主编|记者|特派记者|特约记者|本刊记者|研究员|实习生|"
         r"翻译|编译|整理|采写|采访|口述|统筹|图文|策划|撰稿)")
BYLINE_WITH_SLASH = regex.compile(rf"^{_ROLE}\s*[/／:：|｜]\s*\S")
BYLINE_ROLE_NAME = regex.compile(
    r"^(?:《[^》]{1,12}》\s*)?(?:本刊|特派|特约|驻\p{Han}{1,4})?"
    r"(?:记者|研究员|实习生|撰稿人|通讯员|主笔|编辑|作者)\s*(?:\p{Han}{2,4}(?:[·•]\p{Han}{1,6})?\s*){1,4}"
    r"(?:发自\p{Han}{2,8}|报道)?$")
PERSON_WITH_TITLE = regex.compile(
    r"^\p{Han}{2,4}[：:]\S{2,40}(?:经济学家|教授|研究员|院长|所长|主任|总裁|总经理|董事长|首席\S{0,8}|"
    r"主席|合伙人|分析师|学者|专家|博士|作家|律师|顾问|会长|理事长|秘书长|创始人)$")
AFFILIATION_NAMES = regex.compile(
    r"^\S{2,20}(?:大学|学院|研究院|研究所|研究中心|中心|银行|公司|集团)(?:\s+\p{Han}{2,4}){1,4}$")
BOOK_CREDIT = regex.compile(r"^\S{2,24}(?:等)?(?:著|译|编著|主编|编)$")
SUBTITLE = regex.compile(r"^(?:——|—|－－|--)\s*\S")
LATIN_LABEL = regex.compile(r"^[A-Za-z][A-Za-z .&·'’,\-]{1,40}$")
TABLE_START = regex.compile(
    r"^(?:(?:表|图|附表)\s*\d+\s*[：:.]|(?:注|单位|资料来源|数据来源|来源|说明)\s*[：:])")
BRACKETED = regex.compile(r"^[（(].*[）)]$")
OPENING_BRACKETS = ("（", "(")  # what BRACKETED and SIGNATURE open with
ENDNOTE_WORDS = regex.compile(r"编辑|翻译|作者|化名|贡献|整理|校对|编译|供稿|来稿|特约|本文")
SIGNATURE = regex.compile(r"^[（(]\p{Han}{2,6}\s+\S{1,12}[）)]$")


@line_cache
def is_byline(text: str, extra_patterns: tuple[str, ...] = ()) -> bool:
    """True for a credit line of the article's authors or editors, in the usual forms."""
    if display_width(text) > 80 or ends_sentence(text):
        return False
    return bool(BYLINE_WITH_SLASH.match(text) or BYLINE_ROLE_NAME.match(text)
                or PERSON_WITH_TITLE.match(text) or AFFILIATION_NAMES.match(text)
                or BOOK_CREDIT.match(text)
                or any(pattern_search(p, text, at_start=True) for p in extra_patterns))


@line_cache
def is_subtitle(text: str) -> bool:
    """A subtitle under the title, introduced by a dash ("——专访…", "——对话…")."""
    return bool(SUBTITLE.match(text)) and not ends_sentence(text)


LABEL_WORD_SEPARATORS = regex.compile(r"[\s&·]+")


@line_cache
def is_english_label(text: str) -> bool:
    """A short English section label ("Cover Story", "Financial & Capital Market").

    >>> is_english_label("Cover Story"), is_english_label("The San Francisco meeting achieved.")
    (True, False)
    >>> is_english_label("Culture·Obituary"), is_english_label("Growth growth economy")
    (True, False)
    """
    if not LATIN_LABEL.match(text) or len(text.split()) > 5 or text.endswith("."):
        return False  # most lines: no word list built
    return all(word[:1].isupper() or word in ("of", "and", "the", "")
               for word in LABEL_WORD_SEPARATORS.split(text))


def is_section_label(text: str, sections: dict[str, str]) -> bool:
    """A section label the profile knows, Chinese or English (spaces ignored)."""
    known = _known_labels(tuple(sections.items()))
    if text.replace(" ", "") in known:
        return True
    # Two labels on one line ("资本与金融 理性投资"), as the text form writes a column label.
    parts = text.split()
    return len(parts) > 1 and all(part in known for part in parts)


@line_cache
def is_table_residue(text: str) -> bool:
    """A line left by a table or chart whose graphic is gone (表1：, 注：, 资料来源：, 单位：).

    >>> is_table_residue("表1：北交所成立两周年之际市场数据"), is_table_residue("资料来源：北交所官网")
    (True, True)
    """
    return text[:1] in TABLE_FIRST and bool(TABLE_START.match(text))


# The characters TABLE_START's alternatives open with (a pre-test; a test checks it against them).
TABLE_FIRST = frozenset("表图附注单资数来说")


@line_cache
def is_endnote(text: str) -> bool:
    """A note in brackets that closes an article: editors, translators, sources, signatures."""
    if text[:1] not in OPENING_BRACKETS or not BRACKETED.match(text):  # (most lines: no bracket)
        return False
    inner = text[1:-1]
    if "（" in inner or "(" in inner:
        return bool(ENDNOTE_WORDS.search(text))
    return bool(ENDNOTE_WORDS.search(text)) or bool(SIGNATURE.match(text))


# The editor's credit that closes an article, set plainly on its own line ("责任编辑：周宁"): the
# responsible editor signs at the end; the head's bylines write "编辑/…".
CLOSING_CREDIT = regex.compile(r"^(?:责任编辑|责编)\s*[：:/／]\s*\p{Han}{2,4}(?:[\s、，]+\p{Han}{2,4}){0,3}$")


@line_cache
def is_closing_credit(text: str) -> bool:
    """The responsible editor's credit that closes an article.

    >>> is_closing_credit("责任编辑：周宁"), is_closing_credit("编辑/周宁")
    (True, False)
    """
    return CLOSING_CREDIT.match(text) is not None


def holds_full_stop(text: str) -> bool:
    """A sentence ended inside the line: a paragraph's line (set short beside a float), never a
    heading's phrase.

    >>> holds_full_stop("日子更难过。由于供"), holds_full_stop("旧金山，新起点")
    (True, False)
    """
    return "。" in text[:-1]


@line_cache
def looks_like_heading(text: str, width: int) -> bool:
    """A short line with no paragraph-ending punctuation: a heading if it stands alone.

    >>> looks_like_heading("旧金山，新起点", 60), looks_like_heading("王毅说。", 60)
    (True, False)
    >>> looks_like_heading("这是稳定且久经测试的软件它只有在重大的安全或稳定性更新", 54)
    False
    >>> looks_like_heading("消费和投资的大幅走强是推高美国三季度增速的主要因素三季度的消", 54)
    True
    """
    line_width = display_width(text)
    if line_width == 0 or ends_paragraph_mark(text):
        return False
    if line_width > width + SMALLER_TYPE_SLACK and not any(ch.isascii() for ch in text):
        # More characters to the measure than a body line holds (smaller type, a caption's):
        # a block set apart from the paragraphs around it. A body line passes the column's
        # width by a hanging mark, or by a column or two where the width (the mode of the
        # lines' widths) falls short of the measure: justified lines that hold Latin words or
        # digits count short of the measure they fill.
        return text[-1] not in "，。、；：！？”’）》"
    # A heading is short beside its column.
    if line_width > max(16, width * 0.8):
        return False
    return text[-1:] not in "，、；—-" and not BRACKETED.match(text)


def leaves_open(text: str) -> bool:
    """The line opens a quotation, a bracket or a title mark it does not close: its sentence
    goes on in the next line. A heading is a whole phrase; what it quotes it closes.

    >>> leaves_open("“拆了就"), leaves_open("电气风电（688660.SH"), leaves_open("“三定”方案里的《方案》")
    (True, True, False)
    """
    return open_quotes(text) > 0 or open_brackets(text) > 0 or text.count("《") > text.count("》")


# How far past the column's width an all-CJK body line can run (display columns): a hanging
# mark, or the mode of the lines' widths falling short of the measure.
SMALLER_TYPE_SLACK = 3


LABEL = regex.compile(r"^([^：:，。、“”（）\s]{2,6})[：:]")


@line_cache
def label_of(text: str) -> str | None:
    """The label a line starts with ("获奖理由：…" → "获奖理由"), if any.

    >>> label_of("获奖理由：实现了全过程的可视化。"), label_of("他说，好")
    ('获奖理由', None)
    """
    if "：" not in text[2:7] and ":" not in text[2:7]:  # LABEL's colon stands 3rd to 7th
        return None
    match = LABEL.match(text)
    return match.group(1) if match else None


def recurring_labels(texts: list[str], minimum: int = 3) -> frozenset[str]:
    """Labels that open at least ``minimum`` lines of the issue (获奖成果, 获奖理由, 《财经》 …)."""
    from collections import Counter

    counts = Counter(label for label in map(label_of, texts) if label)
    return frozenset(label for label, n in counts.items() if n >= minimum)



@lru_cache(maxsize=16)
def _known_labels(sections: tuple[tuple[str, str], ...]) -> frozenset[str]:
    return frozenset(label.replace(" ", "") for label, _ in sections) | \
        frozenset(english.replace(" ", "") for _, english in sections if english)


QUESTION_ENDS = ("？", "?")
# A question that opens on a quotation mark or a label is someone's words (dialogue, an
# interviewer's "《财经》：…？"), never a section's heading.
SPOKEN_OPENINGS = "“「『‘\"'"


def question_headings(blocks: Sequence[tuple[str, str]], alone: Sequence[bool]) -> frozenset[int]:
    """Which of an article's blocks are questions that head its sections (rule ``question_heading``).

    ``blocks`` are the article's body blocks as (kind, text); ``alone[k]`` says block ``k`` is
    one line that stood alone: a paragraph of its own, not set in by a first-line indent.

    An article sets its in-article headings in one form. One that heads its sections with
    questions (a FAQ, an explainer) sets each question alone on its line with its answer in
    the paragraphs under it; an article whose headings are statements asks its questions in
    the body. So the questions are headings where they make two of every three of the
    article's headings (a doubtful heading found otherwise, a line set short beside a float,
    does not hide the form; an article with statement headings of its own keeps its
    questions paragraphs). One question alone is as likely a one-line paragraph: the form is
    an article's only when two questions share it. A question answered by another question,
    by nothing, or opening on a quotation mark or a label is someone speaking.

    >>> body = [("paragraph", "为什么要升级？"), ("paragraph", "因为旧版不再更新。"),
    ...         ("paragraph", "怎样升级？"), ("paragraph", "运行升级命令。")]
    >>> sorted(question_headings(body, [True, False, True, False]))
    [0, 2]
    >>> headed = [("heading", "升级之前"), *body, ("heading", "升级之后")]
    >>> sorted(question_headings(headed, [False, True, False, True, False, False]))
    []

    A single question alone, the body's first block over its answer, heads the first section:

    >>> sorted(question_headings(body[:2], [True, False]))
    [0]
    >>> sorted(question_headings(body[1:], [False, True, False]))
    []
    """
    found = frozenset(k for k in range(len(blocks)) if is_asked_alone(blocks, alone, k))
    statements = sum(kind == "heading" and not text.endswith(QUESTION_ENDS) for kind, text in blocks)
    # Two questions at least, and two of every three headings questions: doubtful headings
    # found otherwise (a line set short beside a float) do not hide the article's form.
    if len(found) >= 2 and len(found) >= 2 * statements:
        return found
    # One question alone that opens the body, over its answer: the first section's heading.
    return found if len(found) == 1 and opens_body(blocks, min(found)) else frozenset()


def opens_body(blocks: Sequence[tuple[str, str]], k: int) -> bool:
    """Block ``k`` is the body's first block of text (only floats, captions and tables before it).

    >>> opens_body([("caption", "图"), ("paragraph", "为什么？")], 1)
    True
    >>> opens_body([("paragraph", "甲。"), ("paragraph", "乙？")], 1)
    False
    """
    return all(kind in ("caption", "table") for kind, _ in blocks[:k])


def is_asked_alone(blocks: Sequence[tuple[str, str]], alone: Sequence[bool], k: int) -> bool:
    """Block ``k`` is a question alone on its line, answered by the paragraph under it."""
    kind, text = blocks[k]
    if kind != "paragraph" or not alone[k] or not text.endswith(QUESTION_ENDS):
        return False
    if text[:1] in SPOKEN_OPENINGS or label_of(text) is not None:
        return False
    # The answer under it (a float's caption or a table set between them is no answer).
    answer = next((j for j in range(k + 1, len(blocks)) if blocks[j][0] not in ("caption", "table")), None)
    if answer is None or blocks[answer][0] != "paragraph" \
            or (alone[answer] and blocks[answer][1].endswith(QUESTION_ENDS)):
        return False
    # A question after a colon is quoted ("他问：" / "为什么？"), not a heading.
    return k == 0 or not blocks[k - 1][1].endswith(("：", ":"))
