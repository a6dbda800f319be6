"""What the whole issue tells about itself, measured once before articles are built.

The column width, whether the text is hard-wrapped at all, how its paragraphs run (the margin
model), whether its extractor breaks English words, which labels recur, the usual blank-line gap.
Every later stage reads these measures; none changes them.

>>> from cleaner.config import CleanConfig
>>> from cleaner.lines import read_lines
>>> issue = measure_issue(read_lines(["中美关系历经波折，止跌回稳，来到", "一个新起点。"]), CleanConfig())
>>> issue.width, issue.wrapped
(32, True)
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from cleaner.config import CleanConfig
from cleaner.lines import Line, usual_gap
from cleaner.rules.continuity import Continuity
from cleaner.rules.english import is_latin_text, marks_word_ends
from cleaner.rules.reflow import (
    LostIndent,
    MarginModel,
    column_width,
    is_wrapped,
    learn_lost_indent,
    learn_margin_model,
)
from cleaner.rules.spacing import spaces_scripts
from cleaner.rules.structure import recurring_labels

NO_LOST_INDENT = LostIndent()


@dataclass(frozen=True, slots=True)
class Issue:
    """The issue's own measures, and the configuration every stage consults."""

    config: CleanConfig
    width: int
    wrapped: bool
    model: MarginModel
    broken_words: bool
    labels: frozenset[str] = frozenset()
    usual_gap: int = 0
    indents: bool = False
    lost_indent: LostIndent = NO_LOST_INDENT  # a first-line indent the extractor dropped
    paragraphs_run_on: bool = False  # no blank line between one paragraph and the next
    repeated: frozenset[str] = frozenset()  # short lines the issue sets more than once (running heads)
    script_space: bool = False  # a space where Han meets Latin or digits (``spaces_scripts``)
    # How the issue's text goes on from one character to the next (its lines' own pairs).
    continuity: Continuity = field(default_factory=lambda: Continuity(()), compare=False)

    @property
    def binds_blocks(self) -> bool:
        """Blank lines separate wrapped lines (pdfminer), so a caption's lines come bound together."""
        return self.usual_gap > 0

    def enabled(self, rule: str) -> bool:
        """True unless ``rule`` was switched off (asked several times per line: no second call)."""
        return rule not in self.config.disabled

    def measure_of(self, line: Line) -> int:
        """The measure ``line`` was set to: its own narrower one (``Line.measure``), else the column."""
        return line.measure or self.width

    def measured_on(self, lines: Sequence[Line]) -> Issue:
        """The same issue with the column width measured again on ``lines`` (one long article:
        an English summary or a narrow column sets its own width)."""
        return replace(self, width=column_width(line.width for line in lines))

    def spacing_of(self, lines: Sequence[Line]) -> Issue:
        """The same issue with the spacing between Han and Latin that ``lines`` (one article)
        show, where they show one (its author's, not the issue's other articles')."""
        spaced = spaces_scripts(line.text for line in lines) if self.enabled("cjk_spacing") else None
        return self if spaced is None else replace(self, script_space=spaced)


def measure_issue(lines: Sequence[Line], config: CleanConfig) -> Issue:
    """Measure the issue on its laid-out lines."""
    texts = [line.text for line in lines]
    width = column_width(line.width for line in lines)
    indents = indents_paragraphs(lines, width)
    # Kept indents are read from the lines themselves; a dropped one only from their widths.
    lost = learn_lost_indent(lines) if not indents and config.enabled("lost_indent") else NO_LOST_INDENT
    return Issue(config=config, width=width, wrapped=is_wrapped(lines),
                 model=learn_margin_model(lines, width), broken_words=breaks_words(lines),
                 labels=recurring_labels(texts), usual_gap=usual_gap([line.gap for line in lines[1:]]),
                 indents=indents, lost_indent=lost, paragraphs_run_on=runs_paragraphs_on(lines, width),
                 repeated=repeated_lines(texts), continuity=Continuity(texts),
                 script_space=config.enabled("cjk_spacing") and bool(spaces_scripts(texts)))


# A first-line indent is one to four characters; a line set further in is centred (a title, a folio).
MAX_INDENT = 8


def is_indented(line: Line) -> bool:
    """The line starts with a first-line indent (not a centred line)."""
    return 0 < line.indent <= MAX_INDENT


def indents_paragraphs(lines: Sequence[Line], width: int) -> bool:
    """Does this text mark paragraph starts with a first-line indent that the extractor kept?

    Asked of the paragraphs whose start is certain: the line after a short line that closes a
    sentence. If most of those are indented, an indent starts a paragraph and its absence
    continues one.
    """
    certain = [b for a, b in itertools.pairwise(lines)
               if a.width < width * 0.8 and a.text[-1:] in "。！？”」" and not b.page_break]
    return len(certain) >= 3 and sum(map(is_indented, certain)) >= 0.6 * len(certain)


def repeated_lines(texts: Sequence[str]) -> frozenset[str]:
    """Short lines that stand more than once in the issue: a running head the furniture rules
    left (a section label repeated over every page), never an article's own head."""
    counts = Counter(text for text in texts if len(text) <= MAX_LABEL_LINE)
    return frozenset(text for text, n in counts.items() if n > 1)


# A label line holds a section's name in one or two languages.
MAX_LABEL_LINE = 40


def runs_paragraphs_on(lines: Sequence[Line], width: int) -> bool:
    """Does a paragraph follow the one before it without a blank line, in this text?

    Asked of the boundaries between two body paragraphs beyond doubt: a long line, a short one
    that closes a sentence, a long line running on (not across a page). When nearly none of
    them has a blank line, a blank line shows where the extractor began another text block (a
    float, a heading), not another paragraph.
    """
    certain = [b for above, a, b in zip(lines, lines[1:], lines[2:], strict=False)
               if above.width >= width * 0.8 and a.width < width * 0.8 and a.text[-1:] in "。！？”」"
               and b.width >= width * 0.8 and not b.ends_mark and not b.page_break]
    return len(certain) >= 3 and sum(1 for b in certain if b.gap) <= BLANK_BEFORE_SHARE * len(certain)


# Most paragraph starts follow their paragraph directly; a few follow a float or a heading.
BLANK_BEFORE_SHARE = 0.2


def breaks_words(lines: Sequence[Line]) -> bool:
    """Does this extractor break English words at line ends (marking real word ends by a space)?"""
    pairs = [(a.space_after or b.space_before, a.text[-1:].isalpha() and b.text[:1].isalpha())
             for a, b in itertools.pairwise(lines)
             if is_latin_text(a.text) and is_latin_text(b.text)]
    return marks_word_ends(pairs)
