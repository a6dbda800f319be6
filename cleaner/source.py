"""Reading: bytes in, decoded lines out, every line keeping its source number.

>>> src = source_from_bytes("第一行\\r\\n第二行\\r第三行".encode("gb18030"), "x.txt")
>>> src.encoding, src.lines
('gb18030', ('第一行', '第二行', '第三行'))
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cleaner.errors import InputError
from cleaner.lines import CONTROL_CHARS, INVISIBLE


@dataclass(frozen=True, slots=True)
class LineHint:
    """What a reader that saw the page (a PDF's geometry) knows about one line.

    ``kind`` is "body", "heading", "title", "caption" or "furniture"; ``starts_paragraph`` is
    None where the geometry does not tell (the text rules decide); ``starts_article`` marks the
    first line of an article's head; ``page`` is the PDF page the line stands on; ``full`` is
    True for a body line whose type reaches its column's right edge (running text wrapped
    there), False for one that stops short, None where the reader did not measure it.
    """

    kind: str
    starts_paragraph: bool | None = None
    starts_article: bool = False
    page: int = 0
    full: bool | None = None


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
# A character that is neither white space nor one the cleaner drops (invisible or control).
_VISIBLE = re.compile("[^\\s" + "".join(map(chr, INVISIBLE)) + CONTROL_CHARS + "]")
# The largest input read by default (``--max-size``): a magazine issue is a few MB; memory is
# about 8 bytes per input byte, so this keeps one file under a few GiB.
DEFAULT_MAX_SIZE = 256 * 1024 * 1024


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
    from charset_normalizer import from_bytes  # only for input that is not UTF-8 (slow to import)

    best = from_bytes(data, cp_isolation=_LEGACY_CANDIDATES).best()
    if best is None:
        raise InputError(f"cannot detect the text encoding (not UTF-8 at byte {not_utf8}; try --encoding)")
    return "gb18030" if best.encoding in ("gb2312", "gbk", "gb18030") else best.encoding


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Decode ``data`` strictly; return the text and the encoding used."""
    name = encoding or detect_encoding(data)
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise InputError(f"unknown encoding: {name}") from None
    if not getattr(info, "_is_text_encoding", True):  # rot13, base64, zlib …: bytes-to-bytes codecs
        raise InputError(f"not a text encoding: {name}")
    try:
        text = data.decode(name)
    except UnicodeDecodeError as error:
        raise InputError(f"input is not valid {name} at byte {error.start}") from None
    except (UnicodeError, ValueError, LookupError) as error:  # a codec that fails in its own way
        raise InputError(f"input cannot be decoded as {name} ({type(error).__name__})") from None
    if name in ("utf-8-sig", "utf-16", "utf-32"):
        text = text.removeprefix("\ufeff")
    return text, name


def split_lines(text: str) -> tuple[str, ...]:
    r"""Split on LF, CRLF and CR alike; a form feed stays in its line as a page mark.

    >>> split_lines("a\r\nb\rc\n")
    ('a', 'b', 'c')
    """
    if "\r" in text:  # no copy of a large text that has none
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
    return _source_from_decoded(text, name, used)


