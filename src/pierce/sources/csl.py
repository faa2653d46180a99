"""The trade.gov Consolidated Screening List (CSL): CSV download or JSON (API) form.

One listed party per row, with a ``Sanction`` for the list it is on. Entity ids are stable
across snapshots of the same listing: ``us-csl-<code>-<entity_number>`` when the list numbers
its entries (the OFAC lists), else ``us-csl-<code>-<hash of the normalised name>`` (with the
addresses and start date added to the hash when two rows of one list share a name).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from followthemoney import EntityProxy

from pierce.sources import us_common as us
from pierce.sources.base import Parsed, SourceError, csv_rows, make_entity, read_text

FORMAT = "csl"
DATASET = "us_csl"

COLUMNS = (
    "_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,"
    "start_date,end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,"
    "gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,"
    "alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,source_information_url,ids"
).split(",")
MULTI = (
    "alt_names",
    "citizenships",
    "dates_of_birth",
    "nationalities",
    "places_of_birth",
    "programs",
    "title",
)
SCHEMATA = {"individual": "Person", "vessel": "Vessel", "aircraft": "Airplane"}
_CC = re.compile(r"^[A-Z]{2}$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LINKED = re.compile(r"Linked To:\s*([^;)]+?)\.?\s*(?:[;)]|$)")


@dataclass
class Record:
    """One CSL row, fields cleaned, multi-values split."""

    where: str
    fields: dict[str, str | None]
    multi: dict[str, list[str]]
    addresses: list[dict[str, str | None]] = field(default_factory=list)
    ids: list[dict[str, str | None]] = field(default_factory=list)


def sniff(path: Path, head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"{") or text.startswith(b"["):
        # JSON: the API's {"results": [...]} or a bare list of CSL records.
        return b'"source"' in text and (b'"entity_number"' in text or b'"alt_names"' in text)
    first = text.split(b"\n", 1)[0].replace(b'"', b"").strip()
    return first.startswith(b"_id,source,entity_number,type,programs,name")


def parse(path: Path) -> Parsed:
    text = read_text(path)
    warnings: list[str] = []
    published: date | None = None
    if text.lstrip()[:1] in ("{", "["):
        data = _load_json(path, text)
        records = list(_json_records(path, data))
        published = _json_published(data)
    else:
        records = list(_csv_records(path, text, warnings))
    parsed = _build(path, records)
    parsed.published = published
    if warnings:
        parsed.info["warnings"] = warnings
    return parsed


def _load_json(path: Path, text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise SourceError(path, f"line {error.lineno}", f"invalid JSON: {error.msg}") from error


def _json_published(data: Any) -> date | None:
    """The API answer's newest ``sources_used[].source_last_updated``, if it has them."""
    if not isinstance(data, dict) or not isinstance(data.get("sources_used"), list):
        return None
    dates = [
        us.to_date(str(s.get("source_last_updated") or "")[:10])
        for s in data["sources_used"]
        if isinstance(s, dict)
    ]
    known = [d for d in dates if d is not None]
    return max(known) if known else None


# --- reading -------------------------------------------------------------------------------


def _csv_records(path: Path, text: str, warnings: list[str]) -> Any:
    rows = list(csv_rows(path, text))
    header: list[str] | None = None
    truncated_tail = not text.endswith(("\n", "\r"))
    for index, (line, row) in enumerate(rows):
        where = f"line {line}"
        if header is None:
            header = [h.strip().lstrip("\ufeff") for h in row]
            missing = [c for c in ("source", "name") if c not in header]
            if missing:
                raise SourceError(path, where, f"not a CSL header: no column {', '.join(missing)}")
            continue
        if not any(cell.strip() for cell in row):
            continue
        if row == header or [c.strip() for c in row] == header:
            continue  # a header line repeated inside the file (seen in real CSL downloads)
        if len(row) < len(header) and truncated_tail and index == len(rows) - 1:
            # A cut-off download: the last record stops mid-field. Keep what it has.
            warnings.append(f"{where}: last record truncated ({len(row)} of {len(header)} columns)")
            row = row + [""] * (len(header) - len(row))
        if len(row) != len(header):
            raise SourceError(path, where, f"expected {len(header)} columns, found {len(row)}")
        cells = zip(header, row, strict=True)
        fields = {key: us.clean(path, where, key, value) for key, value in cells}
        multi = {key: _split(fields.get(key)) for key in MULTI}
        addresses = [_csv_address(a) for a in _split(fields.get("addresses"))]
        ids = [_csv_id(i) for i in _split(fields.get("ids"))]
        yield Record(where, fields, multi, addresses, [i for i in ids if i])
    if header is None:
        raise SourceError(path, None, "empty file: no CSL header")


