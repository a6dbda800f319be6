"""The cleaner's rules, by stable name. The CLI (--disable/--enable, ``magclean rules``), profiles
and the removal log all use these names. One module per rule family lives beside this file.
"""

from __future__ import annotations

# name -> one-line description, in pipeline order.
RULES: dict[str, str] = {
    "invisible_chars": "drop (and record) zero-width, invisible and control characters left by the extractor",
    "toc_marker": "remove navigation residue such as 返回目录 / 上一篇 / 下一篇",
    "page_furniture": "remove running heads and page numbers that recur page after page",
    "profile_furniture": "remove lines matching the profile's furniture patterns",
    "section_label": "recognise section labels and their English labels at an article start",
    "article_head": "recognise title, subtitle, deck and bylines at an article start",
    "caption_credit": "take captions ending in a credit (图/新华, 摄/郝洲 …) out of the paragraph flow",
    "split_credit": "join a credit cut across lines (图/ + 新华, 图/视觉中 + 国)",
    "table_residue": "keep table titles, notes and sources (表1：, 注：, 资料来源：) apart from paragraphs",
    "split_year": "join a year split from its 年 across a line, page or caption break",
    "cjk_reflow": "join hard-wrapped lines into paragraphs using the measured column width",
    "margin_model": "decide sentences that ended exactly at the margin from cues learned per issue",
    "heading": "recognise in-article headings (short lines standing alone between paragraphs)",
    "pull_quote": "recognise pull quotes (unpunctuated lines right under a heading)",
    "endnote": "recognise end notes and signatures in brackets at an article end",
    "english_words": "join English words broken at line ends; keep real hyphens",
}
