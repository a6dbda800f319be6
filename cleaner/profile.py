"""Publication profiles: the strings one magazine uses, kept out of the rules' code.

>>> load_profile().name, load_profile().sections
('generic', {})
>>> profile = load_profile("caijing")
>>> profile.name, "返回目录" in profile.markers, profile.sections["社评"]
('caijing', True, 'Editorial')
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from cleaner.source import InputError


@dataclass(frozen=True, slots=True)
class Profile:
    """Magazine-specific vocabulary used by the rules (see ``profiles/caijing.toml``)."""

    name: str = "generic"
    magazine: str = ""
    markers: tuple[str, ...] = ()
    sections: dict[str, str] = field(default_factory=dict)
    byline_patterns: tuple[str, ...] = ()
    credit_prefixes: tuple[str, ...] = ()
    furniture_patterns: tuple[str, ...] = ()

    def merged(self, other: Profile) -> Profile:
        """``other`` added on top of this profile (its lists extend, its sections override)."""
        return Profile(
            name=other.name or self.name,
            magazine=other.magazine or self.magazine,
            markers=_unique(self.markers + other.markers),
            sections={**self.sections, **other.sections},
            byline_patterns=_unique(self.byline_patterns + other.byline_patterns),
            credit_prefixes=_unique(self.credit_prefixes + other.credit_prefixes),
            furniture_patterns=_unique(self.furniture_patterns + other.furniture_patterns),
        )


def profile_from_toml(text: str, origin: str = "<profile>") -> Profile:
    """Parse a profile from TOML text; a malformed file raises InputError."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"{origin}: not a valid profile ({error})") from None
    patterns = data.get("patterns", {})
    try:
        return Profile(
            name=str(data.get("name", "")),
            magazine=str(data.get("magazine", "")),
            markers=tuple(str(m) for m in data.get("markers", ())),
            sections={str(k): str(v) for k, v in data.get("sections", {}).items()},
            byline_patterns=tuple(str(p) for p in patterns.get("bylines", ())),
            credit_prefixes=tuple(str(p) for p in patterns.get("credits", ())),
            furniture_patterns=tuple(str(p) for p in patterns.get("furniture", ())),
        )
    except (AttributeError, TypeError) as error:
        raise InputError(f"{origin}: not a valid profile ({error})") from None


BUILT_IN = ("generic", "caijing", "chengshi")


def load_profile(path: str | Path | None = None) -> Profile:
    """The generic base profile, with a magazine's profile added on top if given: the name of a
    built-in profile (``caijing``, ``chengshi``) or the path of a TOML file."""
    base = _built_in("generic")
    if path is None:
        return base
    if str(path) in BUILT_IN:
        return base.merged(_built_in(str(path)))
    try:
        text = Path(path).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read profile ({error})") from None
    return base.merged(profile_from_toml(text, str(path)))


def _built_in(name: str) -> Profile:
    text = resources.files("cleaner.profiles").joinpath(f"{name}.toml").read_text("utf-8")
    return profile_from_toml(text, f"{name}.toml")


def _unique(items: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))
