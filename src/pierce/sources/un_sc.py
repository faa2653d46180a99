"""UN Security Council consolidated sanctions list (XML, `CONSOLIDATED_LIST`).

INDIVIDUALS become `Person`, ENTITIES `Organization`; every entry gets one `Sanction`
(authority UNSC, program = UN_LIST_TYPE, unscId/recordId = REFERENCE_NUMBER) and one
`Identification`/`Passport` per numbered document. Entities carry statement languages (the
original-script name as an alias in its script's language), so they are `StatementEntity`.
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from followthemoney import StatementEntity
from followthemoney.dataset import Dataset

from pierce.data import load
from pierce.sources.base import Parsed, SourceError, clean_value, read_text

FORMAT = "un_sc"
DATASET = "un_sc"

# Entity declarations are how XXE and "billion laughs" attacks work; the UN list never has any.
_DECLARATION = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_ROOT = re.compile(rb"<CONSOLIDATED_LIST[\s>]")


@cache
def _config() -> dict[str, Any]:
    config: dict[str, Any] = load("sources/un_sc.json")
    return config


@cache
def _dataset() -> Dataset:
    return Dataset.make({"name": DATASET, "title": "UN Security Council consolidated list"})


def sniff(path: Path, head: bytes) -> bool:
    return bool(head) and head.lstrip()[:1] == b"<" and _ROOT.search(head) is not None


def _load_root(path: Path) -> ET.Element:
    text = read_text(path)
    found = _DECLARATION.search(text)
    if found is not None:
        line = text.count("\n", 0, found.start()) + 1
        raise SourceError(
            path, f"line {line}", "XML DOCTYPE/entity declarations are refused (XXE / entity bombs)"
        )
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        line, column = error.position
        raise SourceError(
            path, f"line {line}, column {column}", f"malformed or truncated XML: {error.msg}"
        ) from error
    if root.tag != "CONSOLIDATED_LIST":
        raise SourceError(path, "line 1", f"root element is <{root.tag}>, not <CONSOLIDATED_LIST>")
    return root


class _Entry:
    """Reads one INDIVIDUAL/ENTITY element with cleaned text and a location for errors."""

    def __init__(self, path: Path, element: ET.Element, where: str) -> None:
        self.path = path
        self.element = element
        self.where = where

    def text(self, node: ET.Element | None, tag: str | None = None) -> str | None:
        if node is not None and tag is not None:
            node = node.find(tag)
        if node is None:
            return None
        return clean_value(self.path, f"{self.where} <{node.tag}>", node.text)

    def values(self, tag: str) -> list[str]:
        found = []
        for node in self.element.findall(f"{tag}/VALUE"):
            value = self.text(node)
            if value is not None:
                found.append(value)
        return found


def _script_language(text: str) -> str | None:
    languages: dict[str, str] = _config()["script_languages"]
    for char in text:
        if char.isalpha():
            script = unicodedata.name(char, "").split(" ")[0]
            return languages.get(script)
    return None


def _join(*parts: str | None) -> str | None:
    joined = ", ".join(p for p in parts if p)
    return joined or None


def _birth_dates(entry: _Entry, node: ET.Element) -> list[str]:
    exact = entry.text(node, "DATE")
    if exact:
        return [exact]
    year = entry.text(node, "YEAR")
    if year:
        return [year]
    start, end = entry.text(node, "FROM_YEAR"), entry.text(node, "TO_YEAR")
    if start and end and start.isdigit() and end.isdigit() and 0 <= int(end) - int(start) < 50:
        return [str(y) for y in range(int(start), int(end) + 1)]
    return [y for y in (start, end) if y]


def _address(entry: _Entry, node: ET.Element) -> tuple[str | None, str | None]:
    fields = ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY")
    country = entry.text(node, "COUNTRY")
    full = _join(*(entry.text(node, f) for f in fields))
    note = entry.text(node, "NOTE")
    if full and note:
        full = f"{full} ({note})"
    return full, country


def _document_kind(kind: str | None) -> dict[str, str]:
    config = _config()
    lowered = (kind or "").lower()
    for word, mapping in config["document_types"].items():
        if word in lowered:
            return dict(mapping)
    return dict(config["default_document"])


def _entry_entities(
    path: Path, element: ET.Element, index: int, published: date | None
) -> list[StatementEntity]:
    is_person = element.tag == "INDIVIDUAL"
    probe = _Entry(path, element, f"{element.tag} #{index}")
    reference = probe.text(element, "REFERENCE_NUMBER")
    data_id = probe.text(element, "DATAID")
    key = reference or data_id
    if key is None:
        raise SourceError(path, probe.where, "entry has neither REFERENCE_NUMBER nor DATAID")
    entry = _Entry(path, element, f"{element.tag} {key}")
    config = _config()
    dataset = _dataset()
    entity_id = f"un-{key}"
    entity = StatementEntity(dataset, {"schema": "Person" if is_person else "Organization"})
    entity.id = entity_id

    parts = [entry.text(element, t) for t in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME")]
    parts.append(entry.text(element, "FOURTH_NAME"))
    name = " ".join(p for p in parts if p)
    if not name:
        raise SourceError(path, entry.where, "entry has no name")
    entity.add("name", name)
    original = entry.text(element, "NAME_ORIGINAL_SCRIPT")
    if original:
        entity.add("alias", original, lang=_script_language(original))

    alias_tag = "INDIVIDUAL_ALIAS" if is_person else "ENTITY_ALIAS"
    for alias in element.findall(alias_tag):
        alias_name = entry.text(alias, "ALIAS_NAME")
        if not alias_name:
            continue
        quality = (entry.text(alias, "QUALITY") or "").lower()
        entity.add(config["alias_quality"].get(quality, "alias"), alias_name)

    entity.add("topics", "sanction")
    entity.add("notes", entry.text(element, "COMMENTS1"))
    for updated in entry.values("LAST_DAY_UPDATED"):
        entity.add("modifiedAt", updated)

    address_tag = "INDIVIDUAL_ADDRESS" if is_person else "ENTITY_ADDRESS"
    for node in element.findall(address_tag):
        full, country = _address(entry, node)
        entity.add("address", full)
        entity.add("country", country, quiet=True, fuzzy=True)

    extra: list[StatementEntity] = []
    if is_person:
        entity.add("title", entry.values("TITLE"))
        entity.add("position", entry.values("DESIGNATION"))
        entity.add("nationality", entry.values("NATIONALITY"), quiet=True, fuzzy=True)
        gender = entry.text(element, "GENDER")
        entity.add("gender", gender.lower() if gender else None, quiet=True)
        for node in element.findall("INDIVIDUAL_DATE_OF_BIRTH"):
            entity.add("birthDate", _birth_dates(entry, node), quiet=True)
            note = entry.text(node, "NOTE")
            if note:
                entity.add("notes", f"Date of birth: {note}")
        for node in element.findall("INDIVIDUAL_PLACE_OF_BIRTH"):
            place, country = _address(entry, node)
            entity.add("birthPlace", place)
            entity.add("birthCountry", country, quiet=True, fuzzy=True)
        for number, node in enumerate(element.findall("INDIVIDUAL_DOCUMENT"), start=1):
            extra.extend(_document(entry, node, entity, number))

    sanction = StatementEntity(dataset, {"schema": "Sanction"})
    sanction.id = f"{entity_id}-sanction"
    sanction.add("entity", entity_id)
    sanction.add("authority", config["authority"])
    sanction.add("country", "zz")
    sanction.add("program", entry.text(element, "UN_LIST_TYPE"))
    sanction.add("unscId", reference)
    sanction.add("recordId", reference or data_id)
    sanction.add("listingDate", entry.text(element, "LISTED_ON"), quiet=True)
    sanction.add("startDate", entry.text(element, "LISTED_ON"), quiet=True)
    sanction.add("sourceUrl", config["source_url"])
    sanction.add("description", entry.values("LIST_TYPE"))
    if published is not None:
        sanction.add("retrievedAt", published.isoformat())
    return [entity, sanction, *extra]


def _document(
    entry: _Entry, node: ET.Element, holder: StatementEntity, number: int
) -> list[StatementEntity]:
    doc_number = entry.text(node, "NUMBER")
    if not doc_number:
        return []
    kind = entry.text(node, "TYPE_OF_DOCUMENT")
    detail = entry.text(node, "TYPE_OF_DOCUMENT2")
    mapping = _document_kind(" ".join(k for k in (kind, detail) if k))
    holder.add(mapping["prop"], doc_number)
    document = StatementEntity(_dataset(), {"schema": mapping["schema"]})
    document.id = f"{holder.id}-doc-{number}"
    document.add("holder", holder.id)
    document.add("number", doc_number)
    document.add("type", _join(kind, detail) if detail and detail != kind else kind)
    country = entry.text(node, "ISSUING_COUNTRY") or entry.text(node, "COUNTRY_OF_ISSUE")
    document.add("country", country, quiet=True, fuzzy=True)
    document.add("startDate", entry.text(node, "DATE_OF_ISSUE"), quiet=True)
    document.add("summary", _join(entry.text(node, "CITY_OF_ISSUE"), entry.text(node, "NOTE")))
    return [document]


def _published(path: Path, root: ET.Element) -> date | None:
    generated = root.get("dateGenerated")
    if not generated:
        return None
    try:
        return datetime.fromisoformat(generated.replace("Z", "+00:00")).date()
    except ValueError as error:
        raise SourceError(path, "root dateGenerated", f"not a date: {generated!r}") from error


def parse(path: Path) -> Parsed:
    path = Path(path)
    root = _load_root(path)
    published = _published(path, root)
    entries = [*root.iterfind("INDIVIDUALS/INDIVIDUAL"), *root.iterfind("ENTITIES/ENTITY")]
    entities: list[StatementEntity] = []
    for index, element in enumerate(entries, start=1):
        entities.extend(_entry_entities(path, element, index, published))
    individuals = sum(1 for e in entries if e.tag == "INDIVIDUAL")
    info: dict[str, object] = {
        "individuals": individuals,
        "entities": len(entries) - individuals,
        "date_generated": root.get("dateGenerated"),
    }
    return Parsed(entities=iter(entities), published=published, info=info, files=[path])
