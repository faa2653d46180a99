"""Ledger fixtures: every storage test runs on SQLite and on a real PostgreSQL server.

The server is $PIERCE_TEST_PG (a postgresql:// URL of a server where we may CREATE DATABASE), or
a throwaway PostgreSQL started by scripts/pg_test_server.sh for the session.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "pg_test_server.sh"
FIXTURES = Path(__file__).parent / "fixtures"


def _pg_binaries_present() -> bool:
    if os.environ.get("PG_BIN") or shutil.which("pg_ctl") or shutil.which("pg_config"):
        return True
    return any(Path("/usr/lib/postgresql").glob("*/bin/initdb"))


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    url = os.environ.get("PIERCE_TEST_PG")
    if url:
        yield url
        return
    if not _pg_binaries_present():
        pytest.skip("PostgreSQL binaries (initdb, pg_ctl) not found and PIERCE_TEST_PG not set")
    workdir = tempfile.mkdtemp(prefix="pierce-pg-")
    try:
        done = subprocess.run([str(SCRIPT), "start", workdir], capture_output=True, text=True,
                              timeout=120, env={**os.environ, "PYTHON": sys.executable})
        if done.returncode != 0:
            pytest.fail(f"could not start PostgreSQL: {done.stderr.strip()}")
        yield done.stdout.strip().splitlines()[-1]
    finally:
        subprocess.run([str(SCRIPT), "stop", workdir], capture_output=True, timeout=60)


def _fresh_pg_schema(server: str) -> tuple[str, str]:
    """An empty schema of its own per test (much cheaper than CREATE DATABASE); the URL sets
    it as the search_path, so the ledger's tables land there."""
    name = "ledger_" + uuid.uuid4().hex[:12]
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{name}"')
    sep = "&" if "?" in server else "?"
    return name, f"{server}{sep}options=-csearch_path%3D{name}"


def _drop_pg_schema(server: str, name: str) -> None:
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty ledger database on each backend."""
    if request.param == "sqlite":
        yield str(tmp_path / "ledger.sqlite")
        return
    server = request.getfixturevalue("pg_server")
    name, url = _fresh_pg_schema(server)
    try:
        yield url
    finally:
        _drop_pg_schema(server, name)


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES
