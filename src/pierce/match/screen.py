"""Screening API: queries → hits with calibrated scores and explanations.

`screen(store, queries)` scores each query against the candidates the index retrieves and
returns every hit at or above the threshold. The default threshold is the model's calibrated
threshold (`weights-v1.json` → "threshold", chosen on held-out generated pairs to maximise F1;
see src/pierce/data/match/README.md); a score is the probability that query and listed party
are the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pierce.index.build import NameIndex
from pierce.match.records import Record, record_from_properties
from pierce.match.scorer import PairScore, score_records
from pierce.match.weights import default_model

DEFAULT_LIMIT = 10
DEPTH = 20  # candidates scored per query


@dataclass(frozen=True)
class Listing:
    """One Sanction entity of a listed party: which list, programme and Federal Register cite."""

    list_code: str  # programId: SDN, EL, MEU, CMIC ...
    program: str
    authority: str
    authority_id: str  # Federal Register citation, e.g. "88 FR 13675"
    listed: str  # listingDate or startDate
    dataset: str

    def describe(self) -> str:
        parts = [self.list_code or self.authority or self.dataset]
        if self.program:
            parts.append(f"programme {self.program}")
        if self.authority_id:
            parts.append(self.authority_id)
        if self.listed:
            parts.append(f"listed {self.listed}")
        return " ".join(p for p in parts if p)


@dataclass(frozen=True)
class Hit:
    query_id: str
    entity_id: str
    caption: str
    schema: str
    datasets: tuple[str, ...]
    programs: tuple[str, ...]
    score: float
    explanation: str
    listings: tuple[Listing, ...] = ()
    snapshots: tuple[str, ...] = ()  # "dataset published-date" of the data behind the hit
    pair: PairScore | None = field(default=None, compare=False, repr=False)
    verdict: str | None = None  # filled by pierce.graph (trace) when available

    def row(self) -> dict[str, str]:
        """The output columns of `pierce screen`."""
        return {
            "query_id": self.query_id, "entity_id": self.entity_id, "caption": self.caption,
            "schema": self.schema, "datasets": ";".join(self.datasets),
            "programs": ";".join(self.programs), "score": f"{self.score:.4f}",
            "explanation": self.explanation, "verdict": self.verdict or "",
        }


def query_record(query: Record | Mapping[str, Any], number: int = 0) -> Record:
    """A Record from a Record or a mapping {id, schema, <FtM property>: value or [values]}."""
    if isinstance(query, Record):
        return query
    props: dict[str, list[str]] = {}
    for key, value in query.items():
        if key in ("id", "schema") or value is None:
            continue
        values = value if isinstance(value, list | tuple) else [value]
        props[key] = [str(v) for v in values if str(v).strip()]
    return record_from_properties(str(query.get("id") or number),
                                  str(query.get("schema") or "LegalEntity"), props)


def _listings(store: Any, entity_id: str) -> tuple[Listing, ...]:
    if store is None:
        return ()
    found = []
    for ref in store.referencing(entity_id):
        if ref.schema.name != "Sanction":
            continue

        def first(prop: str, ref: Any = ref) -> str:
            values = ref.get(prop, quiet=True)
            return sorted(values)[0] if values else ""

        found.append(Listing(
            list_code=first("programId"), program=first("program"),
            authority=first("authority"), authority_id="; ".join(sorted(ref.get("authorityId"))),
            listed=first("listingDate") or first("startDate"),
            dataset=",".join(sorted(getattr(ref, "datasets", ()) or ())),
        ))
    return tuple(sorted(set(found), key=lambda x: (x.list_code, x.program, x.authority_id)))


def _snapshot_dates(store: Any) -> dict[str, str]:
    if store is None:
        return {}
    return {s.dataset: str(s.published or s.ingested) for s in store.current_snapshots()}


def screen(
    store: Any,
    queries: Iterable[Record | Mapping[str, Any]],
    threshold: float | None = None,
    limit: int = DEFAULT_LIMIT,
    datasets: Iterable[str] | None = None,
    index: NameIndex | None = None,
) -> list[Hit]:
    """Screen queries against the parties in `store` (a pierce Store; None with an `index`).

    Returns hits with score >= threshold (default: the calibrated default threshold), at most
    `limit` per query, best first. `datasets` restricts hits to parties from those datasets.
    """
    if index is None:
        if store is None:
            raise ValueError("screen() needs a store or an index")
        from pierce.index.persist import load_or_build

        index = load_or_build(store)
    model = default_model()
    cutoff = model.threshold if threshold is None else threshold
    wanted = set(datasets) if datasets else None
    snapshot_dates = _snapshot_dates(store)
    hits: list[Hit] = []
    for number, query in enumerate(queries):
        record = query_record(query, number)
        if not record.names and not record.identifiers:
            continue
        scored = []
        for i in index.candidates(record, depth=DEPTH):
            entity = index.entities[i]
            if wanted is not None and not wanted & set(entity.datasets):
                continue
            pair = score_records(record, entity.record, model)
            if pair.score >= cutoff:
                scored.append((pair, entity))
        scored.sort(key=lambda item: -item[0].score)
        for pair, entity in scored[:limit]:
            listings = _listings(store, entity.record.id)
            dates = tuple(f"{d} {snapshot_dates[d]}" for d in entity.datasets
                          if d in snapshot_dates)
            explanation = pair.explain()
            if listings:
                explanation += "; lists: " + " | ".join(x.describe() for x in listings)
            if dates:
                explanation += "; snapshot " + ", ".join(dates)
            programs = tuple(sorted({x.list_code or x.program for x in listings} - {""}))
            hits.append(Hit(record.id, entity.record.id, entity.caption, entity.record.schema,
                            entity.datasets, programs, round(pair.score, 4), explanation,
                            listings, dates, pair))
    return hits
