"""Time whole `magclean convert` processes on the seed (a benchmark, not a test).

    python benchmarks/convert_speed.py [--runs 5]

Prints the best and median wall time of each conversion, as a user would see it (Python start-up,
imports, cleaning and writing included), and the same from the seed's JSON Document (no cleaning)
so the converter's own share is visible.
"""

from __future__ import annotations

import argparse
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


def magclean(*args: str) -> float:
    """Run ``python -m magclean.cli ARGS`` once; its wall time in seconds."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "magclean.cli", *args], check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        document = Path(tmp) / "seed.json"
        magclean("clean", str(SEED), "--format", "json", "-o", str(document))
        print(f"{'conversion':28} {'best':>7} {'median':>7}   ({runs} runs each)")
        rows = [("clean to text (reference)", ["clean", str(SEED), "-o", f"{tmp}/x.txt"])]
        for name, args in CASES.items():
            rows.append((f"{name} from .txt", ["convert", str(SEED), *args, "-o", f"{tmp}/out"]))
            rows.append((f"{name} from .json", ["convert", str(document), *args, "-o", f"{tmp}/out"]))
        for name, args in rows:
            times = [magclean(*args) for _ in range(runs)]
            print(f"{name:28} {min(times):6.2f}s {statistics.median(times):6.2f}s")


if __name__ == "__main__":
    main()
