"""Instructions the cleaner and the commands execute, counted by valgrind (a benchmark, not a test).

    .venv/bin/python benchmarks/instructions.py                       # this checkout
    .venv/bin/python benchmarks/instructions.py --against ../main     # and another checkout beside it
    .venv/bin/python benchmarks/instructions.py --only clean-in-process --copies 10

On a machine shared with others, CPU seconds of the same run vary by ±20% with their load;
the number of instructions a run executes does not (it varies by less than 0.1% from run to run
with a fixed hash seed), so it tells a change of a few percent apart where timings cannot. Each
row runs once under ``valgrind --tool=cachegrind --cache-sim=no`` (about 50 times slower than
a plain run) with ``PYTHONHASHSEED=0``, after one plain run that writes the bytecode caches. The
in-process row is the cleaning alone: the run that cleans N distinct seed copies
(``benchmarks/distinct.py``) minus the same run without the clean. ``--against`` runs the same
rows on another checkout's code (``PYTHONPATH``, this checkout's interpreter and packages).
Needs ``valgrind``.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "fixtures" / "000_b75e2609f1de16f2.txt"
ENTRY = "import sys; from magclean.cli import main; sys.argv[0] = 'magclean'; sys.exit(main())"
# Builds the copies, then cleans them when the last argument is "clean".
IN_PROCESS = """
import sys
sys.path.insert(0, sys.argv[1])
from distinct import distinct_copies
from cleaner import clean, source_from_bytes
data = distinct_copies(int(sys.argv[2])).encode("utf-8")
if sys.argv[3] == "clean":
    clean(source_from_bytes(data, "seed"))
"""


def commands(out: str) -> dict[str, list[str]]:
    """The whole-process rows: interpreter arguments of each."""
    seed = str(SEED)
    return {
        "python -c pass": ["-c", "pass"],
        "import magclean.cli": ["-c", "import magclean.cli"],
        "clean (whole command)": ["-c", ENTRY, "clean", seed, "-o", f"{out}/out.txt"],
        "convert --to epub": ["-c", ENTRY, "convert", seed, "--to", "epub", "-o", f"{out}/out.epub"],
        "convert --to docx": ["-c", ENTRY, "convert", seed, "--to", "docx", "-o", f"{out}/out.docx"],
        "convert --script s2twp": ["-c", ENTRY, "convert", seed, "--to", "txt", "--script", "s2twp",
                                   "-o", f"{out}/out-tw.txt"],
    }


def instructions(code_root: Path, args: list[str]) -> int:
    """Instructions valgrind counts for one run of the interpreter with ``args`` on ``code_root``'s code."""
    env = {**os.environ, "PYTHONPATH": str(code_root), "PYTHONHASHSEED": "0"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, *args], env=env, cwd=code_root, check=True, capture_output=True)
    valgrind = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]
    run = subprocess.run([*valgrind, sys.executable, *args], env=env, cwd=code_root, check=True,
                         capture_output=True, text=True)
    found = re.search(r"I\s+refs:\s+([\d,]+)", run.stderr)
    if found is None:
        raise SystemExit(f"no instruction count in valgrind's output:\n{run.stderr[-500:]}")
    return int(found.group(1).replace(",", ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", type=Path, help="another checkout, measured the same way")
    parser.add_argument("--copies", type=int, default=1, help="distinct seed copies cleaned in process")
    parser.add_argument("--only", action="append", help="rows to run (by name; repeatable)")
    options = parser.parse_args()
    roots = {"this checkout": ROOT} | ({"against": options.against.resolve()} if options.against else {})
    bench = str(ROOT / "benchmarks")
    with tempfile.TemporaryDirectory() as out:
        rows = commands(out)
        names = [f"clean-in-process x{options.copies}", *rows]
        print(f"{'millions of instructions':28}" + "".join(f"{name:>16}" for name in roots))
        for name in names:
            if options.only and not any(name.startswith(only) for only in options.only):
                continue
            counts = []
            for root in roots.values():
                if name.startswith("clean-in-process"):
                    base = ["-c", IN_PROCESS, bench, str(options.copies)]
                    counts.append(instructions(root, [*base, "clean"]) - instructions(root, [*base, "none"]))
                else:
                    counts.append(instructions(root, rows[name]))
            change = f"   {counts[0] / counts[1] - 1:+.1%}" if len(counts) == 2 else ""
            print(f"{name:28}" + "".join(f"{count / 1e6:16.1f}" for count in counts) + change, flush=True)


if __name__ == "__main__":
    main()
