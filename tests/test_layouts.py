"""Other extractors, other column widths: reviewed articles laid out again (tests/layouts.py)
must come back as the same articles, paragraphs, headings and captions."""


import pytest
from layouts import STYLES, lay_out, load_articles

from cleaner import CleanConfig, clean, load_profile, source_from_text
from cleaner.document import non_whitespace
from cleaner.text import display_width

ARTICLES = load_articles()
TRUTH = [b["text"] for a in ARTICLES for b in a["blocks"] if b["kind"] == "paragraph"]
# Measured paragraph accuracy floors (see README "Accuracy"): narrow columns put far more
# sentence ends exactly at the margin, where only the margin model can decide.
FLOOR = {16: 0.7, 22: 0.82, 30: 0.93, 40: 0.9}
CASES = [(style, chars) for style in STYLES for chars in FLOOR]


@pytest.fixture(scope="module", params=CASES, ids=[f"{s.name}-{c}" for s, c in CASES])
def case(request):
    style, chars = request.param
    text = lay_out(ARTICLES, style, chars)
    # The articles are 《财经》's: its profile knows their section labels (社评 has no English label here).
    return style, chars, text, clean(source_from_text(text), CleanConfig(profile=load_profile("caijing")))


def test_articles_and_their_heads_come_back(case):
    _, _, _, doc = case
    assert [a.title for a in doc.articles] == [a["title"] for a in ARTICLES]
    assert [list(a.bylines) for a in doc.articles] == [a["bylines"] for a in ARTICLES]


def test_paragraphs_come_back(case):
    _, chars, _, doc = case
    got = {b.text for a in doc.articles for b in a.blocks if b.kind == "paragraph"}
    right = sum(text in got for text in TRUTH)
    assert right / len(TRUTH) >= FLOOR[chars]


def test_headings_and_captions_come_back(case):
    _, chars, _, doc = case
    captions = [b["text"] for a in ARTICLES for b in a["blocks"] if b["kind"] == "caption"]
    assert [b.text for a in doc.articles for b in a.blocks if b.kind == "caption"] == captions
    # A heading as wide as a body line, with no punctuation, reads like a paragraph's first
    # line; only headings clearly shorter than the column can be told by layout alone.
    headings = [b["text"] for a in ARTICLES for b in a["blocks"]
                if b["kind"] == "heading" and display_width(b["text"]) < chars * 2 * 0.8]
    got = [b.text for a in doc.articles for b in a.blocks if b.kind == "heading"]
    assert [h for h in got if h in headings] == headings


def test_running_heads_and_page_numbers_are_removed(case):
    style, _, text, doc = case
    texts = [b.text for a in doc.articles for b in a.blocks]
    assert not any("城市周刊" in t for t in texts)
    pages = text.count("城市周刊")
    removed = sorted(r.text for r in doc.removed)
    if style.furniture == "none":
        assert removed == []
    else:
        numbers = [str(n + 40) for n in range(1, pages + 1)]
        assert removed == sorted(["城市周刊 2024年第12期"] * pages + numbers)


def test_nothing_is_lost(case):
    _, _, text, doc = case
    assert doc.characters() == non_whitespace(text)
