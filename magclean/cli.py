"""The ``magclean`` command: parses options and calls the library, nothing more."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from cleaner import CleanConfig, InputError, Source, clean, load_profile, read_source, source_from_bytes
from cleaner.config import UnknownRuleError
from cleaner.rules import RULES
from converters import ConverterError, write_atomically
from converters.text import render_text

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class UserError(click.ClickException):
    """A one-line error for the user, exit code 1 (click's own usage errors exit 2)."""

    def show(self, file=None) -> None:
        click.echo(f"magclean: error: {self.format_message()}", err=True)


def load_input(path: str, encoding: str | None) -> Source:
    """Read INPUT (``-`` for stdin) into a Source, turning every failure into a UserError."""
    try:
        if path == "-":
            return source_from_bytes(sys.stdin.buffer.read(), "<stdin>", encoding)
        return read_source(path, encoding)
    except InputError as error:
        raise UserError(str(error)) from None


def make_config(profile: str | None, disable: tuple[str, ...], enable: tuple[str, ...]) -> CleanConfig:
    """The cleaner's config from the command-line options."""
    try:
        return CleanConfig(profile=load_profile(profile),
                           disabled=frozenset(disable) - frozenset(enable))
    except (InputError, UnknownRuleError) as error:
        raise UserError(str(error)) from None


def write_output(output: str | None, input_path: str, payload: bytes) -> None:
    """Write bytes to OUTPUT (stdout for ``-`` or none), atomically, never over the input."""
    if output in (None, "-"):
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
        return
    target = Path(output)
    if input_path != "-" and target.exists() and target.resolve() == Path(input_path).resolve():
        raise UserError(f"{output}: output would overwrite the input")
    try:
        write_atomically(target, lambda tmp: tmp.write_bytes(payload))
    except ConverterError as error:
        raise UserError(str(error)) from None


@click.group(context_settings=CONTEXT)
@click.version_option(package_name="magclean")
def main() -> None:
    """magclean: clean text extracted from Chinese magazine PDFs.

    \b
    Examples:
      magclean clean issue.txt                      # clean text to stdout
      magclean clean issue.txt --format json -o issue.json
      magclean rules                                # every cleaning rule by name
    """


@main.command("clean", context_settings=CONTEXT)
@click.argument("input_path", metavar="INPUT")
@click.option("-o", "--output", metavar="OUTPUT", help="Output file ('-' or none: stdout).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: one paragraph per line; json: the document model.")
@click.option("--encoding", metavar="ENC", help="Force the input encoding (detected otherwise).")
@click.option("--profile", metavar="FILE", help="A publication profile (TOML) added to the built-in one.")
@click.option("--disable", multiple=True, metavar="RULE", help="Switch a rule off (repeatable).")
@click.option("--enable", multiple=True, metavar="RULE", help="Switch a rule back on (repeatable).")
@click.option("--captions", type=click.Choice(["drop", "keep"]), default="drop", show_default=True,
              help="Text format: keep caption and table blocks in the output.")
def clean_command(input_path: str, output: str | None, fmt: str, encoding: str | None,
                  profile: str | None, disable: tuple[str, ...], enable: tuple[str, ...],
                  captions: str) -> None:
    """Clean INPUT (a text file, '-' for stdin) into paragraphs.

    \b
    Examples:
      magclean clean fixtures/000_b75e2609f1de16f2.txt -o issue.txt
      magclean clean issue.txt --format json -o issue.json
      cat issue.txt | magclean clean - --encoding gb18030
    """
    config = make_config(profile, disable, enable)
    document = clean(load_input(input_path, encoding), config)
    payload = document.to_json() if fmt == "json" else render_text(document, captions)
    write_output(output, input_path, payload.encode("utf-8"))


@main.command("rules", context_settings=CONTEXT)
def rules_command() -> None:
    """List every cleaning rule by name with what it does."""
    for name, description in RULES.items():
        click.echo(f"{name:18} {description}")


if __name__ == "__main__":
    main()
