"""Golden files: reviewed outputs that a later run of the cleaner must reproduce exactly.

Layout of a golden directory (searched recursively)::

    DIR/NAME.txt            an input
    DIR/NAME.golden.txt     its reviewed text (``magclean clean`` text form: captions dropped)
    DIR/NAME.golden.json    its reviewed JSON form
    DIR/golden.toml         optional: profile and rules for the inputs in this directory

``golden.toml`` holds ``profile`` (a path relative to it, or the name of a built-in profile such as
"chengshi") and ``disable`` (a list of rule names).

>>> print(paragraph_diff("甲。\\n\\n乙。\\n", "甲。\\n\\n乙！\\n"))
  @@ paragraph 2 @@
  - 乙。
  + 乙！
  ~ 乙[-。-]{+！+}
"""

from __future__ import annotations

import difflib
import json
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from cleaner import CleanConfig, Document, InputError, clean, load_profile, read_source
from cleaner.config import UnknownRuleError
from converters import write_atomically
from converters.text import render_text
from magclean.batch import walk_directory

OPTIONS_FILE = "golden.toml"
# How many characters around a change the inline diff shows.
CONTEXT_CHARS = 12


class GoldenError(Exception):
    """A golden directory that cannot be used (bad options file, unknown input); one line."""


@dataclass(frozen=True, slots=True)
class GoldenCase:
    """One input and where its golden outputs are."""

    source: Path

    @property
    def text_golden(self) -> Path:
        """The reviewed text output beside the input."""
        return self.source.with_name(self.source.stem + ".golden.txt")

    @property
    def json_golden(self) -> Path:
        """The reviewed JSON output beside the input."""
        return self.source.with_name(self.source.stem + ".golden.json")


@dataclass(frozen=True, slots=True)
class CaseResult:
    """The outcome of checking one case: "same", "changed", "missing" or "error", with the diff."""

    case: GoldenCase
    status: str
    report: str = ""


def find_cases(directory: Path) -> list[GoldenCase]:
    """Every input in ``directory`` and below (golden outputs and hidden files are not inputs)."""
    if not directory.is_dir():
        raise GoldenError(f"{directory}: not a directory")
    return [GoldenCase(path) for path in walk_directory(directory)]


def case_config(case: GoldenCase) -> CleanConfig:
    """The cleaner's config for a case: from ``golden.toml`` beside it, else the defaults."""
    options_path = case.source.parent / OPTIONS_FILE
    if not options_path.exists():
        return CleanConfig()
    try:
        options = tomllib.loads(options_path.read_text("utf-8"))
        profile = options.get("profile")
        return CleanConfig(profile=load_profile(resolve_profile(profile, options_path) if profile else None),
                           disabled=frozenset(options.get("disable", ())))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, InputError, UnknownRuleError, TypeError) as error:
        raise GoldenError(f"{options_path}: {error}") from None


def resolve_profile(value: str, options_path: Path) -> Path:
    """A profile named in golden.toml: a path relative to that file, or a built-in profile's name."""
    relative = options_path.parent / value
    if relative.is_file():
        return relative
    built_in = resources.files("cleaner.profiles").joinpath(f"{value}.toml")
    if built_in.is_file():
        return Path(str(built_in))
    raise GoldenError(f"{options_path}: no profile {value!r} (neither a file nor a built-in profile)")


def render_case(case: GoldenCase) -> tuple[str, str]:
    """What the cleaner makes of the input now: (text form, JSON form), as ``magclean clean`` writes them."""
    document = clean(read_source(case.source), case_config(case))
    return render_text(document), document.to_json()


def check_case(case: GoldenCase) -> CaseResult:
    """Clean the input and compare with its golden outputs; the report is a paragraph-level diff."""
    if not (case.text_golden.exists() and case.json_golden.exists()):
        update = f"magclean golden update {case.source.parent} {case.source.name}"
        return CaseResult(case, "missing", f"no golden output yet: review the output, then `{update}`")
    try:
        text, json_form = render_case(case)
    except (InputError, GoldenError) as error:
        return CaseResult(case, "error", str(error))
    old_text = case.text_golden.read_text("utf-8")
    old_json = case.json_golden.read_text("utf-8")
    parts = []
    if text != old_text:
        parts.append(f"text differs from {case.text_golden.name}:\n{paragraph_diff(old_text, text)}")
    if json.loads(json_form) != json.loads(old_json):
        parts.append(f"JSON differs from {case.json_golden.name}:\n"
                     f"{items_diff(json_items(old_json), json_items(json_form), 'item')}")
    return CaseResult(case, "changed" if parts else "same", "\n".join(parts))


