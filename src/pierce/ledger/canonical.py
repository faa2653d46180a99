"""Canonical bytes of a ledger record: what the Merkle log hashes."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

FORMAT_VERSION = 1


def dumps(value: Any) -> str:
    """Canonical JSON: sorted keys, no whitespace, UTF-8 kept as text."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _plain(value: Any) -> Any:
    if isinstance(value, bytes | bytearray | memoryview):
        return {"hex": bytes(value).hex()}
    return value


def leaf_data(seq: int, kind: str, recorded_at: str, row: Mapping[str, Any]) -> bytes:
    """The leaf covers the record's position, table, time and every column, so editing,
    deleting or reordering any of them changes the leaf."""
    body = {k: _plain(v) for k, v in row.items() if k != "seq"}
    doc = {"v": FORMAT_VERSION, "seq": seq, "kind": kind, "recorded_at": recorded_at, "row": body}
    return dumps(doc).encode("utf-8")
