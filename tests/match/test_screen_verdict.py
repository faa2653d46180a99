"""`pierce screen` rows carry the trace verdict of each hit's party."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from realdata import data_file
from typer.testing import CliRunner

from pierce.cli import app
from pierce.store import Store

DEMO = Path(__file__).parents[2] / "demo"


def test_screen_rows_carry_the_trace_verdict(tmp_path: Path) -> None:
    store = tmp_path / "s.duckdb"
    with Store.open(store) as db:
        db.ingest(data_file("lists/csl-2025-05-excerpt.csv"), published=date(2025, 5, 1))
        db.ingest(DEMO / "inspur-case.ftm.json", dataset="case", published=date(2024, 1, 1))
    queries = tmp_path / "in.csv"
    queries.write_text('id,name\nq1,"Aivres Systems, Inc."\nq2,Inspur Group Co Ltd\n')
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(
        app,
        ["screen", str(queries), "-o", str(out), "--store", str(store), "--as-of", "2026-11-20"],
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open()))
    assert list(rows[0]) == [
        "query_id",
        "entity_id",
        "caption",
        "schema",
        "datasets",
        "programs",
        "score",
        "explanation",
        "verdict",
    ]
    best = {r["query_id"]: r for r in reversed(rows)}  # first row per query is its best hit
    # The renamed US subsidiary is not listed itself but linked to the listed parent.
    assert best["q1"]["entity_id"] == "us-aivres-systems" and best["q1"]["verdict"] == "linked"
    assert best["q2"]["verdict"] == "listed"
    assert "88 FR 13675" in next(r["explanation"] for r in rows if r["programs"] == "EL")
