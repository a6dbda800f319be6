"""Converter plugins: each writes a Document in one format.

A converter is a class with ``name``, ``suffix``, ``description`` and
``write(document, path, options)``. Built-ins and third-party converters register the same way,
under the entry-point group ``magclean.converters`` (see pyproject.toml); a built-in name is
looked up in ``BUILT_IN`` without reading the entry points, and no plugin can take it.
"""

from __future__ import annotations

import functools
import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from cleaner.document import Document

ENTRY_POINT_GROUP = "magclean.converters"
# The built-in converters, as pyproject.toml registers them (tests/convert/test_cli.py checks the
# two agree): a built-in name is imported directly, without the entry-point scan (importlib.metadata
# and its email modules, reading every installed distribution: ~20 ms) and without importing the
# other converters' modules. The scan runs only for a name not built in and for the listing.
BUILT_IN = {
    "txt": "converters.text:TextConverter",
    "json": "converters.json_form:JsonConverter",
    "epub": "converters.epub:EpubConverter",
    "docx": "converters.docx_form:DocxConverter",
}


@dataclass(frozen=True, slots=True)
class ConvertOptions:
    """Options every converter receives (a converter ignores what it does not use)."""

    captions: str = "drop"  # "drop" or "keep"
    title: str | None = None
    issue: str | None = None
    vertical: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


class Converter(Protocol):
    """What a converter plugin provides."""

    name: str
    suffix: str
    description: str

    def write(self, document: Document, path: Path, options: ConvertOptions) -> None:
        """Write ``document`` to ``path``."""
        ...


class ConverterError(Exception):
    """A converter cannot be found or cannot write; the message is one line for the user."""


def available_converters() -> dict[str, type]:
    """Every registered converter class by name, built-in and third-party alike."""
    return dict(_registered_converters())


@functools.cache  # once per process: the scan reads every installed distribution's metadata
def _registered_converters() -> dict[str, type]:
    """The entry-point scan behind ``available_converters`` (``convert`` asks twice per file)."""
    from importlib.metadata import entry_points  # slow to import; only commands that convert ask

    found: dict[str, type] = {name: built_in_converter(name) for name in BUILT_IN}
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        if entry.name in BUILT_IN:  # the built-in's own entry, or a plugin that may not replace it
            continue
        try:
            found[entry.name] = entry.load()
        except Exception as error:  # a broken third-party plugin must not break the others
            found.setdefault(entry.name, _broken(entry.name, error))
    return dict(sorted(found.items()))


def built_in_converter(name: str) -> type:
    """The class of the built-in converter ``name``, importing its module alone."""
    module, _, attribute = BUILT_IN[name].partition(":")
    return getattr(importlib.import_module(module), attribute)


def get_converter(name: str) -> Converter:
    """An instance of the converter registered as ``name`` (a built-in name is the built-in one)."""
    if name in BUILT_IN:
        return built_in_converter(name)()
    converters = available_converters()
    if name not in converters:
        known = ", ".join(converters) or "none"
        raise ConverterError(f"unknown format: {name} (known: {known})")
    return converters[name]()


class ScriptError(ValueError):
    """An unknown variant or an unreadable phrase file; the message is one line for the user.

    Defined here, not in ``converters.script`` (which re-exports it), so that a command can catch
    it without importing the script conversion when no ``--script`` asks for one.
    """


class PluginError(ConverterError):
    """A third-party converter raised: reported as that plugin's error, not as a bug in magclean."""


def is_built_in(converter: object) -> bool:
    """True for the converters that ship with magclean (their errors are magclean's bugs)."""
    return type(converter).__module__.split(".")[0] == __name__


def run_converter(converter: Converter, document: Document, path: Path, options: ConvertOptions) -> None:
    """``converter.write``; whatever a plugin raises becomes a :class:`PluginError` naming it.

    >>> class Broken:
    ...     name = "broken"
    ...     def write(self, document, path, options):
    ...         raise ValueError("no title")
    >>> Broken.__module__ = "magclean_broken"  # as if installed from another package
    >>> run_converter(Broken(), None, Path("x"), ConvertOptions())
    Traceback (most recent call last):
    ...
    converters.PluginError: converter broken failed: ValueError: no title
    """
    try:
        converter.write(document, path, options)
    except (ConverterError, OSError):
        raise
    except Exception as error:
        if is_built_in(converter):
            raise
        name = getattr(converter, "name", type(converter).__name__)
        message = " ".join(str(error).split())
        raise PluginError(f"converter {name} failed: {type(error).__name__}"
                          f"{': ' + message if message else ''}") from None


def write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write`` on a temporary file beside ``path``, then rename it into place.

    An error or an interruption leaves no partial file and an existing ``path`` untouched.
    """
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise ConverterError(f"{path}: output directory does not exist")
    if path.is_dir():
        raise ConverterError(f"{path}: cannot write (Is a directory)")
    if path.exists() and not path.is_file():
        # Renaming over a device (as root) would replace the device itself.
        raise ConverterError(f"{path}: not a regular file")
    import tempfile  # only when a file is written: `magclean clean` to stdout needs none

    try:
        handle, temporary = tempfile.mkstemp(prefix=temporary_prefix(path), suffix=".part", dir=directory)
    except OSError as error:
        raise ConverterError(f"{path}: cannot write ({error.strerror})") from None
    os.close(handle)
    temp_path = Path(temporary)
    try:
        write(temp_path)
        if path.exists():
            os.chmod(temp_path, path.stat().st_mode & 0o777)
        else:
            os.chmod(temp_path, 0o644)
        os.replace(temp_path, path)
    except OSError as error:
        temp_path.unlink(missing_ok=True)
        raise ConverterError(f"{path}: cannot write ({error.strerror or error})") from None
    except BaseException:
        temp_path.unlink(missing_ok=True)
        raise


# A file name may have 255 bytes; ".NAME.XXXXXXXX.part" must fit too.
NAME_MAX = 255
TEMPORARY_EXTRA = len(".") + len(".") + 8 + len(".part")


def temporary_prefix(path: Path) -> str:
    """The prefix of ``path``'s temporary file: ``.NAME.``, or ``.~DIGEST.`` when NAME is too long
    for the temporary name to fit in a file name (a 248-character issue name).

    >>> temporary_prefix(Path("out/issue.epub"))
    '.issue.epub.'
    >>> temporary_prefix(Path("x" * 250 + ".epub"))
    '.~2cf4cf2cf9cfe001.'
    """
    name = Path(path).name
    if len(os.fsencode(name)) + TEMPORARY_EXTRA <= NAME_MAX:
        return f".{name}."
    import hashlib

    return f".~{hashlib.sha256(os.fsencode(name)).hexdigest()[:16]}."


def _broken(name: str, error: Exception) -> type:
    class Broken:
        suffix = ""
        description = f"(cannot load: {error})"

        def write(self, document: Document, path: Path, options: ConvertOptions) -> None:
            raise ConverterError(f"converter {name} cannot load: {error}")

    Broken.name = name  # type: ignore[attr-defined]
    return Broken
