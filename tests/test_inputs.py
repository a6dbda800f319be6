"""The input matrix: every kind of file an extractor or a user may hand us, through CLI and library.

Each input either converts correctly (the reported encoding, and the same text as the plain UTF-8
original) or fails with one clear line and exit 1: no traceback, no output file, input untouched.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import regex

import magclean
from benchmarks.distinct import inert_han, rotated
from cleaner.lines import INVISIBLE
from converters.text import render_text

MAGCLEAN = Path(sys.executable).with_name("magclean")
SEED = Path(__file__).parent.parent / "fixtures" / "000_b75e2609f1de16f2.txt"

ARTICLE_HEAD = ["封面文章", "中美关系的新起点", "两国元首在旧金山会晤，", "为双边关系止跌回稳指明了方向。",
                "文/本刊记者 张三 发自北京"]
PARAGRAPHS = [
    "中美关系历经波折止跌回稳，来到一个令世人振奋的新起点。两国元首的这次会晤持续了四个小时，"
    "双方就事关中美关系的战略性、全局性、方向性问题以及事关世界和平和发展的重大问题深入交换了意见。",
    "此外，双方同意恢复两军高层沟通，并在人工智能、禁毒、气候变化等领域开展对话与合作，"
    "这些成果为两国关系下一步的发展打下了基础。",
    "分析人士认为，会晤释放出积极信号，但两国之间的结构性矛盾依然存在，未来的道路不会一帆风顺。",
]
CAPTION = ["2023年11月15日，两国元首在旧金山举行会晤。", "图/新华"]
# Traditional Chinese, the kind of text that comes as Big5.
BIG5_BODY = "這是一篇關於臺灣經濟發展的報導，內容涵蓋產業轉型與國際貿易，並且討論了半導體產業的未來。"
BIG5_TEXT = f"臺灣經濟的新挑戰\n\n文/記者 王小明\n\n{BIG5_BODY[:30]}\n\n{BIG5_BODY[30:]}\n\n返回目錄\n"
LETTER = "亲爱的朋友：\n你好！最近好吗？我很想念你。\n上次寄来的杂志已经收到，谢谢。\n此致\n敬礼\n小明\n"


def wrap(text: str, width: int) -> list[str]:
    """Hard-wrap ``text`` every ``width`` characters, as a PDF extractor does."""
    return [text[i:i + width] for i in range(0, len(text), width)]


def pdfminer_layout(width: int = 20) -> str:
    """A small article as pdfminer writes it: a blank line after every body line, tight head lines."""
    body = ["\n\n".join(wrap(p, width)) for p in PARAGRAPHS[:2]]
    lines = [ARTICLE_HEAD[0], "", ARTICLE_HEAD[1], "", "\n".join(ARTICLE_HEAD[2:4]), "", ARTICLE_HEAD[4], "",
             *"\n\n".join(body).split("\n"), "", "\n".join(CAPTION), "", *wrap(PARAGRAPHS[2], width), "",
             "返回目录"]
    return "\n".join(lines) + "\n"


def pdftotext_layout(width: int = 20) -> str:
    """The same article as pdftotext writes it: no blank lines, a form feed between pages."""
    body = [line for p in PARAGRAPHS for line in wrap(p, width)]
    page_one, page_two = body[: len(body) // 2], body[len(body) // 2:]
    return "\n".join([*ARTICLE_HEAD, *page_one]) + "\n\f" + "\n".join([*page_two, "返回目录"]) + "\n\f"


REFERENCE = pdfminer_layout()


def squeeze(text: str) -> str:
    """Text without white space, to compare content whatever the line breaks."""
    return regex.sub(r"\s", "", text)


@dataclass(frozen=True)
class Converted:
    """An input that must convert, to text identical to the UTF-8 reference (when ``same_text``)."""

    name: str
    data: bytes
    encoding: str
    same_text: bool = True


@dataclass(frozen=True)
class Refused:
    """An input that must be refused with one line that contains ``message``."""

    name: str
    data: bytes
    message: str


def mixed_newlines(text: str) -> str:
    """CRLF, CR and LF in turn, as text that went through several tools.

    A CR before an empty line ended by LF would read as one CRLF, so that CR becomes a CRLF.
    """
    lines = text.split("\n")[:-1]
    out = []
    for i, line in enumerate(lines):
        ending = ("\r\n", "\r", "\n")[i % 3]
        if ending == "\r" and i + 1 < len(lines) and not lines[i + 1]:
            ending = "\r\n"
        out.append(line + ending)
    return "".join(out)


def with_invisibles(text: str) -> str:
    """Zero-width spaces, joiners, soft hyphens, a stray BOM and U+FFFE sprinkled into the text."""
    return (text.replace("关系", "关\u200b系").replace("会晤", "会\u200d晤").replace("双方", "\u2060双方")
            .replace("中美", "中\u00ad美").replace("此外", "\ufeff此外").replace("分析", "分\ufffe析"))


def with_nuls(text: str) -> str:
    """NUL bytes inside lines, as a broken extractor leaves them."""
    return text.replace("。", "。\x00").replace("，", "\x00，")


CONVERTED = [
    Converted("utf8", REFERENCE.encode("utf-8"), "utf-8"),
    Converted("utf8_bom", codecs.BOM_UTF8 + REFERENCE.encode("utf-8"), "utf-8-sig"),
    Converted("utf16le_bom", codecs.BOM_UTF16_LE + REFERENCE.encode("utf-16-le"), "utf-16"),
    Converted("utf16be_bom", codecs.BOM_UTF16_BE + REFERENCE.encode("utf-16-be"), "utf-16"),
    Converted("gb18030", REFERENCE.encode("gb18030"), "gb18030"),
    Converted("gbk", REFERENCE.encode("gbk"), "gb18030"),
    Converted("mixed_newlines", mixed_newlines(REFERENCE).encode("utf-8"), "utf-8"),
    Converted("invisibles", with_invisibles(REFERENCE).encode("utf-8"), "utf-8"),
    Converted("nul_bytes", with_nuls(REFERENCE).encode("utf-8"), "utf-8"),
    Converted("form_feeds", pdftotext_layout().encode("utf-8"), "utf-8", same_text=False),
    Converted("big5", BIG5_TEXT.encode("big5"), "big5", same_text=False),
    Converted("plain_letter", LETTER.encode("utf-8"), "utf-8", same_text=False),
]

REFUSED = [
    Refused("empty", b"", "input is empty"),
    Refused("blank_lines", b"\n\n   \r\n\t\n\r\n\f\n", "input is empty"),
    Refused("blank_unicode", "\u3000\n\n\u200b\n\ufeff\u00a0\n".encode(), "input has no text"),
    Refused("cesu8_surrogate_pair", "前文".encode() + b"\xed\xa0\xbd\xed\xb8\x80" + "后文。\n".encode(),
            "not UTF-8 at byte 6"),
    Refused("wtf8_lone_surrogate", "前文".encode() + b"\xed\xb0\x80" + "后文。\n".encode(),
            "not UTF-8 at byte 6"),
    Refused("utf16_lone_surrogate",
            codecs.BOM_UTF16_LE + "前文".encode("utf-16-le") + b"\x00\xd8" + "后文。".encode("utf-16-le"),
            "not valid utf-16 at byte"),
    Refused("utf16_truncated", codecs.BOM_UTF16_LE + "前文后文。".encode("utf-16-le") + b"\x41",
            "not valid utf-16 at byte"),
    Refused("binary", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 16, "looks binary"),
]


def sha256(path: Path) -> str:
    """The file's hash, to prove the input was not touched."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_clean(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """Run the installed ``magclean clean`` command."""
    assert MAGCLEAN.exists(), f"{MAGCLEAN} missing: install the package (scripts/test.sh)"
    return subprocess.run([str(MAGCLEAN), "clean", *args], capture_output=True, text=True, timeout=timeout,
                          check=False)


