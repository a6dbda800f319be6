"""The review report: one self-contained HTML page per issue, for an editor checking the cleaner.

Every article is shown with its head and blocks, each block with its source line numbers; every
removal (markers, furniture …) and every caption stands where it was taken out; every join across
a page break and every decision on a sentence that ended exactly at the margin is highlighted at
the place it was made, with the cleaner's evidence on hover. The counts at the top are computed
from the JSON form, so they are the numbers ``magclean clean --format json`` gives.

>>> from cleaner.document import Article, Block, Document, Meta
>>> article = Article(title="标题", blocks=(Block("paragraph", "正文。", (3, 4)),), lines=(1, 4))
>>> doc = Document(Meta(source="x.txt"), (article,), ())
>>> document_counts(doc)["paragraphs"], "正文。" in render_report(doc)
(1, True)
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from cleaner.document import Article, Block, Decision, Document, Removal
from cleaner.source import Source

# Decision kinds shown in the text, with the sign an editor sees and what it means.
DECISION_SIGNS: dict[str, tuple[str, str]] = {
    "page_join": ("⤓ page", "joined across a page break"),
    "margin_join": ("↩ margin", "a line ended at the margin in closing punctuation: joined"),
    "margin_break": ("¶ margin", "a line ended at the margin in closing punctuation: new paragraph"),
    "split_year": ("年 year", "a year split from its 年 was joined"),
    "column_split": ("⫼ columns", "two columns side by side on each line: the left one read first"),
    "column_order": ("⇅ columns", "the lines of two columns alternated: read column by column"),
}
# How many characters of a source line's end are looked for in a block's text.
TAIL_CHARS = 6


def document_counts(document: Document) -> dict[str, int]:
    """The counts shown at the top of the report, taken from the document's JSON form.

    ``articles``, ``blocks``, one count per block kind (``paragraphs``, ``captions`` …),
    ``removed`` and one per removal kind (``removed_marker`` …), plus the decisions.
    """
    data = document.to_dict()
    blocks = [block for article in data["articles"] for block in article["blocks"]]
    counts = {"articles": len(data["articles"]), "blocks": len(blocks)}
    for kind in ("paragraph", "heading", "caption", "table", "endnote", "quote"):
        counts[f"{kind}s"] = sum(block["kind"] == kind for block in blocks)
    counts["removed"] = len(data["removed"])
    for kind, n in sorted(Counter(r["kind"] for r in data["removed"]).items()):
        counts[f"removed_{kind}"] = n
    decisions = Counter(d.kind for d in document.decisions)
    for kind in DECISION_SIGNS:
        counts[kind] = decisions[kind]
    counts["weak_decisions"] = sum(d.weak for d in document.decisions)
    return counts


@dataclass(frozen=True, slots=True)
class Mark:
    """Something to show inside a block's text, ``offset`` characters in, as ready HTML."""

    offset: int
    line: int
    html: str

    def key(self) -> tuple[int, int]:
        """Marks are shown in text order, then in source-line order."""
        return (self.offset, self.line)


@dataclass(frozen=True, slots=True)
class Nested:
    """A removal or caption taken out of the middle of ``paragraph``."""

    item: Block | Removal
    paragraph: Block


def render_report(document: Document, source: Source | None = None) -> str:
    """The whole review page as one HTML string (CSS and script inline, nothing fetched)."""
    title = f"Review: {document.meta.source or 'document'}"
    removals = removals_by_article(document)
    body = [render_header(document), render_toc(document)]
    if removals[0]:
        body.append('<section class="loose">' + "".join(map(render_removal, removals[0])) + "</section>")
    decisions = list(document.decisions)
    for index, article in enumerate(document.articles, start=1):
        body.append(render_article(index, article, removals[index], decisions, source))
    leftover = [d for d in decisions if d is not None]
    if leftover:
        body.append('<section class="loose"><h2>Decisions outside any block</h2>'
                    + "".join(render_loose_decision(d) for d in leftover) + "</section>")
    return PAGE.format(lang=html.escape(document.meta.language), title=html.escape(title), style=STYLE,
                       body="\n".join(body), script=SCRIPT)


