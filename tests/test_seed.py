"""The seed issue against its reviewed golden files (fixtures/000_b75e2609f1de16f2.golden.*).

The goldens were made by editors reading every block of the output against the source; their
verdicts, with reasons, are in fixtures/000_b75e2609f1de16f2.review.tsv. Sentences that end
exactly at a full line are judgement calls (marked "margin" there); everything else must be right.
"""

import csv
import json
from pathlib import Path

import pytest
import regex

from cleaner import CleanConfig, Document, clean, load_profile, read_source
from cleaner.document import non_whitespace
from converters.text import render_text

FIXTURES = Path(__file__).parent.parent / "fixtures"
SEED = FIXTURES / "000_b75e2609f1de16f2.txt"
GOLDEN = Document.from_json((FIXTURES / "000_b75e2609f1de16f2.golden.json").read_text("utf-8"))
REVIEW = FIXTURES / "000_b75e2609f1de16f2.review.tsv"
HAN = r"\p{Han}"


CAIJING = CleanConfig(profile=load_profile("caijing"))


@pytest.fixture(scope="module")
def seed() -> Document:
    return clean(read_source(SEED), CAIJING)


def test_the_generic_profile_reads_the_seed_the_same(seed):
    """Nothing of 《财经》 needs its profile: section labels pair with their English labels."""
    assert clean(read_source(SEED)) == seed


def paragraphs(document: Document) -> set[tuple[int, int, str]]:
    return {(b.lines[0], b.lines[1], b.text) for a in document.articles for b in a.blocks
            if b.kind == "paragraph"}


def margin_lines() -> set[int]:
    rows = csv.reader(REVIEW.open(encoding="utf-8"), delimiter="\t")
    return {int(r[1]) for r in rows if r and r[0] in ("BREAK", "JOIN") and r[2].startswith("margin")}


def test_every_character_is_kept_or_recorded(seed):
    source = non_whitespace(SEED.read_text("utf-8"))
    assert seed.characters() == source
    assert GOLDEN.characters() == source


def intruders(document: Document) -> set[tuple[int, int, str]]:
    """Paragraphs of ours made of lines the golden keeps as something else (heading, caption …)."""
    others = {b.lines[0] for a in GOLDEN.articles for b in a.blocks if b.kind != "paragraph"}
    return {p for p in paragraphs(document) if p[0] in others}


def accuracy(document: Document, keep=lambda paragraph: True) -> float:
    """Golden body paragraphs we give exactly right, counting every heading, caption or table
    line we passed off as a paragraph as one more paragraph wrong."""
    golden = {p for p in paragraphs(GOLDEN) if keep(p)}
    right = golden & paragraphs(document)
    wrong_kind = {p for p in intruders(document) if keep(p)}
    return len(right) / (len(golden) + len(wrong_kind))


def test_at_least_97_percent_of_paragraphs_are_exactly_right(seed):
    assert accuracy(seed) >= 0.97, sorted(paragraphs(GOLDEN) - paragraphs(seed))[:10]


def test_at_least_99_percent_right_where_no_margin_judgement_is_involved(seed):
    judged = margin_lines()

    def clear(paragraph):
        return not any(paragraph[0] <= line <= paragraph[1] + 2 for line in judged)

    assert accuracy(seed, clear) >= 0.99


def test_heads_match_the_golden(seed):
    def heads(document):
        return [(a.lines, a.section, a.title, a.subtitle, a.deck, a.bylines) for a in document.articles]

    assert heads(seed) == heads(GOLDEN)


def test_no_residue_left_in_paragraphs(seed):
    texts = [b.text for a in seed.articles for b in a.blocks if b.kind == "paragraph"]
    assert not [t for t in texts if "返回目录" in t]
    assert not [t for t in texts if regex.search(r"(?:图|摄|摄影|制图|图片)\s*[/／]\s*\S", t)]
    assert not [t for t in texts if regex.fullmatch(r"(?:19|20)\d\d", t.strip())]
    assert not [t for t in texts if regex.search(f"{HAN}[ \u3000]+{HAN}", t)]
    assert not [t for t in texts if "\u00a0" in t]


def test_split_years_are_joined_into_their_captions(seed):
    captions = [b.text for a in seed.articles for b in a.blocks if b.kind == "caption"]
    assert "2023年11月15日，国家主席习近平在美国旧金山斐洛里庄园同美国总统拜登举行中美元首会晤。图/新华" \
        in captions
    paragraph = next(b.text for a in seed.articles for b in a.blocks if b.lines[0] <= 500 <= b.lines[1])
    assert paragraph.endswith("驱散了过去数月笼罩在中美上方的阴云。")


def test_english_words_and_hyphens(seed):
    english = " ".join(b.text for b in seed.articles[-1].blocks)
    assert "The San Francisco meeting" in english
    assert "a century-old history" in english and "In mid-November 2023" in english
    assert "in-depth exchange" in english


def test_text_output_cleans_to_itself(seed):
    """Idempotence: the text form, cleaned again, gives the same text form."""
    from cleaner import source_from_text

    text = render_text(seed)
    assert render_text(clean(source_from_text(text), CAIJING)) == text


def test_golden_text_is_the_golden_json_rendered():
    assert (FIXTURES / "000_b75e2609f1de16f2.golden.txt").read_text("utf-8") == render_text(GOLDEN)
    assert json.loads((FIXTURES / "000_b75e2609f1de16f2.golden.json").read_text("utf-8"))["articles"]
