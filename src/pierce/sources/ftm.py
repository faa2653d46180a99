"""FollowTheMoney JSON lines, as exported by OpenSanctions (`*.ftm.json`).

One entity per line: ``{"id", "schema", "properties", ...}``. Anything else on a line
(``caption``, ``datasets``, ``referents``, ``first_seen``, ``last_seen``, ``last_change``,
``target``, ...) is kept verbatim in ``Parsed.info["extras"][entity_id]`` so that
:func:`to_line` can write the line back.

Lossless means: ``json.loads(to_line(entity, extras[entity.id]))`` equals ``json.loads(line)``
as a dict, given the parsed entity unchanged; with two exceptions that real exports never
contain: a value repeated within one property is kept once, and C0/C1 control characters
other than tab, newline and carriage return become spaces. Property values keep their order
here; a store that re-reads entities from statements may reorder them, so compare property
value lists as multisets after a store round trip. Values are not re-cleaned by FtM type
rules (that would rewrite e.g. names and dates), only checked for schema and property names,
type (list of strings) and size.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from followthemoney import EntityProxy, model

from pierce.sources.base import MAX_FIELD, Parsed, SourceError, read_text

FORMAT = "ftm"
DATASET = "ftm"

_CORE = ("id", "schema", "properties")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_HEAD = re.compile(rb'^\s*\{\s*"(id|schema|caption)"\s*:')


def sniff(path: Path, head: bytes) -> bool:
    if not head or path.is_dir():
        return False
    first = head.lstrip().split(b"\n", 1)[0]
    try:
        data = json.loads(first)
    except ValueError:
        # A first line longer than the head: judge from its opening keys.
        return _HEAD.match(first) is not None and b'"schema"' in first and b'"properties"' in first
    return isinstance(data, dict) and "schema" in data and isinstance(data.get("properties"), dict)


def _clean(path: Path, where: str, value: object) -> str:
    if not isinstance(value, str):
        raise SourceError(path, where, f"property value must be a string, not {value!r:.60}")
    if len(value) > MAX_FIELD:
        raise SourceError(path, where, f"field of {len(value):,} characters exceeds {MAX_FIELD:,}")
    return _CONTROL.sub(" ", value)


def _entity(path: Path, number: int, line: str) -> tuple[EntityProxy, dict[str, Any]]:
    where = f"line {number}"
    try:
        data = json.loads(line)
    except ValueError as error:
        raise SourceError(path, where, f"invalid JSON: {error}") from error
    if not isinstance(data, dict):
        raise SourceError(path, where, "expected a JSON object (one entity per line)")
    entity_id = data.get("id")
    if not isinstance(entity_id, str) or not entity_id.strip():
        raise SourceError(path, where, "entity has no id")
    schema_name = data.get("schema")
    schema = model.get(schema_name) if isinstance(schema_name, str) else None
    if schema is None:
        raise SourceError(path, where, f"unknown schema {schema_name!r}")
    raw_properties = data.get("properties", {})
    if not isinstance(raw_properties, dict):
        raise SourceError(path, where, "properties must be an object")
    properties: dict[str, list[str]] = {}
    for prop, values in raw_properties.items():
        if prop not in schema.properties:
            raise SourceError(path, where, f"unknown property {prop!r} for schema {schema.name}")
        if not isinstance(values, list):
            raise SourceError(path, f"{where}, {prop}", "property values must be a list")
        properties[prop] = [_clean(path, f"{where}, {prop}", v) for v in values]
    entity = model.get_proxy(
        {"id": entity_id, "schema": schema.name, "properties": properties}, cleaned=True
    )
    extras = {k: v for k, v in data.items() if k not in _CORE}
    return entity, extras


def parse(path: Path) -> Parsed:
    path = Path(path)
    text = read_text(path)
    entities: list[EntityProxy] = []
    extras: dict[str, dict[str, Any]] = {}
    first_line: dict[str, int] = {}
    # Split on "\n" only: str.splitlines() would also cut at U+2028, U+0085 etc., which JSON
    # strings may hold unescaped.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        entity, extra = _entity(path, number, line)
        assert entity.id is not None
        if entity.id in first_line:
            raise SourceError(
                path,
                f"line {number}",
                f"duplicate id {entity.id!r} (first on line {first_line[entity.id]})",
            )
        first_line[entity.id] = number
        entities.append(entity)
        extras[entity.id] = extra
    if not entities:
        raise SourceError(path, None, "no entities in file")
    datasets: Counter[str] = Counter()
    for extra in extras.values():
        named = extra.get("datasets")
        if isinstance(named, list):
            datasets.update(d for d in named if isinstance(d, str))
    info: dict[str, object] = {
        "entities": len(entities),
        "schemata": dict(Counter(e.schema.name for e in entities)),
        "datasets": dict(datasets),
        "extras": extras,
    }
    named_sets = [extra.get("datasets") for extra in extras.values()]
    single = {tuple(n) for n in named_sets if isinstance(n, list)}
    if len(single) == 1 and len(named_sets) == len(entities):
        only = next(iter(single))
        if len(only) == 1:
            info["dataset"] = only[0]
    return Parsed(entities=iter(entities), info=info, files=[path])


def to_line(entity: EntityProxy, extras: dict[str, Any] | None = None) -> str:
    """One JSON line for an entity: id, caption, schema, properties, then the other extras
    in their original order; the inverse of :func:`parse` for one line."""
    extras = extras or {}
    data: dict[str, Any] = {"id": entity.id}
    if "caption" in extras:
        data["caption"] = extras["caption"]
    data["schema"] = entity.schema.name
    data["properties"] = {prop: list(values) for prop, values in entity.properties.items()}
    for key, value in extras.items():
        if key not in data and key not in _CORE:
            data[key] = value
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
