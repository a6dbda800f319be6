"""The articles of known structure that the round-trip corpus typesets, and where each came from.

Run by hand (once; the result is committed as ``benchmarks/roundtrip/sources/articles.json``)::

    .venv/bin/python -m benchmarks.roundtrip.sources [--debian-dir DIR]

Three origins:

- the reviewed seed golden ``fixtures/000_b75e2609f1de16f2.golden.json`` (articles with a title
  and mostly Chinese text; its ``table``/``info``/``quote`` blocks are left out, a caption's
  trailing credit such as ``图/新华`` is split off into ``credit``);
- ``fixtures/chengshi/chengshi_2024_12.golden.json``;
- public zh-CN prose shipped by Debian (bookworm): the packages ``debian-faq-zh-cn`` 11.1 (Debian FAQ,
  ``/usr/share/doc/debian/FAQ/zh-cn/*.html``) and ``maint-guide-zh-cn`` 1.2.53 (Debian New
  Maintainers' Guide, ``/usr/share/doc/maint-guide-zh-cn/html/*.html``). Get them without
  installing: ``apt-get download debian-faq-zh-cn maint-guide-zh-cn`` and
  ``dpkg-deb -x PKG.deb DIR`` for each. A chapter becomes an article: its ``<h1>`` the title,
  its ``<h2>`` the headings, and only its prose ``<p>`` paragraphs (mostly Han characters,
  a closed sentence at the end, no code) the body.

>>> split_credit("拜登展示的1985年习近平照片。图/新华")
('拜登展示的1985年习近平照片。', '图/新华')
>>> split_credit("改造后的东关街。图片来源：视觉中国")
('改造后的东关街。', '图片来源：视觉中国')
>>> split_credit("没有署名的图片说明。")
('没有署名的图片说明。', None)
"""

from __future__ import annotations

import argparse
import html.parser
import json
import re
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED_GOLDEN = ROOT / "fixtures" / "000_b75e2609f1de16f2.golden.json"
CHENGSHI_GOLDEN = ROOT / "fixtures" / "chengshi" / "chengshi_2024_12.golden.json"
SOURCES = Path(__file__).parent / "sources" / "articles.json"
DEBIAN_DOCS = {
    "debian-faq-zh-cn": "usr/share/doc/debian/FAQ/zh-cn",
    "maint-guide-zh-cn": "usr/share/doc/maint-guide-zh-cn/html",
}
DEBIAN_VERSIONS = {"debian-faq-zh-cn": "11.1", "maint-guide-zh-cn": "1.2.53"}  # the .deb files read
CREDIT = re.compile(r"(?:图|摄影|摄|图片来源|图片|制图)[/／：:]\s*\S+$")
HAN = re.compile(r"[\u3400-\u9fff]")
CLOSED = tuple("。！？”）")
KEPT_KINDS = {"paragraph", "heading", "caption", "endnote"}
BODY_LIMIT = 6000  # characters of body text kept per article


def split_credit(caption: str) -> tuple[str, str | None]:
    """A caption's text and its trailing photo credit (``图/新华``, ``图片来源：受访者``), if any."""
    found = CREDIT.search(caption)
    if not found or found.start() == 0:
        return caption, None
    return caption[: found.start()].rstrip(), found.group(0)


def han_share(text: str) -> float:
    """Share of Han characters among the non-space characters.

    >>> han_share("Debian 软件包")
    0.3333333333333333
    """
    chars = [c for c in text if not c.isspace()]
    return sum(1 for c in chars if HAN.match(c)) / max(1, len(chars))


def golden_articles(path: Path, origin: str) -> list[dict]:
    """Articles of a reviewed golden Document, in the source schema."""
    document = json.loads(path.read_text("utf-8"))
    articles = []
    for number, article in enumerate(document["articles"]):
        blocks = []
        for block in article["blocks"]:
            if block["kind"] not in KEPT_KINDS:
                continue
            if block["kind"] == "caption":
                text, credit = split_credit(block["text"])
                blocks.append({"kind": "caption", "text": text, "credit": credit})
            else:
                blocks.append({"kind": block["kind"], "text": block["text"]})
        body = "".join(b["text"] for b in blocks if b["kind"] == "paragraph")
        if not article["title"] or not body or han_share(body) < 0.5:
            continue
        articles.append({
            "id": f"{origin}-{number:02d}",
            "origin": {"file": str(path.relative_to(ROOT)), "article": number},
            "section": article["section"], "title": article["title"], "subtitle": article["subtitle"],
            "deck": article["deck"] or None, "bylines": list(article["bylines"]), "blocks": blocks})
    return articles