def removals_by_article(document: Document) -> list[list[Removal]]:
    """Removals grouped by where they stood: index 0 before the first article, then per article.

    A removal belongs to the last article that starts at or before its first line.
    """
    starts = [article.lines[0] for article in document.articles]
    groups: list[list[Removal]] = [[] for _ in range(len(starts) + 1)]
    for removal in document.removed:
        index = sum(start <= removal.lines[0] for start in starts)
        groups[index].append(removal)
    return groups


def render_header(document: Document) -> str:
    """Title, source facts and the counts."""
    meta = document.meta
    counts = document_counts(document)
    cells = "".join(
        f'<div class="count{" zero" if value == 0 else ""}"><dt>{html.escape(name.replace("_", " "))}</dt>'
        f'<dd data-count="{html.escape(name)}">{value}</dd></div>'
        for name, value in counts.items())
    legend = "".join(f'<span class="decision {kind}">{html.escape(sign)}</span> {html.escape(meaning)}<br>'
                     for kind, (sign, meaning) in DECISION_SIGNS.items())
    return (f'<header class="top"><h1>{html.escape(meta.source or "document")}</h1>'
            f'<p class="facts">encoding {html.escape(meta.encoding)} · language {html.escape(meta.language)}'
            f'{" · " + html.escape(meta.title) if meta.title else ""}</p>'
            f'<dl class="counts">{cells}</dl>'
            '<div class="controls">'
            '<label><input type="checkbox" id="show-removed" checked> removals</label>'
            '<label><input type="checkbox" id="show-captions" checked> captions and tables</label>'
            '<label><input type="checkbox" id="only-flagged"> only blocks with decisions</label>'
            '<button type="button" id="next-flag" title="key n; p goes back">next decision ↓</button>'
            '<span id="flag-position"></span></div>'
            f'<details class="legend"><summary>legend</summary><p>{legend}'
            '<span class="weak-sample">dashed</span>: weak decision, no cue pointed either way<br>'
            '<del class="sample">struck through</del>: removed from the text</p></details></header>')


def render_toc(document: Document) -> str:
    """A list of the articles with their line spans and how many decisions each holds."""
    items = []
    for index, article in enumerate(document.articles, start=1):
        name = article.title or article.section or f"article {index}"
        items.append(f'<li><a href="#article-{index}">{html.escape(name)}</a> '
                     f'<span class="ln">{span_text(article.lines)}</span></li>')
    return f'<nav class="toc"><ol>{"".join(items)}</ol></nav>'


def render_article(index: int, article: Article, removals: Sequence[Removal],
                   decisions: list[Decision | None], source: Source | None) -> str:
    """One article: its head, then blocks and removals in source-line order."""
    head = []
    for field_name, value in (("section", article.section), ("title", article.title),
                              ("subtitle", article.subtitle), ("deck", article.deck)):
        if value:
            tag = "h2" if field_name == "title" else "p"
            head.append(f'<{tag} class="{field_name}"><span class="role">{field_name}</span>'
                        f"{html.escape(value)}</{tag}>")
    head.extend(f'<p class="byline"><span class="role">byline</span>{html.escape(b)}</p>'
                for b in article.bylines)
    nested = nested_items(article, removals)
    shown_inline = {id(n.item) for n in nested}
    items: list[tuple[int, int, str]] = []
    for order, block in enumerate(article.blocks):
        if id(block) in shown_inline:
            continue
        marks = take_decisions(block, decisions, source) + nested_marks(block, nested, source)
        items.append((block.lines[0], order, render_block(block, sorted(marks, key=Mark.key))))
    items.extend((removal.lines[0], -1, render_removal(removal)) for removal in removals
                 if id(removal) not in shown_inline)
    items.sort(key=lambda item: (item[0], item[1]))
    return (f'<article id="article-{index}"><header class="head">'
            f'<span class="ln">{span_text(article.lines)}</span>{"".join(head)}</header>'
            + "".join(item[2] for item in items) + "</article>")


