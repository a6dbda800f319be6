"""How well one line's text continues into another's, learned from the issue's own text.

Used to put interleaved columns back in order (``column_order``) and to find a block that
interrupts a running sentence (``caption_interrupts``).
"""

from __future__ import annotations

import math
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
        """Count the pairs of the texts given (once)."""
        self.pairs: Counter[str] = Counter()
        self.firsts: Counter[str] = Counter()
        for text in self._texts or ():
            core = text.replace(" ", "")
            self.firsts.update(core[:-1])
            self.pairs.update(core[i:i + 2] for i in range(len(core) - 1))
        self.total = sum(self.firsts.values()) or 1
        self.seconds: Counter[str] = Counter()
        for pair, n in self.pairs.items():
            self.seconds[pair[1]] += n
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
