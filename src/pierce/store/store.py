"""The knowledge store: FtM statements with provenance and snapshots, in one DuckDB file.

One ingest is one transaction: a failure, or a process killed half-way, leaves the store as it
was (DuckDB rolls back an uncommitted write-ahead log when the file is next opened).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
from followthemoney import EntityProxy, Statement, StatementEntity, model
from followthemoney.dataset import Dataset

from pierce.sources import SourceError
from pierce.sources import parse as parse_source

DEFAULT_STORE = "pierce.duckdb"
# Statements per bulk insert: DuckDB writes large batches to a file far faster than small ones.
BATCH = 500_000

COLUMNS = [
    "entity_id",
    "schema",
    "prop",
    "prop_type",
    "value",
    "original_value",
    "lang",
]

Progress = Callable[[int], None]


class StoreError(RuntimeError):
    """A store that cannot be opened or written as asked."""


@dataclass(frozen=True)
class Snapshot:
    id: int
    dataset: str
    format: str
    source_name: str
    sha256: str
    published: date | None
    published_from: str
    ingested: datetime
    entity_count: int
    statement_count: int
    added: int | None
    removed: int | None
    changed: int | None
    info: dict[str, Any]


@dataclass(frozen=True)
class IngestResult:
    snapshot: Snapshot
    # False when the same file was already in the store: re-ingesting is a no-op.
    created: bool


@dataclass(frozen=True)
class Delta:
    dataset: str
    old: Snapshot | None
    new: Snapshot
    added: list[tuple[str, str, str]]  # (entity id, schema, caption)
    removed: list[tuple[str, str, str]]
    changed: list[tuple[str, str, str]]


def default_path() -> Path:
    return Path(os.environ.get("PIERCE_STORE") or DEFAULT_STORE)


def sha256_of(paths: Iterable[Path]) -> str:
    """Digest of one file, or of several (a directory, a file with its siblings) by name."""
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path])
    if len(files) == 1:
        digest = hashlib.sha256()
        with open(files[0], "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()
    outer = hashlib.sha256()
    for file in sorted(files, key=lambda p: p.name):
        outer.update(f"{file.name}\0{sha256_of([file])}\n".encode())
    return outer.hexdigest()


def _with_descendants(schemata: Iterable[str]) -> set[str]:
    """Schema names plus every schema that extends them (LegalEntity → Company, ...)."""
    names = set()
    for name in schemata:
        schema = model.get(name)
        if schema is None:
            raise StoreError(f"unknown schema {name!r}")
        names.add(schema.name)
        names.update(s.name for s in schema.descendants)
    return names


def _info_json(info: dict[str, Any]) -> str:
    kept = {k: v for k, v in info.items() if k not in ("dataset", "extras")}
    return json.dumps(kept, default=str)


@lru_cache(maxsize=256)
def _dataset(name: str) -> Dataset:
    return Dataset.make({"name": name, "title": name})


def _entity_rows(entity: EntityProxy) -> Iterator[tuple[str | None, ...]]:
    """Statement rows of one entity; StatementEntity keeps its language and original values."""
    if entity.id is None:
        raise ValueError(f"{entity.schema.name} entity without an id")
    schema = entity.schema.name
    yield (entity.id, schema, Statement.BASE, "id", entity.id, None, None)
    if isinstance(entity, StatementEntity):
        for stmt in entity.statements:
            if stmt.prop == Statement.BASE:
                continue
            prop = entity.schema.properties[stmt.prop]
            yield (
                entity.id,
                schema,
                stmt.prop,
                prop.type.name,
                stmt.value,
                stmt.original_value,
                stmt.lang,
            )
        return
    for prop, value in entity.itervalues():
        yield (entity.id, schema, prop.name, prop.type.name, value, None, None)


class Store:
    """A knowledge store file. Use `Store.open()`; close it (or use `with`) when done."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path) -> None:
        self.con = con
        self.path = path

    @classmethod
    def open(cls, path: str | Path | None = None, read_only: bool = False) -> Store:
        path = Path(path) if path is not None else default_path()
        if read_only and not path.exists():
            raise StoreError(f"{path}: no knowledge store here yet; run `pierce ingest` first")
        try:
            con = duckdb.connect(str(path), read_only=read_only)
            con.execute("SET enable_progress_bar = false")
        except duckdb.Error as error:
            raise StoreError(f"{path}: cannot open the knowledge store: {error}") from error
        if not read_only:
            con.execute(resources.files("pierce.store").joinpath("schema.sql").read_text())
        return cls(con, path)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------------

    def ingest(
        self,
        path: Path,
        fmt: str | None = None,
        dataset: str | None = None,
        published: date | None = None,
        progress: Progress | None = None,
    ) -> IngestResult:
        """Parse one file (or directory) and file its entities as a new snapshot."""
        module, parsed = parse_source(path, fmt)
        dataset = dataset or str(parsed.info.get("dataset") or module.DATASET)
        digest = sha256_of(parsed.files or [path])
        existing = self._find_snapshot(dataset, digest)
        if existing is not None:
            return IngestResult(existing, created=False)
        if parsed.published is not None:
            when, source = parsed.published, "file"
        elif published is not None:
            when, source = published, "given"
        else:
            when, source = datetime.now(UTC).date(), "ingest"
        snapshot = self._load(
            parsed.entities,
            dataset=dataset,
            fmt=module.FORMAT,
            source_name=path.name,
            digest=digest,
            published=when,
            published_from=source,
            info=parsed.info,
            progress=progress,
            where=str(path),
            extras=parsed.info.get("extras"),  # type: ignore[arg-type]
        )
        return IngestResult(snapshot, created=True)

    def ingest_entities(
        self,
        entities: Iterable[EntityProxy],
        dataset: str,
        source_name: str,
        published: date | None = None,
        fmt: str = "api",
    ) -> IngestResult:
        """File entities made in code (not read from a file) as a snapshot."""
        items = list(entities)
        digest = hashlib.sha256(
            "\n".join(json.dumps(e.to_dict(), sort_keys=True) for e in items).encode()
        ).hexdigest()
        existing = self._find_snapshot(dataset, digest)
        if existing is not None:
            return IngestResult(existing, created=False)
        when = published or datetime.now(UTC).date()
        snapshot = self._load(
            iter(items),
            dataset=dataset,
            fmt=fmt,
            source_name=source_name,
            digest=digest,
            published=when,
            published_from="given" if published else "ingest",
            info={},
            progress=None,
            where=source_name,
        )
        return IngestResult(snapshot, created=True)

    def _find_snapshot(self, dataset: str, digest: str) -> Snapshot | None:
        rows = self._snapshot_rows("WHERE dataset = ? AND sha256 = ?", [dataset, digest])
        return rows[0] if rows else None

    def _load(
        self,
        entities: Iterator[EntityProxy],
        *,
        dataset: str,
        fmt: str,
        source_name: str,
        digest: str,
        published: date,
        published_from: str,
        info: dict[str, Any],
        progress: Progress | None,
        where: str,
        extras: dict[str, dict[str, Any]] | None = None,
    ) -> Snapshot:
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            previous = self._previous_snapshot(dataset, published)
            snap_id = con.execute(
                "INSERT INTO snapshots (dataset, format, source_name, sha256, published,"
                " published_from, ingested, entity_count, statement_count, info)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, ?) RETURNING id",
                [
                    dataset,
                    fmt,
                    source_name,
                    digest,
                    published,
                    published_from,
                    datetime.now(UTC).replace(tzinfo=None),
                    _info_json(info),
                ],
            ).fetchone()[0]  # type: ignore[index]
            seen: set[str] = set()
            statements = 0
            rows: list[tuple[str | None, ...]] = []
            for entity in entities:
                if entity.id in seen:
                    raise SourceError(where, f"entity {entity.id}", "the same id appears twice")
                seen.add(entity.id)  # type: ignore[arg-type]
                rows.extend(_entity_rows(entity))
                if len(rows) >= BATCH:
                    statements += self._flush(rows, dataset, snap_id, published)
                    rows = []
                    if progress:
                        progress(len(seen))
            statements += self._flush(rows, dataset, snap_id, published)
            if progress:
                progress(len(seen))
            if extras:
                # Top-level fields of FtM lines that statements do not carry (export is lossless).
                rows = [(snap_id, key, json.dumps(value)) for key, value in extras.items()]
                con.executemany("INSERT INTO entity_extras VALUES (?, ?, ?)", rows)
            # A statement seen in an earlier snapshot keeps its first sighting.
            con.execute(
                "UPDATE statements SET first_seen = prev.first_seen FROM ("
                " SELECT id, min(first_seen) AS first_seen FROM statements"
                " WHERE dataset = ? AND snapshot_id <> ? GROUP BY id) prev"
                " WHERE statements.snapshot_id = ? AND statements.id = prev.id"
                " AND prev.first_seen < statements.first_seen",
                [dataset, snap_id, snap_id],
            )
            # Parsers may complete their info while their entities are read: record it now.
            con.execute(
                "UPDATE snapshots SET entity_count = ?, statement_count = ?, info = ? WHERE id = ?",
                [len(seen), statements, _info_json(info), snap_id],
            )
            if previous is not None:
                added, removed, changed = self._delta_ids(previous.id, snap_id)
                con.execute(
                    "UPDATE snapshots SET added = ?, removed = ?, changed = ? WHERE id = ?",
                    [len(added), len(removed), len(changed), snap_id],
                )
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return self._snapshot_rows("WHERE id = ?", [snap_id])[0]

    def _flush(
        self, rows: list[tuple[str | None, ...]], dataset: str, snap_id: int, published: date
    ) -> int:
        if not rows:
            return 0
        columns = zip(*rows, strict=True)
        batch = pa.table(
            {name: pa.array(col, pa.string()) for name, col in zip(COLUMNS, columns, strict=True)}
        )
        self.con.register("pierce_batch", batch)
        try:
            self.con.execute(
                "INSERT INTO statements SELECT"
                " md5(concat_ws(chr(31), ?, entity_id, prop, value)), entity_id, schema, prop,"
                " prop_type, value, original_value, lang, ?, ?, ?, ? FROM pierce_batch",
                [dataset, dataset, snap_id, published, published],
            )
        finally:
            self.con.unregister("pierce_batch")
        return len(rows)

    # -- reading -------------------------------------------------------------------------------

    def snapshots(self, dataset: str | None = None) -> list[Snapshot]:
        if dataset is None:
            return self._snapshot_rows("ORDER BY dataset, published, id", [])
        return self._snapshot_rows("WHERE dataset = ? ORDER BY published, id", [dataset])

    def current_snapshots(self) -> list[Snapshot]:
        return self._snapshot_rows(
            "WHERE id IN (SELECT id FROM current_snapshots) ORDER BY dataset", []
        )

    def snapshot(self, ref: str | int, dataset: str | None = None) -> Snapshot:
        """A snapshot by id, or by publication date (YYYY-MM-DD) within a dataset."""
        text = str(ref)
        if text.isdigit():
            rows = self._snapshot_rows("WHERE id = ?", [int(text)])
        else:
            rows = self._snapshot_rows(
                "WHERE dataset = ? AND CAST(published AS VARCHAR) = ? ORDER BY id DESC",
                [dataset, text],
            )
        if not rows:
            raise StoreError(
                f"no snapshot {text!r}" + (f" of dataset {dataset!r}" if dataset else "")
            )
        return rows[0]

    def _snapshot_rows(self, where: str, params: list[Any]) -> list[Snapshot]:
        rows = self.con.execute(
            "SELECT id, dataset, format, source_name, sha256, published, published_from,"
            " ingested, entity_count, statement_count, added, removed, changed, info"
            f" FROM snapshots {where}",
            params,
        ).fetchall()
        return [
            Snapshot(*row[:-1], json.loads(row[-1]) if row[-1] else {})  # type: ignore[call-arg]
            for row in rows
        ]

    def _previous_snapshot(self, dataset: str, published: date) -> Snapshot | None:
        rows = self._snapshot_rows(
            "WHERE dataset = ? AND published <= ? ORDER BY published DESC, id DESC LIMIT 1",
            [dataset, published],
        )
        return rows[0] if rows else None

    def _entities_from_rows(self, rows: Iterable[tuple[Any, ...]]) -> Iterator[StatementEntity]:
        """Group ordered statement rows (entity_id first) into StatementEntity objects."""
        current: str | None = None
        statements: list[Statement] = []
        for entity_id, schema, prop, value, dataset, lang, original, first, last in rows:
            if entity_id != current and statements:
                yield self._make(statements)
                statements = []
            current = entity_id
            statements.append(
                Statement(
                    entity_id=entity_id,
                    prop=prop,
                    schema=schema,
                    value=value,
                    dataset=dataset,
                    lang=lang,
                    original_value=original,
                    first_seen=first.isoformat(),
                    last_seen=last.isoformat(),
                )
            )
        if statements:
            yield self._make(statements)

    @staticmethod
    def _make(statements: list[Statement]) -> StatementEntity:
        return StatementEntity.from_statements(_dataset(statements[0].dataset), statements)

    _SELECT = (
        "SELECT entity_id, schema, prop, value, dataset, lang, original_value, first_seen,"
        " last_seen FROM current_statements"
    )

    def entities(
        self, datasets: Iterable[str] | None = None, schemata: Iterable[str] | None = None
    ) -> Iterator[StatementEntity]:
        """Entities of the current snapshot of each dataset (or of the datasets named)."""
        clauses, params = [], []
        if datasets is not None:
            names = list(datasets)
            clauses.append(f"dataset IN ({','.join('?' * len(names))})")
            params.extend(names)
        if schemata is not None:
            wanted = sorted(_with_descendants(schemata))
            clauses.append(f"schema IN ({','.join('?' * len(wanted))})")
            params.extend(wanted)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        cursor = self.con.cursor()
        cursor.execute(f"{self._SELECT}{where} ORDER BY entity_id, prop, value", params)

        def rows() -> Iterator[tuple[Any, ...]]:
            while chunk := cursor.fetchmany(BATCH):
                yield from chunk

        yield from self._entities_from_rows(rows())

    def get(self, entity_id: str) -> StatementEntity | None:
        """One entity with all its current statements (across datasets)."""
        rows = self.con.execute(
            f"{self._SELECT} WHERE entity_id = ? ORDER BY prop, value", [entity_id]
        ).fetchall()
        found = list(self._entities_from_rows(rows))
        return found[0] if found else None

    def referencing(self, entity_id: str) -> list[StatementEntity]:
        """Entities whose entity-typed properties point at this one (Sanction, Ownership, ...)."""
        ids = [
            r[0]
            for r in self.con.execute(
                "SELECT DISTINCT entity_id FROM current_statements"
                " WHERE prop_type = 'entity' AND value = ?",
                [entity_id],
            ).fetchall()
        ]
        if not ids:
            return []
        rows = self.con.execute(
            f"{self._SELECT} WHERE entity_id IN ({','.join('?' * len(ids))})"
            " ORDER BY entity_id, prop, value",
            ids,
        ).fetchall()
        return list(self._entities_from_rows(rows))

    def statements(self, entity_id: str, all_snapshots: bool = False) -> list[dict[str, Any]]:
        """Every statement about an entity with its provenance (dataset, snapshot, source file)."""
        table = "statements" if all_snapshots else "current_statements"
        rows = self.con.execute(
            "SELECT s.prop, s.value, s.original_value, s.lang, s.dataset, s.snapshot_id,"
            " n.source_name, n.sha256, n.published, s.first_seen, s.last_seen, s.schema"
            f" FROM {table} s JOIN snapshots n ON s.snapshot_id = n.id"
            " WHERE s.entity_id = ? ORDER BY s.prop, s.value, n.published",
            [entity_id],
        ).fetchall()
        keys = [
            "prop",
            "value",
            "original_value",
            "lang",
            "dataset",
            "snapshot_id",
            "source_name",
            "sha256",
            "published",
            "first_seen",
            "last_seen",
            "schema",
        ]
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def extras(self) -> dict[str, dict[str, Any]]:
        """Top-level FtM fields kept for entities of the current snapshots, by entity id.

        Read once for a whole export: only FtM imports carry them, so the map stays small.
        """
        rows = self.con.execute(
            "SELECT e.entity_id, e.extras FROM entity_extras e"
            " JOIN current_snapshots c ON e.snapshot_id = c.id ORDER BY c.published, c.id"
        ).fetchall()
        # Ordered oldest first, so the newest snapshot's fields win.
        return {entity_id: json.loads(extras) for entity_id, extras in rows}

    # -- deltas --------------------------------------------------------------------------------

    def _delta_ids(self, old_id: int, new_id: int) -> tuple[list[str], list[str], list[str]]:
        rows = self.con.execute(
            "WITH digest AS ("
            " SELECT snapshot_id, entity_id, md5(string_agg(id || schema, ',' ORDER BY id)) AS d"
            " FROM statements WHERE snapshot_id IN (?, ?) GROUP BY snapshot_id, entity_id),"
            " o AS (SELECT * FROM digest WHERE snapshot_id = ?),"
            " n AS (SELECT * FROM digest WHERE snapshot_id = ?)"
            " SELECT coalesce(o.entity_id, n.entity_id),"
            " CASE WHEN o.entity_id IS NULL THEN 'added' WHEN n.entity_id IS NULL THEN 'removed'"
            " ELSE 'changed' END"
            " FROM o FULL OUTER JOIN n ON o.entity_id = n.entity_id"
            " WHERE o.entity_id IS NULL OR n.entity_id IS NULL OR o.d <> n.d ORDER BY 1",
            [old_id, new_id, old_id, new_id],
        ).fetchall()
        out: dict[str, list[str]] = {"added": [], "removed": [], "changed": []}
        for entity_id, change in rows:
            out[change].append(entity_id)
        return out["added"], out["removed"], out["changed"]

    def diff(self, dataset: str, old: str | None = None, new: str | None = None) -> Delta:
        """Entities added, removed and changed between two snapshots (default: the last two)."""
        snaps = self.snapshots(dataset)
        if not snaps:
            raise StoreError(f"no snapshots of dataset {dataset!r}")
        new_snap = self.snapshot(new, dataset) if new else snaps[-1]
        if old:
            old_snap: Snapshot | None = self.snapshot(old, dataset)
        else:
            earlier = [s for s in snaps if (s.published, s.id) < (new_snap.published, new_snap.id)]
            old_snap = earlier[-1] if earlier else None
        if old_snap is None:
            everything = self._captions(new_snap.id, self._ids_of(new_snap.id))
            return Delta(dataset, None, new_snap, everything, [], [])
        added, removed, changed = self._delta_ids(old_snap.id, new_snap.id)
        return Delta(
            dataset,
            old_snap,
            new_snap,
            self._captions(new_snap.id, added),
            self._captions(old_snap.id, removed),
            self._captions(new_snap.id, changed),
        )

    def _ids_of(self, snap_id: int) -> list[str]:
        return [
            r[0]
            for r in self.con.execute(
                "SELECT DISTINCT entity_id FROM statements WHERE snapshot_id = ? ORDER BY 1",
                [snap_id],
            ).fetchall()
        ]

    def _captions(self, snap_id: int, ids: list[str]) -> list[tuple[str, str, str]]:
        if not ids:
            return []
        self.con.register("pierce_ids", pa.table({"entity_id": pa.array(ids, pa.string())}))
        try:
            rows = self.con.execute(
                "SELECT s.entity_id, any_value(s.schema),"
                " coalesce(min(CASE WHEN s.prop = 'name' THEN s.value END), s.entity_id)"
                " FROM statements s JOIN pierce_ids i ON s.entity_id = i.entity_id"
                " WHERE s.snapshot_id = ? GROUP BY s.entity_id ORDER BY s.entity_id",
                [snap_id],
            ).fetchall()
        finally:
            self.con.unregister("pierce_ids")
        return [(r[0], r[1], r[2]) for r in rows]
