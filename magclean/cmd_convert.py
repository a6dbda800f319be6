"""``magclean convert``: clean an extracted issue and write it as EPUB, DOCX, text, JSON …

Only option parsing lives here; the work is ``magclean.convert`` (converters/pipeline.py).
"""

from __future__ import annotations

from pathlib import Path

import click

from magclean.options import CONTEXT, Shared, UsageError, is_json_input, shared_options, warn_inapplicable

# Outputs a person edits as text (a reviewed Document, a corrected text) get the .clean infix.
TEXT_FORMS = (".txt", ".json")


def default_output(input_path: str, suffix: str) -> Path:
    """The input's stem plus the converter's suffix, next to the input.

    The text forms are always ``STEM.clean.txt`` and ``STEM.clean.json``: never the extracted text
    (``issue.txt``) nor a Document an editor reviewed (``issue.json``); so is any output that
    would be INPUT.

    >>> str(default_output("issues/2023-24.txt", ".epub"))
    'issues/2023-24.epub'
    >>> str(default_output("issues/2023-24.json", ".txt")), str(default_output("a/x.txt", ".json"))
    ('issues/2023-24.clean.txt', 'a/x.clean.json')
    """
    source = Path(input_path)
    target = source.with_suffix(suffix)
    if target == source or suffix in TEXT_FORMS:
        target = source.with_suffix(".clean" + suffix)
    return target


def is_earlier_output(converter: object, target: Path) -> bool:
    """Whether an existing ``target`` is an earlier output of this converter, so it may be replaced.

    The converter recognises its own files (``is_own_output``; EPUB, DOCX and JSON look inside);
    a name magclean made up (``STEM.clean.SUFFIX``) is also its own. Anything else is the user's.
    """
    if ".clean." in target.name:
        return True
    recognise = getattr(converter, "is_own_output", None)
    try:
        return bool(recognise(target)) if recognise else False
    except Exception:  # a file we cannot even read is not one we wrote
        return False


def print_converters() -> None:
    """One line per registered converter: name, suffix, what it writes."""
    from converters.pipeline import list_converters

    for info in list_converters():
        click.echo(f"{info.name:8} {info.suffix:8} {info.description}")


@click.command("convert", context_settings=CONTEXT)
@click.argument("input_path", metavar="INPUT", required=False)
@click.option("--to", "to", metavar="FORMAT", help="Output format: epub, docx, txt, json or a plugin's name.")
@click.option("-o", "--output", metavar="OUTPUT", help="Output file ('-': stdout; default: INPUT's stem + "
              "the suffix, never over a file magclean did not write).")
@click.option("--list", "list_only", is_flag=True, help="List every registered converter and exit.")
@shared_options
def convert_command(input_path: str | None, to: str | None, output: str | None, list_only: bool,
                    shared: Shared) -> None:
    """Clean INPUT (extracted text, or a Document as .json) and write it in another format.

    \b
    Examples:
      magclean convert fixtures/000_b75e2609f1de16f2.txt --to epub --title 财经 --issue 2023年第24期
      magclean convert issue.txt --to docx --script s2twp --quotes cjk -o issue-tw.docx
      magclean convert issue.json --to epub -o - > issue.epub
      magclean convert --list
    """
    from converters import ConverterError, ScriptError, get_converter
    from magclean.cli import UserError, input_document, write_output

    if list_only:
        print_converters()
        return
    if not input_path:
        raise UsageError("missing INPUT (see magclean convert --help)")
    if not to:
        raise UsageError("missing --to FORMAT (see magclean convert --list)")
    if input_path == "-" and not output:
        raise UsageError("reading stdin: give the output file with -o (or -o - for stdout)")
    try:
        converter = get_converter(to)
    except ConverterError as error:
        raise UsageError(str(error)) from None
    warn_inapplicable(shared, to, is_json_input(input_path))
    to_stdout = output == "-"
    target = None if to_stdout else Path(output) if output else default_output(input_path, converter.suffix)
    if target is not None:
        check_target(target, input_path, converter, named=bool(output))
    document, source, _ = input_document(input_path, shared)
    import magclean

    try:
        if target is None:
            import tempfile  # only to stage a converter's output for stdout: not at every start

            with tempfile.TemporaryDirectory(prefix="magclean-") as directory:
                staged = Path(directory) / ("stdout" + converter.suffix)
                magclean.convert(document, to, staged, **convert_options(shared))
                write_output("-", input_path, staged.read_bytes())
        else:
            magclean.convert(document, to, target, **convert_options(shared))
    except (ConverterError, ScriptError) as error:
        raise UserError(str(error)) from None
    if shared.report:
        from magclean.report import render_report

        write_output(shared.report, input_path, render_report(document, source).encode("utf-8"))
    if shared.strict:
        from magclean.cli import exit_if_weak

        exit_if_weak(document, source, shared.quiet)


def check_target(target: Path, input_path: str, converter: object, named: bool) -> None:
    """Refuse an output that would replace the input, a device, or a file magclean did not write.

    A file the user named with ``-o`` is theirs to replace; a default name is replaced only when it
    holds an earlier output of this converter (see :func:`is_earlier_output`).
    """
    from magclean.cli import UserError

    if not target.exists():
        return
    if input_path != "-" and target.resolve() == Path(input_path).resolve():
        raise UserError(f"{target}: output would overwrite the input")
    if not target.is_file():
        # Renaming a finished file over a device (/dev/null) would replace the device itself.
        raise UserError(f"{target}: not a regular file (convert writes files; for a stream use -o -)")
    if not named and not is_earlier_output(converter, target):
        raise UserError(f"{target} exists and magclean did not write it; name the output with -o "
                        "to replace it")


def convert_options(shared: Shared) -> dict[str, object]:
    """The keyword arguments of ``magclean.convert`` from the shared options."""
    return {"script": shared.script, "captions": shared.captions, "title": shared.title,
            "issue": shared.issue, "vertical": shared.vertical, "quotes": shared.quotes,
            "phrases": shared.phrases if shared.script else None, "publisher": shared.publisher,
            "date": shared.date}
