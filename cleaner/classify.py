"""The classify stage: which body lines are text, which a caption, which table residue, which a
heading standing alone.

A group of lines ending in a credit is a caption (rule ``caption_credit``), also when the
credit was cut across lines (``split_credit``); table notes and sources are table residue
(``table_residue``); a short line standing alone is a heading (``heading``).

>>> from cleaner.config import CleanConfig
>>> from cleaner.issue import measure_issue
>>> from cleaner.lines import read_lines
>>> lines = read_lines(["会谈后，两国元首一道散步。", "图/新华"])
>>> [(u.kind, u.text) for u in body_units(lines, measure_issue(lines, CleanConfig()))]
[('caption', '会谈后，两国元首一道散步。图/新华')]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cleaner.issue import Issue, is_indented
from cleaner.lines import Line
from cleaner.rules.captions import (
    CREDIT_ONLY,
    MAX_SET_APART_LINES,
    credit_is_cut,
    interrupts_sentence,
    is_caption_credit,
    is_credit_tail,
    stands_apart,
    starts_caption_date,
)
from cleaner.rules.english import is_latin_text
from cleaner.rules.reflow import fills_column, pushed_short
from cleaner.rules.structure import (
    QUESTION_ENDS,
    holds_full_stop,
    is_closing_credit,
    is_english_label,
    is_table_residue,
    label_of,
    leaves_open,
    looks_like_heading,
)
from cleaner.rules.years import is_lone_year, starts_with_year_tail
from cleaner.text import ends_sentence, is_han


@dataclass
class Unit:
    """A stretch of body lines that belong together: text, a caption or table residue."""

    kind: str  # "text", "caption", "table"
    lines: list[Line]

    @property
    def text(self) -> str:
        return "".join(line.text for line in self.lines)


def is_credit(text: str, issue: Issue) -> bool:
    """A caption credit, in the usual forms or with one of the profile's credit prefixes."""
    return is_caption_credit(text, issue.config.profile.credit_prefixes)


def tight_end(lines: Sequence[Line], i: int) -> int:
    """The index after the group of lines bound to line ``i`` (no blank line between them)."""
    j = i + 1
    while j < len(lines) and lines[j].tight:
        j += 1
    return j


def body_units(lines: Sequence[Line], issue: Issue) -> list[Unit]:
    """Group body lines: tight groups stay together; a group ending in a credit is a caption."""
    units: list[Unit] = []
    interrupting = interruptions(lines, issue) if issue.enabled("caption_interrupts") else set()
    if issue.enabled("caption_set_apart"):
        interrupting |= set_apart(lines, issue)
    i = 0
    while i < len(lines):
        if lines[i].hint is not None:
            units.append(hinted_unit(lines[i], issue))
            i += 1
            continue
        if i in interrupting:
            end = i
            while end in interrupting:
                end += 1
            units.append(Unit("caption", list(lines[i:end])))
            i = end
            continue
        end = tight_end(lines, i)
        group = list(lines[i:end])
        i = end
        if issue.enabled("split_credit") and credit_is_cut(group[-1].text) and i < len(lines) \
                and is_credit_tail(lines[i].text) and tight_end(lines, i) == i + 1:
            group.append(lines[i])
            i += 1
        if issue.enabled("split_credit") and is_credit(group[-1].text, issue) and i < len(lines) \
                and len(lines[i].text) <= 4 and is_credit_tail(lines[i].text) and not lines[i].chunk_start \
                and (i + 1 == len(lines) or not (lines[i + 1].tight or is_english_label(lines[i + 1].text))):
            # "…图/视" + "觉中国": the agency's name went on to the next line (a short line over
            # an English label is a section's two names, 经济 / Economy, not a credit's tail)
            group.append(lines[i])
            i += 1
        if issue.enabled("caption_credit") and is_credit("".join(x.text for x in group), issue):
            taken, group = caption_start(units, group, lines[i] if i < len(lines) else None, issue)
            del units[len(units) - taken:]
            kind = "table" if _is_table_credit(group) else "caption"
            units.append(Unit(kind, group))
        elif issue.enabled("table_residue") and is_table_residue(group[0].text):
            units.append(Unit("table", group))
        else:
            units.append(Unit("text", group))
    return mark_table_titles(units, issue)


