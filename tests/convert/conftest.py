"""Shared fixtures of the converter tests: the seed cleaned once, the sample, EPUBCheck, LibreOffice."""

from __future__ import annotations

import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from cleaner import clean, read_source
from cleaner.document import Document

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "fixtures" / "000_b75e2609f1de16f2.txt"
SAMPLE = ROOT / "fixtures" / "converters" / "sample.json"
GOLDEN = ROOT / "fixtures" / "converters" / "golden"
UPDATE_GOLDEN = os.environ.get("MAGCLEAN_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="session")
def seed_document() -> Document:
    """The seed issue, cleaned once per test session."""
    return clean(read_source(SEED))


@pytest.fixture(scope="session")
def sample_document() -> Document:
    """The hand-written, reviewed sample: two articles covering every block kind."""
    return Document.from_json(SAMPLE.read_text(encoding="utf-8"))


def epubcheck_command() -> list[str]:
    """How to run EPUBCheck here; Debian installs it as a bare jar that needs ``java -jar``.

    No EPUBCheck is a failure, not a skip: scripts/test.sh installs it.
    """
    found = shutil.which("epubcheck")
    assert found, "epubcheck is not installed (apt-get install epubcheck; scripts/test.sh does it)"
    real = os.path.realpath(found)
    if real.endswith(".jar"):
        # C1 only: EPUBCheck is a short run, this halves its start-up
        return ["java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", real]
    return [found]


def run_epubcheck(paths: list[Path]) -> dict[Path, subprocess.CompletedProcess]:
    """EPUBCheck on several books at once (one JVM each, in parallel)."""
    command = epubcheck_command()

    def check(path: Path) -> subprocess.CompletedProcess:
        return subprocess.run([*command, str(path)], capture_output=True, text=True, timeout=300)

    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        return dict(zip(paths, pool.map(check, paths), strict=True))


def run_epubcheck_many(paths: list[Path]) -> dict[Path, str]:
    """EPUBCheck on many books in one JVM (tests/convert/ManyEpubs.java): each book's report.

    One JVM start costs seconds; a fuzz run checks dozens of books.
    """
    if not paths:
        return {}
    command = epubcheck_command()
    jar = command[-1] if command[-1].endswith(".jar") else os.path.realpath(shutil.which("epubcheck") or "")
    assert jar.endswith(".jar"), f"cannot find EPUBCheck's jar to batch books ({jar})"
    launcher = Path(__file__).with_name("ManyEpubs.java")
    result = subprocess.run(["java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", jar, str(launcher),
                             *map(str, paths)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            timeout=600)
    reports: dict[Path, str] = {}
    current: Path | None = None
    for line in result.stdout.splitlines():
        if line.startswith("== ") and not line.startswith("== exit "):
            current = Path(line[3:])
            reports[current] = ""
        elif current is not None:
            reports[current] += line + "\n"
    assert set(reports) == set(paths), result.stdout[-3000:]
    return reports


def soffice_to_pdf(docx: Path, out_dir: Path) -> Path:
    """Convert with LibreOffice headless, in a private profile (works as root, in parallel)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is not installed (apt-get install libreoffice-writer-nogui)"
    profile = out_dir / "lo-profile"
    env = {**os.environ, "HOME": str(out_dir)}
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out_dir), str(docx)],
                   capture_output=True, text=True, timeout=300, env=env, check=False)
    return out_dir / (docx.stem + ".pdf")


def check_golden(name: str, actual: str) -> None:
    """Compare with the reviewed file ``fixtures/converters/golden/<name>``.

    ``MAGCLEAN_UPDATE_GOLDEN=1 pytest tests/convert`` rewrites the files; review them with
    ``git diff`` before committing.
    """
    path = GOLDEN / name
    if UPDATE_GOLDEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"no golden file {path}; run with MAGCLEAN_UPDATE_GOLDEN=1 and review"
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from its reviewed golden file"


@pytest.fixture(scope="session")
def golden():
    """:func:`check_golden`, for the tests (importlib mode cannot import conftest by name)."""
    return check_golden


@pytest.fixture(scope="session")
def epubcheck():
    """:func:`run_epubcheck`, for the tests."""
    return run_epubcheck


@pytest.fixture(scope="session")
def epubcheck_many():
    """:func:`run_epubcheck_many`, for the tests."""
    return run_epubcheck_many


@pytest.fixture(scope="session")
def soffice():
    """:func:`soffice_to_pdf`, for the tests."""
    return soffice_to_pdf