def _split(value: str | None) -> list[str]:
    if not value:
        return []
    return [part.strip() for part in value.split("; ") if part.strip()]


def _csv_address(text: str) -> dict[str, str | None]:
    parts = [p.strip() for p in text.split(",")]
    country = parts[-1] if len(parts) >= 1 and _CC.match(parts[-1]) else None
    return {"full": text, "country": country}


def _is_named_type(text: str) -> bool:
    return us.classify(text)[0] in ("identifier", "attribute")


def _type_first(parts: list[str]) -> bool:
    """Whether an id reads "type, number, CC" (2025 CSL) rather than "CC, number, type" (2022)."""
    if parts[-1].endswith((":", " -")):
        return False
    if parts[0].endswith((":", " -")) or _is_named_type(parts[0]):
        return True
    if _is_named_type(parts[-1]) or _CC.match(parts[0]) or _ISO_DATE.match(parts[0]):
        return False
    return not any(c.isdigit() for c in parts[0]) and any(c.isdigit() for c in parts[-1])


def _csv_id(text: str) -> dict[str, str | None] | None:
    """One id of a CSV `ids` cell; the number may itself hold commas. Two layouts are seen:
    "CC, [dates,] number, type" (2022) and "type, number[, CC][, dates]" (2025)."""
    parts = [p.strip() for p in text.split(", ")]
    if len(parts) < 2:
        return None
    first = _type_first(parts)
    id_type = parts.pop(0) if first else parts.pop()
    kind, _ = us.classify(id_type)
    country = None
    dates: list[str] = []
    if kind != "sanction" and kind != "attribute":
        if first:
            while len(parts) > 1 and _ISO_DATE.match(parts[-1]):
                dates.append(parts.pop())
            if len(parts) > 1 and _CC.match(parts[-1]):
                country = parts.pop()
            while len(parts) > 1 and _ISO_DATE.match(parts[-1]):
                dates.append(parts.pop())
        else:
            if len(parts) > 1 and _CC.match(parts[0]):
                country = parts.pop(0)
            while len(parts) > 1 and _ISO_DATE.match(parts[0]):
                dates.append(parts.pop(0))
    # Dates are not labelled; two are an issue and an expiry date, in time order.
    dates.sort()
    issued = dates[0] if len(dates) == 2 else None
    expires = dates[1] if len(dates) == 2 else None
    when = dates[0] if len(dates) == 1 else None
    return {
        "type": id_type,
        "number": ", ".join(parts),
        "country": country,
        "issue_date": issued,
        "expiration_date": expires,
        "date": when,
    }


def _json_records(path: Path, data: Any) -> Any:
    if isinstance(data, dict):
        data = data.get("results")
    if not isinstance(data, list):
        raise SourceError(path, None, 'not CSL JSON: expected a list or {"results": [...]}')
    for index, item in enumerate(data, start=1):
        where = f"record {index}"
        if not isinstance(item, dict) or "name" not in item or "source" not in item:
            raise SourceError(path, where, "not a CSL record (needs name and source)")
        fields: dict[str, str | None] = {}
        multi: dict[str, list[str]] = {}
        for key in COLUMNS:
            value = item.get(key)
            if key in ("addresses", "ids"):
                continue
            if isinstance(value, list):
                values = [us.clean(path, where, key, str(v)) for v in value if v]
                multi[key] = [v for v in values if v]
                fields[key] = "; ".join(multi[key]) or None
            else:
                cleaned = us.clean(path, where, key, None if value is None else str(value))
                fields[key] = cleaned
                if key in MULTI:
                    multi[key] = _split(cleaned)
        for key in MULTI:
            multi.setdefault(key, [])
        addresses = [_json_address(path, where, a) for a in item.get("addresses") or []]
        ids = [_json_id(path, where, i) for i in item.get("ids") or []]
        yield Record(where, fields, multi, [a for a in addresses if a], [i for i in ids if i])