def hinted_unit(line: Line, issue: Issue) -> Unit:
    """A line a PDF's layout has told by its type: a caption, a heading or text (one unit each)."""
    kind = line.hint.kind if line.hint is not None else "body"
    if kind == "caption" and issue.enabled("caption_credit"):
        return Unit("table" if _is_table_credit([line]) else "caption", [line])
    if kind in ("heading", "title") and issue.enabled("heading"):
        return Unit("heading", [line])
    if issue.enabled("table_residue") and is_table_residue(line.text):
        return Unit("table", [line])
    return Unit("text", [line])


# The most lines a caption (or another block set into the text) may take.
MAX_INTERRUPTION = 4


def interruptions(lines: Sequence[Line], issue: Issue) -> set[int]:
    """Indexes of lines that interrupt a running sentence (rule ``caption_interrupts``): a short
    block that closes a sentence, between a line that runs on and a line that starts with a
    mark no sentence starts with (``interrupts_sentence``)."""
    found: set[int] = set()
    i = 1
    while i < len(lines) - 1:
        before = lines[i - 1]
        if is_credit(before.text, issue):
            i += 1
            continue
        dated_end = dated_narrow_caption(before, lines, i, issue) or pointed_caption(lines, i, issue)
        if dated_end:
            found.update(range(i, dated_end))
            i = dated_end
            continue
        for last in range(i, min(i + MAX_INTERRUPTION, len(lines) - 1)):
            # Every line of the block lies within the column: once one is wider, so is every
            # longer block (checked line by line, no slice of the block per try).
            if lines[last].width > issue.width + 2:
                break
            if interrupts_sentence(before.text, lines[last].text, lines[last + 1].text):
                found.update(range(i, last + 1))
                i = last + 1
                break
        i += 1
    return found


def set_apart(lines: Sequence[Line], issue: Issue) -> set[int]:
    """Indexes of the lines of short blocks of whole sentences that blank lines set apart, in a
    text whose paragraphs follow one another without a blank line (rule ``caption_set_apart``):
    the extractor wrote each as a text block of its own, a float's caption without a credit.

    Such a caption stands between two paragraphs of the text (``between_paragraphs``; a
    paragraph between a captioned figure and a heading stands apart too: it is no caption), or
    inside one whose lines show it goes on below the block (``interrupts_paragraph``), also
    across a page break. The body's first line follows the head's blank line."""
    if issue.usual_gap or not issue.paragraphs_run_on:
        return set()
    found: set[int] = set()
    i = 1
    while i < len(lines):
        if not (lines[i].gap or lines[i].page_break):
            i += 1
            continue
        end = i + 1
        while end < len(lines) and not (lines[end].gap or lines[end].page_break) \
                and end - i <= MAX_SET_APART_LINES:
            end += 1
        block = lines[i:end]
        # (A caption's lines may be wider than the column's: it is set in smaller type.)
        if end < len(lines) and stands_apart([line.text for line in block], True,
                                             lines[end].gap > 0 or lines[end].page_break):
            before, after = lines[i - 1], lines[end]
            across_page = block[0].page_break or after.page_break
            # The paragraph it cut goes on in the flow below: no other block set apart there.
            flowing = end + 1 == len(lines) or not lines[end + 1].gap
            if (not across_page and between_paragraphs(before, after, issue)) \
                    or (flowing and interrupts_paragraph(before, after, issue)):
                found.update(range(i, end))
        i = end
    return found


