"""Wrong usage and hostile output paths: clear errors, the input untouched, no partial output.

We run as root in CI, so permissions do not stop a write: an unwritable place is a path under a
regular file, /proc, a device, or a full tmpfs mounted for the test.
"""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

MAGCLEAN = Path(sys.executable).with_name("magclean")
WRAPPED = ["中美关系历经波折止跌回稳，来到一个令世人振奋的新", "起点。"] * 3
ISSUE = "标题\n\n文/本刊记者 张三\n\n" + "\n\n".join(WRAPPED) + "\n"
# A byline that ends in a colon crashed the cleaner (found by fuzzing; tests/test_fuzz.py).
CRASHING_ISSUE = "标题\n\n文/《财经》记者 金焱注：\n\n正文。\n"


def magclean(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed ``magclean`` command."""
    assert MAGCLEAN.exists(), f"{MAGCLEAN} missing: install the package (scripts/test.sh)"
    return subprocess.run([str(MAGCLEAN), *args], capture_output=True, text=True, timeout=300, check=False,
                          env=env)


def one_error_line(result: subprocess.CompletedProcess[str], code: int = 1) -> str:
    """The single ``magclean: error:`` line of a failed run (no traceback, nothing on stdout)."""
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def digest(path: Path) -> str:
    """The file's hash, to prove it was not touched."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def issue(tmp_path: Path) -> Path:
    """A small input file in a directory of its own."""
    path = tmp_path / "issue.txt"
    path.write_text(ISSUE, encoding="utf-8")
    return path


def test_unknown_format_for_clean(issue: Path) -> None:
    """click's usage error (exit 2) names the bad value and the choices; no traceback."""
    result = magclean("clean", str(issue), "--format", "xml")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "'xml' is not one of 'text', 'json'" in result.stderr


def test_unknown_format_for_convert(issue: Path) -> None:
    """An unregistered converter is one line listing the known ones; nothing written."""
    out = issue.with_name("out.xml")
    line = one_error_line(magclean("convert", str(issue), "--to", "xml", "-o", str(out)), code=2)
    assert "unknown format: xml (known:" in line
    assert sorted(p.name for p in issue.parent.iterdir()) == ["issue.txt"]


def test_unknown_script(issue: Path) -> None:
    """An unknown script variant is one line listing the known ones; nothing written."""
    out = issue.with_name("out.txt")
    line = one_error_line(magclean("convert", str(issue), "--to", "txt", "--script", "s2xx", "-o", str(out)),
                          code=2)
    assert "unknown script variant: s2xx" in line
    assert sorted(p.name for p in issue.parent.iterdir()) == ["issue.txt"]


def test_unknown_rule(issue: Path) -> None:
    """``--disable`` with a rule the cleaner does not have."""
    assert "unknown rule: no_such_rule" in one_error_line(magclean("clean", str(issue), "--disable",
                                                                   "no_such_rule"), code=2)


def test_unknown_encoding(issue: Path) -> None:
    """``--encoding`` with a codec Python does not know."""
    line = one_error_line(magclean("clean", str(issue), "--encoding", "klingon"))
    assert "unknown encoding: klingon" in line


def test_missing_input(tmp_path: Path) -> None:
    """A path that does not exist, and a directory given as INPUT."""
    assert "no such file" in one_error_line(magclean("clean", str(tmp_path / "nothing.txt")))
    assert "is a directory" in one_error_line(magclean("clean", str(tmp_path)))


@pytest.mark.parametrize("command", [["clean"], ["convert", "--to", "txt"], ["convert", "--to", "epub"]])
@pytest.mark.parametrize("where", ["missing_dir/out", "issue.txt/out", "/proc/magclean-out"])
def test_output_in_unwritable_place(command: list[str], where: str, issue: Path) -> None:
    """A missing directory, a path under a regular file, /proc: one line, input untouched, nothing left."""
    before = digest(issue)
    target = where if where.startswith("/") else str(issue.parent / where)
    line = one_error_line(magclean(*command[:1], str(issue), *command[1:], "-o", target))
    assert target in line
    assert digest(issue) == before
    assert sorted(p.name for p in issue.parent.iterdir()) == ["issue.txt"]
    assert not Path("/proc/magclean-out").exists()


@pytest.mark.parametrize("command", [["clean"], ["convert", "--to", "txt"]])
def test_output_equal_to_input(command: list[str], issue: Path) -> None:
    """The same path, spelled differently or through a symlink: refused, input untouched."""
    before = digest(issue)
    link = issue.with_name("link.txt")
    link.symlink_to(issue)
    for target in (str(issue), str(issue.parent / "." / "issue.txt"), str(link)):
        line = one_error_line(magclean(*command[:1], str(issue), *command[1:], "-o", target))
        assert "output would overwrite the input" in line
    assert digest(issue) == before
    assert sorted(p.name for p in issue.parent.iterdir()) == ["issue.txt", "link.txt"]


def test_output_is_a_directory(issue: Path) -> None:
    """A directory as OUTPUT: one line, no temporary file left in it."""
    out = issue.parent / "outdir"
    out.mkdir()
    assert "Is a directory" in one_error_line(magclean("clean", str(issue), "-o", str(out)))
    assert list(out.iterdir()) == []
    assert sorted(p.name for p in issue.parent.iterdir()) == ["issue.txt", "outdir"]


def test_clean_to_dev_full(issue: Path) -> None:
    """Disk full on a device: one line, exit 1, and /dev/full is still the device (not replaced)."""
    line = one_error_line(magclean("clean", str(issue), "-o", "/dev/full"))
    assert "No space left on device" in line
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_clean_to_dev_null(issue: Path) -> None:
    """A device that accepts the output is written to in place, not replaced by a file."""
    result = magclean("clean", str(issue), "-o", "/dev/null")
    assert result.returncode == 0, result.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_convert_refuses_a_device(issue: Path, tmp_path: Path) -> None:
    """convert renames a finished file into place; over a device it refuses (found: it replaced it)."""
    device = tmp_path / "full"
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 7))  # a private /dev/full: we may break it
    line = one_error_line(magclean("convert", str(issue), "--to", "txt", "-o", str(device)))
    assert "not a regular file" in line
    assert stat.S_ISCHR(os.stat(device).st_mode)


