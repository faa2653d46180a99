"""Screening API: queries → hits with calibrated scores and explanations.

`screen(store, queries)` scores each query against the candidates the index retrieves and
returns every hit at or above the threshold. A score is the probability that query and listed
party are the same. The default threshold is the model's (`weights-v4.json` → "threshold"),
chosen for screening a register: the lowest score at which at most 0.45% of held-out GLEIF
companies, on no list, get a hit (see src/pierce/data/match/README.md).
"""

from __future__ import annotations

import gc
import multiprocessing as mp
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process

from pierce.index.build import NameIndex
from pierce.match.features import skeleton
from pierce.match.records import (
    Record,
    readings,
    record_from_properties,
    with_derived_names,
)
from pierce.match.scorer import PairScore, score_candidates
from pierce.match.weights import Model, TokenWeights, default_model
from pierce.names.aliases import branch_companies
from pierce.names.analyze import NameForm
from pierce.names.equivalents import listed_spellings

DEFAULT_LIMIT = 10
DEPTH = 20  # candidates always retrieved per query ...
WIDE = 100  # ... and up to this many in all when their words cover the name well enough
MIN_COVERAGE = 0.6  # (share of the lighter name's IDF mass the party's words agree with)
ALWAYS_SCORED = 10  # the best retrieved always go to the scorer, the others only when ...
CHEAP_MIN = 50  # ... one of their names reaches this word-set similarity (0-100)
NAME_SLACK = 20  # a party's names this far below its best name are not scored ...
CLOSEST_MIN = 70  # ... but for the one most like the query as a whole, from this similarity


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


def shortlist(index: NameIndex, record: Record, candidates: list[int]
              ) -> list[tuple[int, tuple[int, ...]]]:
    """The candidates worth the full scorer, each with the positions of its names worth
    scoring. A word-set similarity, computed in C for all names at once, picks the names:
    only those within NAME_SLACK of the party's best go to the scorer (a party with twenty
    aliases is scored on the few that resemble the query), and the name most like the query
    as a whole string (from CLOSEST_MIN). The first ALWAYS_SCORED retrieved always go; the
    others only when their best name reaches CHEAP_MIN (ranks 10 to 20 gave no hit the
    word-set similarity would have dropped, in 800 queries: 26% fewer name pairs for the
    median query)."""
    forms = [form for name in record.names for form in readings(name, record.schema)]
    queries = [" ".join(tokens) for form in forms
               for tokens in form.spellings if tokens]
    listed = [form for i in candidates for form in index.forms[i]]
    texts = [_cheap_text(form) for form in listed]
    if any(form.abjad for form in listed):  # Arabic-script names are compared as skeletons
        queries += [_cheap_text(form, as_skeleton=True) for form in forms]
    if not texts or not any(queries):  # an identifier-only query: every name counts
        return [(i, tuple(range(len(index.forms[i])))) for i in candidates]
    words, joined = _word_set_similarity(queries, texts)
    if any(form.abjad for form in forms):  # ... and so is every name an Arabic query meets
        skeletons = [_cheap_text(form, as_skeleton=True) for form in listed]
        more = _word_set_similarity([_cheap_text(form) for form in forms if form.abjad],
                                    skeletons)
        words, joined = np.maximum(words, more[0]), np.maximum(joined, more[1])
    cross = [form.latin for form in forms if form.non_latin and not form.abjad]
    if cross:
        # a name written in Greek or Cyrillic letters can spell its legal form past
        # recognition (ὈΠΕΝ ἸΟΙΝΤ ΣΤΟΚΚ ΚΟΜΠΑΝΥ ἈΛΕΥΚΥΡΠ: its words hold four the listed
        # name's core lacks), so whole names, legal forms included, are compared as well
        whole = process.cdist(cross, [form.latin for form in listed], scorer=fuzz.ratio,
                              dtype=np.uint8)
        words = np.maximum(words, np.asarray(whole.max(axis=0)))
    names = np.maximum(words, joined)
    out = []
    start = 0
    for rank, i in enumerate(candidates):
        end = start + len(index.forms[i])
        party, scores, whole = words[start:end], names[start:end], joined[start:end]
        start = end
        if rank < ALWAYS_SCORED or (len(party) and party.max() >= CHEAP_MIN):
            best = int(scores.max()) if len(scores) else 0
            # a name holding the query's words scores 100 as a word set, so the name most
            # like the query as a whole (HIZBALLAH for Hezbollah) could fall NAME_SLACK
            # behind aliases holding the query (LEBANESE HEZBOLLAH): it is scored too when
            # it is that much like the query
            closest = int(whole.argmax()) if len(whole) and whole.max() >= CLOSEST_MIN else -1
            out.append((i, tuple(k for k, v in enumerate(scores)
                                 if v >= best - NAME_SLACK or k == closest)))
    return out


