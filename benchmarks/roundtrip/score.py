"""Score a cleaner (or any text -> blocks function) on the round-trip corpus.

A case is one document as one extractor wrote it: ``fixtures/roundtrip/<split>/<doc>/<extractor>/input.txt``
with the document's ``truth.json``. Measures, per case, summed over a cell:

- body paragraphs: exact whole-paragraph matches, as a multiset of normalised texts, between
  the truth's ``paragraph`` blocks and the output's ``paragraph`` blocks (a truth paragraph the
  output gives as a quote or heading is a miss); F1 = 2·matched / (truth + output);
- headings: the same, truth ``heading`` blocks against output ``heading`` blocks;
- captions in paragraphs: truth caption texts found inside an output paragraph (lower is better);
- sentences lost: sentences of truth paragraphs (split after 。！？) found whole inside no output
  block (lower is better).

>>> normalise("新 冠 疫情 以来， Debian  的 apt-get  update 命令")
'新冠疫情以来，Debian的apt-get update命令'
>>> sentences("第一句。第二句！“第三句？”尾巴")
['第一句。', '第二句！', '“第三句？', '”尾巴']
>>> score_blocks({"articles": [{"blocks": [{"kind": "paragraph", "text": "甲。"}]}]},
...              [("paragraph", "甲。"), ("paragraph", "乙。")])["body_matched"]
1
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "fixtures" / "roundtrip"
EXTRACTORS = ("pdftotext", "pdftotext-layout", "pdfminer", "pypdfium2")
CJK = (r"\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
       r"\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef")
CJK_CLASS = "[" + CJK + "“”‘’…—·]"
SPACE_BY_CJK = re.compile(rf"\s+(?={CJK_CLASS})|(?<={CJK_CLASS})\s+")
SPACES = re.compile(r"\s+")
SENTENCE_END = re.compile(r"(?<=[。！？])")
COUNTS = ("body_truth", "body_output", "body_matched", "heading_truth", "heading_output", "heading_matched",
          "captions", "captions_in_paragraphs", "sentences", "sentences_lost")

Blocks = list[tuple[str, str]]  # (kind, text) of every output block, in order


@dataclass(frozen=True)
class Case:
    """One document as one extractor wrote it."""

    split: str
    doc_id: str
    extractor: str
    engine: str
    columns: int
    input_path: Path
    truth_path: Path

    @property
    def name(self) -> str:
        return f"{self.split}/{self.doc_id}/{self.extractor}"

    def text(self) -> str:
        """The extracted text, exactly as the extractor wrote it (pypdfium2 keeps its CR LF)."""
        return self.input_path.read_bytes().decode("utf-8")

    def truth(self) -> dict:
        return json.loads(self.truth_path.read_text("utf-8"))


def normalise(text: str) -> str:
    """NFC; no whitespace next to a CJK character or CJK punctuation; other whitespace runs as one space."""
    text = unicodedata.normalize("NFC", text)
    return SPACES.sub(" ", SPACE_BY_CJK.sub("", text)).strip()


def sentences(paragraph: str) -> list[str]:
    """A paragraph cut after every 。！？ (empty pieces dropped)."""
    return [s for s in SENTENCE_END.split(paragraph) if s.strip()]


def load_cases(split: str, corpus: Path = CORPUS) -> list[Case]:
    """Every case of a split, sorted by name."""
    cases = []
    for truth_path in sorted((corpus / split).glob("*/truth.json")):
        layout = json.loads(truth_path.read_text("utf-8"))["layout"]
        for extractor in EXTRACTORS:
            path = truth_path.parent / extractor / "input.txt"
            if path.exists():
                cases.append(Case(split, truth_path.parent.name, extractor, layout["engine"],
                                  layout["columns"], path, truth_path))
    return cases


def quick_sample(cases: list[Case], size: int = 40) -> list[Case]:
    """A fixed sample of about ``size`` cases: for each extractor, documents evenly spread over
    the sorted list (each extractor shifted by one document), so every extractor, engine and
    column count is in it."""
    by_key = {(c.doc_id, c.extractor): c for c in cases}
    documents = sorted({c.doc_id for c in cases})
    per_extractor = max(1, size // len(EXTRACTORS))
    sample = []
    for shift, extractor in enumerate(EXTRACTORS):
        for j in range(min(per_extractor, len(documents))):
            document = documents[(j * len(documents) // per_extractor + shift) % len(documents)]
            case = by_key.get((document, extractor))
            if case:
                sample.append(case)
    return sample


def truth_blocks(truth: dict, kind: str) -> list[str]:
    return [b["text"] for a in truth["articles"] for b in a["blocks"] if b["kind"] == kind]


def multiset_matches(expected: Iterable[str], got: Iterable[str]) -> int:
    """How many normalised texts the two multisets share."""
    return sum((Counter(map(normalise, expected)) & Counter(map(normalise, got))).values())


def score_blocks(truth: dict, blocks: Blocks) -> dict[str, int]:
    """The counts of one case from the output blocks."""
    body = truth_blocks(truth, "paragraph")
    headings = truth_blocks(truth, "heading")
    out_body = [t for k, t in blocks if k == "paragraph"]
    out_headings = [t for k, t in blocks if k == "heading"]
    paragraphs_norm = [normalise(t) for t in out_body]
    all_norm = [normalise(t) for _, t in blocks]
    captions = [normalise(t) for t in truth_blocks(truth, "caption")]
    pieces = [normalise(s) for p in body for s in sentences(p)]
    return {
        "body_truth": len(body), "body_output": len(out_body),
        "body_matched": multiset_matches(body, out_body),
        "heading_truth": len(headings), "heading_output": len(out_headings),
        "heading_matched": multiset_matches(headings, out_headings),
        "captions": len(captions),
        "captions_in_paragraphs": sum(1 for c in captions if any(c in p for p in paragraphs_norm)),
        "sentences": len(pieces),
        "sentences_lost": sum(1 for s in pieces if s and not any(s in b for b in all_norm)),
    }


def magclean_blocks(text: str) -> Blocks:
    """The cleaner's output blocks (``magclean.clean_text``)."""
    import magclean
    document = magclean.clean_text(text)
    return [(b.kind, b.text) for a in document.articles for b in a.blocks]


