"""Spaces the typesetter put between CJK characters (rule ``cjk_spacing``).

An author of Chinese text sets a space between the words of a label ("文化 逝者"), beside a
Latin word or a number ("第 13 章 向 Debian"), but never between four characters in a row, and
never beside a full-width comma or bracket, which carries its own space. A justified line that
holds a long unbreakable Latin word is stretched by widening every gap between its characters,
and the extractors write those gaps as spaces (``镜 像 站 点 获 得， 位 于``). So where four CJK
characters in a row stand one or two spaces apart, the stretch they belong to (with the Latin
words and numbers set in it) is closed up between CJK characters; the spaces beside Latin words
stay, as they may be the author's. Applied to the finished text of every block and head, so that
every rule before it sees the line as it was printed (a letter-spaced line is a full line).

Where Han meets a Latin letter or digit, some authors set a space and some do not; typesetting
engines may add one too. A line break hides which: there, the lines of the same article tell
(``spaces_scripts``), and the two lines are joined as the article sets such boundaries inside
its lines.

>>> close_cjk_spacing("完整的列表可以在任何一个Debian 镜 像 站 点 获 得， 位 于 文 件indices")
'完整的列表可以在任何一个Debian 镜像站点获得，位于文件indices'
>>> close_cjk_spacing("第 5 行 中 的 Build-Depends 项 列 出 了 编 译此 软 件 包")
'第 5 行中的 Build-Depends 项列出了编译此软件包'
>>> close_cjk_spacing("陪护家 属， 结 果 显 示，")
'陪护家属，结果显示，'
>>> close_cjk_spacing("请阅读第 13 章 向 Debian 计划作出贡献。文化 逝者")
'请阅读第 13 章 向 Debian 计划作出贡献。文化 逝者'
>>> close_cjk_spacing("Debian 的质量标准有详尽的说明文档， 名为 Debian 政策。")
'Debian 的质量标准有详尽的说明文档，名为 Debian 政策。'
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import regex

# CJK characters a letter-spaced line sets apart: Han, kana, full-width forms and CJK
# punctuation (not the curly quotes, which Latin text uses too).
_CJK = ("\u2e80-\u2fff\u3001-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f"
        "\uff01-\uffef")
# (One or two spaces: ``pdftotext -layout`` writes a wide gap as two; a wider run is a gap
# between columns or pieces of a line, which the layout reads.)
_GAP = " {1,2}"
# The ``regex`` module for the patterns over the CJK class: stdlib ``re`` builds a bitmap of
# every code point in the class when it compiles one (3–5 ms each, 14 ms of start-up for these
# four), ``regex`` keeps the ranges, and searches these patterns faster too.
# Four CJK characters in a row, each set apart from the next: letter spacing.
LETTER_SPACED = regex.compile(f"[{_CJK}](?:{_GAP}[{_CJK}]){{3}}")
# A stretch of single CJK characters (a punctuation mark may hang on one), numbers and Latin
# words, each set apart from the next.
STRETCH = regex.compile(f"[{_CJK}A-Za-z0-9]"
                        f"(?:{_GAP}(?:[{_CJK}][，。、；：！？）]?|[A-Za-z0-9][A-Za-z0-9./_-]*)(?![{_CJK}]{{2}}))+")
BETWEEN_CJK = regex.compile(f"(?<=[{_CJK}]){_GAP}(?=[{_CJK}])")
# A full-width comma, enumeration comma, semicolon or colon carries its own space: a space
# beside it, towards a CJK character, is the typesetter's. (After a sentence's end a space may
# set a caption's credit apart, "…装船出口。 图/中新"; after a title mark a byline's words,
# "文/《财经》 记者".)
_PUNCTUATION = "，、；："
BESIDE_PUNCTUATION = regex.compile(f"(?<=[{_PUNCTUATION}]){_GAP}(?=[{_CJK}])"
                                   f"|(?<=[{_CJK}]){_GAP}(?=[{_PUNCTUATION}])")


def is_letter_spaced(text: str) -> bool:
    """Does the text hold CJK characters set apart one by one to fill a measure?

    >>> is_letter_spaced("家 属， 结 果 显 示，"), is_letter_spaced("城市周刊 第27期")
    (True, False)
    """
    return LETTER_SPACED.search(text) is not None


def close_cjk_spacing(text: str) -> str:
    """The text with the typesetter's spaces between CJK characters taken out."""
    if " " not in text:
        return text
    if is_letter_spaced(text):
        text = STRETCH.sub(_close_stretch, text)
    return BESIDE_PUNCTUATION.sub("", text)


def _close_stretch(match: regex.Match[str]) -> str:
    stretch = match.group(0)
    return BETWEEN_CJK.sub("", stretch) if is_letter_spaced(stretch) else stretch


# Where Han meets a Latin letter or digit, with a space between them or none (stdlib ``re``:
# its ``findall`` over these two short classes is twice as fast as ``regex``'s).
_HAN, _LATIN = "\u4e00-\u9fff", "A-Za-z0-9"
SPACED_SCRIPTS = re.compile(f"[{_HAN}] [{_LATIN}]|[{_LATIN}] [{_HAN}]")
JOINED_SCRIPTS = re.compile(f"[{_HAN}][{_LATIN}]|[{_LATIN}][{_HAN}]")
LATIN_CHAR = re.compile(f"[{_LATIN}]")
LATIN_BYTES = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"  # _LATIN's


def has_latin_char(text: str) -> bool:
    """Does ``text`` hold a character of ``LATIN_CHAR`` (an ASCII letter or digit)? Asked in C of
    the line's ASCII characters, not by the class's search in ``re``.

    >>> has_latin_char("中文2023"), has_latin_char("中文，“”")
    (True, False)
    """
    ascii_part = text.encode("ascii", "ignore")
    return len(ascii_part.translate(None, LATIN_BYTES)) < len(ascii_part)
# Fewer boundaries than this inside the lines tell nothing about a convention.
SCRIPT_EVIDENCE = 3


def meets_script(left: str, right: str) -> bool:
    """Han on one side, a Latin letter or digit on the other (a boundary ``spaces_scripts`` counts).

    >>> meets_script("的", "L"), meets_script("2", "年"), meets_script("，", "L")
    (True, True, False)
    """
    return JOINED_SCRIPTS.fullmatch(left + right) is not None


def spaces_scripts(texts: Iterable[str]) -> bool | None:
    """Do these lines set a space where Han meets a Latin letter or digit, most of the time?
    None when they hold too few such boundaries to tell.

    >>> spaces_scripts(["在 2006 年以后，Debian 的", "软件包 dpkg 管理"])
    True
    >>> spaces_scripts(["据USITC数据计算，美国自华", "商品进口占比从2017年21.6%"])
    False
    >>> spaces_scripts(["中美关系历经波折", "止跌回稳"]) is None
    True
    """
    spaced = joined = 0
    for text in texts:
        if text.isascii() or not has_latin_char(text):
            continue  # an English line has no such boundary, nor a line with no Latin letter or digit
        spaced += len(SPACED_SCRIPTS.findall(text))
        joined += len(JOINED_SCRIPTS.findall(text))
    if spaced + joined < SCRIPT_EVIDENCE:
        return None
    return spaced > joined