def update_case(case: GoldenCase) -> bool:
    """Rewrite the case's golden outputs from the cleaner's output now; True if anything changed."""
    text, json_form = render_case(case)
    changed = False
    for path, content in ((case.text_golden, text), (case.json_golden, json_form)):
        if not path.exists() or path.read_text("utf-8") != content:
            write_atomically(path, lambda tmp, content=content: tmp.write_text(content, encoding="utf-8"))
            changed = True
    return changed


def select_cases(directory: Path, names: Sequence[str]) -> list[GoldenCase]:
    """The cases of ``directory``, or only those named (by path or by name inside the directory)."""
    cases = find_cases(directory)
    if not names:
        return cases
    by_path = {case.source.resolve(): case for case in cases}
    chosen = []
    for name in names:
        candidates = [Path(name), directory / name]
        match = next((by_path[p.resolve()] for p in candidates if p.resolve() in by_path), None)
        if match is None:
            raise GoldenError(f"{name}: not an input in {directory}")
        chosen.append(match)
    return chosen


def paragraphs(text: str) -> list[str]:
    """The text form's paragraphs (blank lines separate them).

    >>> paragraphs("标题\\n\\n第一段。\\n\\n\\n下一篇\\n")
    ['标题', '第一段。', '下一篇']
    """
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def paragraph_diff(old: str, new: str) -> str:
    """A readable diff of two text forms, paragraph by paragraph, changes inside a paragraph marked."""
    return items_diff(paragraphs(old), paragraphs(new), "paragraph")


def items_diff(old: Sequence[str], new: Sequence[str], unit: str) -> str:
    """Which items were removed (-), added (+) or changed (- + and ~ with [-old-]{+new+})."""
    out: list[str] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            continue
        where = f"{a0 + 1}" if a1 - a0 <= 1 else f"{a0 + 1}–{a1}"
        out.append(f"  @@ {unit} {where} @@")
        if tag == "replace" and a1 - a0 == b1 - b0:
            for before, after in zip(old[a0:a1], new[b0:b1], strict=True):
                out.extend([f"  - {before}", f"  + {after}", f"  ~ {inline_diff(before, after)}"])
            continue
        out.extend(f"  - {item}" for item in old[a0:a1])
        out.extend(f"  + {item}" for item in new[b0:b1])
    return "\n".join(out)


def inline_diff(old: str, new: str) -> str:
    """The changes inside one paragraph as [-removed-]{+added+}, with a little context around each.

    >>> inline_diff("据统计，全国共有一百二十个城市参加。他们发现，这条街上真正改造后的东关街。",
    ...             "据统计，全国共有一百二十个城市参加。他们发现，这条街上真正需要拆除。")
    '…。他们发现，这条街上真正[-改造后的东关街-]{+需要拆除+}。'
    """
    pieces = []
    opcodes = difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes()
    for index, (tag, a0, a1, b0, b1) in enumerate(opcodes):
        if tag == "equal":
            pieces.append(shorten(old[a0:a1], keep_head=index > 0, keep_tail=index < len(opcodes) - 1))
            continue
        if a1 > a0:
            pieces.append(f"[-{old[a0:a1]}-]")
        if b1 > b0:
            pieces.append(f"{{+{new[b0:b1]}+}}")
    return "".join(pieces)


def shorten(same: str, keep_head: bool, keep_tail: bool) -> str:
    """Unchanged text between changes, cut to CONTEXT_CHARS on the sides next to a change.

    >>> shorten("一二三四五六七八九十" * 3, keep_head=False, keep_tail=True)
    '…九十一二三四五六七八九十'
    """
    if len(same) <= CONTEXT_CHARS * (keep_head + keep_tail):
        return same
    head = same[:CONTEXT_CHARS] if keep_head else ""
    tail = same[-CONTEXT_CHARS:] if keep_tail else ""
    return f"{head}…{tail}"


def json_items(json_text: str) -> list[str]:
    """The JSON form as a list of readable lines: article heads, blocks and removals with lines."""
    document = Document.from_json(json_text)
    items = []
    for number, article in enumerate(document.articles, start=1):
        head = {"section": article.section, "title": article.title, "subtitle": article.subtitle,
                "deck": article.deck, "bylines": " / ".join(article.bylines) or None}
        fields = "; ".join(f"{k}: {v}" for k, v in head.items() if v)
        items.append(f"[article {number}, lines {article.lines[0]}–{article.lines[1]}] {fields}")
        items.extend(f"[{b.kind}, lines {b.lines[0]}–{b.lines[1]}] {b.text}" for b in article.blocks)
    items.extend(f"[removed {r.kind} by {r.rule}, lines {r.lines[0]}–{r.lines[1]}] {r.text}"
                 for r in document.removed)
    return items
