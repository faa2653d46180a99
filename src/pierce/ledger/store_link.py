"""Linking ledger organisations to the knowledge store (FtM entities in DuckDB).

An organisation record may carry `store_entity_id`. With a store at hand we check that those
entities exist, make organisation records from store entities, and bring in the store's
Ownership entities between linked organisations as equity relationships (with percentages and
dates), so a vendor's affiliates are watched without typing them in twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from pierce.ledger.errors import LedgerError


class StoreLike(Protocol):  # pierce.store.Store, without importing DuckDB here
    def get(self, entity_id: str) -> Any: ...

    def referencing(self, entity_id: str) -> list[Any]: ...


def _first(entity: Any, prop: str) -> str | None:
    values = entity.get(prop)
    return str(values[0]) if values else None


def _day(value: str | None) -> str | None:
    """FtM dates may be partial (2014-07); pad to the first day, as ledger dates are full."""
    if not value:
        return None
    parts = value[:10].split("-")
    parts += ["01"] * (3 - len(parts))
    try:
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2])).isoformat()
    except ValueError:
        return None


def check_links(records: Iterable[tuple[str, Mapping[str, Any]]], store: StoreLike) -> None:
    """Every store_entity_id in the records names an entity in the store."""
    for where, rec in records:
        entity_id = rec.get("store_entity_id")
        if entity_id and store.get(str(entity_id)) is None:
            raise LedgerError(f"{where}: store_entity_id {entity_id!r} is not in the knowledge "
                              "store")


def organisation_from_store(store: StoreLike, entity_id: str,
                            record_id: str | None = None) -> dict[str, Any]:
    entity = store.get(entity_id)
    if entity is None:
        raise LedgerError(f"entity {entity_id!r} is not in the knowledge store")
    if not entity.schema.is_a("LegalEntity"):
        raise LedgerError(f"entity {entity_id!r} is a {entity.schema.name}, not an organisation")
    country = _first(entity, "country") or _first(entity, "jurisdiction")
    return {"type": "organisation", "id": record_id or entity_id, "name": entity.caption,
            "country": country, "store_entity_id": entity_id}


def ownership_relationships(store: StoreLike, orgs: Mapping[str, str]) -> list[dict[str, Any]]:
    """Equity relationships from the store's Ownership entities between linked organisations.

    `orgs` maps store entity id -> ledger organisation id.
    """
    out: dict[str, dict[str, Any]] = {}
    for entity_id in orgs:
        for ref in store.referencing(entity_id):
            if ref.schema.name != "Ownership":
                continue
            owner, asset = _first(ref, "owner"), _first(ref, "asset")
            if owner is None or asset is None or owner not in orgs or asset not in orgs:
                continue
            pct = _first(ref, "percentage")
            try:
                share = float(pct.rstrip("%")) if pct else None
            except ValueError:
                share = None
            out[ref.id] = {"type": "relationship", "id": f"store:{ref.id}", "kind": "equity",
                           "org": orgs[owner], "target": orgs[asset], "share": share,
                           "start": _day(_first(ref, "startDate")),
                           "end": _day(_first(ref, "endDate")),
                           "source": f"knowledge store entity {ref.id}"}
    return list(out.values())