def between_paragraphs(before: Line, after: Line, issue: Issue) -> bool:
    """``before`` ends a paragraph of the text and ``after`` is body text: no heading, no credit."""
    if not ends_sentence(before.text) or is_credit(before.text, issue) or is_credit(after.text, issue):
        return False
    return not looks_like_heading(after.text, issue.width)


def interrupts_paragraph(before: Line, after: Line, issue: Issue) -> bool:
    """``before`` runs on to the margin, its sentence open, and ``after`` shows that the paragraph
    goes on: no first-line indent where this text keeps them, or none of the indent it dropped.
    A float set at the top or the foot of a page cuts the paragraph there, across the page break."""
    if before.ends_mark or not fills_column(before.width, issue.measure_of(before)):
        return False
    if is_credit(after.text, issue) or looks_like_heading(after.text, issue.width):
        return False
    if before.text[-1:] in CLAUSE_MARKS:
        return True  # no paragraph ends on a comma: its sentence goes on below the block
    if issue.indents:
        return not is_indented(after)
    return issue.lost_indent.opens_paragraph(after.text) is False


# Marks that end a clause inside a sentence, never a paragraph.
CLAUSE_MARKS = "，、；,;"


def dated_narrow_caption(before: Line, lines: Sequence[Line], i: int, issue: Issue) -> int:
    """A press caption set in a narrower measure inside a running sentence: two or more short
    lines from ``i`` opening with a date ("2023年9月28日，成" / "都一家新开业的盒马" / "鲜生店。")
    down to the one that closes a sentence, after a line that runs on. Returns the index after
    the caption (0: none). A body line after a running line fills the column unless it is a
    paragraph's last, so short lines there are set in another measure.
    """
    if before.ends_mark:  # read from the record first: most lines fail here, before the join
        return 0
    # The date may be cut across the narrow lines ("2023 年 11" / "月 15 日，国").
    opening = "".join(line.text for line in lines[i:i + 3]).replace(" ", "")
    if not starts_caption_date(opening):
        return 0
    end = i
    while end < len(lines) and (is_narrow(lines[end], issue) or (end == i and is_short(lines[end], issue))) \
            and not (lines[end].page_break and end > i):
        end += 1
        if ends_sentence(lines[end - 1].text):
            return end if end - i > 1 else 0
    return 0


def pointed_caption(lines: Sequence[Line], i: int, issue: Issue) -> int:
    """A caption that opens with a mark pointing at its picture (▲盒马自营牛奶产品，…): from
    line ``i`` down to the line that closes its sentence or holds its credit (with a credit on
    the line below), within ``MAX_INTERRUPTION`` lines and one page. No body line opens with
    the mark, wherever the layout set the caption: between paragraphs or inside one. Returns
    the index after the caption (0: none).

    >>> from cleaner.config import CleanConfig
    >>> from cleaner.issue import measure_issue
    >>> from cleaner.lines import read_lines
    >>> lines = read_lines(["他说，", "▲盒马自营牛奶产品，950", "毫升只需要8.9元。", "摄影/胡苗", "这是"])
    >>> issue = measure_issue(lines, CleanConfig())
    >>> pointed_caption(lines, 1, issue), pointed_caption(lines, 2, issue)
    (4, 0)
    """
    if lines[i].text[:1] not in CAPTION_POINTERS:
        return 0
    for end in range(i, min(i + MAX_INTERRUPTION, len(lines))):
        line = lines[end]
        if end > i and line.page_break:
            return 0
        if is_credit(line.text, issue):
            # (a credit's name cut at the line end goes on in a line of a few characters)
            tail = end + 1 < len(lines) and len(lines[end + 1].text) <= MAX_CREDIT_TAIL \
                and is_credit_tail(lines[end + 1].text) and not lines[end + 1].page_break
            return end + 2 if tail else end + 1
        if ends_sentence(line.text):
            credited = end + 1 < len(lines) and CREDIT_ONLY.match(lines[end + 1].text) is not None
            return end + 2 if credited else end + 1
    return 0


