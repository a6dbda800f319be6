"""The cleaner's options: one immutable object (profile and switched rules).

>>> config = CleanConfig(disabled=frozenset({"heading"}))
>>> config.enabled("heading"), config.enabled("cjk_reflow")
(False, True)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from cleaner.profile import Profile, load_profile
from cleaner.rules import RULES


class UnknownRuleError(ValueError):
    """A rule name that the cleaner does not have."""


@dataclass(frozen=True, slots=True)
class CleanConfig:
    """What the cleaner uses: a publication profile, the rules switched off, and reviewed
    paragraph decisions for one input (``paragraph_breaks``: source line number → True when a
    new paragraph starts at that line, False when that line continues the paragraph before).
    """

    profile: Profile = field(default_factory=load_profile)
    disabled: frozenset[str] = frozenset()
    paragraph_breaks: Mapping[int, bool] = field(default_factory=dict)

    def __post_init__(self) -> None:
        unknown = sorted(set(self.disabled) - set(RULES))
        if unknown:
            raise UnknownRuleError(f"unknown rule: {', '.join(unknown)} (see `magclean rules`)")

    def enabled(self, rule: str) -> bool:
        """True unless ``rule`` was switched off."""
        return rule not in self.disabled
