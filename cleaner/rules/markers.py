"""Navigation residue: "返回目录" and the like, left by the digital edition's links.

>>> is_navigation_marker("返回目录", ("返回目录",))
True
>>> split_navigation_marker("他说。返回目录", ("返回目录",))
('他说。', '返回目录')
"""

from __future__ import annotations

import re
from functools import lru_cache

GENERIC_MARKERS = ("返回目录", "返回首页", "回到目录", "回到顶部", "上一篇", "下一篇", "点击返回",
                   "返回目錄", "返回首頁", "回到目錄", "回到頂部", "點擊返回")  # and in Traditional script


def is_navigation_marker(text: str, markers: tuple[str, ...]) -> bool:
    """True when the whole line is a navigation marker (spaces and arrows around it allowed)."""
    core = text.strip(" ▲△▶◀←→↑<>《》[]【】")
    return core in markers or core in GENERIC_MARKERS


def split_navigation_marker(text: str, markers: tuple[str, ...]) -> tuple[str, str | None]:
    """Cut a marker glued to the start or end of a line; return (rest of line, marker or None)."""
    ordered = _by_length(tuple(markers))
    if not _marker_pattern(ordered).search(text):
        return text, None
    for marker in ordered:
        if text.endswith(marker) and len(text) > len(marker):
            return text[: -len(marker)].rstrip(), marker
        if text.startswith(marker) and len(text) > len(marker):
            return text[len(marker):].lstrip(), marker
    return text, None


@lru_cache(maxsize=64)
def _by_length(markers: tuple[str, ...]) -> tuple[str, ...]:
    # Longest first, then in a fixed order: the result must not depend on set iteration order.
    return tuple(sorted(set(markers) | set(GENERIC_MARKERS), key=lambda m: (-len(m), m)))


@lru_cache(maxsize=64)
def _marker_pattern(ordered: tuple[str, ...]) -> re.Pattern[str]:
    # Stdlib ``re``: literal alternatives need nothing of ``regex``, and each line is searched.
    alternatives = "|".join(re.escape(m) for m in ordered)
    return re.compile(f"^(?:{alternatives})|(?:{alternatives})$")