def _json_address(path: Path, where: str, value: Any) -> dict[str, str | None] | None:
    if isinstance(value, str):
        cleaned = us.clean(path, where, "addresses", value)
        return _csv_address(cleaned) if cleaned else None
    if not isinstance(value, dict):
        return None
    parts = {k: us.clean(path, where, "addresses", str(v)) if v else None for k, v in value.items()}
    country = parts.get("country")
    pieces = [parts.get(k) for k in ("address", "city", "state", "postal_code")] + [country]
    full = ", ".join(p for p in pieces if p)
    if not full:
        return None
    return {
        "full": full,
        "country": country,
        "street": parts.get("address"),
        "city": parts.get("city"),
        "state": parts.get("state"),
        "postalCode": parts.get("postal_code"),
    }


def _json_id(path: Path, where: str, value: Any) -> dict[str, str | None] | None:
    if not isinstance(value, dict) or not value.get("type") or not value.get("number"):
        return None
    out: dict[str, str | None] = {}
    for key in ("type", "number", "country", "issue_date", "expiration_date"):
        raw = value.get(key)
        out[key] = us.clean(path, where, "ids", str(raw)) if raw else None
    out["date"] = None
    return out


# --- building ------------------------------------------------------------------------------


def _build(path: Path, records: list[Record]) -> Parsed:
    lists: Counter[str] = Counter()
    infos = [us.list_for_csl_source(r.fields.get("source") or "") for r in records]
    for record, info in zip(records, infos, strict=True):
        if not record.fields.get("source"):
            raise SourceError(path, record.where, "no source (list) given")
        if not record.fields.get("name"):
            raise SourceError(path, record.where, "no name given")
        lists[info.code] += 1
    ids = _entity_ids(records, infos)
    # "Linked To: NAME" in OFAC remarks points at another entry, found by its name.
    by_name: dict[str, str] = {}
    for record, entity_id in zip(records, ids, strict=True):
        by_name.setdefault(us.norm_name(record.fields["name"] or ""), entity_id)
    out = us.Collector(path)
    for record, info, entity_id in zip(records, infos, ids, strict=True):
        for entity in _entities(record, info, entity_id, by_name):
            out.add(entity)
    info_out: dict[str, object] = {
        "rows": len(records),
        "lists": dict(lists.most_common()),
        "dataset": DATASET,
    }
    return Parsed(entities=iter(list(out)), published=None, info=info_out, files=[path])


def _entity_ids(records: list[Record], infos: list[us.ListInfo]) -> list[str]:
    base: list[str] = []
    for record, info in zip(records, infos, strict=True):
        number = record.fields.get("entity_number")
        prefix = f"us-csl-{info.code.lower()}-"
        if number:
            base.append(prefix + re.sub(r"[^\w.-]+", "-", number))
        else:
            base.append(prefix + us.digest(us.norm_name(record.fields["name"] or "")))
    counts = Counter(base)
    seen: Counter[str] = Counter()
    out: list[str] = []
    for record, info, entity_id in zip(records, infos, base, strict=True):
        if counts[entity_id] > 1 and not record.fields.get("entity_number"):
            # Same name twice on one list: tell them apart by where they are and when listed.
            entity_id = f"us-csl-{info.code.lower()}-" + us.digest(
                us.norm_name(record.fields["name"] or ""),
                us.norm_name(record.fields.get("addresses") or ""),
                record.fields.get("start_date") or "",
            )
            seen[entity_id] += 1
            if seen[entity_id] > 1:
                entity_id = f"{entity_id}-{seen[entity_id]}"
        out.append(entity_id)
    return out


def _schema(record: Record) -> str:
    kind = (record.fields.get("type") or "").casefold()
    if kind in SCHEMATA:
        return SCHEMATA[kind]
    name = record.fields.get("name") or ""
    if us.looks_like_company(name):
        return "Company"
    return "Organization" if kind == "entity" else "LegalEntity"


