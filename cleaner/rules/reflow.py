"""Reflowing hard-wrapped lines into paragraphs: the width model and the margin model.

A line that falls clearly short of the column and ends in closing punctuation ends its paragraph.
A line that fills the column continues, unless it ends in closing punctuation: then the sentence
ended exactly at the margin and other evidence decides (quote balance, what the next line starts
with, learned from this very issue).

>>> column_width([60, 60, 58, 61, 60, 24, 60, 12, 60, 59])
60
>>> join_text("中美关系历经波折止跌回", "稳，来到一个新起点")
'中美关系历经波折止跌回稳，来到一个新起点'
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import regex

from cleaner.rules.english import is_latin_text, join_latin
from cleaner.text import (
    SENTENCE_ENDS,
    display_width,
    ends_paragraph_mark,
    is_wide,
    open_quotes,
)

SPEAKER = regex.compile(r"^[^，。：:“”]{1,14}[：:]")
# A sentence ends mid-line here: the text after it starts a sentence that continues a paragraph.
MIDLINE_SENTENCE_END = regex.compile(rf"[{SENTENCE_ENDS}][”’」』）)]?(?=\S)")


def column_width(widths: Iterable[int]) -> int:
    """The width body lines are set to: the 80th percentile of the longer lines' widths.

    Never a fixed number: other layouts wrap at 16–40 characters (32–80 columns).
    """
    usable = sorted(w for w in widths if w >= 8)
    if not usable:
        return 0
    return usable[min(len(usable) - 1, int(len(usable) * 0.8))]


def is_wrapped(widths: Sequence[int], width: int) -> bool:
    """Is the text hard-wrapped at all? Wrapped text has many lines at the column width.

    >>> is_wrapped([60, 60, 59, 30, 60], 60), is_wrapped([230, 96, 412, 40, 150], 230)
    (True, False)
    """
    if width == 0 or not widths:
        return False
    near = sum(1 for w in widths if abs(w - width) <= max(2, width * 0.05))
    return near >= 0.25 * len(widths) and near >= 2


def margin_slack(width: int, latin: bool = False) -> int:
    """How far short of the column a line may fall and still count as full.

    Proportional Latin type varies more than CJK cells, so its slack is larger.
    """
    return max(2, round(width * (0.16 if latin else 0.05)))


def fills_column(line_width: int, width: int, latin: bool = False) -> bool:
    """True when a line reaches the margin (within the slack)."""
    return line_width >= width - margin_slack(width, latin)


def join_text(before: str, after: str, spaced: bool = False, broken_words: bool = False) -> str:
    """Join two wrapped lines: no space where CJK meets anything, Latin rules otherwise.

    >>> join_text("据USITC数据计算，美国自华商品进口占比从", "2017年21.6%")
    '据USITC数据计算，美国自华商品进口占比从2017年21.6%'
    >>> join_text("CEO", "Larry Fink", spaced=True)
    'CEO Larry Fink'
    """
    if not before:
        return after
    if not after:
        return before
    if is_wide(before[-1]) or is_wide(after[0]):
        return before + after
    if before[-1].isdigit() and after[0].isdigit() and not spaced:
        return before + after
    return join_latin(before, after, broken_words=broken_words, spaced=spaced)


def sentence_start_features(text: str) -> list[str]:
    """What a sentence start looks like, most specific first (used by the margin model).

    >>> sentence_start_features("吴心伯：这次会晤")
    ['c3:吴心伯', 'c2:吴心', 'c1:吴', 'speaker']
    """
    features = [f"c3:{text[:3]}", f"c2:{text[:2]}", f"c1:{text[:1]}"]
    if SPEAKER.match(text):
        features.append("speaker")
    elif text[:1].isdigit():
        features.append("digit")
    elif text[:1] in "“「":
        features.append("quote")
    else:
        features.append("other")
    return features


@dataclass
class MarginModel:
    """Counts of how sentences start when they open a paragraph versus when they continue one.

    Learned from the issue itself: a sentence after a short closing line opens a paragraph, a
    sentence after a mid-line 。 continues one. Used only where the margin leaves it open.
    """

    opens: Counter[str] = field(default_factory=Counter)
    continues: Counter[str] = field(default_factory=Counter)
    total_opens: int = 0
    total_continues: int = 0

    def learn_opening(self, text: str) -> None:
        self.total_opens += 1
        self.opens.update(sentence_start_features(text))

    def learn_continuation(self, text: str) -> None:
        self.total_continues += 1
        self.continues.update(sentence_start_features(text))

    def opening_score(self, text: str) -> tuple[float, str]:
        """Log-odds that ``text`` opens a paragraph, from its most specific known feature."""
        if not self.total_opens or not self.continues:
            return 0.0, "no data"
        for feature in sentence_start_features(text):
            seen = self.opens[feature] + self.continues[feature]
            if seen >= 4 or feature.startswith(("speaker", "digit", "quote", "other", "c1:")):
                p_open = (self.opens[feature] + 0.5) / (self.total_opens + 1)
                p_cont = (self.continues[feature] + 0.5) / (self.total_continues + 1)
                counts = f"opens {self.opens[feature]}×, continues {self.continues[feature]}×"
                return math.log(p_open / p_cont), f"{feature} {counts}"
        return 0.0, "unseen"


def learn_margin_model(paragraph_lines: Iterable[Sequence[str]], width: int) -> MarginModel:
    """Learn sentence starts from runs of body lines (each run one stretch of body text)."""
    model = MarginModel()
    for run in paragraph_lines:
        for before, after in itertools.pairwise(run):
            if ends_paragraph_mark(before) and not fills_column(_width(before), width, is_latin_text(before)):
                model.learn_opening(after)
        for line in run:
            for match in MIDLINE_SENTENCE_END.finditer(line):
                rest = line[match.end():]
                if len(rest) >= 2 and open_quotes(line[: match.end()]) <= 0:
                    model.learn_continuation(rest)
    return model


def _width(text: str) -> int:
    from cleaner.text import display_width

    return display_width(text)


@dataclass(frozen=True, slots=True)
class Boundary:
    """The verdict on the break between two body lines."""

    ends_paragraph: bool
    rule: str
    evidence: str
    margin: bool = False
    weak: bool = False


def decide_boundary(before: str, after: str, paragraph: str, paragraph_lines: int, width: int,
                    model: MarginModel | None) -> Boundary:
    """Does the paragraph end after the line ``before`` (the next line being ``after``)?

    ``paragraph`` is the paragraph's text so far, ``paragraph_lines`` its line count.

    >>> decide_boundary("他说。", "新段落", "他说。", 1, 60, None).ends_paragraph
    True
    >>> full_line = "中美关系历经波折止跌回稳，来到一个令世人振奋的新起点的一"
    >>> decide_boundary(full_line, "段", "", 1, 60, None).ends_paragraph
    False
    """
    latin = is_latin_text(before)
    if latin and not ends_paragraph_mark(before) and not fills_column(_width(before), width, latin) \
            and after[:1].isupper() and not before.endswith(("-", ",", "‐")) \
            and (ends_paragraph_mark(after) or fills_column(_width(after), width, latin)):
        return Boundary(True, "heading", "short English line without punctuation before a capital")
    if not ends_paragraph_mark(before):
        if ends_without_mark(before, after, width, latin):
            return Boundary(True, "cjk_reflow", "line well short of the column, nothing pushed it short")
        return Boundary(False, "cjk_reflow", "no closing punctuation")
    if not fills_column(_width(before), width, latin):
        return Boundary(True, "cjk_reflow", "short line with closing punctuation")
    # The sentence ended at the margin.
    if open_quotes(paragraph) > 0:
        return Boundary(False, "margin_model", "a quotation is still open", margin=True)
    if after[:1] in "”」』）)，、。；：":
        return Boundary(False, "margin_model", "next line starts with closing punctuation", margin=True)
    if latin:
        starts_upper = after[:1].isupper() or after[:1].isdigit()
        return Boundary(False, "margin_model", "English sentence continues"
                        if not starts_upper else "English: no paragraph cue", margin=True,
                        weak=starts_upper)
    score, evidence = model.opening_score(after) if model else (0.0, "no model")
    if paragraph_lines <= 1:
        score -= 0.7
        evidence += "; paragraph only one line so far"
    elif paragraph_lines >= 8:
        score += 0.5
        evidence += f"; paragraph already {paragraph_lines} lines"
    if before.endswith(("：", ":", "；", ";")):
        score -= 1.0
        evidence += "; colon or semicolon at line end"
    return Boundary(score > 0, "margin_model", f"score {score:+.2f}: {evidence}", margin=True,
                    weak=abs(score) < 0.3)


UNBREAKABLE_START = regex.compile(r"^[（(“\"【〔\[《]?[A-Za-z0-9][A-Za-z0-9.,%&\-_/:]*[）)”\"】〕\]》]?")


def pushed_short(line_width: int, following: str, width: int) -> bool:
    """Was a line pushed short because the next line's first word could not be broken?

    A long Latin word, a number or a bracketed code ("（601615.SH）") that did not fit leaves
    the line short in mid-paragraph.

    >>> pushed_short(47, "（601615.SH）、运达股份", 60), pushed_short(20, "日语名为", 60)
    (True, False)
    """
    match = UNBREAKABLE_START.match(following)
    return bool(match) and line_width + display_width(match.group(0)) >= width - margin_slack(width)


def ends_without_mark(before: str, after: str, width: int, latin: bool = False) -> bool:
    """A CJK line well short of the column with no closing punctuation, that no unbreakable word
    pushed short, ends its paragraph: CJK type fills every line but the last.

    A year before its 年, a line before Latin text or before closing punctuation continues.

    >>> ends_without_mark("进包河区、高新区建成新一批四个国际化社区", "当初，为了更好地服务", 60)
    True
    >>> ends_without_mark("2023", "年11月15日", 60)
    False
    >>> ends_without_mark("共轨系统的简称为CRS，是", "common rail", 60)
    False
    """
    if latin or not before or not after:
        return False
    line_width = display_width(before)
    if line_width >= width - max(6, round(width * 0.1)) or pushed_short(line_width, after, width):
        return False
    return not (after[0].isascii() or after[0] in "年月日”」』）)，、。；：！？%％" or before[-1].isascii())
