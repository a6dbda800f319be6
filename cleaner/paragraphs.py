"""The paragraphs stage: body lines joined into paragraphs; captions and tables become blocks
where they stood.

Every break between two body lines is decided (``paragraph_boundary``): the width model first
(rule ``cjk_reflow``), then, for a sentence that ended exactly at the margin, the issue's own
margin model (``margin_model``). Decisions on evidence are returned for the review report.

>>> from cleaner.config import CleanConfig
>>> from cleaner.issue import measure_issue
>>> from cleaner.classify import body_units
>>> from cleaner.lines import read_lines
>>> lines = read_lines(["中美关系历经波折，止跌回稳，来到了", "一个新起点。", "新的一段。"])
>>> issue = measure_issue(lines, CleanConfig())
>>> [b.text for b in reflow_body(body_units(lines, issue), issue)[0]]
['中美关系历经波折，止跌回稳，来到了一个新起点。', '新的一段。']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from cleaner.classify import Unit, ends_question, is_heading, is_narrow, runs_on_narrow, runs_on_word
from cleaner.document import Block, Decision
from cleaner.found import Found
from cleaner.issue import Issue, is_indented
from cleaner.lines import Line
from cleaner.rules.english import is_latin_text
from cleaner.rules.reflow import Boundary, decide_boundary, fills_column, join_text, pushed_short
from cleaner.rules.structure import (
    BYLINE_WITH_SLASH,
    SMALLER_TYPE_SLACK,
    holds_full_stop,
    is_endnote,
    label_of,
    leaves_open,
    looks_like_heading,
    question_headings,
)
from cleaner.rules.years import is_lone_year
from cleaner.text import display_width, ends_paragraph_mark, ends_sentence, is_whole_quote


def reflow_body(units: Sequence[Unit], issue: Issue) -> tuple[list[Block], Found]:
    """Join text lines into paragraphs; captions and tables become blocks where they stood.

    A caption that interrupts a paragraph is placed after the paragraph it interrupted.
    """
    blocks: list[Block] = []
    decisions: list[Decision] = []
    pending: list[Block] = []
    paragraph: list[Line] = []
    text = ""
    after_heading = False
    alone: set[int] = set()  # the blocks that are one line standing alone (``stands_alone``)

    def close() -> None:
        nonlocal paragraph, text, after_heading
        if paragraph:
            kind = "quote" if after_heading and not ends_paragraph_mark(text) \
                and issue.enabled("pull_quote") else "paragraph"
            if not ends_paragraph_mark(text) and len(paragraph) <= 2 and issue.enabled("heading") \
                    and (is_latin_text(text) or label_of(text) in issue.labels
                         or (len(paragraph) == 2 and paragraph[1].tight)):
                # An English heading, a labelled list heading, or a heading set on two bound lines.
                kind = "heading"
            elif len(paragraph) > 1 and issue.enabled("caption_interrupts") \
                    and all(is_narrow(x, issue) for x in paragraph) \
                    and not all(x.hint is not None and x.hint.kind == "body" for x in paragraph):
                # Every line set narrower than the column, none beside a full line: a caption in
                # its own measure (the lines beside a figure run on from a full-width line). Not
                # where a PDF's layout saw body type: there the figure beside it made it narrow.
                kind = "caption"
            elif issue.enabled("caption_type") and set_smaller(paragraph, text, issue):
                kind = "caption"
            if kind == "paragraph" and stands_alone(paragraph, text, issue):
                alone.add(len(blocks))
            blocks.append(Block(kind, text, (paragraph[0].number, paragraph[-1].number)))
            after_heading = False
        blocks.extend(pending)
        pending.clear()
        paragraph, text = [], ""

    def join(line: Line) -> None:
        nonlocal text
        text = join_text(text, line.text, line.space_before or paragraph[-1].space_after,
                         issue.broken_words and issue.enabled("english_words"), issue.script_space)
        paragraph.append(line)

    flow = [(u, line) for u in units for line in u.lines]
    following_text = next_text_lines(flow)
    for index, (unit, line) in enumerate(flow):
        if unit.kind != "text":
            if line is unit.lines[0]:
                block = Block(unit.kind, unit.text, (unit.lines[0].number, unit.lines[-1].number))
                (pending if paragraph else blocks).append(block)
            continue
        if paragraph and line.tight and line is not unit.lines[0]:
            join(line)
            continue
        if paragraph and len(paragraph) > 1 and paragraph[-1].tight and not line.tight \
                and not ends_paragraph_mark(text) and all(x.tight for x in paragraph[1:]):
            close()  # a bound group of lines (a two-line heading) is a block of its own
        if paragraph:
            boundary = paragraph_boundary(paragraph, text, line, issue, following_text[index])
            decisions.extend(boundary_decisions(boundary, paragraph, line, issue))
            if after_heading and len(paragraph) == 1 and is_whole_quote(text) and issue.enabled("pull_quote"):
                boundary = Boundary(True, "pull_quote", "a pull quote under a heading ends with its line")
            if not boundary.ends_paragraph:
                join(line)
                continue
            close()
        if is_heading(line, unit, following_text[index], issue):
            blocks.extend(pending)
            pending.clear()
            blocks.append(Block("heading", line.text, (line.number, line.number)))
            after_heading = True
            continue
        paragraph, text = [line], line.text
    close()
    if issue.enabled("question_heading") and issue.enabled("heading"):
        asked = question_headings([(b.kind, b.text) for b in blocks],
                                  [k in alone for k in range(len(blocks))])
        blocks = [replace(b, kind="heading") if k in asked else b for k, b in enumerate(blocks)]
    return mark_endnotes(blocks, issue), Found(decisions=tuple(decisions))


def set_smaller(paragraph: Sequence[Line], text: str, issue: Issue) -> bool:
    """A short block of whole sentences whose lines run wider than any body line can (rule
    ``caption_type``): set in smaller type, more characters to the measure, as a caption is.

    A body line passes the column's measure only by a hanging mark or a proportional digit
    (``HANGING_SLACK``); every line of the block but its last passes it by more.
    """
    if not issue.wrapped or len(paragraph) > MAX_SMALL_TYPE_LINES or not ends_sentence(text):
        return False
    if any(line.hint is not None and line.hint.kind == "body" for line in paragraph):
        return False  # a PDF's layout measured the type and saw the body's (typed spaces widen a line)
    if issue.indents and is_indented(paragraph[0]):
        return False
    full = paragraph[:-1] or paragraph
    # Only lines on the CJK grid tell: Latin letters are set proportionally, so a line that
    # holds them may take more characters to the measure in the body's own type.
    # (a run of spaces counted as one: the spaces a justified line stretched widen a body line too)
    return all(display_width(" ".join(line.text.split())) > issue.measure_of(line) + HANGING_SLACK
               and not LATIN_LETTER.search(line.text) for line in full)


LATIN_LETTER = re.compile(r"[A-Za-z]")


# The most lines a caption set in smaller type takes between paragraphs.
MAX_SMALL_TYPE_LINES = 3
# How far a body line can pass its measure: a full-width mark hung in the margin (two
# columns) and a digit or Latin letter set proportionally (one).
HANGING_SLACK = 3


def stands_alone(paragraph: Sequence[Line], text: str, issue: Issue) -> bool:
    """A paragraph of one line that no first-line indent sets in, a heading's form if its
    article sets headings so (``question_heading``); or of two, one phrase wrapped at a narrow
    column (no comma, no clause inside: a heading's phrase). A PDF's layout that saw body type
    has told."""
    line = paragraph[0]
    if len(paragraph) > 2 or (len(paragraph) == 2 and any(mark in text[:-1] for mark in "，；：。！？,;")):
        return False
    if any(x.hint is not None and x.hint.kind == "body" for x in paragraph):
        return False
    return not (issue.indents and is_indented(line))


def next_text_lines(flow: Sequence[tuple[Unit, Line]]) -> list[Line | None]:
    """For each position of ``flow``, the next line that belongs to a text unit (one pass)."""
    following: list[Line | None] = [None] * len(flow)
    upcoming: Line | None = None
    for index in range(len(flow) - 1, -1, -1):
        following[index] = upcoming
        unit, line = flow[index]
        if unit.kind == "text":
            upcoming = line
    return following


def paragraph_boundary(paragraph: Sequence[Line], text: str, line: Line, issue: Issue,
                       after: Line | None = None) -> Boundary:
    """Does the paragraph (its lines so far, its text) end before ``line``? (``after``: the
    text line that follows ``line``, if any.)"""
    before = paragraph[-1]
    width = issue.measure_of(before)
    reviewed = issue.config.paragraph_breaks
    if line.number in reviewed:
        verdict = reviewed[line.number]
        return Boundary(verdict, "review", "reviewed: " + ("new paragraph" if verdict else "continues"))
    if not issue.enabled("cjk_reflow"):
        return Boundary(True, "cjk_reflow", "reflow switched off: every line is its own paragraph")
    if line.hint is not None and line.hint.starts_paragraph is not None:
        verdict = line.hint.starts_paragraph
        return Boundary(verdict, "pdf_layout", "PDF layout: " + ("indent or short line before: new paragraph"
                                                                 if verdict else "no indent: continues"))
    if line.hint is not None and line.hint.kind == "body" and before.hint is not None \
            and before.hint.kind == "body" and before.ends_mark:
        # A PDF's layout leaves the verdict open only where the sentence closed on a full line:
        # the sentence ended at the margin, whatever the line's width in characters says (Latin
        # letters and digits print narrower than they count) or the next line's look (the
        # layout saw it in body type).
        model = issue.model if issue.enabled("margin_model") else None
        return decide_boundary(before, line, text, len(paragraph), before.width, model, issue.labels)
    if not issue.wrapped:
        return Boundary(True, "cjk_reflow", "text is not hard-wrapped: one line, one paragraph")
    if issue.indents and is_indented(line):
        return Boundary(True, "cjk_reflow", "a first-line indent: a paragraph starts")
    if issue.enabled("cjk_reflow") and inside_open_quote(paragraph, text):
        return Boundary(False, "cjk_reflow",
                        "a quotation or bracket left open mid-phrase: the sentence goes on")
    if issue.indents and not before.ends_mark and not line.indent \
            and not looks_like_heading(line.text, issue.width):
        # The sentence is open and the next line has no indent: the paragraph goes on, however
        # short proportional Latin type made the line look.
        return Boundary(False, "cjk_reflow", "open sentence, no first-line indent: the paragraph goes on")
    if issue.enabled("heading") and runs_on_narrow(before, line, issue) \
            and not (len(paragraph) > 1 and not is_narrow(paragraph[-2], issue)):
        # Two short lines, the first running on: a block set narrower than the column (lines
        # beside a figure, a caption), not a heading over a one-line paragraph.
        return Boundary(False, "heading", "narrow lines running on: one block set beside a float")
    if before.ends_mark and fills_column(before.width, width) and not line.measure:
        opens = issue.lost_indent.opens_paragraph(line)
        if opens is not None:
            # The sentence ended at the margin; the next line's width shows the dropped indent.
            return Boundary(opens, "lost_indent", f"{'set in by' if opens else 'no'} first-line indent "
                            f"({issue.lost_indent.indent} em) in a text whose extractor dropped it",
                            margin=True)
    if issue.indents and before.ends_mark and fills_column(before.width, width) \
            and not line.indent and not line.page_break:
        if issue.enabled("heading") and stands_between_starts(line, after, issue):
            return Boundary(True, "heading", "a short unpunctuated line over a first-line indent: a heading")
        return Boundary(False, "margin_model", "no first-line indent: the paragraph goes on", margin=True)
    if issue.enabled("heading") and before.ends_mark and \
            looks_like_heading(line.text, issue.width) and \
            fills_column(before.width, width, is_latin_text(before.text)):
        # A heading after a line that ended at the margin: the paragraph ended there.
        return Boundary(True, "heading", "a heading follows")
    if issue.enabled("heading") and holds_full_stop(before.text) and not before.ends_mark \
            and not is_latin_text(before.text):
        # Short and unpunctuated, but no heading (a sentence ended inside it): set short beside
        # a float, its open sentence goes on in the next line.
        return Boundary(False, "cjk_reflow", "open sentence after a full stop in a short line: it goes on")
    if not before.ends_mark and runs_on_word(before.text, line.text, issue) \
            and not any(x.width > issue.measure_of(x) + SMALLER_TYPE_SLACK for x in (before, line)):
        # Short, but it stops inside a word the next line ends (the issue's own character pairs);
        # not where either line is set in smaller type (a caption's, beside the text it cut).
        return Boundary(False, "cjk_reflow", "the line stops inside a word the next line goes on with")
    if issue.enabled("question_heading") and wraps_question(paragraph, line, issue):
        return Boundary(False, "question_heading", "the short end of a question wrapped in larger type")
    model = issue.model if issue.enabled("margin_model") else None
    return decide_boundary(before, line, text, len(paragraph), width, model, issue.labels)


def stands_between_starts(line: Line, after: Line | None, issue: Issue) -> bool:
    """In a text that keeps its first-line indents, a short line with no mark at its end, not
    set in, over a line set in by the indent: a paragraph starts under it, and no paragraph
    ends on an open phrase, so the line stands alone (a heading), though the sentence above
    it ended at the margin.

    >>> from cleaner.config import CleanConfig
    >>> from cleaner.issue import measure_issue
    >>> from cleaner.lines import read_lines
    >>> para = ["  中美关系历经波折，止跌回稳，来到了一个新",
    ...         "起点，双方都表示愿意继续沟通，稳定两国关", "系。"] * 5
    >>> start = ["  还有另外一个常见的问题：不同平台之间的库", "名称常常因平台而异。"]
    >>> lines = read_lines([*para, "不同的库名称", *start])
    >>> issue = measure_issue(lines, CleanConfig())
    >>> stands_between_starts(lines[15], lines[16], issue), stands_between_starts(lines[15], lines[17], issue)
    (True, False)
    """
    return after is not None and is_indented(after) and not is_indented(line) and not line.ends_mark \
        and looks_like_heading(line.text, issue.width)


def inside_open_quote(paragraph: Sequence[Line], text: str) -> bool:
    """The paragraph leaves a quotation or a bracket open, its last two lines opened one, and
    the last stops with no mark at all: the quoted phrase goes on in the next line, however
    short the extractor cut the line (``pdftotext`` writes the piece before a mark it
    compressed as a line of its own: "“来"). Only a quotation opened that near counts: where
    columns were read out of order, one opened far above may never close in this paragraph.

    >>> from cleaner.lines import read_lines
    >>> lines = read_lines(["顾国建在文章中写道，", "“来"])
    >>> inside_open_quote(lines, "顾国建在文章中写道，“来")
    True
    >>> inside_open_quote(lines[:1], "顾国建在文章中写道，")
    False
    """
    before = paragraph[-1]
    recent = "".join(line.text for line in paragraph[-2:])
    return not before.ends_mark and before.text[-1:].isalnum() and leaves_open(text) \
        and any(mark in recent for mark in "“「（(《")


def wraps_question(paragraph: Sequence[Line], line: Line, issue: Issue) -> bool:
    """A line standing alone, short and open, whose next line is the short end of a question
    (``ends_question``: "如何在不牺牲安全性的情况下提供对硬件外设的访" / "问？"): one question
    set in larger type that reached the margin sooner than the body's, not a heading over a
    one-line paragraph (a paragraph's line is not shorter than the question's own end).

    >>> from cleaner.config import CleanConfig
    >>> from cleaner.issue import measure_issue
    >>> from cleaner.lines import read_lines
    >>> body = ["中美关系历经波折，止跌回稳，来到了一个令世人振奋的新起点上。" * 2] * 6
    >>> lines = read_lines([*body, "如何在不牺牲安全性的情况下提供对硬件外设的访", "问？", *body])
    >>> issue = measure_issue(lines, CleanConfig())
    >>> wraps_question(lines[6:7], lines[7], issue), wraps_question(lines[5:7], lines[7], issue)
    (True, False)
    """
    before = paragraph[-1]
    return len(paragraph) == 1 and not before.ends_mark and ends_question(before, line, issue)


def boundary_decisions(boundary: Boundary, paragraph: Sequence[Line], line: Line,
                       issue: Issue) -> list[Decision]:
    """What a reviewer should see of one boundary: margin calls, doubtful short lines, page joins."""
    before = paragraph[-1]
    if boundary.rule == "review":
        return []
    if boundary.margin:
        return [Decision("margin_break" if boundary.ends_paragraph else "margin_join",
                         (before.number, line.number), boundary.rule, boundary.evidence, boundary.weak)]
    if not boundary.ends_paragraph and not before.ends_mark \
            and before.width < issue.measure_of(before) * 0.85 and not is_latin_text(before.text) \
            and not pushed_short(before.width, line.text, issue.measure_of(before)) \
            and not is_lone_year(before.text):
        # Well short, unpunctuated, nothing pushed it short: a heading or a body line? Kept as body.
        return [Decision("unknown_line", (before.number, before.number), "cjk_reflow",
                         "short line without punctuation kept as body text", weak=True)]
    if line.page_break and not boundary.ends_paragraph:
        return [Decision("page_join", (before.number, line.number), "cjk_reflow",
                         "paragraph continues across a page break")]
    return []


def mark_endnotes(blocks: list[Block], issue: Issue) -> list[Block]:
    """Bracketed notes at the end of an article (editors, translators, signatures; rule ``endnote``)."""
    if not issue.enabled("endnote"):
        return blocks
    result = list(blocks)
    k = len(result) - 1
    while k >= 0 and result[k].kind in ("paragraph", "heading", "caption", "table"):
        block = result[k]
        if block.kind in ("paragraph", "heading"):
            # "（编辑：袁满）", or an editor's credit set plainly at the end ("责任编辑：周宁").
            if not (is_endnote(block.text) or (BYLINE_WITH_SLASH.match(block.text)
                    and not ends_paragraph_mark(block.text) and len(block.text) <= 30)):
                break
            result[k] = Block("endnote", block.text, block.lines)
        k -= 1
    return result