class ChapterParser(html.parser.HTMLParser):
    """Collect a DocBook HTML chapter's title, section titles and paragraphs, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[tuple[str, str]] = []  # (tag, text)
        self.open: str | None = None
        self.text: list[str] = []
        self.has_code = False
        self.skip = 0  # depth inside <pre> or a table of contents

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = dict(attrs).get("class") or ""
        listing = tag == "div" and classes in ("toc", "list-of-tables", "list-of-examples")
        starts_skip = tag == "pre" or listing
        if starts_skip or (tag in ("div", "pre") and self.skip):
            self.skip += 1
        elif tag in ("h1", "h2", "p") and not self.skip:
            self.open, self.text, self.has_code = tag, [], False
        elif tag in ("code", "screen", "kbd") and self.open:
            self.has_code = True

    def handle_endtag(self, tag: str) -> None:
        if tag in ("div", "pre") and self.skip:
            self.skip -= 1
        elif tag == self.open:
            text = " ".join("".join(self.text).split())
            self.items.append((tag if not self.has_code else tag + "+code", text))
            self.open = None

    def handle_data(self, data: str) -> None:
        if self.open and not self.skip:
            self.text.append(data.replace("\u00a0", " "))


def is_prose(text: str) -> bool:
    """A paragraph worth typesetting: mostly Han, long enough, ending a sentence.

    >>> is_prose("使用 dpkg -i 安装：")
    False
    """
    return len(text) >= 40 and han_share(text) >= 0.6 and text.endswith(CLOSED)


def chapter_article(path: Path, package: str, number: int) -> dict | None:
    """One DocBook chapter as an article, or None when it holds too little prose."""
    parser = ChapterParser()
    parser.feed(path.read_text("utf-8"))
    title = next((t for tag, t in parser.items if tag.startswith("h1")), None)
    if not title:
        return None
    title = re.sub(r"^(第 \d+ 章|附录 [A-Z]\.)\s*", "", title)
    blocks: list[dict] = []
    for tag, text in parser.items:
        heading = re.sub(r"^[A-Z\d]+(\.\d+)*\.\s*", "", text)
        if tag.startswith("h2") and 2 <= len(heading) <= 24 and han_share(heading) >= 0.5:
            if blocks and blocks[-1]["kind"] == "heading":
                blocks.pop()  # a heading with no prose under it
            blocks.append({"kind": "heading", "text": heading})
        elif tag.startswith("p") and is_prose(text) and "http" not in text:
            blocks.append({"kind": "paragraph", "text": unicodedata.normalize("NFC", text)})
    while blocks and blocks[-1]["kind"] == "heading":
        blocks.pop()
    if sum(1 for b in blocks if b["kind"] == "paragraph") < 4:
        return None
    return {"id": f"{package}-{number:02d}",
            "origin": {"package": package, "file": "/" + str(path.relative_to(path.parents[len(
                Path(DEBIAN_DOCS[package]).parts)]))},
            "section": None, "title": title, "subtitle": None, "deck": None, "bylines": [],
            "blocks": blocks}


def debian_articles(debian_dir: Path) -> list[dict]:
    """Articles from the zh-CN Debian documentation unpacked (``dpkg-deb -x``) under debian_dir."""
    articles = []
    for package, folder in DEBIAN_DOCS.items():
        chapters = sorted((debian_dir / folder).glob("*.zh-cn.html"))
        if not chapters:
            raise SystemExit(f"magclean: error: no {package} chapters under {debian_dir / folder}")
        for number, chapter in enumerate(chapters):
            article = chapter_article(chapter, package, number)
            if article:
                articles.append(article)
    return articles


def without_shared_blocks(articles: list[dict]) -> list[dict]:
    """Drop every block whose text occurs in more than one article (boilerplate such as a
    manual's "this guide was rewritten" note), so no text can be in both corpus splits.

    >>> a = [{"blocks": [{"text": "共有。"}, {"text": "甲。"}]}, {"blocks": [{"text": "共有。"}]}]
    >>> [[b["text"] for b in x["blocks"]] for x in without_shared_blocks(a)]
    [['甲。'], []]
    """
    seen: dict[str, set[int]] = {}
    for number, article in enumerate(articles):
        for block in article["blocks"]:
            seen.setdefault(block["text"], set()).add(number)
    return [dict(article, blocks=[b for b in article["blocks"] if len(seen[b["text"]]) == 1])
            for article in articles]


def trimmed(article: dict, limit: int = BODY_LIMIT) -> dict:
    """The article with its body (paragraphs, headings) cut after ``limit`` characters: a
    corpus document never sets more; its captions and end notes are all kept."""
    kept, used = [], 0
    for block in article["blocks"]:
        if block["kind"] in ("paragraph", "heading"):
            if used >= limit:
                continue
            used += len(block["text"])
        kept.append(block)
    return dict(article, blocks=kept)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--debian-dir", type=Path, default=Path("/tmp/debzh/x"),
                        help="where the .deb files were unpacked with dpkg-deb -x")
    args = parser.parse_args()
    articles = without_shared_blocks(golden_articles(SEED_GOLDEN, "caijing")
                                     + golden_articles(CHENGSHI_GOLDEN, "chengshi")
                                     + debian_articles(args.debian_dir))
    articles = [trimmed(a) for a in articles]
    SOURCES.parent.mkdir(parents=True, exist_ok=True)
    origin = {"golden": [str(SEED_GOLDEN.relative_to(ROOT)), str(CHENGSHI_GOLDEN.relative_to(ROOT))],
              "debian": DEBIAN_VERSIONS}
    text = json.dumps({"origin": origin, "articles": articles}, ensure_ascii=False, indent=1)
    SOURCES.write_text(text + "\n", "utf-8")
    print(f"{len(articles)} articles -> {SOURCES.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