def test_clean_stdout_disk_full(issue: Path) -> None:
    """stdout on a full disk (``> /dev/full``): one line, exit 1."""
    with open("/dev/full", "wb") as full:
        result = subprocess.run([str(MAGCLEAN), "clean", str(issue)], stdout=full, stderr=subprocess.PIPE,
                                 text=True, timeout=120, check=False)
    assert result.returncode == 1
    assert result.stderr.splitlines() == ["magclean: error: cannot write to stdout (No space left on device)"]


@pytest.fixture
def full_disk(tmp_path: Path):
    """A 64 KiB tmpfs: a real file system that fills up (we are root, as in CI)."""
    mount_point = tmp_path / "small"
    mount_point.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount_point)], check=True)
    yield mount_point
    subprocess.run(["umount", str(mount_point)], check=True)


@pytest.mark.parametrize("command", [["clean"], ["convert", "--to", "epub"]])
def test_output_on_full_disk(command: list[str], full_disk: Path) -> None:
    """The seed does not fit in 64 KiB: one line, no partial or temporary file left behind."""
    seed = Path(__file__).parent.parent / "fixtures" / "000_b75e2609f1de16f2.txt"
    line = one_error_line(magclean(*command[:1], str(seed), *command[1:], "-o", str(full_disk / "out")))
    assert "No space left on device" in line
    assert list(full_disk.iterdir()) == []


