"""Is the truth exact? Every truth block must really appear in its PDF's text.

A block passes when its text, whitespace removed, is a substring of the whitespace-free text of
at least one extraction read in order, or of the PDF's characters of one font size in content
order (read with pypdfium2: captions, body, headings and furniture are set in different sizes),
after the page furniture lines (running heads, folios) are taken out and every caption as
printed (text and credit) is cut out of the stream: a caption
may stand inside a paragraph (``inside`` placement, a float at a page top) and a running head
between the two pages of one. Columns are read in order by at least one extractor for every
engine (pdftotext, pypdfium2); the ``-layout`` text, whose columns stand side by side, rarely
helps. What fails is listed in ``fixtures/roundtrip/EXACTNESS.txt`` and must stay under 1%.

>>> squeeze(" 城市 周刊\\n 37 ")
'城市周刊37'
>>> strip_furniture("城市周刊 2024年3月   经济\\n正文。", ["城市周刊 2024年3月", "经济"])
'正文。'
"""

from __future__ import annotations

import pathlib
import re
import unicodedata

WHITESPACE = re.compile(r"\s+")


# pdfium marks a hyphen it takes for a line-end hyphenation as U+FFFE (or U+0002 in its
# character data) and joins the word: "build\ufffeessential" for the printed "build-essential"
PDFIUM_HYPHENS = str.maketrans({"\ufffe": "-", "\x02": "-"})


def squeeze(text: str) -> str:
    """NFC, pdfium's hyphen marks read as the hyphens they stand for, and no whitespace at all."""
    return WHITESPACE.sub("", unicodedata.normalize("NFC", text.translate(PDFIUM_HYPHENS)))


def is_furniture_line(line: str, furniture: list[str]) -> bool:
    """A line made only of furniture strings (in -layout text the left and right heads share a line)."""
    rest = squeeze(line)
    if not rest:
        return False
    for item in sorted((squeeze(f) for f in furniture), key=len, reverse=True):
        rest = rest.replace(item, "")
    return rest == ""


def strip_furniture(text: str, furniture: list[str]) -> str:
    """The extraction without its furniture lines, whitespace removed."""
    return "".join(squeeze(line) for line in text.splitlines() if not is_furniture_line(line, furniture))


def printed_captions(truth: dict) -> list[str]:
    """Every caption as printed: text, credit, and both together; longest first."""
    found = set()
    for article in truth["articles"]:
        for block in article["blocks"]:
            if block["kind"] == "caption":
                found.add(squeeze(block["text"]))
                if block.get("credit"):
                    found.add(squeeze(block["text"] + block["credit"]))
    return sorted(found, key=len, reverse=True)


def truth_strings(truth: dict) -> list[tuple[str, str]]:
    """(label, text) of every head field and block of the truth."""
    out = []
    for number, article in enumerate(truth["articles"]):
        for field in ("section", "section_en", "title", "subtitle", "deck"):
            if article.get(field):
                out.append((f"article {number} {field}", article[field]))
        out += [(f"article {number} byline", b) for b in article["bylines"]]
        for index, block in enumerate(article["blocks"]):
            out.append((f"article {number} block {index} {block['kind']}", block["text"]))
            if block.get("credit"):
                out.append((f"article {number} block {index} credit", block["credit"]))
    return out


def streams(truth: dict, texts: dict[str, str]) -> list[str]:
    """Each extraction's whitespace-free text without furniture and without captions."""
    captions = printed_captions(truth)
    out = []
    for text in texts.values():
        stream = strip_furniture(text, truth["furniture"])
        for caption in captions:
            stream = stream.replace(caption, "")
        out.append(stream)
    return out


def size_streams(pdf: pathlib.Path) -> list[str]:
    """The PDF's characters in content order, one whitespace-free stream per font size (rounded
    to 0.25 pt), from pypdfium2's character data: a wrapped figure's caption, set smaller, then
    no longer interleaves with the body lines beside it, nor a running head with the body."""
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    by_size: dict[float, list[str]] = {}
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        for page in document:
            textpage = page.get_textpage()
            for index in range(textpage.count_chars()):
                code = pdfium_c.FPDFText_GetUnicode(textpage, index)
                char = chr(code) if code else ""
                if not char or (char.isspace() and char != "\x02"):
                    continue
                size = round(pdfium_c.FPDFText_GetFontSize(textpage, index) * 4) / 4
                by_size.setdefault(size, []).append(char)
    finally:
        document.close()
    return [squeeze("".join(chars)) for chars in by_size.values()]


def check(truth: dict, pdf: pathlib.Path | None, texts: dict[str, str]) -> list[str]:
    """The truth strings found in no extraction (label and start of the text)."""
    by_size = size_streams(pdf) if pdf is not None else []
    whole = [strip_furniture(t, truth["furniture"]) for t in texts.values()] + by_size
    raw = [squeeze(t) for t in texts.values()]  # a section label may also be a running head
    cut = streams(truth, texts) + by_size
    failures = []
    for label, text in truth_strings(truth):
        needle = squeeze(text)
        if label.split()[2] in ("section", "section_en", "title", "subtitle", "deck", "byline"):
            pool = raw
        else:
            pool = whole if label.endswith(("caption", "credit")) else cut
        if not any(needle in stream for stream in pool):
            failures.append(f"{label}: {text[:40]}")
    return failures
