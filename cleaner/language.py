"""Which language and script an issue is written in, read from its text.

>>> text_language(["中美关系来到一个新起点。"]), text_language(["中美關係來到一個新起點。"])
('zh-Hans', 'zh-Hant')
>>> text_language(["Caijing Magazine's English Summary"])
'en'
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import regex

HAN = regex.compile(r"\p{Han}")
HAN_RUN = regex.compile(r"\p{Han}+")  # runs, not one string per character: the same joined text
LATIN = regex.compile(r"\p{Latin}")
# Enough characters to decide; the rest of a 100 MB issue says the same.
SAMPLE_CHARS = 20_000
# Share of Han characters that OpenCC's t2s changes: 0% in the Simplified fixtures, about 30% in
# the same texts converted to Traditional (s2t, s2twp); a Simplified text quoting a few
# Traditional names stays far below a tenth.
TRADITIONAL_SHARE = 0.10


@cache
def _to_simplified() -> object:
    import opencc  # only when an issue is cleaned: a few milliseconds

    return opencc.OpenCC("t2s")


def traditional_share(han: str) -> float:
    """The share of the Han characters ``han`` that are Traditional forms (changed by t2s; 家 is both).

    >>> traditional_share("这个国家"), traditional_share("這個國家")
    (0.0, 0.75)
    """
    if not han:
        return 0.0
    simplified = _to_simplified().convert(han)  # type: ignore[attr-defined]
    if len(simplified) != len(han):  # t2s maps characters one to one; be safe if it ever does not
        return float(simplified != han)
    return sum(map(str.__ne__, han, simplified)) / len(han)  # (same lengths, tested above)


def text_language(lines: Iterable[str]) -> str:
    """``zh-Hant`` for Traditional Chinese, ``zh-Hans`` for Simplified, ``en`` for a text with
    Latin letters and no Han character at all (an English-only issue)."""
    parts: list[str] = []
    found = 0
    latin = False
    for line in lines:
        # Only the start of a long line: a 5 MB line must not become millions of 1-character strings.
        part = "".join(HAN_RUN.findall(line, 0, 2 * SAMPLE_CHARS))
        parts.append(part)
        found += len(part)
        latin = latin or bool(LATIN.search(line, 0, 2 * SAMPLE_CHARS))
        if found >= SAMPLE_CHARS:
            break
    if not found:
        return "en" if latin else "zh-Hans"
    sample = "".join(parts)[:SAMPLE_CHARS]
    return "zh-Hant" if traditional_share(sample) >= TRADITIONAL_SHARE else "zh-Hans"
