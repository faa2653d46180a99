"""DoD Section 1260H list of "Chinese military companies" (CSV as transcribed).

Columns ``Name,Clean Name,Alias,Previous Name,Parent Name,Note,Start date,End date,Source Url``;
a company appears once per yearly publication. One ``Company`` per normalised clean name
(``us-dod-1260h-<hash>``), one ``Sanction`` (programId 1260H) per row, and an ``Ownership`` per
row that names a parent (owner = the parent's entity, a minimal Company when it has no row).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from followthemoney import EntityProxy

from pierce.sources import us_common as us
from pierce.sources.base import Parsed, SourceError, make_entity

FORMAT = "dod_1260h"
DATASET = "us_dod_1260h"
CODE = "1260H"
ROLE = "parent (DoD 1260H)"
COLUMNS = [
    "Name",
    "Clean Name",
    "Alias",
    "Previous Name",
    "Parent Name",
    "Note",
    "Start date",
    "End date",
    "Source Url",
]


def sniff(path: Path, head: bytes) -> bool:
    first = head.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].replace(b'"', b"").strip()
    return first.startswith(b"Name,Clean Name,Alias,Previous Name,Parent Name")


def company_id(name: str) -> str:
    return f"us-dod-1260h-{us.digest(us.norm_name(name))}"


def parse(path: Path) -> Parsed:
    rows = us.read_table(path, COLUMNS, "1260H")
    for where, fields in rows:
        if not (fields["Clean Name"] or fields["Name"]):
            raise SourceError(path, where, "row has no name")

    known: dict[str, str] = {}
    for _, fields in rows:
        entity_id = company_id(fields["Clean Name"] or fields["Name"] or "")
        for key in ("Name", "Clean Name"):
            if fields[key]:
                known.setdefault(us.norm_name(fields[key] or ""), entity_id)
    info = us.list_by_code(CODE)
    out = us.Collector(path)
    stats: Counter[str] = Counter()
    for _, fields in rows:
        for entity in _entities(fields, info, known, stats):
            out.add(entity)
    meta: dict[str, object] = {
        "dataset": DATASET,
        "rows": len(rows),
        "lists": {CODE: len(rows)},
        "companies": sum(1 for e in out if e.schema.name == "Company"),
        "parent_links": stats["parent_links"],
        "parents_without_row": stats["parents_without_row"],
        "previous_names": stats["previous_names"],
    }
    return Parsed(entities=iter(list(out)), published=None, info=meta, files=[path])


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(";") if v.strip()]


def _entities(
    fields: dict[str, str | None], info: us.ListInfo, known: dict[str, str], stats: Counter[str]
) -> list[EntityProxy]:
    name = fields["Clean Name"] or fields["Name"] or ""
    entity = make_entity("Company", company_id(name))
    out: list[EntityProxy] = [entity]
    entity.add("name", name)
    entity.add("alias", _split(fields["Alias"]))
    previous = _split(fields["Previous Name"])
    if previous:
        stats["previous_names"] += 1
        entity.add("previousName", previous)
    entity.add("topics", list(info.topics))
    entity.add("country", "cn")
    if fields["Note"]:
        entity.add("notes", fields["Note"])
    start = us.parse_date(fields["Start date"])
    sanction = make_entity("Sanction", f"{entity.id}-sanction-1260h-{start or 'undated'}")
    sanction.add("entity", entity.id)
    sanction.add("programId", info.code)
    sanction.add("program", info.name)
    sanction.add("authority", info.authority)
    sanction.add("country", "us")
    for prop in ("startDate", "listingDate"):
        sanction.add(prop, start, quiet=True)
    sanction.add("endDate", us.parse_date(fields["End date"]), quiet=True)
    sanction.add("sourceUrl", fields["Source Url"], quiet=True)
    if fields["Note"]:
        sanction.add("summary", fields["Note"])
    out.append(sanction)
    parent_name = fields["Parent Name"]
    if parent_name:
        stats["parent_links"] += 1
        parent_id = known.get(us.norm_name(parent_name))
        if parent_id is None:
            stats["parents_without_row"] += 1
            parent_id = company_id(parent_name)
            parent = make_entity("Company", parent_id)
            parent.add("name", parent_name)
            out.append(parent)
        ownership = make_entity(
            "Ownership", f"{entity.id}-parent-{us.digest(parent_id)}-{start or 'undated'}"
        )
        ownership.add("owner", parent_id)
        ownership.add("asset", entity.id)
        ownership.add("role", ROLE)
        ownership.add("date", start, quiet=True)
        ownership.add("sourceUrl", fields["Source Url"], quiet=True)
        out.append(ownership)
    return out
