"""What the US list parsers share: the list table, ids, dates, countries and identifiers.

The domain knowledge (list codes, agencies, identifier types) lives in
``pierce/data/sources/us_lists.yml``; this module only applies it.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from followthemoney import EntityProxy, model, registry
from followthemoney.exc import InvalidData

from pierce.data import load
from pierce.sources.base import (
    SourceError,
    clean_value,
    csv_rows,
    make_entity,
    read_text,
)


@dataclass(frozen=True)
class ListInfo:
    """One US list: its code (Sanction.programId), name, keeping agency and topics."""

    code: str
    name: str
    authority: str
    topics: tuple[str, ...]


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    loaded: dict[str, Any] = load("sources/us_lists.yml")
    return loaded


def _info(code: str, spec: dict[str, Any]) -> ListInfo:
    return ListInfo(code, spec["list"], spec["authority"], tuple(spec.get("topics", [])))


def list_by_code(code: str) -> ListInfo:
    spec = _data()["lists"].get(code)
    if spec is None:
        return ListInfo(code, code, "", ())
    return _info(code, spec)


@lru_cache(maxsize=256)
def list_for_csl_source(source: str) -> ListInfo:
    """The list a CSL ``source`` string names, e.g. "Entity List (EL) - Bureau of ..." -> EL."""
    for code, spec in _data()["lists"].items():
        if source in spec.get("csl", []):
            return _info(str(code), spec)
    # A list added to the CSL after this table was written: read "Name (CODE) - Agency".
    match = re.match(r"^(?P<name>.*?)\s*\((?P<code>[^)]+)\)[^-]*-\s*(?P<agency>.+)$", source)
    if match is None:
        return ListInfo(source, source, "", ())
    agency = _data()["csl_agencies"].get(match["agency"].strip(), {})
    code = re.sub(r"[^A-Z0-9]", "", match["code"].upper().removesuffix(" LIST"))
    return ListInfo(
        code,
        match["name"].strip(),
        agency.get("authority", match["agency"].strip()),
        tuple(agency.get("topics", [])),
    )


@lru_cache(maxsize=64)
def list_for_ofac_name(name: str) -> ListInfo | None:
    """The list an OFAC Enhanced XML ``sanctionsList`` names (None for "Consolidated List")."""
    for code, spec in _data()["lists"].items():
        if name in spec.get("ofac", []):
            return _info(str(code), spec)
    return None


def cons_code_for_programs(programs: Iterable[str]) -> str:
    """The non-SDN list an OFAC consolidated (legacy CSV) entry is on, judged from programs."""
    table: dict[str, str] = _data()["ofac_cons_programs"]
    for program in programs:
        if program in table:
            return table[program]
        if program.startswith("FSE-"):
            return "FSE"
    return str(_data()["ofac_cons_default"])


# --- ids ---------------------------------------------------------------------------------


def norm_name(text: str) -> str:
    """A name reduced for id-making: casefolded letters and digits, single spaces."""
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


class Collector:
    """Entities by id in first-seen order; a repeated id merges into the first (same record)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entities: dict[str, EntityProxy] = {}

    def add(self, entity: EntityProxy) -> EntityProxy:
        assert entity.id is not None
        known = self.entities.get(entity.id)
        if known is None:
            self.entities[entity.id] = entity
            return entity
        if known.schema != entity.schema:
            # Same id, different type (e.g. Entity vs blank): keep the more specific schema.
            try:
                known.schema = model.common_schema(known.schema, entity.schema)
            except InvalidData as error:
                raise SourceError(
                    self.path,
                    f"entry {entity.id}",
                    f"listed twice as different kinds ({known.schema.name}, {entity.schema.name})",
                ) from error
        known.merge(entity)
        return known

    def __iter__(self) -> Iterator[EntityProxy]:
        return iter(self.entities.values())

    def __len__(self) -> int:
        return len(self.entities)


# --- dates and countries -----------------------------------------------------------------

_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}
_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:T[\d:.]+Z?)?$")
_DMY = re.compile(r"^(?:(\d{1,2})\s+)?([A-Za-z]{3})[a-z]*\.?,?\s+(\d{4})$")
_US = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def _valid(year: int, month: int | None = None, day: int | None = None) -> str | None:
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        return None
    if not 1000 <= year <= 2999:
        return None
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def parse_date(text: str | None) -> str | None:
    """One date as an ISO prefix (YYYY, YYYY-MM or YYYY-MM-DD); None if not a date."""
    if not text:
        return None
    text = text.strip().rstrip(".")
    text = re.sub(r"^(circa|approximately|about|ca\.)\s+", "", text, flags=re.IGNORECASE)
    match = _ISO.match(text)
    if match:
        y, m, d = match.groups()
        return _valid(int(y), int(m) if m else None, int(d) if d else None)
    match = _DMY.match(text)
    if match:
        d, mon, y = match.groups()
        month = _MONTHS.get(mon.lower())
        if month is None:
            return None
        return _valid(int(y), month, int(d) if d else None)
    match = _US.match(text)
    if match:
        m, d, y = match.groups()
        return _valid(int(y), int(m), int(d))
    return None


