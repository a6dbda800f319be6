"""How `magclean batch` scales: 200 distinct copies of the seed converted with 1 and with 2 workers.

Not a test (it takes minutes): run it by hand and compare the two wall times, which should come
close to a 2:1 ratio on a machine with two free cores.

    .venv/bin/python benchmarks/batch_speed.py [--copies 200] [--to epub]

The copies are distinct (``benchmarks/distinct.py``: the seed's Han characters that no rule
names rotated per copy), so no worker cleans a text another one's caches already hold. Besides
wall time, the CPU seconds of each run (user+system of the batch and its workers) are printed.
The progress bar shows when stderr is a terminal.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from distinct import inert_han, rotated

from converters import available_converters

SEED = Path(__file__).parent.parent / "fixtures" / "000_b75e2609f1de16f2.txt"


def make_archive(directory: Path, copies: int) -> Path:
    """``copies`` distinct copies of the seed under ``directory/in``."""
    inputs = directory / "in"
    inputs.mkdir()
    seed = SEED.read_text(encoding="utf-8")
    inert = inert_han(seed)
    for number in range(copies):
        (inputs / f"issue-{number:03}.txt").write_text(rotated(seed, number, inert), encoding="utf-8")
    return inputs


def timed_batch(inputs: Path, out_dir: Path, fmt: str, workers: int) -> tuple[float, float]:
    """Wall time and CPU seconds of one `magclean batch` run (a fresh process, as a user runs it)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "magclean.cli", "batch", str(inputs), "--to", fmt,
                    "-o", str(out_dir), "-j", str(workers)], check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def main() -> None:
    """Run the benchmark and print both wall times."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=200)
    default_format = "epub" if "epub" in available_converters() else "txt"
    parser.add_argument("--to", default=default_format, help=f"output format (default {default_format})")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="magclean-bench-") as temp:
        inputs = make_archive(Path(temp), args.copies)
        times = {workers: timed_batch(inputs, Path(temp) / f"out-{workers}", args.to, workers)
                 for workers in (1, 2)}
    print(f"{args.copies} distinct copies of {SEED.name} to {args.to}")
    for workers, (wall, cpu) in times.items():
        print(f"  {workers} worker{'s' if workers > 1 else ' '}: {wall:7.1f} s wall {cpu:7.1f} s CPU")
    print(f"  speed-up: {times[1][0] / times[2][0]:.2f}x")


if __name__ == "__main__":
    main()
