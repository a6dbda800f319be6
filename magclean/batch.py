"""Batch conversion: many issues, one per-file function, local worker processes or a Dask cluster.

The unit of work is a :class:`BatchTask` (paths and options, nothing live) handed to
:func:`convert_file`, a plain top-level function: local worker processes and Dask workers run the
very same code. Outputs are written through a temporary file and renamed into place, so an
interrupted run leaves no partial output and a re-run resumes where it stopped.

>>> output_path(Path("in/2024/issue.txt"), Path("in"), Path("out"), ".epub")
PosixPath('out/2024/issue.epub')
"""

from __future__ import annotations

import contextlib
import glob
import multiprocessing
import os
import signal
import tempfile
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path

from cleaner import CleanConfig, Document, clean, load_profile, read_source
from cleaner.source import DEFAULT_MAX_SIZE
from converters import temporary_prefix, write_atomically

# Directory walks pick these files; a glob or a file named on the command line may be anything.
INPUT_SUFFIXES = (".txt", ".pdf")
# Reviewed golden outputs live beside their inputs (see magclean.golden) and are not inputs.
GOLDEN_MARK = ".golden."
GLOB_CHARS = frozenset("*?[")


class BatchError(Exception):
    """A batch that cannot start (bad arguments, unreachable cluster); the message is one line."""


@dataclass(frozen=True, slots=True)
class BatchTask:
    """One file to convert: where it is, where its outputs go, and how to clean and write it."""

    source: Path
    output: Path
    fmt: str
    report: Path | None = None
    script: str | None = None
    profile: str | None = None
    disabled: frozenset[str] = frozenset()
    captions: str = "drop"
    encoding: str | None = None
    quotes: str | None = None
    phrases: str | None = None
    title: str | None = None
    issue: str | None = None
    publisher: str | None = None
    date: str | None = None
    lang: str | None = None
    vertical: bool = False
    max_size: int = DEFAULT_MAX_SIZE


@dataclass(frozen=True, slots=True)
class FileResult:
    """What happened to one file: "converted", "skipped" or "failed" (with a one-line error)."""

    source: str
    status: str
    articles: int = 0
    paragraphs: int = 0
    removals: int = 0
    seconds: float = 0.0
    error: str = ""
    weak: int = 0  # decisions made on weak evidence (for --strict)


def convert_file(task: BatchTask) -> FileResult:
    """Clean one issue and write its output (and review report): the per-file function of a batch.

    Never raises for a bad file: the failure comes back in the result, so one bad file never
    stops the others. An interruption leaves no partial file (see ``write_atomically``).
    """
    from converters.pipeline import convert
    from magclean.documents import with_publication

    started = time.perf_counter()
    try:
        config = CleanConfig(profile=load_profile(task.profile), disabled=task.disabled)
        source = read_source(task.source, task.encoding, task.max_size)
        document = with_publication(clean(source, config), config.profile, task.title, task.issue, task.lang)
        task.output.parent.mkdir(parents=True, exist_ok=True)
        convert(document, task.fmt, task.output, script=task.script, captions=task.captions,
                title=task.title, issue=task.issue, vertical=task.vertical, quotes=task.quotes,
                phrases=task.phrases if task.script else None, publisher=task.publisher, date=task.date)
        if task.report is not None:
            from magclean.report import render_report

            task.report.parent.mkdir(parents=True, exist_ok=True)
            page = render_report(document, source)
            write_atomically(task.report, lambda tmp: tmp.write_text(page, encoding="utf-8"))
    except Exception as error:  # one bad file must not stop the batch: report it and go on
        return FileResult(str(task.source), "failed", seconds=time.perf_counter() - started,
                          error=without_file_name(one_line(error), task.source))
    return FileResult(str(task.source), "converted", len(document.articles),
                      count_paragraphs(document), len(document.removed), time.perf_counter() - started,
                      weak=sum(d.weak for d in document.decisions))


