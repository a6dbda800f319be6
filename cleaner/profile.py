"""Publication profiles: the strings one magazine uses, kept out of the rules' code.

>>> load_profile().name, load_profile().sections
('generic', {})
>>> profile = load_profile("caijing")
>>> profile.name, "返回目录" in profile.markers, profile.sections["社评"]
('caijing', True, 'Editorial')
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex

from cleaner.errors import InputError

# Every match of a profile's pattern is bounded: a pattern that backtracks catastrophically
# ("(a|aa)+$") stops with an error instead of hanging the run (and ignoring Ctrl-C).
MATCH_TIMEOUT = 0.5
# A load-time probe must finish in this time on each test line, or the pattern is refused.
PROBE_TIMEOUT = 0.05
# Compiling a{1000000000} takes forever (it is unrolled): the product of counts is capped.
MAX_REPEAT = 10_000
MAX_PATTERN_LENGTH = 1000
REPEAT_COUNT = re.compile(r"(?<!\\)\{(\d+)(?:,(\d*))?\}")


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
    """Parse a profile from TOML text; a malformed file or a bad pattern raises InputError.

    >>> profile_from_toml('markers = "返回"')
    Traceback (most recent call last):
    cleaner.errors.InputError: <profile>: markers: expected a list of strings, found a string
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"{origin}: not a valid profile ({error})") from None
    patterns = _table(data, "patterns", origin)
    profile = Profile(
        name=_string(data, "name", origin),
        magazine=_string(data, "magazine", origin),
        markers=_strings(data, "markers", origin),
        sections=_sections(data, origin),
        byline_patterns=_strings(patterns, "bylines", origin, "patterns."),
        credit_prefixes=_strings(patterns, "credits", origin, "patterns."),
        furniture_patterns=_strings(patterns, "furniture", origin, "patterns."),
    )
    for pattern in profile.byline_patterns + profile.furniture_patterns:
        check_pattern(pattern, origin)
    return profile


def _kind(value: object) -> str:
    return {str: "a string", int: "a number", float: "a number", bool: "a boolean", list: "a list",
            dict: "a table"}.get(type(value), type(value).__name__)


def _string(data: dict[str, Any], key: str, origin: str) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise InputError(f"{origin}: {key}: expected a string, found {_kind(value)}")
    return value


def _strings(data: dict[str, Any], key: str, origin: str, prefix: str = "") -> tuple[str, ...]:
    # A scalar is refused: "返回" taken as a list would be the characters 返 and 回.
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        found = _kind(value) if not isinstance(value, list) else "a list holding " + next(
            _kind(item) for item in value if not isinstance(item, str))
        raise InputError(f"{origin}: {prefix}{key}: expected a list of strings, found {found}")
    return tuple(value)


def _table(data: dict[str, Any], key: str, origin: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise InputError(f"{origin}: {key}: expected a table, found {_kind(value)}")
    return value


def _sections(data: dict[str, Any], origin: str) -> dict[str, str]:
    sections = _table(data, "sections", origin)
    for label, english in sections.items():
        if not isinstance(english, str):
            raise InputError(f"{origin}: sections.{label}: expected a string, found {_kind(english)}")
    return dict(sections)


def check_pattern(pattern: str, origin: str = "<profile>") -> None:
    """Refuse, with one line, a pattern that does not compile or that backtracks catastrophically.

    The probes are runs of the characters the pattern names (and of a, 1, 中, space) ending in a
    character that breaks the match: where nested quantifiers explode.

    >>> check_pattern("(a|aa)+$")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    cleaner.errors.InputError: <profile>: pattern '(a|aa)+$' is too slow (catastrophic backtracking)...
    >>> check_pattern("[z-a]")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    cleaner.errors.InputError: <profile>: pattern '[z-a]' is not a valid regular expression (bad ...
    """
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise InputError(f"{origin}: pattern {pattern[:40]!r}… is longer than {MAX_PATTERN_LENGTH} "
                         "characters")
    product = 1
    for low, high in REPEAT_COUNT.findall(pattern):
        product *= max(int(low), int(high or 0), 1)
        if product > MAX_REPEAT:
            raise InputError(f"{origin}: pattern {pattern!r} repeats too much "
                             f"(its counts multiply past {MAX_REPEAT})")
    try:
        compiled = compile_pattern(pattern)
    except regex.error as error:
        raise InputError(f"{origin}: pattern {pattern!r} is not a valid regular expression ({error})") \
            from None
    for probe in probes(pattern):
        try:
            compiled.search(probe, timeout=PROBE_TIMEOUT)
        except TimeoutError:
            raise InputError(f"{origin}: pattern {pattern!r} is too slow (catastrophic backtracking); "
                             "simplify it") from None


def probes(pattern: str) -> list[str]:
    """Test lines for ``check_pattern``: long runs of likely characters, then a mismatch."""
    letters = [ch for ch in dict.fromkeys(pattern) if ch.isalnum() or ch in " /：:"][:8]
    return [ch * length + end for ch in [*letters, "a", "1", "中", " "] for length in (40, 400)
            for end in ("!", "")]


@lru_cache(maxsize=256)  # keyed by a profile's few patterns, not by line text
def compile_pattern(pattern: str) -> regex.Pattern[str]:
    """A profile pattern, compiled once."""
    return regex.compile(pattern)


def pattern_search(pattern: str, text: str, *, at_start: bool = False) -> bool:
    r"""Does a profile pattern match ``text`` (anywhere, or ``at_start``)? Bounded in time.

    >>> pattern_search(r"^《?财经》?\s*\d{4}年", "财经 2023年"), pattern_search("第", "页第", at_start=True)
    (True, False)
    """
    compiled = compile_pattern(pattern)
    try:
        found = (compiled.match if at_start else compiled.search)(text, timeout=MATCH_TIMEOUT)
    except TimeoutError:
        raise InputError(f"profile pattern {pattern!r} took over {MATCH_TIMEOUT} s on the line "
                         f"{text[:30]!r}…; simplify it") from None
    return found is not None


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


# The built-in profiles ship beside this module (read as files: importlib.resources costs every
# `magclean` run about 10 ms of imports, and the package is never run from a zip).
PROFILES = Path(__file__).resolve().parent / "profiles"


def _built_in(name: str) -> Profile:
    text = (PROFILES / f"{name}.toml").read_text("utf-8")
    return profile_from_toml(text, f"{name}.toml")


def _unique(items: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))
