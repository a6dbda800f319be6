"""How well one line's text continues into another's, learned from the issue's own text.

Used to put interleaved columns back in order (``column_order``) and to find a block that
interrupts a running sentence (``caption_interrupts``).
"""

from __future__ import annotations

import math
import operator
from collections import Counter
from collections.abc import Sequence


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

        The texts are joined by newlines and their pairs counted in one call; the pairs that
        straddle a join (the only ones holding a newline, when no text holds one) are dropped.
        Every character but a text's last is the first of a pair, every one but a text's first
        the second of one: both counted from the characters, less the texts' ends.

        >>> model = Continuity(["甲乙 丙", "乙丙", "", "丁"])
        >>> model._learn(); sorted(model.pairs.items()), model.firsts["乙"], model.total
        ([('乙丙', 2), ('甲乙', 1)], 2, 3)
        """
        texts = self._texts or ()
        joined = "\n".join(text.replace(" ", "") for text in texts)
        if texts and joined.count("\n") == len(texts) - 1:
            self.pairs: Counter[str] = Counter(map(operator.add, joined, joined[1:]))
            # A text's last character stands before a newline (or ends the whole), its first
            # after one (or begins it).
            lasts, starts = Counter(joined[-1:]), Counter(joined[:1])
            for pair in [pair for pair in self.pairs if "\n" in pair]:
                n = self.pairs.pop(pair)
                lasts[pair[0]] += n
                starts[pair[1]] += n
            chars = Counter(joined)
            self.firsts: Counter[str] = chars - lasts
            self.seconds: Counter[str] = chars - starts
        else:  # a text holds a newline (or there is none): counted text by text
            self.pairs, self.firsts, self.seconds = Counter(), Counter(), Counter()
            for text in texts:
                core = text.replace(" ", "")
                self.pairs.update(map(operator.add, core, core[1:]))
                self.firsts.update(core[:-1])
                self.seconds.update(core[1:])
        self.total = sum(self.firsts.values()) or 1
        self._texts = None

    def score(self, before: str, after: str) -> float:
        """Log-odds gain that ``after`` continues ``before`` (0 when either is empty)."""
        a, b = before.rstrip()[-1:], after.lstrip()[:1]
        if not a or not b:
            return 0.0
        if self._texts is not None:
            self._learn()
        prior = (self.seconds[b] + 0.5) / (self.total + 0.5 * len(self.seconds) + 1)
        given = (self.pairs[a + b] + self.smoothing * prior) / (self.firsts[a] + self.smoothing)
        return math.log(given / prior)
