"""`magclean batch`: a whole archive converts in parallel, bad files fail alone, runs resume."""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cleaner import CleanConfig, clean, load_profile, read_source
from converters import available_converters
from converters.text import render_text
from magclean.batch import BatchTask, convert_file, summary_table

ROOT = Path(__file__).parent.parent
SEED = ROOT / "fixtures" / "000_b75e2609f1de16f2.txt"
CITY = ROOT / "fixtures" / "chengshi" / "chengshi_2024_12.txt"
CITY_PROFILE = ROOT / "cleaner" / "profiles" / "chengshi.toml"


def magclean(*args: str, **kwargs) -> subprocess.CompletedProcess:
    """Run the real command line in a fresh process."""
    return subprocess.run([sys.executable, "-m", "magclean.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=120, **kwargs)


def archive(tmp_path: Path, copies: int = 0) -> Path:
    """An input tree: the seed at the top, the small fixture in a sub-folder, a broken file."""
    inputs = tmp_path / "in"
    (inputs / "2024").mkdir(parents=True)
    shutil.copy(SEED, inputs / "seed.txt")
    shutil.copy(CITY, inputs / "2024" / "city.txt")
    for n in range(copies):
        shutil.copy(SEED, inputs / f"copy{n:02}.txt")
    return inputs


def no_traceback(stderr: str) -> bool:
    return "Traceback" not in stderr


def test_batch_mirrors_the_tree_and_a_bad_file_fails_alone(tmp_path):
    inputs = archive(tmp_path)
    (inputs / "2024" / "broken.txt").write_bytes(b"\xff\xfe\x00\xd8")  # a lone surrogate in UTF-16
    before = {p: p.read_bytes() for p in inputs.rglob("*") if p.is_file()}
    out = tmp_path / "out"
    run = magclean("batch", inputs, "--to", "json", "-o", out, "-j", "2")
    assert run.returncode == 1
    assert no_traceback(run.stderr)
    assert f"{inputs / '2024' / 'broken.txt'}:" in run.stderr
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == \
        ["2024/city.json", "seed.json"]
    seed = json.loads((out / "seed.json").read_text("utf-8"))
    city = json.loads((out / "2024" / "city.json").read_text("utf-8"))
    header, row = run.stdout.strip().splitlines()[-2:]
    summary = dict(zip(header.split(), row.split(), strict=False))
    assert summary["files"] == "3" and summary["converted"] == "2" and summary["failed"] == "1"
    assert int(summary["articles"]) == len(seed["articles"]) + len(city["articles"])
    assert int(summary["removals"]) == len(seed["removed"]) + len(city["removed"])
    assert {p: p.read_bytes() for p in inputs.rglob("*") if p.is_file()} == before  # inputs untouched


def test_existing_outputs_are_skipped_unless_forced(tmp_path):
    inputs, out = archive(tmp_path), tmp_path / "out"
    assert magclean("batch", inputs, "--to", "txt", "-o", out).returncode == 0
    stale = out / "seed.txt"
    stale.write_text("old output\n", encoding="utf-8")
    again = magclean("batch", inputs, "--to", "txt", "-o", out)
    assert again.returncode == 0
    assert again.stdout.split()[-8:-5] == ["0", "2", "0"]  # converted, skipped, failed
    assert stale.read_text("utf-8") == "old output\n"
    forced = magclean("batch", inputs, "--to", "txt", "-o", out, "--force")
    assert forced.returncode == 0
    assert stale.read_text("utf-8") == render_text(clean(read_source(SEED)))


def test_a_glob_selects_inputs_and_names_mirror_below_it(tmp_path):
    inputs, out = archive(tmp_path), tmp_path / "out"
    run = magclean("batch", f"{inputs}/*/*.txt", "--to", "txt", "-o", out)
    assert run.returncode == 0, run.stderr
    assert [p.relative_to(out).as_posix() for p in out.rglob("*.txt")] == ["2024/city.txt"]


@pytest.mark.parametrize("args, message", [
    (["--to", "nope"], "unknown format: nope"),
    (["--to", "txt", "--disable", "no_such_rule"], "unknown rule: no_such_rule"),
    (["--to", "txt", "--profile", "missing.toml"], "missing.toml"),
    (["--to", "txt", "--engine", "dask"], "--engine dask needs --scheduler"),
])
def test_bad_options_are_one_line_errors_and_write_nothing(tmp_path, args, message):
    inputs, out = archive(tmp_path), tmp_path / "out"
    run = magclean("batch", inputs, "-o", out, *args)
    assert run.returncode == (1 if "--profile" in args else 2)  # a bad file is 1, a bad option 2
    assert run.stderr.startswith("magclean: error: ") and message in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_missing_input_and_output_over_input_are_refused(tmp_path):
    inputs = archive(tmp_path)
    missing = magclean("batch", tmp_path / "nowhere", "--to", "txt", "-o", tmp_path / "out")
    assert missing.returncode == 1 and "no such file or directory" in missing.stderr
    over = magclean("batch", inputs / "seed.txt", "--to", "txt", "-o", inputs)
    assert over.returncode == 1 and "would overwrite the input" in over.stderr
    assert (inputs / "seed.txt").read_bytes() == SEED.read_bytes()


@pytest.mark.parametrize("fmt", sorted(available_converters()))
def test_every_registered_format_converts_in_a_batch(tmp_path, fmt):
    out = tmp_path / "out"
    run = magclean("batch", CITY, "--to", fmt, "-o", out, "--profile", CITY_PROFILE)
    assert run.returncode == 0, run.stderr
    suffix = available_converters()[fmt].suffix
    written = out / f"chengshi_2024_12{suffix}"
    assert written.stat().st_size > 0
    if fmt == "epub":  # every EPUB the tests write is EPUBCheck-clean
        from convert.conftest import run_epubcheck

        report = run_epubcheck([written])[written]
        assert "0 fatals / 0 errors / 0 warnings" in report.stdout + report.stderr, report.stdout[-1500:]


def test_script_variant_is_applied(tmp_path):
    out = tmp_path / "out"
    run = magclean("batch", CITY, "--to", "txt", "-o", out, "--script", "s2tw",
                   "--profile", CITY_PROFILE)
    assert run.returncode == 0, run.stderr
    text = (out / "chengshi_2024_12.txt").read_text("utf-8")
    assert "老街的第二次生命" in text and "一條街道的改造" in text


def test_stale_temporary_files_of_a_killed_run_are_removed(tmp_path):
    inputs, out = archive(tmp_path), tmp_path / "out"
    out.mkdir()
    leftover = out / ".seed.txt.k3j9x.part"
    leftover.write_text("half an issue", encoding="utf-8")
    assert magclean("batch", inputs, "--to", "txt", "-o", out).returncode == 0
    assert not leftover.exists()


def expected_text() -> str:
    return render_text(clean(read_source(SEED)))


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_interrupted_batch_leaves_no_partial_files_and_resumes(tmp_path, sig):
    inputs, out = archive(tmp_path, copies=8), tmp_path / "out"
    command = [sys.executable, "-m", "magclean.cli", "batch", str(inputs), "--to", "txt", "-o", str(out),
               "-j", "2"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not any(out.rglob("*.txt")) and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(sig)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "interrupted" in stderr and no_traceback(stderr)
    files = [p for p in out.rglob("*") if p.is_file()]
    assert not [p for p in files if p.name.endswith(".part")]
    finished = [p for p in files if p.suffix == ".txt" and p.parent == out]
    assert 0 < len(finished) < 9  # stopped half-way
    want = expected_text()
    assert all(p.read_text("utf-8") == want for p in finished)  # nothing corrupt or partial
    # the closing line counts every output that finished, also those that finished after the signal
    counted = re.search(r"interrupted: (\d+) of (\d+) files converted", stderr)
    assert counted and int(counted.group(1)) == len([p for p in files if p.suffix == ".txt"]), stderr

    rerun = magclean("batch", inputs, "--to", "txt", "-o", out, "-j", "2")
    assert rerun.returncode == 0, rerun.stderr
    outputs = sorted(out.rglob("*.txt"))
    assert len(outputs) == 10
    assert all(p.read_text("utf-8") == want for p in outputs if p.name != "city.txt")
    assert not [p for p in out.rglob("*") if p.name.endswith(".part")]


def test_per_file_function_reports_failure_instead_of_raising(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00\xd8")
    result = convert_file(BatchTask(source=bad, output=tmp_path / "bad.json", fmt="json"))
    assert result.status == "failed" and "utf-16" in result.error
    assert not (tmp_path / "bad.json").exists()


def test_dask_engine_sends_the_same_function_to_a_local_cluster(tmp_path):
    from distributed import LocalCluster

    inputs = archive(tmp_path)
    # With its profile the small fixture cleans the same whatever the hash seed (see test_profiles).
    options = ["--to", "json", "--profile", CITY_PROFILE]
    local = magclean("batch", inputs, "-o", tmp_path / "local", *options)
    assert local.returncode == 0, local.stderr
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        run = magclean("batch", inputs, "-o", tmp_path / "dask", *options,
                       "--engine", "dask", "--scheduler", cluster.scheduler_address)
    assert run.returncode == 0, run.stderr
    for produced in (tmp_path / "local").rglob("*.json"):
        twin = tmp_path / "dask" / produced.relative_to(tmp_path / "local")
        assert twin.read_bytes() == produced.read_bytes()
    assert run.stdout.split()[-8:-5] == ["2", "0", "0"]


def test_unreachable_dask_scheduler_is_a_one_line_error(tmp_path):
    quick = {**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"}
    run = magclean("batch", CITY, "--to", "txt", "-o", tmp_path / "out", "--engine", "dask",
                   "--scheduler", "tcp://127.0.0.1:9", env=quick)
    assert run.returncode == 1
    assert run.stderr.startswith("magclean: error: cannot reach the dask scheduler")
    assert no_traceback(run.stderr)


def test_summary_counts_only_what_was_converted():
    table = summary_table([], 0.0)
    assert table.splitlines()[0].split() == ["files", "converted", "skipped", "failed", "articles",
                                             "paragraphs", "removals", "time"]


def test_profile_is_used_by_batch_workers(tmp_path):
    out = tmp_path / "out"
    assert magclean("batch", CITY, "--to", "json", "-o", out, "--profile", CITY_PROFILE).returncode == 0
    produced = json.loads((out / "chengshi_2024_12.json").read_text("utf-8"))
    config = CleanConfig(profile=load_profile(CITY_PROFILE))
    expected = json.loads(clean(read_source(CITY), config).to_json())
    assert {**produced, "meta": {}} == {**expected, "meta": {}}
    # the batch adds the publication: the profile's magazine and the issue from the running heads
    assert produced["meta"] == {**expected["meta"], "title": "城市周刊", "issue": "2024年3月 第12期"}


def test_progress_bar_on_a_terminal_and_silence_elsewhere(tmp_path):
    import fcntl
    import pty
    import struct
    import termios

    inputs = tmp_path / "in"
    inputs.mkdir()
    for n in range(3):
        shutil.copy(CITY, inputs / f"issue{n}.txt")
    quiet = magclean("batch", inputs, "--to", "txt", "-o", tmp_path / "piped")
    assert quiet.returncode == 0 and quiet.stderr == ""  # not a terminal: no bar
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
    process = subprocess.Popen([sys.executable, "-m", "magclean.cli", "batch", str(inputs), "--to", "txt",
                                "-o", str(tmp_path / "tty")], stdout=subprocess.PIPE, stderr=follower)
    os.close(follower)
    process.wait(timeout=60)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        if b"3/3" in seen:
            break
    os.close(leader)
    bar = seen.decode("utf-8", "replace")
    assert "3/3" in bar and "file/s" in bar and "100%" in bar


# --- robustness (issue 10): dead workers, a dead parent, long names, stale parts, read-only output ---

def children(pid: int) -> list[int]:
    """The worker processes of a running batch (forked: they share its command line)."""
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        parent_command = Path(f"/proc/{pid}/cmdline").read_bytes()
        return [int(c) for c in found if Path(f"/proc/{c}/cmdline").read_bytes() == parent_command]
    except (FileNotFoundError, ProcessLookupError):
        return []


def alive(pid: int) -> bool:
    try:
        return "\nState:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False


def start_batch(inputs: Path, out: Path, *extra: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "magclean.cli", "batch", str(inputs), "--to", "txt", "-o", str(out),
               "-j", "2", *extra]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for_workers(process: subprocess.Popen, count: int = 2) -> list[int]:
    deadline = time.monotonic() + 60
    while len(workers := children(process.pid)) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(workers) >= count, "the batch started no workers"
    return workers


def test_a_killed_worker_fails_only_its_file_and_the_pool_restarts(tmp_path):
    inputs, out = archive(tmp_path, copies=6), tmp_path / "out"
    process = start_batch(inputs, out)
    worker = wait_for_workers(process)[0]
    time.sleep(0.3)  # in the middle of a file
    os.kill(worker, signal.SIGKILL)
    stdout, stderr = process.communicate(timeout=300)
    died = [line for line in stderr.splitlines() if "worker process died" in line]
    assert len(died) <= 1 and no_traceback(stderr), stderr
    assert process.returncode == (1 if died else 0), stderr
    converted = sorted(out.rglob("*.txt"))
    assert len(converted) == 8 - len(died)  # every other file went on in the new pool
    counts = stdout.splitlines()[-1].split()
    assert counts[:4] == ["8", str(8 - len(died)), "0", str(len(died))], stdout


def test_workers_exit_when_the_batch_is_killed(tmp_path):
    inputs, out = archive(tmp_path, copies=6), tmp_path / "out"
    process = start_batch(inputs, out)
    workers = wait_for_workers(process)
    process.kill()  # kill -9: no clean-up runs in the parent
    process.communicate(timeout=60)
    deadline = time.monotonic() + 15
    while any(alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [w for w in workers if alive(w)], "workers outlived their parent"


def test_a_long_input_name_converts(tmp_path):
    """248 characters: the output name fits, so its temporary name must fit too."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    name = "x" * 244 + ".txt"
    shutil.copy(CITY, inputs / name)
    for fmt, suffix in (("txt", ".txt"), ("epub", ".epub")):
        result = magclean("batch", inputs, "--to", fmt, "-o", tmp_path / "out")
        assert result.returncode == 0, result.stderr
        assert (tmp_path / "out" / name).with_suffix(suffix).stat().st_size > 0
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.endswith(".part")]


def test_stale_parts_of_a_killed_forced_run_are_removed_by_a_later_run(tmp_path):
    """A killed ``--force`` run leaves a part beside an old output; the next run skips the file
    but still removes the part (also the short form used for long names)."""
    inputs, out = archive(tmp_path), tmp_path / "out"
    assert magclean("batch", inputs, "--to", "txt", "-o", out).returncode == 0
    from converters import temporary_prefix

    leftovers = [out / f"{temporary_prefix(out / 'seed.txt')}k3j9x.part"]
    long_name = inputs / ("y" * 250 + ".txt")
    shutil.copy(CITY, long_name)
    assert magclean("batch", inputs, "--to", "txt", "-o", out).returncode == 0
    leftovers.append(out / f"{temporary_prefix(out / long_name.name)}a8d7q.part")
    for part in leftovers:
        part.write_text("half an issue", encoding="utf-8")
    result = magclean("batch", inputs, "--to", "txt", "-o", out)
    assert result.returncode == 0 and result.stdout.splitlines()[-1].split()[2] == "3"  # all skipped
    assert not [part for part in leftovers if part.exists()]


def test_a_read_only_output_directory_is_found_before_any_file_is_cleaned(tmp_path):
    inputs = archive(tmp_path, copies=3)
    if os.geteuid() == 0:  # root writes through permission bits: /proc/self is read-only even for root
        read_only = Path("/proc/self")
    else:
        read_only = tmp_path / "ro"
        read_only.mkdir()
        read_only.chmod(0o555)
    started = time.monotonic()
    result = magclean("batch", inputs, "--to", "txt", "-o", read_only)
    assert result.returncode == 1 and no_traceback(result.stderr)
    assert result.stderr.splitlines() == [f"magclean: error: {read_only}: cannot write there "
                                          f"({result.stderr.split('(')[-1].rstrip()}"]
    assert result.stdout == ""  # no summary: nothing ran
    assert time.monotonic() - started < 20


def test_stopping_a_pool_with_queued_files_leaves_no_error_in_its_thread(monkeypatch):
    """Files still queued when a batch is interrupted are cancelled by the pool itself: stopping
    the workers then must not make the pool's thread fail them again (an InvalidStateError
    traceback on the terminal, seen in CI)."""
    from concurrent.futures import ProcessPoolExecutor, wait

    import magclean.batch as batch

    errors = []
    monkeypatch.setattr("threading.excepthook", errors.append)
    monkeypatch.setattr(batch, "INTERRUPT_GRACE", 0.2)
    pool = ProcessPoolExecutor(max_workers=1)
    running = {pool.submit(time.sleep, 3): 0}
    running.update({pool.submit(time.sleep, 0): n for n in range(1, 6)})  # queued behind it
    time.sleep(0.5)
    batch.stop_running(pool, running, lambda result: None)
    # the pool's thread fails the stopped ones; then every future is done
    wait([future for future in running if not future.cancelled()], timeout=20)
    assert all(future.done() for future in running)
    assert errors == []


def test_a_stopped_pool_has_no_thread_left_to_race_the_exit(monkeypatch):
    """When ``stop_running`` returns, the pool's thread has closed its wake-up pipe and ended:
    left running, it races the interpreter's exit hook that writes to that pipe ("Exception
    ignored … Bad file descriptor" after "magclean: interrupted", seen once in the suite)."""
    from concurrent.futures import ProcessPoolExecutor

    import magclean.batch as batch

    monkeypatch.setattr(batch, "INTERRUPT_GRACE", 0.2)
    pool = ProcessPoolExecutor(max_workers=1)
    running = {pool.submit(time.sleep, 3): 0, pool.submit(time.sleep, 0): 1}
    time.sleep(0.5)
    manager = pool._executor_manager_thread
    batch.stop_running(pool, running, lambda result: None)
    assert not manager.is_alive()
