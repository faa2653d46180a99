"""Entity resolution: one cluster per real-world party across sources, each merge with its reason.

Automatic merges: the same typed identifier (LEI, USCC, IMO, INN, ...; see ``graph.yaml``), or
the same normalised name with agreeing addresses (a catalogue maker known only by name merges
on the exact name). The name rule is a seam: pass ``matcher=`` to use the screening matcher
(``pierce.match``) instead. Reviewers' judgements (``pierce resolve merge|split``) live in a
JSON file beside the store and are applied before the automatic merges on every load, so they
survive re-ingests; a split pair is never merged again automatically.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from followthemoney import EntityProxy

from pierce.graph.config import config


@dataclass(frozen=True)
class Merge:
    a: str
    b: str
    reason: str
    manual: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "reason": self.reason, "manual": self.manual}


def name_key(text: str) -> str:
    """Case-folded name without whitespace or punctuation (same as ``NAME_KEY_SQL``)."""
    return "".join(
        c for c in text.lower() if not (c.isspace() or unicodedata.category(c).startswith("P"))
    )


NAME_KEY_SQL = "regexp_replace(lower(value), '[\\s\\p{P}]+', '', 'g')"
_WORD = re.compile(r"\w+")


def address_tokens(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def addresses_agree(a: Iterable[str], b: Iterable[str]) -> bool:
    """Any address of one shares most of its words (Jaccard >= 0.6) with one of the other."""
    for x in a:
        for y in b:
            tx, ty = address_tokens(x), address_tokens(y)
            if tx and ty and len(tx & ty) / len(tx | ty) >= 0.6:
                return True
    return False


def _values(entity: EntityProxy, prop: str) -> list[str]:
    return entity.get(prop, quiet=True) if prop in entity.schema.properties else []


def is_stub(entity: EntityProxy) -> bool:
    """A party known only by its name (e.g. a maker in a product catalogue)."""
    for prop in (
        "address",
        "addressEntity",
        "country",
        "jurisdiction",
        *config()["identity_props"],
    ):
        if _values(entity, prop):
            return False
    return True


Matcher = Callable[[EntityProxy, EntityProxy], str | None]


def name_address_matcher(a: EntityProxy, b: EntityProxy) -> str | None:
    """The reason two records are one party by name and address, or None."""
    if not (a.schema.is_a("LegalEntity") and b.schema.is_a("LegalEntity")):
        return None
    keys_a = {name_key(n) for n in _values(a, "name")} - {""}
    shared = keys_a & {name_key(n) for n in _values(b, "name")}
    if not shared:
        return None
    name = next(n for n in _values(a, "name") if name_key(n) in shared)
    if is_stub(a) or is_stub(b):
        return f"same name {name!r} (one record has nothing else to compare)"
    countries_a = set(_values(a, "country")) | set(_values(a, "jurisdiction"))
    countries_b = set(_values(b, "country")) | set(_values(b, "jurisdiction"))
    if countries_a and countries_b and not countries_a & countries_b:
        return None
    addresses_a, addresses_b = _values(a, "address"), _values(b, "address")
    if addresses_agree(addresses_a, addresses_b):
        return f"same name {name!r} and address"
    # One record gives no address: a long exact name in the same country is strong enough.
    if (
        countries_a & countries_b
        and not (addresses_a and addresses_b)
        and len(next(iter(shared))) >= 12
    ):
        return f"same name {name!r} and country (no address to compare)"
    return None


def identity_reason(a: EntityProxy, b: EntityProxy) -> str | None:
    for prop in config()["identity_props"]:
        shared = set(_values(a, prop)) & set(_values(b, prop))
        if shared:
            return f"same {prop} {sorted(shared)[0]}"
    return None


@dataclass
class Clusters:
    """Union-find over entity ids, remembering why each merge was made."""

    parent: dict[str, str] = field(default_factory=dict)
    merges: list[Merge] = field(default_factory=list)
    splits: set[frozenset[str]] = field(default_factory=set)

    def find(self, x: str) -> str:
        root = x
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while self.parent.get(x, x) != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, merge: Merge) -> bool:
        ra, rb = self.find(merge.a), self.find(merge.b)
        if ra == rb:
            return False
        for pair in self.splits:
            x, y = tuple(pair)
            if {self.find(x), self.find(y)} == {ra, rb}:
                return False  # a reviewer said these are different parties
        # Keep the smaller id as the representative: stable across loads.
        keep, drop = sorted((ra, rb))
        self.parent[drop] = keep
        self.merges.append(merge)
        return True

    def members(self, x: str, universe: Iterable[str]) -> list[str]:
        root = self.find(x)
        return sorted(i for i in universe if self.find(i) == root)

    def reasons(self, x: str) -> list[Merge]:
        root = self.find(x)
        return [m for m in self.merges if self.find(m.a) == root]


@dataclass
class Judgements:
    """Reviewers' merges and splits, persisted beside the store."""

    path: Path
    merge: list[dict[str, str]] = field(default_factory=list)
    split: list[dict[str, str]] = field(default_factory=list)

    @classmethod
    def for_store(cls, store_path: Path) -> Judgements:
        return cls.load(store_path.with_name(store_path.stem + ".resolve.json"))

    @classmethod
    def load(cls, path: Path) -> Judgements:
        if not path.exists():
            return cls(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(path, list(data.get("merge", [])), list(data.get("split", [])))
        except (OSError, ValueError, AttributeError) as error:
            raise ValueError(f"{path}: cannot read resolution judgements: {error}") from error

    def add(self, kind: str, a: str, b: str, note: str = "") -> None:
        record = {
            "a": a,
            "b": b,
            "note": note,
            "at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        pair = {a, b}
        # A new judgement on a pair replaces any earlier one.
        self.merge = [m for m in self.merge if {m["a"], m["b"]} != pair]
        self.split = [s for s in self.split if {s["a"], s["b"]} != pair]
        (self.merge if kind == "merge" else self.split).append(record)

    def save(self) -> None:
        """Write atomically: a crash never leaves a half-written file."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".resolve-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump({"merge": self.merge, "split": self.split}, handle, indent=2)
        os.replace(tmp, self.path)


def cluster(
    entities: dict[str, EntityProxy],
    judgements: Judgements | None = None,
    matcher: Matcher = name_address_matcher,
    extra: Iterable[Merge] = (),
) -> Clusters:
    """Cluster records: manual merges, then ``extra`` (e.g. renames), identifiers, names."""
    clusters = Clusters()
    if judgements is not None:
        clusters.splits = {frozenset((s["a"], s["b"])) for s in judgements.split}
        for m in judgements.merge:
            clusters.union(
                Merge(
                    m["a"], m["b"], f"merged by a reviewer: {m.get('note', '')}".strip(": "), True
                )
            )
    for merge in extra:
        clusters.union(merge)
    parties = [e for e in entities.values() if e.schema.is_a("LegalEntity")]
    by_value: dict[tuple[str, str], list[EntityProxy]] = {}
    by_name: dict[str, list[EntityProxy]] = {}
    for entity in parties:
        for prop in config()["identity_props"]:
            for value in _values(entity, prop):
                by_value.setdefault((prop, value), []).append(entity)
        for name in _values(entity, "name"):
            by_name.setdefault(name_key(name), []).append(entity)
    for group in by_value.values():
        for other in group[1:]:
            reason = identity_reason(group[0], other)
            if reason:
                clusters.union(Merge(group[0].id or "", other.id or "", reason))
    for group in by_name.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if a.id == b.id:
                    continue
                reason = matcher(a, b)
                if reason:
                    clusters.union(Merge(a.id or "", b.id or "", reason))
    return clusters