# The most characters of a credit's name cut onto the next line after a pointed caption ("摄影/胡" + "苗").
MAX_CREDIT_TAIL = 3
# Marks that point from a caption at its picture.
CAPTION_POINTERS = "▲△"


def caption_start(units: Sequence[Unit], group: list[Line], after: Line | None,
                  issue: Issue) -> tuple[int, list[Line]]:
    """Where a caption begins when the layout does not bind its lines (no tight groups): how many
    of the last text units it takes, and the caption's lines.

    Walk back (at most three lines) over lines set narrower than the body column that do not
    end a sentence: captions are set in their own measure. A press caption's opening date
    ("2023年5月29日，…") shows where it begins even when its lines fill the column.
    """
    if issue.binds_blocks and interrupted_caption(units, group, after, issue):
        return 1, [units[-1].lines[0], *group]
    if any(line.tight for line in group[1:]) or issue.binds_blocks:
        return 0, group
    window: list[Unit] = []
    for unit in reversed(units[-4:]):  # the run of one-line text units right above the credit
        if unit.kind != "text" or len(unit.lines) != 1:
            break
        window.insert(0, unit)
    if not window:
        return 0, group
    dated = next((k for k in range(len(window) - 1, -1, -1)
                  if starts_caption_date(window[k].lines[0].text)), None)
    interrupted = dated is not None and dated > 0 and not window[dated - 1].lines[0].ends_mark
    if dated is not None and (interrupted or opens_after_sentence([u.lines[0] for u in window], dated)):
        taken = window[dated:]
    else:
        taken = []
        credit_only = CREDIT_ONLY.match(group[0].text) is not None
        for unit in reversed(window):
            line = unit.lines[0]
            last_sentence = credit_only and not taken  # "…举行。" above a bare "图/视觉中国"
            if (line.ends_mark and not last_sentence) \
                    or (issue.wrapped and fills_column(line.width, issue.width)) or len(taken) == 3:
                break
            taken.insert(0, unit)
    return len(taken), [u.lines[0] for u in taken] + group


def opens_after_sentence(window: Sequence[Line], dated: int) -> bool:
    """The dated line of a caption's window (``caption_start``) opens where a sentence ended
    and runs down to the credit without closing one: a press caption set between paragraphs,
    its opening date the caption's start even where its smaller type fills the column (a body
    line that opened there would close its sentence before a caption's credit cut in).

    >>> from cleaner.lines import read_lines
    >>> lines = read_lines(["或错误信息。", "2023 年 11 月 15 日，国家主席习近平在美国旧金山斐洛里庄"])
    >>> opens_after_sentence(lines, 1), opens_after_sentence(lines[:1] + lines[:1], 1)
    (True, False)
    """
    return (dated == 0 or window[dated - 1].ends_mark) and not any(line.ends_mark for line in window[dated:])


def interrupted_caption(units: Sequence[Unit], group: list[Line], after: Line | None, issue: Issue) -> bool:
    """A bare credit ("图/视觉中国") under one line that closes a sentence, set between two
    lines of a sentence that runs on above them: that line is the credit's caption, set into
    the text where the float stood, though the extractor wrote each line as a block of its own.

    The sentence above goes on into the line after the credit rather than into the line above
    it, as this issue's own character pairs tell (``Continuity``): "…在" continues into
    "儿子眼中…" better than into "英伟达CEO…"; "…切" into "实维护…" (切实), its own last line."""
    if len(units) < 2 or after is None or CREDIT_ONLY.match(group[0].text) is None:
        return False
    caption, before = units[-1], units[-2]
    # (a blank line above it: a block of its own, not the last line of the paragraph above)
    return caption.kind == before.kind == "text" and len(caption.lines) == 1 and caption.lines[0].gap > 0 \
        and ends_sentence(caption.lines[0].text) and not before.lines[-1].ends_mark \
        and issue.continuity.score(before.lines[-1].text, after.text) \
        > issue.continuity.score(before.lines[-1].text, caption.lines[0].text)


