"""Time whole `magclean convert` processes on the seed (a benchmark, not a test).

    python benchmarks/convert_speed.py [--runs 5]

Prints the median CPU seconds (user+system of the process: on a shared machine wall time also
counts the others' work) and the median wall time of each conversion, as a user runs it (Python
start-up, imports, cleaning and writing included), and the same from the seed's JSON Document (no
cleaning) so the converter's own share is visible.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "fixtures" / "000_b75e2609f1de16f2.txt"
CASES = {
    "epub": ["--to", "epub"],
    "docx": ["--to", "docx"],
    "txt s2twp": ["--to", "txt", "--script", "s2twp"],
}


MAGCLEAN = Path(sys.executable).with_name("magclean")


def magclean(*args: str) -> tuple[float, float]:
    """Run the ``magclean`` command once; its CPU seconds (user+system) and wall seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([str(MAGCLEAN), *args], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        document = Path(tmp) / "seed.json"
        magclean("clean", str(SEED), "--format", "json", "-o", str(document))
        print(f"{'conversion':28} {'CPU s':>7} {'wall s':>7}   (medians of {runs} runs)")
        rows = [("clean to text (reference)", ["clean", str(SEED), "-o", f"{tmp}/x.txt"])]
        for name, args in CASES.items():
            rows.append((f"{name} from .txt", ["convert", str(SEED), *args, "-o", f"{tmp}/out"]))
            rows.append((f"{name} from .json", ["convert", str(document), *args, "-o", f"{tmp}/out"]))
        for name, args in rows:
            times = [magclean(*args) for _ in range(runs)]
            cpu, wall = (statistics.median(t[k] for t in times) for k in (0, 1))
            print(f"{name:28} {cpu:6.2f}s {wall:6.2f}s")


if __name__ == "__main__":
    main()
