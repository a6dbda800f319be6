"""From INPUT to the Document a command writes: read or clean, then the publication's metadata.

``clean``, ``convert`` and ``batch`` all come here, so a ``.json`` Document, a profile, ``--title``,
``--issue`` and ``--lang`` mean the same on each of them.
"""

from __future__ import annotations

from collections import Counter

import regex

from cleaner import CleanConfig, Document, InputError, Profile, load_profile
from cleaner.config import UnknownRuleError
from cleaner.source import DEFAULT_MAX_SIZE, display_name, read_input_bytes

# An issue as a running head prints it after the magazine's name: 2023年第24期, 2024年3月 第12期.
ISSUE_PATTERN = regex.compile(r"(?:\d{4}\s*年\s*(?:\d{1,2}\s*月\s*)?)?第\s*\d+\s*期")


# A running head recurs; one line that looks like one is not enough to name the issue.
MIN_HEADS = 2


class DocumentError(Exception):
    """INPUT cannot become a Document (unreadable, not a Document, bad profile); one line."""


def make_config(profile: str | None, disable: tuple[str, ...] = (),
                enable: tuple[str, ...] = ()) -> CleanConfig:
    """The cleaner's config from the options (``--enable`` wins over ``--disable``)."""
    try:
        return CleanConfig(profile=load_profile(profile), disabled=frozenset(disable) - frozenset(enable))
    except (InputError, UnknownRuleError) as error:
        raise DocumentError(str(error)) from None


def read_document_json(path: str, max_size: int = DEFAULT_MAX_SIZE) -> Document:
    """A Document saved by ``magclean clean --format json``, checked field by field: a bad one is
    one line naming it (``articles[3].blocks[0].lines: …``)."""
    from cleaner.document import DocumentError as SchemaError

    try:
        return Document.from_json(read_input_bytes(path, max_size))
    except SchemaError as error:
        raise DocumentError(f"{display_name(path)}: {error}") from None
    except InputError as error:
        raise DocumentError(str(error)) from None


def issue_from_running_heads(document: Document, magazine: str) -> str | None:
    """The issue printed in the running heads the cleaner took out, when they name one.

    >>> from cleaner.document import Meta, Removal
    >>> heads = tuple(Removal("furniture", "《城市周刊》 2024年3月 第12期", (n, n), "page_furniture")
    ...               for n in (1, 20, 37))
    >>> issue_from_running_heads(Document(Meta(), (), heads), "城市周刊")
    '2024年3月 第12期'
    """
    found: Counter[str] = Counter()
    for removal in document.removed:
        if removal.kind != "furniture" or (magazine and magazine not in removal.text):
            continue
        match = ISSUE_PATTERN.search(removal.text)
        if match:
            found[match.group()] += 1
    if not found:
        return None
    issue, count = found.most_common(1)[0]
    return issue if count >= MIN_HEADS else None


def mentions_magazine(document: Document, magazine: str) -> bool:
    """Whether the issue prints the magazine's name in book-title marks (《财经》) anywhere.

    The built-in profile is one magazine's; its name must not title every other magazine's issue.

    >>> from cleaner.document import Article, Meta
    >>> mentions_magazine(Document(Meta(), (Article(bylines=("文/《财经》记者 金焱",)),), ()), "财经")
    True
    >>> mentions_magazine(Document(Meta(), (Article(title="老街"),), ()), "财经")
    False
    """
    if not magazine:
        return False
    marked = f"《{magazine}》"
    for article in document.articles:
        heads = (article.title, article.subtitle, article.deck, *article.bylines)
        if any(marked in text for text in heads if text) or any(marked in b.text for b in article.blocks):
            return True
    return any(marked in removal.text for removal in document.removed)


def with_publication(document: Document, profile: Profile | None, title: str | None = None,
                     issue: str | None = None, lang: str | None = None) -> Document:
    """The Document with its title, issue and language decided: the options first, then what the
    Document already says, then the profile's magazine and the issue in its running heads."""
    magazine = profile.magazine if profile is not None else ""
    if not mentions_magazine(document, magazine):
        magazine = ""
    meta = document.meta
    chosen_title = title or meta.title or magazine or None
    chosen_issue = issue or meta.issue or issue_from_running_heads(document, magazine)
    return document.with_meta(title=chosen_title, issue=chosen_issue, language=lang or meta.language)