def test_existing_output_survives_a_failed_write(issue: Path, full_disk: Path) -> None:
    """An earlier output is left as it was when the new one cannot be written."""
    seed = Path(__file__).parent.parent / "fixtures" / "000_b75e2609f1de16f2.txt"
    out = full_disk / "out.txt"
    out.write_text("earlier output\n", encoding="utf-8")
    one_error_line(magclean("clean", str(seed), "-o", str(out)))
    assert out.read_text(encoding="utf-8") == "earlier output\n"
    assert [p.name for p in full_disk.iterdir()] == ["out.txt"]


def test_a_bug_is_one_line(tmp_path: Path) -> None:
    """An unexpected exception is one line and exit 70, no traceback and no output file."""
    source, out = tmp_path / "in.txt", tmp_path / "out.txt"
    source.write_text(CRASHING_ISSUE, encoding="utf-8")
    result = magclean("clean", str(source), "-o", str(out))
    if result.returncode == 0:  # the crash is fixed: then it must convert cleanly
        assert out.exists()
        return
    assert result.returncode == 70
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("magclean: internal error: ")
    assert len(result.stderr.splitlines()) == 1
    assert not out.exists()


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    """MAGCLEAN_DEBUG=1 lets the traceback through, for the developer who fixes the bug."""
    source = tmp_path / "in.txt"
    source.write_text(CRASHING_ISSUE, encoding="utf-8")
    result = magclean("clean", str(source), env={**os.environ, "MAGCLEAN_DEBUG": "1"})
    assert result.returncode == 0 or "Traceback" in result.stderr


@pytest.mark.parametrize("command", [["clean"], ["convert", "--to", "txt"]])
def test_strict_exits_3_and_lists_weak_decisions(command: list[str], tmp_path: Path) -> None:
    """``--strict`` on the seed: exit 3, one ``line N-M: kind: …`` per weak decision, output written."""
    import magclean as library

    seed = Path(__file__).parent.parent / "fixtures" / "000_b75e2609f1de16f2.txt"
    expected = sum(d.weak for d in library.clean(seed).decisions)
    out = tmp_path / "out.txt"
    result = magclean(*command[:1], str(seed), *command[1:], "--strict", "-o", str(out))
    assert result.returncode == (3 if expected else 0), result.stderr
    lines = result.stderr.splitlines()
    weak = [line for line in lines if line.startswith("magclean: weak: line ")]
    assert len(weak) == expected == len(lines) - bool(expected)
    if expected:
        assert lines[-1] == f"magclean: strict: {expected} decisions on weak evidence"
    assert all(": margin_" in line or ": page_" in line or ": unknown_" in line for line in weak)
    assert out.stat().st_size > 100_000


def test_strict_passes_when_nothing_is_weak(issue: Path) -> None:
    """No weak decision: exit 0 and nothing on stderr."""
    result = magclean("clean", str(issue), "--strict")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "中美关系历经波折" in result.stdout


def test_strict_needs_text_input_for_convert(issue: Path, tmp_path: Path) -> None:
    """A .json Document carries no decisions, so convert --strict refuses it rather than pass silently."""
    document = tmp_path / "doc.json"
    assert magclean("clean", str(issue), "--format", "json", "-o", str(document)).returncode == 0
    line = one_error_line(magclean("convert", str(document), "--to", "txt", "--strict",
                                   "-o", str(tmp_path / "o.txt")), code=2)
    assert "--strict needs the extracted text" in line


def test_write_atomically_refuses_what_is_not_a_regular_file(tmp_path):
    """From Python too, not only through the CLI: a directory or a device is never replaced."""
    import os

    import pytest

    from converters import ConverterError, write_atomically

    with pytest.raises(ConverterError, match="Is a directory"):
        write_atomically(tmp_path, lambda tmp: tmp.write_bytes(b"x"))
    device = tmp_path / "null"
    os.mknod(device, 0o666 | 0o020000, os.makedev(1, 3))  # a character device, as /dev/null
    with pytest.raises(ConverterError, match="not a regular file"):
        write_atomically(device, lambda tmp: tmp.write_bytes(b"x"))
    assert not device.is_file() and sorted(p.name for p in tmp_path.iterdir()) == ["null"]
