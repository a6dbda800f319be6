"""Years split from their 年 by a line, page or caption break ("2023" … "年11月15日").

>>> split_trailing_year("驱散了阴云。2023")
('驱散了阴云。', '2023')
>>> starts_with_year_tail("年11月15日，国家主席")
True
"""

from __future__ import annotations

import regex

TRAILING_YEAR = regex.compile(r"(?<![\d.])((?:1[89]|20)\d\d)$")
LONE_YEAR = regex.compile(r"^(?:1[89]|20)\d\d$")


def is_lone_year(text: str) -> bool:
    """True for a line that is only a year ("2023").

    >>> is_lone_year("2023"), is_lone_year("2023年")
    (True, False)
    """
    return bool(LONE_YEAR.match(text))


def starts_with_year_tail(text: str) -> bool:
    """True when a line begins with the 年 of a year left on an earlier line."""
    return text.startswith("年")


def split_trailing_year(text: str) -> tuple[str, str | None]:
    """Cut a year glued to the end of a line after its sentence ended; (line, year or None).

    Only a year that follows sentence-ending punctuation is cut: "增长到2023" keeps its digits.
    """
    match = TRAILING_YEAR.search(text)
    if not match or match.start() == 0:
        return text, None
    before = text[: match.start()]
    if before.rstrip()[-1:] not in "。！？”）":
        return text, None
    return before.rstrip(), match.group(1)
