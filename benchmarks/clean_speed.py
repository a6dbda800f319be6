"""How fast the cleaner runs and how much memory it takes, for the seed repeated 1, 10 and 100 times.

Usage::

    .venv/bin/python benchmarks/clean_speed.py            # 1x, 10x, 100x and the CLI on the seed
    .venv/bin/python benchmarks/clean_speed.py 1 10       # chosen repeats only
    .venv/bin/python benchmarks/clean_speed.py --profile 10   # cProfile of one run, top 25 by cumulative time

Each size runs in-process in a fresh subprocess (so one run's memory does not count for the
next): reading (decode) and cleaning are timed, peak memory is the subprocess's maximum resident
set size. The last line is the whole-process time of ``magclean clean`` on the seed. Not a test:
numbers depend on the machine. The 100x case must stay under 2 GB (tests/test_inputs.py checks
the 100 MB issue through the CLI).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "000_b75e2609f1de16f2.txt"
MAGCLEAN = Path(sys.executable).with_name("magclean")
LIMIT_MIB = 2048

# Runs in a fresh interpreter: read the repeated seed, clean it, report time and peak memory.
_MEASURE = """
import json, resource, sys, time
from cleaner import clean, source_from_bytes
data = open(sys.argv[1], "rb").read() * int(sys.argv[2])
started = time.perf_counter()
source = source_from_bytes(data, "seed")
read = time.perf_counter() - started
document = clean(source)
total = time.perf_counter() - started
print(json.dumps({"bytes": len(data), "read_s": read, "total_s": total, "articles": len(document.articles),
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def measure(repeats: int) -> dict[str, float]:
    """Clean the seed repeated ``repeats`` times in a fresh interpreter; its timings and peak memory."""
    result = subprocess.run([sys.executable, "-c", _MEASURE, str(SEED), str(repeats)], capture_output=True,
                            text=True, check=True)
    return json.loads(result.stdout)


def cli_seconds() -> float:
    """Wall time of the whole ``magclean clean`` process on the seed (start-up included)."""
    started = time.perf_counter()
    subprocess.run([str(MAGCLEAN), "clean", str(SEED), "-o", "/dev/null"], check=True)
    return time.perf_counter() - started


def profile(repeats: int) -> None:
    """Print the 25 most expensive functions (cumulative time) of one in-process run."""
    import cProfile
    import pstats

    from cleaner import clean, source_from_bytes

    data = SEED.read_bytes() * repeats
    profiler = cProfile.Profile()
    profiler.runcall(lambda: clean(source_from_bytes(data, "seed")))
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def main() -> None:
    """Print one line per size: MB, seconds, MB/s, peak MiB, and the growth factor from the first size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repeats", nargs="*", type=int, default=[1, 10, 100])
    parser.add_argument("--profile", action="store_true", help="profile the first size instead")
    args = parser.parse_args()
    if args.profile:
        profile(args.repeats[0])
        return
    print(f"{'repeats':>7} {'MB':>7} {'read s':>7} {'total s':>8} {'MB/s':>6} {'peak MiB':>9} "
          f"{'s per MB':>9}")
    for repeats in args.repeats:
        row = measure(repeats)
        megabytes = row["bytes"] / 1e6
        seconds = row["total_s"]
        print(f"{repeats:>7} {megabytes:>7.1f} {row['read_s']:>7.2f} {seconds:>8.2f} "
              f"{megabytes / seconds:>6.2f} {row['peak_mib']:>9.0f} {seconds / megabytes:>9.3f}", flush=True)
        if row["peak_mib"] > LIMIT_MIB:
            print(f"  over the {LIMIT_MIB} MiB limit", flush=True)
    print(f"magclean clean on the seed (whole process): {cli_seconds():.2f} s")


if __name__ == "__main__":
    main()
