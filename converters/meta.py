"""What the book converters (EPUB, DOCX) share: title, dates, labels and the contents' grouping."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path

import regex

from cleaner.document import Article, Block, Document, Removal, is_language_tag
from cleaner.source import display_name
from converters import ConverterError, ConvertOptions

# The zip format cannot store earlier times; used when neither a date nor SOURCE_DATE_EPOCH is given.
FALLBACK_TIME = datetime(1980, 1, 1, tzinfo=UTC)
# What a zip entry can stamp (two-second resolution, years 1980-2107); the book's own metadata
# keeps the real date (back issues from 1979 are real).
ZIP_FIRST = (1980, 1, 1, 0, 0, 0)
ZIP_LAST = (2107, 12, 31, 23, 59, 58)
FIRST_YEAR = 1000  # dates are written CCYY
# Characters XML 1.0 cannot hold at all (controls but tab/LF/CR, surrogates, U+FFFE/U+FFFF): no
# escape exists for them, so the book formats drop them; the cleaner already recorded them.
XML_FORBIDDEN = regex.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str | None) -> str | None:
    r"""``text`` without the characters XML 1.0 forbids (None stays None).

    >>> xml_safe("正文\x08。\ufffe"), xml_safe(None)
    ('正文。', None)
    """
    if text is None or not XML_FORBIDDEN.search(text):
        return text
    return XML_FORBIDDEN.sub("", text)


def xml_safe_label(text: str | None) -> str | None:
    """``xml_safe`` for a name (title, section, issue): one left blank is no name at all, since a
    book's metadata and contents cannot hold an empty label.

    >>> xml_safe_label(" \x08\t"), xml_safe_label("第24期")
    (None, '第24期')
    """
    text = xml_safe(text)
    return text if text is not None and text.strip() else None


def xml_safe_document(document: Document) -> Document:
    """The Document with every string XML-safe: what a book converter (EPUB, DOCX) writes.

    A Document from the cleaner has no such characters; one read from JSON or built by a script
    may (``\\u0008`` is valid JSON).
    """
    def article(a: Article) -> Article:
        return replace(a, section=xml_safe_label(a.section), title=xml_safe_label(a.title),
                       subtitle=xml_safe_label(a.subtitle), deck=xml_safe_label(a.deck),
                       bylines=tuple(line for line in map(xml_safe_label, a.bylines) if line),
                       blocks=tuple(Block(b.kind, xml_safe(b.text), b.lines) for b in a.blocks))

    meta = document.meta
    return replace(document, meta=replace(meta, source=xml_safe(meta.source) or "",
                                          title=xml_safe_label(meta.title), issue=xml_safe_label(meta.issue)),
                   articles=tuple(map(article, document.articles)),
                   removed=tuple(Removal(r.kind, xml_safe(r.text) or "", r.lines, r.rule)
                                 for r in document.removed))


@dataclass(frozen=True, slots=True)
class BookInfo:
    """The metadata of one output book, every field already decided."""

    title: str
    issue: str | None
    language: str
    publisher: str | None
    date: str | None  # YYYY-MM-DD, only when known
    modified: datetime  # dcterms:modified and the zip timestamps

    @property
    def full_title(self) -> str:
        """Magazine title and issue, as a reader's library shows it."""
        return f"{self.title} {self.issue}" if self.issue else self.title

    @property
    def hant(self) -> bool:
        """True for Traditional-script output."""
        return self.language.startswith("zh-Hant")

    @property
    def english(self) -> bool:
        """True for an English-only document."""
        return self.language.startswith("en")

    @property
    def contents_label(self) -> str:
        """The heading of the table of contents."""
        return "Contents" if self.english else "目錄" if self.hant else "目录"

    @property
    def landmarks_label(self) -> str:
        """The heading of the (hidden) landmarks list."""
        return "Guide" if self.english else "導覽" if self.hant else "导览"

    @property
    def zip_time(self) -> tuple[int, int, int, int, int, int]:
        """``modified`` as a zip entry's date_time, clamped to what a zip can store.

        >>> BookInfo("财经", None, "zh-Hans", None, "1979-12-31", datetime(1979, 12, 31, tzinfo=UTC)).zip_time
        (1980, 1, 1, 0, 0, 0)
        """
        stamp = self.modified.timetuple()[:6]
        return min(max(stamp, ZIP_FIRST), ZIP_LAST)  # type: ignore[return-value]


