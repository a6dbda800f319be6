"""magclean: clean text extracted from Chinese magazine PDFs into publishable documents.

The library API for publishing scripts::

    import magclean
    doc = magclean.clean("issue.txt")                 # -> magclean.Document
    for article in doc.articles:
        print(article.title, len(article.blocks))
    print(doc.to_json())
    magclean.convert(doc, "epub", "issue.epub", script="s2tw", captions="keep")
    for info in magclean.list_converters():
        print(info.name, info.suffix)
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from cleaner import (
    Article,
    Block,
    CleanConfig,
    Decision,
    Document,
    InputError,
    Meta,
    Profile,
    Removal,
    Source,
    load_profile,
    read_source,
    source_from_bytes,
    source_from_text,
)
from cleaner import clean as _clean_source
from cleaner.source import DEFAULT_MAX_SIZE

if TYPE_CHECKING:
    from converters.pipeline import ConverterInfo
    from converters.script import Phrase

__all__ = [
    "Article", "Block", "CleanConfig", "Decision", "Document", "InputError", "Meta", "Profile",
    "Removal", "Source", "clean", "clean_text", "convert", "list_converters", "load_profile",
    "read_source",
]
__version__ = "0.1.0"


def _config(profile: str | Path | Profile | None, disable: str | Iterable[str]) -> CleanConfig:
    """The config of an API call; a single rule name is accepted for ``disable``.

    >>> sorted(_config(None, "heading").disabled)
    ['heading']
    >>> _config(None, [1])
    Traceback (most recent call last):
    TypeError: disable must hold rule names (str), not int
    """
    if profile is not None and not isinstance(profile, str | Path | Profile):
        raise TypeError(f"profile must be a path or a Profile, not {type(profile).__name__}")
    loaded = profile if isinstance(profile, Profile) else load_profile(profile)
    names = (disable,) if isinstance(disable, str) else disable  # "heading" is one rule, not 7 letters
    try:
        rules = frozenset(names)
    except TypeError:
        raise TypeError(f"disable must be a rule name or a list of them, not {type(disable).__name__}") \
            from None
    odd = next((name for name in rules if not isinstance(name, str)), None)
    if odd is not None:
        raise TypeError(f"disable must hold rule names (str), not {type(odd).__name__}")
    try:
        return CleanConfig(profile=loaded, disabled=rules)
    except ValueError as error:  # an unknown rule: an input error of the caller, one line
        raise InputError(str(error)) from None


def clean(source: str | Path | bytes | Source, *, encoding: str | None = None,
          profile: str | Path | Profile | None = None, disable: str | Iterable[str] = (),
          max_size: int = DEFAULT_MAX_SIZE, pages: str | None = None,
          password: str | None = None) -> Document:
    """Clean one extracted issue (text) or a magazine PDF and return its Document.

    ``source`` is a file path, raw bytes, or a :class:`Source`; a PDF is recognised by its
    ``%PDF-`` magic and read with its layout (needs ``magclean[pdf]``), ``pages`` (``"3-40"``,
    ``"3,5,7-9"``) and ``password`` apply to it. ``encoding`` forces a decoding
    (detected otherwise); ``profile`` adds a publication profile (TOML path) to the built-in one;
    ``disable`` switches rules off by name (one name or several; see ``magclean rules``); a file
    larger than ``max_size`` bytes is refused.
    Raises :class:`InputError` with a one-line message for input that cannot be cleaned, and
    ``TypeError`` for an argument of the wrong type.
    """
    if encoding is not None and not isinstance(encoding, str):
        raise TypeError(f"encoding must be a str, not {type(encoding).__name__}")
    config = _config(profile, disable)
    if isinstance(source, Source):
        src = source
    elif isinstance(source, bytes | bytearray | memoryview):
        src = source_from_bytes(bytes(source), "<bytes>", encoding, pages=pages, password=password)
    elif isinstance(source, str | Path):
        src = read_source(source, encoding, max_size, pages=pages, password=password)
    else:
        raise TypeError(f"source must be a path, bytes or a Source, not {type(source).__name__}")
    return _clean_source(src, config)


def clean_text(text: str, *, name: str = "<text>", profile: str | Path | Profile | None = None,
               disable: str | Iterable[str] = ()) -> Document:
    """Clean already-decoded text (for scripts that hold the text in memory).

    The text is checked and read as the command reads a file: NULs dropped, empty text refused.
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a str, not {type(name).__name__}")
    config = _config(profile, disable)
    return _clean_source(source_from_text(text, name), config)


def convert(document: Document, to: str, path: str | Path, *, script: str | None = None,
            captions: str = "drop", title: str | None = None, issue: str | None = None,
            vertical: bool = False, quotes: str | None = None,
            phrases: str | Path | Iterable[Phrase] | None = None,
            publisher: str | None = None, date: str | None = None) -> Path:
    """Write ``document`` in format ``to`` (``epub``, ``docx``, ``txt``, ``json`` or a plugin's).

    ``script`` converts to Traditional Chinese first (``s2t``, ``s2tw``, ``s2twp``, ``s2hk``), with
    the built-in phrase overrides plus ``phrases`` (a phrase file or Phrase values);
    ``quotes="cjk"`` sets 「」『』; ``captions="keep"`` keeps caption and table blocks;
    ``vertical`` makes a vertical EPUB. ``date`` is YYYY-MM-DD (else SOURCE_DATE_EPOCH, else
    none). The file is written atomically; the same input and options give identical bytes.
    Raises ``converters.ConverterError`` or ``converters.script.ScriptError`` (one-line messages).
    """
    from converters.pipeline import convert as _convert

    if not isinstance(document, Document):
        raise TypeError(f"document must be a magclean.Document, not {type(document).__name__}")
    if not isinstance(to, str):
        raise TypeError(f"to must be a format name (str), not {type(to).__name__}")
    if not isinstance(path, str | Path):
        raise TypeError(f"path must be a str or Path, not {type(path).__name__}")
    for option, value in (("script", script), ("captions", captions), ("title", title), ("issue", issue),
                          ("quotes", quotes), ("publisher", publisher), ("date", date)):
        if value is not None and not isinstance(value, str):
            raise TypeError(f"{option} must be a str, not {type(value).__name__}")
    return _convert(document, to, path, script=script, captions=captions, title=title, issue=issue,
                    vertical=vertical, quotes=quotes, phrases=phrases, publisher=publisher, date=date)


def list_converters() -> list[ConverterInfo]:
    """Every registered converter (built-in and third-party): name, suffix, description."""
    from converters.pipeline import list_converters as _list

    return _list()
