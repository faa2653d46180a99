"""BIS Denied Persons List, tab-separated with a header (``Name, Street_Address, City, ...``).

One entity per row, with a ``Sanction`` (programId DPL). The list gives no entry numbers, so
ids come from the normalised name (``us-bis-dpl-<hash>``), with the address and effective date
added to the hash when one name has several rows (one per address, as BIS publishes them).
"""

from __future__ import annotations

from pathlib import Path

from followthemoney import EntityProxy

from pierce.sources import us_common as us
from pierce.sources.base import Parsed, SourceError, make_entity

FORMAT = "bis_dpl"
DATASET = "us_bis_dpl"
COLUMNS = [
    "Name",
    "Street_Address",
    "City",
    "State",
    "Country",
    "Postal_Code",
    "Effective_Date",
    "Expiration_Date",
    "Standard_Order",
    "Last_Update",
    "Action",
    "FR_Citation",
]


def sniff(path: Path, head: bytes) -> bool:
    first = head.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].replace(b'"', b"")
    return first.startswith(b"Name\tStreet_Address\tCity\tState\tCountry")


def parse(path: Path) -> Parsed:
    table = us.read_table(path, COLUMNS, "DPL", delimiter="\t")
    for where, fields in table:
        if not fields["Name"]:
            raise SourceError(path, where, "row has no name")
    rows = [fields for _, fields in table]
    ids = us.name_ids(
        "us-bis-dpl-", rows, "Name", "Street_Address", "City", "Country", "Effective_Date"
    )
    out = us.Collector(path)
    for fields, entity_id in zip(rows, ids, strict=True):
        for entity in _entities(fields, entity_id):
            out.add(entity)
    # Ignore impossible years (the 2022-09 file has a "2922-09-01").
    updates = sorted(d for f in rows if (d := us.parse_date(f.get("Last_Update"))) and d < "2100")
    info: dict[str, object] = {
        "dataset": DATASET,
        "rows": len(rows),
        "lists": {"DPL": len(rows)},
        "last_update": updates[-1] if updates else None,
    }
    return Parsed(entities=iter(list(out)), published=None, info=info, files=[path])


def _address_text(fields: dict[str, str | None]) -> str:
    keys = ("Street_Address", "City", "State", "Postal_Code", "Country")
    return ", ".join(v for k in keys if (v := fields.get(k)))


def _entities(fields: dict[str, str | None], entity_id: str) -> list[EntityProxy]:
    info = us.list_by_code("DPL")
    name = fields["Name"] or ""
    entity = make_entity("Company" if us.looks_like_company(name) else "LegalEntity", entity_id)
    entity.add("name", name)
    entity.add("topics", list(info.topics))
    out = [entity]
    full = _address_text(fields)
    if full:
        country = us.country_code(fields.get("Country"))
        address = us.address_entity(
            full,
            country,
            street=fields.get("Street_Address"),
            city=fields.get("City"),
            state=fields.get("State"),
            postalCode=fields.get("Postal_Code"),
        )
        entity.add("address", full)
        entity.add("country", country, quiet=True)
        entity.add("addressEntity", address.id)
        out.append(address)
    sanction = us.make_sanction(entity_id, info)
    sanction.add("authorityId", fields.get("FR_Citation"))
    for prop in ("startDate", "listingDate"):
        sanction.add(prop, us.parse_date(fields.get("Effective_Date")), quiet=True)
    sanction.add("endDate", us.parse_date(fields.get("Expiration_Date")), quiet=True)
    sanction.add("modifiedAt", us.parse_date(fields.get("Last_Update")), quiet=True)
    if fields.get("Standard_Order"):
        sanction.add("description", f"Standard order: {fields['Standard_Order']}")
    if fields.get("Action"):
        sanction.add("summary", fields["Action"])
    out.append(sanction)
    return out
