"""CLI: `pierce ledger ...` — record disclosures, watch for misuse, prove integrity, report."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from pierce.ledger.db import Ledger
from pierce.ledger.errors import LedgerError
from pierce.terminal import console, err

DbOption = Annotated[
    str | None,
    typer.Option("--db", envvar="PIERCE_LEDGER_DB",
                 help="Ledger database: a SQLite file or postgresql://... "
                      "[./pierce-ledger.sqlite]."),
]
KeyOption = Annotated[
    Path | None,
    typer.Option("--key", envvar="PIERCE_LEDGER_KEY",
                 help="Ed25519 private key (PEM) that signs tree heads; see `ledger keygen`."),
]
AsOfOption = Annotated[
    str | None, typer.Option("--as-of", help="Count limitation periods as of this date [today].")
]
CaseOption = Annotated[
    str | None,
    typer.Option("--case", help="Only detections about this agreement, organisation, person or "
                                "detection id."),
]
SEVERITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "dim"}

ledger_app = typer.Typer(
    help="Protect: a disclosure ledger with a tamper-evident log, detections and reports.",
    no_args_is_help=True,
)


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}", highlight=False)
    return typer.Exit(code)


def _as_of(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _fail(f"--as-of {value!r} is not a date (YYYY-MM-DD)", 2) from None


@contextmanager
def _ledger(db: str | None, key: Path | None = None) -> Iterator[Ledger]:
    try:
        with Ledger.open(db, key_path=key) as ledger:
            yield ledger
    except LedgerError as error:
        raise _fail(str(error)) from None


@ledger_app.command("import")
def import_cmd(
    file: Annotated[Path, typer.Argument(help="Records as YAML or JSON lines.")],
    db: DbOption = None,
    key: KeyOption = None,
    store_path: Annotated[
        Path | None,
        typer.Option("--store", help="Check store_entity_id links against this knowledge store."),
    ] = None,
) -> None:
    """Import records from a file in one transaction (all of them or none)."""
    from pierce.ledger.importer import import_file, read_records

    if store_path is not None:
        from pierce.ledger.store_link import check_links
        from pierce.store import Store, StoreError

        try:
            with Store.open(store_path, read_only=True) as store:
                check_links(read_records(file), store)
        except (StoreError, LedgerError) as error:
            raise _fail(str(error)) from None
    with _ledger(db, key) as ledger:
        try:
            result = import_file(ledger, file)
        except LedgerError as error:
            raise _fail(f"{error}") from None
        for warning in result.warnings:
            err.print(f"[yellow]flagged:[/] {warning}", highlight=False)
        console.print(f"imported {len(result.added)} records from {file}; log size "
                      f"{ledger.size()}")


@ledger_app.command("add")
def add_cmd(
    record: Annotated[str, typer.Argument(help="One record as JSON, or - to read it from stdin.")],
    db: DbOption = None,
    key: KeyOption = None,
) -> None:
    """Append one record, e.g. '{"type": "event", "kind": "contact", ...}'."""
    from pierce.ledger.records import add

    text = sys.stdin.read() if record == "-" else record
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _fail(f"record is not valid JSON: {exc.msg}", 2) from None
    if not isinstance(data, dict):
        raise _fail("record must be a JSON object", 2)
    with _ledger(db, key) as ledger:
        try:
            result = add(ledger, data)
        except LedgerError as error:
            raise _fail(str(error)) from None
        for warning in result.warnings:
            err.print(f"[yellow]flagged:[/] {warning}", highlight=False)
        for kind, rid in result.added:
            console.print(f"added {kind} {rid}", highlight=False)


@ledger_app.command("alerts")
def alerts_cmd(
    db: DbOption = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON object with every detection.")
    ] = False,
    as_of: AsOfOption = None,
    case: CaseOption = None,
) -> None:
    """List open detections, most severe first."""
    from pierce.ledger.detections import detect
    from pierce.ledger.report import select
    from pierce.ledger.view import LedgerView

    day = _as_of(as_of)
    with _ledger(db) as ledger:
        view = LedgerView.load(ledger)
        try:
            found = select(detect(view, day), view, case)
        except LedgerError as error:
            raise _fail(str(error)) from None
    if as_json:
        out = {"as_of": (day or dt.date.today()).isoformat(), "count": len(found),
               "detections": [det.to_dict() for det in found]}
        sys.stdout.write(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
        return
    if not found:
        console.print("no open detections")
        return
    table = Table(title=f"{len(found)} open detection(s)")
    for column in ("severity", "detection", "evidence"):
        table.add_column(column)
    table.add_column("id", overflow="fold")
    for det in found:
        style = SEVERITY_STYLE[det.severity]
        table.add_row(f"[{style}]{det.severity}[/]", det.title, str(len(det.evidence)), det.id)
    console.print(table)


@ledger_app.command("verify")
def verify_cmd(
    db: DbOption = None,
    public_key: Annotated[
        str | None, typer.Option("--public-key", help="Expected Ed25519 public key (hex).")
    ] = None,
    tsa_ca: Annotated[
        Path | None, typer.Option("--tsa-ca", help="CA certificate to check RFC 3161 timestamps.")
    ] = None,
    tsa_cert: Annotated[
        Path | None, typer.Option("--tsa-cert", help="TSA certificate, if not in the reply.")
    ] = None,
) -> None:
    """Recompute every leaf from the stored records; name any altered, removed or moved one."""
    from pierce.ledger.timestamp import verify_head_timestamps
    from pierce.ledger.verify import verify

    with _ledger(db) as ledger:
        result = verify(ledger, public_key)
        stamps: list[tuple[int, str]] = []
        if tsa_ca is not None and result.ok:
            try:
                stamps = verify_head_timestamps(ledger, tsa_ca, tsa_cert)
            except LedgerError as error:
                result.problems.append(str(error))
    if not result.ok:
        for problem in result.problems:
            err.print(f"[bold red]tampered:[/] {problem}", highlight=False)
        raise _fail(f"ledger does not verify ({len(result.problems)} problem(s))")
    console.print(f"verified {result.size} records; root {result.root}; "
                  f"{result.heads_checked} signed tree head(s) match", highlight=False)
    if result.heads_checked == 0:
        err.print("[yellow]note:[/] no signed tree head: records are checked against the log "
                  "only; sign with `pierce ledger sign --key ...`", highlight=False)
    for size, when in stamps:
        console.print(f"tree head at size {size} timestamped {when}")


@ledger_app.command("report")
def report_cmd(
    output: Annotated[Path, typer.Option("-o", "--output", help="report.pdf or report.html")],
    db: DbOption = None,
    case: CaseOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Write the evidence report (timeline, detection chains, terms, hashes and proofs)."""
    from pierce.ledger.report import write_report

    day = _as_of(as_of)
    with _ledger(db) as ledger:
        try:
            write_report(ledger, output, case, day)
        except LedgerError as error:
            raise _fail(str(error)) from None
    console.print(f"wrote {output}")


