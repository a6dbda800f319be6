"""Distinct copies of the seed for the speed benchmarks: no copy is a cache hit for another.

Copy ``k`` is the seed with its "inert" Han characters rotated by ``k`` places: those are the
Han characters of the seed that no rule, profile or word list of the cleaner names, so every copy
is cleaned the same way (same articles, same decisions) while its line texts differ from every
other copy's. A long single article is the seed's body paragraphs, rotated the same way, under
one title.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "000_b75e2609f1de16f2.txt"
HAN = re.compile(r"[\u4e00-\u9fff]")


@cache
def named_han() -> frozenset[str]:
    """Every Han character the cleaner's code, profiles and word lists mention."""
    named: set[str] = set()
    for path in (ROOT / "cleaner").rglob("*"):
        if path.is_file() and path.suffix in {".py", ".toml", ".txt", ".json"}:
            named.update(HAN.findall(path.read_text(encoding="utf-8", errors="replace")))
    return frozenset(named)


@cache
def inert_han(text: str) -> tuple[str, ...]:
    """The Han characters of ``text`` no rule names, in code-point order."""
    return tuple(sorted(set(HAN.findall(text)) - named_han()))


def rotated(text: str, k: int, inert: tuple[str, ...] | None = None) -> str:
    """``text`` with its inert Han characters (``inert``, default those of ``text``) each replaced
    by the one ``k`` places later."""
    inert = inert_han(text) if inert is None else inert
    if not k % len(inert):
        return text
    return text.translate({ord(ch): inert[(i + k) % len(inert)] for i, ch in enumerate(inert)})


def distinct_copies(copies: int, text: str | None = None) -> str:
    """``copies`` distinct copies of the seed, one after the other (copy 0 is the seed itself)."""
    seed = SEED.read_text(encoding="utf-8") if text is None else text
    return "".join(rotated(seed, k) + ("" if seed.endswith("\n") else "\n") for k in range(copies))


def long_article(lines: int) -> str:
    """One article of about ``lines`` lines: a title, then the seed's long lines, rotated per pass."""
    seed = SEED.read_text(encoding="utf-8")
    body = [line for line in seed.splitlines() if len(line) >= 20]
    out = ["一篇很长的文章", ""]
    inert, k = inert_han(seed), 0
    while len(out) < lines:
        out += [rotated(line, k, inert) for line in body]
        k += 1
    return "\n".join(out[:lines]) + "\n"
