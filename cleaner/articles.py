"""Segment the cleaned lines into articles and build each article's head and blocks.

Stages, each a plain function: ``split_articles`` finds where articles start, ``parse_head``
takes the section label, title, subtitle, deck and bylines, ``body_units`` groups the rest into
units (a caption, a table note, a run of text lines) and ``reflow_body`` turns units into blocks.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import regex

from cleaner.config import CleanConfig
from cleaner.document import Article, Block, Decision, Removal
from cleaner.lines import Line
from cleaner.rules.captions import (
    CREDIT_ONLY,
    credit_is_cut,
    is_caption_credit,
    is_credit_tail,
    starts_caption_date,
)
from cleaner.rules.english import is_latin_text
from cleaner.rules.reflow import (
    Boundary,
    MarginModel,
    column_width,
    decide_boundary,
    fills_column,
    join_text,
    pushed_short,
)
from cleaner.rules.structure import (
    BOOK_CREDIT,
    BRACKETED,
    BYLINE_WITH_SLASH,
    is_byline,
    is_endnote,
    is_english_label,
    is_section_label,
    is_subtitle,
    is_table_residue,
    label_of,
    looks_like_heading,
)
from cleaner.rules.years import is_lone_year, split_trailing_year, starts_with_year_tail
from cleaner.text import ends_paragraph_mark, ends_sentence, is_han, is_whole_quote, open_quotes


@dataclass
class Context:
    """What every article builder needs to know about the issue as a whole."""

    config: CleanConfig
    width: int
    wrapped: bool
    model: MarginModel
    broken_words: bool
    after_marker: set[int] = field(default_factory=set)
    labels: frozenset[str] = frozenset()
    usual_gap: int = 0

    @property
    def binds_blocks(self) -> bool:
        """Blank lines separate wrapped lines (pdfminer), so a caption's lines come bound together."""
        return self.usual_gap > 0
    decisions: list[Decision] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)


# ---------------------------------------------------------------- where articles start


def split_articles(lines: Sequence[Line], ctx: Context) -> list[list[Line]]:
    """Cut the issue into articles: at chunk starts, after navigation markers, at section labels
    and at a title that a byline follows."""
    starts = [0]
    for i in range(1, len(lines)):
        line, before = lines[i], lines[i - 1]
        if line.hint is not None and line.hint.starts_article:
            starts.append(i)  # a PDF page with a title in title type: the article's head starts here
        elif line.number in ctx.after_marker or (not ctx.wrapped and 0 < ctx.usual_gap < line.gap
                                               and ends_paragraph_mark(before.text)):
            starts.append(i)  # after a navigation marker; in flowed text, after a wider gap
        elif is_endnote(before.text) and not is_endnote(line.text) and ctx.config.enabled("endnote") \
                and not _head_only(lines[starts[-1]:i], ctx):
            starts.append(i)  # an end note closes its article
        elif line.chunk_start:
            if not _continues_article(lines[starts[-1]:i], line, ctx):
                starts.append(i)
        elif _closes_block(before, ctx) and not _head_only(lines[starts[-1]:i], ctx) \
                and (_is_label(lines, i, ctx) or _title_before_byline(lines, i, ctx)):
            starts.append(i)
    bounds = [*starts, len(lines)]
    return [list(lines[a:b]) for a, b in itertools.pairwise(bounds) if b > a]


def _is_credit(text: str, ctx: Context) -> bool:
    """A caption credit, in the usual forms or with one of the profile's credit prefixes."""
    return is_caption_credit(text, ctx.config.profile.credit_prefixes)


def _closes_block(line: Line, ctx: Context) -> bool:
    return (ends_paragraph_mark(line.text) or _is_credit(line.text, ctx)
            or not fills_column(line.width, ctx.width))


def _is_label(lines: Sequence[Line], i: int, ctx: Context) -> bool:
    if not ctx.config.enabled("section_label"):
        return False
    text = lines[i].text
    if is_section_label(text, ctx.config.profile.sections):
        return True
    if _is_credit(text, ctx) or is_byline(text, ctx.config.profile.byline_patterns):
        return False
    following = lines[i + 1].text if i + 1 < len(lines) else ""
    # A short Chinese label with its English label under it (社评 / Editorial), or the reverse.
    if is_english_label(following) and len(text) <= 8 and not ends_paragraph_mark(text):
        return not is_english_label(text) or len(text.split()) <= 3
    return is_english_label(text) and 0 < len(following) <= 8 and not ends_paragraph_mark(following) \
        and not is_english_label(following)


