"""Plain readers of real list files, for training and benchmarking the matcher only.

These are deliberately small (csv/xml reading of names, schema, birth dates, countries,
addresses); the ingestion parsers proper live in pierce.sources.
"""

from __future__ import annotations

import csv
import gzip
import io
import os
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pierce.names.aliases import split_aliases

CSL_TYPES = {"Individual": "Person", "Entity": "Organization", "Vessel": "Vessel",
             "Aircraft": "Airplane", "": "LegalEntity"}


@dataclass(frozen=True)
class ListEntry:
    id: str
    schema: str
    names: tuple[str, ...]  # primary name first
    birth_dates: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    source: str = ""
    weak_names: tuple[str, ...] = ()  # of `names`, those the list marks low quality
    addresses: tuple[str, ...] = ()


def data_dir() -> Path:
    default = Path(__file__).resolve().parents[3] / ".." / "shared" / "data"
    return Path(os.environ.get("PIERCE_TEST_DATA", default))


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split(";") if v.strip())


def read_csl(path: Path) -> Iterator[ListEntry]:
    """Consolidated Screening List CSV (trade.gov layout), gzip or plain."""
    raw = gzip.open(path, "rt", encoding="utf-8") if path.suffix == ".gz" else path.open(
        encoding="utf-8-sig")
    with raw as fh:
        for n, row in enumerate(csv.DictReader(fh)):
            name = (row.get("name") or "").strip()
            if not name or name == "name":
                continue
            countries = {c.casefold() for c in _split(row.get("nationalities"))
                         + _split(row.get("citizenships")) if len(c) == 2}
            yield ListEntry(
                id=f"csl-{row.get('_id') or n}",
                schema=CSL_TYPES.get(row.get("type") or "", "LegalEntity"),
                names=(name,) + tuple(a for a in _split(row.get("alt_names")) if a != name),
                birth_dates=_split(row.get("dates_of_birth")),
                countries=tuple(sorted(countries)),
                source=row.get("source") or "",
                addresses=_split(row.get("addresses")),
            )


def read_sdn_legacy(path: Path) -> Iterator[ListEntry]:
    """OFAC legacy sdn.csv (no header); names only (aliases live in alt.csv)."""
    with path.open(encoding="latin-1", newline="") as fh:
        for row in csv.reader(fh):
            if len(row) < 3 or not row[1].strip():
                continue
            kind = row[2].strip().strip("-0").strip()
            schema = {"individual": "Person", "vessel": "Vessel", "aircraft": "Airplane"}.get(
                kind, "Organization")
            yield ListEntry(f"sdn-{row[0]}", schema, (row[1].strip(),), source="SDN")


def read_un(path: Path) -> Iterator[ListEntry]:
    """UN Security Council consolidated list XML: individuals and entities with aliases."""
    root = ET.parse(path).getroot()
    for node in root.iter():
        if node.tag not in ("INDIVIDUAL", "ENTITY"):
            continue
        ref = (node.findtext("REFERENCE_NUMBER") or node.findtext("DATAID") or "").strip()
        if node.tag == "INDIVIDUAL":
            parts = [node.findtext(t) or "" for t in
                     ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")]
            name = " ".join(p.strip() for p in parts if p.strip())
            alias_tag = "INDIVIDUAL_ALIAS"
            schema = "Person"
        else:
            name = (node.findtext("FIRST_NAME") or "").strip()
            alias_tag = "ENTITY_ALIAS"
            schema = "Organization"
        names = [name] if name else []
        original = (node.findtext("NAME_ORIGINAL_SCRIPT") or "").strip()
        if original:
            names.append(original)
        weak = []
        for alias in node.findall(alias_tag):
            value = (alias.findtext("ALIAS_NAME") or "").strip()
            low = (alias.findtext("QUALITY") or "").strip().casefold() == "low"
            # 'Abubakar (original script: Абубакар)' is also each name in it, as in the store
            for part in (value, *split_aliases(value)) if value else ():
                if part not in names:
                    names.append(part)
                    if low:
                        weak.append(part)
        births = tuple((d.findtext("DATE") or d.findtext("YEAR") or "").strip()
                       for d in node.findall("INDIVIDUAL_DATE_OF_BIRTH"))
        if names:
            yield ListEntry(f"un-{ref}", schema, tuple(names),
                            tuple(b for b in births if b), source="UN", weak_names=tuple(weak))


def read_gleif_names(path: Path, limit: int | None = None) -> Iterator[tuple[str, str, str]]:
    """(LEI, legal name, country) from the GLEIF level-1 names file."""
    with gzip.open(path, "rb") as raw:
        reader = csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8"))
        for n, row in enumerate(reader):
            if limit is not None and n >= limit:
                return
            if row.get("LegalName"):
                country = (row.get("LegalAddressCountry") or "").casefold()
                yield row["LEI"], row["LegalName"], country


def screening_lists() -> list[ListEntry]:
    """CSL 2022 (all its lists, with aliases) + OFAC SDN 2024 + UN consolidated: the lists the
    benchmarks and the choice of the default threshold screen against."""
    data = data_dir()
    entries = list(read_csl(data / "lists/csl-2022-04-consolidated.csv.gz"))
    entries += list(read_sdn_legacy(data / "lists/ofac-sdn-2024-05-03.csv"))
    entries += list(read_un(data / "lists/un-sc-2026-02.xml"))
    return entries