def _word_set_similarity(queries: list[str], texts: list[str]
                         ) -> tuple[np.ndarray, np.ndarray]:
    """Per text, its best similarity (0-100) to a query as word sets, and run together. A
    word set within the other scores 100 (Siraj Haqqani within the query's words), so the
    names of a party are also compared without spaces, lest one whose words are split
    otherwise (SIRAJUDDIN for سراج الدين) fall NAME_SLACK behind such an alias and go
    unscored; which parties beyond ALWAYS_SCORED are scored at all, the word sets decide
    (run together, most names of a length look half alike)."""
    words = process.cdist(queries, texts, scorer=fuzz.token_set_ratio, dtype=np.uint8)
    joined = process.cdist([q.replace(" ", "") for q in queries],
                           [t.replace(" ", "") for t in texts], scorer=fuzz.ratio,
                           dtype=np.uint8)
    return np.asarray(words.max(axis=0)), np.asarray(joined.max(axis=0))


def _cheap_text(form: NameForm, as_skeleton: bool = False) -> str:
    """A name's words for the shortlist's word-set similarity. A name romanised from Arabic
    script lacks most vowels (رشيد طعان كاظم → rshyd tan kazm), so it is compared as a
    consonant skeleton with the query's skeleton (rshd tn kzm ~ Rashid Taan Kazim)."""
    if form.abjad or as_skeleton:
        return " ".join(skeleton(t) for t in form.alt_tokens or form.tokens)
    return " ".join(form.tokens)


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


def match_record(index: NameIndex, record: Record, cutoff: float, limit: int,
                 datasets: frozenset[str] | None = None, model: Model | None = None,
                 weights: TokenWeights | None = None) -> list[tuple[int, PairScore]]:
    """The best (entity index, pair score) of one query at or above `cutoff`, at most `limit`
    (`model`, `weights`: the shipped ones unless given, as when training chooses the
    default threshold)."""
    chosen: list[tuple[int, Record, tuple[NameForm, ...]]] = []
    record = with_derived_names(record)
    candidates = index.candidates(record, DEPTH, WIDE, MIN_COVERAGE, datasets=datasets)
    for i, names in shortlist(index, record, candidates):
        forms = index.forms[i]
        candidate = index.entities[i].record
        if len(names) < len(forms):
            candidate = candidate.with_names(names)
            forms = tuple(forms[k] for k in names)
        chosen.append((i, candidate, forms))
    pairs = score_candidates(record, [(c, f) for _, c, f in chosen], model, weights, cutoff)
    scored = [(i, pair) for (i, _, _), pair in zip(chosen, pairs, strict=True)
              if pair.score >= cutoff]
    scored.sort(key=lambda item: -item[1].score)
    return scored[:limit]


BRANCH_NOTE = ("; '{company}' is the company of '{branch}', a branch or an office, which "
               "is legally the company")
SPELLING_NOTE = ("; '{spelt}' is '{name}' with a word as the lists also spell it (names of one "
                 "listed organisation differing in that word only)")


