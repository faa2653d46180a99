"""Ownership chains from real data: the OpenSanctions Zala sample and GLEIF level-2 links."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from followthemoney import model
from realdata import data_file

from pierce.graph.load import load
from pierce.graph.trace import trace
from pierce.store import Store

ZAKHAROV = "NK-aU5ybkbRFJucf8YMwsJvDw"
AEROSCAN = "NK-iE6m5ryPeTAMZozfECVSL7"
ZALA_AERO = "NK-cPks3aTbes8k4aCerfBAzN"
RTC = "NK-ERScv7cLkkvZ3ejz7xiToj"
CST = "NK-abdzbEBkqyT29GyREbiURZ"
KALASHNIKOV = "NK-nR5AXM9AVPq4pQaSPSaVam"


@pytest.fixture(scope="module")
def store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("real") / "pierce.duckdb"
    with Store.open(path) as store:
        store.ingest(data_file("ftm/opensanctions-zala.ftm.json"))
        store.ingest(data_file("registries/gleif-api-2025-05"))
    return path


@pytest.fixture
def store(store_file: Path) -> Any:
    with Store.open(store_file) as opened:
        yield opened


def test_aeroscan_captured_only_while_owned_by_listed_zakharov(store: Any) -> None:
    # Zakharov: OFAC from 2023-11-02, UK from 2023-12-06, EU from 2025-02-24. He held 100% of
    # Aeroscan from 2024-03-01 to 2024-03-24.
    during = trace(store, AEROSCAN, as_of=date(2024, 3, 10))["rules"]
    assert during["ofac50"]["status"] == "definite"
    assert during["uk"]["status"] == "definite"
    # His EU entries: dated 2025-02-24, and undated echoes (French Trésor) that take that date.
    assert during["eu"]["status"] == "clear"
    assert trace(store, AEROSCAN, as_of=date(2024, 3, 10))["rules"]["eu"]["share"] is None
    before = trace(store, AEROSCAN, as_of=date(2023, 6, 1))["rules"]
    assert before["ofac50"]["status"] == "clear"  # not yet owned, not yet listed
    step = during["ofac50"]["path"][0]
    assert (step["to"], step["share"], step["date"]) == (ZAKHAROV, "100%", "2024-03-01")
    after = trace(store, AEROSCAN, as_of=date(2024, 4, 1))["rules"]
    assert after["ofac50"]["status"] == "clear"


def test_rtc_sold_before_zakharov_was_listed(store: Any) -> None:
    # 100% held 2022-04-22..2023-10-22; OFAC listed him on 2023-11-02: never captured.
    for when in (date(2023, 6, 1), date(2023, 11, 10)):
        assert trace(store, RTC, as_of=when)["rules"]["ofac50"]["status"] == "clear"


def test_share_count_without_percentage_is_indeterminate(store: Any) -> None:
    result = trace(store, ZALA_AERO, as_of=date(2024, 4, 1))["rules"]["ofac50"]
    assert result["status"] == "indeterminate"
    assert result["share"] == {"lo": 0.0, "hi": 100.0}


def test_cst_chain_has_disagreeing_reports_as_a_range(store: Any) -> None:
    graph = load(store, [CST])
    shares = {
        str(link.share)
        for link in graph.links
        if link.source == CST and link.target == ZAKHAROV and link.share is not None
    }
    assert shares == {"48%", "50%", "51%"}
    owners = {
        link.target for link in graph.links if link.source == CST and link.relation == "owned_by"
    }
    assert KALASHNIKOV in owners
    assert trace(store, CST, as_of=date(2024, 1, 1))["verdict"] == "listed"


def test_gleif_direct_and_ultimate_parents(store: Any) -> None:
    child = "lei-5493001KJTIIGC8Y1R12"  # Bloomberg Finance L.P.
    graph = load(store, [child])
    parents = {
        (x.target, x.role) for x in graph.links if x.source == child and x.relation == "parent"
    }
    assert ("lei-549300B56MD0ZC402L06", "direct parent (accounting consolidation)") in parents
    assert ("lei-549300RMUDWPHCUQNE66", "ultimate parent (accounting consolidation)") in parents


def test_gleif_parent_link_under_rules(store_file: Path, tmp_path: Path) -> None:
    # Hypothetical (test-only) EU listing of the ultimate parent: a consolidation link alone
    # makes the child a *possible* EU capture (control suggested, not proven) and an
    # indeterminate one under OFAC's 50% rule (share unknown), never definite.
    copy = tmp_path / "pierce.duckdb"
    copy.write_bytes(store_file.read_bytes())
    sanction = model.make_entity("Sanction")
    sanction.id = "test-hypothetical-listing"
    sanction.add("entity", "lei-549300RMUDWPHCUQNE66")
    sanction.add("authority", "Council of the European Union")
    sanction.add("programId", "EU-TEST")
    sanction.add("startDate", "2025-01-01")
    with Store.open(copy) as store:
        store.ingest_entities([sanction], "hypothetical", "test")
        rules = trace(store, "lei-5493001KJTIIGC8Y1R12", as_of=date(2025, 6, 1))["rules"]
    assert rules["eu"]["status"] == "possible"
    assert rules["eu"]["path"][-1]["to"] == "lei-549300RMUDWPHCUQNE66"
    assert rules["ofac50"]["status"] == "clear"  # an EU listing is not an SDN


def test_previous_name_finds_the_renamed_company(store: Any) -> None:
    result = trace(store, "Apple Computer, Inc.", as_of=date(2025, 6, 1))
    assert result["entity"]["id"] == "lei-HWUPKR0MPOU8FGXBT394"


def test_dod_1260h_parent_links(tmp_path: Path) -> None:
    with Store.open(tmp_path / "pierce.duckdb") as store:
        store.ingest(data_file("lists/dod-1260h.csv"))
        (child,) = [
            str(e.id)
            for e in store.entities(schemata=["Company"])
            if e.caption == "AVIC Jonhon Optronic Technology Co., Ltd."
        ]
        graph = load(store, [child])
        links = [x for x in graph.links if x.source == child and x.relation == "parent"]
        assert {graph.name(x.target) for x in links} == {
            "Aviation Industry Corporation of China Ltd."
        }
        # The list's date is when it named the parent, not when the parent link began.
        assert all(x.start is None for x in links)
        result = trace(store, child, as_of=date(2025, 6, 1))
    assert result["verdict"] == "listed"  # itself on the 1260H list
