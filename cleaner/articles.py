"""The articles stage: the issue cut into articles, each with its head and its blocks.

``split_articles`` finds where articles start (after a navigation marker, at a text frame, a
section label, a title over a byline, after an end note); ``parse_head`` takes the section
label, title, subtitle, deck and bylines; ``build_article`` classifies, reflows and repairs the
body (the classify, paragraphs and repairs stages) and returns the Article with what it found.

>>> from cleaner.config import CleanConfig
>>> from cleaner.issue import measure_issue
>>> from cleaner.lines import read_lines
>>> lines = read_lines(["标题", "文/记者 张三", "正文很短。"])
>>> article, found = build_article(lines, measure_issue(lines, CleanConfig()))
>>> article.title, article.bylines, [b.text for b in article.blocks]
('标题', ('文/记者 张三',), ['正文很短。'])
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import regex

from cleaner.classify import body_units, is_credit, tight_end
from cleaner.document import Article, Block, Removal
from cleaner.found import Found
from cleaner.issue import Issue
from cleaner.lines import Line
from cleaner.paragraphs import reflow_body
from cleaner.repairs import move_split_years
from cleaner.rules.english import is_latin_text
from cleaner.rules.reflow import fills_column, join_text, narrow_measures, pushed_short
from cleaner.rules.spacing import close_cjk_spacing
from cleaner.rules.structure import (
    BOOK_CREDIT,
    BRACKETED,
    holds_full_stop,
    is_byline,
    is_closing_credit,
    is_endnote,
    is_english_label,
    is_section_label,
    is_subtitle,
    is_table_residue,
    label_of,
)
from cleaner.text import ends_paragraph_mark, ends_sentence, is_han, open_quotes

# ---------------------------------------------------------------- where articles start


def split_articles(lines: Sequence[Line], issue: Issue) -> list[list[Line]]:
    """Cut the issue into articles: at chunk starts, after navigation markers, at section labels
    and at a title that a byline follows."""
    starts = [0]
    # Flowed text that sets its blocks apart by blank lines (magclean's own text output, an
    # editor's corrected copy) says itself where its articles start: at a wider gap (or a
    # navigation marker), nowhere else. The head rules read a flowed text's whole paragraphs
    # differently from the wrapped lines they were first found in, so they must not move the
    # article boundaries the writer kept.
    marked = not issue.wrapped and issue.usual_gap > 0
    for i in range(1, len(lines)):
        line, before = lines[i], lines[i - 1]
        if marked:
            if line.after_marker or issue.usual_gap < line.gap:
                starts.append(i)
        elif line.hint is not None and line.hint.starts_article:
            starts.append(i)  # a PDF page with a title in title type: the article's head starts here
        elif line.after_marker:
            starts.append(i)  # after a navigation marker
        elif is_endnote(before.text) and not is_endnote(line.text) and issue.enabled("endnote") \
                and not _head_only(_opening(lines, starts[-1], i)):
            # An end note closes its article. (The editor's closing credit, 责任编辑：…, does not
            # start one: where columns were read out of order it stands mid-article, and the
            # lines after it would be taken for a head: held-out sentences lost rose by one.)
            starts.append(i)
        elif line.chunk_start:
            if not _continues_article(_opening(lines, starts[-1], i), before, issue):
                starts.append(i)
        elif line.hint is None and _closes_block(before, issue) \
                and (not _head_only(opening := _opening(lines, starts[-1], i))
                     or all(is_credit(x.text, issue) for x in opening)) \
                and (_is_label(lines, i, issue) or _title_before_byline(lines, i, issue)):
            # (a caption left over from the page before, above a label, is no article's head)
            # (a PDF's layout has seen the title type: a deck's last line over the byline is none)
            starts.append(i)
    bounds = [*starts, len(lines)]
    return [list(lines[a:b]) for a, b in itertools.pairwise(bounds) if b > a]


def _closes_block(line: Line, issue: Issue) -> bool:
    return (line.ends_mark or is_credit(line.text, issue)
            or not fills_column(line.width, issue.width))


def _is_label(lines: Sequence[Line], i: int, issue: Issue) -> bool:
    if not issue.enabled("section_label"):
        return False
    text = lines[i].text
    if is_section_label(text, issue.config.profile.sections):
        return True
    following = lines[i + 1].text if i + 1 < len(lines) else ""
    if not (is_english_label(following) or is_english_label(text)):
        return False  # no English label on either line (the cheap test, before credits and bylines)
    if is_english_label(text) and following and not is_english_label(following) \
            and text not in issue.repeated and _title_before_byline(lines, i + 1, issue):
        return True  # an English label alone over a Chinese title (Future Transport / 新能源车…)
    if is_credit(text, issue) or is_byline(text, issue.config.profile.byline_patterns):
        return False
    # A short Chinese label with its English label under it (社评 / Editorial), or the reverse.
    if is_english_label(following) and len(text) <= 8 and not ends_paragraph_mark(text):
        return not is_english_label(text) or len(text.split()) <= 3
    return is_english_label(text) and 0 < len(following) <= 8 and not ends_paragraph_mark(following) \
        and not is_english_label(following)


def _head_label(lines: Sequence[Line], i: int, labels: Sequence[Line], issue: Issue) -> bool:
    """A section label at the top of an article's head that no profile lists.

    An English label pairs with the Chinese label beside it (社评 / Editorial, Digest / 读者评论);
    an English label alone leads a Chinese title (a Chinese magazine's titles are Chinese); a
    short unpunctuated Han line over a longer unpunctuated title that a byline, subtitle or deck
    follows names the column (学术观点 over the paper's title).
    """
    if not issue.enabled("section_label"):
        return False
    text = lines[i].text
    following = lines[i + 1].text if i + 1 < len(lines) else ""
    unpaired = len(labels) == 1 or (len(labels) > 1 and
                                    is_english_label(labels[-2].text) == is_english_label(labels[-1].text))
    known = labels and labels[-1].text in issue.config.profile.sections  # the profile names its partner
    if labels and unpaired and not known and _short_label(labels[-1].text) \
            and is_english_label(text) != is_english_label(labels[-1].text):
        return _short_label(text)
    if i == 0 and is_english_label(text) and following and not is_english_label(following) \
            and not is_latin_text(following):
        return True
    parts = text.split()
    if not (len(parts) <= 3 and all(2 <= len(part) <= 6 and all(map(is_han, part)) for part in parts)) \
            or i + 2 >= len(lines):
        return False
    title, after = lines[i + 1], lines[i + 2]
    bylines = issue.config.profile.byline_patterns
    # What follows the title shows it is one: a byline, a subtitle, a bracketed deck, a deck set
    # as one bound block, or a one-line deck over a byline.
    deck_follows = i + 3 < len(lines) and (lines[i + 3].tight
                                           or is_byline(lines[i + 3].text, bylines))
    return (not title.ends_mark or title.text.endswith("？")) \
        and title.width <= MAX_TITLE_WIDTH \
        and not (issue.wrapped and fills_column(title.width, issue.width)) \
        and not is_byline(title.text, bylines) \
        and not is_credit(title.text, issue) and not after.tight \
        and (is_byline(after.text, bylines) or is_subtitle(after.text)
             or BRACKETED.match(after.text) is not None or deck_follows)


# A title is a line or two of display type: at most about 30 characters; a deck runs longer.
MAX_TITLE_WIDTH = 60


def _short_label(text: str) -> bool:
    """A line short enough to be a section label, English or Chinese, with no closing punctuation."""
    return not ends_paragraph_mark(text) and (len(text) <= 8 or (is_english_label(text) and len(text) <= 40))


def _title_before_byline(lines: Sequence[Line], i: int, issue: Issue) -> bool:
    """A short line followed, within a few head lines, by a byline: the title of a new article."""
    if not issue.enabled("article_head"):
        return False
    title = lines[i]
    if title.width > issue.width * 0.9 or (ends_sentence(title.text) and not title.text.endswith("？")):
        return False
    if BRACKETED.match(title.text) or (i + 1 < len(lines) and lines[i + 1].chunk_start):
        return False
    if is_byline(title.text, issue.config.profile.byline_patterns) or is_credit(title.text, issue):
        return False
    for j in range(i + 1, min(i + 6, len(lines))):
        if is_byline(lines[j].text, issue.config.profile.byline_patterns):
            return True
        if is_credit(lines[j].text, issue) or (ends_sentence(lines[j].text) and j > i + 1):
            return False  # body text came first: the short line was a heading
    return False


def _opening(lines: Sequence[Line], start: int, i: int) -> Sequence[Line]:
    """The article's lines from ``start`` up to ``i``, but no more than five: enough for
    ``_head_only`` to tell (a longer stretch already holds body text)."""
    return lines[start:min(i, start + 5)]


def _head_only(lines: Sequence[Line]) -> bool:
    """True while an article has no body text yet (only labels, title, deck)."""
    return len(lines) <= 4 and not any(
        ends_sentence(line.text) and not is_subtitle(line.text) and not line.text.endswith("？")
        for line in lines)


def _continues_article(opening: Sequence[Line], last: Line, issue: Issue) -> bool:
    """A chunk start that is not a new article: under a bare head (``opening`` is the article so
    far, at most five lines), or inside a sentence (``last`` is the line before it)."""
    if _head_only(opening):
        return True
    return not last.ends_mark and fills_column(last.width, issue.width) \
        and not is_credit(last.text, issue)


# ---------------------------------------------------------------- the head


@dataclass
class Head:
    section: str | None = None
    title: str | None = None
    subtitle: str | None = None
    deck: str | None = None
    bylines: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    removals: list[Removal] = field(default_factory=list)


def parse_head(lines: list[Line], issue: Issue) -> tuple[Head, int]:
    """Read the article head; return it and the index of the first body line."""
    head = Head()
    profile = issue.config.profile
    i = 0
    labels: list[Line] = []
    while i < len(lines) - 1 and len(labels) < 3 and not is_byline(lines[i].text, profile.byline_patterns) \
            and (_is_label(lines, i, issue) or _head_label(lines, i, labels, issue)):
        labels.append(lines[i])
        i += 1
    title_at = next((j for j in range(i, min(i + 4, len(lines) - 1))
                     if lines[j].hint is not None and lines[j].hint.kind == "title"), None)
    if title_at is not None and title_at > i:
        labels += lines[i:title_at]  # a PDF: what stands above the title type is the section label
        i = title_at
    if labels:
        head.section = _section_name(labels, head)
    if not issue.enabled("article_head") or i >= len(lines):
        return head, i
    first = lines[i]
    bylined = i + 1 < len(lines) and is_byline(lines[i + 1].text, profile.byline_patterns)
    untitled = issue.wrapped and fills_column(first.width, issue.width) \
        and not first.ends_mark and not bylined and not is_credit(first.text, issue)
    if first.hint is not None:
        untitled = first.hint.kind != "title"  # the layout has seen whether it is set in title type
    if (first.hint is not None and first.hint.kind == "title") or \
            (not untitled and not is_byline(first.text, profile.byline_patterns)
             and not is_credit(first.text, issue) and not is_table_residue(first.text)
             and (not ends_sentence(first.text) or first.text.endswith("？"))
             and not holds_full_stop(first.text)):  # (a sentence ended inside: body text)
        head.title = first.text
        i += 1
    if head.title is None and not (labels and any(is_byline(line.text, profile.byline_patterns)
                                                  for line in lines[i:i + 3])):
        return head, i  # (under a label whose title the layout lost, the deck and bylines stay a head)
    if i < len(lines) and lines[i].text == head.title:
        head.removals.append(Removal("repeated_title", lines[i].text, (lines[i].number, lines[i].number),
                                   "article_head"))
        i += 1
    if i < len(lines) and is_subtitle(lines[i].text):
        head.subtitle = lines[i].text
        i += 1
    # Wrapped, a deck runs over a few lines above the byline; flowed, it is one line or none.
    reach = 6 if issue.wrapped else 2
    byline_at = next((j for j in range(i, min(i + reach, len(lines)))
                      if is_byline(lines[j].text, profile.byline_patterns) and not wraps_on(lines, j)), None)
    if byline_at is None:
        byline_at = byline_under_deck_block(lines, i, profile.byline_patterns)
    # (A caption the PDF's layout saw, set among the head's lines, is its figure's: no deck line.)
    above_byline = lines[i:byline_at] if byline_at is not None else []
    captions = [line for line in above_byline if is_laid_caption(line)]
    deck = [line for line in above_byline if not is_laid_caption(line)]
    if byline_at is not None and all(not is_credit(line.text, issue) for line in deck):
        if byline_at > i and BOOK_CREDIT.match(lines[byline_at].text):
            # A book review: the book's own title stands above its author and translator.
            head.blocks.extend(_info_block([line]) for line in lines[i:byline_at])
        elif byline_at > i:
            head.blocks.extend(Block("caption", line.text, (line.number, line.number)) for line in captions)
            head.deck = _join_lines(deck, issue) if deck else None
        i = byline_at
        while i < len(lines) and (is_byline(lines[i].text, profile.byline_patterns)
                                  or _is_bio(lines, i, head) or _is_headshot(lines, i, head)):
            group_end = tight_end(lines, i)
            if _is_headshot(lines, i, head):
                head.blocks.append(Block("caption", lines[i].text, (lines[i].number, lines[i].number)))
            elif _is_bio(lines, i, head):
                head.blocks.append(_info_block(lines[i:group_end]))
            else:
                head.bylines.append(_join_lines(lines[i:group_end], issue))
            i = i + 1 if _is_headshot(lines, i, head) else group_end
        if issue.wrapped:  # flowed, the deck stands above the bylines and info is body text
            i = _head_info(lines, i, head, issue)
    elif i < len(lines) and (BRACKETED.match(lines[i].text) and not is_endnote(lines[i].text)):
        head.deck = lines[i].text
        i += 1
    elif i + 1 < len(lines) and lines[i + 1].tight \
            and not is_credit(lines[tight_end(lines, i) - 1].text, issue):
        end = tight_end(lines, i)
        head.deck = _join_lines(lines[i:end], issue)
        i = end
    return head, i


def _head_info(lines: list[Line], i: int, head: Head, issue: Issue) -> int:
    """Short unpunctuated lines between the bylines and the body: a book's publisher and date,
    a paper's title and journal. They become ``info`` blocks; an open quotation is joined."""
    if i < len(lines) and lines[i].hint is not None and lines[i].hint.kind == "heading":
        return i  # a PDF's layout saw heading type (larger or bold): the body's first heading
    end = i
    while end < len(lines) - 1 and end - i < 4 and lines[end].width < issue.width * 0.8 \
            and not reaches_edge(lines[end]) \
            and not pushed_short(lines[end].width, lines[end + 1].text, issue.width) \
            and not ends_sentence(lines[end].text) and not is_credit(lines[end].text, issue) \
            and not is_byline(lines[end].text):
        end += 1
    if end == i or lines[end].width < issue.width * 0.6:
        return i  # nothing, or not followed by a body line: leave it to the body
    if end == i + 1 and head.deck is None and not head.blocks:
        head.deck = lines[i].text  # one summary line under the byline is the deck
        return end
    if end == i + 1 and not regex.search(r"[《》“”\d]", lines[i].text):
        # One short line under the head's deck, naming no work (no title marks), no date or
        # issue: the body's first heading, not a publication's details.
        return i
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


def _section_name(labels: list[Line], head: Head) -> str:
    chinese = [line.text for line in labels if not is_english_label(line.text)]
    english = [line.text for line in labels if is_english_label(line.text)]
    for line in labels:
        if is_english_label(line.text) and chinese:
            head.removals.append(Removal("section_label", line.text, (line.number, line.number),
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
    if not text.startswith("作者"):
        return False  # before the bylines' names are worked out, for every line of the head
    names = [words[-1] for b in head.bylines if (words := BYLINE_ROLE.sub("", b).split())]
    return any(name in text for name in names)


BYLINE_ROLE = regex.compile(r"^.*[/／：:]\s*")  # "文/记者 张三" → "张三": what precedes the name


def reaches_edge(line: Line) -> bool:
    """A PDF body line whose type reaches its column's right edge: running text wrapped there,
    however few characters its Latin words count (no short line of a head).

    >>> from cleaner.lines import read_lines
    >>> from cleaner.source import LineHint
    >>> [reaches_edge(line) for line in read_lines(["Debian 开发者与其他 Linux", "编辑/王晓雨", "正文"],
    ...                                            hints=[LineHint("body", full=True),
    ...                                                   LineHint("body", full=False), None])]
    [True, False, False]
    """
    return line.hint is not None and line.hint.kind == "body" and bool(line.hint.full)


def wraps_on(lines: Sequence[Line], j: int) -> bool:
    """Does line ``j`` of a PDF go on with the text of the line before it: that line reached
    its column's edge with its sentence open, and the layout saw no new block start? Then it
    is no byline, whatever it ends with ("…增强安全性的编译").

    >>> from cleaner.lines import read_lines
    >>> from cleaner.source import LineHint
    >>> lines = read_lines(["这些改进一直都在进行。对第一点而言，", "我们已经使用了一组增强安全性的编译"],
    ...                    hints=[LineHint("body", True, full=True), LineHint("body", False, full=True)])
    >>> wraps_on(lines, 1), wraps_on(read_lines([line.text for line in lines]), 1)
    (True, False)
    """
    if j == 0 or lines[j].hint is None or lines[j].hint.starts_paragraph is not False:
        return False
    return reaches_edge(lines[j - 1]) and not lines[j - 1].ends_mark


def is_laid_caption(line: Line) -> bool:
    """A line a PDF's layout saw as a caption (small type beside a figure).

    >>> from cleaner.lines import read_lines
    >>> from cleaner.source import LineHint
    >>> [is_laid_caption(line) for line in read_lines(["图片来源：视觉中国", "正文"],
    ...                                               hints=[LineHint("caption"), LineHint("body")])]
    [True, False]
    """
    return line.hint is not None and line.hint.kind == "caption"


# The most lines a deck that the layout set as one block is taken over (a narrow column wraps a
# long deck over more lines than the text path's reach).
MAX_DECK_BLOCK_LINES = 12


def byline_under_deck_block(lines: Sequence[Line], i: int, patterns: tuple[str, ...] = ()) -> int | None:
    """Where a PDF's byline stands under a deck the layout set as one block: the deck's first
    line starts a block, each line after it goes on in that block (a narrow column wraps it
    over many), and the next block opens with a byline. None when the lines have no layout
    (the text path's reach decides there) or the block ends otherwise.

    >>> from cleaner.lines import read_lines
    >>> from cleaner.source import LineHint
    >>> texts = ["国家金融监管总局属国务院直属机构，", *["共27个正司局级内设机构"] * 6, "文/记者 陈洪杰"]
    >>> hints = [LineHint("body", True), *[LineHint("body", False)] * 6, LineHint("body", True)]
    >>> laid, plain = read_lines(texts, hints=hints), read_lines(texts)
    >>> byline_under_deck_block(laid, 0), byline_under_deck_block(plain, 0)
    (7, None)
    >>> closed = read_lines([*texts[:-1], "责任编辑：袁满"], hints=hints)  # an article's end
    >>> byline_under_deck_block(closed, 0) is None
    True
    """
    first = lines[i].hint if i < len(lines) else None
    if first is None or first.kind != "body" or first.starts_paragraph is not True:
        return None
    j = i + 1
    while j < len(lines) and j - i <= MAX_DECK_BLOCK_LINES and (hint := lines[j].hint) is not None \
            and hint.kind == "body" and hint.starts_paragraph is False:
        j += 1
    # (An article's closing credit, "责任编辑：…", after its one paragraph is no byline under a deck.)
    bylined = j < len(lines) and j - i <= MAX_DECK_BLOCK_LINES and is_byline(lines[j].text, patterns) \
        and not is_closing_credit(lines[j].text)
    return j if bylined else None


def _join_lines(lines: Sequence[Line], issue: Issue) -> str:
    text = ""
    for line in lines:
        text = join_text(text, line.text, spaced=line.space_before, broken_words=issue.broken_words,
                         script_space=issue.script_space)
    return text


def with_measures(lines: Sequence[Line], issue: Issue) -> list[Line]:
    """The body lines, each knowing the measure it was set to (``narrow_measures``)."""
    measures = narrow_measures([line.width for line in lines],
                               [not line.ends_mark for line in lines], issue.width,
                               [label_of(line.text) is not None for line in lines])
    return [replace(line, measure=m) if m != issue.width else line
            for line, m in zip(lines, measures, strict=True)]


def build_article(lines: Sequence[Line], issue: Issue) -> tuple[Article, Found]:
    """One article from its lines: head, then the body classified, reflowed and repaired.

    The column width is measured again on the article when it is long enough to tell: an
    English summary or a narrow column sets its own width.
    """
    if len(lines) >= 12 and issue.wrapped:
        issue = issue.measured_on(lines)
    issue = issue.spacing_of(lines)
    head, body_start = parse_head(list(lines), issue)
    units = body_units(with_measures(lines[body_start:], issue), issue)
    repaired = Found()
    if issue.enabled("split_year"):
        units, repaired = move_split_years(units)
    blocks, reflowed = reflow_body(units, issue)
    article = Article(section=head.section, title=head.title, subtitle=head.subtitle, deck=head.deck,
                      bylines=tuple(head.bylines), blocks=tuple(head.blocks + blocks),
                      lines=(lines[0].number, lines[-1].number))
    if issue.enabled("cjk_spacing"):
        article = closed_up(article)
    return article, Found(tuple(head.removals)) + repaired + reflowed


def closed_up(article: Article) -> Article:
    """The article's texts with the typesetter's spaces between CJK characters taken out (rule
    ``cjk_spacing``), once every rule has read its lines as they were printed."""
    def close(text: str | None) -> str | None:
        return None if text is None else close_cjk_spacing(text)
    return replace(article, section=close(article.section), title=close(article.title),
                   subtitle=close(article.subtitle), deck=close(article.deck),
                   bylines=tuple(map(close_cjk_spacing, article.bylines)),
                   blocks=tuple(replace(b, text=close_cjk_spacing(b.text)) for b in article.blocks))
