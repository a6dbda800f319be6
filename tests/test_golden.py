"""`magclean golden`: our fixtures are checked with the same command publishers use."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
FIXTURES = ROOT / "fixtures"
CITY_DIR = FIXTURES / "chengshi"


def magclean(*args: object) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "magclean.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=120)


def test_fixtures_match_their_reviewed_goldens():
    """CI: the 城市周刊 fixture is cleaned and compared with its reviewed goldens.

    The seed's goldens (fixtures/000_*.golden.*) are the editors' target, not yet the cleaner's
    output; tests/test_seed.py measures how close the cleaner gets. Once they agree, check
    FIXTURES as a whole here.
    """
    run = magclean("golden", "check", CITY_DIR)
    assert run.returncode == 0, run.stdout + run.stderr
    assert f"ok       {CITY_DIR / 'chengshi_2024_12.txt'}" in run.stdout


def test_golden_check_reads_the_seed_goldens_of_the_editors():
    """The same command runs over all our fixtures; the seed's diff is readable, paragraph by paragraph."""
    run = magclean("golden", "check", FIXTURES, "--allow-missing")
    assert "Traceback" not in run.stderr
    assert f"ok       {CITY_DIR / 'chengshi_2024_12.txt'}" in run.stdout
    seed_lines = [line for line in run.stdout.splitlines() if "000_b75e2609f1de16f2.txt" in line]
    assert seed_lines and seed_lines[0].split()[0] in ("ok", "changed")


def copy_of_city(tmp_path: Path) -> Path:
    target = tmp_path / "golden"
    shutil.copytree(CITY_DIR, target)
    return target


def test_a_changed_paragraph_fails_with_a_readable_diff(tmp_path):
    golden_dir = copy_of_city(tmp_path)
    text_golden = golden_dir / "chengshi_2024_12.golden.txt"
    edited = text_golden.read_text("utf-8").replace("早点铺已经升起了热气", "早点铺已经冒出了热气")
    text_golden.write_text(edited, encoding="utf-8")
    run = magclean("golden", "check", golden_dir)
    assert run.returncode == 1
    assert "text differs from chengshi_2024_12.golden.txt" in run.stdout
    assert "@@ paragraph 5 @@" in run.stdout
    assert "[-冒出-]{+升起+}" in run.stdout
    assert "JSON differs" not in run.stdout


def test_a_changed_line_span_fails_in_the_json_diff(tmp_path):
    golden_dir = copy_of_city(tmp_path)
    json_golden = golden_dir / "chengshi_2024_12.golden.json"
    data = json.loads(json_golden.read_text("utf-8"))
    block = next(b for a in data["articles"] for b in a["blocks"] if b["lines"] == [63, 65])
    block["lines"] = [62, 65]
    json_golden.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    run = magclean("golden", "check", golden_dir)
    assert run.returncode == 1
    assert "JSON differs from chengshi_2024_12.golden.json" in run.stdout
    assert "- [paragraph, lines 62–65]" in run.stdout and "+ [paragraph, lines 63–65]" in run.stdout


def test_missing_goldens_fail_unless_allowed_and_update_writes_them(tmp_path):
    golden_dir = copy_of_city(tmp_path)
    for golden in golden_dir.glob("*.golden.*"):
        golden.unlink()
    assert magclean("golden", "check", golden_dir).returncode == 1
    assert magclean("golden", "check", golden_dir, "--allow-missing").returncode == 0
    update = magclean("golden", "update", golden_dir, "chengshi_2024_12.txt")
    assert update.returncode == 0 and "updated" in update.stdout
    for name in ("chengshi_2024_12.golden.txt", "chengshi_2024_12.golden.json"):
        assert (golden_dir / name).read_bytes() == (CITY_DIR / name).read_bytes()
    assert magclean("golden", "check", golden_dir).returncode == 0
    again = magclean("golden", "update", golden_dir)
    assert again.returncode == 0 and again.stdout.startswith("same")


def test_update_of_an_unknown_file_is_a_one_line_error(tmp_path):
    golden_dir = copy_of_city(tmp_path)
    run = magclean("golden", "update", golden_dir, "nope.txt")
    assert run.returncode == 1
    assert run.stderr == f"magclean: error: nope.txt: not an input in {golden_dir}\n"


def test_check_of_a_missing_directory_is_a_one_line_error(tmp_path):
    run = magclean("golden", "check", tmp_path / "nowhere")
    assert run.returncode == 1 and run.stderr.startswith("magclean: error: ")
    assert "Traceback" not in run.stderr


def test_golden_options_choose_the_profile(tmp_path):
    """Without golden.toml's profile the 城市周刊 issue cleans differently, and check says so."""
    golden_dir = copy_of_city(tmp_path)
    (golden_dir / "golden.toml").unlink()
    run = magclean("golden", "check", golden_dir)
    assert run.returncode == 1 and "changed" in run.stdout
