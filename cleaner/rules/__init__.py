"""The cleaner's rules, in pipeline order, by stable name: one table that the CLI
(``--disable``/``--enable``, ``magclean rules``), profiles, the removal log and the review report
all use. Each rule's function lives in the rule family's module beside this file (or in the
stage module that applies it); the stage that applies a rule asks ``config.enabled(name)``.

>>> [rule.name for rule in RULES.values()][:3]
['invisible_chars', 'column_split', 'column_order']
>>> RULES["split_year"].function("驱散了阴云。2023")
('驱散了阴云。', '2023')
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cleaner.lines import invisible_removals
from cleaner.rules import captions, columns, english, furniture, markers, reflow, spacing, structure, years
from cleaner.text import is_whole_quote


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule: its stable name, the stage that applies it, its function, what it does."""

    name: str
    stage: str
    function: Callable[..., Any]
    description: str


_TABLE = (
    Rule("invisible_chars", "read", invisible_removals,
         "drop (and record) zero-width, invisible and control characters left by the extractor"),
    Rule("column_split", "layout", columns.gutter_index,
         "put columns written side by side on one line (pdftotext -layout) back in reading order"),
    Rule("column_order", "layout", columns.two_streams,
         "read two columns whose lines the extractor interleaved (L, R, L, R …) column by column"),
    Rule("toc_marker", "layout", markers.split_navigation_marker,
         "remove navigation residue such as 返回目录 / 上一篇 / 下一篇"),
    Rule("page_furniture", "layout", furniture.find_page_furniture,
         "remove running heads and page numbers that recur page after page"),
    Rule("profile_furniture", "layout", furniture.matches_any,
         "remove lines matching the profile's furniture patterns"),
    Rule("line_pieces", "layout", reflow.join_text,
         "join the pieces of one printed line that the extractor cut at a wide justification gap"),
    Rule("section_label", "articles", structure.is_section_label,
         "recognise section labels and their English labels at an article start"),
    Rule("article_head", "articles", structure.is_byline,
         "recognise title, subtitle, deck and bylines at an article start"),
    Rule("caption_credit", "classify", captions.is_caption_credit,
         "take captions ending in a credit (图/新华, 摄/郝洲 …) out of the paragraph flow"),
    Rule("caption_interrupts", "classify", captions.interrupts_sentence,
         "take out a short block that interrupts a running sentence (a caption without a credit, a float)"),
    Rule("caption_set_apart", "classify", captions.stands_apart,
         "take out a short block of whole sentences that blank lines set apart, where paragraphs have none"),
    Rule("split_credit", "classify", captions.credit_is_cut,
         "join a credit cut across lines (图/ + 新华, 图/视觉中 + 国)"),
    Rule("table_residue", "classify", structure.is_table_residue,
         "keep table titles, notes and sources (表1：, 注：, 资料来源：) apart from paragraphs"),
    Rule("split_year", "repairs", years.split_trailing_year,
         "join a year split from its 年 across a line, page or caption break"),
    Rule("cjk_reflow", "paragraphs", reflow.decide_boundary,
         "join hard-wrapped lines into paragraphs using the measured column width"),
    Rule("lost_indent", "paragraphs", reflow.learn_lost_indent,
         "read a first-line indent the extractor dropped from the widths of lines on the CJK grid"),
    Rule("margin_model", "paragraphs", reflow.learn_margin_model,
         "decide sentences that ended exactly at the margin from cues learned per issue"),
    Rule("heading", "paragraphs", structure.looks_like_heading,
         "recognise in-article headings (short lines standing alone between paragraphs)"),
    Rule("pull_quote", "paragraphs", is_whole_quote,
         "recognise pull quotes (unpunctuated lines right under a heading)"),
    Rule("endnote", "paragraphs", structure.is_endnote,
         "recognise end notes and signatures in brackets at an article end"),
    Rule("english_words", "repairs", english.join_latin,
         "English passages: no-break spaces become spaces, words broken at line ends joined, hyphens kept"),
    Rule("cjk_spacing", "repairs", spacing.close_cjk_spacing,
         "close up letter-spaced CJK and spaces beside ，、；：; "
         "join Han and Latin at line breaks as the article's lines do"),
)

RULES: dict[str, Rule] = {rule.name: rule for rule in _TABLE}