def baseline_available() -> bool:
    try:
        import opencc_pyo3  # noqa: F401
    except ImportError:
        return False
    return True


def baseline_blocks(text: str) -> Blocks:
    """The simple baseline: opencc-pyo3's ``reflow_cjk_paragraphs(text, False, False)``,
    every blank-line-separated piece of its output taken as one paragraph."""
    from opencc_pyo3.opencc_pyo3 import reflow_cjk_paragraphs
    reflowed = reflow_cjk_paragraphs(text, False, False)
    return [("paragraph", p.strip()) for p in re.split(r"\n\s*\n", reflowed) if p.strip()]


def cell_of(case: Case) -> tuple[str, int, str]:
    return (case.extractor, case.columns, case.engine)


def score_cases(cases: Iterable[Case], blocks_of: Callable[[str], Blocks]) -> dict[tuple, dict[str, int]]:
    """Counts summed per cell (extractor, columns, engine), plus the cell ("all", 0, "all")."""
    cells: dict[tuple, Counter] = {}
    for case in cases:
        counts = score_blocks(case.truth(), blocks_of(case.text()))
        for cell in (cell_of(case), ("all", 0, "all")):
            cells.setdefault(cell, Counter()).update(counts)
    return {cell: {k: counts.get(k, 0) for k in COUNTS} for cell, counts in cells.items()}


def f1(matched: int, truth: int, output: int) -> float:
    """2·matched / (truth + output), 1.0 when there is nothing on either side.

    >>> f1(3, 4, 4)
    0.75
    """
    return 1.0 if truth + output == 0 else 2 * matched / (truth + output)


def figures(counts: dict[str, int]) -> dict[str, float | int]:
    """The printed figures of one cell."""
    body = f1(counts["body_matched"], counts["body_truth"], counts["body_output"])
    headings = f1(counts["heading_matched"], counts["heading_truth"], counts["heading_output"])
    return {"body_f1": round(body, 4), "heading_f1": round(headings, 4),
            "captions_in_paragraphs": counts["captions_in_paragraphs"], "captions": counts["captions"],
            "sentences_lost": counts["sentences_lost"], "sentences": counts["sentences"]}
