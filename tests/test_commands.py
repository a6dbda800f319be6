"""The commands as a user types them: no data loss, one set of options, honest exit codes.

Every test runs the installed ``magclean`` in a fresh process, in a directory of its own.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from magclean.options import SHARED_NAMES

ROOT = Path(__file__).resolve().parents[1]
CITY = ROOT / "fixtures" / "chengshi" / "chengshi_2024_12.txt"
MAGCLEAN = Path(sys.executable).with_name("magclean")


def magclean(
    *args: object, cwd: Path | None = None, env: dict[str, str] | None = None, **kwargs: object
) -> subprocess.CompletedProcess:
    """Run the installed command (what a user types)."""
    return subprocess.run(
        [str(MAGCLEAN), *map(str, args)],
        capture_output=True,
        timeout=300,
        cwd=cwd,
        env=env,
        check=False,
        **kwargs,
    )


def text_run(*args: object, cwd: Path | None = None, env: dict[str, str] | None = None):
    return magclean(*args, cwd=cwd, env=env, text=True)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_epubcheck_passes(book: Path) -> None:
    """EPUBCheck: no fatal error, no error, no warning (as the converter tests require)."""
    from convert.conftest import run_epubcheck

    result = run_epubcheck([book])[book]
    assert "0 fatals / 0 errors / 0 warnings" in result.stdout + result.stderr, result.stdout[-2000:]


@pytest.fixture
def issue(tmp_path: Path) -> Path:
    """The small fixture issue, alone in a directory (the user's working directory)."""
    path = tmp_path / "issue.txt"
    shutil.copy(CITY, path)
    return path


# --- no data loss ---------------------------------------------------------------------------


def test_converting_a_cleaned_json_never_replaces_the_raw_text(issue: Path) -> None:
    """The issue's own sequence: clean to JSON, convert the JSON to txt; the raw text survives."""
    raw = digest(issue)
    assert (
        text_run("clean", "issue.txt", "--format", "json", "-o", "issue.json", cwd=issue.parent).returncode
        == 0
    )
    result = text_run("convert", "issue.json", "--to", "txt", cwd=issue.parent)
    assert result.returncode == 0, result.stderr
    assert digest(issue) == raw
    assert (issue.parent / "issue.clean.txt").read_text("utf-8").startswith("封面故事")


def test_a_reviewed_document_json_is_never_replaced_by_a_default_name(issue: Path) -> None:
    reviewed = issue.with_suffix(".json")
    reviewed.write_text('{"meta": {}, "articles": [], "removed": []}\n', encoding="utf-8")  # the editor's
    result = text_run("convert", "issue.txt", "--to", "json", cwd=issue.parent)
    assert result.returncode == 0, result.stderr
    assert reviewed.read_text("utf-8") == '{"meta": {}, "articles": [], "removed": []}\n'
    assert (issue.parent / "issue.clean.json").stat().st_size > 1000


@pytest.mark.parametrize("fmt", ["epub", "docx"])
def test_a_default_output_name_that_is_someone_elses_file_is_refused(issue: Path, fmt: str) -> None:
    """A file magclean did not write is never replaced under a default name: one line, exit 1."""
    theirs = issue.with_suffix(f".{fmt}")
    theirs.write_bytes(b"the editor's own file\n")
    result = text_run("convert", "issue.txt", "--to", fmt, cwd=issue.parent)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"magclean: error: issue.{fmt} exists and magclean did not "
        "write it; name the output with -o to replace it"
    ]
    assert theirs.read_bytes() == b"the editor's own file\n"
    named = text_run("convert", "issue.txt", "--to", fmt, "-o", f"issue.{fmt}", cwd=issue.parent)
    assert (
        named.returncode == 0 and theirs.read_bytes() != b"the editor's own file\n"
    )  # -o: theirs to replace


@pytest.mark.parametrize("fmt", ["epub", "docx", "json", "txt"])
def test_running_the_same_convert_again_replaces_its_own_output(issue: Path, fmt: str) -> None:
    first = text_run("convert", "issue.txt", "--to", fmt, cwd=issue.parent)
    assert first.returncode == 0, first.stderr
    again = text_run("convert", "issue.txt", "--to", fmt, cwd=issue.parent)
    assert again.returncode == 0, again.stderr
    assert again.stderr == ""


