"""OFAC Enhanced XML (``SDN_ENHANCED.XML`` / ``CONS_ENHANCED.XML``, bare, gzipped or zipped).

Entity ids are ``ofac-<entity id>``: OFAC's entity id is the legacy CSV's ent_num, so both
formats give the same ids. XML with a DOCTYPE or entity declarations is refused (no entity
expansion attacks).
"""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from xml.etree import ElementTree as ET

from followthemoney import EntityProxy

from pierce.sources import us_common as us
from pierce.sources import us_ofac as ofac
from pierce.sources.base import Parsed, SourceError, make_entity, open_bytes

FORMAT = "ofac_xml"
DATASET = "us_ofac_cons"
SDN_DATASET = "us_ofac_sdn"
ROOT = b"<sanctionsData"
NAMESPACE_HINT = b"ENHANCED_XML"
MAX_XML = 1 << 30  # refuse to inflate more than 1 GiB (zip bombs)


def sniff(path: Path, head: bytes) -> bool:
    return ROOT in head and NAMESPACE_HINT in head


def _read(path: Path) -> bytes:
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                names = [n for n in archive.namelist() if n.lower().endswith(".xml")]
                if not names:
                    raise SourceError(path, None, "zip archive holds no .xml file")
                with archive.open(names[0]) as handle:
                    data = handle.read(MAX_XML + 1)
        else:
            with open_bytes(path) as handle:
                data = handle.read(MAX_XML + 1)
    except (OSError, EOFError, zipfile.BadZipFile, zipfile.LargeZipFile) as error:
        problem = f"cannot read file (truncated or corrupt?): {error}"
        raise SourceError(path, None, problem) from error
    if len(data) > MAX_XML:
        raise SourceError(path, None, f"XML larger than {MAX_XML:,} bytes")
    return data


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _kids(element: ET.Element, name: str) -> Iterator[ET.Element]:
    for child in element:
        if _local(child.tag) == name:
            yield child


def _items(element: ET.Element, container: str, name: str) -> Iterator[ET.Element]:
    """The `name` children of `element`'s `container` child (none if it has none)."""
    holder = _kid(element, container)
    return iter(()) if holder is None else _kids(holder, name)


def _kid(element: ET.Element | None, name: str) -> ET.Element | None:
    if element is None:
        return None
    return next(_kids(element, name), None)


def _text(element: ET.Element | None, name: str | None = None) -> str | None:
    if element is not None and name is not None:
        element = _kid(element, name)
    if element is None or element.text is None:
        return None
    return " ".join(element.text.split()) or None


def parse(path: Path) -> Parsed:
    data = _read(path)
    prologue = data[: data.find(ROOT)] if ROOT in data else data[:4096]
    if b"<!DOCTYPE" in prologue or b"<!ENTITY" in data:
        raise SourceError(path, "prologue", "XML with a DOCTYPE or entity declarations is refused")
    if ROOT not in data[:65536]:
        raise SourceError(path, None, "not OFAC Enhanced XML: no <sanctionsData> root")
    countries: dict[str, str] = {}
    published: date | None = None
    list_names: list[str] = []
    out = us.Collector(path)
    lists: Counter[str] = Counter()
    count = 0
    try:
        for _, element in ET.iterparse(io.BytesIO(data), events=("end",)):
            tag = _local(element.tag)
            if tag == "referenceValue":
                iso = _text(element, "isoCode")
                if iso and _text(element, "type") == "COUNTRY":
                    countries[element.get("refId", "")] = iso.lower()
                element.clear()
            elif tag == "publicationInfo":
                published = us.to_date((_text(element, "dataAsOf") or "")[:10])
                filters = _kid(_kid(element, "filters"), "sanctionsLists")
                if filters is not None:
                    list_names = [_text(e) or "" for e in _kids(filters, "sanctionsList")]
            elif tag == "entity":
                count += 1
                for entity in _entity(path, element, countries, lists):
                    out.add(entity)
                element.clear()
    except ET.ParseError as error:
        line, column = error.position
        raise SourceError(path, f"line {line}, column {column}", f"invalid XML: {error}") from error
    if count == 0:
        raise SourceError(path, None, "no <entity> elements: not OFAC Enhanced XML")
    dataset = SDN_DATASET if list_names == ["SDN List"] else DATASET
    info: dict[str, object] = {
        "dataset": dataset,
        "entries": count,
        "lists": dict(lists.most_common()),
        "published_lists": list_names,
    }
    return Parsed(entities=iter(list(out)), published=published, info=info, files=[path])