def _title_before_byline(lines: Sequence[Line], i: int, ctx: Context) -> bool:
    """A short line followed, within a few head lines, by a byline: the title of a new article."""
    if not ctx.config.enabled("article_head"):
        return False
    title = lines[i]
    if title.width > ctx.width * 0.9 or (ends_sentence(title.text) and not title.text.endswith("？")):
        return False
    if BRACKETED.match(title.text) or (i + 1 < len(lines) and lines[i + 1].chunk_start):
        return False
    if is_byline(title.text, ctx.config.profile.byline_patterns) or _is_credit(title.text, ctx):
        return False
    for j in range(i + 1, min(i + 6, len(lines))):
        if is_byline(lines[j].text, ctx.config.profile.byline_patterns):
            return True
        if _is_credit(lines[j].text, ctx) or (ends_sentence(lines[j].text) and j > i + 1):
            return False  # body text came first: the short line was a heading
    return False


def _head_only(lines: Sequence[Line], ctx: Context) -> bool:
    """True while an article has no body text yet (only labels, title, deck)."""
    return len(lines) <= 4 and not any(
        ends_sentence(line.text) and not is_subtitle(line.text) and not line.text.endswith("？")
        for line in lines)


def _continues_article(current: Sequence[Line], line: Line, ctx: Context) -> bool:
    """A chunk start that is not a new article: under a bare head, or inside a sentence."""
    if _head_only(current, ctx):
        return True
    last = current[-1]
    return not ends_paragraph_mark(last.text) and fills_column(last.width, ctx.width) \
        and not _is_credit(last.text, ctx)


# ---------------------------------------------------------------- the head


@dataclass
class Head:
    section: str | None = None
    title: str | None = None
    subtitle: str | None = None
    deck: str | None = None
    bylines: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)


def parse_head(lines: list[Line], ctx: Context) -> tuple[Head, int]:
    """Read the article head; return it and the index of the first body line."""
    head = Head()
    profile = ctx.config.profile
    i = 0
    labels: list[Line] = []
    while i < len(lines) - 1 and len(labels) < 3 and _is_label(lines, i, ctx) \
            and not is_byline(lines[i].text, profile.byline_patterns):
        labels.append(lines[i])
        i += 1
    title_at = next((j for j in range(i, min(i + 4, len(lines) - 1))
                     if lines[j].hint is not None and lines[j].hint.kind == "title"), None)
    if title_at is not None and title_at > i:
        labels += lines[i:title_at]  # a PDF: what stands above the title type is the section label
        i = title_at
    if labels:
        head.section = _section_name(labels, ctx)
    if not ctx.config.enabled("article_head") or i >= len(lines):
        return head, i
    first = lines[i]
    bylined = i + 1 < len(lines) and is_byline(lines[i + 1].text, profile.byline_patterns)
    untitled = ctx.wrapped and fills_column(first.width, ctx.width) and not ends_paragraph_mark(first.text) \
        and not bylined \
        and not _is_credit(first.text, ctx)
    if first.hint is not None:
        untitled = first.hint.kind != "title"  # the layout has seen whether it is set in title type
    if (first.hint is not None and first.hint.kind == "title") or \
            (not untitled and not is_byline(first.text, profile.byline_patterns) \
            and not _is_credit(first.text, ctx) and not is_table_residue(first.text) \
            and (not ends_sentence(first.text) or first.text.endswith("？"))):
        head.title = first.text
        i += 1
    if head.title is None:
        return head, i
    if i < len(lines) and lines[i].text == head.title:
        ctx.removed.append(Removal("repeated_title", lines[i].text, (lines[i].number, lines[i].number),
                                   "article_head"))
        i += 1
    if i < len(lines) and is_subtitle(lines[i].text):
        head.subtitle = lines[i].text
        i += 1
    byline_at = next((j for j in range(i, min(i + 6, len(lines)))
                      if is_byline(lines[j].text, profile.byline_patterns)), None)
    if byline_at is not None and all(not _is_credit(lines[k].text, ctx) for k in range(i, byline_at)):
        if byline_at > i and BOOK_CREDIT.match(lines[byline_at].text):
            # A book review: the book's own title stands above its author and translator.
            head.blocks.extend(_info_block([line]) for line in lines[i:byline_at])
        elif byline_at > i:
            head.deck = _join_lines(lines[i:byline_at], ctx)
        i = byline_at
        while i < len(lines) and (is_byline(lines[i].text, profile.byline_patterns)
                                  or _is_bio(lines, i, head) or _is_headshot(lines, i, head)):
            group_end = _tight_end(lines, i)
            if _is_headshot(lines, i, head):
                head.blocks.append(Block("caption", lines[i].text, (lines[i].number, lines[i].number)))
            elif _is_bio(lines, i, head):
                head.blocks.append(_info_block(lines[i:group_end]))
            else:
                head.bylines.append(_join_lines(lines[i:group_end], ctx))
            i = i + 1 if _is_headshot(lines, i, head) else group_end
        i = _head_info(lines, i, head, ctx)
    elif i < len(lines) and (BRACKETED.match(lines[i].text) and not is_endnote(lines[i].text)):
        head.deck = lines[i].text
        i += 1
    elif i + 1 < len(lines) and lines[i + 1].tight \
            and not _is_credit(lines[_tight_end(lines, i) - 1].text, ctx):
        end = _tight_end(lines, i)
        head.deck = _join_lines(lines[i:end], ctx)
        i = end
    return head, i


