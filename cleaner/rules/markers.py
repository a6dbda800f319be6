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
    if not glued_marker(text, ordered):
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


def glued_marker(text: str, markers: tuple[str, ...]) -> bool:
    r"""Does ``text`` start or end with one of ``markers`` (a line's final newline aside)?

    What ``marker_pattern(markers).search(text)`` finds, asked of the line's two ends at once
    (``str.startswith`` and ``endswith`` take the markers as one tuple) instead of trying every
    marker at every character of it.

    >>> glued_marker("他说。返回目录", ("返回目录",)), glued_marker("返回目录在此", ("返回目录",))
    (True, True)
    >>> glued_marker("返回目录\n", ("返回目录",)), glued_marker("请返回目录页", ("返回目录",))
    (True, False)
    """
    return text.startswith(markers) or text.endswith(markers) \
        or (text.endswith("\n") and text[:-1].endswith(markers))


@lru_cache(maxsize=64)
def marker_pattern(ordered: tuple[str, ...]) -> re.Pattern[str]:
    """The markers, as a pattern found at a line's start or end (``glued_marker`` is the test)."""
    alternatives = "|".join(re.escape(m) for m in ordered)
    return re.compile(f"^(?:{alternatives})|(?:{alternatives})$")
