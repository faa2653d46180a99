"""Ingest benchmark: full CSL 2022 + OFAC SDN 2024 + the 399,203 GLEIF names into a fresh store.

Prints rows/s per source, total time and store size, beside two baselines measured in the same
run: DuckDB's own `read_csv` of the same raw file into a table (the floor: no parsing into
FollowTheMoney entities, no statements, no provenance), and a naive row-at-a-time
`executemany` insert of the same statements (on a sample, extrapolated).

    .venv/bin/python bench/ingest.py [--data ../shared/data]

Goal (issue 2): all of it under 60 s on 2 cores, store under 500 MB.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import duckdb
from rich.console import Console
from rich.table import Table

from pierce.sources import parse
from pierce.store import Store

SOURCES = [
    ("CSL 2022", "lists/csl-2022-04-consolidated.csv.gz", "us_csl"),
    ("OFAC SDN 2024", "lists/ofac-sdn-2024-05-03.csv", "us_ofac_sdn"),
    ("GLEIF names", "registries/gleif-l1-names-2025.csv.gz", "gleif"),
]


def raw_floor(path: Path, header: bool) -> float:
    """Seconds DuckDB needs to load the raw file as text columns (no FtM, no statements)."""
    con = duckdb.connect()
    start = time.perf_counter()
    con.execute(
        "CREATE TABLE raw AS SELECT * FROM read_csv(?, header = ?, all_varchar = true,"
        " strict_mode = false, ignore_errors = true)",
        [str(path), header],
    )
    elapsed = time.perf_counter() - start
    con.close()
    return elapsed


def naive_insert_rate(path: Path, sample: int = 20_000) -> float:
    """Statements per second when inserted one row at a time (executemany), on a sample."""
    _, parsed = parse(path)
    rows = []
    for entity in parsed.entities:
        for prop, value in entity.itervalues():
            rows.append((entity.id, entity.schema.name, prop.name, value))
        if len(rows) >= sample:
            break
    con = duckdb.connect()
    con.execute("CREATE TABLE s (entity_id VARCHAR, schema VARCHAR, prop VARCHAR, value VARCHAR)")
    start = time.perf_counter()
    con.executemany("INSERT INTO s VALUES (?, ?, ?, ?)", rows)
    elapsed = time.perf_counter() - start
    con.close()
    return len(rows) / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    default = os.environ.get(
        "PIERCE_TEST_DATA", str(Path(__file__).parents[1] / ".." / "shared" / "data")
    )
    parser.add_argument("--data", type=Path, default=Path(default))
    args = parser.parse_args()
    console = Console(width=170)
    table = Table(
        "source",
        "entities",
        "statements",
        "seconds",
        "entities/s",
        "statements/s",
        "raw read_csv floor (s)",
        "naive executemany (stmts/s)",
        title="pierce ingest vs baselines (same run)",
    )
    with tempfile.TemporaryDirectory() as tmp:
        store_path = Path(tmp) / "bench.duckdb"
        total = 0.0
        with Store.open(store_path) as store:
            for label, relative, dataset in SOURCES:
                path = args.data / relative
                if not path.exists():
                    console.print(f"[yellow]skip {label}: {path} not found[/]")
                    continue
                start = time.perf_counter()
                result = store.ingest(path, dataset=dataset)
                elapsed = time.perf_counter() - start
                total += elapsed
                snap = result.snapshot
                floor = raw_floor(path, header=not relative.startswith("lists/ofac-sdn"))
                naive = naive_insert_rate(path)
                table.add_row(
                    label,
                    f"{snap.entity_count:,}",
                    f"{snap.statement_count:,}",
                    f"{elapsed:.1f}",
                    f"{snap.entity_count / elapsed:,.0f}",
                    f"{snap.statement_count / elapsed:,.0f}",
                    f"{floor:.2f}",
                    f"{naive:,.0f}",
                )
            store.con.execute("CHECKPOINT")
        size = store_path.stat().st_size / 1e6
    console.print(table)
    console.print(
        f"total ingest time: {total:.1f} s (goal < 60 s); store size: {size:.0f} MB (goal < 500 MB)"
    )


if __name__ == "__main__":
    main()
