"""Software packages: JSON lines ``{"id","name","version","namespace","authors":["Name <email>"],
"repository","description","modules":[...]}``.

Each line becomes an FtM ``Package`` (see ``pierce/model/README.md``): ``name``, ``title``
(name and version), ``author`` (as published, "Name <email>"), ``emailMentioned`` (the
authors' addresses), ``publisher`` (namespace), ``sourceUrl`` (repository), ``description``
and ``keywords`` ``module:<name>`` per module. Lineage between packages is computed in
``pierce.graph.products`` from shared authors, e-mail domains and module sets.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from followthemoney import EntityProxy

from pierce.sources.base import MAX_FIELD, Parsed, SourceError, make_entity, read_text

FORMAT = "packages"
DATASET = "packages"
_AUTHOR = re.compile(r"^\s*(?P<name>[^<]*?)\s*(?:<(?P<email>[^>]+)>)?\s*$")


def sniff(path: Path, head: bytes) -> bool:
    if path.is_dir() or not head:
        return False
    first = head.lstrip().split(b"\n", 1)[0]
    try:
        data = json.loads(first)
    except ValueError:
        return False
    return isinstance(data, dict) and "modules" in data and "name" in data and "schema" not in data


def split_author(text: str) -> tuple[str, str | None]:
    """``"Name <email>"`` → (name, email)."""
    match = _AUTHOR.match(text)
    if match is None:
        return text.strip(), None
    email = match.group("email")
    return match.group("name").strip(), email.strip().lower() if email else None


def _strings(path: Path, where: str, data: dict[str, Any], key: str) -> list[str]:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SourceError(path, where, f"{key!r} must be a list of strings")
    return [v for v in value if v.strip()]


def _text(path: Path, where: str, data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str | int | float):
        raise SourceError(path, where, f"{key!r} must be a string")
    text = str(value).strip()
    if len(text) > MAX_FIELD:
        raise SourceError(path, where, f"{key!r} exceeds {MAX_FIELD:,} characters")
    return text or None


def _entities(path: Path, text: str) -> Iterator[EntityProxy]:
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"line {number}"
        try:
            data = json.loads(line)
        except ValueError as error:
            raise SourceError(path, where, f"not valid JSON: {error}") from error
        if not isinstance(data, dict):
            raise SourceError(path, where, "each line must be a JSON object")
        ident = _text(path, where, data, "id")
        name = _text(path, where, data, "name")
        if not ident or not name:
            raise SourceError(path, where, "a package needs 'id' and 'name'")
        entity_id = f"package-{ident}"
        if entity_id in seen:
            raise SourceError(path, where, f"duplicate id {ident!r}")
        seen.add(entity_id)
        package = make_entity("Package", entity_id)
        package.add("name", name)
        version = _text(path, where, data, "version")
        package.add("title", f"{name} {version}" if version else name)
        package.add("publisher", _text(path, where, data, "namespace"))
        package.add("sourceUrl", _text(path, where, data, "repository"), quiet=True)
        package.add("description", _text(path, where, data, "description"))
        for author in _strings(path, where, data, "authors"):
            package.add("author", author)
            _, email = split_author(author)
            package.add("emailMentioned", email, quiet=True)
        for module in _strings(path, where, data, "modules"):
            package.add("keywords", f"module:{module}")
        yield package


def parse(path: Path) -> Parsed:
    text = read_text(path)
    return Parsed(entities=_entities(path, text), info={"format": FORMAT})
