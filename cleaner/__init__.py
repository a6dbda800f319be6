"""The rule-based cleaner: extracted magazine text in, a faithful Document out."""

from cleaner.config import CleanConfig
from cleaner.document import Article, Block, Decision, Document, Meta, Removal
from cleaner.pipeline import clean
from cleaner.profile import Profile, load_profile
from cleaner.source import InputError, Source, read_source, source_from_bytes, source_from_text

__all__ = [
    "Article", "Block", "CleanConfig", "Decision", "Document", "InputError", "Meta", "Profile",
    "Removal", "Source", "clean", "load_profile", "read_source", "source_from_bytes", "source_from_text",
]