def _head_info(lines: list[Line], i: int, head: Head, ctx: Context) -> int:
    """Short unpunctuated lines between the bylines and the body: a book's publisher and date,
    a paper's title and journal. They become ``info`` blocks; an open quotation is joined."""
    end = i
    while end < len(lines) - 1 and end - i < 4 and lines[end].width < ctx.width * 0.8 \
            and not pushed_short(lines[end].width, lines[end + 1].text, ctx.width) \
            and not ends_sentence(lines[end].text) and not _is_credit(lines[end].text, ctx) \
            and not is_byline(lines[end].text):
        end += 1
    if end == i or lines[end].width < ctx.width * 0.6:
        return i  # nothing, or not followed by a body line: leave it to the body
    if end == i + 1 and head.deck is None and not head.blocks:
        head.deck = lines[i].text  # one summary line under the byline is the deck
        return end
    info: list[Line] = []
    for line in lines[i:end]:
        if info and open_quotes("".join(x.text for x in info)) > 0:
            info.append(line)
            continue
        if info:
            head.blocks.append(_info_block(info))
        info = [line]
    head.blocks.append(_info_block(info))
    return end


def _info_block(lines: list[Line]) -> Block:
    return Block("info", "".join(line.text for line in lines), (lines[0].number, lines[-1].number))


def _section_name(labels: list[Line], ctx: Context) -> str:
    chinese = [line.text for line in labels if not is_english_label(line.text)]
    english = [line.text for line in labels if is_english_label(line.text)]
    for line in labels:
        if is_english_label(line.text) and chinese:
            ctx.removed.append(Removal("section_label", line.text, (line.number, line.number),
                                       "section_label"))
    if chinese:
        return " ".join(chinese)
    return " ".join(english)


def _is_headshot(lines: list[Line], i: int, head: Head) -> bool:
    """A bare name under the bylines ("沈联涛", "王勇。"), the caption of a portrait."""
    name = lines[i].text.rstrip("。")
    if not 2 <= len(name) <= 5 or not all(is_han(ch) or ch == "·" for ch in name):
        return False
    around = " ".join([*head.bylines, head.subtitle or "", head.title or "", head.deck or ""])
    return name in around


def _is_bio(lines: list[Line], i: int, head: Head) -> bool:
    """The author's biography under a portrait ("作者沈联涛为…")."""
    text = lines[i].text
    names = [words[-1] for b in head.bylines if (words := regex.sub(r"^.*[/／：:]\s*", "", b).split())]
    return text.startswith("作者") and any(name in text for name in names)


def _tight_end(lines: list[Line], i: int) -> int:
    j = i + 1
    while j < len(lines) and lines[j].tight:
        j += 1
    return j


def _join_lines(lines: Sequence[Line], ctx: Context) -> str:
    text = ""
    for line in lines:
        text = join_text(text, line.text, spaced=line.space_before, broken_words=ctx.broken_words)
    return text


# ---------------------------------------------------------------- the body


@dataclass
class Unit:
    """A stretch of body lines that belong together: text, a caption or table residue."""

    kind: str  # "text", "caption", "table"
    lines: list[Line]

    @property
    def text(self) -> str:
        return "".join(line.text for line in self.lines)


