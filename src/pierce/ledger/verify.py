"""Checking a ledger against its Merkle log and signed tree heads.

Leaves are recomputed from the stored records, never taken from the log table on trust, so an
edited column, a deleted row or two swapped positions each show up as a named problem. If
someone rewrote a record *and* its stored leaf hash, the signed tree heads no longer match; the
first such head bounds the change to the records appended since the previous good head.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from pierce.ledger import merkle, signing
from pierce.ledger.canonical import leaf_data
from pierce.ledger.db import Ledger
from pierce.ledger.models import RECORD_TABLES


@dataclass
class VerifyResult:
    size: int
    root: str
    problems: list[str] = field(default_factory=list)
    heads_checked: int = 0
    leaves: list[bytes] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _name(kind: str, record_id: Any) -> str:
    return f"{kind} {record_id!r}"


def verify(ledger: Ledger, public_key: str | None = None) -> VerifyResult:
    entries = ledger.log_entries()
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for kind in RECORD_TABLES:
        for stored in ledger.rows(kind):
            rows[(kind, str(stored["id"]))] = stored
    problems: list[str] = []
    leaves: list[bytes] = []
    expected = 0
    for entry in entries:
        seq = int(entry["seq"])
        while expected < seq:
            problems.append(f"log entry #{expected} is missing: a record was removed from the log")
            expected += 1
        expected = seq + 1
        key = (str(entry["kind"]), str(entry["record_id"]))
        label = f"{_name(*key)} (log #{seq})"
        row: dict[str, Any] | None = rows.pop(key, None)
        if row is None:
            problems.append(f"{label} was removed from the {key[0]} table")
            leaves.append(bytes.fromhex(entry["leaf_hash"]))
            continue
        leaf = merkle.leaf_hash(leaf_data(seq, key[0], entry["recorded_at"], row))
        leaves.append(leaf)
        if row["seq"] != seq:
            problems.append(f"{label} was reordered: the record says position #{row['seq']}")
        elif leaf.hex() != entry["leaf_hash"]:
            problems.append(f"{label} was altered: its content no longer matches its log leaf")
        if key[0] == "blobs" and hashlib.sha256(bytes(row["content"])).hexdigest() != key[1]:
            problems.append(f"{label} was altered: content does not hash to its SHA-256 id")
    size_head = ledger.size()
    if size_head != expected:
        problems.append(f"the log head says {size_head} records but the log holds {expected}")
    for kind, record_id in sorted(rows):
        problems.append(f"{_name(kind, record_id)} is not in the log: added outside the ledger")
    problems.extend(_check_heads(ledger, leaves, public_key))
    result = VerifyResult(size=len(leaves), root=merkle.root(leaves).hex(), problems=problems,
                          leaves=leaves)
    result.heads_checked = len(ledger.tree_heads())
    return result


def _check_heads(ledger: Ledger, leaves: list[bytes], public_key: str | None) -> list[str]:
    problems: list[str] = []
    previous = 0
    for head in ledger.tree_heads():
        size = int(head["size"])
        label = f"signed tree head at size {size}"
        if public_key is not None and head["public_key"] != public_key:
            problems.append(f"{label} was signed by another key ({head['public_key'][:16]}...)")
        if not signing.verify_tree_head(head["public_key"], size, head["root"], head["signed_at"],
                                        head["signature"]):
            problems.append(f"{label} has an invalid signature")
        if size > len(leaves):
            problems.append(f"{label} covers more records than the log holds ({len(leaves)}): "
                            "records were removed")
        elif merkle.root(leaves[:size]).hex() != head["root"]:
            problems.append(f"{label} does not match the records: log entries #{previous}.."
                            f"#{size - 1} were rewritten")
        previous = size
    return problems


def inclusion(ledger: Ledger, leaves: list[bytes], seq: int, size: int) -> list[str]:
    """Hex inclusion proof of leaf #seq in the tree of the first `size` leaves."""
    return [p.hex() for p in merkle.inclusion_proof(seq, leaves[:size])]
