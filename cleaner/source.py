"""Reading: bytes in, decoded lines out, every line keeping its source number.

>>> src = source_from_bytes("第一行\\r\\n第二行\\r第三行".encode("gb18030"), "x.txt")
>>> src.encoding, src.lines
('gb18030', ('第一行', '第二行', '第三行'))
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from cleaner.lines import INVISIBLE


class InputError(Exception):
    """Input that cannot be cleaned; the message is one line for the user."""


@dataclass(frozen=True, slots=True)
class LineHint:
    """What a reader that saw the page (a PDF's geometry) knows about one line.

    ``kind`` is "body", "heading", "title", "caption" or "furniture"; ``starts_paragraph`` is
    None where the geometry does not tell (the text rules decide); ``starts_article`` marks the
    first line of an article's head; ``page`` is the PDF page the line stands on.
    """

    kind: str
    starts_paragraph: bool | None = None
    starts_article: bool = False
    page: int = 0


@dataclass(frozen=True, slots=True)
class Source:
    """A decoded input: ``lines[i]`` is source line ``i + 1``; ``hints[i]`` (if any) its hint."""

    name: str
    encoding: str
    lines: tuple[str, ...]
    hints: tuple[LineHint | None, ...] | None = None


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# The legacy CJK encodings we detect; charset-normalizer chooses among them.
_LEGACY_CANDIDATES = ["gb18030", "big5", "utf_16_le", "utf_16_be"]
# A PDF starts with this (within its first KB); it is read with its layout, not decoded.
PDF_MAGIC = b"%PDF-"
# Python strings may hold surrogate halves that no encoding can write.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# A character that is neither white space nor one the cleaner drops as invisible.
_VISIBLE = re.compile("[^\\s" + "".join(map(chr, INVISIBLE)) + "]")


def detect_encoding(data: bytes) -> str:
    """Name the encoding of ``data``: a BOM decides, then strict UTF-8, then detection.

    >>> detect_encoding("繁體中文的雜誌內容，這是測試。".encode("big5"))
    'big5'
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as error:
        not_utf8 = error.start
    best = from_bytes(data, cp_isolation=_LEGACY_CANDIDATES).best()
    if best is None:
        raise InputError(f"cannot detect the text encoding (not UTF-8 at byte {not_utf8}; try --encoding)")
    return "gb18030" if best.encoding in ("gb2312", "gbk", "gb18030") else best.encoding


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Decode ``data`` strictly; return the text and the encoding used."""
    name = encoding or detect_encoding(data)
    try:
        codecs.lookup(name)
    except LookupError:
        raise InputError(f"unknown encoding: {name}") from None
    try:
        text = data.decode(name)
    except UnicodeDecodeError as error:
        raise InputError(f"input is not valid {name} at byte {error.start}") from None
    if name in ("utf-8-sig", "utf-16", "utf-32"):
        text = text.removeprefix("\ufeff")
    return text, name


def split_lines(text: str) -> tuple[str, ...]:
    r"""Split on LF, CRLF and CR alike; a form feed stays in its line as a page mark.

    >>> split_lines("a\r\nb\rc\n")
    ('a', 'b', 'c')
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    return tuple(text.split("\n"))


def source_from_bytes(data: bytes, name: str = "<bytes>", encoding: str | None = None, *,
                      pages: str | None = None, password: str | None = None) -> Source:
    """Decode bytes into a Source; raise InputError for empty, binary or undecodable input.

    A PDF (``%PDF-`` magic) is read with its layout (``cleaner.pdf_source``); ``pages``
    (``3-40``, ``3,5,7-9``) and ``password`` apply to a PDF only.
    """
    if not data.strip():
        raise InputError(f"{name}: input is empty")
    if PDF_MAGIC in data[:1024]:
        from cleaner.pdf_source import read_pdf_source

        return read_pdf_source(data, name, pages=pages, password=password)
    if pages or password:
        raise InputError(f"{name}: --pages and --password apply to a PDF input only")
    if b"\x00" in data and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) \
            and encoding is None and _looks_binary(data):
        raise InputError(f"{name}: input looks binary, not text")
    text, used = decode(data, encoding)
    text = text.replace("\x00", "")
    if not _VISIBLE.search(text):  # only blanks and zero-width characters
        raise InputError(f"{name}: input has no text")
    return Source(name=name, encoding=used, lines=split_lines(text))


def source_from_text(text: str, name: str = "<text>") -> Source:
    r"""Wrap already-decoded text as a Source; a lone surrogate (unwritable text) is an InputError.

    >>> source_from_text("前\ud800后")
    Traceback (most recent call last):
    cleaner.source.InputError: <text>: lone surrogate U+D800 at character 1
    """
    surrogate = _LONE_SURROGATE.search(text)
    if surrogate:
        code = ord(surrogate.group())
        raise InputError(f"{name}: lone surrogate U+{code:04X} at character {surrogate.start()}")
    return Source(name=name, encoding="utf-8", lines=split_lines(text))


def read_source(path: str | Path, encoding: str | None = None, *, pages: str | None = None,
                password: str | None = None) -> Source:
    """Read a file (text or PDF) into a Source, with one-line errors for what cannot be read."""
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a text file")
    if _starts_like_pdf(path):  # PDFium reads the file itself, a page at a time
        from cleaner.pdf_source import read_pdf_source

        return read_pdf_source(path, path.name, pages=pages, password=password)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None
    return source_from_bytes(data, path.name, encoding, pages=pages, password=password)


def _starts_like_pdf(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return PDF_MAGIC in handle.read(1024)
    except OSError:
        return False  # reading it again gives the one-line error


def _looks_binary(data: bytes) -> bool:
    """Many NULs that UTF-16 without BOM would not explain mean binary data."""
    sample = data[:4096]
    if sample.count(0) == 0:
        return False
    if _is_utf8_with_stray_nuls(data):
        return False
    try:
        for codec in ("utf-16-le", "utf-16-be"):
            text = sample[: len(sample) // 2 * 2].decode(codec)
            if sum(ch.isprintable() or ch.isspace() for ch in text) > 0.95 * len(text):
                return False
    except UnicodeDecodeError:
        pass
    return True


def _is_utf8_with_stray_nuls(data: bytes) -> bool:
    r"""A few NULs (under 10%) in otherwise valid UTF-8 are extractor residue, not binary data.

    >>> _is_utf8_with_stray_nuls(("正文" * 60 + "\x00。").encode()), _is_utf8_with_stray_nuls(b"\x00\x00\xff")
    (True, False)
    """
    if data.count(0) * 10 > len(data):
        return False
    try:
        data.replace(b"\x00", b"").decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
