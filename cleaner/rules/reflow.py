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
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from cleaner.lines import Line, as_line, as_lines
from cleaner.quick_init import quick_init
from cleaner.rules.english import breaks_inside_token, is_latin_text, join_latin
from cleaner.rules.spacing import meets_script
from cleaner.rules.structure import label_of
from cleaner.text import (
    SENTENCE_ENDS,
    all_wide,
    display_width,
    is_wide,
    open_quotes,
    without_common_wide,
)

# "袁野介绍。", "吴心伯说。": who said the quotation that just closed.
ATTRIBUTION = regex.compile(
    r"^[\p{Han}·]{2,12}(?:介绍|表示|说|指出|认为|称|坦言|透露|强调|告诉《[^》]{1,12}》(?:记者)?)。")
DATE_START = regex.compile(
    r"^(?:[〇零一二三四五六七八九]{4}年|[一二三四五六七八九十]{1,3}月|(?:今|去|前|明)年)")
LONE_LABEL = regex.compile(r"^[\p{Han}]{2,5}[：:]$")
SPEAKER = regex.compile(r"^[^，。：:“”]{1,14}[：:]")
# A sentence ends mid-line here: the text after it starts a sentence that continues a paragraph.
MIDLINE_SENTENCE_END = regex.compile(rf"[{SENTENCE_ENDS}][”’」』）)]?(?=\S)")


