"""``magclean convert``: clean an extracted issue and write it as EPUB, DOCX, text, JSON …

Only option parsing lives here; the work is ``magclean.convert`` (converters/pipeline.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from cleaner.source import DEFAULT_MAX_SIZE
from converters.script import VARIANTS
from magclean.options import max_size_option

if TYPE_CHECKING:
    from cleaner.document import Document

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def default_output(input_path: str, suffix: str) -> Path:
    """The input's stem plus the converter's suffix, next to the input.

    When that would be the input itself (``issue.txt --to txt``), ``.clean`` goes before the suffix.

    >>> str(default_output("issues/2023-24.txt", ".epub"))
    'issues/2023-24.epub'
    >>> str(default_output("issues/2023-24.txt", ".txt"))
    'issues/2023-24.clean.txt'
    """
    source = Path(input_path)
    target = source.with_suffix(suffix)
    if target == source:
        target = source.with_suffix(".clean" + suffix)
    return target


def print_converters() -> None:
    """One line per registered converter: name, suffix, what it writes."""
    from converters.pipeline import list_converters

    for info in list_converters():
        click.echo(f"{info.name:8} {info.suffix:8} {info.description}")


@click.command("convert", context_settings=CONTEXT)
@click.argument("input_path", metavar="INPUT", required=False)
@click.option("--to", "to", metavar="FORMAT", help="Output format: epub, docx, txt, json or a plugin's name.")
@click.option("-o", "--output", metavar="OUTPUT", help="Output file (default: INPUT's stem + the suffix).")
# Plain strings checked by the library, so a bad value is one `magclean: error:` line like any other.
@click.option("--script", metavar="|".join(VARIANTS), help="Traditional-Chinese variant through OpenCC.")
@click.option("--captions", metavar="drop|keep", default="drop", show_default=True,
              help="Keep caption and table blocks.")
@click.option("--title", metavar="TEXT", help="Publication title (default: from the document or file name).")
@click.option("--issue", metavar="TEXT", help="Issue, e.g. '2023年第24期'.")
@click.option("--publisher", metavar="TEXT", help="Publisher for the book's metadata.")
@click.option("--date", metavar="YYYY-MM-DD", help="Publication date (default: SOURCE_DATE_EPOCH or none).")
@click.option("--vertical", is_flag=True, help="EPUB: vertical writing, pages turn right to left.")
@click.option("--quotes", metavar="cjk", help="cjk: “”→「」 and ‘’→『』, nested.")
@click.option("--phrases", metavar="FILE", help="Extra OpenCC overrides (see README, phrase file format).")
@click.option("--encoding", metavar="ENC", help="Force the input encoding (detected otherwise).")
@click.option("--profile", metavar="FILE", help="A publication profile (TOML) added to the built-in one.")
@click.option("--list", "list_only", is_flag=True, help="List every registered converter and exit.")
@click.option("--strict", is_flag=True,
              help="Exit 3 (output still written) if a decision was made on weak evidence; list them.")
@max_size_option
def convert_command(input_path: str | None, to: str | None, output: str | None, script: str | None,
                    captions: str, title: str | None, issue: str | None, publisher: str | None,
                    date: str | None, vertical: bool, quotes: str | None, phrases: str | None,
                    encoding: str | None, profile: str | None, list_only: bool, strict: bool,
                    max_size: int) -> None:
    """Clean INPUT (extracted text, or a Document as .json) and write it in another format.

    \b
    Examples:
      magclean convert fixtures/000_b75e2609f1de16f2.txt --to epub --title 财经 --issue 2023年第24期
      magclean convert issue.txt --to docx --script s2twp --quotes cjk -o issue-tw.docx
      magclean convert --list
    """
    from magclean.cli import UserError

    if list_only:
        print_converters()
        return
    if not input_path:
        raise UserError("missing INPUT (see magclean convert --help)")
    if not to:
        raise UserError("missing --to FORMAT (see magclean convert --list)")
    if input_path == "-" and not output:
        raise UserError("reading stdin: give the output file with -o")
    if strict and input_path.endswith(".json"):
        raise UserError("--strict needs the extracted text as INPUT: a .json Document has no decisions")

    from converters import ConverterError, get_converter
    from converters.script import ScriptError

    try:
        suffix = getattr(get_converter(to), "suffix", "")
        target = Path(output) if output else default_output(input_path, suffix)
        if input_path != "-" and target.exists() and target.resolve() == Path(input_path).resolve():
            raise UserError(f"{target}: output would overwrite the input")
        if target.exists() and not target.is_file():
            # Renaming a finished file over a device (/dev/null) would replace the device itself.
            raise UserError(f"{target}: not a regular file (convert writes files; for a stream use clean)")
        document = load_document(input_path, encoding, profile, max_size)
        import magclean

        magclean.convert(document, to, target, script=script, captions=captions, title=title,
                         issue=issue, vertical=vertical, quotes=quotes, phrases=phrases,
                         publisher=publisher, date=date)
    except (ConverterError, ScriptError) as error:
        raise UserError(str(error)) from None
    if strict:
        from magclean.cli import exit_if_weak

        exit_if_weak(document, None)


def load_document(input_path: str, encoding: str | None, profile: str | None,
                  max_size: int = DEFAULT_MAX_SIZE) -> Document:
    """The Document of INPUT: a .json Document as is, anything else cleaned on the fly."""
    from cleaner import clean
    from cleaner.document import Document, DocumentError
    from cleaner.source import display_name
    from magclean.cli import UserError, load_input, make_config

    config = make_config(profile, (), ())  # a bad profile is refused before any file is read
    if input_path.endswith(".json"):
        from cleaner.source import InputError, read_input_bytes

        try:
            return Document.from_json(read_input_bytes(input_path, max_size))
        except InputError as error:  # a DocumentError too: one line naming the bad field
            raise UserError(f"{display_name(input_path)}: {error}" if isinstance(error, DocumentError)
                            else str(error)) from None
    return clean(load_input(input_path, encoding, max_size), config)
