"""``--strict``: the places where the cleaner decided on weak evidence, for unattended pipelines.

A decision is weak when no cue pointed either way (``Decision.weak``), e.g. a paragraph boundary
where a sentence ended exactly at the margin. ``magclean clean --strict`` still writes its output,
lists these places on stderr and exits with :data:`EXIT_WEAK` so a script can hold the issue back
for review.

>>> from cleaner.document import Decision, Document, Meta
>>> from cleaner.source import source_from_text
>>> source = source_from_text("他说完了。\\n\\n此外还有一件事。")
>>> doc = Document(Meta(), (), (), (Decision("margin_break", (1, 3), "margin_model", "score +0.10", True),))
>>> print(*weak_decision_lines(doc, source), sep="\\n")
line 1-3: margin_break: score +0.10 [margin_model] 「他说完了。」 / 「此外还有一件事。」
"""

from __future__ import annotations

from cleaner.document import Decision, Document
from cleaner.source import Source

# Exit status of ``--strict`` when a weak decision was found: 1 is an error, 2 click's usage error.
EXIT_WEAK = 3
# How much of each source line a report line quotes.
EXCERPT_CHARS = 16


def weak_decisions(document: Document) -> list[Decision]:
    """The decisions made without a cue either way, in source order."""
    return sorted((d for d in document.decisions if d.weak), key=lambda d: d.lines)


def excerpt(source: Source | None, number: int, from_end: bool) -> str:
    """A short quote of source line ``number``: its end (``from_end``) or its start.

    >>> from cleaner.source import source_from_text
    >>> excerpt(source_from_text("一二三四五六七八九十" * 3), 1, True)
    '…五六七八九十一二三四五六七八九十'
    """
    if source is None or not 1 <= number <= len(source.lines):
        return ""
    text = source.lines[number - 1].strip()
    if len(text) <= EXCERPT_CHARS:
        return text
    return "…" + text[-EXCERPT_CHARS:] if from_end else text[:EXCERPT_CHARS] + "…"


def describe(decision: Decision, source: Source | None) -> str:
    """One report line: source line span, kind, evidence, rule, and the two lines it is about."""
    first, last = decision.lines
    span = f"line {first}" if first == last else f"line {first}-{last}"
    quote = f" 「{excerpt(source, first, True)}」" if source else ""
    if source and last != first:
        quote += f" / 「{excerpt(source, last, False)}」"
    return f"{span}: {decision.kind}: {decision.evidence} [{decision.rule}]{quote}"


def weak_decision_lines(document: Document, source: Source | None) -> list[str]:
    """Every weak decision of ``document`` as a report line (empty when there is none)."""
    return [describe(decision, source) for decision in weak_decisions(document)]
