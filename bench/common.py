"""Shared loading for the benchmarks: real list entries and GLEIF names as index entities."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from pierce.index.build import IndexedEntity  # noqa: E402
from pierce.match.corpus import (  # noqa: E402
    ListEntry,
    data_dir,
    read_gleif_names,
    screening_lists,
)
from pierce.match.records import Record  # noqa: E402
from pierce.names.aliases import split_aliases  # noqa: E402


def list_entries() -> list[ListEntry]:
    """CSL 2022 (all its lists, with aliases) + SDN 2024 + UN consolidated."""
    return screening_lists()


def as_entity(entry: ListEntry) -> IndexedEntity:
    """A list entry as the store indexes it: a name holding others is also each of them."""
    names, weak = (tuple(dict.fromkeys(part for name in given
                                       for part in (name, *split_aliases(name))))
                   for given in (entry.names, entry.weak_names))
    record = Record(names, entry.schema, entry.birth_dates, entry.countries, (), entry.id,
                    weak_names=weak, addresses=entry.addresses)
    return IndexedEntity(record, entry.names[0], (entry.source,))


def gleif_entities(limit: int | None = None) -> list[IndexedEntity]:
    path = data_dir() / "registries/gleif-l1-names-2025.csv.gz"
    return [IndexedEntity(Record((name,), "Company", (), (country,) if country else (), (),
                                 f"gleif-{lei}"), name, ("gleif",))
            for lei, name, country in read_gleif_names(path, limit)]
