"""Columns set side by side on one output line (``pdftotext -layout``): where the gutter is, and
how a line divides at it.

The extractor pads the left column with spaces so that the right column starts at the same
character position on every line of a page; that position, held down the page by lines that
have text on both sides of a run of spaces, is the gutter.

>>> page = [f"左栏第{n}行文字内容    右栏第{n}行" for n in "一二三四五六"]
>>> gutter_index(page)
13
>>> split_in_band(page[0], Gutter(13, 0, 0))
('左栏第一行文字内容', '右栏第一行')
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from cleaner.text import display_width, is_wide

# A run of at least two spaces with text after it: where a right-hand column may begin.
RIGHT_START = regex.compile(r"(?<=\S)( {2,})(?=\S)|^( {8,})(?=\S)")


def right_starts(line: str) -> list[int]:
    """Character positions where text starts after a run of spaces (or a deep indent).

    >>> right_starts("左栏    右栏"), right_starts("        右栏"), right_starts("一个 空格")
    ([6], [8], [])
    """
    if "  " not in line:  # most lines: no run of two spaces (a deep indent is one too), no match
        return []
    return [m.end() for m in RIGHT_START.finditer(line)]


# A page whose lines hardly ever cross the gutter is two columns however few lines reach the
# right one (a short right column, an article's end at the top of the page).
CLEAR_SHARE = 0.05


def gutter_index(lines: Sequence[str], minimum_share: float = 0.3) -> int | None:
    """The character position where the right column starts on this page, or None.

    It must be the most common start after a run of spaces, held by at least five lines and by a
    good share of the page's text lines, and few lines may cross it.
    """
    texts = [line.rstrip() for line in lines if line.strip()]
    if len(texts) < 6:
        return None
    votes = Counter(p for line in texts for p in right_starts(line))
    if not votes:
        return None
    position, held = votes.most_common(1)[0]
    if held < 5 or position < 8:
        return None
    crossing = sum(1 for line in texts if _crosses(line, position))
    if held < minimum_share * len(texts) and crossing > CLEAR_SHARE * len(texts):
        return None
    return position if crossing <= 0.25 * len(texts) else None


def _crosses(line: str, position: int) -> bool:
    """Text runs across the gutter: a line set over both columns (a title, a wide caption)."""
    return len(line) > position and line[position - 2:position].strip() != ""


def two_streams(links: Sequence[Sequence[float]], start: float) -> tuple[list[int], float]:
    """Split lines 0..n-1 into two streams, each keeping the lines' order, that read best.

    ``links[k][p]`` scores line ``k`` following line ``p`` (p < k) in the same stream;
    ``start`` scores a stream's first line. Returns the stream (0 or 1) of every line; the
    stream of line 0 is 0, and the total score of the split. Dynamic programming over (line, last
    line of the other stream).

    >>> good, bad = 2.0, -2.0  # lines alternate: 0 2 4 belong together, so do 1 3 5
    >>> links = [[bad if (k - p) % 2 else good for p in range(k)] for k in range(6)]
    >>> two_streams(links, 0.0)
    ([0, 1, 0, 1, 0, 1], 8.0)
    """
    n = len(links)
    if n == 0:
        return [], 0.0
    # best[j]: the best score with line k in one stream and line j (-1: none) last in the other.
    best: dict[int, float] = {-1: start}
    back: list[dict[int, tuple[int, bool]]] = [{-1: (-1, False)}]
    for k in range(1, n):
        following: dict[int, float] = {}
        pointer: dict[int, tuple[int, bool]] = {}
        for j, value in best.items():  # line k follows line k-1 in the same stream
            following[j] = value + links[k][k - 1]
            pointer[j] = (j, False)
        switch_value, switch_from = max(((value + (links[k][j] if j >= 0 else start), j)
                                         for j, value in best.items()), key=lambda item: item[0])
        following[k - 1] = switch_value  # line k follows line j in the other stream
        pointer[k - 1] = (switch_from, True)
        best, back = following, [*back, pointer]
    j = max(best, key=lambda key: best[key])
    return _traced_streams(back, j), best[j]


def regime_streams(links: Sequence[Sequence[float]], change: float,
                   reach: int = 80) -> tuple[list[int], float]:
    """Split lines 0..n-1 into two streams, each keeping the lines' order, that read best, when
    the columns alternate on part of a page and run on in part.

    Each line either stays in the stream of the line before it (a run of one column) or switches
    to the other stream (the columns alternate); going from runs to alternation or back costs
    ``change``, so that a few lucky character pairs do not start a new regime. ``links[k][p]``
    scores line ``k`` following line ``p`` (p < k) in one stream; a stream is not continued
    from a line more than ``reach`` lines back. Returns the stream (0 or 1) of every line, the
    stream of line 0 being 0, and the total score (a page read in its order scores the sum of
    its neighbours' links).

    >>> good, bad = 2.0, -2.0  # lines 0-4 alternate, then 5 6 7 run on after line 4
    >>> links = [[good if (k - p == 2 and k < 5) or (p == k - 1 and k > 4) else bad
    ...           for p in range(k)] for k in range(8)]
    >>> regime_streams(links, 1.0)
    ([0, 1, 0, 1, 0, 0, 0, 0], 11.0)
    """
    n = len(links)
    if n == 0:
        return [], 0.0
    # best[(j, switched)]: line k last in one stream, line j (-1: none yet) last in the other,
    # and whether line k switched streams.
    best: dict[tuple[int, bool], float] = {(-1, False): 0.0}
    back: list[dict[tuple[int, bool], tuple[tuple[int, bool], bool]]] = [{}]
    for k in range(1, n):
        following: dict[tuple[int, bool], float] = {}
        pointer: dict[tuple[int, bool], tuple[tuple[int, bool], bool]] = {}
        for (j, was_switch), value in best.items():
            if j >= 0 and k - j > reach:
                continue
            stay = value + links[k][k - 1] - (change if was_switch else 0.0)
            if stay > following.get((j, False), -math.inf):
                following[(j, False)] = stay
                pointer[(j, False)] = ((j, was_switch), False)
            # The first switch opens the second stream: no regime to change from yet.
            switch = value + (links[k][j] if j >= 0 else 0.0) - (0.0 if was_switch or j < 0 else change)
            if switch > following.get((k - 1, True), -math.inf):
                following[(k - 1, True)] = switch
                pointer[(k - 1, True)] = ((j, was_switch), True)
        best, back = following, [*back, pointer]
    state = max(best, key=lambda key: best[key])
    return _traced_streams(back, state), best[state]


def _traced_streams(back: Sequence[dict], state: object) -> list[int]:
    """The stream of every line, traced back from the last line's best ``state`` through the
    pointers ``back[k][state] = (state before, whether line k switched streams)``; line 0 is in
    stream 0."""
    streams = [0] * len(back)
    current = 0
    for k in range(len(back) - 1, 0, -1):
        state, switched = back[k][state]
        if switched:
            current = 1 - current
        streams[k - 1] = current
    if streams[0] == 1:
        streams = [1 - s for s in streams]
    return streams


@dataclass(frozen=True)
class Gutter:
    """Where the right column starts on a page written by ``pdftotext -layout``.

    ``position`` is the leftmost start the page holds, ``spread`` how far right of it a line's
    right column may start and still be that column (the extractor places each line's text by
    its own glyph widths, so CJK and Latin lines start a few characters apart), ``left_chars``
    the characters a full left-column line holds (a line whose columns are one space apart is
    cut after that many), ``measure`` how wide (in display columns, a Han character two) a full
    left-column line is: a line whose columns are one space apart is cut at the space that
    leaves that much on the left, however many Latin letters the left part holds (0: unknown).
    """

    position: int
    spread: int
    left_chars: int
    measure: int = 0


def gutter_band(lines: Sequence[str], minimum_share: float = 0.3, spread: int = 4) -> Gutter | None:
    """The gutter of a page whose right-column starts scatter over a few characters, or None.

    The starts are counted in windows ``spread`` characters wide; the window holding most lines
    is the gutter if at least five lines and a good share of the page's text lines hold it, and
    few lines run across it.

    >>> rows = enumerate("一二三四五六")
    >>> page = [f"左栏第{n}行文字内容{' ' * (4 + i % 3)}右栏第{n}行文字内容" for i, n in rows]
    >>> band = gutter_band(page)
    >>> band.position, band.left_chars, gutter_index(page) is None
    (13, 9, True)
    >>> split_in_band("左栏第七行文字内容 右栏第七行文字内容", band)
    ('左栏第七行文字内容', '右栏第七行文字内容')
    """
    texts = [line.rstrip() for line in lines if line.strip()]
    if len(texts) < 6:
        return None
    starts = [[p for p in right_starts(line) if p >= 8] for line in texts]
    positions = sorted({p for line in starts for p in line})
    if not positions:
        return None
    held, low = max((sum(1 for line in starts if any(q <= p <= q + spread for p in line)), -q)
                    for q in positions)
    low = -low
    if held < 5:
        return None
    gutter_lines = [line for line, found in zip(texts, starts, strict=True)
                    if any(low <= p <= low + spread for p in found)]
    lefts = Counter(len(line[:min(p for p in right_starts(line) if p >= low)].rstrip())
                    for line in gutter_lines if line[:low].strip())
    left_chars = lefts.most_common(1)[0][0] if lefts else 0
    band = Gutter(low, spread, left_chars)
    parts = [split_in_band(line, band) for line in texts]
    crossing = sum(1 for part in parts if part is None)
    # Two columns are as wide as each other; one column whose lines beside a float are pushed
    # right of it has narrow text (the float's caption) left of the "gutter" and wide text right.
    lefts_wide, rights_wide = (_full_width([part[side] for part in parts if part]) for side in (0, 1))
    balanced = 0.75 * rights_wide <= lefts_wide <= rights_wide / 0.75
    if held < minimum_share * len(texts) and crossing > CLEAR_SHARE * len(texts):
        return None
    return band if crossing <= 0.25 * len(texts) and balanced else None


def _full_width(parts: Sequence[str]) -> int:
    """How wide a full line of these parts is (the upper quartile of their display widths: a Han
    character takes two positions, a Latin letter one)."""
    lengths = sorted(display_width(part.strip()) for part in parts if part.strip())
    return lengths[(3 * len(lengths)) // 4] if lengths else 0


def split_in_band(line: str, band: Gutter) -> tuple[str, str] | None:
    """The left and right parts of a line at the band's gutter, or None when text crosses it.

    The right part keeps its leading spaces when it starts well right of the gutter (an indent).
    A line wider than a full left-column line whose columns are one space apart is cut at the
    space that leaves a full line's measure on the left (see ``measure_cut``).
    """
    text = line.rstrip()
    wide = band.measure and display_width(text) > band.measure + MEASURE_SLACK
    if len(text) <= band.position and not wide:
        return text, ""
    for cut in range(band.position, min(band.position + band.spread + 1, len(text))):
        if text[cut - 2:cut].strip() == "":
            return text[:cut].rstrip(), text[cut:]
    if wide and (parts := measure_cut(text, band.measure)) is not None:
        return parts
    if len(text) <= band.position:
        return text, ""
    if band.left_chars >= 8:  # columns set one space apart: cut after a full left line
        for cut in (band.left_chars, band.left_chars + 1, band.left_chars - 1):
            lone_space = text[cut:cut + 1] == " " and text[cut - 1] != " " and text[cut + 1:cut + 2].strip()
            if cut < len(text) and lone_space:
                return text[:cut], text[cut + 1:]
    return None


# How far (display columns) a full left-column line's width strays from the page's measure: a
# compressed mark, a Latin word's own width, the glue beside it each move its end a little.
MEASURE_SLACK = 3
DEEP_INDENT = 8  # the least run of leading spaces that sets a line in as far as a right column
LONE_SPACE = regex.compile(r"(?<=\S) (?=\S)")


def measure_cut(text: str, measure: int) -> tuple[str, str] | None:
    """The line cut at the lone space after which a full left-column line ends, or None.

    ``pdftotext -layout`` writes one character a cell: where the columns stand one em apart, a
    full left line leaves a single space before the right column, and a Latin word in it moves
    that space by more cells than the word's letters are wide. The display width (a Han
    character two columns, a Latin letter one) follows the printed width: the space whose left
    part is nearest the page's measure, within the slack, is the gutter. A left part of another
    size (a heading, a caption beside the column) is not a measure wide: there the space before a
    full right line is.

    >>> measure_cut("务上，这三类消费对 GDP 环比折年率 业增加了库存", 34)
    ('务上，这三类消费对 GDP 环比折年率', '业增加了库存')
    >>> measure_cut("支撑了高增长 费反弹的规律。另一种解释是美国家庭", 34)
    ('支撑了高增长', '费反弹的规律。另一种解释是美国家庭')
    >>> measure_cut("一行只有左栏的文字", 34) is None
    True
    """
    spaces = [m.start() for m in LONE_SPACE.finditer(text)]
    # A part set apart by a wider run of spaces inside it is no one line of a column.
    # (A left part set in as deep as a right column is no full left line either.)
    indent = len(text) - len(text.lstrip())
    lefts = [(abs(display_width(text[:at]) - measure), at) for at in spaces
             if "  " not in text[:at].lstrip() and indent < DEEP_INDENT]
    # The right part alone says less: only a space between two CJK characters is taken there.
    rights = [(abs(display_width(text[at + 1:]) - measure), at) for at in spaces
              if "  " not in text[at + 1:] and is_wide(text[at - 1]) and is_wide(text[at + 1])]
    for offsets in (lefts, rights):
        offset, at = min(offsets, default=(MEASURE_SLACK + 1, 0))
        if offset <= MEASURE_SLACK:
            return text[:at], text[at + 1:]
    return None


def with_measure(band: Gutter, lines: Sequence[str], minimum_lines: int = 5) -> Gutter:
    """The band with the measure of its page's full left lines (the display width most of the
    left parts that a run of spaces sets apart from the right column hold, within the slack;
    where few full left lines are set apart, the width most of both columns' lines hold, or
    where the lone spaces between CJK characters stand), when enough lines hold one and at
    least ``MINIMUM_ONE_SPACE_LINES`` lines the band cannot cut stop there on a lone space:
    lines of the page whose columns stand one space apart are cut at it.

    >>> left, right = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳", "天地玄黄宇宙洪荒日月盈昃辰宿列张"
    >>> page = [f"{left}    {right}"] * 5 + ["甲乙 GDP 丙丁戊己庚辛壬癸子丑寅卯 " + right] * 3
    >>> band = with_measure(Gutter(20, 0, 0), page)
    >>> band.measure, split_in_band(page[-1], band)[1] == right
    (32, True)
    >>> with_measure(Gutter(20, 0, 0), page[:-2]).measure  # one such line: a caption across
    0
    """
    texts = [line.rstrip() for line in lines]
    cuts = [split_in_band(text, band) if text else None for text in texts]  # each line cut once
    beyond = [len(text) > band.position for text in texts]
    lefts = Counter(display_width(parts[0].rstrip()) for parts, past in zip(cuts, beyond, strict=True)
                    if past and parts is not None and parts[0].strip() and parts[1].strip())
    # One line across the gutter (a wide caption) is no sign of columns one space apart: several
    # lines the band cannot cut must stop a measure wide on a lone space.
    crossing = [text for text, parts, past in zip(texts, cuts, beyond, strict=True) if past and parts is None]
    # The measure is where most full left lines the band sets apart end; failing that, the
    # width most of the columns' lines hold; failing that, where the lone spaces stand (each
    # counted only when the one before found none).
    for widths in (lambda: lefts,
                   lambda: Counter(display_width(part.strip()) for part in column_pieces(cuts)),
                   lambda: lone_space_votes(lines)):
        held, measure = held_width(widths())
        cut = sum(1 for text in crossing if measure_cut(text, measure) is not None) if held else 0
        if held >= minimum_lines and measure >= 16 and cut >= MINIMUM_ONE_SPACE_LINES:
            return Gutter(band.position, band.spread, band.left_chars, measure)
    return band


MINIMUM_ONE_SPACE_LINES = 3


def column_pieces(cuts: Sequence[tuple[str, str] | None]) -> list[str]:
    """The texts of one column that a band's cut lines hold (``split_in_band`` of each line):
    the left and right parts of the lines it cuts, the lines short of the gutter (lines across
    both columns, and blank ones, None, left out).

    >>> column_pieces([("左", "右"), None, ("短", "")])
    ['左', '右', '短']
    """
    return [part for parts in cuts if parts is not None for part in parts if part.strip()]


def held_width(widths: Counter[int]) -> tuple[int, int]:
    """How many lines the best window of widths (``MEASURE_SLACK`` wide) holds, and the mean
    width in it (0, 0 for none).

    >>> held_width(Counter({50: 6, 52: 2, 30: 1}))
    (8, 50)
    """
    if not widths:
        return 0, 0
    held, low = max((sum(widths[w + k] for k in range(MEASURE_SLACK)), -w) for w in widths)
    window = range(-low, -low + MEASURE_SLACK)
    return held, round(sum(w * widths[w] for w in window) / held)


def lone_space_votes(lines: Sequence[str]) -> Counter[int]:
    """For each display width, how many lines hold their only lone space between two CJK
    characters there (letter-spaced lines, with one every character, do not vote)."""
    votes: Counter[int] = Counter()
    for line in lines:
        text = line.rstrip()
        widths = {display_width(text[:m.start()]) for m in LONE_SPACE.finditer(text)
                  if is_wide(text[m.start() - 1]) and is_wide(text[m.end()])}
        if len(widths) == 1:
            votes.update(widths)
    return votes


def gutter_by_measure(lines: Sequence[str], minimum_lines: int = 5,
                      minimum_share: float = 0.15) -> Gutter | None:
    """The gutter of a page whose columns stand one space apart on most lines, or None.

    Between two CJK characters a lone space is no glue an author typed or the typesetter put
    (that stands between CJK and Latin): on a page of two columns one em apart, it is the gutter
    after a full left line, and it stands at the same display width, the left column's measure,
    on line after line. Lines with several such spaces (letter-spaced by wide justification) do
    not vote. The measure must be held by enough of the page's lines, and the right parts cut
    there must be no wider than the left ones. Lines set apart by a wider run of spaces (a short
    left line, a right line alone) give the position the right column starts at.

    >>> left, right = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳", "天地玄黄宇宙洪荒日月盈昃辰宿列张"
    >>> page = [f"{left} {right}"] * 5 + [left[:6] + " " * 14 + right, left]
    >>> band = gutter_by_measure(page)
    >>> band.measure, band.position, split_in_band(page[0], band) == (left, right)
    (32, 20, True)
    """
    texts = [line.rstrip() for line in lines if line.strip()]
    if len(texts) < 6:
        return None
    held, measure = held_width(lone_space_votes(texts))
    if held < minimum_lines or held < minimum_share * len(texts) or measure < 16:
        return None
    cut = [measure_cut(text, measure) for text in texts if display_width(text) > measure + MEASURE_SLACK]
    rights = [parts[1] for parts in cut if parts is not None]
    if _full_width(rights) > measure + MEASURE_SLACK:
        return None  # wide text right of the "gutter": one column with a lone space in its lines
    starts = Counter(p for text in texts for p in right_starts(text)
                     if p >= 8 and display_width(text[:p].rstrip()) <= measure + MEASURE_SLACK)
    if not starts:  # no line set in to where the right column starts: its lines alone are not told
        return None
    return Gutter(starts.most_common(1)[0][0], 4, 0, measure)
