"""The ``magclean`` command: parses options and calls the library, nothing more."""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from typing import ClassVar

import click

from cleaner import (
    CleanConfig,
    Document,
    InputError,
    Source,
    clean,
    read_source,
    source_from_bytes,
)
from cleaner.rules import RULES
from cleaner.source import DEFAULT_MAX_SIZE, display_name, read_bounded
from converters import ConverterError, write_atomically
from converters.text import render_text
from magclean import documents
from magclean.options import CONTEXT, Shared, UsageError, is_json_input, shared_options, warn_inapplicable
from magclean.strict import EXIT_WEAK, weak_decision_lines
from magclean.terminal import terminal_safe

# Exit status for a bug in magclean (BSD's EX_SOFTWARE); 1 is an input or usage error.
EXIT_BUG = 70


class UserError(click.ClickException):
    """A one-line error for the user, exit code 1 (click's own usage errors exit 2)."""

    def show(self, file=None) -> None:
        # File names and quoted input may hold ESC, newlines, bidi controls: escaped, one line.
        click.echo(f"magclean: error: {terminal_safe(self.format_message())}", err=True)


def load_input(path: str, encoding: str | None, pages: str | None = None,
               password: str | None = None, max_size: int = DEFAULT_MAX_SIZE) -> Source:
    """Read INPUT (``-`` for stdin; text or PDF) into a Source, turning every failure into a UserError."""
    try:
        if path == "-":
            return source_from_bytes(read_stdin(max_size), "<stdin>", encoding, pages=pages,
                                     password=password)
        return read_source(path, encoding, max_size, pages=pages, password=password)
    except InputError as error:
        raise UserError(str(error)) from None


def read_stdin(max_size: int) -> bytes:
    """All of stdin (at most ``max_size`` bytes); a closed stdin (``<&-``) is a one-line error."""
    if sys.stdin is None:
        raise UserError("cannot read stdin (it is closed)")
    try:
        return read_bounded(sys.stdin.buffer, max_size, "<stdin>")
    except (OSError, ValueError) as error:  # EBADF, or a stream already closed
        raise UserError(f"cannot read stdin ({getattr(error, 'strerror', None) or error})") from None


def make_config(profile: str | None, disable: tuple[str, ...], enable: tuple[str, ...]) -> CleanConfig:
    """The cleaner's config from the command-line options."""
    try:
        return documents.make_config(profile, disable, enable)
    except documents.DocumentError as error:
        raise UserError(str(error)) from None


def input_document(input_path: str, shared: Shared) -> tuple[Document, Source | None, CleanConfig | None]:
    """INPUT as a Document with its publication metadata: a .json Document as it is, text cleaned.

    Returns the Source too (None for a Document), for ``--report`` and ``--strict``.
    """
    if is_json_input(input_path):
        if shared.strict:
            raise UsageError("--strict needs the extracted text as INPUT: a .json Document has no decisions")
        try:
            document = documents.read_document_json(input_path, shared.max_size)
        except documents.DocumentError as error:
            raise UserError(str(error)) from None
        return documents.with_publication(document, None, shared.title, shared.issue, shared.lang), None, None
    config = make_config(shared.profile, shared.disable, shared.enable)
    source = load_input(input_path, shared.encoding, shared.pages, shared.password, shared.max_size)
    document = clean(source, config)
    return (documents.with_publication(document, config.profile, shared.title, shared.issue, shared.lang),
            source, config)


def transformed(document: Document, shared: Shared) -> Document:
    """The Document in the script and quote style asked for (``--script``, ``--quotes``, ``--phrases``)."""
    if shared.script is None and shared.quotes is None:  # nothing to do: no conversion modules imported
        return document
    from converters.pipeline import resolve_phrases, transform
    from converters.script import ScriptError

    try:
        phrases = resolve_phrases(shared.phrases) if shared.script else ()
        return transform(document, shared.script, shared.quotes, phrases)
    except ScriptError as error:
        raise UserError(str(error)) from None


def same_file(first: str, second: str) -> bool:
    """True when two paths name one file (also through ``./`` or a symlink), existing or not."""
    return Path(first).resolve() == Path(second).resolve()


def write_output(output: str | None, input_path: str, payload: bytes) -> None:
    """Write bytes to OUTPUT (stdout for ``-`` or none), atomically, never over the input."""
    if output in (None, "-"):
        write_stdout(payload)
        return
    target = Path(output)
    if input_path != "-" and target.exists() and target.resolve() == Path(input_path).resolve():
        raise UserError(f"{display_name(output)}: output would overwrite the input")
    if target.exists() and not target.is_file() and not target.is_dir():
        write_special_file(target, payload)
        return
    try:
        write_atomically(target, lambda tmp: tmp.write_bytes(payload))
    except ConverterError as error:
        raise UserError(str(error)) from None


def write_stdout(payload: bytes) -> None:
    """Write to stdout; a full disk is a one-line error (a closed pipe is left to click)."""
    try:
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        # Point stdout at /dev/null so the interpreter's final flush does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise UserError(f"cannot write to stdout ({error.strerror})") from None


