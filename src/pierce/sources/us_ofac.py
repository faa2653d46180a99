"""OFAC facts shared by the legacy CSV and the Enhanced XML parsers.

The legacy CSV packs everything into ``Remarks``: "DOB 12 Jan 1960; POB Tehran, Iran;
Passport A123 (Iran) issued 1 Jan 2010 expires 1 Jan 2020; a.k.a. 'X'; Linked To: Y." The XML
gives the same facts as typed features and identity documents. Both end up in `apply_fact`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from followthemoney import EntityProxy

from pierce.sources import us_common as us
from pierce.sources.base import make_entity

SCHEMATA = {"individual": "Person", "vessel": "Vessel", "aircraft": "Airplane"}


def entity_id(number: str) -> str:
    """Entity ids shared by the legacy CSV (ent_num) and the Enhanced XML (entity id)."""
    return f"ofac-{number.strip()}"


def schema_for(kind: str | None, name: str) -> str:
    kind = (kind or "").strip().casefold()
    if kind in SCHEMATA:
        return SCHEMATA[kind]
    return "Company" if us.looks_like_company(name) else "Organization"


@dataclass
class Remarks:
    """What a remarks text says, sorted by where it goes."""

    aliases: list[str] = field(default_factory=list)
    previous_names: list[str] = field(default_factory=list)
    linked: list[str] = field(default_factory=list)
    facts: list[tuple[str, str]] = field(default_factory=list)  # (type, value)
    notes: list[str] = field(default_factory=list)


_AKA = re.compile(r"^(a\.k\.a\.|f\.k\.a\.|n\.k\.a\.)\s*['‘’](.*)['‘’]$", re.IGNORECASE)
_SIMPLE = {
    "dob": "Birthdate",
    "pob": "Place of Birth",
    "nationality": "Nationality Country",
    "citizen": "Citizenship Country",
}
_SIMPLE_RE = re.compile(r"^(DOB|POB|nationality|citizen)\s+(.+)$")
_LINKED = re.compile(r"^Linked To:\s*(.+)$", re.IGNORECASE)
_SANCTION_DATE = re.compile(r"^((?:Listing|Effective) Date \([^)]*\)):?\s+(.+)$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _typed() -> re.Pattern[str]:
    names = "|".join(re.escape(t) for t in us.known_types())
    return re.compile(rf"^({names})\s*(.+)$", re.IGNORECASE)


_OPEN_AKA = re.compile(r"^(alt\. )?[afn]\.k\.a\.\s*'", re.IGNORECASE)


def split_remarks(text: str) -> list[str]:
    """Split on ";", re-joining an alias whose quoted name itself holds a semicolon."""
    parts: list[str] = []
    pending: str | None = None
    for raw in text.split(";"):
        piece = raw.strip()
        if pending is not None:
            pending = f"{pending}; {piece}"
            if piece.rstrip(".").endswith("'"):
                parts.append(pending)
                pending = None
            continue
        if _OPEN_AKA.match(piece) and not piece.rstrip(".").endswith("'"):
            pending = piece
            continue
        if piece:
            parts.append(piece)
    if pending is not None:
        parts.extend(p.strip() for p in pending.split(";") if p.strip())
    return parts


def parse_remarks(text: str | None) -> Remarks:
    out = Remarks()
    if not text:
        return out
    for part in split_remarks(text.strip()):
        part = part.strip().removesuffix(".").strip()
        if part.lower().startswith("alt. "):
            part = part[5:].strip()
        if not part:
            continue
        match = _AKA.match(part)
        if match:
            kind, name = match.group(1).lower(), match.group(2).strip()
            if name:
                (out.previous_names if kind == "f.k.a." else out.aliases).append(name)
            continue
        match = _LINKED.match(part)
        if match:
            out.linked.append(match.group(1).strip().removesuffix("."))
            continue
        match = _SIMPLE_RE.match(part)
        if match:
            out.facts.append((_SIMPLE[match.group(1).lower()], match.group(2).strip()))
            continue
        match = _SANCTION_DATE.match(part)
        if match:
            out.facts.append((match.group(1), match.group(2)))
            continue
        match = _typed().match(part)
        if match:
            out.facts.append((match.group(1), match.group(2).strip()))
            continue
        kind, _ = us.classify(part)
        if kind == "sanction":
            out.facts.append((part, ""))
            continue
        out.notes.append(part)
    return out


_ID_VALUE = re.compile(
    r"^(?P<number>.+?)"
    r"(?:\s*\((?P<country>[^)]+)\))?"
    r"(?:\s+issued\s+(?P<issued>[\w ]+?))?"
    r"(?:\s+expires\s+(?P<expires>[\w ]+?))?$"
)


def apply_fact(
    entity: EntityProxy,
    sanctions: list[EntityProxy],
    fact_type: str,
    value: str,
    country: str | None = None,
    issued: str | None = None,
    expires: str | None = None,
) -> EntityProxy | None:
    """Put one OFAC fact where it belongs; returns an `Identification` entity when one is made."""
    match = _SANCTION_DATE.match(f"{fact_type} {value}")
    if match:
        when = us.parse_date(value)
        date_prop = "listingDate" if fact_type.lower().startswith("listing") else "startDate"
        for sanction in sanctions:
            if when:
                sanction.add(date_prop, when, quiet=True)
            sanction.add("summary", f"{fact_type} {value}".strip())
        return None
    kind, prop = us.classify(fact_type)
    if kind == "sanction" or (kind == "unknown" and not value):
        for sanction in sanctions:
            sanction.add("summary", f"{fact_type} {value}".strip())
        return None
    if kind == "attribute":
        us.add_attribute(entity, prop, fact_type, value)
        return None
    if country is None and issued is None and expires is None:
        parsed = _ID_VALUE.match(value)
        if parsed:
            value = parsed["number"].strip()
            country = us.country_code(parsed["country"]) if parsed["country"] else None
            if parsed["country"] and country is None:
                value = f"{value} ({parsed['country']})"  # not a country: part of the number
            issued = us.parse_date(parsed["issued"])
            expires = us.parse_date(parsed["expires"])
    return us.add_identifier(entity, fact_type, value, prop, country, issued, expires)


def linked_entities(
    entity: EntityProxy, names: list[str], by_name: dict[str, str]
) -> list[EntityProxy]:
    """ "Linked To: NAME" as an UnknownLink to the named entry of the same file, or a note."""
    out: list[EntityProxy] = []
    for name in names:
        target = by_name.get(us.norm_name(name))
        if target is None or target == entity.id:
            entity.add("notes", f"Linked To: {name}")
            continue
        link = make_entity("UnknownLink", f"{entity.id}-linked-{target.removeprefix('ofac-')}")
        link.add("subject", entity.id)
        link.add("object", target)
        link.add("role", "Linked To")
        out.append(link)
    return out
