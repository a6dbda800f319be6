"""Idempotence on real text: random slices of the seed, some re-wrapped to another column width,
with a little noise, cleaned; the text output cleaned again must give the same text output.

The slices start anywhere (inside a paragraph, on a marker, under a running head) and cut
articles anywhere, as an editor's excerpt or a damaged file would.
"""

import random
from pathlib import Path

import magclean
from benchmarks.roundtrip import score
from converters.text import render_text

SEED = Path(__file__).parent.parent / "fixtures" / "000_b75e2609f1de16f2.txt"
LINES = SEED.read_text("utf-8").split("\n")
NOISE = ["返回目录", "— 37 —", "\u200b", "图/新华", "2023"]


def rewrap(lines: list[str], chars: int) -> list[str]:
    """The slice set again in a column of ``chars`` characters, as pdfminer writes it (a blank line
    after every line). A paragraph ends at a line short of the widest that closes a sentence."""
    texts = [line.strip() for line in lines if line.strip()]
    widest = max((len(t) for t in texts), default=0)
    paragraphs, run = [], ""
    for text in texts:
        run += text
        if text[-1] in "。！？”" and len(text) < 0.9 * widest:
            paragraphs.append(run)
            run = ""
    paragraphs += [run] if run else []
    return [line + "\n" for p in paragraphs for line in wrap(p, chars)]


# Marks that Chinese typesetting never sets at the start of a line (kinsoku).
NEVER_FIRST = "。，、；：？！）」』”’》】…"


def wrap(text: str, chars: int) -> list[str]:
    """Lines of ``chars`` characters; a closing mark never starts a line (it hangs at the end of
    the line before, as CJK typesetting sets it)."""
    lines: list[str] = []
    for i in range(0, len(text), chars):
        piece = text[i:i + chars]
        while lines and piece and piece[0] in NEVER_FIRST:
            lines[-1] += piece[0]
            piece = piece[1:]
        if piece:
            lines.append(piece)
    return lines


def seed_slice(seed: int) -> str:
    """One slice: random start, 20–600 lines, one in three re-wrapped, one in four with noise."""
    rng = random.Random(seed)
    start = rng.randrange(len(LINES) - 20)
    lines = LINES[start:start + rng.randint(20, 600)]
    if rng.random() < 1 / 3:
        lines = rewrap(lines, rng.randint(12, 40))
    if rng.random() < 1 / 4:
        for _ in range(rng.randint(1, 3)):
            lines.insert(rng.randrange(len(lines) + 1), rng.choice(NOISE))
    return "\n".join(lines) + "\n"


SLICES = 200
# Slices whose text output does not yet clean to itself, measured (a fence: lower it as the
# cleaner improves): slice 98 (measured 2026-12-02; slice 20, a damaged excerpt whose first pass
# left wrapped lines unjoined, now cleans to itself).
KNOWN_FAILURES = 1
# Round-trip corpus cases (all 384) whose text output does not yet clean to itself, measured:
# first passes that left a running head in the text (the second pass finds it recurring), set a
# caption's credit inside a paragraph, or read an English section label as the section and its
# Chinese title as the title (the second pass pairs the two as a section's two names). 7 → 5
# after the heading work of 2026-12-02.
KNOWN_CORPUS_FAILURES = 5


def recleaned(seed: int) -> tuple[str, str] | None:
    text = seed_slice(seed)
    try:
        once = render_text(magclean.clean_text(text, profile="caijing"))
    except magclean.InputError:
        return None  # a slice of blank lines only: refused, nothing to compare
    return once, render_text(magclean.clean_text(once, profile="caijing"))


def test_the_text_output_of_seed_slices_cleans_to_itself():
    failing = [seed for seed in range(SLICES) if (pair := recleaned(seed)) and pair[0] != pair[1]]
    assert len(failing) <= KNOWN_FAILURES, f"{len(failing)} of {SLICES} slices change: {failing}"


def test_the_text_output_of_every_corpus_case_cleans_to_itself():
    """Flowed text says itself where its articles start and keeps a block a line: cleaning the
    text output of any extractor's text again keeps its articles, heads and paragraphs."""
    cases = score.load_cases("dev") + score.load_cases("heldout")
    assert len(cases) == 384
    failing = []
    for case in cases:
        once = render_text(magclean.clean_text(case.text()))
        if render_text(magclean.clean_text(once)) != once:
            failing.append(case.name)
    assert len(failing) <= KNOWN_CORPUS_FAILURES, f"{len(failing)} of {len(cases)} change: {failing}"
