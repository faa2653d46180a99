"""Speed and retrieval recall of screening on ~450k names.

Usage: .venv/bin/python bench/speed.py [--queries 1000] [--recall-queries 400] [--gleif N]

Index: CSL 2022 + SDN 2024 + UN + the 399,203 GLEIF names. Measures index build time and
memory (RSS growth), single-query latency p50/p99 on one core (retrieval + scoring), batch
throughput on 2 processes, and a rapidfuzz.process.extract exhaustive scan over the GLEIF
names as the baseline, all in this run. Recall of the index against exhaustive scoring is
measured on a sub-index (UN + 4,000 list entries + 2,000 GLEIF names) where exhaustive
scoring is affordable: of all (query, entity) pairs exhaustive scoring puts at or above the
default threshold, the share retrieval and shortlist pass to the scorer; the same for the
pairs of a query and the entry it was made from (the others are mostly pairs the scorer
rates too high: 'HOSSEINI, Ali' ~ 'ALI SADDAM HUSSEIN AL-TIKRITI'); and of the hits
exhaustive scoring would show (up to --limit per query), the share `screen` shows.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import time

from common import as_entity, gleif_entities, list_entries
from rapidfuzz import fuzz, process
from rich.console import Console
from rich.table import Table

from pierce.index.build import build_index
from pierce.match.records import Record
from pierce.match.scorer import score_records
from pierce.match.screen import (
    DEFAULT_LIMIT,
    DEPTH,
    MIN_COVERAGE,
    WIDE,
    screen,
    shortlist,
)
from pierce.match.variants import BENIGN
from pierce.match.weights import default_model


def rss_mb() -> float:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_queries(entries: list, n: int, rng: random.Random) -> list[dict[str, str]]:
    kinds = list(BENIGN.values())
    out = []
    for i, entry in enumerate(rng.sample(entries, n)):
        name = entry.names[0]
        variant = rng.choice(kinds)(name, rng) if rng.random() < 0.7 else None
        out.append({"id": f"{i}:{entry.id}", "schema": entry.schema, "name": variant or name})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--recall-queries", type=int, default=400)  # 99.5% needs 100s of pairs
    parser.add_argument("--gleif", type=int, default=None, help="GLEIF names (default all)")
    parser.add_argument("--seed", type=int, default=2)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    entries = [e for e in list_entries() if e.names]
    gleif = gleif_entities(args.gleif)
    entities = [as_entity(e) for e in entries] + gleif
    names = sum(len(e.record.names) for e in entities)
    before = rss_mb()
    start = time.perf_counter()
    index = build_index(entities, workers=2)
    build_s = time.perf_counter() - start
    memory = rss_mb() - before
    queries = make_queries(entries, args.queries, rng)
    screen(None, queries[:20], index=index)  # warm caches
    latencies = []
    for query in queries[20:]:  # the first 20 only warmed the scorer up
        t = time.perf_counter()
        screen(None, [query], index=index)
        latencies.append((time.perf_counter() - t) * 1000)
    latencies.sort()
    p50 = statistics.median(latencies)
    p99 = latencies[int(len(latencies) * 0.99) - 1]
    batch = make_queries(entries, args.queries, rng)  # fresh queries: no warm word caches
    for cache in ("_similar", "_hits"):
        index.__dict__.pop(cache, None)
    t = time.perf_counter()
    screen(None, batch, index=index, workers=2)  # forked workers, as `pierce screen` does
    batch_qps = len(batch) / (time.perf_counter() - t)
    # baseline: exhaustive rapidfuzz scan over the GLEIF names
    choices = [g.record.names[0] for g in gleif]
    base_n = min(50, len(queries))
    t = time.perf_counter()
    for query in queries[:base_n]:
        process.extract(query["name"], choices, scorer=fuzz.WRatio, limit=10)
    base_ms = (time.perf_counter() - t) * 1000 / base_n

    table = Table(title=f"Screening speed: {len(entities):,} entities, {names:,} names "
                        f"(single query = retrieval + scoring of the shortlisted candidates)")
    for column in ("measure", "pierce", "baseline: rapidfuzz.process.extract over GLEIF"):
        table.add_column(column, justify="right")
    table.add_row("index build", f"{build_s:.1f} s (2 processes)", "none")
    table.add_row("index memory (RSS growth)", f"{memory:,.0f} MB", "names list only")
    table.add_row("single query p50", f"{p50:.2f} ms", f"{base_ms:.1f} ms (mean)")
    table.add_row("single query p99", f"{p99:.2f} ms", "")
    table.add_row("batch throughput (2 processes)", f"{batch_qps:,.0f} q/s",
                  f"{2000 / base_ms:,.1f} q/s (2 cores)")
    console = Console(width=200)
    console.print(table)

    # recall of retrieval against exhaustive scoring on a sub-index
    sub_rng = random.Random(args.seed + 1)
    un = [e for e in entries if e.id.startswith("un-")]
    sub_entries = un + sub_rng.sample([e for e in entries if not e.id.startswith("un-")], 4000)
    sub = [as_entity(e) for e in sub_entries] + sub_rng.sample(gleif, min(2000, len(gleif)))
    sub_index = build_index(sub)
    threshold = default_model().threshold
    rq = make_queries(sub_entries, args.recall_queries, sub_rng)
    t = time.perf_counter()
    records = [Record((q["name"],), q["schema"]) for q in rq]
    truths = [{e.record.id: s for k, e in enumerate(sub)
               if (s := score_records(r, e.record, forms=sub_index.forms[k]).score) >= threshold}
              for r in records]
    exhaustive_s = time.perf_counter() - t
    rtable = Table(title=f"Recall vs exhaustive scoring ({len(sub):,} entities, {len(rq)} "
                         f"queries, threshold {threshold}; exhaustive scoring took "
                         f"{exhaustive_s:.0f} s)")
    for column in ("stage", "pairs above threshold (exhaustive)", "found", "recall"):
        rtable.add_column(column, justify="right")
    found = total = 0
    shown = expected = 0
    own_found = own_total = 0  # the pairs of a query and the entry it was made from
    for query, record, truth in zip(rq, records, truths, strict=True):
        candidates = sub_index.candidates(record, DEPTH, WIDE, MIN_COVERAGE)
        scored = set()  # found: the names the shortlist passes still reach the threshold
        for i, kept in shortlist(sub_index, record, candidates):
            listed = sub_index.entities[i].record
            listed = listed.with_names(kept)
            forms = tuple(sub_index.forms[i][k] for k in kept)
            if score_records(record, listed, forms=forms).score >= threshold:
                scored.add(listed.id)
        found += len(truth.keys() & scored)
        total += len(truth)
        own = {query["id"].split(":", 1)[1]} & truth.keys()
        own_found += len(own & scored)
        own_total += len(own)
        hits = screen(None, [record], index=sub_index, threshold=threshold)
        shown += len({h.entity_id for h in hits} & truth.keys())
        expected += min(len(truth), DEFAULT_LIMIT)
    rtable.add_row("retrieval + shortlist (every pair)", str(total), str(found),
                   f"{found / max(total, 1):.4f}")
    rtable.add_row("retrieval + shortlist, the query's own entry", str(own_total),
                   str(own_found), f"{own_found / max(own_total, 1):.4f}")
    rtable.add_row(f"screen output (up to --limit {DEFAULT_LIMIT} per query)", str(expected),
                   str(shown), f"{shown / max(expected, 1):.4f}")
    console.print(rtable)


if __name__ == "__main__":
    main()