@pytest.mark.parametrize("fmt", ["txt", "json", "epub", "docx"])
def test_dash_output_is_stdout_for_every_format(issue: Path, fmt: str) -> None:
    """``-o -`` writes the whole file to stdout, as pandoc does, and no file named '-'."""
    result = magclean("convert", "issue.txt", "--to", fmt, "-o", "-", cwd=issue.parent)
    assert result.returncode == 0, result.stderr
    assert not (issue.parent / "-").exists()
    assert sorted(p.name for p in issue.parent.iterdir()) == ["issue.txt"]
    staged = issue.parent / f"copy.{fmt}"
    staged.write_bytes(result.stdout)
    if fmt in ("epub", "docx"):
        assert zipfile.is_zipfile(staged)
        if fmt == "epub":
            assert_epubcheck_passes(staged)
    else:
        assert "老街的第二次生命" in result.stdout.decode("utf-8")
    clean = magclean("clean", "issue.txt", "-o", "-", cwd=issue.parent)
    assert clean.returncode == 0 and "老街的第二次生命" in clean.stdout.decode("utf-8")


# --- one set of options ---------------------------------------------------------------------


@pytest.mark.parametrize("command", ["clean", "convert", "batch"])
def test_every_shared_option_exists_on_every_command(command: str) -> None:
    help_text = text_run(command, "--help").stdout
    for name in SHARED_NAMES:
        assert f"--{name.replace('_', '-')}" in help_text, (command, name)


@pytest.mark.parametrize("switch", ["--enable", "--disable"])
@pytest.mark.parametrize(
    "command", [["clean"], ["convert", "--to", "txt", "-o", "o.txt"], ["batch", "--to", "txt", "-o", "out"]]
)
def test_an_unknown_rule_is_refused_on_every_switch_and_command(
    issue: Path, switch: str, command: list[str]
) -> None:
    args = [command[0], "issue.txt", *command[1:], switch, "nosuch"]
    result = text_run(*args, cwd=issue.parent)
    assert result.returncode == 2
    assert result.stderr.splitlines() == ["magclean: error: unknown rule: nosuch (see `magclean rules`)"]
    assert sorted(p.name for p in issue.parent.iterdir()) == ["issue.txt"]


@pytest.mark.parametrize(
    ("args", "warning"),
    [
        (
            ["convert", "issue.txt", "--to", "docx", "--vertical"],
            "--vertical applies to EPUB only; ignored for docx",
        ),
        (
            ["convert", "issue.txt", "--to", "txt", "--vertical"],
            "--vertical applies to EPUB only; ignored for txt",
        ),
        (["clean", "issue.txt", "--vertical"], "--vertical applies to EPUB only; ignored for txt"),
        (
            ["convert", "issue.json", "--to", "epub", "--profile", "x.toml"],
            "--profile is ignored: a .json Document was cleaned already",
        ),
        (
            ["convert", "issue.json", "--to", "epub", "--encoding", "gb18030"],
            "--encoding is ignored: a .json Document was cleaned already",
        ),
        (
            ["convert", "issue.txt", "--to", "txt", "--phrases", "p.txt"],
            "--phrases is ignored without --script (the overrides act on the conversion)",
        ),
        (
            ["convert", "issue.txt", "--to", "txt", "--date", "2024-03-01"],
            "--date applies to DOCX and EPUB; ignored for txt",
        ),
        (
            ["batch", "issue.txt", "--to", "docx", "-o", "out", "--vertical"],
            "--vertical applies to EPUB only; ignored for docx",
        ),
    ],
)
def test_an_option_that_cannot_apply_is_named_in_one_warning(
    issue: Path, args: list[str], warning: str
) -> None:
    (issue.parent / "issue.json").write_text(
        text_run("clean", "issue.txt", "--format", "json", cwd=issue.parent).stdout, encoding="utf-8"
    )
    (issue.parent / "p.txt").write_text("老街 老街\n", encoding="utf-8")
    result = text_run(
        *args,
        "-o" if args[0] == "convert" else "--captions",
        "o.out" if args[0] == "convert" else "drop",
        cwd=issue.parent,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [f"magclean: warning: {warning}"]
    quiet = text_run(
        "--quiet",
        *args,
        "-o" if args[0] == "convert" else "--captions",
        "o2.out" if args[0] == "convert" else "drop",
        cwd=issue.parent,
    )
    assert quiet.returncode == 0 and quiet.stderr == ""


def test_clean_reads_a_json_document_as_convert_does(issue: Path) -> None:
    as_json = text_run("clean", "issue.txt", "--format", "json", "-o", "issue.json", cwd=issue.parent)
    assert as_json.returncode == 0
    from_text = text_run("clean", "issue.txt", cwd=issue.parent).stdout
    from_json = text_run("clean", "issue.json", cwd=issue.parent)
    assert from_json.returncode == 0, from_json.stderr
    assert from_json.stdout == from_text
    traditional = text_run("clean", "issue.json", "--script", "s2tw", cwd=issue.parent).stdout
    assert "老街的第二次生命" in traditional  # unchanged characters …
    assert "條街道" in traditional  # … and converted ones


def test_title_and_issue_come_from_the_profile_and_running_heads(issue: Path) -> None:
    profile = ROOT / "cleaner" / "profiles" / "chengshi.toml"
    result = text_run(
        "convert", "issue.txt", "--to", "json", "-o", "-", "--profile", profile, cwd=issue.parent
    )
    assert '"title": "城市周刊"' in result.stdout and '"issue": "2024年3月 第12期"' in result.stdout
    plain = text_run("convert", "issue.txt", "--to", "json", "-o", "-", cwd=issue.parent)
    assert (
        '"title"' not in plain.stdout.split('"articles"')[0]
    )  # the built-in 《财经》 profile does not title another magazine
    forced = text_run(
        "convert",
        "issue.txt",
        "--to",
        "json",
        "-o",
        "-",
        "--title",
        "城市",
        "--issue",
        "第1期",
        cwd=issue.parent,
    )
    assert '"title": "城市"' in forced.stdout and '"issue": "第1期"' in forced.stdout


# --- exit codes and the group ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["convert", "issue.txt"], "missing --to FORMAT"),
        (["batch", "issue.txt", "-o", "out"], "Missing option '--to'"),
        (["convert", "issue.txt", "--to", "pdf"], "unknown format: pdf"),
        (["batch", "issue.txt", "--to", "pdf", "-o", "out"], "unknown format: pdf"),
        (["clean", "issue.txt", "--script", "s2x"], "unknown script variant: s2x"),
        (
            ["batch", "issue.txt", "--to", "txt", "-o", "out", "--script", "s2x"],
            "unknown script variant: s2x",
        ),
        (["convert", "issue.txt", "--to", "epub", "--date", "tomorrow"], "bad date: tomorrow"),
        (["clean", "issue.txt", "--lang", "fr"], "unknown language: fr"),
        (["batch", "issue.txt", "--to", "txt", "-o", "-"], "-o must be a directory"),
    ],
)
def test_a_usage_error_exits_2_whoever_finds_it(issue: Path, args: list[str], message: str) -> None:
    result = text_run(*args, cwd=issue.parent)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in issue.parent.iterdir()) == ["issue.txt"]