def _is_table_credit(group: list[Line]) -> bool:
    text = group[0].text
    return is_table_residue(text) or any(("制表" in line.text or "制图" in line.text) for line in group[-2:])


def mark_table_titles(units: list[Unit], issue: Issue) -> list[Unit]:
    """A short unpunctuated line just before table residue is the table's title."""
    marked = list(units)
    for k in range(1, len(marked)):
        previous = marked[k - 1]
        if marked[k].kind == "table" and previous.kind == "text" and len(previous.lines) == 1 \
                and looks_like_heading(previous.lines[0].text, issue.width):
            marked[k - 1] = Unit("table", previous.lines)
    return marked


def is_heading(line: Line, unit: Unit, following: Line | None, issue: Issue) -> bool:
    """A line standing alone between paragraphs that reads as an in-article heading (rule ``heading``)."""
    if not issue.enabled("heading") or len(unit.lines) > 1:
        return False
    if line.hint is not None and line.hint.kind == "body":
        return False  # a PDF's layout saw body type: headings are set larger or bolder
    if following is not None and not line.measure and issue.lost_indent.opens_paragraph(line.text):
        return False  # set in by the indent the extractor dropped: a paragraph's first line
    if following is not None and issue.indents and is_indented(line) and not is_indented(following) \
            and not is_short(line, issue):
        return False  # set in by a first-line indent, run to the margin, the next line going on: a paragraph
    if is_closing_credit(line.text):
        return False  # the editor's closing credit is the article's end note, whatever its label
    if is_label_item(line, following, issue):
        return True
    if is_question_block(line, following, issue):
        return True
    if line.measure or not looks_like_heading(line.text, issue.width) or is_lone_year(line.text) \
            or holds_full_stop(line.text) or leaves_open(line.text):
        # (a heading holds no sentence that ended: a line with a full stop inside is a
        # paragraph's, set short beside a float; nor a quotation or bracket it leaves open)
        return False
    if following is not None and (starts_with_year_tail(following.text)
                                  or following.text[:1] in "，、。；：”」）"):
        return False
    if is_latin_text(line.text) and following is not None and following.text[:1].islower() \
            and not line.space_after and not following.space_before:
        return False
    if following is not None and runs_on_narrow(line, following, issue):
        return False
    if following is not None and runs_on_word(line.text, following.text, issue):
        return False  # the line stops inside a word the next line ends
    if following is not None and ends_question(line, following, issue):
        return False
    # A line pushed short by a long word that did not fit is the first line of a paragraph.
    return not (following is not None and pushed_short(line.width, following.text, issue.width))


# The log-odds gain above which the next line's first character goes on from this line's last
# one as a word does (the issue's own character pairs, ``Continuity``): not a heading's end.
RUNS_ON_WORD = 4.0


def runs_on_word(text: str, following: str, issue: Issue) -> bool:
    """The line stops inside a word that the next line goes on with: the next line's first Han
    character follows this line's last one in the issue's own text far more often than
    chance (``Continuity``, ``RUNS_ON_WORD``). Only between Han characters: pairs across
    scripts, and Latin words, are too few in one issue to tell.

    >>> from cleaner.config import CleanConfig
    >>> from cleaner.issue import measure_issue
    >>> from cleaner.lines import read_lines
    >>> text = ["中美关系历经波折止跌回稳来到了一个新起点双方都表示愿意继续沟通稳定两国关系管控分歧与风险",
    ...         "街道把老房子的修缮放在了首位设计团队带着学生挨家挨户走访画下每一栋房子的结构", "安装软件包"]
    >>> issue = measure_issue(read_lines(text * 3), CleanConfig())
    >>> runs_on_word("目前包含了超过五万个软件", "包。用户可以选择", issue)
    True
    >>> runs_on_word("软件", "Debian", issue)
    False
    """
    a, b = text.rstrip()[-1:], following.lstrip()[:1]
    if not (is_han(a) and is_han(b)):
        return False
    return issue.continuity.score(text, following) > RUNS_ON_WORD


