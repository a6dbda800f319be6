"""Generate the round-trip corpus: real PDFs from real engines, extracted by the real programs.

Run by hand (see README, "Regenerating the round-trip corpus")::

    SOURCE_DATE_EPOCH=0 .venv/bin/python -m benchmarks.roundtrip.generate [--engines weasyprint,xelatex]

For every engine and every seed: pick articles of known structure (``sources/articles.json``,
see ``sources.py``) and layout values from ``random.Random(seed)``, typeset the document with
the engine, extract the PDF with poppler ``pdftotext`` (default and ``-layout``), pdfminer.six
``extract_text`` (default LAParams) and pypdfium2 (``get_text_range()`` per page, pages joined
with ``"\\n"``), and write ``fixtures/roundtrip/<split>/<doc-id>/truth.json`` and
``<extractor>/input.txt``. The PDFs are kept only in a temporary folder (or ``--keep-pdfs DIR``).

Seeds decide the split: dev seeds and held-out seeds, and the held-out documents take their
articles only from sources no dev document uses (``split_of`` below), so rules developed on
dev cannot have memorised held-out text.

Every truth block is checked against the PDF's text (``exactness.py``); the blocks that fail
are listed in ``fixtures/roundtrip/EXACTNESS.txt``.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import hashlib
import importlib
import importlib.metadata
import json
import os
import pathlib
import random
import shutil
import subprocess
import sys
import tempfile
import unicodedata

from benchmarks.roundtrip import exactness, extract

ROOT = pathlib.Path(__file__).resolve().parents[2]
SOURCES = pathlib.Path(__file__).parent / "sources" / "articles.json"
CORPUS = ROOT / "fixtures" / "roundtrip"
SPLITS = {"dev": range(1000, 1024), "heldout": range(5000, 5024)}
ENGINES = ("weasyprint", "xelatex")
MAGAZINES = ("城市周刊", "财经观察", "新知", "南方周末刊", "科技生活", "读城")
SECTIONS = (("封面故事", "Cover Story"), ("经济", "Economy"), ("科技", "Technology"),
            ("城市", "City"), ("人物", "People"), ("观察", "Observation"), ("文化", "Culture"),
            ("专题", "Special Report"), ("评论", "Opinion"), ("数字生活", "Digital Life"),
            ("开源", "Open Source"), ("调查", "Investigation"))
SECTION_EN = dict(SECTIONS) | {"社评": "Editorial", "读者评论": "Letters", "学术观点": "Research",
                               "汽车与出行": "Auto & Mobility", "封面文章": "Cover Story"}
NAMES = ("张明", "李华", "王晓雨", "陈一", "赵雨", "刘潇阳", "周宁", "孙颖", "吴迪", "郑可", "黄慧", "林峰")
FOLIO_FORMS = ("{n}", "— {n} —", "P{n}", "{n} / {magazine}")
MARKER = "返回目录"
MIN_PAGES, MAX_PAGES = 2, 6
DEBIAN_PACKAGES = ("poppler-utils", "fonts-noto-cjk", "fonts-lmodern", "fonts-opensymbol", "texlive-xetex",
                   "texlive-lang-chinese", "libpango-1.0-0", "libharfbuzz0b", "libfontconfig1",
                   "libfreetype6")


def split_of(source_id: str, ids: list[str]) -> str:
    """Which split a source article belongs to: alternate through the sorted ids of each origin,
    so both splits get every kind of source and none is shared.

    >>> split_of("b-01", ["a-00", "b-00", "b-01"])
    'heldout'
    """
    origin = source_id.rsplit("-", 1)[0]
    same = sorted(i for i in ids if i.rsplit("-", 1)[0] == origin)
    return "dev" if same.index(source_id) % 2 == 0 else "heldout"


def load_sources() -> dict[str, list[dict]]:
    """Source articles by split."""
    articles = json.loads(SOURCES.read_text("utf-8"))["articles"]
    ids = [a["id"] for a in articles]
    by_split: dict[str, list[dict]] = {"dev": [], "heldout": []}
    for article in articles:
        by_split[split_of(article["id"], ids)].append(article)
    return by_split


def make_layout(seed: int, engine: str) -> dict:
    """All layout values of one document, from its seed (the same for every engine)."""
    rng = random.Random(seed * 7919 + 1)
    columns = 2 if rng.random() < 0.45 else 1
    chars = rng.randint(16, 26) if columns == 2 else rng.randint(16, 40)
    font = rng.choice((9.0, 9.5, 10.0, 10.5, 11.0))
    head_where = rng.choice(("top", "top", "bottom"))
    folio_where = rng.choice(("top", "bottom", "bottom"))
    if columns * chars < 30:  # a narrow page has no room for a head and a folio on one line
        head_where, folio_where = "top", "bottom"
    align = "center" if folio_where == head_where else rng.choice(("center", "outer"))
    return {
        "engine": engine, "seed": seed, "columns": columns, "chars_per_line": chars,
        "gutter_chars": rng.randint(1, 3), "font_pt": font,
        "leading": rng.choice((1.4, 1.5, 1.6, 1.7, 1.8)),
        "indent_em": rng.choice((2, 2, 0)), "justify": True,
        "head": {"where": head_where, "left": "", "right": "", "alternate": rng.random() < 0.5},
        "folio": {"where": folio_where, "form": rng.choice(FOLIO_FORMS), "align": align},
        "head_on_first": rng.random() < 0.4,
        "figure_lines": rng.randint(3, 6), "float_where": rng.choice(("top", "bottom")),
        "wrap_chars": rng.randint(5, 9), "caption_pt": font - 1.5,
        "title_pt": rng.choice((16.0, 18.0, 20.0, 22.0)), "heading_pt": font + rng.choice((1.0, 2.0, 3.0)),
        "margin_mm": rng.choice((12, 15, 18, 20)),
        "credit_own_line": rng.random() < 0.35, "section_en_under": rng.random() < 0.6,
    }


def page_capacity(layout: dict) -> int:
    """About how many CJK characters of body text one page holds."""
    font = layout["font_pt"]
    width = layout["columns"] * layout["chars_per_line"] * font + (layout["columns"] - 1) \
        * layout["gutter_chars"] * font
    margin = layout["margin_mm"] * 72 / 25.4
    height = max(1.4 * (width + 2 * margin), 120 * 72 / 25.4) - 2 * margin
    lines = int(height / (font * layout["leading"]))
    return int(lines * layout["columns"] * layout["chars_per_line"] * 0.85)


def line_end_cut(text: str, chars: int, indent: int, rng: random.Random) -> int | None:
    """An offset in ``text`` at the end of a printed line (counting Han and full-width characters
    as one, others as a half), at least one line in and one line before the end."""
    widths = sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)
    lines_total = (widths + indent) / chars
    if lines_total < 2.5:
        return None
    target_line = rng.randint(1, int(lines_total) - 1)
    width, line = float(indent), 0
    for offset, char in enumerate(text):
        width += 1.0 if unicodedata.east_asian_width(char) in "WF" else 0.5
        if width >= chars:
            line, width = line + 1, 0.0
            if line == target_line:
                return offset + 1
    return None


def pick_captions(source: dict, pool: list[dict], rng: random.Random) -> list[dict]:
    """The captions of one article: its own, or one or two borrowed from its split's pool."""
    own = [b for b in source["blocks"] if b["kind"] == "caption" and len(b["text"]) >= 6]
    chosen = own[:3] if own else rng.sample(pool, k=min(len(pool), rng.randint(1, 2)))
    captions = []
    for caption in chosen:
        credit = caption["credit"] if rng.random() < 0.7 else None
        captions.append({"kind": "caption", "text": caption["text"], "credit": credit})
    return captions


