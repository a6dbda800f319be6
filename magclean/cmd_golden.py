"""``magclean golden check|update``: reviewed outputs as a regression suite (see magclean.golden)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from cleaner import InputError
from converters import ConverterError
from magclean.golden import GoldenError, check_case, find_cases, select_cases, update_case

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group("golden", context_settings=CONTEXT)
def golden_group() -> None:
    """Golden files: DIR/NAME.txt inputs with reviewed NAME.golden.txt and NAME.golden.json.

    \b
    Examples:
      magclean golden check fixtures/             # exit 1 and a paragraph diff if anything changed
      magclean golden update fixtures/ issue.txt  # after reviewing the change
    """


@golden_group.command("check", context_settings=CONTEXT)
@click.argument("directory", metavar="DIR", type=click.Path(path_type=Path))
@click.option("--allow-missing", is_flag=True,
              help="An input without golden files is noted, not a failure.")
def check_command(directory: Path, allow_missing: bool) -> None:
    """Clean every input in DIR and compare with its golden outputs; exit 1 on any difference."""
    from magclean.cli import UserError

    try:
        cases = find_cases(directory)
    except GoldenError as error:
        raise UserError(str(error)) from None
    failed = 0
    for case in cases:
        result = check_case(case)
        if result.status == "same":
            click.echo(f"ok       {case.source}")
            continue
        if result.status == "missing" and allow_missing:
            click.echo(f"no golden {case.source} ({result.report})")
            continue
        failed += 1
        click.echo(f"{result.status:8} {case.source}\n{result.report}")
    click.echo(f"{len(cases)} inputs, {failed} differ" if failed else f"{len(cases)} inputs, all match")
    if failed:
        sys.exit(1)


@golden_group.command("update", context_settings=CONTEXT)
@click.argument("directory", metavar="DIR", type=click.Path(path_type=Path))
@click.argument("files", nargs=-1, metavar="[FILE...]")
def update_command(directory: Path, files: tuple[str, ...]) -> None:
    """Rewrite the golden outputs of every input in DIR (or only FILE...) after review."""
    from magclean.cli import UserError

    try:
        cases = select_cases(directory, files)
        for case in cases:
            changed = update_case(case)
            click.echo(f"{'updated' if changed else 'same':8} {case.source}")
    except (GoldenError, InputError, ConverterError) as error:
        raise UserError(str(error)) from None
