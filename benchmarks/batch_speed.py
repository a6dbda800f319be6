"""How `magclean batch` scales: 200 copies of the seed converted with 1 and with 2 workers.

Not a test (it takes minutes): run it by hand and compare the two wall times, which should come
close to a 2:1 ratio on a machine with two free cores.

    .venv/bin/python benchmarks/batch_speed.py [--copies 200] [--to epub]

The progress bar shows when stderr is a terminal.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from converters import available_converters

SEED = Path(__file__).parent.parent / "fixtures" / "000_b75e2609f1de16f2.txt"


def make_archive(directory: Path, copies: int) -> Path:
    """``copies`` copies of the seed under ``directory/in``."""
    inputs = directory / "in"
    inputs.mkdir()
    for number in range(copies):
        shutil.copy(SEED, inputs / f"issue-{number:03}.txt")
    return inputs


def timed_batch(inputs: Path, out_dir: Path, fmt: str, workers: int) -> float:
    """Wall time of one `magclean batch` run (a fresh process, as a user runs it)."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "magclean.cli", "batch", str(inputs), "--to", fmt,
                    "-o", str(out_dir), "-j", str(workers)], check=True)
    return time.perf_counter() - started


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
    print(f"{args.copies} copies of {SEED.name} to {args.to}")
    for workers, seconds in times.items():
        print(f"  {workers} worker{'s' if workers > 1 else ' '}: {seconds:7.1f} s wall")
    print(f"  speed-up: {times[1] / times[2]:.2f}x")


if __name__ == "__main__":
    main()