def _entities(
    record: Record, info: us.ListInfo, entity_id: str, by_name: dict[str, str]
) -> list[EntityProxy]:
    f = record.fields
    m = record.multi
    entity = make_entity(_schema(record), entity_id)
    out: list[EntityProxy] = [entity]
    entity.add("name", f["name"])
    entity.add("alias", m["alt_names"])
    entity.add("topics", list(info.topics), cleaned=True)
    if f.get("remarks"):
        entity.add("notes", f["remarks"])
    if entity.schema.is_a("Person"):
        entity.add("position", m["title"])
        for value in m["dates_of_birth"]:
            dates = us.parse_dates(value)
            if dates:
                entity.add("birthDate", dates, quiet=True)
            else:
                entity.add("notes", f"Date of birth: {value}")  # kept as published
        entity.add("birthPlace", m["places_of_birth"])
        entity.add("nationality", [us.country_code(v) for v in m["nationalities"] if v])
        entity.add("citizenship", [us.country_code(v) for v in m["citizenships"] if v])
    else:
        for prop in ("nationalities", "citizenships"):
            entity.add("country", [us.country_code(v) for v in m[prop] if v], quiet=True)
        if m["title"]:
            entity.add("notes", m["title"])
    if entity.schema.is_a("Vessel"):
        us.add(entity, "callSign", f.get("call_sign"))
        us.add(entity, "type", f.get("vessel_type"))
        us.add(entity, "tonnage", f.get("gross_tonnage"))
        us.add(entity, "grossRegisteredTonnage", f.get("gross_registered_tonnage"))
        flag = us.country_code(f.get("vessel_flag"))
        us.add(entity, "flag", flag)
        if f.get("vessel_owner"):
            entity.add("notes", f"Owner: {f['vessel_owner']}")
    for address in record.addresses:
        full = address["full"]
        if not full:
            continue
        country = us.country_code(address.get("country"))
        if full == address.get("country"):
            entity.add("country", country, quiet=True)  # just a country code: no address
            continue
        entity.add("address", full)
        entity.add("country", country, quiet=True)
        extra = {k: address.get(k) for k in ("street", "city", "state", "postalCode")}
        place = us.address_entity(full, country, **extra)
        us.add(entity, "addressEntity", place.id)
        out.append(place)
    sanction = us.make_sanction(entity_id, info, f.get("entity_number"))
    out.append(sanction)
    for ident in record.ids:
        _add_id(entity, sanction, ident, out)
    sanction.add("program", m["programs"])
    sanction.add("authorityId", f.get("federal_register_notice"))
    for prop in ("startDate", "listingDate"):
        sanction.add(prop, us.parse_date(f.get("start_date")), quiet=True)
    sanction.add("endDate", us.parse_date(f.get("end_date")), quiet=True)
    sanction.add("provisions", f.get("license_requirement"))
    sanction.add("status", f.get("license_policy"))
    if f.get("standard_order"):
        sanction.add("description", f"Standard order: {f['standard_order']}")
    remarks = f.get("remarks")
    if remarks:
        sanction.add("summary", remarks)
        for linked in _LINKED.findall(remarks):
            target = by_name.get(us.norm_name(linked))
            if target and target != entity_id:
                link = make_entity("UnknownLink", f"{entity_id}-linked-{us.digest(target)}")
                link.add("subject", entity_id)
                link.add("object", target)
                link.add("role", "Linked To")
                out.append(link)
    us.add_urls(sanction, "sourceUrl", [f.get("source_list_url"), f.get("source_information_url")])
    return out


def _add_id(
    entity: EntityProxy, sanction: EntityProxy, ident: dict[str, str | None], out: list[EntityProxy]
) -> None:
    id_type = ident["type"] or ""
    number = ident["number"] or ""
    if not number:
        return
    kind, prop = us.classify(id_type)
    if kind == "sanction":
        sanction.add("summary", f"{id_type} {number}")
        return
    if kind == "attribute":
        us.add_attribute(entity, prop, id_type, number)
        return
    created = us.add_identifier(
        entity,
        id_type,
        number,
        prop,
        us.country_code(ident.get("country")),
        ident.get("issue_date"),
        ident.get("expiration_date"),
    )
    if created is not None:
        if ident.get("date"):
            created.add("date", ident["date"], quiet=True)
        out.append(created)
