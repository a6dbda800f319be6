"""The review report renders in headless Chromium without console errors and shows the JSON's counts."""

import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from cleaner import CleanConfig, clean, load_profile, read_source, source_from_text
from magclean.report import render_report

ROOT = Path(__file__).parent.parent
SEED = ROOT / "fixtures" / "000_b75e2609f1de16f2.txt"
CITY = ROOT / "fixtures" / "chengshi" / "chengshi_2024_12.txt"
CITY_PROFILE = ROOT / "cleaner" / "profiles" / "chengshi.toml"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--enable-logging=stderr", "--v=0", "--window-size=1200,2000"]


def magclean(*args: object) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "magclean.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=60)


def chromium(page: Path, profile_dir: Path, *extra: str) -> subprocess.CompletedProcess:
    """Open ``page`` in headless Chromium (a fresh profile); console messages go to stderr."""
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    assert binary, "chromium is not installed (scripts/test.sh installs it)"
    return subprocess.run([binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile_dir}", *extra, page.as_uri()],
                          capture_output=True, text=True, timeout=120)


def console_messages(stderr: str) -> list[str]:
    """What the page wrote to the console, uncaught errors included (Chromium logs them as CONSOLE)."""
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


class Counts(HTMLParser):
    """Collect <dd data-count="name">value</dd> from the rendered DOM."""

    def __init__(self) -> None:
        super().__init__()
        self.counts: dict[str, int] = {}
        self._name: str | None = None

    def handle_starttag(self, tag, attrs):
        self._name = dict(attrs).get("data-count") if tag == "dd" else None

    def handle_data(self, data):
        if self._name:
            self.counts[self._name] = int(data)
            self._name = None


def test_console_check_catches_a_broken_page(tmp_path):
    """The check below can fail: a page with a script error is caught."""
    page = tmp_path / "broken.html"
    page.write_text("<!DOCTYPE html><html><body><script>notDefined();</script></body></html>", "utf-8")
    run = chromium(page, tmp_path / "profile", "--dump-dom")
    assert any("ReferenceError" in m for m in console_messages(run.stderr))


def test_seed_report_renders_without_console_errors_and_shows_the_json_counts(tmp_path):
    report, data = tmp_path / "report.html", tmp_path / "issue.json"
    run = magclean("clean", SEED, "--format", "json", "-o", data, "--report", report)
    assert run.returncode == 0, run.stderr
    dom = chromium(report, tmp_path / "profile", "--dump-dom")
    assert dom.returncode == 0
    assert console_messages(dom.stderr) == []
    assert 'data-ready="yes"' in dom.stdout  # the page's script ran to its end
    parser = Counts()
    parser.feed(dom.stdout)
    counts = parser.counts
    doc = json.loads(data.read_text("utf-8"))
    all_blocks = [b for a in doc["articles"] for b in a["blocks"]]
    assert counts["articles"] == len(doc["articles"])
    assert counts["blocks"] == len(all_blocks)
    assert counts["paragraphs"] == sum(b["kind"] == "paragraph" for b in all_blocks)
    assert counts["captions"] == sum(b["kind"] == "caption" for b in all_blocks)
    assert counts["removed"] == len(doc["removed"])
    assert counts["removed_marker"] == sum(r["kind"] == "marker" for r in doc["removed"])


def test_report_screenshot_is_taken(tmp_path):
    """A screenshot for a human to look at (kept under the test's tmp dir)."""
    report = tmp_path / "city.html"
    assert magclean("clean", CITY, "--profile", CITY_PROFILE, "-o", tmp_path / "city.txt",
                    "--report", report).returncode == 0
    shot = tmp_path / "city.png"
    run = chromium(report, tmp_path / "profile", f"--screenshot={shot}")
    assert console_messages(run.stderr) == []
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 50_000


def city_report() -> str:
    source = read_source(CITY)
    return render_report(clean(source, CleanConfig(profile=load_profile(CITY_PROFILE))), source)


def test_every_block_shows_its_source_lines_and_every_removal_is_shown():
    page = city_report()
    source = read_source(CITY)
    document = clean(source, CleanConfig(profile=load_profile(CITY_PROFILE)))
    spans = re.findall(r'data-lines="([^"]+)"', page)
    assert len(spans) == sum(len(a.blocks) for a in document.articles)
    for kind in ("page_join", "margin_join", "margin_break"):
        marked = page.count(f'<mark class="decision {kind}')
        assert marked == sum(d.kind == kind for d in document.decisions) > 0
    for removal in document.removed:
        assert f"<del>{removal.text}</del>" in page


def test_page_join_and_running_head_stand_where_they_were_taken_out():
    page = city_report()
    text = re.sub(r"<[^>]+>", "", page)
    # lines 18 | 19 page number | 20 running head | 21: all shown at the join, inside the paragraph
    at_join = r"带着学生挨⤓ page19\s*furniture12.*?20\s*furniture《城市周刊》 2024年3月 第12期.*?家挨户"
    assert re.search(at_join, text)


def test_batch_writes_one_report_per_issue(tmp_path):
    inputs = tmp_path / "in" / "2024"
    inputs.mkdir(parents=True)
    shutil.copy(CITY, inputs / CITY.name)
    run = magclean("batch", tmp_path / "in", "--to", "txt", "-o", tmp_path / "out", "--report",
                   tmp_path / "review", "--profile", CITY_PROFILE)
    assert run.returncode == 0, run.stderr
    page = (tmp_path / "review" / "2024" / "chengshi_2024_12.html").read_text("utf-8")
    # the batch names the publication (profile's magazine, issue of the running heads): the header says so
    assert page == city_report().replace("language zh-Hans</p>", "language zh-Hans · 城市周刊</p>", 1)


def test_layout_decisions_are_shown_where_the_page_starts():
    left = "中美关系历经波折止跌回稳来到一个令世人振奋的新起点全球最大"
    right = "全国人民代表大会常务委员会今天在北京召开会议审议多项法律草案"
    page = "".join(f"{left[i:i + 14]}    {right[i:i + 14]}\n" for i in range(0, 14 * 8, 2))
    source = source_from_text("标题\n文/记者 张三\n" + page)
    document = clean(source)
    split = [d for d in document.decisions if d.kind == "column_split"]
    assert split
    assert render_report(document, source).count('<mark class="decision column_split') == len(split)