def place_captions(body: list[dict], captions: list[dict], layout: dict, rng: random.Random) -> list[dict]:
    """Put each caption among the body blocks with a placement (between, inside, float, wrap)."""
    blocks = list(body)
    for caption in captions:
        spots = [i for i in range(1, len(blocks) + 1) if blocks[i - 1]["kind"] == "paragraph"
                 and (i == len(blocks) or blocks[i]["kind"] != "caption")]
        if not spots:
            continue
        spot = rng.choice(spots[: max(1, len(spots) - 1)])
        placement = rng.choice(("between", "inside", "inside", "float", "wrap", "wrap"))
        if placement == "wrap" and any(b.get("placement") == "wrap" for b in blocks):
            placement = "between"  # two wrapped figures side by side would share their lines
        caption = dict(caption, placement=placement)
        if placement == "inside":
            cut = line_end_cut(blocks[spot - 1]["text"], layout["chars_per_line"], layout["indent_em"], rng)
            if cut is None:
                caption["placement"] = "between"
            else:
                caption["cut"] = cut
        blocks.insert(spot, caption)
    return blocks


def make_article(source: dict, budget: int, pool: list[dict], layout: dict, rng: random.Random) -> dict:
    """One article: the source's head (section labels and bylines made up where it has none),
    its first body blocks up to ``budget`` characters, captions, end note and marker."""
    section = source["section"]
    if section is None and rng.random() < 0.8:
        section = rng.choice(SECTIONS)[0]
    section_en = SECTION_EN.get(section) if section and rng.random() < 0.75 else None
    bylines = list(source["bylines"])
    if not bylines and rng.random() < 0.7:
        bylines = [f"文/本刊记者 {rng.choice(NAMES)}"]
        if rng.random() < 0.5:
            bylines.append(f"编辑/{rng.choice(NAMES)}")
    body, used = [], 0
    for block in source["blocks"]:
        if block["kind"] not in ("paragraph", "heading"):
            continue
        if used >= budget and body and body[-1]["kind"] == "paragraph":
            break
        body.append({"kind": block["kind"], "text": block["text"]})
        used += len(block["text"])
    while body and body[-1]["kind"] == "heading":
        body.pop()
    blocks = place_captions(body, pick_captions(source, pool, rng), layout, rng)
    endnotes = [b for b in source["blocks"] if b["kind"] == "endnote"][-1:]
    if not endnotes and rng.random() < 0.4:
        form = rng.choice(("（编辑：{}）", "责任编辑：{}"))
        endnotes = [{"kind": "endnote", "text": form.format(rng.choice(NAMES))}]
    blocks += [{"kind": "endnote", "text": e["text"]} for e in endnotes]
    if rng.random() < 0.5:
        blocks.append({"kind": "marker", "text": MARKER})
    return {"source": source["id"], "section": section, "section_en": section_en, "title": source["title"],
            "subtitle": source["subtitle"], "deck": source["deck"], "bylines": bylines, "blocks": blocks}