def take_decisions(block: Block, decisions: list[Decision | None], source: Source | None) -> list[Mark]:
    """The decisions made inside or at the end of ``block``, placed in its text; taken out of the list.

    A decision belongs to the block holding its first line; with the source at hand, it is
    placed after that line's text, else at the block's end.
    """
    marks: list[Mark] = []
    searched_from = 0
    held = [i for i, d in enumerate(decisions)
            if d is not None and block.lines[0] <= d.lines[0] <= block.lines[1]]
    for i in sorted(held, key=lambda i: decisions[i].lines):  # type: ignore[union-attr]
        decision = decisions[i]
        assert decision is not None
        if decision.kind == "margin_break" or decision.lines[0] == block.lines[1]:
            offset = len(block.text)
        else:
            offset = line_end_offset(block.text, source, decision.lines[0], searched_from)
        searched_from = offset
        marks.append(Mark(offset, decision.lines[0], render_decision(decision)))
        decisions[i] = None
    return marks


def nested_items(article: Article, removals: Sequence[Removal]) -> list[Nested]:
    """Removals, captions and tables whose lines lie strictly inside a paragraph's line span.

    They were taken out of the middle of that paragraph (a running head inside a page join, a
    caption set between two halves of a paragraph), so the report shows them there.
    """
    paragraphs = [b for b in article.blocks if b.kind == "paragraph" and b.lines[1] - b.lines[0] > 1]
    candidates: list[Block | Removal] = [b for b in article.blocks if b.kind in ("caption", "table")]
    candidates.extend(removals)
    found = []
    for item in candidates:
        for paragraph in paragraphs:
            if paragraph.lines[0] < item.lines[0] and item.lines[1] < paragraph.lines[1]:
                found.append(Nested(item, paragraph))
                break
    return found


def nested_marks(block: Block, nested: Sequence[Nested], source: Source | None) -> list[Mark]:
    """Inline marks for the items taken out of the middle of ``block`` (see ``nested_items``)."""
    items = [n.item for n in nested if n.paragraph is block]
    taken = {n for item in items for n in range(item.lines[0], item.lines[1] + 1)}
    marks = []
    for item in items:
        before = max((n for n in range(block.lines[0], item.lines[0]) if n not in taken), default=0)
        offset = line_end_offset(block.text, source, before) if before else 0
        marks.append(Mark(offset, item.lines[0], render_inline(item)))
    return marks


def render_inline(item: Block | Removal) -> str:
    """A removal or caption shown inside the paragraph it was taken out of (inline elements only)."""
    text = html.escape(item.text)
    shown = f"<del>{text}</del>" if isinstance(item, Removal) else text
    rule = f' <span class="rule">{html.escape(item.rule)}</span>' if isinstance(item, Removal) else ""
    role = "removal" if isinstance(item, Removal) else "block"
    lines = "" if isinstance(item, Removal) else f' data-lines="{span_text(item.lines)}"'
    return (f'<span class="inline {role} {html.escape(item.kind)}"{lines}>'
            f'<span class="ln">{span_text(item.lines)}</span>'
            f'<span class="kind">{html.escape(item.kind)}</span>{shown}{rule}</span>')


def line_end_offset(text: str, source: Source | None, line_number: int, start: int = 0) -> int:
    """Where source line ``line_number`` ends inside ``text`` (found by its last characters).

    >>> from cleaner.source import Source
    >>> line_end_offset("第一行的末尾第二行", Source("x", "utf-8", ("第一行的末尾",)), 1)
    6
    """
    if source is None or not 0 < line_number <= len(source.lines):
        return len(text)
    tail = "".join(source.lines[line_number - 1].split())[-TAIL_CHARS:]
    found = text.find(tail, start) if tail else -1
    return found + len(tail) if found >= 0 else len(text)


