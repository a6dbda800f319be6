"""`magclean convert` and `magclean.convert`: outputs, errors, atomic writes, third-party plugins."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import magclean
from converters import ConverterError
from magclean.cli import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "fixtures" / "converters" / "sample.json"

PLUGIN = '''
from pathlib import Path


class ShoutConverter:
    name = "shout"
    suffix = ".shout"
    description = "every title, one per line (a test plugin)"

    def write(self, document, path, options):
        Path(path).write_text("".join(f"{a.title}!\\n" for a in document.articles), encoding="utf-8")
'''


def run(*args: str) -> subprocess.CompletedProcess:
    """The real command in a fresh process (what a user runs)."""
    return subprocess.run([sys.executable, "-m", "magclean.cli", *args], capture_output=True,
                          text=True, timeout=120, cwd=ROOT)


@pytest.fixture
def sample(tmp_path) -> Path:
    copy = tmp_path / "sample.json"
    copy.write_bytes(SAMPLE.read_bytes())
    return copy


def test_list_shows_every_built_in_converter_with_its_suffix():
    result = CliRunner().invoke(main, ["convert", "--list"])
    assert result.exit_code == 0
    rows = {line.split()[0]: line.split()[1] for line in result.output.splitlines()}
    assert rows == {"docx": ".docx", "epub": ".epub", "json": ".json", "txt": ".txt"}


@pytest.mark.parametrize(("to", "suffix"), [("epub", ".epub"), ("docx", ".docx"), ("json", ".clean.json"),
                                           ("txt", ".clean.txt")])
def test_default_output_is_the_input_stem_plus_suffix_next_to_it(sample, to, suffix):
    result = CliRunner().invoke(main, ["convert", str(sample), "--to", to])
    assert result.exit_code == 0, result.output
    assert sample.with_suffix(suffix).stat().st_size > 0


def test_text_output_in_traditional_with_cjk_quotes(sample, tmp_path):
    out = tmp_path / "sample-tw.txt"
    result = CliRunner().invoke(main, ["convert", str(sample), "--to", "txt", "--script", "s2twp",
                                       "--quotes", "cjk", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "他說：「經過『深改19條』後，門檻和科創板一樣。」" in text
    assert "我國歷史上，製造業回流並不少見" in text


def test_text_input_is_cleaned_on_the_fly(tmp_path):
    source = tmp_path / "issue.txt"
    source.write_text("社评\n\n稳中美就是最好的稳预期\n\n中美关系稳定，对两国和世界都有利。\n",
                      encoding="utf-8")
    result = CliRunner().invoke(main, ["convert", str(source), "--to", "txt"])
    assert result.exit_code == 0, result.output
    assert "中美关系稳定，对两国和世界都有利。" in (tmp_path / "issue.clean.txt").read_text("utf-8")
    assert source.read_text("utf-8").startswith("社评")  # never over the input


def test_user_phrase_file_is_applied(sample, tmp_path):
    phrases = tmp_path / "phrases.txt"
    phrases.write_text("新起点 新起點兒\n", encoding="utf-8")
    out = tmp_path / "out.txt"
    result = CliRunner().invoke(main, ["convert", str(sample), "--to", "txt", "--script", "s2t",
                                       "--phrases", str(phrases), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "中美新起點兒" in out.read_text("utf-8")


@pytest.mark.parametrize(("args", "message"), [
    (["{missing}", "--to", "epub"], "no such file"),
    (["{sample}", "--to", "pdf"], "unknown format: pdf"),
    (["{sample}", "--to", "epub", "--script", "s2x"], "unknown script variant: s2x"),
    (["{sample}", "--to", "epub", "--captions", "some"], "unknown caption policy: some"),
    (["{sample}", "--to", "epub", "--quotes", "fancy"], "unknown quote style: fancy"),
    (["{sample}", "--to", "epub", "-o", "{tmp}/no/such/dir/out.epub"], "output directory does not exist"),
    (["{sample}", "--to", "epub", "--date", "4 Dec 2023", "-o", "{tmp}/out.epub"], "bad date"),
    (["{sample}", "--to", "txt", "--script", "s2t", "--phrases", "{tmp}/none.txt", "-o", "{tmp}/out.txt"],
     "phrase file not found"),
    (["{tmp}/bad.json", "--to", "epub", "-o", "{tmp}/out.epub"], "not a magclean Document"),
    (["{sample}"], "missing --to"),
])
def test_bad_requests_fail_with_one_line_and_no_output(sample, tmp_path, args, message):
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    before = set(tmp_path.rglob("*"))
    values = {"missing": str(tmp_path / "missing.txt"), "sample": str(sample), "tmp": str(tmp_path)}
    result = run("convert", *(a.format(**values) for a in args))
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("magclean: error: ") and message in lines[0], lines
    assert "Traceback" not in result.stderr
    assert set(tmp_path.rglob("*")) == before


def test_an_existing_output_is_replaced_whole_or_left_alone(sample, tmp_path):
    out = tmp_path / "book.epub"
    out.write_bytes(b"old book")
    assert CliRunner().invoke(main, ["convert", str(sample), "--to", "epub", "-o", str(out)]).exit_code == 0
    assert zipfile.is_zipfile(out)
    broken = sample.with_name("broken.json")
    broken.write_text('{"articles": [{"blocks": [{"kind": "paragraph"}]}]}', encoding="utf-8")
    kept = out.read_bytes()
    result = run("convert", str(broken), "--to", "epub", "-o", str(out))
    assert result.returncode != 0 and out.read_bytes() == kept
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_library_api_converts_and_lists(sample_document, tmp_path):
    path = magclean.convert(sample_document, "epub", tmp_path / "s.epub", script="s2tw", captions="keep")
    with zipfile.ZipFile(path) as book:
        chapter = book.read("EPUB/text/article-001.xhtml").decode()
    assert 'lang="zh-Hant"' in chapter and "中美新起點" in chapter and 'class="caption"' in chapter
    assert {(c.name, c.suffix) for c in magclean.list_converters()} >= {("epub", ".epub"), ("docx", ".docx")}
    with pytest.raises(ConverterError, match="unknown format"):
        magclean.convert(sample_document, "pdf", tmp_path / "s.pdf")


@pytest.fixture
def plugin_path(tmp_path) -> Path:
    """A third-party converter, registered only through entry-point metadata on a path entry."""
    site = tmp_path / "site"
    (site / "magclean_shout").mkdir(parents=True)
    (site / "magclean_shout" / "__init__.py").write_text(PLUGIN, encoding="utf-8")
    info = site / "magclean_shout-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: magclean-shout\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(
        "[magclean.converters]\nshout = magclean_shout:ShoutConverter\n"
        "epub = magclean_shout:ShoutConverter\n", encoding="utf-8")  # may not replace the built-in
    return site


def test_a_third_party_converter_is_listed_and_runs(plugin_path, sample):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(plugin_path), os.environ.get("PYTHONPATH", "")])}

    def run_with_plugin(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "magclean.cli", *args], capture_output=True,
                              text=True, timeout=120, env=env, cwd=ROOT)

    listing = run_with_plugin("convert", "--list")
    assert "shout    .shout   every title, one per line (a test plugin)" in listing.stdout
    result = run_with_plugin("convert", str(sample), "--to", "shout")
    assert result.returncode == 0, result.stderr
    assert sample.with_suffix(".shout").read_text("utf-8") == "中美新起点!\n日本制造业过去30年的成果!\n"
    assert "shout" not in run("convert", "--list").stdout  # only where its metadata is installed
    assert "epub     .epub    EPUB 3 e-book" in listing.stdout  # a built-in name stays the built-in
    assert run_with_plugin("convert", str(sample), "--to", "epub").returncode == 0
    assert zipfile.ZipFile(sample.with_suffix(".epub")).read("mimetype") == b"application/epub+zip"


def test_the_built_in_table_is_what_pyproject_registers():
    import tomllib

    from converters import BUILT_IN

    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert project["project"]["entry-points"]["magclean.converters"] == BUILT_IN
