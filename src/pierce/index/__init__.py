"""Candidate retrieval: an in-memory index of names, tokens, n-grams, phonetic keys, ids."""

from pierce.index.build import IndexedEntity, NameIndex, build_index
from pierce.index.persist import index_path, load_or_build

__all__ = ["IndexedEntity", "NameIndex", "build_index", "index_path", "load_or_build"]
