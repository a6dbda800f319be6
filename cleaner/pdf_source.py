"""A PDF as a Source: its lines in reading order, each with the layout's hint.

Read (``cleaner.read_pdf``) → lay out (``cleaner.layout_pdf``) → one source line per printed line
(a title, a heading or a caption set on several lines becomes one source line), a form feed
before each page's first line, and a ``LineHint`` per line; the text cleaner does the rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from cleaner.layout_pdf import LaidLine, lay_out
from cleaner.read_pdf import (
    UNREADABLE_SHARE,
    PdfDocument,
    PdfPage,
    page_numbers,
    parse_pages,
    unreadable_share,
)
from cleaner.rules.captions import CREDIT_ONLY, is_caption_credit
from cleaner.source import InputError, LineHint, Source

# Kinds whose lines are joined into one source line when they follow each other.
JOINED_KINDS = ("title", "heading", "caption")


def read_pdf_source(path: str | Path | bytes, name: str | None = None, pages: str | None = None,
                    password: str | None = None) -> Source:
    """Read a PDF (path or bytes) into a Source with hints; ``pages`` is a ``--pages`` range.

    Raises InputError (one line) for an encrypted, damaged, image-only or unreadable PDF and
    for pages outside the document.
    """
    label = name or (Path(path).name if not isinstance(path, bytes) else "<bytes>")
    if isinstance(path, bytes) and not path.strip():
        raise InputError(f"{label}: input is empty")
    ranges = parse_pages(pages) if pages else None
    if not isinstance(path, bytes) and not Path(path).is_file():
        raise InputError(f"{label}: no such file")
    with PdfDocument(path if isinstance(path, bytes) else str(path), label, password) as pdf:
        numbers = page_numbers(ranges, pdf.page_count)
        read = list(pdf.pages(numbers))
    check_text_layer(read, label)
    return source_from_pages(read, label)


def check_text_layer(pages: Sequence[PdfPage], name: str) -> None:
    """Refuse pages with no text (scans) or with text no one can read (a broken ToUnicode map)."""
    text = "".join(line.text for page in pages for line in page.lines)
    if not text.strip():
        raise InputError(f"{name}: the PDF has no text layer (scanned pages?); it needs OCR first")
    share = unreadable_share(text)
    if share > UNREADABLE_SHARE:
        raise InputError(f"{name}: the PDF's text is unreadable ({share:.0%} private-use or replacement "
                         "characters: its fonts have no usable ToUnicode map); it needs OCR")


def source_from_pages(pages: Sequence[PdfPage], name: str) -> Source:
    """Lay the pages out and write their lines as a Source, hints aligned with lines."""
    layout = lay_out(pages)
    texts: list[str] = []
    hints: list[LineHint | None] = []
    page = None
    for group in joined_groups(layout.lines):
        first = group[0]
        text = join_line_texts([item.line.text for item in group])
        if page is not None and first.line.page != page:
            text = "\f" + text
        page = group[-1].line.page
        texts.append(text)
        hints.append(LineHint(first.kind, first.starts_paragraph, any(i.starts_article for i in group),
                              first.line.page, group[-1].full))
    return Source(name=name, encoding="pdf", lines=tuple(texts), hints=tuple(hints))


def joined_groups(lines: Sequence[LaidLine]) -> list[list[LaidLine]]:
    """Runs of lines that make one source line: a title, heading or caption set on several lines."""
    groups: list[list[LaidLine]] = []
    for item in lines:
        if groups and item.kind in JOINED_KINDS and _continues(groups[-1][-1], item):
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def _continues(before: LaidLine, item: LaidLine) -> bool:
    """The next line of the same title, heading or caption: same kind and page, just below."""
    a, b = before.line, item.line
    if before.kind != item.kind or a.page != b.page or item.starts_article:
        return False
    if abs(a.size - b.size) > 0.1 * a.size:
        return False
    if b.top < a.top and b.x0 >= a.x1 and item.kind == "heading":
        return True  # a heading wrapped at the foot of a column goes on at the top of the next
    if item.kind == "caption" and b.x0 >= a.x1 and b.top < a.bottom and a.top < b.bottom \
            and CREDIT_ONLY.match(b.text.strip()) and not is_caption_credit(a.text):
        return True  # a credit set after the caption's last line, on its row, is that caption's
    return 0 <= b.top - a.bottom <= 1.2 * a.size and b.x0 < a.x1


def join_line_texts(parts: Sequence[str]) -> str:
    """Join wrapped lines: CJK runs join directly, Latin words get a space.

    >>> join_line_texts(["这是图片说明", "文字。图/新华"]), join_line_texts(["A river", "at dusk"])
    ('这是图片说明文字。图/新华', 'A river at dusk')
    """
    text = ""
    for part in parts:
        part = part.strip()
        if text and text[-1].isascii() and text[-1].isalnum() and part[:1].isascii() and part[:1].isalnum():
            text += " "
        text += part
    return text