def column_width(widths: Iterable[int]) -> int:
    """The width body lines are set to: the most common width among the longer half of lines.

    Never a fixed number: other layouts wrap at 16–40 characters (32–80 columns). A line that
    ends in hanging punctuation or holds digits can be a column or two wider; the mode ignores it.
    """
    usable = sorted(w for w in widths if w >= 8)
    if not usable:
        return 0
    longer = usable[len(usable) // 2:]
    counts = Counter(longer)
    best = max(counts.values())
    return max(w for w, n in counts.items() if n == best)


def is_wrapped(lines: Sequence[str] | Sequence[Line]) -> bool:
    """Is the text hard-wrapped at all, or is every line already a whole paragraph?

    In flowed text (magclean's own text output, a word processor's export) nearly every long
    line ends where a paragraph may end; in wrapped text most lines stop mid-sentence.

    >>> is_wrapped(["中美关系历经波折，止跌回稳，来到", "一个新起点。"])
    True
    >>> is_wrapped(["标题", "中美关系历经波折，止跌回稳，来到一个新起点。"])
    False

    Whole paragraphs run past any measure; a few left open (a damaged first pass) do not make
    them wrapped lines:

    >>> paragraphs = ["甲" * (w // 2 - 1) + "。" for w in (60, 62, 70, 90, 100, 100, 120, 120)]
    >>> is_wrapped(paragraphs + ["乙" * 75 + "，", "丙" * 100 + "，"])
    False
    """
    # Titles, bylines and headings are short and unpunctuated in both: only long lines tell.
    # (Each line's width and end read from its record: ``lines`` may be texts or lines.)
    records = as_lines(lines)
    long_lines = [line for line in records if line.width >= 24] or \
        [line for line in records if line.width >= 8]
    if not long_lines:
        return False
    open_ended = [line for line in long_lines if not line.ends_mark]
    # A title ends without punctuation in flowed text too; a line that stops at a comma cannot
    # be a whole paragraph. A wrapped paragraph of two lines already leaves one line open.
    widest = max(line.width for line in long_lines)
    stops_mid_sentence = any(stops_on_clause_mark(line.text) or line.width >= 0.9 * widest
                             for line in open_ended)
    share = len(open_ended) / len(long_lines)
    if not (share >= 0.6 or (share >= 0.15 and stops_mid_sentence)):
        return False
    # Wrapped lines are set to one measure: many of them end at the column, within its slack on
    # either side (hanging punctuation, digits). Whole paragraphs on a line each have the lengths
    # of paragraphs, which spread widely, also far past any measure.
    widths = [line.width for line in long_lines]
    return len(long_lines) < 8 or at_measure(widths, column_width(widths)) >= 0.3 * len(widths)


def stops_on_clause_mark(text: str) -> bool:
    """The line stops on a comma, a pause or a dash: inside a sentence, never a paragraph's end.
    A dash that closes a page number glued to the line's end ("— 9 —", a running head and
    folio a first pass left inside its paragraph) is the page's, not the sentence's.

    >>> stops_on_clause_mark("稽查局等，"), stops_on_clause_mark("他说——")
    (True, True)
    >>> stops_on_clause_mark("统一监督管理，强南方周末刊 第 12 期 — 9 —")
    False
    """
    return text[-1:] in "，、；—,;" and ENDS_ON_FOLIO.search(text) is None


# A page number set between dashes at a line's end ("…强南方周末刊 第 12 期 — 9 —").
ENDS_ON_FOLIO = regex.compile(r"[—－-]\s*\d{1,4}\s*[—－-]$")


def at_measure(widths: Sequence[int], width: int) -> int:
    """How many lines fill a measure: the column's, within its slack above (a hanging mark) and
    below by as much as a dropped 2-em indent or the Latin words of a justified line take
    (proportional letters print wider than the columns they count: such a line counts short
    of a measure it fills in print); or a narrower measure that most of the other lines keep
    (lines beside a wrapped figure).

    >>> at_measure([68, 64, 62, 50, 50, 50, 50, 20], 68)
    7
    >>> at_measure([60, 62, 70, 90, 100, 120, 150, 200], 120)
    1

    A measure no printed column takes is held only by lines of its exact width:

    >>> at_measure([31, 31, 31, 300, 380, 463], 463)
    1
    """
    slack = margin_slack(width)
    if width > WIDEST_MEASURE:
        # No printed column is this wide: the "measure" is the length of whole paragraphs.
        return sum(abs(w - width) <= slack for w in widths)
    short = max(slack, width // 8)
    full = [width - short <= w <= width + slack for w in widths]
    rest = Counter(w for w, f in zip(widths, full, strict=True) if not f)
    narrow = max(rest, key=lambda w: (rest[w], w)) if rest else 0
    beside = sum(abs(w - narrow) <= margin_slack(narrow) for w in rest.elements()) \
        if rest and rest[narrow] >= MIN_NARROW_RUN else 0
    return sum(full) + beside


# The widest measure a printed column takes, in columns (60 characters: a full A4 page in
# small body type); a wider "measure" of a text is the length of its whole paragraphs.
WIDEST_MEASURE = 120
# Lines at one narrower width that make it a measure (two paragraphs can be of one length).
MIN_NARROW_RUN = 3


@lru_cache(maxsize=1024)  # keyed by column widths, a handful per issue; asked for every line pair
def margin_slack(width: int, latin: bool = False) -> int:
    """How far short of the column a line may fall and still count as full.

    Proportional Latin type varies more than CJK cells, so its slack is larger.
    """
    return max(2, round(width * (0.16 if latin else 0.05)))


def fills_column(line_width: int, width: int, latin: bool = False) -> bool:
    """True when a line reaches the margin (within the slack)."""
    return line_width >= width - margin_slack(width, latin)


# How much justification glue each cut of a printed line hides: the joined text keeps none of
# a gap wide enough for the extractor to cut the line at (up to two ems).
CUT_GAP_CELLS = 4


def pieces_fill_column(widths: Sequence[int], width: int) -> bool:
    """Do these pieces of a line, each short of the column, fill it together but for the gaps
    the cuts between them took out (narrow columns justified around Latin words)?

    >>> pieces_fill_column([12, 6, 8], 32), pieces_fill_column([12, 6], 32), pieces_fill_column([20, 20], 32)
    (True, False, False)
    """
    slack = margin_slack(width)
    total = sum(widths)
    return len(widths) > 1 and width - slack - CUT_GAP_CELLS * (len(widths) - 1) <= total <= width + slack


def join_text(before: str, after: str, spaced: bool = False, broken_words: bool = False,
              script_space: bool = False) -> str:
    """Join two wrapped lines: no space where CJK meets anything, Latin rules otherwise; where
    Han meets a Latin letter or digit, a space if ``script_space`` (the text sets one there).

    >>> join_text("据USITC数据计算，美国自华商品进口占比从", "2017年21.6%")
    '据USITC数据计算，美国自华商品进口占比从2017年21.6%'
    >>> join_text("大多数当代的", "Linux 发行版", script_space=True)
    '大多数当代的 Linux 发行版'
    >>> join_text("CEO", "Larry Fink", spaced=True)
    'CEO Larry Fink'
    >>> join_text("魅力中国—", "—外籍人才")
    '魅力中国——外籍人才'
    """
    if not before:
        return after
    if not after:
        return before
    if not (_latin_side(before[-1]) and _latin_side(after[0])):
        if script_space and meets_script(before[-1], after[0]):
            return before + " " + after
        return before + after  # CJK, dashes and other symbols join without a space
    if before[-1].isdigit() and after[0].isdigit() and not spaced:
        return before + after
    return join_latin(before, after, broken_words=broken_words, spaced=spaced)


CONTINUING_START = "这此该其而但且并"
SAYING = ("表示", "说", "指出", "认为", "介绍", "坦言", "透露", "称", "写道", "强调")


@dataclass
class MarginModel:
    """How this issue paragraphs, learned from the paragraphs whose ends are not in doubt.

    ``lengths`` counts body paragraphs by their number of lines; ``sentence_rate`` is how many
    sentences end inside a full line, on average. Both decide a sentence that ended exactly at
    the margin: a paragraph that is already as long as this issue's paragraphs tend to be has
    probably ended, and the rarer mid-line sentence ends are, the likelier a margin end is a
    paragraph end.
    """

    lengths: Counter[int] = field(default_factory=Counter)
    sentence_rate: float = 0.4

    def hazard(self, lines_so_far: int) -> float:
        """P(a paragraph ends after this many lines | it reached them), smoothed.

        >>> model = MarginModel(Counter({2: 10, 3: 10, 4: 10}))
        >>> model.hazard(4) > model.hazard(3) > model.hazard(2)
        True
        """
        n = min(lines_so_far, 12)
        reached = sum(count for length, count in self.lengths.items() if length >= n)
        # Clamped: paragraph length is evidence, never proof.
        return min(0.95, max(0.05, (self.lengths[n] + 0.5) / (reached + 1)))

    def length_score(self, lines_so_far: int) -> float:
        """Log-odds that the paragraph ends here, from its length and the mid-line sentence rate."""
        hazard = self.hazard(lines_so_far)
        return math.log(hazard / (1 - hazard)) + math.log(1 / max(self.sentence_rate, 0.05))


def learn_margin_model(lines: Sequence[str] | Sequence[Line], width: int) -> MarginModel:
    """Learn paragraph lengths and the mid-line sentence rate from one stretch of text lines.

    A paragraph counts when both its ends are certain: it starts after a short closing line and
    ends at one, with no sentence ending exactly at the margin inside it.
    """
    model = MarginModel()
    run = 0
    doubtful = False
    full_lines = sentence_ends = 0
    records = as_lines(lines)
    for index, line in enumerate(records):
        text, line_width = line.text, line.width
        full = fills_column(line_width, width, is_latin_text(text))
        if full:
            full_lines += 1
            sentence_ends += len(MIDLINE_SENTENCE_END.findall(text))
        run += 1
        if full and line.ends_mark:
            doubtful = True
        if not full and (line.ends_mark or line_width < width * 0.67):
            started_full = index - run + 1 >= 0 and fills_column(records[index - run + 1].width, width)
            if not doubtful and started_full and line.ends_mark and run <= 30:
                model.lengths[run] += 1
            run = 0
            doubtful = False
    if full_lines:
        model.sentence_rate = sentence_ends / full_lines
    model.lengths.update(prior_lengths(width))
    return model


def prior_lengths(width: int, weight: float = 20.0) -> Counter[int]:
    """What a short issue cannot teach: paragraph lengths in lines of this width, as pseudo-counts.

    Chinese magazine paragraphs run around 120 characters (log-normal, spread 0.6), whatever
    the column; a long issue's own paragraphs outweigh this prior many times over.

    >>> prior = prior_lengths(60)
    >>> max(prior, key=prior.get), round(sum(prior.values()))
    (3, 20)
    """
    per_line = max(4, width // 2)
    median, spread = 120.0, 0.6

    def below(chars: float) -> float:
        return 0.5 * (1 + math.erf((math.log(chars) - math.log(median)) / (spread * math.sqrt(2))))

    prior: Counter[int] = Counter()
    for n in range(1, 31):
        share = below(n * per_line) - below(max((n - 1) * per_line, 1))
        prior[n] = weight * share
    return prior


def margin_cues(before: str, after: str) -> tuple[float, list[str]]:
    """Log-odds adjustments from how a sentence ends and how the next one starts.

    A closing quotation or a question ends paragraphs; a semicolon or colon leads on; a sentence
    that opens with a pronoun or a conjunction (这, 此, 而, 但 …) continues the thought; a new
    speaker ("吴心伯：") opens a paragraph.

    >>> margin_cues("他说：“我们走。”", "吴心伯：这次")[0] > 0, margin_cues("第一；", "这也")[0] < 0
    (True, True)
    """
    score, why = 0.0, []
    core = before.rstrip()
    if core.endswith("”") or core.endswith("」"):
        score, why = score + 1.5, [*why, "a quotation closes"]
    elif core[-1:] in "？！?!":
        score, why = score + 1.0, [*why, "a question or exclamation"]
    elif core[-1:] in "；：;:":
        score, why = score - 2.0, [*why, "semicolon or colon"]
    if after[:1] in CONTINUING_START:
        score, why = score - 1.2, [*why, f"next sentence opens with {after[:1]}"]
    elif after[:1] in "“「":
        score, why = score + 0.7, [*why, "next sentence opens a quotation"]
    elif after[:1].isdigit() or DATE_START.match(after):
        score, why = score + 0.5, [*why, "next sentence opens with a date or number"]
    if SPEAKER.match(after):
        score, why = score + 2.0, [*why, "a speaker's turn"]
    if ATTRIBUTION.match(after) and core.endswith(("”", "」")):
        score, why = score - 3.0, [*why, "the next sentence says who spoke"]
    return score, why


@quick_init
@dataclass(frozen=True, slots=True)
class Boundary:
    """The verdict on the break between two body lines."""

    ends_paragraph: bool
    rule: str
    evidence: str
    margin: bool = False
    weak: bool = False


def decide_boundary(before: str | Line, after: str | Line, paragraph: str, paragraph_lines: int, width: int,
                    model: MarginModel | None, labels: frozenset[str] = frozenset()) -> Boundary:
    """Does the paragraph end after the line ``before`` (the next line being ``after``)?

    ``paragraph`` is the paragraph's text so far, ``paragraph_lines`` its line count. The lines
    may be given as texts or as lines (whose width and end are then read from their record).

    >>> decide_boundary("他说。", "新段落", "他说。", 1, 60, None).ends_paragraph
    True
    >>> full_line = "中美关系历经波折止跌回稳，来到一个令世人振奋的新起点的一"
    >>> decide_boundary(full_line, "段", "", 1, 60, None).ends_paragraph
    False
    """
    before_line, after_line = as_line(before), as_line(after)
    before, after = before_line.text, after_line.text
    latin = is_latin_text(before)
    if latin and not before_line.ends_mark and not fills_column(before_line.width, width, latin) \
            and after[:1].isupper() and not before.endswith(("-", ",", "‐")) \
            and (after_line.ends_mark or fills_column(after_line.width, width, latin)):
        return Boundary(True, "heading", "short English line without punctuation before a capital")
    if label_of(after) in labels and before[-1:] not in "，、；：—":
        return Boundary(True, "heading", "a labelled item begins")
    if paragraph_lines == 1 and LONE_LABEL.match(before):
        return Boundary(False, "cjk_reflow", "a lone label (编者按：) leads into its text")
    if breaks_inside_token(before, after):  # "security." + "debian.org": its dot is no full stop
        return Boundary(False, "cjk_reflow", "the line ends inside a name that goes on")
    if not before_line.ends_mark:
        if ends_without_mark(before, after, width, latin, before_line.width):
            return Boundary(True, "cjk_reflow", "line well short of the column, nothing pushed it short")
        return Boundary(False, "cjk_reflow", "no closing punctuation")
    if not fills_column(before_line.width, width, latin):
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
    length = model.length_score(paragraph_lines) if model else 0.0
    cue, why = margin_cues(before, after)
    if asks_alone(after_line, width):
        cue, why = cue + ASKED_ALONE, [*why, "a question stands alone on the next line"]
    if label_of(after) in labels:
        # Items introduced by a label that recurs in the issue ("获奖理由：", "《财经》：") open paragraphs.
        cue, why = cue + 3.0, [*why, "a labelled item begins"]
    elif paragraph_lines == 1 and label_of(paragraph) in labels:
        # A labelled item (or a speaker's first sentence) that fills one line often stands alone.
        cue, why = cue + 2.5, [*why, "a one-line labelled item"]
    score = length + cue
    evidence = f"paragraph of {paragraph_lines} lines ({length:+.2f})" + "".join(f"; {w}" for w in why)
    return Boundary(score > 0, "margin_model", f"score {score:+.2f}: {evidence}", margin=True,
                    weak=abs(score) < 0.3)


def asks_alone(after: str | Line, width: int) -> bool:
    """The next line is one whole question, short of the column: a question set on a line of
    its own (a heading's, a speaker's), which a paragraph's last line is seldom.

    >>> asks_alone("我有多台机器；我怎样才能只下载一次更新？", 64), asks_alone("为什么？他问。", 64)
    (True, False)
    """
    line = as_line(after)
    return line.text.endswith(("？", "?")) and not MIDLINE_SENTENCE_END.search(line.text[:-1]) \
        and not fills_column(line.width, width)


# The log-odds a question alone on the next line adds for a paragraph end at the margin.
ASKED_ALONE = 1.0


UNBREAKABLE_START = regex.compile(
    r"^(?:[（(][A-Za-z0-9][A-Za-z0-9 .,&'’\-]*[）)]"  # a bracketed Latin name is kept whole
    r"|[（(“\"【〔\[《]?[A-Za-z0-9][A-Za-z0-9.,%&\-_/:]*[）)”\"】〕\]》]?)")


def pushed_short(line_width: int, following: str, width: int) -> bool:
    """Was a line pushed short because the next line's first word could not be broken?

    A long Latin word, a number or a bracketed code ("（601615.SH）") that did not fit leaves
    the line short in mid-paragraph.

    >>> pushed_short(47, "（601615.SH）、运达股份", 60), pushed_short(20, "日语名为", 60)
    (True, False)
    >>> pushed_short(46, "（Terence Davies）在埃塞克斯的家中逝世", 60)
    True
    """
    match = UNBREAKABLE_START.match(following)
    return bool(match) and line_width + display_width(match.group(0)) >= width - margin_slack(width)


def ends_without_mark(before: str, after: str, width: int, latin: bool = False,
                      line_width: int | None = None) -> bool:
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
    if line_width is None:  # ``before``'s width, when its line's record does not give it
        line_width = display_width(before)
    if line_width >= width - max(8, round(width * 0.15)) or pushed_short(line_width, after, width):
        return False
    return not (after[0].isascii() or after[0] in "年月日”」』）)，、。；：！？%％" or before[-1].isascii())


def _latin_side(ch: str) -> bool:
    """A character after or before which a line break can stand for a space (Latin script)."""
    return ch.isascii() or (ch.isalpha() and not is_wide(ch))


def narrow_measures(widths: Sequence[int], open_ended: Sequence[bool], width: int,
                    labelled: Sequence[bool] | None = None) -> list[int]:
    """The measure each line was set to: the column width, or, for a run of three or more lines
    set narrower than the column to one width (beside a wrapped figure, in a caption's measure),
    that narrower width. ``open_ended[i]`` is True when line ``i`` does not end a paragraph;
    ``labelled[i]`` when it opens with a label ("获奖成果：…"), which starts an item of a list,
    never the next line of a run.

    A line in such a run is full for its own measure: it continues its paragraph, and it is no
    heading however short it is beside the column.

    >>> narrow_measures([60, 60, 30, 30, 31, 20, 60], [True, True, True, True, True, False, False], 60)
    [60, 60, 31, 31, 31, 31, 60]
    """
    measures = [width] * len(widths)
    i = 0
    while i < len(widths):
        if not (0.3 * width <= widths[i] < 0.85 * width):
            i += 1
            continue
        end = i
        top = widths[i]
        while end < len(widths) and 0.3 * width <= widths[end] < 0.85 * width and open_ended[end] \
                and widths[end] >= 0.75 * max(top, widths[end]) \
                and not (labelled and end > i and labelled[end]):
            top = max(top, widths[end])
            end += 1
        if end - i >= 3:  # three open lines of one narrow measure, and the line that closes the run
            closing = end < len(widths) and widths[end] < 0.85 * width
            stop = end + 1 if closing else end
            measures[i:stop] = [top] * (stop - i)
            i = stop
        else:
            i += 1
    return measures


# Marks a CJK font sets a full em wide although Unicode calls their width ambiguous.
EM_MARKS = frozenset("“”‘’—…·")


def em_count(text: str) -> int:
    """How many ems a line of CJK type takes on the page, or 0 when it holds a character set in
    proportional type (a Latin letter, a digit, a space), whose width the text does not show.

    >>> em_count("中美关系，“止跌”回稳"), em_count("英伟达H100")
    (11, 0)
    """
    rest = without_common_wide(text)
    if not rest.strip(EM_MARK_CHARS):  # only the common wide characters and the marks
        return len(text)
    if rest.isascii() or ASCII_CHAR.search(rest) is not None:  # a letter, digit or space
        return 0
    if not all_wide(text, EM_MARKS):
        return 0
    return len(text)


# Fast paths of ``em_count``: a line of only the common wide characters (``COMMON_WIDE``, each
# one wide) and the em marks is all ems; a line holding an ASCII character is not.
EM_MARK_CHARS = "".join(sorted(EM_MARKS))
ASCII_CHAR = re.compile("[\x00-\x7f]")


@dataclass(frozen=True, slots=True)
class LostIndent:
    """A first-line indent the extractor dropped, as this issue shows it: lines on the CJK grid
    run ``full`` ems when they continue a paragraph and ``full - indent`` when they open one."""

    full: int = 0
    indent: int = 0
    compressed: int = 0  # 1 where this lines often hold a character more (marks set in pairs)

    def opens_paragraph(self, line: str | Line) -> bool | None:
        """True when the line is set in by the indent (a paragraph's first line), False when it
        runs the full measure (a paragraph goes on), None when its width cannot tell (a line
        holding proportional type, a paragraph's last line, another measure).

        >>> lost = LostIndent(full=30, indent=2)
        >>> lost.opens_paragraph("中" * 27 + "，"), lost.opens_paragraph("中" * 29 + "，")
        (True, False)
        >>> lost.opens_paragraph("中" * 10 + "。"), lost.opens_paragraph("中" * 27 + "H")
        (None, None)
        """
        if not self.indent:
            return None
        record = as_line(line)
        if record.ends_mark:
            return None  # a line ending a sentence may be a paragraph's last, of any width
        ems = em_count(record.text)
        # Two marks side by side set in one em: a line may hold one character more.
        if self.full - self.indent <= ems <= self.full - self.indent + self.compressed:
            return True
        if self.full <= ems <= self.full + self.compressed:
            return False
        return None


def learn_lost_indent(lines: Sequence[str] | Sequence[Line]) -> LostIndent:
    """Does this issue set paragraphs in by an indent its extractor dropped (pdftotext,
    pdfminer.six and pypdfium2 write no leading spaces)? Learned from the lines on the CJK grid
    that do not end a paragraph, so that justification made them fill their measure:

    - ``full``: the ems of most lines that follow a line running on (the middle of paragraphs);
    - the indent: how many ems fewer most lines have that follow a sentence closed well short
      of the margin (paragraph starts beyond doubt).

    The indent counts only when nearly every certain start shows it and few middle lines do.

    >>> body = ["中" * 20 + "，", "中" * 22 + "，", "中" * 22 + "，", "中" * 5 + "。"] * 4
    >>> learn_lost_indent(body)
    LostIndent(full=23, indent=2, compressed=0)
    >>> learn_lost_indent(["中" * 22 + "，", "中" * 22 + "，", "中" * 5 + "。"] * 4).indent
    0
    """
    middle: Counter[int] = Counter()
    after_end: list[tuple[Line, int]] = []
    for before, line in itertools.pairwise(as_lines(lines)):
        if line.ends_mark:
            continue
        ems = em_count(line.text)
        if not ems:
            continue
        if not before.ends_mark:
            middle[ems] += 1
        elif before.text[-1:] in "。！？”」":
            after_end.append((before, ems))
    if not middle:
        return LostIndent()
    full = max(middle, key=lambda ems: (middle[ems], ems))
    # A sentence closed at least a quarter of the measure short of the margin ends its paragraph.
    # A start narrower than any indent explains is set in another measure (beside a figure).
    starts = [ems for before, ems in after_end
              if before.width <= 1.5 * full and full - MAX_INDENT_EMS <= ems <= full]
    if len(starts) < MIN_CERTAIN_STARTS:
        return LostIndent(full)
    deficits = Counter(full - ems for ems in starts)
    indent = max(deficits, key=lambda d: (deficits[d], -d))
    # Where many middle lines hold one character more than the measure, marks are compressed in
    # pairs (XeLaTeX): a start holding such a pair falls one em short of the indent, and shows it.
    compressed = COMPRESSED if middle[full + 1] >= STRAY_SHARE * sum(middle.values()) else 0
    shown = deficits[indent] + (deficits[indent - 1] if compressed else 0)
    set_in = full - indent
    stray = middle[set_in] + (middle[set_in + 1] if compressed else 0)
    if not 1 + compressed <= indent <= MAX_INDENT_EMS or shown < SHOWN_SHARE * len(starts) \
            or stray > STRAY_SHARE * sum(middle.values()):
        return LostIndent(full)
    return LostIndent(full, indent, compressed)


# How much evidence a lost indent needs: a few certain paragraph starts, most of them set in by
# the same amount (a start after a heading or a float may run full), few middle lines that short.
MIN_CERTAIN_STARTS = 3
SHOWN_SHARE = 0.6
STRAY_SHARE = 0.15
# A first-line indent is one to four ems (a line set further in is centred or beside a figure);
# punctuation compressed in pairs lets a line hold one character more than its measure, so an
# indent of one em cannot be told from it.
MAX_INDENT_EMS = 4
COMPRESSED = 1