def parse_dates(text: str | None) -> list[str]:
    """Dates as published ("25 Mar 1973", "1962 to 1963", "circa 1970") as ISO prefixes.

    A range of years becomes every year in it (at most 12), so matching can use any of them.
    """
    if not text:
        return []
    text = text.strip()
    parts = re.split(r"\s+to\s+|\s+-\s+", text, maxsplit=1)
    if len(parts) == 2:
        start, end = parse_date(parts[0]), parse_date(parts[1])
        if start and end and len(start) == 4 and len(end) == 4 and 0 <= int(end) - int(start) < 12:
            return [str(y) for y in range(int(start), int(end) + 1)]
        return [d for d in (start, end) if d]
    single = parse_date(text)
    return [single] if single else []


def to_date(text: str | None) -> date | None:
    value = parse_date(text)
    if value is None or len(value) != 10:
        return None
    return date.fromisoformat(value)


@lru_cache(maxsize=4096)
def country_code(text: str | None) -> str | None:
    if not text:
        return None
    return registry.country.clean(text.strip())


# --- properties and identifiers ------------------------------------------------------------


def add(entity: EntityProxy, prop: str, value: str | None) -> bool:
    """Add a value if the schema has the property; False if it does not (or value empty)."""
    if not value or prop not in entity.schema.properties:
        return False
    prop_obj = entity.schema.properties[prop]
    cleaned = prop_obj.type.clean(value, proxy=entity)
    if cleaned is None:
        return False
    entity.unsafe_add(prop_obj, cleaned, cleaned=True)
    return True


@lru_cache(maxsize=2048)
def classify(id_type: str) -> tuple[str, str | None]:
    """What an OFAC/CSL "type value" fact is: ("identifier", prop), ("attribute", prop),
    ("sanction", None) or ("unknown", None)."""
    data = _data()
    key = id_type.strip().casefold()
    for name, prop in data["identifiers"].items():
        if name.casefold() == key:
            return "identifier", prop
    for name, prop in data["attributes"].items():
        if name.casefold() == key:
            return "attribute", prop
    for pattern in data["sanction_info"]:
        if re.search(pattern, key, re.IGNORECASE):
            return "sanction", None
    return "unknown", None


def known_types() -> list[str]:
    """Every named type, longest first (for prefix matching in OFAC remarks)."""
    data = _data()
    names = list(data["identifiers"]) + list(data["attributes"])
    return sorted(set(names), key=len, reverse=True)


_IMO = re.compile(r"^IMO\s*(\d{7})$", re.IGNORECASE)


def add_identifier(
    entity: EntityProxy,
    id_type: str,
    number: str,
    prop: str | None,
    country: str | None = None,
    issued: str | None = None,
    expires: str | None = None,
) -> EntityProxy | None:
    """Put an identifier on the entity under its typed property and return an
    ``Identification`` entity for it (None when the holder cannot hold one, e.g. a vessel)."""
    imo = _IMO.match(number)
    if imo:
        # "IMO 9187629" under any type (vessel registration, company number): the IMO number.
        prop, number = "imoNumber", f"IMO{imo.group(1)}"
    for candidate in (prop, "idNumber", "registrationNumber"):
        if candidate and add(entity, candidate, number):
            break
    else:
        add(entity, "notes", f"{id_type}: {number}")
    if not entity.schema.is_a("LegalEntity"):
        return None
    ident = make_entity("Identification", f"{entity.id}-id-{digest(id_type, number)}")
    ident.add("holder", entity.id)
    ident.add("type", id_type)
    ident.add("number", number)
    ident.add("country", country, quiet=True)
    if issued:
        ident.add("startDate", issued, quiet=True)
    if expires:
        ident.add("endDate", expires, quiet=True)
    return ident


def add_attribute(entity: EntityProxy, prop: str | None, id_type: str, value: str) -> None:
    """A non-identifier fact: typed where the schema allows, else kept in the notes."""
    if prop in ("birthDate", "incorporationDate", "buildDate"):
        dates = parse_dates(value)
        if dates and prop in entity.schema.properties:
            for value_date in dates:
                entity.add(prop, value_date, quiet=True)
            return
    elif prop in ("nationality", "citizenship", "jurisdiction", "pastFlags", "flag"):
        code = country_code(value)
        if code and add(entity, prop, code):
            return
    elif prop == "phone":
        digits = re.sub(r"[^\d+]", "", value)
        # OFAC writes international numbers without the "+" ("8613314257947").
        if add(entity, prop, value) or (
            len(digits.lstrip("+")) >= 11 and add(entity, prop, "+" + digits.lstrip("+"))
        ):
            return
    elif prop and prop != "notes" and add(entity, prop, value):
        return
    add(entity, "notes", f"{id_type}: {value}")