def render_block(block: Block, marks: Sequence[Mark]) -> str:
    """A block with its line numbers and its decisions marked in the text."""
    parts, position = [], 0
    for mark in marks:
        parts.append(html.escape(block.text[position:mark.offset]))
        parts.append(mark.html)
        position = mark.offset
    parts.append(html.escape(block.text[position:]))
    flagged = " flagged" if any("decision" in mark.html for mark in marks) else ""
    return (f'<div class="block {html.escape(block.kind)}{flagged}" data-lines="{span_text(block.lines)}">'
            f'<span class="ln">{span_text(block.lines)}</span><span class="kind">{html.escape(block.kind)}'
            f'</span><p>{"".join(parts)}</p></div>')


def render_decision(decision: Decision) -> str:
    """One decision as an inline sign; its rule, lines and evidence on hover."""
    sign, meaning = DECISION_SIGNS.get(decision.kind, (decision.kind, decision.kind))
    weak = " weak" if decision.weak else ""
    tip = f"{meaning} — lines {span_text(decision.lines)}, rule {decision.rule}: {decision.evidence}"
    return (f'<mark class="decision {html.escape(decision.kind)}{weak}" tabindex="0" '
            f'title="{html.escape(tip)}">{html.escape(sign)}</mark>')


def render_loose_decision(decision: Decision) -> str:
    """A decision that no block holds (its lines went to an article head or were removed)."""
    return (f'<div class="block flagged"><span class="ln">{span_text(decision.lines)}</span>'
            f"<p>{render_decision(decision)} {html.escape(decision.evidence)}</p></div>")


def render_removal(removal: Removal) -> str:
    """A removed piece of text, struck through, with its kind and rule."""
    return (f'<div class="removal {html.escape(removal.kind)}"><span class="ln">{span_text(removal.lines)}'
            f'</span><span class="kind">{html.escape(removal.kind)}</span>'
            f'<del>{html.escape(removal.text)}</del>'
            f' <span class="rule">{html.escape(removal.rule)}</span></div>')


def span_text(lines: tuple[int, int]) -> str:
    """A line span as an editor reads it.

    >>> span_text((12, 12)), span_text((3, 9))
    ('12', '3–9')
    """
    first, last = lines
    return str(first) if first == last else f"{first}–{last}"


PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{style}</style>
</head>
<body data-ready="no">
{body}
<script>{script}</script>
</body>
</html>
"""

STYLE = """
:root { --ink: #1d1d1f; --muted: #6b6b70; --rule: #d9d9de; --page: #2563eb; --margin: #c2410c;
        --removed: #b91c1c; --caption: #047857; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fafafa; line-height: 1.7;
       font-family: "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
header.top { position: sticky; top: 0; z-index: 2; background: #fff; border-bottom: 1px solid var(--rule);
             padding: .6rem 1.5rem; }
h1 { font-size: 1.15rem; margin: 0; }
.facts { margin: 0; color: var(--muted); font-size: .85rem; }
dl.counts { display: flex; flex-wrap: wrap; gap: .3rem; margin: .5rem 0; }
.count { border: 1px solid var(--rule); border-radius: 4px; padding: 0 .5rem; background: #f4f4f6; }
.count.zero { opacity: .5; }
.count dt { display: inline; font-size: .75rem; color: var(--muted); }
.count dd { display: inline; margin: 0 0 0 .3rem; font-weight: 700; }
.controls { display: flex; gap: 1rem; align-items: center; font-size: .85rem; flex-wrap: wrap; }
.legend { font-size: .8rem; color: var(--muted); }
nav.toc .ln { position: static; font-size: .7rem; }
.inline { display: inline; margin: 0 .2rem; font-size: .8rem; text-indent: 0; border-radius: 3px;
          padding: 0 .3rem; background: #fef2f2; }
.inline.block { background: #ecfdf5; color: var(--caption); }
.inline .ln { position: static; margin-right: .3rem; }
.inline .kind { position: static; display: inline; }
nav.toc { max-width: 60rem; margin: 1rem auto; padding: 0 1.5rem; font-size: .9rem; columns: 2; }
main, article, section.loose { max-width: 60rem; margin: 1rem auto; }
article { background: #fff; border: 1px solid var(--rule); border-radius: 6px;
          padding: 1rem 1.5rem 1rem 6.5rem; position: relative; scroll-margin-top: 12rem; }
.head { border-bottom: 1px dashed var(--rule); margin-bottom: .6rem; }
.head h2 { margin: .2rem 0; font-size: 1.3rem; }
.head p { margin: .1rem 0; }
.deck { color: #374151; } .byline { color: var(--muted); font-size: .9rem; }
.role, .kind { font-size: .65rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted);
               margin-right: .5rem; }
.ln { position: absolute; left: .6rem; width: 5.4rem; font: .75rem/1.9 ui-monospace, monospace;
      color: var(--muted); }
.block, .removal { position: relative; margin: .35rem 0; }
.block .ln, .removal .ln { left: -5.9rem; }
.block .kind { position: absolute; left: -2.4rem; top: 1.3rem; display: none; }
.block p { margin: 0; text-indent: 2em; }
.block.heading p { font-weight: 700; text-indent: 0; }
.block.caption, .block.table { border-left: 3px solid var(--caption); padding-left: .6rem;
                               color: var(--caption); font-size: .9rem; }
.block.caption p, .block.table p { text-indent: 0; }
.block.caption .kind, .block.table .kind, .block.endnote .kind, .block.quote .kind { position: static;
  display: inline; }
.block.endnote p, .block.quote p { text-indent: 0; font-style: italic; }
.removal { color: var(--removed); font-size: .85rem; }
.removal del { text-decoration-thickness: 1px; }
.rule { font: .7rem ui-monospace, monospace; color: var(--muted); }
mark.decision { font-size: .7rem; border-radius: 3px; padding: 0 .25rem; margin: 0 .15rem;
                white-space: nowrap; color: #fff; cursor: help; vertical-align: .1em; }
.decision.page_join { background: var(--page); }
.decision.margin_join, .decision.margin_break { background: var(--margin); }
.decision.split_year { background: #7c3aed; }
mark.decision.weak { background: #fff; color: var(--margin); outline: 1px dashed var(--margin); }
.weak-sample { outline: 1px dashed var(--margin); padding: 0 .2rem; }
.block.flagged { background: #fff7ed; }
.block.current { outline: 2px solid var(--margin); }
body.hide-removed .removal { display: none; }
body.hide-captions .block.caption, body.hide-captions .block.table { display: none; }
body.only-flagged .block:not(.flagged), body.only-flagged .removal { display: none; }
"""

SCRIPT = """
(function () {
  "use strict";
  var body = document.body;
  function toggle(id, cls, whenChecked) {
    var box = document.getElementById(id);
    function apply() { body.classList.toggle(cls, box.checked === whenChecked); }
    box.addEventListener("change", apply);
    apply();
  }
  toggle("show-removed", "hide-removed", false);
  toggle("show-captions", "hide-captions", false);
  toggle("only-flagged", "only-flagged", true);
  var flagged = Array.prototype.slice.call(document.querySelectorAll(".block.flagged"));
  var position = document.getElementById("flag-position");
  var current = -1;
  function show(step) {
    if (!flagged.length) { position.textContent = "no decisions"; return; }
    if (current >= 0) { flagged[current].classList.remove("current"); }
    current = (current + step + flagged.length) % flagged.length;
    flagged[current].classList.add("current");
    flagged[current].scrollIntoView({block: "center"});
    position.textContent = (current + 1) + " / " + flagged.length;
  }
  document.getElementById("next-flag").addEventListener("click", function () { show(1); });
  document.addEventListener("keydown", function (event) {
    if (event.target.tagName === "INPUT") { return; }
    if (event.key === "n") { show(1); } else if (event.key === "p") { show(-1); }
  });
  position.textContent = flagged.length + " blocks with decisions";
  body.dataset.ready = "yes";
})();
"""
