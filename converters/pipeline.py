"""The conversion as one call: transforms (script, quotes), then a converter, written atomically.

``magclean.convert`` and ``magclean convert`` both come here, so the library and the command
behave the same.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cleaner.document import Document
from converters import (
    ConverterError,
    ConvertOptions,
    ScriptError,
    available_converters,
    get_converter,
    run_converter,
    write_atomically,
)

if TYPE_CHECKING:  # the script conversion is imported only when a call asks for it (5 ms)
    from converters.script import Phrase

CAPTION_POLICIES = ("drop", "keep")
QUOTE_STYLES = ("cjk",)


@dataclass(frozen=True, slots=True)
class ConverterInfo:
    """A registered converter as ``magclean convert --list`` shows it."""

    name: str
    suffix: str
    description: str


def list_converters() -> list[ConverterInfo]:
    """Every registered converter, built-in and third-party, sorted by name."""
    return [ConverterInfo(name, getattr(cls, "suffix", ""), getattr(cls, "description", ""))
            for name, cls in available_converters().items()]


def transform(document: Document, script: str | None = None, quotes: str | None = None,
              phrases: Iterable[Phrase] = ()) -> Document:
    """The Document → Document steps before a converter: script variant, then quote style."""
    if script is not None:
        from converters.script import to_traditional

        document = to_traditional(document, script, phrases)
    if quotes is not None:
        if quotes not in QUOTE_STYLES:
            raise ScriptError(f"unknown quote style: {quotes} (known: {', '.join(QUOTE_STYLES)})")
        from converters.script import with_cjk_quotes

        document = with_cjk_quotes(document)
    return document


def resolve_phrases(phrases: str | Path | Iterable[Phrase] | None) -> tuple[Phrase, ...]:
    """Phrase overrides from a file path or given directly."""
    if phrases is None:
        return ()
    if isinstance(phrases, str | Path):
        from converters.script import load_phrases

        return load_phrases(phrases)
    return tuple(phrases)


def convert(document: Document, to: str, path: str | Path, *, script: str | None = None,
            captions: str = "drop", title: str | None = None, issue: str | None = None,
            vertical: bool = False, quotes: str | None = None,
            phrases: str | Path | Iterable[Phrase] | None = None,
            publisher: str | None = None, date: str | None = None) -> Path:
    """Write ``document`` as format ``to`` at ``path`` and return the path.

    Everything is checked before anything is written; the file appears whole or not at all.
    Raises :class:`ConverterError` or :class:`ScriptError` (one-line messages) for bad requests.
    """
    if captions not in CAPTION_POLICIES:
        raise ConverterError(f"unknown caption policy: {captions} (known: drop, keep)")
    converter = get_converter(to)
    target = Path(path)
    if not (target.parent if str(target.parent) else Path(".")).is_dir():
        raise ConverterError(f"{target}: output directory does not exist")
    ready = transform(document, script, quotes, resolve_phrases(phrases))
    extra = {key: value for key, value in (("publisher", publisher), ("date", date)) if value}
    options = ConvertOptions(captions=captions, title=title, issue=issue, vertical=vertical, extra=extra)
    write_atomically(target, lambda temporary: run_converter(converter, ready, temporary, options))
    return target