def body_units(lines: list[Line], ctx: Context) -> list[Unit]:
    """Group body lines: tight groups stay together; a group ending in a credit is a caption."""
    units: list[Unit] = []
    i = 0
    while i < len(lines):
        if lines[i].hint is not None:
            units.append(_hinted_unit(lines[i], ctx))
            i += 1
            continue
        end = _tight_end(lines, i)
        group = lines[i:end]
        i = end
        if ctx.config.enabled("split_credit") and credit_is_cut(group[-1].text) and i < len(lines) \
                and is_credit_tail(lines[i].text) and _tight_end(lines, i) == i + 1:
            group.append(lines[i])
            i += 1
        if ctx.config.enabled("split_credit") and _is_credit(group[-1].text, ctx) and i < len(lines) \
                and len(lines[i].text) <= 4 and is_credit_tail(lines[i].text) and not lines[i].chunk_start \
                and (i + 1 == len(lines) or not lines[i + 1].tight):
            group.append(lines[i])  # "…图/视" + "觉中国": the agency's name went on to the next line
            i += 1
        if ctx.config.enabled("caption_credit") and _is_credit("".join(x.text for x in group), ctx):
            group = _caption_start(units, group, ctx)
            kind = "table" if _is_table_credit(group) else "caption"
            units.append(Unit(kind, group))
        elif ctx.config.enabled("table_residue") and is_table_residue(group[0].text):
            units.append(Unit("table", group))
        else:
            units.append(Unit("text", group))
    _mark_table_titles(units, ctx)
    if ctx.config.enabled("split_year"):
        _move_split_years(units, ctx)
    return units


def _hinted_unit(line: Line, ctx: Context) -> Unit:
    """A line a PDF's layout has told by its type: a caption, a heading or text (one unit each)."""
    kind = line.hint.kind if line.hint is not None else "body"
    if kind == "caption" and ctx.config.enabled("caption_credit"):
        return Unit("table" if _is_table_credit([line]) else "caption", [line])
    if kind in ("heading", "title") and ctx.config.enabled("heading"):
        return Unit("heading", [line])
    if ctx.config.enabled("table_residue") and is_table_residue(line.text):
        return Unit("table", [line])
    return Unit("text", [line])


def _caption_start(units: list[Unit], group: list[Line], ctx: Context) -> list[Line]:
    """Where a caption begins when the layout does not bind its lines (no tight groups).

    Walk back (at most three lines) over lines set narrower than the body column that do not
    end a sentence: captions are set in their own measure. A press caption's opening date
    ("2023年5月29日，…") shows where it begins even when its lines fill the column.
    """
    if any(line.tight for line in group[1:]) or ctx.binds_blocks:
        return group
    window: list[Unit] = []
    for unit in reversed(units[-4:]):  # the run of one-line text units right above the credit
        if unit.kind != "text" or len(unit.lines) != 1:
            break
        window.insert(0, unit)
    if not window:
        return group
    dated = next((k for k in range(len(window) - 1, -1, -1)
                  if starts_caption_date(window[k].lines[0].text)), None)
    interrupted = dated is not None and dated > 0 and not ends_paragraph_mark(window[dated - 1].lines[0].text)
    if dated is not None and interrupted:
        taken = window[dated:]
    else:
        taken = []
        credit_only = CREDIT_ONLY.match(group[0].text) is not None
        for unit in reversed(window):
            line = unit.lines[0]
            last_sentence = credit_only and not taken  # "…举行。" above a bare "图/视觉中国"
            if (ends_paragraph_mark(line.text) and not last_sentence) \
                    or (ctx.wrapped and fills_column(line.width, ctx.width)) or len(taken) == 3:
                break
            taken.insert(0, unit)
    if taken:
        del units[len(units) - len(taken):]
    return [u.lines[0] for u in taken] + group


def _is_table_credit(group: list[Line]) -> bool:
    text = group[0].text
    return is_table_residue(text) or any(("制表" in line.text or "制图" in line.text) for line in group[-2:])


def _mark_table_titles(units: list[Unit], ctx: Context) -> None:
    """A short unpunctuated line just before table residue is the table's title."""
    for k in range(1, len(units)):
        previous = units[k - 1]
        if units[k].kind == "table" and previous.kind == "text" and len(previous.lines) == 1 \
                and looks_like_heading(previous.lines[0].text, ctx.width):
            previous.kind = "table"