def without_file_name(message: str, source: Path) -> str:
    """The message without the file name it starts with: the batch puts the path in front once.

    >>> without_file_name("binary.txt: input looks binary, not text", Path("arch/2024/binary.txt"))
    'input looks binary, not text'
    >>> without_file_name("worker process died", Path("a.txt"))
    'worker process died'
    """
    for name in (str(source), source.name):
        if message.startswith(name + ": "):
            return message[len(name) + 2:]
    return message


def count_paragraphs(document: Document) -> int:
    """Number of paragraph blocks in the document (captions, headings … not counted)."""
    return sum(block.kind == "paragraph" for article in document.articles for block in article.blocks)


def one_line(error: BaseException) -> str:
    """An exception as one line for the user: its message, or its type when it has none.

    >>> one_line(ValueError("bad\\nthing")), one_line(KeyError())
    ('bad thing', 'KeyError')
    """
    message = " ".join(str(error).split())
    if not message or isinstance(error, KeyError | AttributeError | TypeError | IndexError):
        return f"{type(error).__name__}{': ' + message if message else ''}"
    return message


def find_inputs(arguments: Sequence[str], exclude: Path | None = None) -> list[tuple[Path, Path]]:
    """Every input file named by ARGUMENTS, with the root its output path is made relative to.

    A directory is walked for ``*.txt`` and ``*.pdf`` (hidden files, golden outputs and ``exclude`` left out)
    and is its own root; a glob's root is the directory before its first wildcard; a file's root
    is its directory. A file reached twice (through a symlink, or by two arguments) is taken
    once; ``**`` never descends into a symlinked directory, so a link loop cannot make it run
    forever. A name that matches nothing is a BatchError.
    """
    found: dict[Path, tuple[Path, Path]] = {}
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            files = walk_directory(path, exclude)
            root = path
        elif GLOB_CHARS & set(argument):
            root = glob_root(argument)
            files = glob_files(argument)
        elif path.is_file():
            files, root = [path], path.parent
        else:
            raise BatchError(f"{argument}: no such file or directory")
        if not files:
            raise BatchError(f"{argument}: no input files found")
        for file in files:
            found.setdefault(file.resolve(), (file, root))
    return list(found.values())


def glob_files(pattern: str) -> list[Path]:
    """The regular files a glob matches, sorted (pathlib's ``**`` does not follow symlinks)."""
    parts = Path(pattern).parts
    fixed = next(i for i, part in enumerate(parts) if GLOB_CHARS & set(part))
    base = Path(*parts[:fixed]) if fixed else Path(".")
    try:
        return sorted(p for p in base.glob(str(Path(*parts[fixed:]))) if p.is_file())
    except (ValueError, OSError) as error:  # "**" inside a name, an unreadable directory
        raise BatchError(f"{pattern}: cannot search ({one_line(error)})") from None


def walk_directory(directory: Path, exclude: Path | None = None) -> list[Path]:
    """The input files under ``directory``, sorted: ``*.txt`` and ``*.pdf``, neither hidden nor golden."""
    excluded = exclude.resolve() if exclude is not None else None
    files = []
    for path in sorted(directory.rglob("*")):
        relative = path.relative_to(directory)
        if any(part.startswith(".") for part in relative.parts) or GOLDEN_MARK in path.name:
            continue
        if not (path.is_file() and path.suffix.lower() in INPUT_SUFFIXES):
            continue  # also a symlink loop: is_file() is False for it
        if excluded is not None and excluded in (path.resolve(), *path.resolve().parents):
            continue
        files.append(path)
    return files


def glob_root(pattern: str) -> Path:
    """The directory part of a glob before its first wildcard.

    >>> glob_root("archive/2024/*/issue-*.txt"), glob_root("*.txt")
    (PosixPath('archive/2024'), PosixPath('.'))
    """
    parts = []
    for part in Path(pattern).parts[:-1]:
        if GLOB_CHARS & set(part):
            break
        parts.append(part)
    return Path(*parts) if parts else Path(".")


