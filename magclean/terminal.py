"""Text for the terminal: what comes from a file name or an input line is shown, never obeyed.

A file name or a quoted input line may hold ESC/OSC sequences (which a terminal executes: colour,
title, hyperlinks, even clipboard writes), a newline (which splits a one-line error in two),
bidi controls that reorder what is shown, or undecodable bytes. ``terminal_safe`` escapes them
the way ``repr`` would, so every message stays one honest line.

>>> print(terminal_safe("x\\x1b]0;owned\\x07.txt: input is empty"))
x\\x1b]0;owned\\x07.txt: input is empty
>>> print(terminal_safe("a\\nb \\u202eevil.txt 中文"))
a\\nb \\u202eevil.txt 中文
"""

from __future__ import annotations

import unicodedata

# Control (Cc), format (Cf: bidi overrides, zero-width), line/paragraph separators, surrogates
# (undecodable bytes of a file name), unassigned and private-use code points.
UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})
NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape_char(ch: str) -> str:
    r"""One unsafe character as a repr-like escape; a surrogate from a file name's raw byte as
    that byte.

    >>> escape_char("\x1b"), escape_char("\udcd6"), escape_char("\u202e")
    ('\\x1b', '\\xd6', '\\u202e')
    """
    code = ord(ch)
    if ch in NAMED:
        return NAMED[ch]
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's surrogateescape of one undecodable byte
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def terminal_safe(text: str) -> str:
    """``text`` with every character a terminal would act on escaped (see the module doc)."""
    if text.isprintable():  # the usual case: nothing to do (printable excludes all of the above)
        return text
    return "".join(escape_char(ch) if (ch != " " and unicodedata.category(ch) in UNSAFE_CATEGORIES)
                   or ch in NAMED else ch for ch in text)
