"""Red flags and control links on a small synthetic store (invented names, built in code)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from followthemoney import EntityProxy, model

from pierce.graph.trace import trace
from pierce.store import Store


def make(schema: str, entity_id: str, **props: str | list[str]) -> EntityProxy:
    entity = model.make_entity(schema)
    entity.id = entity_id
    for prop, value in props.items():
        entity.add(prop, value)
    return entity


def sanction(entity: str, program_id: str, authority: str, start: str) -> EntityProxy:
    return make(
        "Sanction",
        f"s-{entity}-{program_id}",
        entity=entity,
        programId=program_id,
        authority=authority,
        startDate=start,
    )


@pytest.fixture
def store(tmp_path: Path) -> Any:
    entities = [
        make(
            "Company",
            "listed-co",
            name="Listed Co",
            country="ru",
            address="12 Harbour Street, Vladivostok",
            phone="+74232000000",
            website="https://listed.example",
            email="info@listed.example",
        ),
        sanction("listed-co", "SDN", "Office of Foreign Assets Control", "2022-03-01"),
        make(
            "Company",
            "front-co",
            name="Front Co",
            country="ae",
            address="12 Harbour Street, Vladivostok",
            phone="+74232000000",
            website="http://www.listed.example/contact",
            email="sales@listed.example",
        ),
        make("Company", "minority-co", name="Minority Co", country="ae"),
        make("Ownership", "own-minority", owner="listed-co", asset="minority-co", percentage="30"),
        make("Company", "heir-co", name="Heir Co", country="kz"),
        make(
            "Succession",
            "succ-heir",
            predecessor="listed-co",
            successor="heir-co",
            date="2022-06-01",
            role="acquired the business",
        ),
        make("Company", "ctrl-co", name="Controlled Co", country="cy"),
        make("Control", "ctrl", controller="eu-listed", controlled="ctrl-co"),
        make("Company", "eu-listed", name="EU Listed", country="ru"),
        sanction("eu-listed", "EU-RUS", "Council of the European Union", "2022-04-08"),
        make("Person", "officer", name="Ivan Officer"),
        make("Directorship", "dir-1", director="officer", organization="listed-co"),
        make("Directorship", "dir-2", director="officer", organization="officer-co"),
        make("Company", "officer-co", name="Officer Co", country="ae"),
    ]
    with Store.open(tmp_path / "pierce.duckdb") as opened:
        opened.ingest_entities(entities, "synthetic", "test")
        yield opened


def kinds(result: dict[str, Any]) -> set[str]:
    return {flag["kind"] for flag in result["red_flags"]}


def test_shared_attributes_with_listed_party(store: Any) -> None:
    result = trace(store, "front-co", as_of=date(2024, 1, 1))
    assert {"shares_address", "shares_phone", "shares_website", "shares_email_domain"} <= kinds(
        result
    )
    assert result["verdict"] == "linked"
    assert all(flag["path"][0]["to"] == "listed-co" for flag in result["red_flags"])


def test_minority_ownership_below_threshold(store: Any) -> None:
    result = trace(store, "minority-co", as_of=date(2024, 1, 1))
    assert result["rules"]["ofac50"]["status"] == "clear"
    (flag,) = [f for f in result["red_flags"] if f["kind"] == "minority_owned_by_listed"]
    assert "30%" in flag["explanation"] and 0 < flag["score"] < 0.5
    before = trace(store, "minority-co", as_of=date(2021, 1, 1))
    assert "minority_owned_by_listed" not in kinds(before)  # owner not yet listed


def test_successor_of_listed_party(store: Any) -> None:
    result = trace(store, "heir-co", as_of=date(2024, 1, 1))
    assert "successor_of_listed" in kinds(result)
    assert result["cluster"] == [{"id": "heir-co", "name": "Heir Co", "dataset": ["synthetic"]}]


def test_shared_officer(store: Any) -> None:
    result = trace(store, "officer-co", as_of=date(2024, 1, 1))
    (flag,) = [f for f in result["red_flags"] if f["kind"] == "shares_officer"]
    assert "Ivan Officer" in flag["explanation"]


def test_control_captures_under_eu_not_ofac(store: Any) -> None:
    rules = trace(store, "ctrl-co", as_of=date(2024, 1, 1))["rules"]
    assert rules["eu"]["status"] == "definite"
    assert rules["eu"]["path"][0]["relation"] == "controlled_by"
    assert rules["ofac50"]["status"] == "clear"
    assert rules["uk"]["status"] == "clear"  # an EU listing is not a UK designation