@ledger_app.command("keygen")
def keygen_cmd(
    path: Annotated[Path, typer.Argument(help="Where to write the new private key (PEM).")],
) -> None:
    """Create an Ed25519 key for signing tree heads; prints the public key."""
    from pierce.ledger.signing import generate_key

    try:
        public = generate_key(path)
    except LedgerError as error:
        raise _fail(str(error)) from None
    console.print(f"wrote {path}; public key {public}", highlight=False)


@ledger_app.command("sign")
def sign_cmd(
    db: DbOption = None,
    key: KeyOption = None,
    tsa: Annotated[
        str | None, typer.Option("--tsa", help="RFC 3161 timestamp authority URL (optional).")
    ] = None,
) -> None:
    """Sign the current tree head (and optionally have a TSA timestamp it)."""
    from pierce.ledger.timestamp import timestamp_latest_head

    if key is None:
        raise _fail("--key (or PIERCE_LEDGER_KEY) is required to sign", 2)
    with _ledger(db, key) as ledger:
        try:
            size = ledger.sign_now()
            console.print(f"signed tree head at size {size}")
            if tsa:
                timestamp_latest_head(ledger, tsa)
                console.print(f"timestamped by {tsa}")
        except LedgerError as error:
            raise _fail(str(error)) from None


@ledger_app.command("proof")
def proof_cmd(
    record_id: Annotated[str, typer.Argument(help="Id of a ledger record.")],
    db: DbOption = None,
) -> None:
    """Print a record's leaf hash and its RFC 9162 inclusion proof in the current tree."""
    from pierce.ledger import merkle
    from pierce.ledger.verify import verify

    with _ledger(db) as ledger:
        result = verify(ledger)
        entries = [e for e in ledger.log_entries()
                   if e["record_id"] == record_id]
    if not entries:
        raise _fail(f"no record {record_id!r} in the ledger log")
    for entry in entries:
        seq = int(entry["seq"])
        path = merkle.inclusion_proof(seq, result.leaves)
        sys.stdout.write(json.dumps({
            "kind": entry["kind"], "id": record_id, "index": seq, "tree_size": result.size,
            "leaf_hash": result.leaves[seq].hex(), "root": result.root,
            "inclusion_proof": [p.hex() for p in path],
            "verifies": merkle.verify_inclusion(result.leaves[seq], seq, result.size, path,
                                                bytes.fromhex(result.root)),
        }) + "\n")


def register(app: typer.Typer) -> None:
    app.add_typer(ledger_app, name="ledger")


StoreOption = Annotated[
    Path | None,
    typer.Option("--store", envvar="PIERCE_STORE", help="Knowledge store file [./pierce.duckdb]."),
]


@ledger_app.command("link-store")
def link_store_cmd(
    db: DbOption = None,
    key: KeyOption = None,
    store_path: StoreOption = None,
    add_entity: Annotated[
        list[str] | None,
        typer.Option("--add", help="Also add this store entity as an organisation (repeatable)."),
    ] = None,
) -> None:
    """Check organisations' store_entity_id links and import the store's ownership stakes
    between linked organisations as equity relationships."""
    from pierce.ledger.records import add_records
    from pierce.ledger.store_link import (
        check_links,
        organisation_from_store,
        ownership_relationships,
    )
    from pierce.store import Store, StoreError

    try:
        store = Store.open(store_path, read_only=True)
    except StoreError as error:
        raise _fail(str(error)) from None
    with store, _ledger(db, key) as ledger:
        try:
            known = {r["id"] for r in ledger.rows("organisations")}
            new = [organisation_from_store(store, e) for e in add_entity or []]
            new = [r for r in new if r["id"] not in known]
            orgs = [(f"organisation {r['id']}", r) for r in ledger.rows("organisations")]
            check_links(orgs, store)
            linked = {str(r["store_entity_id"]): str(r["id"]) for _, r in orgs
                      if r["store_entity_id"]}
            linked.update({r["store_entity_id"]: r["id"] for r in new})
            have = {r["id"] for r in ledger.rows("relationships")}
            rels = [r for r in ownership_relationships(store, linked) if r["id"] not in have]
            batch = [(f"store entity {r.get('store_entity_id') or r['id']}", r)
                     for r in new + rels]
            if batch:
                add_records(ledger, batch)
        except LedgerError as error:
            raise _fail(str(error)) from None
    console.print(f"{len(linked)} linked organisation(s); added {len(new)} organisation(s) and "
                  f"{len(rels)} ownership relationship(s) from the store", highlight=False)