def assert_one_line_error(result: subprocess.CompletedProcess[str], message: str) -> None:
    """Exit 1, nothing on stdout, exactly one stderr line ``magclean: error: …`` naming the problem."""
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("magclean: error: ")
    assert message in lines[0]


def files_in(directory: Path) -> set[str]:
    """Every file name in ``directory`` (to catch partial or temporary output)."""
    return {p.name for p in directory.iterdir()}


@pytest.fixture(scope="module")
def reference_text() -> str:
    """The text output of the plain UTF-8 reference article."""
    return render_text(magclean.clean(REFERENCE.encode("utf-8")))


def test_reference_is_cleaned(reference_text: str) -> None:
    """The reference itself: head, paragraphs joined, caption and marker out of the reading text."""
    assert "中美关系的新起点" in reference_text
    for paragraph in PARAGRAPHS:
        assert paragraph in reference_text
    assert "返回目录" not in reference_text
    assert "图/新华" not in reference_text


@pytest.mark.parametrize("case", CONVERTED, ids=lambda c: c.name)
def test_cli_converts(case: Converted, reference_text: str, tmp_path: Path) -> None:
    """The CLI writes the same text as for plain UTF-8 and reports the encoding it read."""
    source, out, report = tmp_path / f"{case.name}.txt", tmp_path / "out.txt", tmp_path / "out.json"
    source.write_bytes(case.data)
    before = sha256(source)
    result = run_clean(str(source), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert run_clean(str(source), "--format", "json", "-o", str(report)).returncode == 0
    document = magclean.Document.from_json(report.read_text("utf-8"))
    assert document.meta.encoding == case.encoding
    text = out.read_text("utf-8")
    assert not regex.search(r"[\x00\f\u200b\u200d\u2060\ufeff\ufffe\u00ad]", text)
    if case.same_text:
        assert text == reference_text
    assert sha256(source) == before
    assert files_in(tmp_path) == {source.name, out.name, report.name}


@pytest.mark.parametrize("case", CONVERTED, ids=lambda c: c.name)
def test_library_converts(case: Converted, reference_text: str, tmp_path: Path) -> None:
    """``magclean.clean`` on bytes and on a path gives the same document as the CLI."""
    document = magclean.clean(case.data)
    assert document.meta.encoding == case.encoding
    path = tmp_path / "in.txt"
    path.write_bytes(case.data)
    assert magclean.clean(path) == document.with_meta(source="in.txt")
    if case.same_text:
        assert render_text(document) == reference_text


def test_form_feeds_are_page_marks() -> None:
    """pdftotext's layout: the paragraphs come out whole, joined across the form feed."""
    text = render_text(magclean.clean(pdftotext_layout().encode("utf-8")))
    for paragraph in PARAGRAPHS:
        assert paragraph in text
    assert "\f" not in text


def test_big5_is_read_as_traditional_chinese() -> None:
    """Big5 input decodes to the Traditional characters."""
    document = magclean.clean(BIG5_TEXT.encode("big5"))
    text = render_text(document)
    assert "臺灣經濟的新挑戰" in text
    assert BIG5_BODY in text


def test_gb18030_only_characters() -> None:
    """Characters outside GBK (CJK Extension A, four-byte GB18030) survive decoding."""
    text = "南汉高祖刘䶮建都广州，史称南汉。这一段正文讲述了五代十国时期岭南地区的历史。\n" * 3
    document = magclean.clean(text.encode("gb18030"))
    assert document.meta.encoding == "gb18030"
    assert "刘䶮" in render_text(document)


def test_invisible_characters_are_recorded() -> None:
    """Dropped invisible characters are not lost silently: each line holding some is in ``removed``."""
    document = magclean.clean(with_invisibles(REFERENCE).encode("utf-8"))
    invisible = "".join(r.text for r in document.removed if r.rule == "invisible_chars")
    expected = [ch for ch in with_invisibles(REFERENCE) if ord(ch) in INVISIBLE]
    assert len(expected) > 10
    assert sorted(invisible) == sorted(expected)


def test_plain_letter_keeps_every_line() -> None:
    """A text with no article structure at all comes through whole."""
    text = render_text(magclean.clean(LETTER.encode("utf-8")))
    assert squeeze(text) == squeeze(LETTER)


def test_single_five_megabyte_line(tmp_path: Path) -> None:
    """One 5 MB line (no line breaks at all): converted, every character kept."""
    sentence = "这是一句很长的话，没有换行。"
    source = tmp_path / "one_line.txt"
    source.write_text(sentence * (5_000_000 // len(sentence.encode())), encoding="utf-8")
    out = tmp_path / "out.txt"
    result = run_clean(str(source), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert squeeze(out.read_text("utf-8")) == squeeze(source.read_text("utf-8"))


@pytest.mark.parametrize("case", REFUSED, ids=lambda c: c.name)
def test_cli_refuses(case: Refused, tmp_path: Path) -> None:
    """Exit 1, one line, no output file, input untouched."""
    source, out = tmp_path / f"{case.name}.txt", tmp_path / "out.txt"
    source.write_bytes(case.data)
    result = run_clean(str(source), "-o", str(out))
    assert_one_line_error(result, case.message)
    assert sha256(source) == hashlib.sha256(case.data).hexdigest()
    assert files_in(tmp_path) == {source.name}


@pytest.mark.parametrize("case", REFUSED, ids=lambda c: c.name)
def test_library_refuses(case: Refused) -> None:
    """The library raises InputError with the same one-line message."""
    with pytest.raises(magclean.InputError) as raised:
        magclean.clean(case.data)
    assert case.message in str(raised.value)
    assert "\n" not in str(raised.value)


def test_library_refuses_lone_surrogate_in_text() -> None:
    """A Python string holding half a surrogate pair cannot be written: refused at once."""
    with pytest.raises(magclean.InputError, match=r"lone surrogate U\+D800"):
        magclean.clean_text("前文\ud800后文。")


@pytest.mark.parametrize("encoding", ["gb18030", "big5", "utf-16"])
def test_forced_encoding_is_used(encoding: str, tmp_path: Path) -> None:
    """``--encoding`` overrides detection; a wrong forced encoding is a one-line error."""
    source = tmp_path / "in.txt"
    source.write_bytes(BIG5_TEXT.encode(encoding))
    assert magclean.clean(source, encoding=encoding).meta.encoding == encoding
    result = run_clean(str(source), "--encoding", "ascii")
    assert_one_line_error(result, "not valid ascii at byte")


def rusage_run(args: list[str]) -> tuple[int, float, float, str]:
    """Run a command; return its exit code, wall time (s), peak memory (MiB) and stderr."""
    started = time.perf_counter()
    with subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) as process:
        stderr = process.stderr.read() if process.stderr else ""
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, time.perf_counter() - started, usage.ru_maxrss / 1024, stderr


@pytest.mark.slow
def test_hundred_megabyte_issue(tmp_path: Path) -> None:
    """Distinct copies of the seed to 100 MB: converted, every copy's articles present, under 2 GB
    of memory. The copies differ (``benchmarks.distinct``: the Han characters no rule names
    rotated per copy), so no copy's lines are cache hits for another's."""
    seed = SEED.read_bytes()
    copies = -(-100_000_000 // len(seed))
    source, out = tmp_path / "huge.txt", tmp_path / "huge.out.txt"
    seed_str = seed.decode("utf-8")
    inert = inert_han(seed_str)
    with source.open("wb") as handle:
        for k in range(copies):
            handle.write(rotated(seed_str, k, inert).encode("utf-8"))
    code, seconds, peak_mib, stderr = rusage_run([str(MAGCLEAN), "clean", str(source), "-o", str(out)])
    print(f"100 MB issue: {seconds:.1f} s, peak {peak_mib:.0f} MiB")
    assert code == 0, stderr
    assert peak_mib < 2048
    assert seconds < 400  # about 70 s on a CI machine: a quadratic step would take hours
    seed_text = render_text(magclean.clean(SEED))
    text = out.read_text("utf-8")
    title = "中美新起点"
    assert text.count(title) == copies * seed_text.count(title)
    assert 0.95 < len(text) / (copies * len(seed_text)) < 1.05
