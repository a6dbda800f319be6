"""Coverage-guided fuzzing (benchmarks/fuzz_cleaner.py, atheris) for a short budget, and what it found.

Every failure the fuzzer found is a regression test here: xfail (strict) while the cleaner still
has the bug, so that the fix shows up as an XPASS and the mark is removed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import regex

import magclean
from cleaner.document import non_whitespace
from converters.text import render_text

FUZZER = Path(__file__).parent.parent / "benchmarks" / "fuzz_cleaner.py"
BUDGET_SECONDS = 25


def assert_conserved(text: str) -> None:
    """Every non-whitespace character of ``text`` is in the Document, none is invented."""
    found = magclean.clean_text(text).characters()
    assert non_whitespace(text) - found == Counter(), "lost"
    assert found - non_whitespace(text) == Counter(), "invented"


def test_atheris_is_installed() -> None:
    """The fuzzer's engine comes with the test extra (no silent skip when it is missing)."""
    import atheris

    assert hasattr(atheris, "Fuzz")


def test_fuzz_run_finds_no_crash(tmp_path: Path) -> None:
    """A bounded, seeded libFuzzer run: no exception but InputError, and the conservation law holds."""
    result = subprocess.run(
        [sys.executable, str(FUZZER), f"-max_total_time={BUDGET_SECONDS}", "-max_len=4096", "-seed=1",
         "-print_final_stats=1"],
        cwd=tmp_path, capture_output=True, text=True, timeout=BUDGET_SECONDS + 120, check=False,
        env={**os.environ, "MAGCLEAN_FUZZ_CHECKS": "all"},
    )
    report = result.stderr[-4000:]
    assert result.returncode == 0, report
    assert not list(tmp_path.glob("crash-*")), report
    runs = regex.search(r"stat::number_of_executed_units:\s+(\d+)", result.stderr)
    assert runs and int(runs.group(1)) > 1000, report


def test_english_label_as_the_last_line() -> None:
    """Found by the fuzzer: an English label with no line under it (no title to look for)."""
    assert_conserved("！\n\n\n\n\xa0图/\nCover Story")


def test_byline_ending_in_colon() -> None:
    """Found by the fuzzer: a byline whose name part is empty after the last colon."""
    document = magclean.clean_text("标题\n\n文/《财经》记者 金焱注：\n\n正文。\n")
    assert "正文。" in render_text(document)


def test_information_separators_are_conserved() -> None:
    """Found by the fuzzer: a FILE SEPARATOR at a line end disappears."""
    assert_conserved("正文。\x1c\n")


def test_caption_over_table_note_is_conserved() -> None:
    """Found by the fuzzer, reduced: 单位： is lost and the "-" line appears twice."""
    assert_conserved("正文\n-\n单位：\n3\n！摄/郝洲")


def test_table_residue_is_conserved() -> None:
    """Found by the fuzzer, reduced: lines 1, 3, 5 and one 制表： vanish."""
    assert_conserved("：\n）\n美\n）\n中\n制表：\n）\n制表：中")
