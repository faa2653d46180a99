"""Real lists through the store: CSL 2022 → CSL 2023-11 as two snapshots of one dataset."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from realdata import data_file

from pierce.sources import parse
from pierce.store import Store


def by_id(path: Path) -> dict[str, tuple[str, dict[str, list[str]]]]:
    """Entities straight from the parser: id → (schema, sorted property values)."""
    _, parsed = parse(path)
    out = {}
    for entity in parsed.entities:
        props = {k: sorted(set(v)) for k, v in entity.properties.items()}
        out[str(entity.id)] = (entity.schema.name, props)
    return out


@pytest.fixture(scope="module")
def csl_store(tmp_path_factory: pytest.TempPathFactory) -> Any:
    old = data_file("lists/csl-2022-04-consolidated.csv.gz")
    new = data_file("lists/csl-2023-11-partial.csv")
    path = tmp_path_factory.mktemp("csl") / "csl.duckdb"
    with Store.open(path) as store:
        store.ingest(old, dataset="us_csl", published=date(2022, 4, 21))
        store.ingest(new, dataset="us_csl", published=date(2023, 11, 16))
        yield store, old, new


def test_csl_2022_counts(csl_store: Any) -> None:
    store, _, _ = csl_store
    first = store.snapshots("us_csl")[0]
    assert first.info["lists"]["SDN"] == 10_026
    assert first.info["lists"]["EL"] == 2_001
    assert first.published == date(2022, 4, 21) and first.published_from == "given"


def test_delta_matches_an_independent_comparison(csl_store: Any) -> None:
    store, old_path, new_path = csl_store
    old, new = by_id(old_path), by_id(new_path)
    delta = store.diff("us_csl")
    assert {r[0] for r in delta.added} == new.keys() - old.keys()
    assert {r[0] for r in delta.removed} == old.keys() - new.keys()
    expected_changed = {k for k in old.keys() & new.keys() if old[k] != new[k]}
    assert {r[0] for r in delta.changed} == expected_changed
    # A partial file: most of 2022 is absent from it, and some of it is new or changed.
    assert delta.added and delta.removed and delta.changed
    snap = store.snapshots("us_csl")[-1]
    assert (snap.added, snap.removed, snap.changed) == (
        len(delta.added),
        len(delta.removed),
        len(delta.changed),
    )


def test_unchanged_statement_keeps_its_first_sighting(csl_store: Any) -> None:
    store, old_path, new_path = csl_store
    old, new = by_id(old_path), by_id(new_path)
    same = sorted(
        k for k in old.keys() & new.keys() if old[k] == new[k] and old[k][0] != "Sanction"
    )
    entity = store.get(same[0])
    assert entity.first_seen == "2022-04-21"
    assert entity.last_seen == "2023-11-16"


def test_inspur_on_the_entity_list_with_its_citation(tmp_path: Path) -> None:
    excerpt = data_file("lists/csl-2025-05-excerpt.csv")
    with Store.open(tmp_path / "s.duckdb") as store:
        store.ingest(excerpt, dataset="us_csl_excerpt", published=date(2025, 5, 1))
        inspur = next(
            e
            for e in store.entities(schemata=["LegalEntity"])
            if "Inspur Group Co., Ltd." in e.get("name")
        )
        assert {"Inspur Group", "IGL"} <= set(inspur.get("alias"))
        sanction = next(e for e in store.referencing(inspur.id) if e.schema.name == "Sanction")
        assert sanction.get("authorityId") == ["88 FR 13675"]
        assert sanction.get("startDate") == ["2023-03-06"]
        assert sanction.get("status") == ["Presumption of denial"]
        assert any("Jinan" in a for a in inspur.get("address"))