def output_path(source: Path, root: Path, out_dir: Path, suffix: str) -> Path:
    """Where the output of ``source`` goes: its path below ``root``, mirrored under ``out_dir``.

    A source that is not below its root (``'a*/../../outside/*.txt'``) would write outside
    ``out_dir``: a BatchError.

    >>> output_path(Path("in/a/../../x.txt"), Path("in"), Path("out"), ".epub")
    Traceback (most recent call last):
    magclean.batch.BatchError: in/a/../../x.txt is not below in: its output would be outside out
    """
    relative = Path(os.path.relpath(os.path.normpath(source), os.path.normpath(root)))
    if relative.is_absolute() or ".." in relative.parts:
        raise BatchError(f"{source} is not below {root}: its output would be outside {out_dir}")
    return out_dir / relative.with_suffix(suffix)


def plan_tasks(inputs: Iterable[tuple[Path, Path]], out_dir: Path, template: BatchTask, suffix: str,
               report_dir: Path | None = None) -> list[BatchTask]:
    """One task per input, outputs mirrored under ``out_dir`` (and ``report_dir``).

    Two inputs that would write the same output, or an output that is its input, are a BatchError.
    """
    tasks: list[BatchTask] = []
    seen: dict[Path, Path] = {}
    for source, root in inputs:
        output = output_path(source, root, out_dir, suffix)
        report = output_path(source, root, report_dir, ".html") if report_dir is not None else None
        for target in (output, report):
            if target is None:
                continue
            if target.resolve() == source.resolve():
                raise BatchError(f"{source}: output would overwrite the input")
            if target.resolve() in seen:
                raise BatchError(f"{source} and {seen[target.resolve()]} would both write {target}")
            seen[target.resolve()] = source
        tasks.append(replace(template, source=source, output=output, report=report))
    return tasks


def is_done(task: BatchTask) -> bool:
    """True when every output of ``task`` already exists (a finished file from an earlier run)."""
    return task.output.exists() and (task.report is None or task.report.exists())


def remove_stale_parts(task: BatchTask) -> None:
    """Delete temporary files an earlier, killed run left beside this task's outputs."""
    for target in (task.output, task.report):
        if target is not None and target.parent.is_dir():
            for part in target.parent.glob(f"{glob.escape(temporary_prefix(target))}*.part"):
                part.unlink(missing_ok=True)


def check_writable(directory: Path) -> None:
    """Refuse an output directory no file can be written in, before any file is cleaned."""
    try:
        with tempfile.TemporaryFile(dir=directory):
            pass
    except OSError as error:
        raise BatchError(f"{directory}: cannot write there ({error.strerror or error})") from None


# Set in each local worker: which worker process started which task (see run_local).
_started: multiprocessing.Array | None = None  # type: ignore[valid-type]


HELD_SIGNALS = {signal.SIGINT, signal.SIGTERM}


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM while workers are forked: a signal that came before a worker had set
    its own handlers would print a KeyboardInterrupt traceback from it. The parent gets the signal
    the moment they are released."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, HELD_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def start_worker(parent: int, started: object) -> None:
    """Prepare a local worker: Ctrl-C is the parent's to handle (running files finish cleanly);
    the worker exits when its parent dies (``kill -9`` of the batch), instead of waiting forever."""
    global _started
    _started = started  # type: ignore[assignment]
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, HELD_SIGNALS)  # held while the parent forked it

    def watch_parent() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch_parent, name="watch-parent", daemon=True).start()


def run_task(index: int, task: BatchTask) -> FileResult:
    """``convert_file`` in a local worker, noting first which process runs task ``index``."""
    if _started is not None:
        _started[index] = os.getpid()
    return convert_file(task)


# A worker that died while its file was running: that file failed, the pool is started again.
DIED = "worker process died (killed, or out of memory)"


