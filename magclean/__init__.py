"""magclean: clean text extracted from Chinese magazine PDFs into publishable documents.

The library API for publishing scripts::

    import magclean
    doc = magclean.clean("issue.txt")                 # -> magclean.Document
    for article in doc.articles:
        print(article.title, len(article.blocks))
    print(doc.to_json())
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

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

__all__ = [
    "Article", "Block", "CleanConfig", "Decision", "Document", "InputError", "Meta", "Profile",
    "Removal", "Source", "clean", "clean_text", "load_profile", "read_source",
]
__version__ = "0.1.0"


def _config(profile: str | Path | Profile | None, disable: Iterable[str]) -> CleanConfig:
    loaded = profile if isinstance(profile, Profile) else load_profile(profile)
    return CleanConfig(profile=loaded, disabled=frozenset(disable))


def clean(source: str | Path | bytes | Source, *, encoding: str | None = None,
          profile: str | Path | Profile | None = None, disable: Iterable[str] = ()) -> Document:
    """Clean one extracted issue and return its Document.

    ``source`` is a file path, raw bytes, or a :class:`Source`. ``encoding`` forces a decoding
    (detected otherwise); ``profile`` adds a publication profile (TOML path) to the built-in one;
    ``disable`` switches rules off by name (see ``magclean rules``).
    Raises :class:`InputError` with a one-line message for input that cannot be cleaned.
    """
    if isinstance(source, Source):
        src = source
    elif isinstance(source, bytes):
        src = source_from_bytes(source, "<bytes>", encoding)
    else:
        src = read_source(source, encoding)
    return _clean_source(src, _config(profile, disable))


def clean_text(text: str, *, name: str = "<text>", profile: str | Path | Profile | None = None,
               disable: Iterable[str] = ()) -> Document:
    """Clean already-decoded text (for scripts that hold the text in memory)."""
    return _clean_source(source_from_text(text, name), _config(profile, disable))