def _move_split_years(units: list[Unit], ctx: Context) -> None:
    """A caption that starts with 年 takes back the year left at the end of the text before it."""
    for k in range(1, len(units)):
        unit = units[k]
        if unit.kind not in ("caption", "table") or not starts_with_year_tail(unit.lines[0].text):
            continue
        previous = next((u for u in reversed(units[:k]) if u.kind == "text" and u.lines), None)
        if previous is None:
            continue
        last = previous.lines[-1]
        if is_lone_year(last.text):
            previous.lines.pop()
            unit.lines.insert(0, last)
            ctx.decisions.append(Decision("split_year", (last.number, unit.lines[0].number), "split_year",
                                          "lone year joined to the caption that starts with 年"))
        else:
            rest, year = split_trailing_year(last.text)
            if year:
                previous.lines[-1] = last.with_text(rest)
                unit.lines.insert(0, last.with_text(year))
                ctx.decisions.append(Decision("split_year", (last.number, unit.lines[0].number),
                                              "split_year", "year at a line end moved to its caption"))
    units[:] = [u for u in units if u.lines]


def reflow_body(units: list[Unit], ctx: Context) -> list[Block]:
    """Join text lines into paragraphs; captions and tables become blocks where they stood.

    A caption that interrupts a paragraph is placed after the paragraph it interrupted.
    """
    blocks: list[Block] = []
    pending: list[Block] = []
    paragraph: list[Line] = []
    text = ""
    after_heading = False

    def close() -> None:
        nonlocal paragraph, text, after_heading
        if paragraph:
            kind = "quote" if after_heading and not ends_paragraph_mark(text) \
                and ctx.config.enabled("pull_quote") else "paragraph"
            if not ends_paragraph_mark(text) and len(paragraph) <= 2 and ctx.config.enabled("heading") \
                    and (is_latin_text(text) or label_of(text) in ctx.labels
                         or (len(paragraph) == 2 and paragraph[1].tight)):
                # An English heading, a labelled list heading, or a heading set on two bound lines.
                kind = "heading"
            blocks.append(Block(kind, text, (paragraph[0].number, paragraph[-1].number)))
            after_heading = False
        blocks.extend(pending)
        pending.clear()
        paragraph, text = [], ""

    flow = [(u, line) for u in units for line in u.lines]
    for index, (unit, line) in enumerate(flow):
        if unit.kind != "text":
            if line is unit.lines[0]:
                block_text = "".join(x.text for x in unit.lines)
                block = Block(unit.kind, block_text, (unit.lines[0].number, unit.lines[-1].number))
                (pending if paragraph else blocks).append(block)
            continue
        following = _next_text_line(flow, index)
        if paragraph and line.tight and line is not unit.lines[0]:
            text = join_text(text, line.text, line.space_before or paragraph[-1].space_after,
                             ctx.broken_words)
            paragraph.append(line)
            continue
        if paragraph and len(paragraph) > 1 and paragraph[-1].tight and not line.tight \
                and not ends_paragraph_mark(text) and all(x.tight for x in paragraph[1:]):
            close()  # a bound group of lines (a two-line heading) is a block of its own
        if paragraph:
            boundary = _boundary(paragraph, text, line, ctx)
            if after_heading and len(paragraph) == 1 and is_whole_quote(text) \
                    and ctx.config.enabled("pull_quote"):
                boundary = Boundary(True, "pull_quote", "a pull quote under a heading ends with its line")
            if not boundary.ends_paragraph:
                text = join_text(text, line.text, line.space_before or paragraph[-1].space_after,
                                 ctx.broken_words)
                paragraph.append(line)
                continue
            close()
        if _is_heading(line, unit, following, ctx):
            blocks.extend(pending)
            pending.clear()
            blocks.append(Block("heading", line.text, (line.number, line.number)))
            after_heading = True
            continue
        paragraph, text = [line], line.text
    close()
    return _mark_endnotes(blocks, ctx)


def _next_text_line(flow: list[tuple[Unit, Line]], index: int) -> Line | None:
    for unit, line in flow[index + 1:]:
        if unit.kind == "text":
            return line
    return None