def source_from_text(text: str, name: str = "<text>") -> Source:
    r"""Wrap already-decoded text as a Source, checked as the command checks a file.

    NULs are dropped, empty text and a lone surrogate (unwritable text) are InputErrors.

    >>> source_from_text("前\ud800后")
    Traceback (most recent call last):
    cleaner.errors.InputError: <text>: lone surrogate U+D800 at character 1
    >>> source_from_text("正\x00文").lines
    ('正文',)
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__} (for bytes use magclean.clean)")
    if not text.strip():
        raise InputError(f"{name}: input is empty")
    surrogate = _LONE_SURROGATE.search(text)
    if surrogate:
        code = ord(surrogate.group())
        raise InputError(f"{name}: lone surrogate U+{code:04X} at character {surrogate.start()}")
    return _source_from_decoded(text, name, "utf-8")


def _source_from_decoded(text: str, name: str, encoding: str) -> Source:
    """The checks and splitting shared by bytes and text: one behaviour for the CLI and the API."""
    if "\x00" in text:
        text = text.replace("\x00", "")
    if not _VISIBLE.search(text):  # only blanks, zero-width and control characters
        raise InputError(f"{name}: input has no text")
    return Source(name=name, encoding=encoding, lines=split_lines(text))


def display_name(path: str | Path) -> str:
    r"""A path as it can be written anywhere (JSON, HTML, metadata): bytes of the name that are
    not UTF-8 (a GBK name from a Windows zip) become ``\xNN``.

    >>> print(display_name(os.fsdecode(b"in/\xd6\xd0.txt")))
    in/\xd6\xd0.txt
    """
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def read_source(path: str | Path, encoding: str | None = None, max_size: int = DEFAULT_MAX_SIZE, *,
                pages: str | None = None, password: str | None = None) -> Source:
    """Read a file (text or PDF) into a Source, with one-line errors for what cannot be read.

    Regular files and pipes are read, at most ``max_size`` bytes; devices (``/dev/zero``),
    sockets and directories are refused before anything is read. A PDF is given to PDFium as a
    file, which reads it a page at a time.
    """
    path = Path(path)
    if _starts_like_pdf(path):
        from cleaner.pdf_source import read_pdf_source

        return read_pdf_source(path, display_name(path.name), pages=pages, password=password)
    return source_from_bytes(read_input_bytes(path, max_size), display_name(path.name), encoding,
                             pages=pages, password=password)


def _starts_like_pdf(path: Path) -> bool:
    """A regular file whose first KB holds the PDF magic (a pipe is not peeked at: that would
    consume what follows)."""
    try:
        if not path.is_file():
            return False
        with path.open("rb") as handle:
            return PDF_MAGIC in handle.read(1024)
    except OSError:
        return False  # reading it again gives the one-line error


def read_input_bytes(path: str | Path, max_size: int = DEFAULT_MAX_SIZE) -> bytes:
    """The bytes of a regular file or a pipe, at most ``max_size``; anything else is an InputError."""
    shown = display_name(path)
    try:
        with open(path, "rb") as handle:
            kind = os.fstat(handle.fileno()).st_mode
            if stat.S_ISDIR(kind):
                raise InputError(f"{shown}: is a directory, not a text file")
            if not (stat.S_ISREG(kind) or stat.S_ISFIFO(kind)):
                raise InputError(f"{shown}: not a regular file or a pipe")
            return read_bounded(handle, max_size, shown)
    except FileNotFoundError:
        raise InputError(f"{shown}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{shown}: is a directory, not a text file") from None
    except OSError as error:
        raise InputError(f"{shown}: cannot read ({error.strerror})") from None


def read_bounded(handle: BinaryIO, max_size: int, name: str) -> bytes:
    """Read a whole stream, refusing one longer than ``max_size`` bytes (a pipe of ``/dev/zero``).

    A regular file is measured first and read in one piece; a pipe is read a chunk at a time, so
    a large limit never allocates its whole size up front.
    """
    try:
        size = os.fstat(handle.fileno()).st_size if stat.S_ISREG(os.fstat(handle.fileno()).st_mode) else None
    except (OSError, ValueError, AttributeError):  # not a real file (a test's BytesIO)
        size = None
    if size is not None and size > max_size:
        raise _too_large(name, max_size)
    if size:  # (/proc files say 0: read those in chunks like a pipe)
        data = handle.read()
        if len(data) > max_size:  # it grew while being read
            raise _too_large(name, max_size)
        return data
    chunks: list[bytes] = []
    total = 0
    while chunk := handle.read(READ_CHUNK):
        total += len(chunk)
        if total > max_size:
            raise _too_large(name, max_size)
        chunks.append(chunk)
    return b"".join(chunks)


READ_CHUNK = 1 << 20


def _too_large(name: str, max_size: int) -> InputError:
    return InputError(f"{name}: input is larger than the limit of {format_size(max_size)} "
                      "(raise it with --max-size)")


def format_size(size: int) -> str:
    """Bytes as the largest whole binary unit.

    >>> format_size(256 * 1024 * 1024), format_size(1536)
    ('256 MiB', '1536 bytes')
    """
    for unit, factor in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if size >= factor and size % factor == 0:
            return f"{size // factor} {unit}"
    return f"{size} bytes"


def parse_size(text: str) -> int:
    """A size such as ``500M``, ``2G``, ``64K`` or plain bytes (binary units).

    >>> parse_size("2G"), parse_size("500M"), parse_size("1000")
    (2147483648, 524288000, 1000)
    """
    match = re.fullmatch(r"\s*(\d+)\s*([KMG]?)(?:i?B)?\s*", text, re.IGNORECASE)
    if not match or int(match.group(1)) == 0:
        raise InputError(f"bad size: {text} (expected e.g. 500M, 2G or a number of bytes)")
    return int(match.group(1)) << {"": 0, "K": 10, "M": 20, "G": 30}[match.group(2).upper()]


def _looks_binary(data: bytes) -> bool:
    """Many NULs that UTF-16 without BOM would not explain mean binary data."""
    sample = data[:4096]
    if sample.count(0) == 0:
        return False
    if _is_utf8_with_stray_nuls(data):
        return False
    for codec in ("utf-16-le", "utf-16-be"):  # each on its own: one failing says nothing of the other
        try:
            text = sample[: len(sample) // 2 * 2].decode(codec)
        except UnicodeDecodeError:
            continue
        if sum(ch.isprintable() or ch.isspace() for ch in text) > 0.95 * len(text):
            return False
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
