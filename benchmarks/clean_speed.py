"""How fast the cleaner runs and how much memory it takes, on 1, 10 and 100 distinct copies of the seed.

Usage::

    .venv/bin/python benchmarks/clean_speed.py            # 1x, 10x, 100x, one 150k-line article, the CLI
    .venv/bin/python benchmarks/clean_speed.py 1 10       # chosen sizes only (copies of the seed)
    .venv/bin/python benchmarks/clean_speed.py --article 150000   # one article of that many lines only
    .venv/bin/python benchmarks/clean_speed.py --profile 10   # cProfile of one run, top 25 by cumulative time

Copies are distinct (``benchmarks/distinct.py``: the seed's Han characters that no rule names
rotated per copy), so no copy is served from a cache another copy filled. Each size runs
in-process in a fresh subprocess: reading (decode) and cleaning are timed in CPU seconds of the
process (``time.process_time``: on a shared machine wall time also counts the others); peak memory is
tracemalloc's peak of Python allocations during read and clean, also given per input byte, and the
subprocess's maximum resident set size (tracemalloc slows the run, so it is a second run). The
last line is the CPU time (user+system) of the whole ``magclean clean`` process on the seed,
the median of 5. Not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
from pathlib import Path

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "000_b75e2609f1de16f2.txt"
MAGCLEAN = Path(sys.executable).with_name("magclean")
LIMIT_MIB = 2048
ARTICLE_LINES = 150_000

# Runs in a fresh interpreter: build the input, clean it, report time and peak memory.
_MEASURE = """
import json, resource, sys, time, tracemalloc
sys.path.insert(0, sys.argv[1])
from distinct import distinct_copies, long_article
from cleaner import clean, source_from_bytes
kind, size = sys.argv[2], int(sys.argv[3])
data = (distinct_copies(size) if kind == "copies" else long_article(size)).encode("utf-8")
def run():
    started = time.process_time()  # CPU seconds: on a shared machine wall time measures the others
    source = source_from_bytes(data, "seed")
    read = time.process_time() - started
    document = clean(source)
    return read, time.process_time() - started, len(document.articles)
read, total, articles = run()
tracemalloc.start()
run()
peak = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
print(json.dumps({"bytes": len(data), "read_s": read, "total_s": total, "articles": articles,
                  "traced_peak": peak,
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def measure(kind: str, size: int) -> dict[str, float]:
    """Clean ``size`` distinct seed copies (``kind`` "copies") or one article of ``size`` lines
    (``kind`` "article") in a fresh interpreter; its timings and peak memory."""
    result = subprocess.run([sys.executable, "-c", _MEASURE, str(Path(__file__).parent), kind, str(size)],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def cli_seconds(runs: int = 5) -> float:
    """CPU seconds (user+system) of the whole ``magclean clean`` process on the seed, median of ``runs``."""
    times = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([str(MAGCLEAN), "clean", str(SEED), "-o", "/dev/null"], check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(times)


def profile(repeats: int) -> None:
    """Print the 25 most expensive functions (cumulative time) of one in-process run."""
    import cProfile
    import pstats

    sys.path.insert(0, str(Path(__file__).parent))
    from distinct import distinct_copies

    from cleaner import clean, source_from_bytes

    data = distinct_copies(repeats).encode("utf-8")
    profiler = cProfile.Profile()
    profiler.runcall(lambda: clean(source_from_bytes(data, "seed")))
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def row(label: str, result: dict[str, float], first: dict[str, float] | None) -> str:
    """One line of the table; the last column is seconds per MB relative to the first size."""
    megabytes = result["bytes"] / 1e6
    seconds = result["total_s"]
    per_mb = seconds / megabytes
    growth = "" if first is None else f"{per_mb / (first['total_s'] / (first['bytes'] / 1e6)):>7.2f}"
    line = (f"{label:>14} {megabytes:>7.1f} {result['articles']:>8} {result['read_s']:>7.2f} {seconds:>8.2f} "
            f"{megabytes / seconds:>6.2f} {result['traced_peak'] / 2**20:>10.0f} "
            f"{result['traced_peak'] / result['bytes']:>7.1f} {result['peak_mib']:>8.0f} {growth}")
    if result["peak_mib"] > LIMIT_MIB:
        line += f"  over the {LIMIT_MIB} MiB limit"
    return line


def main() -> None:
    """Print one line per size: MB, articles, seconds, MB/s, peak memory, and s/MB against the first size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repeats", nargs="*", type=int, help="numbers of distinct copies (default 1 10 100)")
    parser.add_argument("--article", type=int, default=None, help="lines of the one long article")
    parser.add_argument("--profile", action="store_true", help="profile the first size instead")
    args = parser.parse_args()
    repeats = args.repeats or ([] if args.article else [1, 10, 100])
    if args.profile:
        profile((repeats or [1])[0])
        return
    print("CPU seconds and MB per CPU second; peak MiB and bytes per input byte from tracemalloc")
    print(f"{'input':>14} {'MB':>7} {'articles':>8} {'read s':>7} {'total s':>8} {'MB/s':>6} "
          f"{'peak MiB':>10} {'B/byte':>7} {'RSS MiB':>8} {'s/MB ×':>7}")
    first = None
    for size in repeats:
        result = measure("copies", size)
        print(row(f"{size}x distinct", result, first), flush=True)
        first = first or result
    if args.article or not args.repeats:
        lines = args.article or ARTICLE_LINES
        print(row(f"{lines} lines", measure("article", lines), first), flush=True)
    print(f"magclean clean on the seed (whole process, CPU, median of 5): {cli_seconds():.2f} s")


if __name__ == "__main__":
    main()
