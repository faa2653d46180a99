"""CLI commands of the matching area: `pierce pairs`, `pierce screen`, `pierce match`."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from followthemoney import model
from rich.markup import escape
from rich.table import Table

from pierce.match.csvio import InputError, read_rows, unknown_columns, write_atomic
from pierce.match.scorer import score_names
from pierce.match.screen import DEFAULT_LIMIT, Hit, screen
from pierce.match.weights import default_model
from pierce.terminal import StoreOption, console, err, parse_date, progress_bar
from pierce.terminal import fail as _fail

out = console

SCREEN_COLUMNS = ["query_id", "entity_id", "caption", "schema", "datasets", "programs",
                  "score", "explanation", "verdict"]


class OutputFormat(StrEnum):
    csv = "csv"
    jsonl = "jsonl"


def _report(problems: list[str]) -> None:
    for problem in problems:
        err.print(f"[yellow]warning:[/yellow] {problem}", highlight=False)


def pairs_command(
    infile: Annotated[Path, typer.Argument(help="CSV with name1,name2[,schema]")],
    output: Annotated[Path, typer.Option("-o", "--output", help="CSV to write")],
) -> None:
    """Score name pairs: adds `score` (probability of the same party) and `explanation`."""
    problems: list[str] = []
    try:
        rows = list(read_rows(infile, ["name1", "name2"], problems))
    except InputError as error:
        raise _fail(str(error)) from None
    header = list(rows[0].values) if rows else ["name1", "name2"]
    results = []
    for row in rows:
        schema = (row.values.get("schema") or "").strip()
        if schema and model.get(schema) is None:  # any FtM schema: Airplane, PublicBody ...
            problems.append(f"{infile}:{row.line}: unknown schema {schema!r}; "
                            "scored as LegalEntity")
            schema = ""
        pair = score_names(row.values["name1"], row.values["name2"], schema or "LegalEntity")
        results.append({**row.values, "score": f"{pair.score:.4f}",
                        "explanation": pair.explain()})
    _report(problems)
    try:
        count = write_atomic(output, header + ["score", "explanation"], results)
    except OSError as error:
        raise _fail(f"{output}: cannot write: {error.strerror or error}") from None
    err.print(f"scored {count} pairs → {output}")


def _query_from_row(values: dict[str, str], line: int, infile: Path,
                    problems: list[str]) -> dict[str, Any] | None:
    query_id = values.get("id", "").strip()
    if not query_id:
        problems.append(f"{infile}:{line}: empty id; row skipped")
        return None
    schema = values.get("schema", "").strip() or "LegalEntity"
    if model.get(schema) is None:
        problems.append(f"{infile}:{line}: record {query_id}: unknown schema {schema!r}; "
                        "using LegalEntity")
        schema = "LegalEntity"
    query: dict[str, Any] = {"id": query_id, "schema": schema}
    for key, value in values.items():
        if key in ("id", "schema") or not value.strip():
            continue
        query[key] = [v.strip() for v in value.split(";") if v.strip()]
    if not any(query.get(p) for p in ("name", "alias", "previousName", "weakAlias")):
        identifiers = [k for k in query if k not in ("id", "schema", "country", "nationality",
                                                     "birthDate", "address")]
        if not identifiers:
            problems.append(f"{infile}:{line}: record {query_id}: no name or identifier; "
                            "skipped")
            return None
    return query


def _open_store(path: Path | None) -> Any:
    from pierce.store import Store, StoreError

    try:
        return Store.open(path, read_only=True)
    except StoreError as error:
        raise _fail(str(error)) from None


def screen_command(
    infile: Annotated[Path, typer.Argument(help="CSV with id[,schema] and FtM property columns")],
    output: Annotated[Path, typer.Option("-o", "--output", help="file to write")],
    threshold: Annotated[float | None, typer.Option(
        help="minimum score (default: the calibrated threshold)")] = None,
    limit: Annotated[int, typer.Option(help="hits per query at most")] = DEFAULT_LIMIT,
    datasets: Annotated[list[str] | None, typer.Option(
        "--datasets", help="only hits from these datasets (repeatable)")] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.csv,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="date the verdicts are traced as of (default today)")] = None,
    no_verdict: Annotated[bool, typer.Option(
        "--no-verdict", help="skip tracing each hit (faster; verdict column left empty)")] = False,
    workers: Annotated[int, typer.Option(
        help="processes scoring in parallel (default: up to 2, one per core)")] = 0,
    store_path: StoreOption = None,
) -> None:
    """Screen records against the lists in the store; one output row per hit.

    Each hit's `verdict` comes from `pierce trace` (listed, captured, possible, linked, clear).
    """
    when = parse_date(as_of, "--as-of")
    if threshold is not None and not 0.0 <= threshold <= 1.0:
        raise _fail("--threshold must be between 0 and 1", code=2)
    if limit < 1:
        raise _fail("--limit must be at least 1", code=2)
    if workers < 0:
        raise _fail("--workers must be 0 (automatic) or more", code=2)
    problems: list[str] = []
    try:
        rows = list(read_rows(infile, ["id"], problems))
    except InputError as error:
        raise _fail(str(error)) from None
    if rows:
        unknown = unknown_columns(rows[0].values, "LegalEntity", ["id", "schema"])
        if unknown:
            problems.append(f"{infile}: ignoring unknown column(s) {', '.join(unknown)} "
                            "(not FollowTheMoney properties)")
            for row in rows:
                for column in unknown:
                    row.values.pop(column, None)
    queries = [q for row in rows
               if (q := _query_from_row(row.values, row.line, infile, problems)) is not None]
    _report(problems)
    store = _open_store(store_path)
    try:
        with progress_bar(f"screen {infile.name}", total=len(queries)) as (progress, task):
            hits = screen(store, queries, threshold=threshold, limit=limit,
                          datasets=datasets or None,
                          workers=workers or min(2, os.cpu_count() or 1),
                          progress=lambda done: progress.advance(task, done))
        if not no_verdict:
            hits = with_verdicts(store, hits, when)
    finally:
        store.close()
    try:
        count = write_atomic(output, SCREEN_COLUMNS, (h.row() for h in hits), fmt.value)
    except OSError as error:
        raise _fail(f"{output}: cannot write: {error.strerror or error}") from None
    err.print(f"screened {len(queries)} records: {count} hits → {output}")


def with_verdicts(store: Any, hits: list[Hit], as_of: date | None) -> list[Hit]:
    """Each hit with the trace verdict of its party (one trace per distinct party)."""
    from pierce.graph import verdict

    found: dict[str, str] = {}
    for hit in hits:
        if hit.entity_id not in found:
            found[hit.entity_id] = verdict(store, hit.entity_id, as_of)
    return [replace(hit, verdict=found[hit.entity_id]) for hit in hits]


def hits_table(hits: list[Hit], title: str) -> Table:
    table = Table(title=title, show_lines=True)
    for column in ("score", "party", "schema", "lists", "explanation"):
        table.add_column(column, overflow="fold")
    for hit in hits:
        table.add_row(f"{hit.score:.3f}",
                      f"{escape(hit.caption)}\n[dim]{escape(hit.entity_id)}[/dim]", hit.schema,
                      escape(", ".join(hit.programs or hit.datasets)), escape(hit.explanation))
    return table


def match_command(
    name: Annotated[str, typer.Argument(help="the name to look up")],
    schema: Annotated[str, typer.Option(help="FtM schema of the query")] = "LegalEntity",
    country: Annotated[str | None, typer.Option(help="ISO country code")] = None,
    address: Annotated[str | None, typer.Option(help="postal address, compared with the "
                                                "listed parties' addresses")] = None,
    birth_date: Annotated[str | None, typer.Option("--birth-date",
                                                   help="a person's birth date or year")] = None,
    limit: Annotated[int, typer.Option(help="hits to show")] = DEFAULT_LIMIT,
    threshold: Annotated[float | None, typer.Option(help="minimum score")] = None,
    store_path: StoreOption = None,
) -> None:
    """Print the best hits for one name, with explanations."""
    if model.get(schema) is None:
        raise _fail(f"unknown schema {schema!r}", code=2)
    if not name.strip():
        raise _fail("the name is empty", code=2)
    query: dict[str, Any] = {"id": "query", "schema": schema, "name": [name]}
    for prop, value in (("country", country), ("address", address), ("birthDate", birth_date)):
        if value and value.strip():
            query[prop] = [value.strip()]
    store = _open_store(store_path)
    try:
        cutoff = threshold if threshold is not None else min(default_model().threshold, 0.3)
        hits = screen(store, [query], threshold=cutoff, limit=limit)
    finally:
        store.close()
    if not hits:
        out.print(f"no hits for {name!r} at threshold {cutoff:.2f}")
        return
    out.print(hits_table(hits, f"{name} ({schema}) — hits at or above {cutoff:.2f}; "
                               f"default match threshold {default_model().threshold:.2f}"))


def register(app: typer.Typer) -> None:
    """Add `pairs`, `screen` and `match` to the pierce CLI."""
    app.command("pairs")(pairs_command)
    app.command("screen")(screen_command)
    app.command("match")(match_command)
