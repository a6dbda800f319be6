"""Coverage-guided fuzzing of reading and cleaning, with atheris (libFuzzer for Python).

Usage (libFuzzer options pass through; bound every run by time or runs)::

    .venv/bin/python benchmarks/fuzz_cleaner.py -max_total_time=25 -max_len=4096
    .venv/bin/python benchmarks/fuzz_cleaner.py -runs=100000 crash-1234abcd   # replay one input

Each input is read either as raw bytes (the decoder's path: BOMs, detection, binary checks) or as
a sequence of magazine tokens (hanzi, punctuation, blank lines, form feeds, credits, markers, split
years, English, invisible characters), chosen by its first byte, so the mutator explores the
cleaner's rules and not only the decoder. The target fails on any exception other than
``InputError`` and, unless MAGCLEAN_FUZZ_CHECKS=crash, on a broken conservation law. Every failure
found belongs in tests/test_fuzz.py, which runs this for 25 s with every check on.
"""

from __future__ import annotations

import os
import sys
import traceback

import atheris

with atheris.instrument_imports(include=["cleaner", "converters"]):

    from cleaner import InputError, clean, source_from_bytes
    from cleaner.document import non_whitespace
    from converters.text import render_text

# What the token mode builds issues from: the pieces extractors actually write.
TOKENS = (
    "中", "美", "关", "系", "的", "新", "起", "点", "经", "济", "年", "月", "日", "在", "了",
    "。", "，", "、", "：", "；", "？", "！", "…", "“", "”", "《", "》", "（", "）",
    "\n", "\n", "\n", "\n\n", "\n\n\n\n", "\f", " ", "\u3000", "\u00a0", "\r\n", "\r",
    "2023", "11", "15%", "图/新华", "图/", "新华", "摄/郝洲", "返回目录", "文/《财经》记者 金焱", "编辑/苏琦",
    "封面文章", "Cover Story", "（翻译：臧博；编辑：袁满）", "《财经》：", "制表：", "单位：", "注：",
    "San", "Fran", "cisco", "century-", "old", "the", "economy", ".", "-",
    "\u200b", "\ufeff", "\ufffe", "\u00ad", "\x00", "▲", "1", "2", "3",
)


def issue_from_tokens(data: bytes) -> str:
    """One token per byte (the byte picks the token): mutations of bytes become edits of an issue.

    >>> issue_from_tokens(bytes([0, 1, 15, 29]))
    '中美。\\n'
    """
    return "".join(TOKENS[byte % len(TOKENS)] for byte in data)


# Crashes recorded as xfail tests in tests/test_fuzz.py, as (exception, function it passes through),
# so that a run goes on to find new ones (none open now; e.g. ("IndexError", "_is_bio") was one).
KNOWN_CRASHES: tuple[tuple[str, str], ...] = ()
# "crash": exceptions only; anything else: exceptions and the conservation law.
CHECKS = os.environ.get("MAGCLEAN_FUZZ_CHECKS", "all")


def is_known_crash(error: Exception) -> bool:
    """Is ``error`` one of the crashes already recorded (so the run goes on to find new ones)?"""
    functions = {frame.name for frame in traceback.extract_tb(error.__traceback__)}
    return any(type(error).__name__ == kind and where in functions for kind, where in KNOWN_CRASHES)


def check_input(data: bytes) -> None:
    """Read and clean ``data``; raise AssertionError when the conservation law breaks.

    >>> check_input(b"\\xff\\xfe")  # refused with InputError, which is fine
    >>> check_input(bytes([1]) + "标题\\n\\n正文。".encode())
    """
    if not data:
        return
    mode, body = data[0] % 2, data[1:]
    raw = issue_from_tokens(body).encode("utf-8") if mode == 0 else body
    try:
        source = source_from_bytes(raw, "fuzz")
    except InputError as error:
        assert "\n" not in str(error), "an InputError message must be one line"
        return
    try:
        document = clean(source)
    except Exception as error:
        if is_known_crash(error):
            return
        raise
    render_text(document).encode("utf-8")
    if CHECKS == "crash":
        return
    lost = non_whitespace("\n".join(source.lines)) - document.characters()
    invented = document.characters() - non_whitespace("\n".join(source.lines))
    assert not lost and not invented, f"conservation broken: lost {dict(lost)}, invented {dict(invented)}"


def main(argv: list[str]) -> None:
    """Run libFuzzer with ``argv`` (give -max_total_time or -runs: an unbounded run never ends)."""
    atheris.Setup(argv, check_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
