"""GLEIF CSV files, told apart by their header:

- the names extract ``LEI,LegalName,LegalAddressCountry,EntityCategory,EntitySubCategory``
  (hundreds of thousands of rows: built on a fast path, one small entity per row);
- the golden-copy level-1 CSV (``"LEI","Entity.LegalName",...``);
- the golden-copy level-2 relationship CSV (``"Relationship.StartNode.NodeID",...``);
- the golden-copy reporting-exception CSV (``"LEI","Exception.Category",...``).

Entities are produced lazily: a bad row raises ``SourceError`` naming its line while the
entities are iterated. ``Parsed.info["data_lines"]`` is known up front; ``info["rows"]`` (and
``duplicates_skipped`` for relationships) are filled in once the entities are exhausted.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from followthemoney import EntityProxy, model

from pierce.sources.base import MAX_FIELD, Parsed, SourceError, clean_value, csv_rows, read_text
from pierce.sources.gleif_json import (
    check_lei,
    config,
    exception_note,
    lei_id,
    ownership,
    schema_for,
)

FORMAT = "gleif_csv"
DATASET = "gleif"

# The names extract is a cut of level 1, not a full snapshot of it: its own dataset.
SEPARATE_DATASETS = {
    "names": "gleif_names",
    "relationships": "gleif_rr",
    "reporting_exceptions": "gleif_repex",
}
NAMES_HEADER = ["LEI", "LegalName", "LegalAddressCountry", "EntityCategory", "EntitySubCategory"]


def _variant(header: list[str]) -> str | None:
    if header[: len(NAMES_HEADER)] == NAMES_HEADER:
        return "names"
    if header[:2] == ["LEI", "Entity.LegalName"]:
        return "level1"
    if header[:1] == ["Relationship.StartNode.NodeID"]:
        return "relationships"
    if header[:2] == ["LEI", "Exception.Category"]:
        return "reporting_exceptions"
    return None


def _header(text: str) -> list[str]:
    first = text.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")
    try:
        return next(csv.reader([first]))
    except (csv.Error, StopIteration):
        return []


def sniff(path: Path, head: bytes) -> bool:
    if not head or path.is_dir():
        return False
    try:
        text = head.decode("utf-8-sig", errors="replace")
    except LookupError:
        return False
    return _variant(_header(text)) is not None


def parse(path: Path) -> Parsed:
    path = Path(path)
    text = read_text(path)
    rows = csv_rows(path, text)
    try:
        _, header = next(rows)
    except StopIteration:
        raise SourceError(path, "line 1", "file is empty") from None
    variant = _variant(header)
    if variant is None:
        raise SourceError(path, "line 1", f"not a GLEIF CSV header: {','.join(header)[:120]!r}")
    # Known before iterating (a store records info up front); quoted newlines would inflate it.
    lines = text.count("\n") + (0 if text.endswith("\n") else 1) - 1
    info: dict[str, object] = {"variant": variant, "data_lines": lines}
    if variant in SEPARATE_DATASETS:
        # Level-2 and exception files are separate snapshots beside level 1, not newer
        # versions of it: file them under their own dataset so neither hides the other.
        info["dataset"] = SEPARATE_DATASETS[variant]
    builders = {
        "names": _names,
        "level1": _level1,
        "relationships": _relationships,
        "reporting_exceptions": _exceptions,
    }
    entities = builders[variant](path, header, rows, info)
    return Parsed(entities=entities, info=info, files=[path])


def _names(
    path: Path, header: list[str], rows: Iterator[tuple[int, list[str]]], info: dict[str, object]
) -> Iterator[EntityProxy]:
    # The hot path of the ingest benchmark: cheap checks first, full cleaning only when needed.
    schemata = {category: model[schema_for(category)] for category in config()["category_schema"]}
    default = model[schema_for(None)]
    width = len(header)
    count = 0
    for line, row in rows:
        if len(row) != width:
            raise SourceError(path, f"line {line}", f"expected {width} fields, got {len(row)}")
        lei, name, country, category = row[0], row[1], row[2], row[3]
        if len(lei) != 20 or not lei.isalnum():
            check_lei(path, f"line {line}", lei)
        if not (name.isprintable() and len(name) <= MAX_FIELD and name == name.strip()) or (
            "  " in name
        ):
            name = clean_value(path, f"line {line}, LegalName", name) or ""
        if not name:
            raise SourceError(path, f"line {line}", "empty LegalName")
        properties = {"name": [name], "leiCode": [lei]}
        if country:
            if len(country) != 2 or not country.isalpha():
                raise SourceError(path, f"line {line}", f"not a country code: {country[:20]!r}")
            properties["country"] = [country.lower()]
        schema = schemata.get(category, default)
        count += 1
        yield EntityProxy(schema, {"id": "lei-" + lei, "properties": properties})
    info["rows"] = count


class _Row:
    def __init__(self, path: Path, line: int, header: list[str], row: list[str]) -> None:
        if len(row) != len(header):
            raise SourceError(
                path, f"line {line}", f"expected {len(header)} fields, got {len(row)}"
            )
        self.path = path
        self.where = f"line {line}"
        self.values = dict(zip(header, row, strict=True))

    def get(self, column: str) -> str | None:
        return clean_value(self.path, f"{self.where}, {column}", self.values.get(column))

    def prefixed(self, prefix: str, suffix: str = "") -> list[tuple[str, str | None]]:
        """Numbered columns such as ``Entity.OtherEntityNames.OtherEntityName.1``."""
        found = []
        for number in range(1, 100):
            column = f"{prefix}.{number}{suffix}"
            if column not in self.values:
                break
            found.append((column, self.get(column)))
        return found


def _address(row: _Row, prefix: str) -> tuple[str | None, str | None]:
    parts = [row.get(f"{prefix}.FirstAddressLine"), row.get(f"{prefix}.AddressNumber")]
    parts.extend(value for _, value in row.prefixed(f"{prefix}.AdditionalAddressLine"))
    for field in ("MailRouting", "City", "PostalCode", "Country"):
        parts.append(row.get(f"{prefix}.{field}"))
    full = ", ".join(p for p in parts if p)
    return full or None, row.get(f"{prefix}.Country")


def _level1(
    path: Path, header: list[str], rows: Iterator[tuple[int, list[str]]], info: dict[str, object]
) -> Iterator[EntityProxy]:
    previous_types = set(config()["previous_name_types"])
    count = 0
    for line, raw in rows:
        row = _Row(path, line, header, raw)
        lei = check_lei(path, row.where, row.get("LEI"))
        entity = model.make_entity(schema_for(row.get("Entity.EntityCategory")))
        entity.id = lei_id(lei)
        name = row.get("Entity.LegalName")
        if name is None:
            raise SourceError(path, row.where, "empty Entity.LegalName")
        entity.add("name", name)
        for column, other in row.prefixed("Entity.OtherEntityNames.OtherEntityName"):
            kind = row.get(f"{column}.type")
            entity.add("previousName" if kind in previous_types else "alias", other)
        prefix = "Entity.TransliteratedOtherEntityNames.TransliteratedOtherEntityName"
        for _, other in row.prefixed(prefix):
            entity.add("alias", other)
        entity.add("leiCode", lei)
        entity.add("legalForm", row.get("Entity.LegalForm.EntityLegalFormCode"))
        entity.add("legalForm", row.get("Entity.LegalForm.OtherLegalForm"))
        entity.add("jurisdiction", row.get("Entity.LegalJurisdiction"), quiet=True)
        legal, legal_country = _address(row, "Entity.LegalAddress")
        head_office, head_country = _address(row, "Entity.HeadquartersAddress")
        entity.add("address", [legal, head_office])
        entity.add("country", legal_country, quiet=True)
        entity.add("mainCountry", head_country, quiet=True)
        authority_id = "Entity.RegistrationAuthority.RegistrationAuthorityEntityID"
        entity.add("registrationNumber", row.get(authority_id))
        entity.add("status", row.get("Entity.EntityStatus"))
        entity.add("incorporationDate", _day(row.get("Entity.EntityCreationDate")), quiet=True)
        entity.add("dissolutionDate", _day(row.get("Entity.EntityExpirationDate")), quiet=True)
        entity.add("modifiedAt", _day(row.get("Registration.LastUpdateDate")), quiet=True)
        count += 1
        yield entity
    info["rows"] = count


def _relationships(
    path: Path, header: list[str], rows: Iterator[tuple[int, list[str]]], info: dict[str, object]
) -> Iterator[EntityProxy]:
    count = 0
    first_line: dict[str, int] = {}
    duplicates = 0
    for line, raw in rows:
        row = _Row(path, line, header, raw)
        count += 1
        if row.get("Relationship.StartNode.NodeIDType") not in (None, "LEI"):
            continue
        if row.get("Relationship.EndNode.NodeIDType") not in (None, "LEI"):
            continue
        start = end = None
        for column, kind in row.prefixed("Relationship.Period", ".periodType"):
            if kind == "RELATIONSHIP_PERIOD":
                base = column[: -len(".periodType")]
                start, end = row.get(f"{base}.startDate"), row.get(f"{base}.endDate")
        percentage = None
        for column, units in row.prefixed("Relationship.Quantifiers", ".QuantifierUnits"):
            if units == "PERCENTAGE":
                percentage = row.get(column[: -len(".QuantifierUnits")] + ".QuantifierAmount")
        kind = row.get("Relationship.RelationshipType")
        if kind is None:
            raise SourceError(path, row.where, "empty Relationship.RelationshipType")
        link = ownership(
            path,
            row.where,
            child=row.get("Relationship.StartNode.NodeID") or "",
            parent=row.get("Relationship.EndNode.NodeID") or "",
            kind=kind,
            status=row.get("Relationship.RelationshipStatus"),
            start=start,
            end=end,
            percentage=percentage,
        )
        # A repeated child/type/parent triple would be a second entity with the same id.
        if str(link.id) in first_line:
            duplicates += 1
            continue
        first_line[str(link.id)] = line
        yield link
    info["rows"] = count
    info["duplicates_skipped"] = duplicates


def _exceptions(
    path: Path, header: list[str], rows: Iterator[tuple[int, list[str]]], info: dict[str, object]
) -> Iterator[EntityProxy]:
    # One stub per LEI carrying all its notes (the store merges it with the level-1 record by
    # id); an LEI has up to two exception rows (direct and ultimate), so group them first.
    stubs: dict[str, EntityProxy] = {}
    count = 0
    for line, raw in rows:
        row = _Row(path, line, header, raw)
        lei = check_lei(path, row.where, row.get("LEI"))
        category = row.get("Exception.Category")
        reasons = [reason for _, reason in row.prefixed("Exception.Reason") if reason]
        entity = stubs.get(lei)
        if entity is None:
            entity = stubs[lei] = model.make_entity("LegalEntity")
            entity.id = lei_id(lei)
            entity.add("leiCode", lei)
        entity.add("notes", exception_note(category, ", ".join(reasons) or None))
        count += 1
    info["rows"] = count
    yield from stubs.values()


def _day(value: str | None) -> str | None:
    return value[:10] if value else None
