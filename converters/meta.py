"""What the book converters (EPUB, DOCX) share: title, dates, labels and the contents' grouping."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from cleaner.document import Article, Document
from converters import ConverterError, ConvertOptions

# The zip format cannot store earlier times; used when neither a date nor SOURCE_DATE_EPOCH is given.
FALLBACK_TIME = datetime(1980, 1, 1, tzinfo=UTC)


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
    def contents_label(self) -> str:
        """The heading of the table of contents."""
        return "目錄" if self.hant else "目录"

    @property
    def landmarks_label(self) -> str:
        """The heading of the (hidden) landmarks list."""
        return "導覽" if self.hant else "导览"

    @property
    def zip_time(self) -> tuple[int, int, int, int, int, int]:
        """``modified`` as a zip entry's date_time."""
        return self.modified.timetuple()[:6]


def parse_date(value: str) -> date:
    """A publication date given as YYYY-MM-DD.

    >>> parse_date("2023-12-04")
    datetime.date(2023, 12, 4)
    """
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ConverterError(f"bad date: {value} (expected YYYY-MM-DD)") from None


def source_date_epoch() -> datetime | None:
    """SOURCE_DATE_EPOCH (reproducible-builds.org) as a UTC time, when set."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if not value:
        return None
    try:
        return datetime.fromtimestamp(max(int(value), int(FALLBACK_TIME.timestamp())), UTC)
    except ValueError:
        raise ConverterError(f"SOURCE_DATE_EPOCH is not a number: {value}") from None


def book_info(document: Document, options: ConvertOptions) -> BookInfo:
    """Decide the book's metadata: options first, then the Document's meta, then the source name.

    The date comes from ``options.extra["date"]`` or SOURCE_DATE_EPOCH, never from the clock, so
    the same input gives the same file.
    """
    meta = document.meta
    title = options.title or meta.title or Path(meta.source).stem or "magclean"
    given = options.extra.get("date")
    epoch = source_date_epoch()
    if given:
        day = parse_date(str(given))
        modified = epoch or datetime(day.year, day.month, day.day, tzinfo=UTC)
    elif epoch:
        day, modified = epoch.date(), epoch
    else:
        day, modified = None, FALLBACK_TIME
    return BookInfo(title=title, issue=options.issue or meta.issue, language=meta.language,
                    publisher=options.extra.get("publisher"),
                    date=day.isoformat() if day else None, modified=modified)


def chapter_label(article: Article, number: int, language: str = "zh-Hans") -> str:
    """The article's name in a table of contents: its title, else the best text it has.

    >>> chapter_label(Article(title="中美新起点"), 1)
    '中美新起点'
    >>> chapter_label(Article(), 7)
    '第7篇'
    """
    for text in (article.title, article.subtitle, article.deck, article.section):
        if text:
            return text if len(text) <= 30 else text[:28] + "……"
    return f"第{number}篇"


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


def reproducible_zip(data: bytes, zip_time: tuple[int, ...], first: tuple[str, ...] = (),
                     stored: tuple[str, ...] = (),
                     edit: Callable[[str, bytes], bytes] | None = None) -> bytes:
    """Rewrite a zip with a fixed entry order (``first``, then sorted), timestamp and permissions.

    Libraries stamp entries with the clock; this makes the same content give the same bytes.
    ``stored`` entries stay uncompressed; ``edit(name, content)`` may change an entry on the way.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    ordered = [n for n in first if n in names] + sorted(n for n in names if n not in first)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in ordered:
            content = source.read(name)
            if edit is not None:
                content = edit(name, content)
            entry = zipfile.ZipInfo(name, date_time=zip_time)
            entry.compress_type = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 3
            target.writestr(entry, content, compresslevel=None if name in stored else 9)
    return out.getvalue()
