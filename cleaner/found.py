"""What a stage found besides its main result: the removals and decisions it made.

Every stage returns one of these instead of appending to shared lists; the pipeline adds them up.

>>> from cleaner.document import Removal
>>> a = Found(removals=(Removal("marker", "返回目录", (9, 9), "toc_marker"),))
>>> (a + Found()).removals[0].text
'返回目录'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cleaner.document import Decision, Removal


@dataclass(frozen=True, slots=True)
class Found:
    """Removals (text taken out, with its source lines) and decisions (choices on evidence)."""

    removals: tuple[Removal, ...] = ()
    decisions: tuple[Decision, ...] = ()

    def __add__(self, other: Found) -> Found:
        return Found(self.removals + other.removals, self.decisions + other.decisions)

    @staticmethod
    def total(parts: Iterable[Found]) -> Found:
        """All the parts added up, in order."""
        removals: list[Removal] = []
        decisions: list[Decision] = []
        for part in parts:
            removals.extend(part.removals)
            decisions.extend(part.decisions)
        return Found(tuple(removals), tuple(decisions))