@lru_cache(maxsize=1024)
def _url(value: str) -> str | None:
    return registry.url.clean(value)


def add_urls(entity: EntityProxy, prop: str, values: Iterable[str | None]) -> None:
    """Add URLs, cleaning each distinct one once (lists repeat the same few URLs)."""
    for value in values:
        cleaned = _url(value) if value else None
        if cleaned:
            entity.unsafe_add(entity.schema.properties[prop], cleaned, cleaned=True)


def sanction_id(entity_id: str, code: str) -> str:
    return f"{entity_id}-sanction-{code.lower()}"


def make_sanction(entity_id: str, info: ListInfo, record_id: str | None = None) -> EntityProxy:
    sanction = make_entity("Sanction", sanction_id(entity_id, info.code))
    sanction.add("entity", entity_id)
    # Constants from the list table: already clean, skip FtM's per-value cleaning.
    sanction.add("programId", info.code, cleaned=True)
    sanction.add("program", info.name, cleaned=True)
    if info.authority:
        sanction.add("authority", info.authority, cleaned=True)
    sanction.add("country", "us", cleaned=True)
    if record_id:
        sanction.add("recordId", record_id)
    return sanction


def address_entity(full: str, country: str | None = None, **parts: str | None) -> EntityProxy:
    """A FtM Address, its id from the normalised text so equal addresses share one entity."""
    address = make_entity("Address", f"addr-{digest(norm_name(full), country or '')}")
    address.add("full", full)
    if country:
        address.add("country", country, quiet=True)
    for prop, value in parts.items():
        if value:
            address.add(prop, value, quiet=True)
    return address


def clean(path: Path, where: str, key: str, value: str | None) -> str | None:
    """`base.clean_value`, naming the column in any error."""
    return clean_value(path, f"{where}, {key}" if key else where, value)


def require_columns(path: Path, where: str, row: list[str], count: int) -> None:
    if len(row) != count:
        raise SourceError(path, where, f"expected {count} columns, found {len(row)}")


@lru_cache(maxsize=1)
def _company_words() -> frozenset[str]:
    return frozenset(str(w).casefold() for w in _data()["company_words"])


def looks_like_company(name: str) -> bool:
    """Whether a name carries a company word (legal form, "bank", "trading", ...)."""
    words = _company_words()
    lowered = name.casefold()
    if "有限公司" in lowered:
        return True
    tokens = re.split(r"[\s,()]+", lowered)
    return any(token in words or token.rstrip(".") in words for token in tokens if token)


def read_table(
    path: Path, columns: list[str], what: str, delimiter: str = ","
) -> list[tuple[str, dict[str, str | None]]]:
    """Rows of a delimited file with a header naming at least `columns`, fields cleaned.

    A missing column, a row of the wrong width or an empty file raises `SourceError` naming the
    line; blank lines are skipped.
    """
    text = read_text(path)
    header: list[str] | None = None
    rows: list[tuple[str, dict[str, str | None]]] = []
    for line, row in csv_rows(path, text, delimiter=delimiter):
        where = f"line {line}"
        if header is None:
            header = [h.strip().lstrip("\ufeff") for h in row]
            missing = [c for c in columns if c not in header]
            if missing:
                raise SourceError(path, where, f"not a {what} header: missing {', '.join(missing)}")
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise SourceError(path, where, f"expected {len(header)} columns, found {len(row)}")
        cells = zip(header, row, strict=True)
        rows.append((where, {key: clean(path, where, key, value) for key, value in cells}))
    if header is None:
        raise SourceError(path, None, f"empty file: no {what} header")
    return rows


def name_ids(
    prefix: str, rows: list[dict[str, str | None]], name_key: str, *tiebreak: str
) -> list[str]:
    """Ids from normalised names; rows sharing a name also hash the `tiebreak` fields (and,
    if still equal, get an ordinal), so ids stay stable when rows are reordered or edited."""
    base = [digest(norm_name(f[name_key] or "")) for f in rows]
    counts = Counter(base)
    seen: Counter[str] = Counter()
    out: list[str] = []
    for fields, key in zip(rows, base, strict=True):
        if counts[key] > 1:
            key = digest(
                norm_name(fields[name_key] or ""),
                *(norm_name(fields.get(t) or "") for t in tiebreak),
            )
            seen[key] += 1
            if seen[key] > 1:
                key = f"{key}-{seen[key]}"
        out.append(f"{prefix}{key}")
    return out
