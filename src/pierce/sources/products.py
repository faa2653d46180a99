"""Product catalogues (CSV).

Columns: ``id,manufacturer,brand,model,name,description,url,first_seen,last_seen``.

FtM has no product schema; a product becomes an ``Asset`` (see ``pierce/model/README.md``):
``name`` the product name, ``alias`` the model designation (so a screen on "IR5280M6" finds
it), ``keywords`` ``model:<designation>``, ``description``, ``sourceUrl``, and ``createdAt`` /
``modifiedAt`` for first and last seen. The manufacturer and the brand owner become
``Company`` records (id from the name, name only) linked to the product by ``UnknownLink``
with ``role`` ``manufacturer`` or ``brand owner``; entity resolution ties those records to
the parties of other sources.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from followthemoney import EntityProxy

from pierce.sources.base import Parsed, SourceError, clean_value, csv_rows, make_entity, read_text

FORMAT = "products"
DATASET = "products"
COLUMNS = [
    "id",
    "manufacturer",
    "brand",
    "model",
    "name",
    "description",
    "url",
    "first_seen",
    "last_seen",
]
_SLUG = re.compile(r"[^a-z0-9]+")


def sniff(path: Path, head: bytes) -> bool:
    if path.is_dir() or not head:
        return False
    first = head.decode("utf-8-sig", errors="replace").split("\n", 1)[0].strip().lower()
    return [c.strip() for c in first.split(",")] == COLUMNS


def company_id(name: str) -> str:
    """A stable id for a maker named only by name in a catalogue."""
    slug = _SLUG.sub("-", name.lower()).strip("-")[:60]
    digest = hashlib.sha1(name.strip().lower().encode("utf-8")).hexdigest()[:8]
    return f"maker-{slug}-{digest}"


def _date(path: Path, where: str, value: str | None) -> str | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as error:
        raise SourceError(path, where, f"not an ISO date: {value!r:.40}") from error


def _entities(path: Path, text: str) -> Iterator[EntityProxy]:
    makers: set[str] = set()
    seen: set[str] = set()
    header_seen = False
    for line, row in csv_rows(path, text):
        if not any(cell.strip() for cell in row):
            continue
        if not header_seen:
            if [c.strip().lower() for c in row] != COLUMNS:
                raise SourceError(path, f"line {line}", f"header must be {','.join(COLUMNS)}")
            header_seen = True
            continue
        where = f"line {line}"
        if len(row) != len(COLUMNS):
            raise SourceError(path, where, f"expected {len(COLUMNS)} columns, found {len(row)}")
        cells = dict(zip(COLUMNS, (clean_value(path, where, c) for c in row), strict=True))
        if not cells["id"]:
            raise SourceError(path, where, "missing id")
        if not (cells["model"] or cells["name"]):
            raise SourceError(path, where, "a product needs a model or a name")
        product_id = f"product-{cells['id']}"
        if product_id in seen:
            raise SourceError(path, where, f"duplicate id {cells['id']!r}")
        seen.add(product_id)
        product = make_entity("Asset", product_id)
        product.add("name", cells["name"] or cells["model"])
        product.add("alias", cells["model"])
        if cells["model"]:
            product.add("keywords", f"model:{cells['model']}")
        product.add("description", cells["description"])
        product.add("sourceUrl", cells["url"], quiet=True)
        product.add("createdAt", _date(path, where, cells["first_seen"]))
        product.add("modifiedAt", _date(path, where, cells["last_seen"]))
        yield product
        for role, name in (
            ("manufacturer", cells["manufacturer"]),
            ("brand owner", cells["brand"]),
        ):
            if not name:
                continue
            maker = company_id(name)
            if maker not in makers:
                makers.add(maker)
                company = make_entity("Company", maker)
                company.add("name", name)
                yield company
            link = make_entity("UnknownLink", f"{product_id}-{role.replace(' ', '-')}")
            link.add("subject", maker)
            link.add("object", product_id)
            link.add("role", role)
            link.add("startDate", _date(path, where, cells["first_seen"]))
            yield link
    if not header_seen:
        raise SourceError(path, None, "no header line")


def parse(path: Path) -> Parsed:
    text = read_text(path)
    return Parsed(entities=_entities(path, text), info={"format": FORMAT})
