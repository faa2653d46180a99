"""An in-memory, decoded view of a ledger's records for detections and reports."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from pierce.ledger.db import Ledger


def _decode(row: dict[str, Any], *names: str) -> dict[str, Any]:
    out = dict(row)
    for name in names:
        out[name] = json.loads(row[name]) if row.get(name) else []
    return out


@dataclass
class LedgerView:
    orgs: dict[str, dict[str, Any]] = field(default_factory=dict)
    people: dict[str, dict[str, Any]] = field(default_factory=dict)
    customers: dict[str, dict[str, Any]] = field(default_factory=dict)
    agreements: dict[str, dict[str, Any]] = field(default_factory=dict)
    relationships: list[dict[str, Any]] = field(default_factory=list)
    employments: list[dict[str, Any]] = field(default_factory=list)
    disclosures: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    content: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)  # by sha256

    @classmethod
    def load(cls, ledger: Ledger) -> LedgerView:
        view = cls()
        view.orgs = {r["id"]: r for r in ledger.rows("organisations")}
        view.people = {r["id"]: r for r in ledger.rows("people")}
        view.customers = {r["id"]: _decode(r, "contacts") for r in ledger.rows("customers")}
        view.agreements = {r["id"]: _decode(r, "parties") for r in ledger.rows("agreements")}
        view.relationships = ledger.rows("relationships")
        view.employments = ledger.rows("employments")
        view.disclosures = [_decode(r, "recipients", "customers", "fields")
                            for r in ledger.rows("disclosures")]
        view.events = [_decode(r, "related") for r in ledger.rows("events")]
        for blob in ledger.rows("blobs"):
            if blob.get("media_type") == "application/json":
                view.content[blob["id"]] = json.loads(bytes(blob["content"]).decode("utf-8"))
        return view

    def org_name(self, org_id: str | None) -> str:
        return str(self.orgs.get(org_id or "", {}).get("name", org_id))

    def person_name(self, person_id: str | None) -> str:
        return str(self.people.get(person_id or "", {}).get("name", person_id))

    def customer_name(self, customer_id: str | None) -> str:
        return str(self.customers.get(customer_id or "", {}).get("name", customer_id))

    def agreement_end(self, agreement_id: str) -> str | None:
        """The earlier of the term end and any recorded agreement_end event."""
        ends = [e["date"] for e in self.events
                if e["kind"] == "agreement_end" and e["agreement"] == agreement_id]
        term_end = self.agreements[agreement_id].get("term_end")
        if term_end:
            ends.append(term_end)
        return min(ends) if ends else None

    def contacts(self) -> list[dict[str, Any]]:
        return [e for e in self.events if e["kind"] == "contact"]