def make_document(seed: int, sources: list[dict], layout: dict, scale: float = 1.0, extra: int = 0) -> dict:
    """The document of one seed: 1–3 articles of its split, about ``scale`` times 1.6–4.5 pages
    of text in all (``build_one`` adjusts ``scale`` until the document has 2–6 pages)."""
    rng = random.Random(seed)
    magazine = rng.choice(MAGAZINES)
    year, month, day = rng.randint(2021, 2025), rng.randint(1, 12), rng.randint(1, 28)
    count = min(3, max(1, rng.choice((1, 1, 2, 2, 3)) + extra))
    total = int(page_capacity(layout) * rng.uniform(1.6, 4.5) * scale)
    pool = [b for s in sources for b in s["blocks"] if b["kind"] == "caption" and len(b["text"]) >= 6]
    chosen = rng.sample(sources, k=count)
    articles = [make_article(s, max(150, total // count), pool, layout, rng) for s in chosen]
    doc = {"magazine": magazine, "date": f"{year}年{month}月{day}日", "issue_no": f"第{rng.randint(1, 48)}期",
           "first_page": rng.randint(2, 120), "articles": articles}
    head = layout["head"]
    head["left"] = rng.choice((f"{magazine} {doc['date']}", f"{magazine} {doc['issue_no']}", magazine, ""))
    head["right"] = rng.choice((articles[0]["section"] or "", articles[0]["title"], ""))
    if not head["left"] and not head["right"]:
        head["left"] = magazine
    return doc


def furniture(doc: dict, layout: dict, pages: int) -> list[str]:
    """Every running head and page number string printed on the document's pages."""
    printed = [s for s in (layout["head"]["left"], layout["head"]["right"]) if s]
    form = layout["folio"]["form"]
    printed += [form.replace("{n}", str(n)).replace("{magazine}", doc["magazine"])
                for n in range(doc["first_page"], doc["first_page"] + pages)]
    return printed


def truth_of(doc: dict, layout: dict, pages: int, doc_id: str, split: str) -> dict:
    """The truth file of one document."""
    return {"id": doc_id, "split": split, "magazine": doc["magazine"], "date": doc["date"],
            "issue_no": doc["issue_no"], "first_page": doc["first_page"], "pages": pages,
            "articles": doc["articles"], "furniture": furniture(doc, layout, pages), "layout": layout}


def engine_module(name: str):
    """The engine's module (benchmarks/roundtrip/engines/<name>.py)."""
    return importlib.import_module(f"benchmarks.roundtrip.engines.{name}")


def render_keeping_figures(engine: str, doc: dict, layout: dict, pdf: pathlib.Path,
                           work: pathlib.Path) -> None:
    """Render; a figure the engine lost (WeasyPrint can drop a float that meets a column break)
    is set again as a ``between`` figure, so the truth says what was printed."""
    for _ in range(4):
        engine_module(engine).render(doc, layout, pdf, work)
        printed = "".join(exactness.size_streams(pdf))
        lost = [b for a in doc["articles"] for b in a["blocks"]
                if b["kind"] == "caption" and b["placement"] != "between"
                and exactness.squeeze(b["text"]) not in printed]
        if not lost:
            return
        for block in lost:
            block["placement"] = "between"
            block.pop("cut", None)


def build_one(engine: str, split: str, seed: int, sources: list[dict], out: pathlib.Path,
              keep_pdfs: pathlib.Path | None) -> tuple[str, list[str]]:
    """Typeset, extract and write one document; return its id and its exactness failures."""
    doc_id = f"{engine}-{seed}"
    with tempfile.TemporaryDirectory(prefix=f"rt-{doc_id}-") as tmp:
        work = pathlib.Path(tmp)
        pdf = work / f"{doc_id}.pdf"
        scale, extra = 1.0, 0
        for _ in range(6):  # the same seed each time: only the amount of text changes
            layout = make_layout(seed, engine)
            doc = make_document(seed, sources, layout, scale, extra)
            render_keeping_figures(engine, doc, layout, pdf, work)
            pages = extract.page_count(pdf)
            if MIN_PAGES <= pages <= MAX_PAGES:
                break
            if pages < MIN_PAGES:
                scale, extra = scale * 2, extra + 1
            else:
                scale, extra = scale * 4 / pages, extra - 1
        texts = extract.extract_all(pdf)
        truth = truth_of(doc, layout, pages, doc_id, split)
        failures = exactness.check(truth, pdf, texts)
        if keep_pdfs:
            keep_pdfs.mkdir(parents=True, exist_ok=True)
            shutil.copy(pdf, keep_pdfs / pdf.name)
    folder = out / split / doc_id
    if folder.exists():
        shutil.rmtree(folder)
    for extractor, text in texts.items():
        (folder / extractor).mkdir(parents=True, exist_ok=True)
        (folder / extractor / "input.txt").write_bytes(text.encode("utf-8"))
    (folder / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return doc_id, [f"{split}/{doc_id}: {f}" for f in failures]


def tool_versions(engines: list[str]) -> dict[str, str]:
    """Versions of every program and package that shaped the corpus."""
    versions = {"python": sys.version.split()[0]}
    for package in ("weasyprint", "pdfminer.six", "pypdfium2", "pydyf", "fonttools"):
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            versions[package] = importlib.metadata.version(package)
    with contextlib.suppress(ImportError):
        import pypdfium2.version
        versions["pdfium"] = str(pypdfium2.version.PDFIUM_INFO)
    poppler = subprocess.run(["pdftotext", "-v"], capture_output=True, text=True)
    versions["pdftotext"] = poppler.stderr.split("\n")[0]
    if "xelatex" in engines:
        run = subprocess.run(["xelatex", "--version"], capture_output=True, text=True)
        versions["xelatex"] = run.stdout.split("\n")[0]
    # the Debian packages behind the engines: fonts, and the text layout libraries WeasyPrint loads
    query = subprocess.run(["dpkg-query", "-W", "-f", "${Package} ${Version}\n", *DEBIAN_PACKAGES],
                           capture_output=True, text=True)
    versions |= dict(line.split(" ", 1) for line in query.stdout.splitlines() if " " in line)
    return versions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate the round-trip corpus (fixtures/roundtrip).")
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--out", type=pathlib.Path, default=CORPUS)
    parser.add_argument("--seeds", default=None, help="only these seeds (comma-separated), for trying out")
    parser.add_argument("--keep-pdfs", type=pathlib.Path, default=None, help="copy the PDFs into this folder")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--extra-dev", default=None, metavar="FIRST-LAST",
                        help="more dev-split documents from seeds outside the committed splits (articles "
                             "from the dev sources only), for a wider development set; needs --out "
                             "outside fixtures/roundtrip")
    args = parser.parse_args(argv)
    if args.extra_dev:
        first, _, last = args.extra_dev.partition("-")
        extra = range(int(first), int(last or first) + 1)
        if args.out.resolve() == CORPUS.resolve():
            parser.error("--extra-dev writes outside the committed corpus: give --out")
        if any(seed in seeds for seeds in SPLITS.values() for seed in extra):
            parser.error("--extra-dev seeds must lie outside the committed splits")
    os.environ["SOURCE_DATE_EPOCH"] = "0"
    engines = [e for e in args.engines.split(",") if e]
    only = {int(s) for s in args.seeds.split(",")} if args.seeds else None
    sources = load_sources()
    splits = {"dev": extra} if args.extra_dev else SPLITS
    jobs = [(e, split, seed) for e in engines for split, seeds in splits.items() for seed in seeds
            if only is None or seed in only]
    failures: list[str] = []
    done: list[str] = []
    with concurrent.futures.ProcessPoolExecutor(max_workers=min(2, args.workers)) as pool:
        futures = {pool.submit(build_one, e, split, seed, sources[split], args.out, args.keep_pdfs): (e, seed)
                   for e, split, seed in jobs}
        for future in concurrent.futures.as_completed(futures):
            try:
                doc_id, failed = future.result()
            except Exception as error:  # an engine's or extractor's failure: one line, stop
                print(f"magclean: error: {futures[future]}: {type(error).__name__}: {error}", file=sys.stderr)
                return 1
            done.append(doc_id)
            failures += failed
            print(f"{doc_id}: {len(failed)} block(s) not found", flush=True)
    if only is None and not args.extra_dev:
        write_manifest(args.out, engines, sorted(failures))
    print(f"{len(done)} documents, {len(failures)} truth blocks failed the exactness check")
    return 0


def write_manifest(out: pathlib.Path, engines: list[str], failures: list[str]) -> None:
    """MANIFEST.json (seeds, splits, tool versions, counts) and EXACTNESS.txt."""
    blocks = 0
    documents = sorted(p.parent.relative_to(out).as_posix() for p in out.glob("*/*/truth.json"))
    for path in out.glob("*/*/truth.json"):
        truth = json.loads(path.read_text("utf-8"))
        blocks += sum(len(a["blocks"]) for a in truth["articles"])
    here = pathlib.Path(__file__).parent
    inputs = [SOURCES, here / "generate.py", here / "exactness.py", here / "extract.py",
              *(here / "engines" / f"{e}.py" for e in engines)]
    manifest = {"generator": "python -m benchmarks.roundtrip.generate", "source_date_epoch": 0,
                "engines": engines,
                "inputs_sha256": {p.relative_to(ROOT).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                                  for p in inputs},
                "splits": {k: [v.start, v.stop - 1] for k, v in SPLITS.items()},
                "extractors": list(extract.EXTRACTORS), "tools": tool_versions(engines),
                "documents": documents, "truth_blocks": blocks, "exactness_failures": len(failures)}
    (out / "MANIFEST.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", "utf-8")
    share = len(failures) / max(1, blocks)
    head = f"# truth blocks not found in their PDF's text: {len(failures)} of {blocks} ({share:.2%})"
    lines = [head, *failures]
    (out / "EXACTNESS.txt").write_text("\n".join(lines) + "\n", "utf-8")


if __name__ == "__main__":
    sys.exit(main())