def write_special_file(target: Path, payload: bytes) -> None:
    """Write into a device or FIFO (/dev/null, /dev/full) in place: renaming over it would replace it."""
    try:
        with target.open("wb") as handle:
            handle.write(payload)
    except OSError as error:
        raise UserError(f"{target}: cannot write ({error.strerror})") from None


def exit_if_weak(document: Document, source: Source | None, quiet: bool = False) -> None:
    """``--strict``: list the decisions made on weak evidence on stderr and exit 3 if there is one."""
    report = weak_decision_lines(document, source)
    for line in report if not quiet else ():
        click.echo(f"magclean: weak: {terminal_safe(line)}", err=True)
    if report:
        click.echo(f"magclean: strict: {len(report)} decisions on weak evidence", err=True)
        sys.exit(EXIT_WEAK)


class MagcleanGroup(click.Group):
    """The command group; a bug (an unexpected exception) is one line and exit 70, not a traceback.

    Set MAGCLEAN_DEBUG=1 to see the traceback.
    """

    # Subcommands in their own modules, imported only when named (or listed by --help): `magclean
    # clean` does not pay for batch's process pool and progress bar, nor golden's case files.
    LAZY: ClassVar[dict[str, tuple[str, str]]] = {"batch": ("magclean.cmd_batch", "batch_command"),
            "convert": ("magclean.cmd_convert", "convert_command"),
            "golden": ("magclean.cmd_golden", "golden_group")}

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command name, the lazy ones included, sorted as click sorts them."""
        return sorted({*super().list_commands(ctx), *self.LAZY})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command called ``cmd_name``, importing its module the first time it is asked for."""
        if cmd_name in self.LAZY and cmd_name not in self.commands:
            module, attribute = self.LAZY[cmd_name]
            self.add_command(getattr(importlib.import_module(module), attribute), cmd_name)
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Each command with its whole summary (click cuts them at 45 characters)."""
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, (command.help or "").split("\n\n")[0].replace("\n", " ").strip()))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, KeyboardInterrupt, BrokenPipeError):
            raise
        except InputError as error:  # input found bad while cleaning (a profile pattern too slow)
            raise UserError(str(error)) from None
        except Exception as error:
            if os.environ.get("MAGCLEAN_DEBUG"):
                raise
            where = error.__traceback__
            while where is not None and where.tb_next is not None:
                where = where.tb_next
            place = f" at {Path(where.tb_frame.f_code.co_filename).name}:{where.tb_lineno}" if where else ""
            line = (f"magclean: internal error: {type(error).__name__}{place}: {error} (a bug: please report "
                    "it with the input; MAGCLEAN_DEBUG=1 shows the traceback)")
            click.echo(terminal_safe(line), err=True)
            sys.exit(EXIT_BUG)


@click.group(cls=MagcleanGroup, context_settings=CONTEXT)
@click.version_option(None, "-V", "--version", package_name="magclean")
@click.option("-q", "--quiet", is_flag=True, help="No warnings, progress or summary; errors only.")
@click.pass_context
def main(context: click.Context, quiet: bool) -> None:
    """magclean: clean text extracted from Chinese magazine PDFs.

    \b
    Examples:
      magclean clean issue.txt                      # clean text to stdout
      magclean clean issue.txt --format json -o issue.json
      magclean convert issue.txt --to epub          # writes issue.epub
      magclean rules                                # every cleaning rule by name

    \b
    Shell completion (bash; zsh and fish alike, see README):
      eval "$(_MAGCLEAN_COMPLETE=bash_source magclean)"
    """
    context.obj = {"quiet": quiet}


@main.command("clean", context_settings=CONTEXT)
@click.argument("input_path", metavar="INPUT")
@click.option("-o", "--output", metavar="OUTPUT", help="Output file ('-' or none: stdout).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: one paragraph per line; json: the document model.")
@shared_options
def clean_command(input_path: str, output: str | None, fmt: str, shared: Shared) -> None:
    """Clean INPUT (extracted text, '-' for stdin, or a .json Document) into paragraphs.

    \b
    Examples:
      magclean clean fixtures/000_b75e2609f1de16f2.txt -o issue.txt
      magclean clean issue.txt --format json -o issue.json
      cat issue.txt | magclean clean - --encoding gb18030
    """
    if shared.report and output not in (None, "-") and same_file(shared.report, output):
        raise UserError(f"{display_name(shared.report)}: the report would replace the output "
                        "(give two files)")
    warn_inapplicable(shared, "json" if fmt == "json" else "txt", is_json_input(input_path))
    document, source, _ = input_document(input_path, shared)
    written = transformed(document, shared)
    payload = written.to_json() if fmt == "json" else render_text(written, shared.captions)
    write_output(output, input_path, payload.encode("utf-8"))
    if shared.report:
        from magclean.report import render_report

        write_output(shared.report, input_path, render_report(document, source).encode("utf-8"))
    if shared.strict:
        exit_if_weak(document, source, shared.quiet)


@main.command("rules", context_settings=CONTEXT)
def rules_command() -> None:
    """List every cleaning rule by name with what it does."""
    for name, rule in RULES.items():
        click.echo(f"{name:18} {rule.description}")



if __name__ == "__main__":
    main()
