"""ISO 20275 Entity Legal Form (ELF) code list, as published by GLEIF (CSV).

FollowTheMoney has no schema for a legal form, so the list is read into plain
:class:`LegalForm` records (one per row: a code has one row per language) for name
normalisation, via :func:`load_legal_forms`. :func:`parse` feeds the ingest pipeline a
snapshot with no entities, only counts in ``info``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pierce.sources.base import Parsed, SourceError, clean_value, csv_rows, read_text

FORMAT = "elf"
DATASET = "iso20275"

COLUMNS = {
    "code": "ELF Code",
    "country_code": "Country Code (ISO 3166-1)",
    "jurisdiction": "Jurisdiction of formation",
    "subdivision": "Country sub-division code (ISO 3166-2)",
    "local_name": "Entity Legal Form name Local name",
    "language": "Language Code (ISO 639-1)",
    "transliterated_name": "Entity Legal Form name Transliterated name (per ISO 01-140-10)",
    "local_abbreviations": "Abbreviations Local language",
    "transliterated_abbreviations": "Abbreviations transliterated",
    "status": "ELF Status ACTV/INAC",
}


@dataclass(frozen=True)
class LegalForm:
    code: str
    # ISO 3166-1 alpha-2, upper case; None for the placeholder codes 8888 and 9999.
    country_code: str | None
    # ISO 3166-2 subdivision code when the form is sub-national, else the stated jurisdiction.
    jurisdiction: str | None
    # Local name first, then its transliteration when it differs.
    names: tuple[str, ...]
    # Local abbreviations, then transliterated ones; deduplicated, order kept.
    abbreviations: tuple[str, ...]
    language: str | None
    # "ACTV" or "INAC".
    status: str


def sniff(path: Path, head: bytes) -> bool:
    if not head or path.is_dir():
        return False
    first = head.decode("utf-8-sig", errors="replace").split("\n", 1)[0]
    return first.lstrip('"').startswith("ELF Code") and COLUMNS["local_name"] in first


def _split(value: str | None) -> list[str]:
    if not value:
        return []
    return [part.strip() for part in value.split(";") if part.strip()]


def _unique(values: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def load_legal_forms(path: Path) -> list[LegalForm]:
    """Every row of the ELF code list as a :class:`LegalForm`."""
    path = Path(path)
    rows = csv_rows(path, read_text(path))
    try:
        _, header = next(rows)
    except StopIteration:
        raise SourceError(path, "line 1", "file is empty") from None
    missing = [c for c in COLUMNS.values() if c not in header]
    if missing:
        raise SourceError(path, "line 1", f"not an ELF code list; missing columns {missing}")
    index = {key: header.index(column) for key, column in COLUMNS.items()}
    forms = []
    for line, row in rows:
        where = f"line {line}"
        if len(row) != len(header):
            raise SourceError(path, where, f"expected {len(header)} fields, got {len(row)}")
        field = {
            key: clean_value(path, f"{where}, {COLUMNS[key]}", row[i]) for key, i in index.items()
        }
        code = field["code"]
        if code is None or len(code) != 4 or not code.isalnum():
            raise SourceError(path, where, f"not an ELF code: {code!r:.20}")
        status = field["status"]
        if status not in ("ACTV", "INAC"):
            raise SourceError(path, where, f"unknown ELF status {status!r:.20}")
        names = [n for n in (field["local_name"], field["transliterated_name"]) if n]
        abbreviations = _split(field["local_abbreviations"])
        abbreviations += _split(field["transliterated_abbreviations"])
        forms.append(
            LegalForm(
                code=code,
                country_code=field["country_code"],
                jurisdiction=field["subdivision"] or field["jurisdiction"],
                names=_unique(names),
                abbreviations=_unique(abbreviations),
                language=field["language"],
                status=status,
            )
        )
    return forms


def parse(path: Path) -> Parsed:
    path = Path(path)
    forms = load_legal_forms(path)
    info: dict[str, object] = {
        "rows": len(forms),
        "codes": len({f.code for f in forms}),
        "countries": len({f.country_code for f in forms if f.country_code}),
        "status": dict(Counter(f.status for f in forms)),
    }
    return Parsed(entities=iter([]), info=info, files=[path])
