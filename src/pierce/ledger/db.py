"""Opening a ledger database and appending records to its Merkle log under a DB-level lock.

SQLite: every transaction starts with BEGIN IMMEDIATE, so one writer at a time holds the
database. PostgreSQL: the single `log_head` row is locked FOR UPDATE, so concurrent appenders
queue on it and sequence numbers never collide.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from pierce.ledger import merkle, models, signing
from pierce.ledger.canonical import leaf_data
from pierce.ledger.errors import LedgerError

DEFAULT_DB = "pierce-ledger.sqlite"


def database_url(db: str | None) -> str:
    """SQLAlchemy URL of a path or URL (None: $PIERCE_LEDGER_DB, else ./pierce-ledger.sqlite)."""
    db = db or os.environ.get("PIERCE_LEDGER_DB") or DEFAULT_DB
    if db.startswith("postgresql://") or db.startswith("postgres://"):
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    if "://" in db:
        return db
    return f"sqlite:///{Path(db).expanduser().absolute()}"


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def _make_engine(url: str) -> sa.Engine:
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"timeout": 120})

        @sa.event.listens_for(engine, "connect")
        def _connect(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA busy_timeout = 120000")
            cur.close()

        @sa.event.listens_for(engine, "begin")
        def _begin(conn: sa.Connection) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    return sa.create_engine(url, pool_pre_ping=True)


class Transaction:
    """One locked write transaction: reads see its own appends; all or nothing."""

    def __init__(self, conn: sa.Connection, size: int) -> None:
        self.conn = conn
        self.size = size
        self.appended: list[tuple[int, str, str]] = []

    def get(self, kind: str, record_id: str) -> Mapping[str, Any] | None:
        table = models.RECORD_TABLES[kind]
        row = self.conn.execute(sa.select(table).where(table.c.id == record_id)).first()
        return dict(row._mapping) if row is not None else None

    def exists(self, kind: str, record_id: str) -> bool:
        return self.get(kind, record_id) is not None

    def append(self, kind: str, row: Mapping[str, Any]) -> int:
        table = models.RECORD_TABLES[kind]
        seq = self.size
        full: dict[str, Any] = {c.name: None for c in table.columns}
        unknown = set(row) - set(full)
        if unknown:
            raise LedgerError(f"{kind} {row.get('id')!r}: unknown field(s) {sorted(unknown)}")
        full.update(row)
        full["seq"] = seq
        recorded_at = now_iso()
        self.conn.execute(table.insert().values(**full))
        digest = merkle.leaf_hash(leaf_data(seq, kind, recorded_at, full)).hex()
        self.conn.execute(
            models.log.insert().values(
                seq=seq, kind=kind, record_id=full["id"], recorded_at=recorded_at,
                leaf_hash=digest,
            )
        )
        self.size += 1
        self.appended.append((seq, kind, str(full["id"])))
        return seq


class Ledger:
    """A ledger database: records, their Merkle log and signed tree heads."""

    def __init__(self, url: str, key: Ed25519PrivateKey | None = None) -> None:
        self.url = url
        self.key = key
        self.engine = _make_engine(url)
        self.is_postgres = self.engine.dialect.name == "postgresql"
        self._create()

    @classmethod
    def open(cls, db: str | None = None, key_path: Path | None = None) -> Ledger:
        key = signing.load_key(key_path) if key_path is not None else None
        try:
            return cls(database_url(db), key)
        except sa.exc.SQLAlchemyError as exc:
            reason = getattr(exc, "orig", None) or exc
            raise LedgerError(f"cannot open ledger database {db!r}: {reason}") from exc

    def _create(self) -> None:
        with self.engine.begin() as conn:
            if self.is_postgres:  # concurrent first opens must not race on CREATE TABLE
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(80211962)"))
            models.metadata.create_all(conn)
            if conn.execute(sa.select(models.log_head.c.size)).first() is None:
                conn.execute(models.log_head.insert().values(id=1, size=0))

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        with self.engine.begin() as conn:
            head = sa.select(models.log_head.c.size).where(models.log_head.c.id == 1)
            if self.is_postgres:
                head = head.with_for_update()
            size = conn.execute(head).scalar_one()
            tx = Transaction(conn, size)
            yield tx
            if tx.size != size:
                conn.execute(
                    models.log_head.update().where(models.log_head.c.id == 1).values(size=tx.size)
                )
                if self.key is not None:
                    self._sign(conn, tx.size)

    def _sign(self, conn: sa.Connection, size: int) -> None:
        assert self.key is not None
        hashes = [bytes.fromhex(h) for h in conn.execute(
            sa.select(models.log.c.leaf_hash).order_by(models.log.c.seq)).scalars()]
        root_hex = merkle.root(hashes).hex()
        signed_at = now_iso()
        conn.execute(models.tree_heads.insert().values(
            size=size, root=root_hex, signed_at=signed_at,
            public_key=signing.public_hex(self.key),
            signature=signing.sign_tree_head(self.key, size, root_hex, signed_at),
        ))

    def sign_now(self) -> int:
        """Sign the current head if it is not signed yet; returns the tree size."""
        if self.key is None:
            raise LedgerError("no signing key: run `pierce ledger keygen` and pass --key")
        with self.engine.begin() as conn:
            head = sa.select(models.log_head.c.size).where(models.log_head.c.id == 1)
            size = conn.execute(head.with_for_update() if self.is_postgres else head).scalar_one()
            exists = conn.execute(sa.select(models.tree_heads.c.size).where(
                models.tree_heads.c.size == size)).first()
            if exists is None:
                self._sign(conn, size)
        return int(size)

    def rows(self, kind: str) -> list[dict[str, Any]]:
        table = models.RECORD_TABLES[kind]
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(sa.select(table).order_by(table.c.seq))]

    def log_entries(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            q = sa.select(models.log).order_by(models.log.c.seq)
            return [dict(r._mapping) for r in conn.execute(q)]

    def tree_heads(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            q = sa.select(models.tree_heads).order_by(models.tree_heads.c.size)
            return [dict(r._mapping) for r in conn.execute(q)]

    def size(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(sa.select(models.log_head.c.size)).scalar_one())
