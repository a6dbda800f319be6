"""How well one line's text continues into another's, learned from the issue's own text.

Used to put interleaved columns back in order (``column_order``) and to find a block that
interrupts a running sentence (``caption_interrupts``).
"""

from __future__ import annotations

import math
import struct
from collections import Counter
from collections.abc import Iterator, Sequence


class Continuity:
    """How well one line's text continues into another's, judged by this text's own character
    pairs: every pair of neighbouring characters inside a line is an example of text going on.

    ``score(a, b)`` is log P(first of b | last of a) − log P(first of b): above 0 when the
    issue often writes b's first character after a's last one.

    >>> model = Continuity(["中美关系历经波折", "关系历经", "中美关系"])
    >>> model.score("中美", "关系") > 0 > model.score("中美", "波折")
    True
    """

    def __init__(self, texts: Sequence[str], smoothing: float = 1.0) -> None:
        # The pairs are counted on the first score asked, not here: every issue carries a model,
        # and counting a whole issue's pairs costs a tenth of its clean where no rule asks.
        self._texts: Sequence[str] | None = texts
        self.smoothing = smoothing

    def _learn(self) -> None:
        """Count the pairs of the texts given (once), in one pass over all of them.

        The texts are joined by newlines and their pairs counted in one call (``count_pairs``)
        for each batch of about a million characters; the pairs that straddle a join (the only
        ones holding a newline, when no text holds one) are dropped. Every character but a
        text's last is the first of a pair, every one but a text's first the second of one: both
        counted from the characters, less the texts' ends.

        >>> model = Continuity(["甲乙 丙", "乙丙", "", "丁"])
        >>> model._learn(); sorted(model.pair_counts().items()), model.firsts["乙"], model.total
        ([('乙丙', 2), ('甲乙', 1)], 2, 3)
        """
        cores = [text.replace(" ", "") for text in self._texts or ()]
        lasts = Counter(core[-1] for core in cores if core)
        starts = Counter(core[0] for core in cores if core)
        joined_up = not any("\n" in core for core in cores)  # else each text is counted alone
        self.pairs: Counter[int] = Counter()
        chars: Counter[str] = Counter()
        for batch in batches(cores, BATCH_CHARS):
            joined = "\n".join(batch)
            chars.update(joined)
            chars["\n"] -= len(batch) - 1  # the joins are no characters of the texts
            for text in [joined] if joined_up else batch:
                count_pairs(text, self.pairs)
        if joined_up:
            # The pairs across a join: a text's last character (or the newline of an empty text)
            # before a newline, a newline before a text's first character (or another newline).
            for first in (*lasts, "\n"):
                self.pairs.pop(pair_key(first + "\n"), None)
            for second in (*starts, "\n"):
                self.pairs.pop(pair_key("\n" + second), None)
        self.firsts: Counter[str] = chars - lasts
        self.seconds: Counter[str] = chars - starts
        self.total = sum(self.firsts.values()) or 1
        self._texts = None

    def pair_counts(self) -> Counter[str]:
        """The pairs counted, by their two characters (for a reader; ``score`` looks up keys)."""
        if self._texts is not None:
            self._learn()
        return Counter({key_pair(key): n for key, n in self.pairs.items()})

    def score(self, before: str, after: str) -> float:
        """Log-odds gain that ``after`` continues ``before`` (0 when either is empty)."""
        a, b = before.rstrip()[-1:], after.lstrip()[:1]
        if not a or not b:
            return 0.0
        if self._texts is not None:
            self._learn()
        pair, first, second = self.pairs[pair_key(a + b)], self.firsts[a], self.seconds[b]
        total, kinds = self.total, len(self.seconds)
        prior = (second + 0.5) / (total + 0.5 * kinds + 1)
        given = (pair + self.smoothing * prior) / (first + self.smoothing)
        return math.log(given / prior)


# A pair of characters as one integer: its eight bytes in UTF-32 (lone surrogates passed), read
# as one unsigned 64-bit number in the machine's order. Counting the pairs of a whole issue as
# such numbers (one memoryview over the encoded texts, read at even and at odd characters) takes
# half the time of making a two-character string of each.
PAIR = struct.Struct("=Q")


def pair_key(pair: str) -> int:
    """The key of a two-character string.

    >>> key_pair(pair_key("中文")), pair_key("ab") == pair_key("ba")
    ('中文', False)
    """
    return PAIR.unpack(pair.encode("utf-32-le", "surrogatepass"))[0]


def key_pair(key: int) -> str:
    """The two characters of a key (``pair_key`` undone)."""
    return PAIR.pack(key).decode("utf-32-le", "surrogatepass")


def count_pairs(text: str, counts: Counter[int]) -> None:
    """Count each pair of neighbouring characters of ``text`` into ``counts``, by ``pair_key``.

    >>> counts = Counter(); count_pairs("甲乙甲乙", counts)
    >>> sorted((key_pair(k), n) for k, n in counts.items())
    [('乙甲', 1), ('甲乙', 2)]
    """
    data = memoryview(text.encode("utf-32-le", "surrogatepass"))
    n = len(text)
    counts.update(data[:n // 2 * 8].cast("Q"))  # the pairs from an even character
    counts.update(data[4:4 + (n - 1) // 2 * 8].cast("Q"))  # and those from an odd one


# Texts are joined and encoded this many characters at a time: a whole 100 MB issue at once
# would hold another copy of its text, four bytes a character, at the peak of the clean.
BATCH_CHARS = 1 << 20


def batches(texts: Sequence[str], size: int = BATCH_CHARS) -> Iterator[list[str]]:
    """The texts in runs of about ``size`` characters (a longer text is a run of its own).

    >>> list(batches(["ab", "cd", "efgh", "i"], size=5))
    [['ab', 'cd'], ['efgh'], ['i']]
    """
    batch: list[str] = []
    length = 0
    for text in texts:
        if batch and length + len(text) > size:
            yield batch
            batch, length = [], 0
        batch.append(text)
        length += len(text) + 1
    if batch:
        yield batch
