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
ASCII_LETTERS = bytes(range(ord("A"), ord("Z") + 1)) + bytes(range(ord("a"), ord("z") + 1))
HAN_CHAR = regex.compile(r"\p{Han}")
# Marks that join the parts of one token and never end a word: an identifier's underscore
# (LC_MESSAGES), a variable's sigil ($HOME, $(DESTDIR)), an address's at sign (user@host).
TOKEN_GLUE = ("_", "$", "@")
# A host or file name: lowercase parts joined by dots (debian.org, www.debian.org, index.html).
DOTTED_NAME = regex.compile(r"[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)+")
# The Latin token a line ends with (after its last space or CJK character).
LAST_TOKEN = regex.compile(r"[\x21-\x7e]+$")


@line_cache
def is_latin_text(text: str) -> bool:
    """True when a line is mostly Latin script (an English passage), not CJK with a few words.

    >>> is_latin_text("Chinese President Xi Jinping"), is_latin_text("美国总统拜登（Joe Biden）")
    (True, False)
    """
    # The ASCII letters counted in C: the line's ASCII characters, less those left without them.
    ascii_part = text.encode("ascii", "ignore")
    letters = len(ascii_part) - len(ascii_part.translate(None, ASCII_LETTERS))
    return letters >= 3 and len(HAN_CHAR.findall(text)) * 4 < letters


def breaks_inside_token(before: str, after: str) -> bool:
    """Did a line break fall inside one token (an identifier, a variable, a host name)?

    A typesetter breaks a long token where it may (after ``_``, ``$``, ``.``) without a hyphen.
    A line ending in a mark that never ends a word goes on in the same token; a line ending in a
    token with a dot, whose next line starts with a lowercase dotted name, broke inside a host or
    file name: a sentence never starts lowercase with one.

    >>> breaks_inside_token("shell 的 LC_", "MESSAGES 变量"), breaks_inside_token("支持 $", "(DESTDIR) 变量")
    (True, True)
    >>> breaks_inside_token("通过 security.", "debian.org"), breaks_inside_token("in 2023.", "debian.org")
    (True, False)
    >>> breaks_inside_token("It ended.", "The next"), breaks_inside_token("a_b", "c")
    (False, False)
    """
    token = LAST_TOKEN.search(before)
    if token is None or not after[:1].isascii() or after[:1].isspace():
        return False
    word = token.group()
    if word.endswith(TOKEN_GLUE):
        return True
    # (a letter before the dot: "2023." ends a sentence's number, not a name)
    return word.endswith(".") and LATIN_LETTER.fullmatch(word[-2:-1]) is not None \
        and DOTTED_NAME.match(after) is not None


def join_latin(before: str, after: str, broken_words: bool, spaced: bool = False) -> str:
    """Join two Latin lines.

    ``spaced``: the extractor kept a space at the break, so a word ended there.
    ``broken_words``: this document breaks words at line ends without a hyphen (it marks real
    word ends with a space), so two letters meeting at a break belong to one word.
    A hyphen at the line end is kept and the word continues ("century-old", "mid-November").
    A slash at the line end is a break the typesetter found inside one token (a path, a unit,
    a pair): nothing was between the slash and what follows it. So was a break inside an
    identifier, a variable or a host name (``breaks_inside_token``).

    >>> join_latin("Debian GNU/", "Linux", broken_words=False), join_latin("降至3500元/", "KW", False)
    ('Debian GNU/Linux', '降至3500元/KW')
    >>> join_latin("通过 security.", "debian.org 提供", broken_words=False)
    '通过 security.debian.org 提供'
    """
    if spaced:
        return f"{before} {after}"
    if before.endswith(("-", "‐", "/")) and after[:1].isalnum():
        return before + after
    if breaks_inside_token(before, after):
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
