"""The repairs stage: fixes inside and between blocks that the layout broke.

A year cut from its 年 by a caption or page break goes back (rule ``split_year``).

>>> from cleaner.lines import read_lines
>>> from cleaner.classify import Unit
>>> text, caption = read_lines(["驱散了阴云。2023", "年11月15日，会晤。图/新华"])
>>> units, found = move_split_years([Unit("text", [text]), Unit("caption", [caption])])
>>> [u.text for u in units]
['驱散了阴云。', '2023年11月15日，会晤。图/新华']
"""

from __future__ import annotations

from cleaner.classify import Unit
from cleaner.document import Decision
from cleaner.found import Found
from cleaner.rules.years import is_lone_year, split_trailing_year, starts_with_year_tail


def move_split_years(units: list[Unit]) -> tuple[list[Unit], Found]:
    """A caption that starts with 年 takes back the year left at the end of the text before it."""
    units = [Unit(u.kind, list(u.lines)) for u in units]
    decisions: list[Decision] = []
    for k in range(1, len(units)):
        unit = units[k]
        if unit.kind not in ("caption", "table") or not starts_with_year_tail(unit.lines[0].text):
            continue
        # Walked back by index: no copy of the units before it for every caption.
        previous = next((units[j] for j in range(k - 1, -1, -1)
                         if units[j].kind == "text" and units[j].lines), None)
        if previous is None:
            continue
        last = previous.lines[-1]
        if is_lone_year(last.text):
            previous.lines.pop()
            unit.lines.insert(0, last)
            decisions.append(Decision("split_year", (last.number, unit.lines[0].number), "split_year",
                                      "lone year joined to the caption that starts with 年"))
        else:
            rest, year = split_trailing_year(last.text)
            if year:
                previous.lines[-1] = last.with_text(rest)
                unit.lines.insert(0, last.with_text(year))
                decisions.append(Decision("split_year", (last.number, unit.lines[0].number),
                                          "split_year", "year at a line end moved to its caption"))
    return [u for u in units if u.lines], Found(decisions=tuple(decisions))