def _entity(
    path: Path, element: ET.Element, countries: dict[str, str], lists: Counter[str]
) -> list[EntityProxy]:
    number = element.get("id")
    if not number:
        raise SourceError(path, "entity", "entity without id")
    where = f"entity {number}"
    general = _kid(element, "generalInfo")
    kind = _text(general, "entityType")
    names = list(_names(element))
    primary = next((n for n in names if n[0] == "primary"), None)
    if primary is None:
        raise SourceError(path, where, "entity without a primary name")
    entity = make_entity(ofac.schema_for(kind, primary[1]), ofac.entity_id(number))
    out: list[EntityProxy] = [entity]
    for role, name, parts in names:
        us.clean(path, where, "name", name)
        if role == "primary":
            entity.add("name", name)
            for prop, value in parts.items():
                us.add(entity, prop, value)
        elif role == "fka":
            if not us.add(entity, "previousName", name):
                entity.add("alias", name)
        elif role == "weak":
            if not us.add(entity, "weakAlias", name):
                entity.add("alias", name)
        else:
            entity.add("alias", name)
    remarks = _text(general, "remarks")
    if remarks:
        entity.add("notes", us.clean(path, where, "remarks", remarks))

    programs = [_text(p) or "" for p in _items(element, "sanctionsPrograms", "sanctionsProgram")]
    authorities = [_text(a) or "" for a in _items(element, "legalAuthorities", "legalAuthority")]
    entity.add("program", programs)
    sanctions: list[EntityProxy] = []
    list_elements = list(_items(element, "sanctionsLists", "sanctionsList"))
    infos = [(us.list_for_ofac_name(_text(e) or ""), e) for e in list_elements]
    specific = [(i, e) for i, e in infos if i is not None]
    if not specific:
        consolidated = next((e for i, e in infos), None)
        specific = [(us.list_by_code("CONS"), consolidated)] if consolidated is not None else []
    for info, list_element in specific:
        assert info is not None
        lists[info.code] += 1
        sanction = us.make_sanction(entity.id or "", info, number)
        sanction.add("program", programs)
        sanction.add("reason", authorities)
        if list_element is not None:
            listed = us.parse_date(list_element.get("datePublished"))
            sanction.add("listingDate", listed, quiet=True)
        entity.add("topics", list(info.topics) or ["sanction"])
        sanctions.append(sanction)
        out.append(sanction)

    for address in _items(element, "addresses", "address"):
        made = _address(address, countries)
        if made is not None:
            entity.add("address", made.first("full"))
            entity.add("country", made.get("country"), quiet=True)
            us.add(entity, "addressEntity", made.id)
            out.append(made)

    for feature in _items(element, "features", "feature"):
        fact_type = _text(feature, "type") or ""
        value = us.clean(path, where, fact_type, _text(feature, "value")) or ""
        when = _text(_kid(feature, "valueDate"), "fromDateBegin")
        to = _text(_kid(feature, "valueDate"), "toDateBegin")
        if when and us.classify(fact_type)[1] in ("birthDate", "incorporationDate", "buildDate"):
            # The value's own text ("1962", "circa 1970") is as precise as it gets.
            value = value or f"{when[:10]} to {(to or when)[:10]}"
        ident = ofac.apply_fact(entity, sanctions, fact_type, value)
        if ident is not None:
            out.append(ident)

    for document in _items(element, "identityDocuments", "identityDocument"):
        id_type = _text(document, "type") or "Identification"
        doc_number = us.clean(path, where, id_type, _text(document, "documentNumber"))
        if not doc_number:
            continue
        country_el = _kid(document, "issuingCountry")
        country = countries.get(country_el.get("refId", "")) if country_el is not None else None
        if country is None and country_el is not None:
            country = us.country_code(_text(country_el))
        ident = ofac.apply_fact(
            entity,
            sanctions,
            id_type,
            doc_number,
            country,
            us.parse_date(_text(document, "issueDate")),
            us.parse_date(_text(document, "expirationDate")),
        )
        if ident is not None:
            authority = _text(document, "issuingAuthority")
            if authority:
                ident.add("authority", authority)
            out.append(ident)

    for relation in _items(element, "relationships", "relationship"):
        out.extend(_relationship(entity, relation))
    return out


