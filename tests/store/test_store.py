"""The knowledge store: snapshots, provenance, no-op re-ingest, deltas, atomic ingest."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from followthemoney import EntityProxy, model
from realdata import data_file

from pierce.sources import SourceError
from pierce.store import Store


def company(entity_id: str, name: str, country: str = "cn") -> EntityProxy:
    entity = model.make_entity("Company")
    entity.id = entity_id
    entity.add("name", name)
    entity.add("country", country)
    return entity


def test_statements_keep_provenance_and_first_seen(store_path: Path) -> None:
    with Store.open(store_path) as store:
        store.ingest_entities([company("a", "Alpha")], "test", "one.json", date(2024, 1, 1))
        store.ingest_entities(
            [company("a", "Alpha"), company("b", "Beta")], "test", "two.json", date(2024, 2, 1)
        )
        alpha = store.get("a")
        assert alpha is not None
        assert alpha.get("name") == ["Alpha"]
        # Still in the newest snapshot, first seen in the older one.
        assert alpha.first_seen == "2024-01-01"
        assert alpha.last_seen == "2024-02-01"
        rows = store.statements("a")
        names = [r for r in rows if r["prop"] == "name"]
        assert names[0]["source_name"] == "two.json"
        assert names[0]["dataset"] == "test"
        assert len(store.statements("a", all_snapshots=True)) == 2 * len(rows)


def test_same_entities_twice_is_a_no_op(store_path: Path) -> None:
    with Store.open(store_path) as store:
        first = store.ingest_entities([company("a", "Alpha")], "test", "x", date(2024, 1, 1))
        again = store.ingest_entities([company("a", "Alpha")], "test", "x", date(2024, 1, 1))
        assert first.created and not again.created
        assert again.snapshot.id == first.snapshot.id
        assert len(store.snapshots("test")) == 1


def test_delta_names_added_removed_and_changed(store_path: Path) -> None:
    with Store.open(store_path) as store:
        store.ingest_entities(
            [company("a", "Alpha"), company("b", "Beta"), company("c", "Gamma")],
            "test",
            "old",
            date(2024, 1, 1),
        )
        result = store.ingest_entities(
            [company("a", "Alpha"), company("b", "Beta Renamed"), company("d", "Delta")],
            "test",
            "new",
            date(2024, 2, 1),
        )
        snap = result.snapshot
        assert (snap.added, snap.removed, snap.changed) == (1, 1, 1)
        delta = store.diff("test")
        assert [row[0] for row in delta.added] == ["d"]
        assert [row[0] for row in delta.removed] == ["c"]
        assert [(row[0], row[2]) for row in delta.changed] == [("b", "Beta Renamed")]
        # The current view is the newest snapshot; the removed entity is gone from it.
        assert store.get("c") is None
        assert sorted(e.id for e in store.entities()) == ["a", "b", "d"]  # type: ignore[type-var]


def test_an_older_snapshot_ingested_later_does_not_become_current(store_path: Path) -> None:
    with Store.open(store_path) as store:
        store.ingest_entities([company("a", "New name")], "test", "new", date(2024, 6, 1))
        store.ingest_entities([company("a", "Old name")], "test", "old", date(2023, 1, 1))
        entity = store.get("a")
        assert entity is not None and entity.get("name") == ["New name"]


def test_referencing_finds_sanctions_of_an_entity(store_path: Path) -> None:
    sanction = model.make_entity("Sanction")
    sanction.id = "s1"
    sanction.add("entity", "a")
    sanction.add("programId", "EL")
    with Store.open(store_path) as store:
        store.ingest_entities([company("a", "Alpha"), sanction], "test", "x", date(2024, 1, 1))
        found = store.referencing("a")
        assert [e.id for e in found] == ["s1"]
        assert found[0].get("programId") == ["EL"]


def test_duplicate_ids_fail_and_leave_the_store_as_it_was(store_path: Path) -> None:
    with Store.open(store_path) as store:
        store.ingest_entities([company("a", "Alpha")], "test", "good", date(2024, 1, 1))
        before = store.con.execute("SELECT count(*) FROM statements").fetchone()
        with pytest.raises(SourceError, match="the same id appears twice"):
            store.ingest_entities(
                [company("b", "Beta"), company("b", "Beta again")], "test", "bad", date(2024, 2, 1)
            )
        assert store.con.execute("SELECT count(*) FROM statements").fetchone() == before
        assert len(store.snapshots()) == 1


def test_schema_filter_includes_descendants(store_path: Path) -> None:
    person = model.make_entity("Person")
    person.id = "p"
    person.add("name", "Jane Doe")
    with Store.open(store_path) as store:
        store.ingest_entities([company("a", "Alpha"), person], "test", "x", date(2024, 1, 1))
        assert [e.id for e in store.entities(schemata=["Company"])] == ["a"]
        assert sorted(e.id for e in store.entities(schemata=["LegalEntity"])) == ["a", "p"]  # type: ignore[type-var]


@pytest.mark.slow
def test_process_killed_mid_ingest_leaves_previous_state(store_path: Path) -> None:
    """SIGKILL during a large ingest: on reopening, the store is exactly as before."""
    small = data_file("lists/csl-2025-05-excerpt.csv")
    big = data_file("registries/gleif-l1-names-2025.csv.gz")
    pierce = [sys.executable, "-m", "pierce.cli"]
    env = {**os.environ, "PIERCE_STORE": str(store_path)}
    subprocess.run([*pierce, "ingest", str(small)], check=True, env=env, capture_output=True)
    with Store.open(store_path, read_only=True) as store:
        before = store.con.execute("SELECT count(*) FROM statements").fetchone()
        snaps = store.snapshots()
    proc = subprocess.Popen(
        [*pierce, "ingest", str(big)], env=env, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL
    )
    # Let it get well into the load (GLEIF takes many seconds), then kill it without warning.
    time.sleep(4)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with Store.open(store_path) as store:
        after_snaps = store.snapshots()
        count = store.con.execute("SELECT count(*) FROM statements").fetchone()
        if len(after_snaps) == len(snaps):
            assert count == before
        else:  # the ingest had committed before the kill: then it must be whole
            gleif = [s for s in after_snaps if s.dataset == "gleif"]
            assert gleif and gleif[0].entity_count == 399_203
