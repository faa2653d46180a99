"""Validating and appending ledger records (the Python API behind `pierce ledger import`).

A record is a mapping with a `type` (organisation, relationship, person, employment,
agreement, customer, canary, disclosure, event) and that type's fields. Every record is checked
against what is already in the ledger or earlier in the same batch; one batch is one
transaction, so a bad record leaves nothing half-written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pierce.ledger.canonical import dumps
from pierce.ledger.db import Ledger, Transaction
from pierce.ledger.errors import LedgerError

RELATIONSHIP_KINDS = {"joint_venture", "equity", "affiliate", "subsidiary"}
EVENT_KINDS = {"contact", "jv_formed", "employer_change", "agreement_end"}
FIELDS: dict[str, set[str]] = {  # accepted input fields per record type (typos are errors)
    "organisation": {"id", "name", "country", "store_entity_id", "note"},
    "person": {"id", "name", "note"},
    "relationship": {"id", "kind", "org", "target", "share", "start", "end", "source"},
    "employment": {"id", "person", "organisation", "role", "start", "end", "source"},
    "agreement": {"id", "title", "parties", "signed", "effective", "term_end", "permitted_purpose",
                  "marking_required", "memory_carve_out", "trade_secret_exception",
                  "limitation_months", "limitation_years", "return_or_destroy", "note"},
    "customer": {"id", "name", "contacts", "note"},
    "canary": {"id", "name", "contacts", "recipient", "note"},
    "disclosure": {"id", "agreement", "discloser", "recipient_org", "recipients", "date",
                   "customers", "content", "fields", "marking", "purpose", "market_size",
                   "channel"},
    "event": {"id", "kind", "date", "org", "customer", "person", "agreement", "contact_point",
              "message", "message_sha256", "purpose", "related", "source"},
}
FIELDS["organization"] = FIELDS["organisation"]
SINGULAR = {"organisations": "organisation", "relationships": "relationship", "people": "person",
            "employments": "employment", "agreements": "agreement", "customers": "customer",
            "blobs": "content blob", "disclosures": "disclosure", "events": "event"}


@dataclass
class AddResult:
    added: list[tuple[str, str]] = field(default_factory=list)  # (kind, id)
    warnings: list[str] = field(default_factory=list)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _date(rec: Mapping[str, Any], name: str, where: str, required: bool = False) -> str | None:
    value = rec.get(name)
    if value in (None, ""):
        if required:
            raise LedgerError(f"{where}: missing date field {name!r}")
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise LedgerError(f"{where}: {name!r} is not a date (YYYY-MM-DD): {value!r}") from None


def _text(rec: Mapping[str, Any], name: str, where: str, required: bool = False) -> str | None:
    value = rec.get(name)
    if value in (None, ""):
        if required:
            raise LedgerError(f"{where}: missing field {name!r}")
        return None
    if not isinstance(value, str | int | float):
        raise LedgerError(f"{where}: {name!r} must be text, got {type(value).__name__}")
    return str(value)


def _list(rec: Mapping[str, Any], name: str, where: str, required: bool = False) -> list[str]:
    value = rec.get(name)
    if value in (None, "", []):
        if required:
            raise LedgerError(f"{where}: missing list field {name!r}")
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
        raise LedgerError(f"{where}: {name!r} must be a list of ids or text")
    return [str(v) for v in value]


def _bool(rec: Mapping[str, Any], name: str, where: str) -> bool:
    value = rec.get(name, False)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise LedgerError(f"{where}: {name!r} must be true or false, got {value!r}")
    return value


def _int(rec: Mapping[str, Any], name: str, where: str) -> int | None:
    value = rec.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise LedgerError(f"{where}: {name!r} must be a whole number >= 0, got {value!r}")
    return value


def _need(tx: Transaction, kind: str, record_id: str | None, where: str, what: str) -> None:
    if record_id is None or not tx.exists(kind, record_id):
        raise LedgerError(f"{where}: unknown {what} {record_id!r} (add it first)")


def _order(start: str | None, end: str | None, where: str, a: str, b: str) -> None:
    if start and end and end < start:
        raise LedgerError(f"{where}: {b} {end} is before {a} {start}")


def _id(rec: Mapping[str, Any], where: str, default: str | None = None) -> str:
    value = rec.get("id", default)
    if value in (None, ""):
        raise LedgerError(f"{where}: missing field 'id'")
    return str(value)


def _prepare(tx: Transaction, rec: Mapping[str, Any], where: str,
             warnings: list[str]) -> list[tuple[str, dict[str, Any]]]:
    """Validate one input record; return the rows to append (kind, row)."""
    rtype = rec.get("type")
    if isinstance(rtype, str) and rtype in FIELDS:
        unknown = sorted(str(k) for k in set(rec) - FIELDS[rtype] - {"type"})
        if unknown:
            raise LedgerError(f"{where}: unknown field(s) for a {rtype}: {', '.join(unknown)}")
    if rtype == "organisation" or rtype == "organization":
        return [("organisations", {
            "id": _id(rec, where), "name": _text(rec, "name", where, True),
            "country": _text(rec, "country", where),
            "store_entity_id": _text(rec, "store_entity_id", where),
            "note": _text(rec, "note", where)})]
    if rtype == "person":
        return [("people", {"id": _id(rec, where), "name": _text(rec, "name", where, True),
                            "note": _text(rec, "note", where)})]
    if rtype == "relationship":
        kind = _text(rec, "kind", where, True)
        if kind not in RELATIONSHIP_KINDS:
            raise LedgerError(f"{where}: relationship kind {kind!r} is not one of "
                              f"{sorted(RELATIONSHIP_KINDS)}")
        org, target = _text(rec, "org", where, True), _text(rec, "target", where, True)
        _need(tx, "organisations", org, where, "organisation")
        _need(tx, "organisations", target, where, "organisation")
        start, end = _date(rec, "start", where), _date(rec, "end", where)
        _order(start, end, where, "start", "end")
        share = rec.get("share")
        if share is not None and (isinstance(share, bool) or not isinstance(share, int | float)
                                  or not 0 <= share <= 100):
            raise LedgerError(f"{where}: share must be a percentage 0..100, got {share!r}")
        return [("relationships", {
            "id": _id(rec, where, f"rel:{org}:{kind}:{target}:{start or ''}"), "kind": kind,
            "org": org, "target": target, "share": float(share) if share is not None else None,
            "start": start, "end": end, "source": _text(rec, "source", where)})]
    if rtype == "employment":
        person, org = _text(rec, "person", where, True), _text(rec, "organisation", where, True)
        _need(tx, "people", person, where, "person")
        _need(tx, "organisations", org, where, "organisation")
        start, end = _date(rec, "start", where), _date(rec, "end", where)
        _order(start, end, where, "start", "end")
        return [("employments", {
            "id": _id(rec, where, f"emp:{person}:{org}:{start or ''}"), "person": person,
            "organisation": org, "role": _text(rec, "role", where), "start": start, "end": end,
            "source": _text(rec, "source", where)})]
    if rtype == "agreement":
        parties = _list(rec, "parties", where, True)
        for org in parties:
            _need(tx, "organisations", org, where, "organisation")
        signed, effective = _date(rec, "signed", where), _date(rec, "effective", where)
        term_end = _date(rec, "term_end", where)
        _order(effective or signed, term_end, where, "start", "term_end")
        months = _int(rec, "limitation_months", where)
        years = _int(rec, "limitation_years", where)
        if months is None and years is not None:
            months = years * 12
        return [("agreements", {
            "id": _id(rec, where), "title": _text(rec, "title", where, True),
            "parties": dumps(parties), "signed": signed, "effective": effective,
            "term_end": term_end, "permitted_purpose": _text(rec, "permitted_purpose", where),
            "marking_required": _bool(rec, "marking_required", where),
            "memory_carve_out": _bool(rec, "memory_carve_out", where),
            "trade_secret_exception": _bool(rec, "trade_secret_exception", where),
            "limitation_months": months,
            "return_or_destroy": _bool(rec, "return_or_destroy", where),
            "note": _text(rec, "note", where)})]
    if rtype in ("customer", "canary"):
        contacts = _list(rec, "contacts", where, rtype == "canary")
        canary_for = None
        if rtype == "canary":
            canary_for = _text(rec, "recipient", where, True)
            _need(tx, "people", canary_for, where, "person")
            for point in contacts:  # a canary's contact points must point to it alone
                clash = _customer_by_contact(tx, point)
                if clash is not None:
                    raise LedgerError(f"{where}: canary contact point {point!r} is already "
                                      f"used by customer {clash!r}")
        return [("customers", {
            "id": _id(rec, where), "name": _text(rec, "name", where, True),
            "contacts": dumps(contacts), "canary_for": canary_for,
            "note": _text(rec, "note", where)})]
    if rtype == "disclosure":
        return _prepare_disclosure(tx, rec, where, warnings)
    if rtype == "event":
        return _prepare_event(tx, rec, where)
    raise LedgerError(f"{where}: unknown record type {rtype!r}")


def _customer_by_contact(tx: Transaction, point: str) -> str | None:
    import sqlalchemy as sa

    from pierce.ledger import models

    needle = dumps(point)
    rows = tx.conn.execute(sa.select(models.customers.c.id, models.customers.c.contacts).where(
        models.customers.c.contacts.contains(needle))).all()
    for cid, contacts in rows:
        if point in _loads_list(contacts):
            return str(cid)
    return None


def _loads_list(text: str | None) -> list[str]:
    import json

    return list(json.loads(text)) if text else []


def _prepare_disclosure(tx: Transaction, rec: Mapping[str, Any], where: str,
                        warnings: list[str]) -> list[tuple[str, dict[str, Any]]]:
    did = _id(rec, where)
    content = rec.get("content")
    if content is not None and (not isinstance(content, Mapping)
                                or not all(isinstance(v, Mapping) for v in content.values())):
        raise LedgerError(f"{where}: 'content' must map customer ids to their disclosed fields "
                          "({customer: {field: value}})")
    agreement_id = _text(rec, "agreement", where, True)
    _need(tx, "agreements", agreement_id, where, "agreement")
    discloser = _text(rec, "discloser", where, True)
    recipient_org = _text(rec, "recipient_org", where, True)
    _need(tx, "organisations", discloser, where, "organisation")
    _need(tx, "organisations", recipient_org, where, "organisation")
    recipients = _list(rec, "recipients", where, True)
    for person in recipients:
        _need(tx, "people", person, where, "person")
    date = _date(rec, "date", where, True)
    customers = _list(rec, "customers", where) or [str(k) for k in (content or {})]
    if not customers:
        raise LedgerError(f"{where}: a disclosure needs 'customers' (or 'content')")
    for cid in customers:
        _need(tx, "customers", cid, where, "customer")
        cust = tx.get("customers", str(cid))
        assert cust is not None
        if cust["canary_for"] and recipients != [cust["canary_for"]]:
            raise LedgerError(f"{where}: canary {cid!r} belongs to {cust['canary_for']!r} and may "
                              f"only be disclosed to that person alone, not {recipients}")
    fields = _list(rec, "fields", where)
    rows: list[tuple[str, dict[str, Any]]] = []
    content_sha = None
    if content is not None:
        normal = {str(k): {str(f): str(v) for f, v in dict(val).items()}
                  for k, val in content.items()}
        if not fields:
            fields = sorted({f for val in normal.values() for f in val})
        blob = dumps(normal).encode("utf-8")
        content_sha = sha256_hex(blob)
        if not tx.exists("blobs", content_sha):
            rows.append(("blobs", {"id": content_sha, "content": blob,
                                   "media_type": "application/json"}))
    agreement = tx.get("agreements", str(agreement_id))
    assert agreement is not None
    assert date is not None
    if agreement["signed"] is None or date < agreement["signed"]:
        warnings.append(f"{where}: disclosure {did!r} on {date} precedes the signature of "
                        f"agreement {agreement_id!r} ({agreement['signed'] or 'not signed'}); "
                        "recorded and flagged")
    if agreement["term_end"] and date > agreement["term_end"]:
        warnings.append(f"{where}: disclosure {did!r} on {date} is after agreement "
                        f"{agreement_id!r} ended ({agreement['term_end']}); recorded and flagged")
    rows.append(("disclosures", {
        "id": did, "agreement": agreement_id, "discloser": discloser,
        "recipient_org": recipient_org, "recipients": dumps(recipients), "date": date,
        "customers": dumps(customers), "fields": dumps(fields), "content_sha256": content_sha,
        "marking": _text(rec, "marking", where), "purpose": _text(rec, "purpose", where),
        "market_size": _int(rec, "market_size", where), "channel": _text(rec, "channel", where)}))
    return rows


def _prepare_event(tx: Transaction, rec: Mapping[str, Any],
                   where: str) -> list[tuple[str, dict[str, Any]]]:
    kind = _text(rec, "kind", where, True)
    if kind not in EVENT_KINDS:
        raise LedgerError(f"{where}: event kind {kind!r} is not one of {sorted(EVENT_KINDS)}")
    date = _date(rec, "date", where, True)
    org, customer = _text(rec, "org", where), _text(rec, "customer", where)
    person, agreement = _text(rec, "person", where), _text(rec, "agreement", where)
    point = _text(rec, "contact_point", where)
    message = _text(rec, "message", where)
    message_sha = _text(rec, "message_sha256", where)
    related = _list(rec, "related", where)
    if kind == "contact":
        _need(tx, "organisations", org, where, "organisation")
        if customer is None and point is not None:
            customer = _customer_by_contact(tx, point)
            if customer is None:
                raise LedgerError(f"{where}: contact point {point!r} matches no customer")
        _need(tx, "customers", customer, where, "customer")
    elif kind == "jv_formed":
        _need(tx, "organisations", org, where, "organisation")
        if not related:
            raise LedgerError(f"{where}: jv_formed needs 'related': the partner organisations")
        for partner in related:
            _need(tx, "organisations", partner, where, "organisation")
    elif kind == "employer_change":
        _need(tx, "people", person, where, "person")
        _need(tx, "organisations", org, where, "organisation")
    elif kind == "agreement_end":
        _need(tx, "agreements", agreement, where, "agreement")
    if message is not None:
        computed = sha256_hex(message.encode("utf-8"))
        if message_sha is not None and message_sha.lower() != computed:
            raise LedgerError(f"{where}: message_sha256 does not match the message text")
        message_sha = computed
    eid = _id(rec, where, f"event:{kind}:{date}:{org or person or agreement}:{customer or ''}")
    return [("events", {
        "id": eid, "kind": kind, "date": date, "org": org, "customer": customer,
        "person": person, "agreement": agreement, "contact_point": point,
        "message_sha256": message_sha, "message": message,
        "purpose": _text(rec, "purpose", where), "related": dumps(related),
        "source": _text(rec, "source", where)})]


def add_records(ledger: Ledger, records: Iterable[tuple[str, Mapping[str, Any]]]) -> AddResult:
    """Append records, each given with a location for messages, in one transaction."""
    result = AddResult()
    with ledger.transaction() as tx:
        for where, rec in records:
            if not isinstance(rec, Mapping):
                raise LedgerError(f"{where}: a record must be a mapping, got {type(rec).__name__}")
            for kind, row in _prepare(tx, rec, where, result.warnings):
                if tx.exists(kind, row["id"]):
                    raise LedgerError(f"{where}: {SINGULAR[kind]} {row['id']!r} is already in the "
                                      "ledger (duplicate import?); nothing was written")
                tx.append(kind, row)
                result.added.append((kind, str(row["id"])))
    return result


def add(ledger: Ledger, record: Mapping[str, Any]) -> AddResult:
    """Append one record (Python API)."""
    return add_records(ledger, [(f"{record.get('type', 'record')} {record.get('id', '')}".strip(),
                                 record)])
