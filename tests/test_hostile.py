"""Issue 10, hostile input round two: each reproducer, through the command or the API as a user
would call it. Bad input is one ``magclean: error:`` line and exit 1 (click's usage errors 2),
never a traceback, a hang, a crash (70) or a half-written file.

(The book converters' reproducers and their fuzz harness are in tests/convert/test_hostile_books.py.)
"""

from __future__ import annotations

import codecs
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import magclean
from cleaner.document import Document, DocumentError, non_whitespace
from cleaner.profile import MATCH_TIMEOUT, profile_from_toml
from cleaner.source import InputError

MAGCLEAN = Path(sys.executable).with_name("magclean")
ROOT = Path(__file__).parent.parent
SEED = ROOT / "fixtures" / "000_b75e2609f1de16f2.txt"
WRAPPED = ["中美关系历经波折止跌回稳，来到一个令世人振奋的新", "起点。"] * 3
ISSUE = "标题\n\n文/本刊记者 张三\n\n" + "\n\n".join(WRAPPED) + "\n"


def run(*args: str | bytes, stdin: int | None = None, timeout: float = 120, cwd: Path | None = None,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([os.fsencode(MAGCLEAN), *map(os.fsencode, args)], capture_output=True, text=True,
                          timeout=timeout, stdin=stdin, cwd=cwd, env={**os.environ, **(env or {})},
                          errors="backslashreplace")


def one_error_line(result: subprocess.CompletedProcess[str], code: int = 1) -> str:
    """The single ``magclean: error:`` line of a failed run: no traceback, no control character."""
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("magclean: error: "), lines[0]
    assert lines[0].isprintable(), repr(lines[0])
    return lines[0]


@pytest.fixture
def issue(tmp_path: Path) -> Path:
    path = tmp_path / "issue.txt"
    path.write_text(ISSUE, encoding="utf-8")
    return path


# --- JSON Documents -------------------------------------------------------------------------------

MALFORMED = {
    "top-level array": "[]", "top-level null": "null", "top-level string": '"x"', "top-level number": "1",
    "meta null": '{"meta": null}', "articles a dict": '{"articles": {}}',
    "number for a title": '{"articles": [{"title": 1}]}',
    "number for a text": '{"articles": [{"blocks": [{"kind": "paragraph", "text": 2, "lines": [1, 1]}]}]}',
    "unknown kind": '{"articles": [{"blocks": [{"kind": "poem", "text": "x", "lines": [1, 1]}]}]}',
    "Infinity in lines": '{"articles": [{"lines": [1, Infinity]}]}',
    "NaN in lines": '{"removed": [{"kind": "marker", "text": "x", "lines": [NaN, 1], "rule": "r"}]}',
    "float lines": '{"articles": [{"lines": [1.5, 2]}]}',
    "three lines": '{"removed": [{"kind": "marker", "text": "x", "lines": [1, 2, 3], "rule": "r"}]}',
    "lone surrogate": '{"meta": {"title": "\\ud800"}}',
    "bad language": '{"meta": {"language": "zh\\"><script>"}}',
    "scalar bylines": '{"articles": [{"bylines": "文/张三"}]}',
    "not JSON": "{",
    "deep nesting": "[" * 100_000 + "]" * 100_000,
}


@pytest.mark.parametrize("name", MALFORMED)
def test_convert_refuses_a_malformed_document(name: str, tmp_path: Path) -> None:
    source = tmp_path / "doc.json"
    source.write_text(MALFORMED[name], encoding="utf-8")
    line = one_error_line(run("convert", str(source), "--to", "txt", "-o", str(tmp_path / "out.txt")))
    assert "not a magclean Document" in line
    assert not (tmp_path / "out.txt").exists()


def test_from_json_names_the_bad_field() -> None:
    with pytest.raises(DocumentError, match=r"articles\[0\]\.blocks\[0\]\.lines: expected \[first, last\]"):
        Document.from_json('{"articles": [{"blocks": [{"kind": "paragraph", "text": "x", "lines": [1]}]}]}')


def test_a_bom_before_the_json_is_accepted(issue: Path, tmp_path: Path) -> None:
    document = tmp_path / "doc.json"
    assert run("clean", str(issue), "--format", "json", "-o", str(document)).returncode == 0
    document.write_bytes(codecs.BOM_UTF8 + document.read_bytes())
    result = run("convert", str(document), "--to", "txt", "-o", str(tmp_path / "out.txt"))
    assert result.returncode == 0, result.stderr
    assert "中美关系历经波折" in (tmp_path / "out.txt").read_text("utf-8")


# --- characters XML 1.0 forbids, read from input ------------------------------------------------

def test_control_characters_are_dropped_and_recorded_so_conservation_holds() -> None:
    text = "标题\n\n正文\x08。\x1b[31m红\x1f字\uffff。\n"
    document = magclean.clean_text(text)
    body = "".join(b.text for a in document.articles for b in a.blocks)
    assert "\x08" not in body and "\x1b" not in body and "\uffff" not in body
    controls = [r for r in document.removed if r.kind == "control"]
    assert [(r.text, r.rule) for r in controls] == [("\x08\x1b\x1f\uffff", "invisible_chars")]
    assert document.characters() == non_whitespace(text)


# --- terminal injection ---------------------------------------------------------------------------

def test_a_file_name_cannot_reach_the_terminal_raw(tmp_path: Path) -> None:
    """ESC/OSC sequences and a newline in a file name are escaped; the error stays one line."""
    hostile = tmp_path / "x\x1b]0;owned\x07\nrm -rf ~\u202e.txt"
    hostile.write_text("", encoding="utf-8")
    line = one_error_line(run("clean", str(hostile)))
    assert "\x1b" not in line and "\\x1b]0;owned\\x07\\nrm -rf ~\\u202e.txt: input is empty" in line


def test_strict_quotes_of_input_lines_are_escaped(tmp_path: Path) -> None:
    """``--strict`` quotes source lines on stderr: an ESC in them is shown as \\x1b, never sent."""
    lines = SEED.read_text("utf-8").split("\n")
    weak = [d for d in magclean.clean(SEED).decisions if d.weak]
    first = weak[0].lines[0]
    lines[first - 1] = lines[first - 1][:-1] + "\x1b[2J\x07" + lines[first - 1][-1:]  # clear screen, bell
    hostile = tmp_path / "seed.txt"
    hostile.write_text("\n".join(lines), encoding="utf-8")
    result = run("clean", str(hostile), "--strict", "-o", str(tmp_path / "out.txt"))
    assert result.returncode == 3, result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "\\x1b[2J\\x07" in result.stderr
    assert all(line.startswith("magclean: ") for line in result.stderr.splitlines())


# --- profiles: ReDoS, bad patterns, wrong types ---------------------------------------------------

def profile_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "profile.toml"
    path.write_text(body, encoding="utf-8")
    return path


@pytest.mark.parametrize("pattern, message", [
    ("(a|aa)+$", "too slow"), ("(.*a){20}$", "too slow"), ("a{1000000000}", "repeats too much"),
    ("[z-a]", "not a valid regular expression"), ("(unclosed", "not a valid regular expression"),
])
@pytest.mark.parametrize("where", ["furniture", "bylines"])
def test_a_bad_profile_pattern_is_refused_before_any_file_is_read(pattern: str, message: str, where: str,
                                                                  tmp_path: Path) -> None:
    profile = profile_file(tmp_path, f"[patterns]\n{where} = ['{pattern}']\n")
    started = time.monotonic()
    # The input does not exist: the profile is refused first, so the error is about the pattern.
    line = one_error_line(run("clean", str(tmp_path / "missing.txt"), "--profile", str(profile), timeout=30))
    assert message in line and pattern in line
    assert time.monotonic() - started < 20


def test_batch_refuses_a_bad_pattern_up_front(issue: Path, tmp_path: Path) -> None:
    profile = profile_file(tmp_path, "[patterns]\nfurniture = ['(a|aa)+$']\n")
    line = one_error_line(run("batch", str(issue), "--to", "txt", "-o", str(tmp_path / "out"),
                              "--profile", str(profile), timeout=30))
    assert "too slow" in line
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("body, message", [
    ('markers = "返回"', "markers: expected a list of strings, found a string"),
    ("[patterns]\nbylines = '^本刊'", "patterns.bylines: expected a list of strings, found a string"),
    ("[patterns]\nfurniture = [1]", "patterns.furniture: expected a list of strings, found a list holding a"),
    ('sections = ["封面"]', "sections: expected a table, found a list"),
    ("name = 3", "name: expected a string, found a number"),
])
def test_a_profile_value_of_the_wrong_type_is_refused(body: str, message: str, issue: Path,
                                                      tmp_path: Path) -> None:
    line = one_error_line(run("clean", str(issue), "--profile", str(profile_file(tmp_path, body))))
    assert message in line


SLOW_ON_REAL_LINES = "(?:ab|a|b)+$"  # linear on the probes (runs of one character), explodes on abab…!


def test_a_match_that_passes_the_probes_is_still_bounded(tmp_path: Path) -> None:
    """A pattern slow only on mixed input stops at the per-match timeout with one line, and
    Ctrl-C stops the run at once (the regex no longer holds the interpreter for minutes)."""
    profile_from_toml(f"[patterns]\nfurniture = ['{SLOW_ON_REAL_LINES}']")  # loads: the probes pass
    source = tmp_path / "x.txt"
    source.write_text("标题\n\n" + "ab" * 40 + "!\n\n正文。\n", encoding="utf-8")
    profile = profile_file(tmp_path, f"[patterns]\nfurniture = ['{SLOW_ON_REAL_LINES}']\n")
    started = time.monotonic()
    line = one_error_line(run("clean", str(source), "--profile", str(profile), timeout=60))
    assert f"took over {MATCH_TIMEOUT} s" in line
    assert time.monotonic() - started < 30

    many = tmp_path / "many.txt"
    many.write_text("标题\n\n" + ("ab" * 12 + "!\n\n") * 2000, encoding="utf-8")
    process = subprocess.Popen([str(MAGCLEAN), "clean", str(many), "--profile", str(profile)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    time.sleep(2)
    interrupted = time.monotonic()
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert time.monotonic() - interrupted < 5
    assert process.returncode != 0 and "Traceback" not in stderr


# --- unbounded reads ------------------------------------------------------------------------------

def test_a_device_is_refused_without_reading_it() -> None:
    line = one_error_line(run("clean", "/dev/zero", timeout=30))
    assert "/dev/zero: not a regular file or a pipe" in line


def test_an_endless_pipe_stops_at_max_size() -> None:
    with subprocess.Popen(["cat", "/dev/zero"], stdout=subprocess.PIPE) as zeros:
        result = run("clean", "-", "--max-size", "1M", stdin=zeros.stdout.fileno(), timeout=30)
        zeros.kill()
    assert "input is larger than the limit of 1 MiB (raise it with --max-size)" in one_error_line(result)


def test_max_size_applies_to_files_and_json(issue: Path, tmp_path: Path) -> None:
    line = one_error_line(run("clean", str(issue), "--max-size", "100"))
    assert "larger than the limit of 100 bytes" in line
    document = tmp_path / "doc.json"
    assert run("clean", str(issue), "--format", "json", "-o", str(document)).returncode == 0
    line = one_error_line(run("convert", str(document), "--to", "txt", "--max-size", "100",
                              "-o", str(tmp_path / "o.txt")))
    assert "larger than the limit" in line
    assert run("clean", str(issue), "--max-size", "1K").returncode == 0
    assert run("clean", str(issue), "--max-size", "lots").returncode == 2  # click's usage error


def test_a_fifo_is_read(tmp_path: Path) -> None:
    fifo = tmp_path / "in.fifo"
    os.mkfifo(fifo)
    reader = subprocess.Popen([str(MAGCLEAN), "clean", str(fifo)], stdout=subprocess.PIPE, text=True)
    fifo.write_text(ISSUE, encoding="utf-8")
    out, _ = reader.communicate(timeout=60)
    assert reader.returncode == 0 and "中美关系历经波折" in out


def test_closed_stdin_is_one_line() -> None:
    result = subprocess.run(f"exec {MAGCLEAN} clean - <&-", shell=True, capture_output=True, text=True,
                            timeout=60)
    assert "cannot read stdin" in one_error_line(result)


# --- globs in batch -------------------------------------------------------------------------------

def small_tree(tmp_path: Path) -> Path:
    inputs = tmp_path / "in"
    (inputs / "sub").mkdir(parents=True)
    (inputs / "a.txt").write_text(ISSUE, encoding="utf-8")
    (inputs / "sub" / "b.txt").write_text(ISSUE, encoding="utf-8")
    return inputs


def test_symlink_loops_neither_hang_nor_repeat_a_file(tmp_path: Path) -> None:
    """Two loops (and a link to itself) once made ``**`` hang, and one loop converted a file 41
    times into nested directories: now each real file is converted once per run."""
    inputs = small_tree(tmp_path)
    (inputs / "loop1").symlink_to(".")
    (inputs / "sub" / "loop2").symlink_to("..")
    (inputs / "self.txt").symlink_to("self.txt")
    for number, (pattern, expected) in enumerate([
        (f"{inputs}/**/*.txt", ["a.txt", "sub/b.txt"]),
        (str(inputs), ["a.txt", "sub/b.txt"]),
        (f"{inputs}/*/*.txt", ["loop1/a.txt", "sub/b.txt"]),  # in/a.txt is reached only through loop1
    ]):
        out = tmp_path / f"out{number}"
        result = run("batch", pattern, "--to", "txt", "-o", str(out), timeout=60)
        assert result.returncode == 0, result.stderr
        assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.txt")) == expected


def test_a_glob_cannot_write_outside_the_output_directory(tmp_path: Path) -> None:
    work = tmp_path / "work"
    (work / "ab").mkdir(parents=True)
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "x.txt").write_text(ISSUE, encoding="utf-8")
    line = one_error_line(run("batch", "a*/../../outside/*.txt", "--to", "txt", "-o", "out", cwd=work))
    assert "its output would be outside out" in line
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["x.txt"]


# --- crashes that are now one-line errors ---------------------------------------------------------

@pytest.mark.parametrize("codec", ["rot13", "base64", "hex", "zlib", "bz2", "uu", "quopri", "punycode"])
def test_a_non_text_codec_is_refused(codec: str, issue: Path) -> None:
    line = one_error_line(run("clean", str(issue), "--encoding", codec))  # once exit 70
    assert "not a text encoding" in line or f"not valid {codec}" in line


def test_a_non_utf8_file_name_works_everywhere(tmp_path: Path) -> None:
    """A GBK name from a Windows zip: JSON, the report and convert write it as \\xNN."""
    name = os.fsdecode(str(tmp_path).encode() + b"/\xd6\xd0\xce\xc4.txt")
    Path(name).write_text(ISSUE, encoding="utf-8")
    result = run("clean", name, "--format", "json", "-o", str(tmp_path / "o.json"), "--report",
                 str(tmp_path / "o.html"))
    assert result.returncode == 0, result.stderr
    meta = json.loads((tmp_path / "o.json").read_text("utf-8"))["meta"]
    assert meta["source"] == "\\xd6\\xd0\\xce\\xc4.txt"
    assert "\\xd6\\xd0" in (tmp_path / "o.html").read_text("utf-8")
    for fmt in ("epub", "docx"):
        converted = run("convert", name, "--to", fmt, "-o", str(tmp_path / f"o.{fmt}"))
        assert converted.returncode == 0, converted.stderr


def test_output_and_report_in_one_file_is_refused(issue: Path, tmp_path: Path) -> None:
    out = tmp_path / "same"
    line = one_error_line(run("clean", str(issue), "-o", str(out), "--report", f"{tmp_path}/./same"))
    assert "the report would replace the output" in line
    assert not out.exists()


# --- reading --------------------------------------------------------------------------------------

def test_utf16be_without_bom_holding_a_nul_byte_pattern(tmp_path: Path) -> None:
    """四 is U+56DB: its UTF-16LE reading is a lone surrogate, which once skipped the BE check."""
    source = tmp_path / "be.txt"
    source.write_bytes("全球经济四大新趋势。\n".encode("utf-16-be"))
    result = run("clean", str(source))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "全球经济四大新趋势。"


def test_clean_text_reads_as_the_command_does(tmp_path: Path) -> None:
    text = "标题\n\n正\x00文\x00。\n"
    source = tmp_path / "nul.txt"
    source.write_text(text, encoding="utf-8")
    from_cli = run("clean", str(source), "--format", "json")
    assert from_cli.returncode == 0, from_cli.stderr
    from_api = magclean.clean_text(text, name="nul.txt")
    assert json.loads(from_cli.stdout)["articles"] == json.loads(from_api.to_json())["articles"]
    for empty in ("", "\n\n  \n"):
        with pytest.raises(InputError, match="input is empty"):
            magclean.clean_text(empty)


# --- the Python API -------------------------------------------------------------------------------

@pytest.mark.parametrize("call, error", [
    (lambda: magclean.clean(123), TypeError),
    (lambda: magclean.clean(None), TypeError),
    (lambda: magclean.clean_text(b"bytes"), TypeError),
    (lambda: magclean.clean_text(["list"]), TypeError),
    (lambda: magclean.clean_text("正文。", disable=[1]), TypeError),
    (lambda: magclean.clean_text("正文。", disable=7), TypeError),
    (lambda: magclean.clean_text("正文。", profile=3), TypeError),
    (lambda: magclean.clean_text("正文。", disable="no_such_rule"), InputError),
    (lambda: magclean.convert("not a document", "epub", "x.epub"), TypeError),
    (lambda: magclean.convert(magclean.clean_text("正文。"), "epub", 5), TypeError),
    (lambda: magclean.convert(magclean.clean_text("正文。"), "epub", "x.epub", title=5), TypeError),
])
def test_api_wrong_types_are_one_clear_line(call, error) -> None:
    with pytest.raises(error) as raised:
        call()
    message = str(raised.value)
    assert message and "\n" not in message
    assert type(raised.value) in (TypeError, InputError)


def test_api_accepts_a_single_rule_name_for_disable() -> None:
    text = "标题\n\n文/记者 张三\n\n第一段很长的正文，\n\n接着写完了。\n\n返回目录"
    assert magclean.clean_text(text, disable="toc_marker").removed == ()
    one = magclean.clean_text(text, disable="toc_marker")
    assert one == magclean.clean_text(text, disable=["toc_marker"])


# --- the profile fuzz harness ---------------------------------------------------------------------

ATOMS = st.sampled_from(["a", "b", "ab", ".", "\\d", "\\s", "[ab]", "[^a]", "中", "(?:a|b)", "(?:a|aa)",
                         "\\w"])
QUANTIFIERS = st.sampled_from(["", "*", "+", "?", "{2}", "{1,3}", "{0,}", "*?", "{100}", "{1000}"])


@st.composite
def patterns(draw, depth: int = 0) -> str:
    """A random regular expression: atoms, quantifiers, nested groups and alternations."""
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        if depth < 3 and draw(st.booleans()):
            inner = draw(patterns(depth + 1))
            atom = f"({inner}|{draw(patterns(depth + 1))})" if draw(st.booleans()) else f"(?:{inner})"
        else:
            atom = draw(ATOMS)
        parts.append(atom + draw(QUANTIFIERS))
    return draw(st.sampled_from(["", "^"])) + "".join(parts) + draw(st.sampled_from(["", "$"]))


HOSTILE_LINES = ["a" * 60 + "!", "ab" * 30 + "!", "中" * 40 + "。", "1" * 50 + "x", " a" * 30 + "!",
                 "aab" * 20]


@settings(max_examples=60, derandomize=True, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
@given(st.one_of(patterns(), st.text(max_size=20)))
def test_fuzz_profile_patterns_load_or_refuse_and_every_match_is_bounded(pattern: str) -> None:
    """Any pattern: loading refuses it with one line, or cleaning lines built to make it backtrack
    finishes (or stops with one line) within a bound set by the per-match timeout."""
    body = "[patterns]\nfurniture = [" + json.dumps(pattern) + "]\nbylines = [" + json.dumps(pattern) + "]\n"
    try:
        profile = profile_from_toml(body)
    except InputError as error:
        assert "\n" not in str(error)
        return
    text = "标题\n\n" + "\n\n".join(HOSTILE_LINES) + "\n"
    started = time.monotonic()
    try:
        magclean.clean_text(text, profile=profile)
    except InputError as error:
        assert "took over" in str(error) and "\n" not in str(error)
    # every line is matched by two pattern lists a few times each; each match stops at the timeout
    assert time.monotonic() - started < 2 * len(HOSTILE_LINES) * 4 * MATCH_TIMEOUT + 5


# --- memory ---------------------------------------------------------------------------------------

def test_no_line_text_stays_cached_after_an_issue() -> None:
    """The cleaner's caches keyed by line text are emptied when an issue is done: a batch worker
    cleaning one issue after another does not keep every issue's lines alive."""
    from cleaner.text import LINE_CACHES

    for number in range(20):
        magclean.clean_text(ISSUE.replace("张三", f"张{number}"))
    assert LINE_CACHES and sum(cache.cache_info().currsize for cache in LINE_CACHES) == 0


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_batch_with_a_slow_pattern_stops_on_a_signal(sig: int, tmp_path: Path) -> None:
    """Each match of this pattern takes tens of ms, under the timeout: a file takes minutes. The
    batch still stops on Ctrl-C or SIGTERM within its grace period, leaving no partial file."""
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    for number in range(4):
        (inputs / f"{number}.txt").write_text("标题\n\n" + ("ab" * 14 + "!\n\n") * 3000, encoding="utf-8")
    profile = profile_file(tmp_path, f"[patterns]\nfurniture = ['{SLOW_ON_REAL_LINES}']\n")
    command = [str(MAGCLEAN), "batch", str(inputs), "--to", "txt", "-o", str(out), "-j", "2",
               "--profile", str(profile)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(2)
    assert process.poll() is None, "the batch ended before the signal: the test measures nothing"
    signalled = time.monotonic()
    process.send_signal(sig)
    _, stderr = process.communicate(timeout=120)
    assert time.monotonic() - signalled < 20
    assert process.returncode == 130 and "interrupted" in stderr and "Traceback" not in stderr, stderr
    assert not [p for p in out.rglob("*") if p.is_file()]  # nothing finished, nothing partial
