"""Detections on the must-show scenario and on small synthetic ledgers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pierce.ledger import Ledger, add_records, import_file
from pierce.ledger.detections import Detection, add_months, detect
from pierce.ledger.stats import hypergeom_tail
from pierce.ledger.view import LedgerView

AS_OF = dt.date(2018, 7, 1)


def _by_kind(found: list[Detection], kind: str) -> list[Detection]:
    return [d for d in found if d.kind == kind]


def _ids(det: Detection) -> set[str]:
    return {e.record_id for e in det.evidence}


@pytest.fixture
def scenario(db_url: str, fixtures_dir: Path) -> Any:
    with Ledger.open(db_url) as ledger:
        import_file(ledger, fixtures_dir / "neu_cloud.yaml")
        yield ledger


def test_neu_cloud_overlap(scenario: Ledger) -> None:
    found = detect(LedgerView.load(scenario), AS_OF)
    [overlap] = _by_kind(found, "recipient_joined_and_contacted")
    assert overlap.orgs == ["inspur-power"]
    assert overlap.people == ["p-li", "p-zhang"]
    assert overlap.customers == ["c1", "c2", "c3", "c5", "c6"]
    assert overlap.p_value is not None and overlap.p_value < 1e-6
    assert overlap.p_value == pytest.approx(hypergeom_tail(5, 400, 8, 6))
    assert {"oem-2015", "d-2015-05", "m-c1", "m-c6", "emp:p-zhang:inspur-power:2017-06-01"} \
        <= _ids(overlap)
    assert "m-c9" not in _ids(overlap)  # not a disclosed customer
    dates = [e.date or "" for e in overlap.timeline()]
    assert dates == sorted(dates) and dates[0] == "2015-03-02"


def test_neu_cloud_several_recipients_jv_and_exclusive_claim(scenario: Ledger) -> None:
    found = detect(LedgerView.load(scenario), AS_OF)
    [several] = _by_kind(found, "several_recipients_same_org")
    assert several.people == ["p-li", "p-zhang"] and several.orgs == ["inspur-power"]
    [jv] = _by_kind(found, "affiliate_inherits_watch")
    assert jv.orgs == ["inspur-power"] and jv.severity == "high"
    assert {"e-jv", "rel:ibm:joint_venture:inspur-power:2017-01-16"} <= _ids(jv)
    assert any(e.kind == "relationships" and "subsidiary" in e.text for e in jv.evidence)
    [claim] = _by_kind(found, "exclusive_claim_to_disclosed_customers")
    assert claim.customers == ["c1", "c2", "c3", "c5", "c6"]
    assert "exclusive dealer" in claim.title
    gaps = {d.kind for d in found}
    assert "gap_memory_carve_out" in gaps
    assert not _by_kind(found, "canary_contacted")
    [limit] = _by_kind(found, "limitation_countdown")
    assert [x["deadline"] for x in limit.deadlines] == ["2021-06-11", "2020-06-11"]
    assert limit.deadlines[1]["days_left"] == (dt.date(2020, 6, 11) - AS_OF).days


def test_neu_cloud_canary_names_its_recipient(scenario: Ledger, fixtures_dir: Path) -> None:
    import_file(scenario, fixtures_dir / "neu_cloud_canary.yaml")
    found = detect(LedgerView.load(scenario), AS_OF)
    [canary] = _by_kind(found, "canary_contacted")
    assert canary.people == ["p-li"]
    assert "Li Na" in canary.title and canary.orgs == ["inspur-power"]
    assert {"canary-li", "d-2015-05-li", "m-canary"} <= _ids(canary)


def _synthetic(ledger: Ledger, extra: list[dict[str, Any]]) -> list[Detection]:
    base: list[dict[str, Any]] = [
        {"type": "organisation", "id": "a", "name": "Alpha Distribution"},
        {"type": "organisation", "id": "b", "name": "Beta Vendor"},
        {"type": "organisation", "id": "x", "name": "Xeno Rival"},
        {"type": "person", "id": "p1", "name": "Pat One"},
        {"type": "agreement", "id": "nda", "title": "NDA", "parties": ["a", "b"],
         "signed": "2020-01-10", "term_end": "2020-12-31", "permitted_purpose": "joint deals",
         "limitation_months": 12, "return_or_destroy": True},
        *({"type": "customer", "id": f"c{i}", "name": f"Customer {i}"} for i in range(1, 6)),
        {"type": "disclosure", "id": "d1", "agreement": "nda", "discloser": "a",
         "recipient_org": "b", "recipients": ["p1"], "date": "2020-02-01",
         "content": {"c1": {"contact_person": "Ms. Rosa Quint", "pricing": "EUR 41,000"},
                     "c2": {"contact_person": "Mr. Ode"}}},
    ]
    add_records(ledger, [(f"rec {i}", r) for i, r in enumerate(base + extra)])
    return detect(LedgerView.load(ledger), dt.date(2021, 6, 1))


def test_party_misuse_and_protective_gaps(tmp_path: Path) -> None:
    with Ledger.open(str(tmp_path / "l.sqlite")) as ledger:
        found = _synthetic(ledger, [
            {"type": "event", "id": "late", "kind": "contact", "date": "2021-02-01", "org": "b",
             "customer": "c1"},
            {"type": "event", "id": "other", "kind": "contact", "date": "2020-06-01", "org": "b",
             "customer": "c2", "purpose": "own direct sales"},
        ])
    [late] = _by_kind(found, "use_after_agreement_end")
    assert late.customers == ["c1"] and "late" in _ids(late)
    [purpose] = _by_kind(found, "use_outside_purpose")
    assert purpose.customers == ["c2"]
    [unmarked] = _by_kind(found, "gap_unmarked")
    assert unmarked.severity == "low"
    assert not _by_kind(found, "gap_disclosed_before_signature")
    assert not _by_kind(found, "gap_memory_carve_out")
    assert not _by_kind(found, "gap_only_public_fields")  # contact person, pricing: not public
    assert not _by_kind(found, "gap_disclosed_after_agreement_end")
    assert not _by_kind(found, "gap_no_return_or_destroy")
    [limit] = _by_kind(found, "limitation_countdown")
    contractual = limit.deadlines[1]
    assert contractual["deadline"] == "2021-06-01" and contractual["days_left"] == 0
    assert limit.severity == "high"


def test_rival_contact_soon_after_and_field_reuse(tmp_path: Path) -> None:
    with Ledger.open(str(tmp_path / "l.sqlite")) as ledger:
        found = _synthetic(ledger, [
            {"type": "event", "id": "r1", "kind": "contact", "date": "2020-03-01", "org": "x",
             "customer": "c1", "message": "Dear  ms. rosa QUINT, we beat EUR 41,000 easily."},
            {"type": "event", "id": "r2", "kind": "contact", "date": "2020-03-02", "org": "x",
             "customer": "c3", "message": "Hello Ms. Rosa Quint"},  # c3 was not disclosed
        ])
    [soon] = _by_kind(found, "contact_soon_after_disclosure")
    assert soon.orgs == ["x"] and soon.customers == ["c1"]
    [reuse] = _by_kind(found, "message_reuses_disclosed_fields")
    assert "contact_person" in reuse.title and "pricing" in reuse.title
    assert _ids(reuse) == {"d1", "r1"}
    assert not _by_kind(found, "recipient_joined_and_contacted")  # nobody moved
    assert not _by_kind(found, "exclusive_claim_to_disclosed_customers")


def test_small_overlap_in_a_big_market_does_not_fire(tmp_path: Path) -> None:
    with Ledger.open(str(tmp_path / "l.sqlite")) as ledger:
        extra: list[dict[str, Any]] = [
            {"type": "employment", "person": "p1", "organisation": "x", "start": "2020-05-01"},
            *({"type": "customer", "id": f"o{i}", "name": f"Other {i}"} for i in range(40)),
            *({"type": "event", "id": f"k{i}", "kind": "contact", "date": "2020-07-01",
               "org": "x", "customer": f"o{i}"} for i in range(40)),
            {"type": "event", "id": "k-c1", "kind": "contact", "date": "2020-07-01", "org": "x",
             "customer": "c1"},
            {"type": "event", "id": "k-c2", "kind": "contact", "date": "2020-07-01", "org": "x",
             "customer": "c2"},
        ]
        found = _synthetic(ledger, extra)
    # 2 of 2 disclosed, but the rival wrote to 42 customers: below K=3 and not unlikely.
    assert not _by_kind(found, "recipient_joined_and_contacted")


def test_add_months_clamps_to_month_end() -> None:
    assert add_months("2020-01-31", 1) == "2020-02-29"
    assert add_months("2018-06-11", 36) == "2021-06-11"


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 60), st.data())
def test_hypergeom_tail_matches_scipy(population: int, data: st.DataObject) -> None:
    scipy_stats = pytest.importorskip("scipy.stats")
    successes = data.draw(st.integers(0, population))
    draws = data.draw(st.integers(0, population))
    k = data.draw(st.integers(0, min(successes, draws) + 1))
    ours = hypergeom_tail(k, population, successes, draws)
    theirs = float(scipy_stats.hypergeom.sf(k - 1, population, successes, draws))
    assert ours == pytest.approx(theirs, rel=1e-9, abs=1e-12)


def test_late_and_public_only_disclosures_are_gaps(tmp_path: Path) -> None:
    with Ledger.open(str(tmp_path / "l.sqlite")) as ledger:
        found = _synthetic(ledger, [
            {"type": "disclosure", "id": "d-late", "agreement": "nda", "discloser": "a",
             "recipient_org": "b", "recipients": ["p1"], "date": "2021-03-01",
             "marking": "CONFIDENTIAL", "content": {"c3": {"name": "Customer 3",
                                                           "website": "c3.example"}}},
        ])
    [late] = _by_kind(found, "gap_disclosed_after_agreement_end")
    assert "d-late" in late.title
    [public] = _by_kind(found, "gap_only_public_fields")
    assert "d-late" in public.title and "name, website" in public.title


def test_affiliate_of_the_new_employer_inherits_the_watch(tmp_path: Path) -> None:
    with Ledger.open(str(tmp_path / "l.sqlite")) as ledger:
        found = _synthetic(ledger, [
            {"type": "organisation", "id": "y", "name": "Yoke Holdings"},
            {"type": "relationship", "kind": "equity", "org": "x", "target": "y", "share": 60},
            {"type": "relationship", "kind": "equity", "org": "b", "target": "x", "share": 5},
            {"type": "employment", "person": "p1", "organisation": "x", "start": "2020-05-01"},
            {"type": "event", "id": "y1", "kind": "contact", "date": "2020-09-01", "org": "y",
             "customer": "c2"},
        ])
    [aff] = _by_kind(found, "affiliate_inherits_watch")
    assert aff.orgs == ["y"] and "affiliated with Xeno Rival" in aff.title
    assert aff.severity == "medium"  # nobody moved to y itself
    assert {"emp:p1:x:2020-05-01", "rel:x:equity:y:", "y1"} <= _ids(aff)
    assert "rel:b:equity:x:" not in _ids(aff)  # a 5% stake is below the affiliate threshold
