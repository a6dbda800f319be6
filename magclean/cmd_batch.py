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
from magclean.options import max_size_option
from magclean.terminal import terminal_safe

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
EXIT_INTERRUPTED = 130


@click.command("batch", context_settings=CONTEXT)
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT_DIR_OR_GLOB...")
@click.option("--to", "fmt", required=True, metavar="FORMAT",
              help="Output format (see `magclean convert --list`).")
@click.option("-o", "--output-dir", required=True, metavar="OUT_DIR", type=click.Path(file_okay=False),
              help="Where outputs go; names mirror the input tree.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Worker processes (default: one per core).")
@click.option("--force", is_flag=True, help="Rewrite outputs that already exist (default: skip them).")
@click.option("--report", "report_dir", metavar="DIR", type=click.Path(file_okay=False),
              help="Also write an HTML review report per issue into DIR.")
@click.option("--script", type=click.Choice(["s2t", "s2tw", "s2twp", "s2hk"]),
              help="Convert to a Traditional-Chinese variant (OpenCC).")
@click.option("--captions", type=click.Choice(["drop", "keep"]), default="drop", show_default=True,
              help="Keep caption and table blocks in the output.")
@click.option("--profile", metavar="FILE", help="A publication profile (TOML) added to the built-in one.")
@click.option("--disable", multiple=True, metavar="RULE", help="Switch a rule off (repeatable).")
@click.option("--enable", multiple=True, metavar="RULE", help="Switch a rule back on (repeatable).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: worker processes here; dask: an existing Dask cluster.")
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler address, e.g. tcp://head:8786.")
@max_size_option
def batch_command(inputs: tuple[str, ...], fmt: str, output_dir: str, jobs: int | None, force: bool,
                  report_dir: str | None, script: str | None, captions: str, profile: str | None,
                  disable: tuple[str, ...], enable: tuple[str, ...], engine: str,
                  scheduler: str | None, max_size: int) -> None:
    """Convert every issue in INPUT_DIR_OR_GLOB... to FORMAT under OUT_DIR, in parallel.

    Directories are searched for *.txt (hidden files and *.golden.* left out). Existing outputs
    are skipped, so an interrupted run is resumed by running the same command again. The exit
    code is 1 when any file failed, 130 when interrupted.

    \b
    Examples:
      magclean batch archive/ --to epub -o out/
      magclean batch 'archive/2024/*.txt' --to docx -o out/ -j 4 --report review/
      magclean batch archive/ --to epub -o /shared/out --engine dask --scheduler tcp://head:8786
    """
    from magclean.cli import UserError, make_config

    config = make_config(profile, disable, enable)  # unknown rules and bad profiles fail here, once
    if (engine == "dask") != (scheduler is not None):
        raise UserError("--engine dask needs --scheduler ADDRESS (and --scheduler needs --engine dask)")
    try:
        suffix = get_converter(fmt).suffix
        out_dir, reports = Path(output_dir), Path(report_dir) if report_dir else None
        found = find_inputs(inputs, exclude=out_dir)
        if reports is not None:
            found = [(file, root) for file, root in found if reports.resolve() not in file.resolve().parents]
        template = BatchTask(source=Path(), output=Path(), fmt=fmt, script=script, profile=profile,
                             disabled=config.disabled, captions=captions, max_size=max_size)
        tasks = plan_tasks(found, out_dir, template, suffix, reports)
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
    interrupted = run_with_progress(pending, engine, scheduler, jobs or default_workers(), results)
    click.echo(summary_table(results, time.perf_counter() - started))
    if interrupted:
        done = sum(r.status != "failed" for r in results)
        click.echo(f"magclean: interrupted after {done} of {len(tasks)} files; "
                   "run the same command again to finish", err=True)
        sys.exit(EXIT_INTERRUPTED)
    if any(r.status == "failed" for r in results):
        sys.exit(1)


def run_with_progress(tasks: list[BatchTask], engine: str, scheduler: str | None, workers: int,
                      results: list[FileResult]) -> bool:
    """Run the tasks with a progress bar on stderr (only on a terminal); True if interrupted."""
    from magclean.cli import UserError

    bar = tqdm(total=len(tasks), unit="file", file=sys.stderr, disable=not sys.stderr.isatty(),
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
