"""The seed goes through the cleaner and nothing is lost (the conservation law)."""

from collections import Counter
from pathlib import Path

import regex

from cleaner import clean, read_source

SEED = Path(__file__).parent.parent / "fixtures" / "000_b75e2609f1de16f2.txt"


def non_space(text: str) -> Counter:
    return Counter(regex.sub(r"\s", "", text))


def test_seed_conserves_every_character():
    doc = clean(read_source(SEED))
    out = Counter()
    for a in doc.articles:
        for part in (a.section, a.title, a.subtitle, a.deck, *a.bylines):
            out += non_space(part or "")
        for b in a.blocks:
            out += non_space(b.text)
    for r in doc.removed:
        out += non_space(r.text)
    source = non_space(SEED.read_text("utf-8"))
    assert source - out == Counter()
    assert out - source == Counter()
