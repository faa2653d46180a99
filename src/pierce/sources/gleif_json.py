"""GLEIF API responses (JSON:API): LEI records, level-2 relationships, reporting exceptions.

The path is one response file or a directory of them (searched recursively, e.g.
``lei_records/``, ``relationships/``, ``reporting_exceptions/``). Level-1 records become
``Company``/``LegalEntity`` with id ``lei-<LEI>``; accounting-consolidation relationships
become ``Ownership`` (owner = parent, asset = child); reporting exceptions become notes on
the child. The same LEI seen in several responses is merged into one entity.

Shared with ``gleif_csv``: the category → schema mapping and the entity/link builders.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from followthemoney import EntityProxy, model

from pierce.data import load
from pierce.sources.base import Parsed, SourceError, clean_value, read_text

FORMAT = "gleif_json"
DATASET = "gleif"

_RECORD_TYPE = re.compile(
    rb'"type"\s*:\s*"(lei-records|relationship-records|reporting-exceptions)"'
)
# An empty page still says it comes from the golden copy (or links to api.gleif.org).
_GLEIF_META = re.compile(rb'"goldenCopy"\s*:|api\.gleif\.org')
_LEI = re.compile(r"^[A-Z0-9]{18}[0-9]{2}$")


@cache
def config() -> dict[str, Any]:
    loaded: dict[str, Any] = load("sources/gleif_mapping.json")
    return loaded


def schema_for(category: str | None) -> str:
    """FtM schema for a GLEIF entity category (GENERAL, BRANCH, FUND, ...)."""
    mapping: dict[str, str] = config()["category_schema"]
    return mapping.get(category or "", config()["default_schema"])


def lei_id(lei: str) -> str:
    return f"lei-{lei}"


def check_lei(path: Path, where: str, lei: object) -> str:
    if not isinstance(lei, str) or not _LEI.match(lei):
        raise SourceError(path, where, f"not a valid LEI: {lei!r:.40}")
    return lei


def ownership(
    path: Path,
    where: str,
    child: str,
    parent: str,
    kind: str,
    status: str | None,
    start: str | None,
    end: str | None,
    percentage: str | None = None,
) -> EntityProxy:
    """An ``Ownership`` for a level-2 relationship: the parent (end node) owns the child."""
    roles: dict[str, str] = config()["relationship_roles"]
    slug = config()["relationship_slugs"].get(kind, kind.lower())
    link = model.make_entity("Ownership")
    link.id = f"gleif-{child}-{slug}-{parent}"
    link.add("owner", lei_id(check_lei(path, where, parent)))
    link.add("asset", lei_id(check_lei(path, where, child)))
    link.add("role", roles.get(kind, kind))
    link.add("ownershipType", kind)
    link.add("status", status)
    link.add("startDate", _day(start), quiet=True)
    link.add("endDate", _day(end), quiet=True)
    link.add("percentage", percentage, quiet=True)
    return link


def exception_note(category: str | None, reason: str | None) -> str:
    labels: dict[str, str] = config()["exception_categories"]
    label = labels.get(category or "", f"reporting exception {category}")
    return f"{label}: {reason}" if reason else label


def _day(value: str | None) -> str | None:
    return value[:10] if value else None


def sniff(path: Path, head: bytes) -> bool:
    if path.is_dir():
        for child in sorted(path.rglob("*.json"))[:20]:
            with open(child, "rb") as handle:
                if _is_response(handle.read(8192)):
                    return True
        return False
    return _is_response(head)


def _is_response(head: bytes) -> bool:
    stripped = head.lstrip()
    return (
        stripped[:1] == b"{"
        and (b'"data"' in stripped or b'"meta"' in stripped)
        and (_RECORD_TYPE.search(stripped) is not None or _GLEIF_META.search(stripped) is not None)
    )


class _Reader:
    """Cleans strings out of one JSON:API record and names it in errors."""

    def __init__(self, path: Path, where: str) -> None:
        self.path = path
        self.where = where

    def text(self, value: object) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str):
            raise SourceError(self.path, self.where, f"expected text, got {value!r:.60}")
        return clean_value(self.path, self.where, value)

    def get(self, data: object, *keys: str) -> Any:
        for key in keys:
            if not isinstance(data, dict):
                return None
            data = data.get(key)
        return data

    def obj(self, data: object, *keys: str) -> dict[str, Any]:
        """A nested JSON object; missing or null is empty, any other type is an error."""
        value = self.get(data, *keys)
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise SourceError(self.path, self.where, f"{'.'.join(keys)} must be an object")
        return value

    def objects(self, data: object, *keys: str) -> list[dict[str, Any]]:
        """A nested list of JSON objects; missing or null is empty."""
        value = self.get(data, *keys)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise SourceError(self.path, self.where, f"{'.'.join(keys)} must be a list of objects")
        return value


def _address(read: _Reader, address: dict[str, Any]) -> tuple[str | None, str | None]:
    lines = address.get("addressLines") or []
    if not isinstance(lines, list):
        raise SourceError(read.path, read.where, "addressLines must be a list")
    parts = [read.text(line) for line in lines]
    for key in ("addressNumber", "addressNumberWithinBuilding", "mailRouting", "city"):
        parts.append(read.text(address.get(key)))
    parts.append(read.text(address.get("postalCode")))
    country = read.text(address.get("country"))
    parts.append(country)
    full = ", ".join(p for p in parts if p)
    return full or None, country


def _lei_record(path: Path, record: dict[str, Any], where: str) -> EntityProxy:
    read = _Reader(path, where)
    attributes = read.obj(record, "attributes")
    lei = check_lei(path, where, attributes.get("lei") or record.get("id"))
    read.where = f"{where} (LEI {lei})"
    entity_data = read.obj(attributes, "entity")
    entity = model.make_entity(schema_for(read.text(entity_data.get("category"))))
    entity.id = lei_id(lei)
    name = read.text(read.get(entity_data, "legalName", "name"))
    if name is None:
        raise SourceError(path, read.where, "record has no legal name")
    entity.add("name", name)
    previous_types = set(config()["previous_name_types"])
    for other in read.objects(entity_data, "otherNames"):
        prop = "previousName" if other.get("type") in previous_types else "alias"
        entity.add(prop, read.text(other.get("name")))
    for other in read.objects(entity_data, "transliteratedOtherNames"):
        entity.add("alias", read.text(other.get("name")))
    entity.add("leiCode", lei)
    legal_form = read.obj(entity_data, "legalForm")
    entity.add("legalForm", read.text(legal_form.get("id")))
    entity.add("legalForm", read.text(legal_form.get("other")))
    entity.add("jurisdiction", read.text(entity_data.get("jurisdiction")), quiet=True)
    legal, legal_country = _address(read, read.obj(entity_data, "legalAddress"))
    head_office, head_country = _address(read, read.obj(entity_data, "headquartersAddress"))
    entity.add("address", legal)
    entity.add("address", head_office)
    entity.add("country", legal_country, quiet=True)
    entity.add("mainCountry", head_country, quiet=True)
    entity.add("registrationNumber", read.text(entity_data.get("registeredAs")))
    entity.add("status", read.text(entity_data.get("status")))
    entity.add("incorporationDate", _day(read.text(entity_data.get("creationDate"))), quiet=True)
    expiration = read.text(read.get(entity_data, "expiration", "date"))
    entity.add("dissolutionDate", _day(expiration), quiet=True)
    bics = attributes.get("bic") or []
    entity.add("swiftBic", [read.text(b) for b in bics if isinstance(bics, list)], quiet=True)
    updated = read.text(read.get(attributes, "registration", "lastUpdateDate"))
    entity.add("modifiedAt", _day(updated), quiet=True)
    return entity


def _relationship(path: Path, record: dict[str, Any], where: str) -> EntityProxy | None:
    read = _Reader(path, where)
    relation = read.obj(record, "attributes", "relationship")
    if not relation:
        raise SourceError(path, where, "relationship record has no attributes.relationship")
    start_type = read.get(relation, "startNode", "type")
    if start_type != "LEI" or read.get(relation, "endNode", "type") != "LEI":
        return None
    start = end = None
    for period in read.objects(relation, "periods"):
        if period.get("type") == "RELATIONSHIP_PERIOD":
            start = read.text(period.get("startDate"))
            end = read.text(period.get("endDate"))
    percentage = None
    for quantifier in read.objects(relation, "quantifiers"):
        amount = quantifier.get("quantifierAmount")
        if quantifier.get("quantifierUnits") == "PERCENTAGE" and amount is not None:
            percentage = read.text(str(amount))
    return ownership(
        path,
        where,
        child=read.text(read.get(relation, "startNode", "id")) or "",
        parent=read.text(read.get(relation, "endNode", "id")) or "",
        kind=read.text(relation.get("type")) or "",
        status=read.text(relation.get("status")),
        start=start,
        end=end,
        percentage=percentage,
    )


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        files = sorted(p for p in path.rglob("*.json") if p.is_file())
        if not files:
            raise SourceError(path, None, "directory holds no .json GLEIF responses")
        return files
    return [path]


def _records(path: Path) -> tuple[list[dict[str, Any]], date | None]:
    try:
        document = json.loads(read_text(path))
    except json.JSONDecodeError as error:
        raise SourceError(
            path, f"line {error.lineno}, column {error.colno}", f"invalid JSON: {error.msg}"
        ) from error
    if not isinstance(document, dict) or "data" not in document:
        raise SourceError(path, None, "not a GLEIF API response (no top-level 'data')")
    data = document["data"]
    records = data if isinstance(data, list) else [data]
    published = None
    stamp = _Reader(path, "meta.goldenCopy").get(document, "meta", "goldenCopy", "publishDate")
    if isinstance(stamp, str):
        try:
            published = date.fromisoformat(stamp[:10])
        except ValueError as error:
            raise SourceError(path, "meta.goldenCopy", f"not a date: {stamp!r}") from error
    return [r for r in records if isinstance(r, dict)], published


def _merge(found: dict[str, EntityProxy], entity: EntityProxy) -> None:
    assert entity.id is not None
    if entity.id in found:
        found[entity.id].merge(entity)
    else:
        found[entity.id] = entity


def parse(path: Path) -> Parsed:
    path = Path(path)
    files = _files(path)
    companies: dict[str, EntityProxy] = {}
    links: dict[str, EntityProxy] = {}
    notes: list[tuple[str, str]] = []
    published: date | None = None
    kinds: Counter[str] = Counter()
    for file in files:
        records, stamp = _records(file)
        if stamp is not None and (published is None or stamp > published):
            published = stamp
        for index, record in enumerate(records):
            where = f"data[{index}]"
            kind = record.get("type")
            kinds[str(kind)] += 1
            if kind == "lei-records":
                _merge(companies, _lei_record(file, record, where))
            elif kind == "relationship-records":
                link = _relationship(file, record, where)
                if link is not None:
                    _merge(links, link)
            elif kind == "reporting-exceptions":
                read = _Reader(file, where)
                attributes = read.obj(record, "attributes")
                lei = check_lei(file, where, attributes.get("lei"))
                note = exception_note(
                    read.text(attributes.get("category")), read.text(attributes.get("reason"))
                )
                notes.append((lei, note))
    for lei, note in notes:
        entity = companies.get(lei_id(lei))
        if entity is None:
            # An exception for an LEI whose record was not fetched: keep it on a stub.
            entity = model.make_entity("LegalEntity")
            entity.id = lei_id(lei)
            entity.add("leiCode", lei)
            companies[lei_id(lei)] = entity
        entity.add("notes", note)
    entities: list[EntityProxy] = [*companies.values(), *links.values()]
    info: dict[str, object] = {
        "files": len(files),
        "records": dict(kinds),
        "legal_entities": len(companies),
        "ownerships": len(links),
        "reporting_exceptions": len(notes),
    }
    return Parsed(entities=iter(entities), published=published, info=info, files=files)