def test_version_and_its_short_form() -> None:
    from importlib.metadata import version

    for flag in ("--version", "-V"):
        result = text_run(flag)
        assert result.returncode == 0 and result.stdout == f"magclean, version {version('magclean')}\n"


def test_top_level_help_shows_each_commands_summary_whole() -> None:
    help_text = " ".join(text_run("--help").stdout.split())
    assert "Convert every issue in INPUT_DIR_OR_GLOB... to FORMAT under OUT_DIR, in parallel." in help_text
    assert "Clean INPUT (extracted text, or a Document as .json) and write it in another format." in help_text
    assert "..." not in help_text.replace("INPUT_DIR_OR_GLOB...", "").replace("[ARGS]...", "")
    assert "_MAGCLEAN_COMPLETE=bash_source magclean" in help_text


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_shell_completion_as_documented(shell: str) -> None:
    result = text_run(env={**os.environ, "_MAGCLEAN_COMPLETE": f"{shell}_source"})
    assert result.returncode == 0 and "_MAGCLEAN_COMPLETE" in result.stdout
    complete = text_run(
        env={
            **os.environ,
            "_MAGCLEAN_COMPLETE": "bash_complete",
            "COMP_WORDS": "magclean con",
            "COMP_CWORD": "1",
        }
    )
    assert "convert" in complete.stdout


# --- batch -----------------------------------------------------------------------------------


def test_batch_error_lines_name_the_file_once(tmp_path: Path) -> None:
    archive = tmp_path / "arch" / "2024"
    archive.mkdir(parents=True)
    shutil.copy(CITY, archive / "good.txt")
    (archive / "binary.txt").write_bytes(bytes(range(256)) * 20)
    result = text_run("batch", tmp_path / "arch", "--to", "txt", "-o", tmp_path / "out", "-j", "1")
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("magclean: error:")]
    assert len(errors) == 1 and errors[0].count("binary.txt") == 1, errors
    assert errors[0].startswith(f"magclean: error: {archive / 'binary.txt'}: ")


def test_batch_output_equal_to_the_input_directory_says_so(tmp_path: Path) -> None:
    shutil.copy(CITY, tmp_path / "city.txt")
    result = text_run("batch", tmp_path, "--to", "epub", "-o", tmp_path)
    assert result.returncode == 1
    assert "the output directory is the input directory" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["city.txt"]


