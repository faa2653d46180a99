"""Read the screenable parties (legal entities, vessels, aircraft) of a store for indexing."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from followthemoney import model

from pierce.index.build import IndexedEntity
from pierce.match.records import record_from_properties

PARTY_SCHEMATA = ("LegalEntity", "Vessel", "Airplane")


def is_party(schema_name: str) -> bool:
    schema = model.get(schema_name)
    return schema is not None and any(schema.is_a(s) for s in PARTY_SCHEMATA)


def indexed_entity(entity: Any) -> IndexedEntity:
    """An IndexedEntity from a followthemoney entity (StatementEntity or EntityProxy)."""
    props = {prop: list(values) for prop, values in entity.properties.items()}
    record = record_from_properties(entity.id, entity.schema.name, props)
    datasets = tuple(sorted(getattr(entity, "datasets", ()) or ()))
    return IndexedEntity(record, entity.caption or entity.id, datasets,
                         tuple(sorted(entity.get("topics", quiet=True))))


def entities_from_store(store: Any, datasets: Iterable[str] | None = None
                        ) -> Iterator[IndexedEntity]:
    for entity in store.entities(datasets=datasets):
        if is_party(entity.schema.name) and entity.get("name", quiet=True):
            yield indexed_entity(entity)