def _boundary(paragraph: list[Line], text: str, line: Line, ctx: Context) -> Boundary:
    before = paragraph[-1]
    if line.number in ctx.config.paragraph_breaks:
        verdict = ctx.config.paragraph_breaks[line.number]
        return Boundary(verdict, "review", "reviewed: " + ("new paragraph" if verdict else "continues"))
    if line.hint is not None and line.hint.starts_paragraph is not None and ctx.config.enabled("cjk_reflow"):
        verdict = line.hint.starts_paragraph
        return Boundary(verdict, "pdf_layout", "PDF layout: " + ("indent or short line before: new paragraph"
                                                                 if verdict else "no indent: continues"))
    if not ctx.wrapped:
        return Boundary(True, "cjk_reflow", "text is not hard-wrapped: one line, one paragraph")
    if ctx.config.enabled("heading") and ends_paragraph_mark(before.text) and \
            looks_like_heading(line.text, ctx.width) and \
            fills_column(before.width, ctx.width, is_latin_text(before.text)):
        # A heading after a line that ended at the margin: the paragraph ended there.
        return Boundary(True, "heading", "a heading follows")
    model = ctx.model if ctx.config.enabled("margin_model") else None
    boundary = decide_boundary(before.text, line.text, text, len(paragraph), ctx.width, model, ctx.labels)
    if boundary.margin:
        ctx.decisions.append(Decision("margin_break" if boundary.ends_paragraph else "margin_join",
                                      (before.number, line.number), boundary.rule, boundary.evidence,
                                      boundary.weak))
    elif not boundary.ends_paragraph and not ends_paragraph_mark(before.text) \
            and before.width < ctx.width * 0.85 and not is_latin_text(before.text) \
            and not pushed_short(before.width, line.text, ctx.width) and not is_lone_year(before.text):
        # Well short, unpunctuated, nothing pushed it short: a heading or a body line? Kept as body.
        ctx.decisions.append(Decision("unknown_line", (before.number, before.number), "cjk_reflow",
                                      "short line without punctuation kept as body text", weak=True))
    elif line.page_break and not boundary.ends_paragraph:
        ctx.decisions.append(Decision("page_join", (before.number, line.number), "cjk_reflow",
                                      "paragraph continues across a page break"))
    return boundary


def _is_heading(line: Line, unit: Unit, following: Line | None, ctx: Context) -> bool:
    if not ctx.config.enabled("heading") or len(unit.lines) > 1:
        return False
    if line.hint is not None and line.hint.kind == "body":
        return False  # a PDF's layout saw body type: headings are set larger or bolder
    if _is_label_item(line, following, ctx):
        return True
    if not looks_like_heading(line.text, ctx.width) or is_lone_year(line.text):
        return False
    if following is not None and (starts_with_year_tail(following.text)
                                  or following.text[:1] in "，、。；：”」）"):
        return False
    if is_latin_text(line.text) and following is not None and following.text[:1].islower() \
            and not line.space_after and not following.space_before:
        return False
    # A line pushed short by a long word that did not fit is the first line of a paragraph.
    return not (following is not None and pushed_short(line.width, following.text, ctx.width))


def _is_label_item(line: Line, following: Line | None, ctx: Context) -> bool:
    """A list-like heading ("获奖成果：…") before another labelled line ("获奖理由：…").

    Both labels recur in the issue; the heading has no closing punctuation and does not fill
    the column, even when it is longer than an ordinary heading.
    """
    if following is None or ends_paragraph_mark(line.text) or fills_column(line.width, ctx.width):
        return False
    if pushed_short(line.width, following.text, ctx.width) or line.text[-1:] in "，、；—":
        return False
    # "现状：…", "未来：…": a labelled line that stops short of the margin stands alone.
    return label_of(line.text) is not None and (label_of(following.text) in ctx.labels
                                                or label_of(line.text) not in ctx.labels)


def _mark_endnotes(blocks: list[Block], ctx: Context) -> list[Block]:
    """Bracketed notes at the end of an article (editors, translators, signatures)."""
    if not ctx.config.enabled("endnote"):
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


def build_article(lines: list[Line], ctx: Context) -> Article:
    """One article from its lines: head, then the body reflowed into blocks.

    The column width is measured again on the article when it is long enough to tell: an
    English summary or a narrow column sets its own width.
    """
    if len(lines) >= 12 and ctx.wrapped:
        ctx = replace(ctx, width=column_width(line.width for line in lines))
    head, body_start = parse_head(lines, ctx)
    units = body_units(lines[body_start:], ctx)
    blocks = head.blocks + reflow_body(units, ctx)
    return Article(section=head.section, title=head.title, subtitle=head.subtitle, deck=head.deck,
                   bylines=tuple(head.bylines), blocks=tuple(blocks),
                   lines=(lines[0].number, lines[-1].number))
