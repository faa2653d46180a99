"""The `pierce` command line: one Typer app; commands are thin wrappers over the library."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import TaskID
from rich.table import Table

from pierce.graph import commands as graph_commands
from pierce.ledger import commands as ledger_commands
from pierce.match import commands as match_commands
from pierce.sources import SourceError
from pierce.store import Store, StoreError
from pierce.terminal import StoreOption, console, err, fail, parse_date, progress_bar

app = typer.Typer(
    help="pierce: screen, trace and protect against restricted-party risk.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
@contextmanager
def open_store(path: Path | None, read_only: bool = False) -> Iterator[Store]:
    """Open the store, turning any store or input problem into a clear message and exit 1."""
    try:
        with Store.open(path, read_only=read_only) as store:
            yield store
    except (StoreError, SourceError) as error:
        raise fail(str(error)) from None


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="List files or directories to ingest.")],
    fmt: Annotated[str | None, typer.Option("--format", help="Override format detection.")] = None,
    dataset: Annotated[str | None, typer.Option(help="Dataset to file the snapshot under.")] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date when the file does not state one.")
    ] = None,
    store: StoreOption = None,
) -> None:
    """Parse list files and file each as a snapshot of its dataset (same file twice: no-op)."""
    when = parse_date(published, "--published")
    failed = 0
    with open_store(store) as db:
        for path in paths:
            with progress_bar(f"ingest {path.name}") as (progress, task):

                def advance(done: int, task: TaskID = task) -> None:
                    progress.update(task, completed=done)

                try:
                    result = db.ingest(
                        path, fmt=fmt, dataset=dataset, published=when, progress=advance
                    )
                except (SourceError, StoreError) as error:
                    err.print(f"[bold red]error:[/] {error}", highlight=False)
                    err.print("  nothing from this file was stored", highlight=False)
                    failed += 1
                    continue
            snap = result.snapshot
            if not result.created:
                console.print(
                    f"{path}: already ingested as snapshot {snap.id} of {snap.dataset} "
                    f"(sha256 {snap.sha256[:12]}); nothing to do"
                )
                continue
            delta = ""
            if snap.added is not None:
                delta = f"; +{snap.added} -{snap.removed} ~{snap.changed} entities since previous"
            console.print(
                f"{path}: snapshot {snap.id} of [bold]{snap.dataset}[/] ({snap.format}), "
                f"published {snap.published} ({snap.published_from}): "
                f"{snap.entity_count:,} entities, {snap.statement_count:,} statements{delta}"
            )
    if failed:
        raise typer.Exit(1)


@app.command()
def datasets(store: StoreOption = None) -> None:
    """List the snapshots in the store, with dates, counts and deltas."""
    with open_store(store, read_only=True) as db:
        current = {s.id for s in db.current_snapshots()}
        table = Table(
            "id",
            "dataset",
            "format",
            "source",
            "published",
            "ingested",
            "entities",
            "statements",
            "delta",
            "current",
            title=f"snapshots in {db.path}",
        )
        for s in db.snapshots():
            delta = "" if s.added is None else f"+{s.added} -{s.removed} ~{s.changed}"
            table.add_row(
                str(s.id),
                s.dataset,
                s.format,
                s.source_name,
                f"{s.published} ({s.published_from})",
                s.ingested.strftime("%Y-%m-%d %H:%M"),
                f"{s.entity_count:,}",
                f"{s.statement_count:,}",
                delta,
                "yes" if s.id in current else "",
            )
        console.print(table)


@app.command()
def show(
    entity_id: Annotated[str, typer.Argument(help="Entity id.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    history: Annotated[bool, typer.Option(help="Include statements of older snapshots.")] = False,
    store: StoreOption = None,
) -> None:
    """Show every statement about an entity with its provenance."""
    with open_store(store, read_only=True) as db:
        rows = db.statements(entity_id, all_snapshots=history)
        if not rows:
            raise fail(f"no entity {entity_id!r} in {db.path}")
        referencing = db.referencing(entity_id)
    if as_json:
        out = {
            "id": entity_id,
            "schema": rows[0]["schema"],
            "statements": rows,
            "referenced_by": [e.to_dict() for e in referencing],
        }
        sys.stdout.write(json.dumps(out, default=str, indent=2, ensure_ascii=False) + "\n")
        return
    table = Table(
        "property",
        "value",
        "dataset",
        "snapshot",
        "source file",
        "published",
        "first seen",
        "last seen",
        title=f"{entity_id} ({rows[0]['schema']})",
    )
    for r in rows:
        value = r["value"] if not r["lang"] else f"{r['value']} [{r['lang']}]"
        table.add_row(
            r["prop"],
            value,
            r["dataset"],
            str(r["snapshot_id"]),
            r["source_name"],
            str(r["published"]),
            str(r["first_seen"]),
            str(r["last_seen"]),
        )
    console.print(table)
    for other in referencing:
        props = ", ".join(f"{k}={'; '.join(v)}" for k, v in sorted(other.properties.items()))
        console.print(f"[bold]{other.schema.name}[/] {other.id}: {props}", highlight=False)


@app.command()
def export(
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File [stdout].")] = None,
    fmt: Annotated[str, typer.Option("--format", help="ftm (JSON lines) or statements.")] = "ftm",
    dataset: Annotated[list[str] | None, typer.Option(help="Only these datasets.")] = None,
    store: StoreOption = None,
) -> None:
    """Export current entities as FtM JSON lines (lossless for FtM input) or statements CSV."""
    if fmt not in ("ftm", "statements"):
        raise fail(f"unknown export format {fmt!r}: use ftm or statements", 2)
    with open_store(store, read_only=True) as db:
        handle = open(output, "w", encoding="utf-8") if output else sys.stdout
        try:
            if fmt == "ftm":
                from pierce.sources.ftm import to_line

                extras = db.extras()
                for entity in db.entities(datasets=dataset):
                    handle.write(to_line(entity, extras.get(str(entity.id))) + "\n")
            else:
                import csv

                writer = csv.writer(handle)
                cursor = db.con.execute(
                    "SELECT entity_id, schema, prop, value, lang, original_value, dataset,"
                    " first_seen, last_seen FROM current_statements ORDER BY entity_id, prop, value"
                )
                writer.writerow([d[0] for d in cursor.description])
                while chunk := cursor.fetchmany(10_000):
                    writer.writerows(chunk)
        finally:
            if output:
                handle.close()


@app.command()
def diff(
    dataset: Annotated[str, typer.Argument(help="Dataset name.")],
    from_: Annotated[str | None, typer.Option("--from", help="Snapshot id or date.")] = None,
    to: Annotated[str | None, typer.Option("--to", help="Snapshot id or date.")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    limit: Annotated[int, typer.Option(help="Rows shown per kind of change.")] = 20,
    store: StoreOption = None,
) -> None:
    """Entities added, removed and changed between two snapshots of a dataset."""
    with open_store(store, read_only=True) as db:
        try:
            delta = db.diff(dataset, from_, to)
        except StoreError as error:
            raise fail(str(error)) from None
    if as_json:
        out: dict[str, Any] = {
            "dataset": dataset,
            "from": delta.old.id if delta.old else None,
            "to": delta.new.id,
        }
        for kind in ("added", "removed", "changed"):
            out[kind] = [
                dict(zip(("id", "schema", "caption"), row, strict=True))
                for row in getattr(delta, kind)
            ]
        sys.stdout.write(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
        return
    old = f"snapshot {delta.old.id} ({delta.old.published})" if delta.old else "nothing"
    console.print(f"[bold]{dataset}[/]: {old} → snapshot {delta.new.id} ({delta.new.published})")
    for kind, mark in (("added", "+"), ("removed", "-"), ("changed", "~")):
        rows = getattr(delta, kind)
        console.print(f"{kind}: {len(rows):,}")
        for entity_id, schema, caption in rows[:limit]:
            console.print(f"  {mark} {entity_id} {schema} {caption}", highlight=False)
        if len(rows) > limit:
            console.print(f"  … {len(rows) - limit:,} more (--limit, --json)")


@app.command()
def fetch(
    lists: Annotated[list[str] | None, typer.Argument(help="Lists to fetch [all].")] = None,
    from_: Annotated[
        Path | None, typer.Option("--from", help="Read a local mirror folder instead.")
    ] = None,
    dest: Annotated[Path, typer.Option(help="Where downloaded files go.")] = Path("lists"),
    no_ingest: Annotated[bool, typer.Option("--no-ingest", help="Only download.")] = False,
    store: StoreOption = None,
) -> None:
    """Download the current official lists from their publishers (or a mirror) and ingest them."""
    from pierce.sources.fetch import FetchError, catalogue, fetch_list

    known = catalogue()
    wanted = lists or list(known)
    unknown = [name for name in wanted if name not in known]
    if unknown:
        raise fail(f"unknown list(s) {', '.join(unknown)}; known: {', '.join(known)}", 2)
    fetched: list[tuple[str, Path]] = []
    failed = 0
    for name in wanted:
        try:
            path = fetch_list(known[name], dest, mirror=from_, log=err.print)
        except FetchError as error:
            err.print(f"[bold red]error:[/] {name}: {error}", highlight=False)
            failed += 1
            continue
        fetched.append((name, path))
    if fetched and not no_ingest:
        with open_store(store) as db:
            for name, path in fetched:
                entry = known[name]
                try:
                    result = db.ingest(path, fmt=entry.format, dataset=entry.dataset)
                except (SourceError, StoreError) as error:
                    err.print(f"[bold red]error:[/] {error}", highlight=False)
                    failed += 1
                    continue
                snap = result.snapshot
                state = "new snapshot" if result.created else "unchanged"
                console.print(
                    f"{name}: {state} {snap.id} of {snap.dataset}, {snap.entity_count:,} entities"
                )
    if failed:
        raise typer.Exit(1)


# Each area adds its own commands.
for _area in (match_commands, graph_commands, ledger_commands):
    _area.register(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