def run_local(tasks: Sequence[BatchTask], workers: int, on_result: Callable[[FileResult], None]) -> None:
    """Run ``convert_file`` on every task in ``workers`` local processes, reporting each result.

    A worker killed while converting (``kill -9``, the out-of-memory killer) fails only the file
    it was running: the pool is started again and the other files go on. On KeyboardInterrupt no
    new file starts, running files finish (each is written atomically), and it is re-raised.
    """
    started = multiprocessing.Array("i", max(len(tasks), 1), lock=False)
    queue = deque(range(len(tasks)))
    strikes: Counter[int] = Counter()
    reported = 0
    barren = 0  # pools in a row that died before anything was reported

    def report(result: FileResult) -> None:
        nonlocal reported
        reported += 1
        on_result(result)

    try:
        while queue:
            before = reported
            unfinished = run_pool(tasks, queue, workers, started, report)
            failed = unfinished_failures(unfinished, strikes)
            for index in failed:
                report(FileResult(str(tasks[index].source), "failed", error=DIED))
            queue.extendleft(reversed([index for index in unfinished if index not in failed]))
            barren = barren + 1 if unfinished and reported == before else 0
            if barren >= 3:  # workers die before any file runs: give up on the rest, one line each
                while queue:
                    report(FileResult(str(tasks[queue.popleft()].source), "failed", error=DIED))
    finally:
        for task in tasks:
            remove_stale_parts(task)


def run_pool(tasks: Sequence[BatchTask], queue: deque[int], workers: int, started: object,
             on_result: Callable[[FileResult], None]) -> dict[int, int | None]:
    """Run queued tasks in one pool until the queue is empty or a worker dies.

    Returns the tasks cut off by a dead worker, each with the exit code of the process that ran
    it (None if it had not started); every other result has been reported.
    """
    pool = ProcessPoolExecutor(max_workers=workers, initializer=start_worker, initargs=(os.getpid(), started))
    running: dict[Future[FileResult], int] = {}
    processes: dict[int, multiprocessing.Process] = {}
    broken = False
    try:
        while (queue or running) and not broken:
            with signals_held():  # a worker forked now starts with Ctrl-C held, not its default
                while queue and len(running) < 2 * workers:  # a few queued, so no worker waits
                    index = queue.popleft()
                    started[index] = 0  # type: ignore[index]
                    running[pool.submit(run_task, index, tasks[index])] = index
            processes.update(getattr(pool, "_processes", None) or {})
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                if isinstance(future.exception(), BrokenProcessPool):
                    broken = True
                    continue
                on_result(future.result())
                del running[future]
    except KeyboardInterrupt:
        stop_running(pool, running, on_result)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    unfinished: dict[int, int | None] = {}
    for future, index in running.items():
        if future.done() and not future.cancelled() and future.exception() is None:
            on_result(future.result())  # finished just before another worker died
            continue
        pid = started[index]  # type: ignore[index]
        process = processes.get(pid)
        unfinished[index] = process.exitcode if pid and process is not None else None
    return unfinished


# After Ctrl-C or SIGTERM, running files get this long to finish; then their workers are stopped
# (their temporary files are removed, the next run converts them).
INTERRUPT_GRACE = 5.0


def stop_running(pool: ProcessPoolExecutor, running: dict[Future[FileResult], int],
                 on_result: Callable[[FileResult], None]) -> None:
    """An interrupted batch: start nothing new, let running files finish for a while (and report
    those that did, so the summary counts every output that exists), then stop their workers, so
    no file (a huge one, a slow profile pattern) keeps the batch from stopping. A second Ctrl-C
    stops them at once."""
    # The pool's own thread cancels the files not started yet and forgets them. Cancelled here
    # instead, they would stay in its books, and when a worker is stopped below it would fail
    # them again: an InvalidStateError traceback from that thread (Python 3.11's executor).
    workers = list((getattr(pool, "_processes", None) or {}).values())  # shutdown forgets them
    manager = getattr(pool, "_executor_manager_thread", None)  # and this
    pool.shutdown(wait=False, cancel_futures=True)
    with contextlib.suppress(KeyboardInterrupt):
        settle(running)
        # A cancelled future never counts as done for wait(): wait for the running ones only.
        wait([future for future in running if not future.cancelled()], timeout=INTERRUPT_GRACE)
    for future in running:
        if future.done() and not future.cancelled() and future.exception() is None:
            on_result(future.result())
    for process in workers:
        if process.is_alive():
            process.terminate()
    # The pool's thread closes its wake-up pipe once its workers are gone. Still running when the
    # interpreter exits, it races the exit hook that writes to that pipe (Python 3.11): an
    # "Exception ignored … Bad file descriptor" on the terminal. Let it finish first.
    if manager is not None:
        with contextlib.suppress(KeyboardInterrupt):
            manager.join(timeout=INTERRUPT_GRACE)


