"""The options ``clean``, ``convert`` and ``batch`` share, defined once and applied to each command.

Every shared option is declared in :data:`SHARED_OPTIONS`; :func:`shared_options` adds them all to a
command and hands the command one :class:`Shared` value. Values are checked here, before anything
is read or written: a bad value is a usage error (exit 2) on every command alike. An option that
was given but cannot apply to the output (``--vertical`` for a DOCX, ``--profile`` for a ``.json``
Document …) is named in one warning line, never ignored silently.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any

import click
from click.core import ParameterSource

from cleaner.source import DEFAULT_MAX_SIZE, InputError, format_size, parse_size

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

SCRIPTS = ("s2t", "s2tw", "s2twp", "s2hk")
LANGUAGES = ("zh-Hans", "zh-Hant", "en")
CAPTION_POLICIES = ("drop", "keep")
QUOTE_STYLES = ("cjk",)

# The output kinds an option acts on; anything else ignores it (a plugin may use them all).
BOOKS = frozenset({"epub", "docx"})
APPLIES_TO: dict[str, frozenset[str]] = {
    "vertical": frozenset({"epub"}),
    "publisher": BOOKS,
    "date": BOOKS,
    "title": BOOKS | {"json"},
    "issue": BOOKS | {"json"},
    "lang": BOOKS | {"json"},
    "captions": BOOKS | {"txt"},
}
# What a .json Document input ignores: it was cleaned already.
CLEANING_ONLY = ("profile", "encoding", "disable", "enable")
BUILT_IN_FORMATS = frozenset({"epub", "docx", "txt", "json"})


class UsageError(click.UsageError):
    """A bad command line found by magclean: one ``magclean: error:`` line, exit 2 (as click's own)."""

    def show(self, file: Any = None) -> None:
        click.echo(f"magclean: error: {self.format_message()}", err=True)


@dataclass(frozen=True, slots=True)
class Shared:
    """The shared options of one run; ``given`` names those the user typed (not defaults)."""

    profile: str | None = None
    disable: tuple[str, ...] = ()
    enable: tuple[str, ...] = ()
    encoding: str | None = None
    captions: str = "drop"
    script: str | None = None
    quotes: str | None = None
    phrases: str | None = None
    title: str | None = None
    issue: str | None = None
    publisher: str | None = None
    date: str | None = None
    lang: str | None = None
    vertical: bool = False
    strict: bool = False
    report: str | None = None
    quiet: bool = False
    pages: str | None = None
    password: str | None = None
    max_size: int = DEFAULT_MAX_SIZE
    given: frozenset[str] = field(default=frozenset())


class SizeType(click.ParamType):
    """A size option: 500M, 2G, 64K or a number of bytes."""

    name = "SIZE"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        try:
            return parse_size(str(value))
        except InputError as error:
            self.fail(str(error), param, ctx)


SHARED_OPTIONS: tuple[Callable[[Any], Any], ...] = (
    click.option("--profile", metavar="FILE", help="A publication profile (TOML) added to the built-in one."),
    click.option("--disable", multiple=True, metavar="RULE", help="Switch a rule off (repeatable; "
                 "see `magclean rules`)."),
    click.option("--enable", multiple=True, metavar="RULE", help="Switch a rule back on (repeatable)."),
    click.option("--encoding", metavar="ENC", help="Force the input encoding (detected otherwise)."),
    click.option("--captions", metavar="drop|keep", default="drop", show_default=True,
                 help="Keep caption and table blocks in the output."),
    click.option("--script", metavar="|".join(SCRIPTS), help="Traditional-Chinese variant through OpenCC."),
    click.option("--quotes", metavar="cjk", help="cjk: “”→「」 and ‘’→『』, nested."),
    click.option("--phrases", metavar="FILE", help="Extra OpenCC overrides for --script "
                 "(README: phrase file)."),
    click.option("--title", metavar="TEXT", help="Publication title (default: the profile's magazine)."),
    click.option("--issue", metavar="TEXT", help="Issue, e.g. '2023年第24期' "
                 "(default: from the running heads)."),
    click.option("--publisher", metavar="TEXT", help="Publisher (EPUB, DOCX)."),
    click.option("--date", metavar="YYYY-MM-DD", help="Publication date (EPUB, DOCX; default: "
                 "SOURCE_DATE_EPOCH or none)."),
    click.option("--lang", metavar="|".join(LANGUAGES), help="The document's language (default: "
                 "detected from the text)."),
    click.option("--vertical", is_flag=True, help="EPUB: vertical writing, pages turn right to left."),
    click.option("--strict", is_flag=True, help="Exit 3 (output still written) if a decision was made on "
                 "weak evidence; list them."),
    click.option("--report", metavar="FILE", help="Also write an HTML review report (batch: a directory)."),
    click.option("-q", "--quiet", is_flag=True, help="No warnings, progress or summary; errors only."),
    click.option("--pages", metavar="RANGE", help="PDF input: the pages to clean, e.g. 3-40 or 3,5,7-9."),
    click.option("--password", metavar="TEXT", help="PDF input: the password of an encrypted PDF."),
    click.option("--max-size", type=SizeType(), default=format_size(DEFAULT_MAX_SIZE).replace(" MiB", "M"),
                 show_default=True, help="Refuse an input larger than this (500M, 2G …)."),
)
SHARED_NAMES = tuple(f.name for f in fields(Shared) if f.name != "given")


def shared_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add every shared option to a click command; it receives them as one ``shared`` argument."""

    @functools.wraps(command)
    def run(**kwargs: Any) -> Any:
        context = click.get_current_context()
        given = frozenset(name for name in SHARED_NAMES
                          if context.get_parameter_source(name) is ParameterSource.COMMANDLINE)
        values = {name: kwargs.pop(name) for name in SHARED_NAMES}
        quiet = values["quiet"] or bool((context.find_root().obj or {}).get("quiet"))
        shared = Shared(**{**values, "quiet": quiet}, given=given)
        check_values(shared)
        return command(shared=shared, **kwargs)

    for option in reversed(SHARED_OPTIONS):
        run = option(run)
    return run


def check_values(shared: Shared) -> None:
    """Refuse a bad option value with one line and exit 2, before anything runs."""
    from cleaner.rules import RULES

    unknown = sorted(set(shared.disable + shared.enable) - set(RULES))
    if unknown:
        raise UsageError(f"unknown rule: {', '.join(unknown)} (see `magclean rules`)")
    choices = (("script", SCRIPTS, "script variant"), ("captions", CAPTION_POLICIES, "caption policy"),
               ("quotes", QUOTE_STYLES, "quote style"), ("lang", LANGUAGES, "language"))
    for name, known, what in choices:
        value = getattr(shared, name)
        if value is not None and value not in known:
            raise UsageError(f"unknown {what}: {value} (known: {', '.join(known)})")
    if shared.date is not None:
        from datetime import date

        try:
            date.fromisoformat(shared.date)
        except ValueError:
            raise UsageError(f"bad date: {shared.date} (expected YYYY-MM-DD)") from None


def inapplicable(shared: Shared, output_kind: str, json_input: bool) -> list[str]:
    """One warning per option the user gave that cannot act on this run.

    ``output_kind`` is ``epub``, ``docx``, ``txt``, ``json`` or a plugin's name (a plugin may use
    any option, so none is warned about for it).

    >>> inapplicable(Shared(vertical=True, given=frozenset({"vertical"})), "docx", False)
    ['--vertical applies to EPUB only; ignored for docx']
    >>> inapplicable(Shared(profile="x.toml", given=frozenset({"profile"})), "epub", True)
    ['--profile is ignored: a .json Document was cleaned already']
    """
    warnings = []
    if json_input:
        warnings += [f"--{name} is ignored: a .json Document was cleaned already"
                     for name in CLEANING_ONLY if name in shared.given]
    if "phrases" in shared.given and not shared.script:
        warnings.append("--phrases is ignored without --script (the overrides act on the conversion)")
    if output_kind in BUILT_IN_FORMATS:
        for name, kinds in APPLIES_TO.items():
            if name in shared.given and output_kind not in kinds:
                names = sorted(k.upper() if k in BOOKS else k for k in kinds)
                where = " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
                only = " only" if len(kinds) == 1 else ""
                warnings.append(f"--{name} applies to {where}{only}; ignored for {output_kind}")
    return warnings


def warn(shared: Shared, message: str) -> None:
    """A one-line warning on stderr (silenced by --quiet)."""
    if not shared.quiet:
        click.echo(f"magclean: warning: {message}", err=True)


def warn_inapplicable(shared: Shared, output_kind: str, json_input: bool) -> None:
    """Print :func:`inapplicable`'s warnings."""
    for message in inapplicable(shared, output_kind, json_input):
        warn(shared, message)


def is_json_input(path: str) -> bool:
    """A Document saved by ``magclean clean --format json`` (read as it is, not cleaned again)."""
    return path.lower().endswith(".json")

