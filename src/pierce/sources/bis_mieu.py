"""BIS Military-Intelligence End User list (as transcribed by OpenSanctions, CSV).

Columns ``Type,Name,Alias,Country,Topics,Program,Date,End date,Source URL``; one entity per
row with a ``Sanction`` (programId MIEU). Ids come from the normalised name:
``us-bis-mieu-<hash>``.
"""

from __future__ import annotations

from pathlib import Path

from followthemoney import EntityProxy, registry

from pierce.sources import us_common as us
from pierce.sources.base import Parsed, SourceError, make_entity

FORMAT = "bis_mieu"
DATASET = "us_bis_mieu"
CODE = "MIEU"
COLUMNS = [
    "Type",
    "Name",
    "Alias",
    "Country",
    "Topics",
    "Program",
    "Date",
    "End date",
    "Source URL",
]
SCHEMATA = {
    "organization": "Organization",
    "company": "Company",
    "person": "Person",
    "individual": "Person",
    "legalentity": "LegalEntity",
}


def sniff(path: Path, head: bytes) -> bool:
    first = head.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].replace(b'"', b"").strip()
    return first.startswith(b"Type,Name,Alias,Country,Topics,Program")


def parse(path: Path) -> Parsed:
    table = us.read_table(path, COLUMNS, "MIEU")
    for where, fields in table:
        if not fields["Name"]:
            raise SourceError(path, where, "row has no name")
        kind = (fields["Type"] or "").replace(" ", "").casefold()
        if kind and kind not in SCHEMATA:
            raise SourceError(path, where, f"unknown entity type {fields['Type']!r}")
    rows = [fields for _, fields in table]
    ids = us.name_ids("us-bis-mieu-", rows, "Name", "Country", "Date")
    info = us.list_by_code(CODE)
    out = us.Collector(path)
    for fields, entity_id in zip(rows, ids, strict=True):
        for entity in _entities(fields, entity_id, info):
            out.add(entity)
    meta: dict[str, object] = {"dataset": DATASET, "rows": len(rows), "lists": {CODE: len(rows)}}
    return Parsed(entities=iter(list(out)), published=None, info=meta, files=[path])


def _entities(
    fields: dict[str, str | None], entity_id: str, info: us.ListInfo
) -> list[EntityProxy]:
    kind = (fields["Type"] or "").replace(" ", "").casefold()
    entity = make_entity(SCHEMATA.get(kind, "LegalEntity"), entity_id)
    entity.add("name", fields["Name"])
    entity.add("alias", [a.strip() for a in (fields["Alias"] or "").split(";") if a.strip()])
    entity.add("country", us.country_code(fields["Country"]), quiet=True)
    topics = [t.strip() for t in (fields["Topics"] or "").split(";") if t.strip()]
    valid = [t for t in topics if registry.topic.clean(t)]
    entity.add("topics", valid or list(info.topics))
    sanction = us.make_sanction(entity_id, info)
    sanction.add("program", fields["Program"])
    start = us.parse_date(fields["Date"])
    for prop in ("startDate", "listingDate"):
        sanction.add(prop, start, quiet=True)
    sanction.add("endDate", us.parse_date(fields["End date"]), quiet=True)
    us.add_urls(sanction, "sourceUrl", [fields["Source URL"]])
    return [entity, sanction]