def parse_date(value: str) -> date:
    """A publication date given as YYYY-MM-DD (any year 1000-9999: ZIP times are clamped, the
    book's metadata keeps the date).

    >>> parse_date("2023-12-04")
    datetime.date(2023, 12, 4)
    """
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise ConverterError(f"bad date: {value} (expected YYYY-MM-DD)") from None
    return checked_year(day, value)


def checked_year(day: date, given: str) -> date:
    """Refuse a year an EPUB's ``dcterms:modified`` cannot write (CCYY: 1000-9999)."""
    if not FIRST_YEAR <= day.year <= 9999:
        raise ConverterError(f"date out of range: {given} (years {FIRST_YEAR}-9999)")
    return day


def source_date_epoch() -> datetime | None:
    """SOURCE_DATE_EPOCH (reproducible-builds.org) as a UTC time, when set."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if not value:
        return None
    try:
        seconds = int(value)
    except ValueError:
        raise ConverterError(f"SOURCE_DATE_EPOCH is not a number: {value}") from None
    try:
        moment = datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        raise ConverterError(f"SOURCE_DATE_EPOCH out of range: {value} (years {FIRST_YEAR}-9999)") from None
    checked_year(moment.date(), f"SOURCE_DATE_EPOCH={value}")
    return moment


def book_info(document: Document, options: ConvertOptions) -> BookInfo:
    """Decide the book's metadata: options first, then the Document's meta, then the source name.

    The date comes from ``options.extra["date"]`` or SOURCE_DATE_EPOCH, never from the clock, so
    the same input gives the same file.
    """
    meta = document.meta
    if not is_language_tag(meta.language):
        raise ConverterError(f"not a BCP 47 language tag: {meta.language!r}")
    title = (xml_safe_label(options.title) or xml_safe_label(meta.title)
             or xml_safe_label(display_name(Path(meta.source).stem)) or "magclean")
    given = options.extra.get("date")
    epoch = source_date_epoch()
    if given:
        day = parse_date(str(given))
        modified = epoch or datetime(day.year, day.month, day.day, tzinfo=UTC)
    elif epoch:
        day, modified = epoch.date(), epoch
    else:
        day, modified = None, FALLBACK_TIME
    issue = xml_safe_label(options.issue) or xml_safe_label(meta.issue)
    printed = day.isoformat() if day else None
    if day is None and issue and (from_issue := issue_date(issue)) is not None:
        printed, modified = from_issue
    return BookInfo(title=title, issue=issue, language=meta.language,
                    publisher=xml_safe_label(options.extra.get("publisher")), date=printed, modified=modified)


ISSUE_DATE = regex.compile(r"((?:19|20)\d{2})\s*年(?:\s*(\d{1,2})\s*月)?(?:\s*(\d{1,2})\s*日)?")


def issue_date(issue: str) -> tuple[str, datetime] | None:
    """The date an issue's name gives, as precise as it is (year, month, day) and as a time.

    >>> issue_date("2024年3月 第12期")
    ('2024-03', datetime.datetime(2024, 3, 1, 0, 0, tzinfo=datetime.timezone.utc))
    >>> issue_date("2023年第24期")[0], issue_date("第24期")
    ('2023', None)
    """
    match = ISSUE_DATE.search(issue)
    if match is None:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        moment = datetime(year, month or 1, day or 1, tzinfo=UTC)  # type: ignore[arg-type]
    except ValueError:
        return None
    printed = f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if month and day else "")
    return printed, moment


def chapter_label(article: Article, number: int, language: str = "zh-Hans") -> str:
    """The article's name in a table of contents: its title whole, else the best text it has.

    An untitled article is named by its subtitle, first heading, deck or first words (cut at about
    twenty Chinese characters or forty Latin ones), never by a number unless it holds no text.

    >>> chapter_label(Article(title="中美新起点"), 1)
    '中美新起点'
    >>> chapter_label(Article(title="Cover Story Caijing Magazine's English Summary"), 2)
    "Cover Story Caijing Magazine's English Summary"
    >>> from cleaner.document import Block
    >>> first = Block("paragraph", "随着16家农信社机构改制，5家市级城商行改革重组成山西银行。", (1, 1))
    >>> chapter_label(Article(blocks=(first,)), 3)
    '随着16家农信社机构改制……'
    >>> blank = Block("paragraph", "\u3000 ", (1, 1))
    >>> chapter_label(Article(), 7), chapter_label(Article(blocks=(blank,)), 8)
    ('第7篇', '第8篇')
    """
    if article.title and article.title.strip():
        return article.title
    headings = [b.text for b in article.blocks if b.kind == "heading"]
    paragraphs = [b.text for b in article.blocks if b.kind == "paragraph"]
    for text in (article.subtitle, *headings[:1], article.deck, *paragraphs[:1], article.section):
        words = first_words(text) if text else ""
        if words.strip():  # a label that is only white space is no label (an empty <title>)
            return words
    return f"Article {number}" if language.startswith("en") else f"第{number}篇"


# How much of a text names an untitled article, in display columns (a Chinese character is 2).
LABEL_COLUMNS = 40
CLAUSE_END = "，。；：！？、,.;:!?"


def first_words(text: str, columns: int = LABEL_COLUMNS) -> str:
    """The start of ``text`` as a label: up to the first clause end, within ``columns``; Latin
    text is cut between words.

    >>> first_words("一、稳中求进")
    '一、稳中求进'
    >>> first_words("In recent years, geopolitical conflicts have caused oil prices to soar.")
    'In recent years……'
    >>> first_words("Geopolitical conflicts have caused oil prices to soar in recent years")
    'Geopolitical conflicts have caused oil……'
    """
    text = " ".join(text.split())
    if display_width(text) <= columns:
        return text
    cut, width = 0, 0
    for index, char in enumerate(text):
        width += display_width(char)
        if width > columns:
            break
        cut = index + 1
        if char in CLAUSE_END and index >= 4:
            cut = index
            break
    head = text[:cut]
    if cut < len(text) and head[-1:].isascii() and head[-1:].isalnum() and text[cut:cut + 1].isalnum() \
            and " " in head:
        head = head.rsplit(" ", 1)[0]  # not in the middle of a Latin word
    return head.rstrip(" " + CLAUSE_END) + "……"


def display_width(text: str) -> int:
    """Columns ``text`` takes: East Asian wide and fullwidth characters count 2.

    >>> display_width("财经 Caijing")
    12
    """
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


NON_LATIN = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
LATIN_LETTER = regex.compile(r"\p{Latin}")


def passage_language(text: str, document_language: str) -> str | None:
    """``en`` for a passage of Latin text inside a Chinese document (the English summary, an
    English title), so readers hyphenate and voice it as English; None when it is in the
    document's own language.

    >>> passage_language("San Francisco has witnessed a century-old friendship.", "zh-Hans")
    'en'
    >>> passage_language("中美元首举行会晤（Summit）。", "zh-Hans"), passage_language("Editorial", "en")
    (None, None)
    """
    if document_language.startswith("en") or NON_LATIN.search(text):
        return None
    return "en" if len(LATIN_LETTER.findall(text)) >= 2 else None


def section_groups(articles: tuple[Article, ...]) -> list[tuple[str | None, list[int]]]:
    """Group article indexes for a two-level contents.

    Consecutive articles with the same section form one group; an article without a section
    stands alone at the top level (the Document says it has none, so no section is guessed).

    >>> arts = (Article(), Article(section="读者评论"), Article(section="读者评论"), Article())
    >>> section_groups(arts)
    [(None, [0]), ('读者评论', [1, 2]), (None, [3])]
    """
    groups: list[tuple[str | None, list[int]]] = []
    for index, article in enumerate(articles):
        if article.section and groups and groups[-1][0] == article.section:
            groups[-1][1].append(index)
        else:
            groups.append((article.section or None, [index]))
    return groups


def zip_entries(data: bytes) -> dict[str, bytes]:
    """The entries of a zip, their contents by name (a library's zip read back)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def reproducible_zip_of(entries: Mapping[str, bytes], zip_time: tuple[int, ...], first: tuple[str, ...] = (),
                        stored: tuple[str, ...] = (),
                        edit: Callable[[str, bytes], bytes] | None = None) -> bytes:
    """A zip of the entries (contents by name) with a fixed entry order (``first``, then sorted),
    timestamp and permissions, each compressed once, here.

    Libraries stamp entries with the clock; this makes the same content give the same bytes.
    ``stored`` entries stay uncompressed; ``edit(name, content)`` may change an entry on the way.
    """
    ordered = [n for n in first if n in entries] + sorted(n for n in entries if n not in first)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in ordered:
            content = entries[name]
            if edit is not None:
                content = edit(name, content)
            entry = zipfile.ZipInfo(name, date_time=zip_time)
            entry.compress_type = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 3
            target.writestr(entry, content, compresslevel=None if name in stored else 9)
    return out.getvalue()