def derivation_note(names: tuple[str, ...], derived: str) -> str:
    """Why a hit met a name the user did not type (see `with_derived_names`)."""
    for name in names:
        if derived in branch_companies(name):
            return BRANCH_NOTE.format(company=derived, branch=name)
        if derived in listed_spellings(name):
            return SPELLING_NOTE.format(spelt=derived, name=name)
    return ""


#: The index and settings forked worker processes share (copy-on-write, never pickled).
_SHARED: tuple[NameIndex, float, int, frozenset[str] | None] | None = None
BATCH = 64  # queries per task handed to a worker


def _match_batch(records: list[Record]) -> list[list[tuple[int, PairScore]]]:
    assert _SHARED is not None
    index, cutoff, limit, datasets = _SHARED
    return [match_record(index, r, cutoff, limit, datasets) for r in records]


def match_records(index: NameIndex, records: list[Record], cutoff: float, limit: int,
                  datasets: frozenset[str] | None = None, workers: int = 1,
                  progress: Callable[[int], None] | None = None
                  ) -> list[list[tuple[int, PairScore]]]:
    """`match_record` for many queries, in `workers` forked processes when > 1 (POSIX)."""
    global _SHARED
    batches = [records[k:k + BATCH] for k in range(0, len(records), BATCH)]
    results: list[list[tuple[int, PairScore]]] = []
    if workers > 1 and len(batches) > 1 and "fork" in mp.get_all_start_methods():
        _SHARED = (index, cutoff, limit, datasets)
        gc.freeze()  # the collector would touch, and so copy, every page of the shared index
        try:
            with mp.get_context("fork").Pool(workers) as pool:
                for batch, found in zip(batches, pool.imap(_match_batch, batches), strict=True):
                    results.extend(found)
                    if progress:
                        progress(len(batch))
        finally:
            _SHARED = None
            gc.unfreeze()
        return results
    for batch in batches:
        results.extend(match_record(index, r, cutoff, limit, datasets) for r in batch)
        if progress:
            progress(len(batch))
    return results


def screen(
    store: Any,
    queries: Iterable[Record | Mapping[str, Any]],
    threshold: float | None = None,
    limit: int = DEFAULT_LIMIT,
    datasets: Iterable[str] | None = None,
    index: NameIndex | None = None,
    workers: int = 1,
    progress: Callable[[int], None] | None = None,
) -> list[Hit]:
    """Screen queries against the parties in `store` (a pierce Store; None with an `index`).

    Returns hits with score >= threshold (default: the calibrated default threshold), at most
    `limit` per query, best first. `datasets` restricts hits to parties from those datasets.
    `workers` > 1 scores in that many processes; `progress` is called with the number of
    queries done after each batch.
    """
    if index is None:
        if store is None:
            raise ValueError("screen() needs a store or an index")
        from pierce.index.persist import load_or_build

        index = load_or_build(store)
    cutoff = default_model().threshold if threshold is None else threshold
    wanted = frozenset(datasets) if datasets else None
    snapshot_dates = _snapshot_dates(store)
    records = [r for n, q in enumerate(queries)
               if (r := query_record(q, n)).names or r.identifiers]
    hits: list[Hit] = []
    found = match_records(index, records, cutoff, limit, wanted, workers, progress)
    for record, matches in zip(records, found, strict=True):
        for i, pair in matches:
            entity = index.entities[i]
            listings = _listings(store, entity.record.id)
            dates = tuple(f"{d} {snapshot_dates[d]}" for d in entity.datasets
                          if d in snapshot_dates)
            explanation = pair.explain()
            if pair.left_name not in record.names:  # a branch's company, a listed spelling
                explanation += derivation_note(record.names, pair.left_name)
            if listings:
                explanation += "; lists: " + " | ".join(x.describe() for x in listings)
            if dates:
                explanation += "; snapshot " + ", ".join(dates)
            programs = tuple(sorted({x.list_code or x.program for x in listings} - {""}))
            hits.append(Hit(record.id, entity.record.id, entity.caption, entity.record.schema,
                            entity.datasets, programs, round(pair.score, 4), explanation,
                            listings, dates, pair))
    return hits
