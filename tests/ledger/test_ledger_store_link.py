"""Organisations linked to the knowledge store: existence checks and ownership stakes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import typer
from followthemoney import model
from typer.testing import CliRunner

from pierce.ledger import Ledger, LedgerError, add
from pierce.ledger.commands import register
from pierce.ledger.store_link import check_links, organisation_from_store

store_module = pytest.importorskip("pierce.store")


def _store(path: Path) -> None:
    ibm = model.make_entity("Company")
    ibm.id = "ibm-ftm"
    ibm.add("name", "International Business Machines Corporation")
    ibm.add("jurisdiction", "us")
    neu = model.make_entity("Company")
    neu.id = "neucloud-ftm"
    neu.add("name", "Beijing Neu Cloud Oriental System Technology Co., Ltd.")
    neu.add("country", "cn")
    stake = model.make_entity("Ownership")
    stake.id = "own-ibm-neucloud"
    stake.add("owner", "ibm-ftm")
    stake.add("asset", "neucloud-ftm")
    stake.add("percentage", "19.35")
    stake.add("startDate", "2014-07")
    with store_module.Store.open(path) as store:
        store.ingest_entities([ibm, neu, stake], dataset="test_registry", source_name="test",
                              published=dt.date(2018, 1, 1))


def test_link_store_adds_orgs_and_stakes(tmp_path: Path) -> None:
    store_path, db = tmp_path / "k.duckdb", str(tmp_path / "l.sqlite")
    _store(store_path)
    with Ledger.open(db) as ledger:
        add(ledger, {"type": "organisation", "id": "ibm", "name": "IBM",
                     "store_entity_id": "ibm-ftm"})
    app = typer.Typer()
    register(app)
    result = CliRunner().invoke(app, ["ledger", "link-store", "--db", db, "--store",
                                      str(store_path), "--add", "neucloud-ftm"])
    assert result.exit_code == 0, result.stderr
    assert "added 1 organisation(s) and 1 ownership relationship(s)" in result.stdout
    with Ledger.open(db) as ledger:
        [rel] = ledger.rows("relationships")
        assert (rel["org"], rel["target"], rel["share"], rel["start"]) == \
            ("ibm", "neucloud-ftm", 19.35, "2014-07-01")
        orgs = {r["id"]: r for r in ledger.rows("organisations")}
        assert orgs["neucloud-ftm"]["country"] == "cn"
    again = CliRunner().invoke(app, ["ledger", "link-store", "--db", db, "--store",
                                     str(store_path)])
    assert again.exit_code == 0 and "added 0 organisation(s) and 0" in again.stdout


def test_missing_store_entity_is_named(tmp_path: Path) -> None:
    store_path = tmp_path / "k.duckdb"
    _store(store_path)
    with store_module.Store.open(store_path, read_only=True) as store:
        with pytest.raises(LedgerError, match="line 3: store_entity_id 'ghost' is not in"):
            check_links([("line 3", {"store_entity_id": "ghost"})], store)
        with pytest.raises(LedgerError, match="is a Ownership, not an organisation"):
            organisation_from_store(store, "own-ibm-neucloud")