def test_batch_takes_the_options_clean_and_convert_take(tmp_path: Path) -> None:
    shutil.copy(CITY, tmp_path / "city.txt")
    out = tmp_path / "out"
    result = text_run(
        "batch",
        tmp_path / "city.txt",
        "--to",
        "json",
        "-o",
        out,
        "--title",
        "城市周刊",
        "--issue",
        "第12期",
        "--script",
        "s2tw",
        "--quotes",
        "cjk",
        "--lang",
        "zh-Hant",
        "--encoding",
        "utf-8",
        "--strict",
        "--quiet",
    )
    assert result.returncode in (0, 3), result.stderr
    document = (out / "city.json").read_text("utf-8")
    assert '"title": "城市週刊"' in document and '"issue": "第12期"' in document
    assert '"language": "zh-Hant"' in document and "條街道" in document
    assert result.stdout == ""  # --quiet: no summary table


# --- plugins ---------------------------------------------------------------------------------

RAISING_PLUGIN = """
class RaisingConverter:
    name = "raising"
    suffix = ".raise"
    description = "always fails (a test plugin)"

    def write(self, document, path, options):
        raise RuntimeError("the template is missing")
"""


def test_a_plugin_that_raises_is_reported_as_the_plugins_error(issue: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "magclean_raising").mkdir(parents=True)
    (site / "magclean_raising" / "__init__.py").write_text(RAISING_PLUGIN, encoding="utf-8")
    info = site / "magclean_raising-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: magclean-raising\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(
        "[magclean.converters]\nraising = magclean_raising:RaisingConverter\n"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    result = text_run("convert", "issue.txt", "--to", "raising", "-o", "out.raise", cwd=issue.parent, env=env)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "magclean: error: converter raising failed: RuntimeError: the template is missing"
    ]
    assert sorted(p.name for p in issue.parent.iterdir()) == ["issue.txt", "site"]
    batch = text_run("batch", "issue.txt", "--to", "raising", "-o", "out", cwd=issue.parent, env=env)
    assert batch.returncode == 1
    assert "converter raising failed: RuntimeError: the template is missing" in batch.stderr


# --- languages -------------------------------------------------------------------------------


@pytest.fixture
def traditional_big5(tmp_path: Path) -> Path:
    """The small fixture in Traditional characters, encoded in Big5 (as a Taiwanese extractor writes)."""
    import opencc

    text = opencc.OpenCC("s2tw").convert(CITY.read_text("utf-8"))
    path = tmp_path / "big5.txt"
    path.write_bytes(text.encode("big5", errors="replace"))
    return path


def test_a_traditional_input_is_tagged_zh_hant_with_the_traditional_fonts(traditional_big5: Path) -> None:
    folder = traditional_big5.parent
    document = text_run("clean", "big5.txt", "--format", "json", cwd=folder).stdout
    assert '"encoding": "big5"' in document and '"language": "zh-Hant"' in document
    assert text_run("convert", "big5.txt", "--to", "epub", cwd=folder).returncode == 0
    with zipfile.ZipFile(folder / "big5.epub") as book:
        chapter = book.read("EPUB/text/article-001.xhtml").decode()
        opf = book.read("EPUB/content.opf").decode()
    assert 'lang="zh-Hant" xml:lang="zh-Hant"' in chapter and "<dc:language>zh-Hant</dc:language>" in opf
    assert_epubcheck_passes(folder / "big5.epub")
    assert text_run("convert", "big5.txt", "--to", "docx", cwd=folder).returncode == 0
    with zipfile.ZipFile(folder / "big5.docx") as package:
        styles = package.read("word/styles.xml").decode()
    assert 'w:eastAsia="Noto Serif CJK TC"' in styles and 'w:eastAsia="zh-TW"' in styles
    assert "Noto Serif CJK SC" not in styles


def test_utf8_traditional_text_is_zh_hant_and_lang_forces_the_tag(tmp_path: Path) -> None:
    import opencc

    (tmp_path / "tw.txt").write_text(opencc.OpenCC("s2t").convert(CITY.read_text("utf-8")), encoding="utf-8")
    assert '"language": "zh-Hant"' in text_run("clean", "tw.txt", "--format", "json", cwd=tmp_path).stdout
    forced = text_run("clean", "tw.txt", "--format", "json", "--lang", "zh-Hans", cwd=tmp_path).stdout
    assert '"language": "zh-Hans"' in forced
    shutil.copy(CITY, tmp_path / "cn.txt")
    assert '"language": "zh-Hans"' in text_run("clean", "cn.txt", "--format", "json", cwd=tmp_path).stdout