def _names(element: ET.Element) -> Iterator[tuple[str, str, dict[str, str]]]:
    """(role, name, name parts) for each name: primary, aka, fka, weak (low quality)."""
    for name in _items(element, "names", "name"):
        is_primary = _text(name, "isPrimary") == "true"
        alias_type = (_text(name, "aliasType") or "").upper()
        low = _text(name, "isLowQuality") == "true"
        translations = list(_items(name, "translations", "translation"))
        for translation in translations:
            full = _text(translation, "formattedFullName")
            if not full:
                continue
            main = _text(translation, "isPrimary") == "true"
            if is_primary and main:
                parts = {
                    "firstName": _text(translation, "formattedFirstName") or "",
                    "lastName": _text(translation, "formattedLastName") or "",
                }
                yield "primary", full, {k: v for k, v in parts.items() if v}
            elif low:
                yield "weak", full, {}
            elif alias_type.startswith("F.K.A"):
                yield "fka", full, {}
            else:
                yield "aka", full, {}


_ADDRESS_PARTS = {
    "ADDRESS1": "street",
    "ADDRESS2": "street",
    "ADDRESS3": "street2",
    "CITY": "city",
    "STATE/PROVINCE": "state",
    "POSTAL CODE": "postalCode",
    "REGION": "region",
}


def _address(element: ET.Element, countries: dict[str, str]) -> EntityProxy | None:
    country_el = _kid(element, "country")
    country_name = _text(country_el)
    country = countries.get(country_el.get("refId", "")) if country_el is not None else None
    country = country or us.country_code(country_name)
    translations = list(_items(element, "translations", "translation"))
    translation = next((t for t in translations if _text(t, "isPrimary") == "true"), None)
    parts: list[tuple[str, str]] = []
    if translation is not None:
        for part in _items(translation, "addressParts", "addressPart"):
            part_type = (_text(part, "type") or "").upper()
            value = _text(part, "value")
            if value:
                parts.append((part_type, value))
    pieces = [v for _, v in parts] + ([country_name] if country_name else [])
    if not pieces:
        return None
    street = ", ".join(v for t, v in parts if t in ("ADDRESS1", "ADDRESS2"))
    extra = {
        _ADDRESS_PARTS[t]: v
        for t, v in parts
        if t in _ADDRESS_PARTS and t not in ("ADDRESS1", "ADDRESS2")
    }
    address = us.address_entity(", ".join(pieces), country, street=street or None, **extra)
    address.id = f"ofac-addr-{element.get('id')}"
    return address


def _relationship(entity: EntityProxy, element: ET.Element) -> list[EntityProxy]:
    related = _kid(element, "relatedEntity")
    if related is None or not related.get("entityId"):
        return []
    other = ofac.entity_id(related.get("entityId", ""))
    role = _text(element, "type") or "related"
    rel_id = f"ofac-rel-{element.get('id') or us.digest(entity.id or '', other, role)}"
    if role.casefold() == "owned or controlled by":
        link = make_entity("Ownership", rel_id)
        link.add("owner", other)
        link.add("asset", entity.id)
    else:
        link = make_entity("UnknownLink", rel_id)
        link.add("subject", entity.id)
        link.add("object", other)
    link.add("role", role)
    return [link]
