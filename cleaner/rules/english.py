"""English passages: spaces restored, words broken at line ends joined, real hyphens kept.

>>> join_latin("The San Fran", "cisco meeting", broken_words=True)
'The San Francisco meeting'
>>> join_latin("a century-", "old history", broken_words=True)
'a century-old history'
>>> join_latin("held a", "positive summit", broken_words=False)
'held a positive summit'
"""

from __future__ import annotations

import re

import regex

from cleaner.text import line_cache

LATIN_LETTER = re.compile(r"[A-Za-z]")  # stdlib: a plain class, counted on every line
HAN_CHAR = regex.compile(r"\p{Han}")


@line_cache
def is_latin_text(text: str) -> bool:
    """True when a line is mostly Latin script (an English passage), not CJK with a few words.

    >>> is_latin_text("Chinese President Xi Jinping"), is_latin_text("美国总统拜登（Joe Biden）")
    (True, False)
    """
    letters = len(LATIN_LETTER.findall(text))
    return letters >= 3 and len(HAN_CHAR.findall(text)) * 4 < letters


def join_latin(before: str, after: str, broken_words: bool, spaced: bool = False) -> str:
    """Join two Latin lines.

    ``spaced``: the extractor kept a space at the break, so a word ended there.
    ``broken_words``: this document breaks words at line ends without a hyphen (it marks real
    word ends with a space), so two letters meeting at a break belong to one word.
    A hyphen at the line end is kept and the word continues ("century-old", "mid-November").
    A slash at the line end is a break the typesetter found inside one token (a path, a unit,
    a pair): nothing was between the slash and what follows it.

    >>> join_latin("Debian GNU/", "Linux", broken_words=False), join_latin("降至3500元/", "KW", False)
    ('Debian GNU/Linux', '降至3500元/KW')
    """
    if spaced:
        return f"{before} {after}"
    if before.endswith(("-", "‐", "/")) and after[:1].isalnum():
        return before + after
    if broken_words and before[-1:].isalpha() and after[:1].isalpha():
        return before + after
    return f"{before} {after}"


def marks_word_ends(pairs: list[tuple[bool, bool]]) -> bool:
    """Does this document mark word ends at line breaks with a space?

    ``pairs``: for each break between two Latin lines, (space at the break, letters meet).
    If a good share of breaks carry a space, a break without one is inside a word.

    >>> marks_word_ends([(True, False), (False, True), (True, False)])
    True
    >>> marks_word_ends([(False, True), (False, True)])
    False
    """
    if not pairs:
        return False
    spaced = sum(space for space, _ in pairs)
    return spaced >= 2 and spaced >= 0.25 * len(pairs)
