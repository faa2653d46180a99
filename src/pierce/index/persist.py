"""Save the index beside the store (`<store>.index`) and reuse it while the store's current
snapshots are unchanged, so a new process starts fast."""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from pierce.index.build import NameIndex, build_index
from pierce.index.from_store import entities_from_store
from pierce.match.weights import MODEL_FILE

FORMAT_VERSION = "pierce-index-13"  # 2: analysed names kept, ids by word length; 3: weak
# aliases; 4: persons' names analysed as persons' (no legal forms); 5: words' initials; 6: abjad
# keys of words with a leading "al" also as a syllable; 7: parties' addresses; 8: aircraft
# registrations as identifiers; 9: Korean persons' names a syllable a word; 10: persons' titles
# left out; 11: words that are initials; 12: words by their spellings folded as Greek and
# Cyrillic romanisations disagree (loose_spellings); 13: words by their beginnings, for words
# written shortened (Cher., Mat.)


def index_path(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + ".index")


@cache
def analysis_fingerprint() -> str:
    """Digest of the name-analysis code and tables: a saved index holds analysed names, so
    any change to how names are analysed makes it stale."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted([*(root / "names").glob("*.py"), *(root / "data" / "names").glob("*")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def store_fingerprint(store: Any) -> str:
    """Changes whenever a current snapshot changes (ingest, new dataset), the format does, or
    the name analysis does."""
    parts = [FORMAT_VERSION, MODEL_FILE, analysis_fingerprint()]
    parts += [f"{s.id}:{s.dataset}:{s.sha256}" for s in store.current_snapshots()]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def save_index(index: NameIndex, path: Path) -> None:
    """Write atomically: a crash never leaves a half-written index."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(index, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def load_index(path: Path, fingerprint: str) -> NameIndex | None:
    """The saved index if it exists, reads and matches the fingerprint, else None."""
    try:
        with path.open("rb") as handle:
            index = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None
    if not isinstance(index, NameIndex) or index.fingerprint != fingerprint:
        return None
    return index


def load_or_build(store: Any, workers: int = 2, save: bool = True) -> NameIndex:
    """The index of every party in the store's current snapshots, from disk when fresh."""
    fingerprint = store_fingerprint(store)
    path = index_path(Path(store.path))
    index = load_index(path, fingerprint)
    if index is None:
        index = build_index(list(entities_from_store(store)), fingerprint, workers=workers)
        if save:
            try:
                save_index(index, path)
            except OSError:
                pass  # a read-only location: the index still works for this process
    return index
