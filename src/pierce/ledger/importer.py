"""Reading ledger records from YAML or JSON lines, each tagged with its file and line."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from pierce.ledger.db import Ledger
from pierce.ledger.errors import LedgerError
from pierce.ledger.records import AddResult, add_records


def read_records(path: Path) -> list[tuple[str, Mapping[str, Any]]]:
    """Records of a .jsonl/.ndjson/.json file or a YAML file (a list, or {records: [...]})."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LedgerError(f"{path}: cannot read ({exc})") from exc
    if path.suffix.lower() in (".jsonl", ".ndjson", ".json") and not text.lstrip().startswith("["):
        return _jsonl(path, text)
    return _yaml(path, text)


def _jsonl(path: Path, text: str) -> list[tuple[str, Mapping[str, Any]]]:
    out: list[tuple[str, Mapping[str, Any]]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise LedgerError(f"{path}: line {number}: not valid JSON ({exc.msg})") from None
        if not isinstance(rec, dict):
            raise LedgerError(f"{path}: line {number}: a record must be a JSON object")
        out.append((f"{path.name}: line {number} ({rec.get('type')} {rec.get('id', '')})"
                    .rstrip(), rec))
    return out


def _yaml(path: Path, text: str) -> list[tuple[str, Mapping[str, Any]]]:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise LedgerError(f"{path}: not valid YAML ({exc})") from None
    if isinstance(data, dict) and "records" in data:
        data = data["records"]
        assert node is not None
        node = next(v for k, v in node.value if k.value == "records")
    if not isinstance(data, list) or node is None:
        raise LedgerError(f"{path}: expected a list of records (or a mapping with 'records')")
    out: list[tuple[str, Mapping[str, Any]]] = []
    for item_node, rec in zip(node.value, data, strict=True):
        line = item_node.start_mark.line + 1
        if not isinstance(rec, dict):
            raise LedgerError(f"{path}: line {line}: a record must be a mapping")
        out.append((f"{path.name}: line {line} ({rec.get('type')} {rec.get('id', '')})".rstrip(),
                    rec))
    return out


def import_file(ledger: Ledger, path: Path) -> AddResult:
    """Import every record of a file in one transaction: all of them or none."""
    records = read_records(path)
    if not records:
        raise LedgerError(f"{path}: no records")
    return add_records(ledger, records)
