"""Every ``magclean …`` command the README shows runs as written (in a copy of the fixtures).

Lines in code blocks that start with ``magclean `` are commands; a synopsis (``INPUT``, ``[-o
OUTPUT]``, ``a|b``) and a command that needs a cluster (``tcp://``) are not run, every other one
is, in README order, in one scratch directory that holds what the README's examples name:
``fixtures/`` (a copy), ``issue.txt``, ``issue.json`` and an ``archive/`` of issues.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
CITY = ROOT / "fixtures" / "chengshi" / "chengshi_2024_12.txt"
BIN = Path(sys.executable).parent
SYNOPSIS = re.compile(r"\b(INPUT|OUTPUT|DIR|FILE|ENC|RULE|TEXT|FORMAT)\b|\[[^\]]*\]|\w\|\w|…")


def code_lines(markdown: str) -> list[str]:
    """Lines inside fenced (```) or indented (four spaces) code blocks."""
    lines, fenced, previous_blank = [], False, True
    for line in markdown.splitlines():
        if line.startswith("```"):
            fenced = not fenced
            continue
        if fenced or (line.startswith("    ") and (previous_blank or lines)):
            lines.append(line.strip())
        previous_blank = not line.strip()
    return lines


def readme_commands() -> list[str]:
    """The README's runnable commands, in order."""
    commands = [line for line in code_lines(README.read_text("utf-8")) if line.startswith("magclean ")]
    return [c for c in commands if not SYNOPSIS.search(c.split("#")[0]) and "tcp://" not in c]


def test_the_readme_shows_the_commands_it_documents() -> None:
    commands = readme_commands()
    assert len(commands) >= 12
    for expected in ("magclean convert fixtures/000_b75e2609f1de16f2.txt --to epub",
                     "magclean clean issue.txt -o issue.clean.txt --report issue.html",
                     "magclean batch archive/ --to epub -o out/", "magclean golden check fixtures/chengshi"):
        assert any(c.startswith(expected) for c in commands), expected


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A working directory with everything the README's examples name."""
    where = tmp_path_factory.mktemp("readme")
    shutil.copytree(ROOT / "fixtures", where / "fixtures")
    shutil.copy(CITY, where / "issue.txt")
    for name in ("2023/12.txt", "2024/03.txt", "2024/04.txt"):
        (where / "archive" / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(CITY, where / "archive" / name)
    make_pdfs(where)
    return where


def make_pdfs(where: Path) -> None:
    """The PDFs the README's "From the PDF" examples name: a three-page issue and a locked copy."""
    import pypdf
    from pdfs import magazine_html, render

    document, _ = magazine_html(seed=3, columns=2, paragraphs=30)
    render(document, where / "issue.pdf")
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(where / "issue.pdf"))
    writer.encrypt("SECRET", algorithm="AES-128")
    writer.write(where / "locked.pdf")


@pytest.mark.parametrize("command", readme_commands())
def test_a_readme_command_runs_as_written(command: str, scratch: Path) -> None:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(["bash", "-c", command], cwd=scratch, env=env, capture_output=True, text=True,
                            timeout=600, check=False)
    assert result.returncode == 0, f"{command}\n{result.stderr[-2000:]}"
    assert "Traceback" not in result.stderr


def test_every_epub_the_readme_commands_wrote_passes_epubcheck(scratch: Path) -> None:
    """Runs after the commands above (file order): their books are EPUBCheck-clean."""
    from convert.conftest import run_epubcheck

    books = sorted(p for p in scratch.rglob("*.epub") if p.is_file())  # golden/sample.epub is a folder
    assert len(books) >= 4
    for book, result in run_epubcheck(books).items():
        report = result.stdout + result.stderr
        assert "0 fatals / 0 errors / 0 warnings" in report, (book, report[-1500:])
