"""JSON: the document model, exactly as ``magclean clean --format json`` writes it."""

from __future__ import annotations

from pathlib import Path

from cleaner.document import Document


class JsonConverter:
    """The Document as stable JSON (see README, "The JSON form")."""

    name = "json"
    suffix = ".json"
    description = "the document model as JSON (articles, blocks, removals, source lines)"

    def write(self, document: Document, path: Path, options: object) -> None:
        Path(path).write_text(document.to_json(), encoding="utf-8")

