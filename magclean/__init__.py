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

if TYPE_CHECKING:
    from converters.pipeline import ConverterInfo
    from converters.script import Phrase

__all__ = [
    "Article", "Block", "CleanConfig", "Decision", "Document", "InputError", "Meta", "Profile",
    "Removal", "Source", "clean", "clean_text", "convert", "list_converters", "load_profile",
    "read_source",
]
__version__ = "0.1.0"


def _config(profile: str | Path | Profile | None, disable: Iterable[str]) -> CleanConfig:
    loaded = profile if isinstance(profile, Profile) else load_profile(profile)
    return CleanConfig(profile=loaded, disabled=frozenset(disable))


def clean(source: str | Path | bytes | Source, *, encoding: str | None = None,
          profile: str | Path | Profile | None = None, disable: Iterable[str] = (),
          pages: str | None = None, password: str | None = None) -> Document:
    """Clean one extracted issue (text) or a magazine PDF and return its Document.

    ``source`` is a file path, raw bytes, or a :class:`Source`; a PDF is recognised by its
    ``%PDF-`` magic and read with its layout (needs ``magclean[pdf]``), ``pages`` (``"3-40"``,
    ``"3,5,7-9"``) and ``password`` apply to it. ``encoding`` forces a decoding
    (detected otherwise); ``profile`` adds a publication profile (TOML path) to the built-in one;
    ``disable`` switches rules off by name (see ``magclean rules``).
    Raises :class:`InputError` with a one-line message for input that cannot be cleaned.
    """
    if isinstance(source, Source):
        src = source
    elif isinstance(source, bytes):
        src = source_from_bytes(source, "<bytes>", encoding, pages=pages, password=password)
    else:
        src = read_source(source, encoding, pages=pages, password=password)
    return _clean_source(src, _config(profile, disable))


def clean_text(text: str, *, name: str = "<text>", profile: str | Path | Profile | None = None,
               disable: Iterable[str] = ()) -> Document:
    """Clean already-decoded text (for scripts that hold the text in memory)."""
    return _clean_source(source_from_text(text, name), _config(profile, disable))


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

    return _convert(document, to, path, script=script, captions=captions, title=title, issue=issue,
                    vertical=vertical, quotes=quotes, phrases=phrases, publisher=publisher, date=date)


def list_converters() -> list[ConverterInfo]:
    """Every registered converter (built-in and third-party): name, suffix, description."""
    from converters.pipeline import list_converters as _list

    return _list()