def settle(futures: Iterable[Future[FileResult]], limit: float = 2.0) -> None:
    """Wait (at most ``limit`` seconds) until no future is still queued: each is running, done or
    cancelled, so the pool's thread holds no cancelled task when a worker is stopped."""
    deadline = time.monotonic() + limit
    while any(not future.running() and not future.done() for future in futures):
        if time.monotonic() > deadline:
            return
        time.sleep(0.01)


def unfinished_failures(unfinished: dict[int, int | None], strikes: Counter[int]) -> list[int]:
    """Which cut-off tasks failed: the one whose worker died on its own (not terminated by the
    pool after another died). The others run again; one cut off twice with no culprit known fails.

    >>> unfinished_failures({1: -9, 2: -15, 3: None}, Counter())
    [1]
    """
    culprits = [index for index, code in unfinished.items() if code not in (None, 0, -signal.SIGTERM)]
    failed = list(culprits)
    for index, code in unfinished.items():
        if index in culprits:
            continue
        if code is not None and not culprits:
            strikes[index] += 1
            if strikes[index] >= 2:
                failed.append(index)
    return sorted(failed)


def run_dask(tasks: Sequence[BatchTask], scheduler: str, on_result: Callable[[FileResult], None]) -> None:
    """Send ``convert_file`` with every task to the Dask cluster at ``scheduler``.

    The workers must see the same paths (a shared file system). On KeyboardInterrupt the
    queued tasks are cancelled; files being written finish or leave nothing behind.
    """
    try:
        import dask.config
        from distributed import Client
        from distributed import as_completed as dask_completed
    except ImportError:
        raise BatchError("the dask engine needs the optional extra: pip install 'magclean[dask]'") from None
    try:  # how long to try: Dask's own setting (DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT)
        client = Client(scheduler, timeout=dask.config.get("distributed.comm.timeouts.connect"))
    except (OSError, TimeoutError, ValueError) as error:
        raise BatchError(f"cannot reach the dask scheduler at {scheduler} ({one_line(error)})") from None
    with client:
        futures = client.map(convert_file, list(tasks), pure=False)
        try:
            for future in dask_completed(futures):
                on_result(future.result())
        except KeyboardInterrupt:
            client.cancel(futures)
            raise


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def summary_table(results: Sequence[FileResult], seconds: float) -> str:
    """The end-of-batch table: files, articles, paragraphs, removals, failures, time.

    >>> print(summary_table([FileResult("a.txt", "converted", 3, 40, 5, 1.0),
    ...                      FileResult("b.txt", "skipped"), FileResult("c.txt", "failed")], 2.5))
    files  converted  skipped  failed  articles  paragraphs  removals   time
        3          1        1       1         3          40         5  2.5 s
    """
    counts = {
        "files": len(results),
        "converted": sum(r.status == "converted" for r in results),
        "skipped": sum(r.status == "skipped" for r in results),
        "failed": sum(r.status == "failed" for r in results),
        "articles": sum(r.articles for r in results),
        "paragraphs": sum(r.paragraphs for r in results),
        "removals": sum(r.removals for r in results),
        "time": f"{seconds:.1f} s",
    }
    widths = {name: max(len(name), len(str(value))) for name, value in counts.items()}
    header = "  ".join(name.rjust(widths[name]) for name in counts)
    row = "  ".join(str(value).rjust(widths[name]) for name, value in counts.items())
    return f"{header}\n{row}"
