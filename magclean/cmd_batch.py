"""``magclean batch``: convert a whole archive of issues (options only; the work is magclean.batch)."""

from __future__ import annotations

import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from tqdm import tqdm

from converters import ConverterError, get_converter
from magclean.batch import (
    BatchError,
    BatchTask,
    FileResult,
    check_writable,
    default_workers,
    find_inputs,
    is_done,
    plan_tasks,
    remove_stale_parts,
    run_dask,
    run_local,
    summary_table,
)
from magclean.options import CONTEXT, Shared, UsageError, shared_options, warn_inapplicable
from magclean.strict import EXIT_WEAK
from magclean.terminal import terminal_safe

EXIT_INTERRUPTED = 130


@click.command("batch", context_settings=CONTEXT)
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT_DIR_OR_GLOB...")
@click.option("--to", "fmt", required=True, metavar="FORMAT",
              help="Output format (see `magclean convert --list`).")
@click.option("-o", "--output-dir", required=True, metavar="OUT_DIR",
              help="Where outputs go; names mirror the input tree.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Worker processes (default: one per core).")
@click.option("--force", is_flag=True, help="Rewrite outputs that already exist (default: skip them).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: worker processes here; dask: an existing Dask cluster.")
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler address, e.g. tcp://head:8786.")
@shared_options
def batch_command(inputs: tuple[str, ...], fmt: str, output_dir: str, jobs: int | None, force: bool,
                  engine: str, scheduler: str | None, shared: Shared) -> None:
    """Convert every issue in INPUT_DIR_OR_GLOB... to FORMAT under OUT_DIR, in parallel.

    Directories are searched for *.txt and *.pdf (hidden files and *.golden.* left out). Existing outputs
    are skipped, so an interrupted run is resumed by running the same command again. The exit
    code is 1 when any file failed, 3 with --strict when a file had weak decisions, 130 when
    interrupted.

    \b
    Examples:
      magclean batch archive/ --to epub -o out/
      magclean batch 'archive/2024/*.txt' --to docx -o out/ -j 4 --report review/
      magclean batch archive/ --to epub -o /shared/out --engine dask --scheduler tcp://head:8786
    """
    from magclean.cli import UserError, make_config

    if output_dir == "-":
        raise UsageError("batch writes one file per input: -o must be a directory, not stdout")
    try:
        converter = get_converter(fmt)
    except ConverterError as error:
        raise UsageError(str(error)) from None
    if (engine == "dask") != (scheduler is not None):
        raise UsageError("--engine dask needs --scheduler ADDRESS (and --scheduler needs --engine dask)")
    if shared.pages or shared.password:
        raise UsageError("--pages and --password apply to one PDF (clean, convert), not to a batch")
    warn_inapplicable(shared, fmt, json_input=False)
    config = make_config(shared.profile, shared.disable, shared.enable)  # bad profiles fail here, once
    if shared.script and shared.phrases:
        from converters.script import ScriptError, load_phrases

        try:
            load_phrases(shared.phrases)  # a bad phrase file fails here, once, not in every worker
        except ScriptError as error:
            raise UserError(str(error)) from None
    try:
        out_dir, reports = Path(output_dir), Path(shared.report) if shared.report else None
        refuse_input_directory_as_output(inputs, out_dir)
        found = find_inputs(inputs, exclude=out_dir)
        if reports is not None:
            found = [(file, root) for file, root in found if reports.resolve() not in file.resolve().parents]
        template = BatchTask(source=Path(), output=Path(), fmt=fmt, script=shared.script,
                             profile=shared.profile, disabled=config.disabled, captions=shared.captions,
                             encoding=shared.encoding, quotes=shared.quotes, phrases=shared.phrases,
                             title=shared.title, issue=shared.issue, publisher=shared.publisher,
                             date=shared.date, lang=shared.lang, vertical=shared.vertical,
                             max_size=shared.max_size)
        tasks = plan_tasks(found, out_dir, template, converter.suffix, reports)
        for directory in (out_dir, reports):
            if directory is not None:  # a read-only place is found now, not after every file is cleaned
                directory.mkdir(parents=True, exist_ok=True)
                check_writable(directory)
    except (BatchError, ConverterError, OSError) as error:
        raise UserError(str(error)) from None
    pending = [task for task in tasks if force or not is_done(task)]
    results = [FileResult(str(task.source), "skipped") for task in tasks if task not in pending]
    for task in tasks:  # also of skipped files: a killed --force run leaves parts beside old outputs
        remove_stale_parts(task)
    started = time.perf_counter()
    interrupted = run_with_progress(pending, engine, scheduler, jobs or default_workers(), results,
                                    shared.quiet)
    if not shared.quiet:
        click.echo(summary_table(results, time.perf_counter() - started))
    if interrupted:
        finished = sum(r.status == "converted" for r in results)
        click.echo(f"magclean: interrupted: {finished} of {len(pending)} files converted in this run; "
                   "run the same command again to finish", err=True)
        sys.exit(EXIT_INTERRUPTED)
    if any(r.status == "failed" for r in results):
        sys.exit(1)
    if shared.strict:
        weak = [r for r in results if r.weak]
        for result in weak if not shared.quiet else ():
            click.echo(f"magclean: weak: {result.source}: {result.weak} decisions on weak evidence", err=True)
        if weak:
            sys.exit(EXIT_WEAK)


def refuse_input_directory_as_output(inputs: tuple[str, ...], out_dir: Path) -> None:
    """``-o`` naming an input directory would mix outputs into the archive: say so plainly."""
    for argument in inputs:
        path = Path(argument)
        if path.is_dir() and out_dir.exists() and path.resolve() == out_dir.resolve():
            raise BatchError(f"{out_dir}: the output directory is the input directory; "
                             "choose another -o (outputs mirror the input tree)")


def run_with_progress(tasks: list[BatchTask], engine: str, scheduler: str | None, workers: int,
                      results: list[FileResult], quiet: bool = False) -> bool:
    """Run the tasks with a progress bar on stderr (only on a terminal); True if interrupted."""
    from magclean.cli import UserError

    bar = tqdm(total=len(tasks), unit="file", file=sys.stderr, disable=quiet or not sys.stderr.isatty(),
               dynamic_ncols=True)

    def on_result(result: FileResult) -> None:
        results.append(result)
        bar.update(1)
        if result.status == "failed":
            bar.write(terminal_safe(f"magclean: error: {result.source}: {result.error}"), file=sys.stderr)

    try:
        with interrupt_on_sigterm():
            if engine == "dask":
                run_dask(tasks, scheduler or "", on_result)
            else:
                run_local(tasks, workers, on_result)
    except KeyboardInterrupt:
        return True
    except BatchError as error:
        raise UserError(str(error)) from None
    finally:
        bar.close()
    return False


@contextmanager
def interrupt_on_sigterm() -> Iterator[None]:
    """Treat SIGTERM like Ctrl-C while the batch runs, so a killed batch also stops cleanly."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