def ends_question(line: Line, following: Line, issue: Issue) -> bool:
    """The next line is the short end of the question this line began ("我需要在磁盘上保留所有
    的 .deb" / "档案文件吗？"): one phrase wrapped where larger type reached the margin sooner
    than the body's. The two read as one (``question_heading`` decides what they are)."""
    tail = following.text
    if not tail.endswith(QUESTION_ENDS) or any(mark in tail[:-1] for mark in "，；：。！？,;"):
        return False
    return following.width < line.width and not fills_column(following.width, issue.measure_of(following))


def is_question_block(line: Line, following: Line | None, issue: Issue) -> bool:
    """A question set as a text block of its own above the text that answers it: a blank line
    over it, none under it, in a text whose paragraphs have no blank line between them (the
    extractor began a block where the type changed). A question in the body's type runs on in
    its paragraph's block; one in a float's block has a blank line under it too."""
    if issue.usual_gap or not issue.paragraphs_run_on or following is None:
        return False
    if not line.gap or line.page_break or following.gap or following.page_break:
        return False
    if not line.text.endswith(("？", "?")) or fills_column(line.width, issue.width):
        return False
    return not looks_like_heading(following.text, issue.width) and not is_credit(following.text, issue)


def is_narrow(line: Line, issue: Issue) -> bool:
    """The line is set well short of the column (lines beside a figure, a caption's lines) and
    does not start a paragraph by its indent or a page."""
    if line.page_break or (issue.indents and is_indented(line)):
        return False
    return issue.wrapped and is_short(line, issue)


def is_short(line: Line, issue: Issue) -> bool:
    """The line is set well short of its column's measure (``NARROW_SHARE`` of it or less)."""
    return line.width <= NARROW_SHARE * issue.measure_of(line)


def runs_on_narrow(line: Line, following: Line, issue: Issue) -> bool:
    """A short unpunctuated line over another short line: both belong to a block set narrower
    than the column (a caption, lines beside a wrapped figure), not to a heading over a
    one-line paragraph.

    The lines of such a block share its measure: a wider line under a heading is its paragraph.
    A line opening with a label that recurs in the issue ("获奖企业一：…") starts an item of its
    own, as does the line above it: stacked headings, not a narrow block.
    """
    if line.ends_mark or not is_narrow(line, issue) or not is_narrow(following, issue):
        return False
    if following.width > line.width + BLOCK_SLACK:
        return False  # a block's lines share one measure and only its last is shorter
    return label_of(line.text) not in issue.labels and label_of(following.text) not in issue.labels


# How narrow a block's lines are against the column: lines beside a figure lose at least a
# quarter of the measure; a ragged body line is rarely that short except as a paragraph's last.
NARROW_SHARE = 0.75
# How much wider than the line above a line of the same narrow block may be set (a Latin word
# or a hanging mark; display columns).
BLOCK_SLACK = 2


def is_label_item(line: Line, following: Line | None, issue: Issue) -> bool:
    """A list-like heading ("获奖成果：…") before another labelled line ("获奖理由：…").

    Both labels recur in the issue; the heading has no closing punctuation and does not fill
    the column, even when it is longer than an ordinary heading.
    """
    if following is None or line.ends_mark or fills_column(line.width, issue.width):
        return False
    if pushed_short(line.width, following.text, issue.width) or line.text[-1:] in "，、；—":
        return False
    # "现状：…", "未来：…": a labelled line that stops short of the margin stands alone.
    return label_of(line.text) is not None and (label_of(following.text) in issue.labels
                                                or label_of(line.text) not in issue.labels)
