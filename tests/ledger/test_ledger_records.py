"""Records and storage, on SQLite and PostgreSQL: import, validation, all-or-nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pierce.ledger import Ledger, LedgerError, add, import_file
from pierce.ledger.importer import read_records
from pierce.ledger.verify import verify


def test_scenario_imports_and_verifies(db_url: str, fixtures_dir: Path) -> None:
    with Ledger.open(db_url) as ledger:
        result = import_file(ledger, fixtures_dir / "neu_cloud.yaml")
        assert ("disclosures", "d-2015-05") in result.added
        assert result.warnings == []
        disclosure = ledger.rows("disclosures")[0]
        assert json.loads(disclosure["recipients"]) == ["p-zhang", "p-li", "p-wang"]
        assert disclosure["fields"] == json.dumps(
            ["contact_person", "deal_stage", "expected_close", "pricing"], separators=(",", ":"))
        blob = ledger.rows("blobs")[0]
        assert blob["id"] == disclosure["content_sha256"]
        assert "Chen Hong" in bytes(blob["content"]).decode()
        assert ledger.size() == len(result.added)
        assert verify(ledger).ok


def test_duplicate_import_is_refused_and_writes_nothing(db_url: str, fixtures_dir: Path) -> None:
    with Ledger.open(db_url) as ledger:
        import_file(ledger, fixtures_dir / "neu_cloud.yaml")
        size = ledger.size()
        with pytest.raises(LedgerError, match="already in the ledger"):
            import_file(ledger, fixtures_dir / "neu_cloud.yaml")
        assert ledger.size() == size
        assert verify(ledger).ok


def _write(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    return path


BASE: list[dict[str, Any]] = [
    {"type": "organisation", "id": "a", "name": "Discloser"},
    {"type": "organisation", "id": "b", "name": "Recipient Co"},
    {"type": "person", "id": "p1", "name": "Person One"},
    {"type": "customer", "id": "c1", "name": "Customer One", "contacts": ["x@c1.example"]},
]


def test_unknown_person_names_line_and_writes_nothing(db_url: str, tmp_path: Path) -> None:
    bad = BASE + [{"type": "employment", "person": "ghost", "organisation": "b",
                   "start": "2020-01-01"}]
    path = _write(tmp_path / "bad.jsonl", bad)
    with Ledger.open(db_url) as ledger:
        with pytest.raises(LedgerError, match=r"bad.jsonl: line 5 .*unknown person 'ghost'"):
            import_file(ledger, path)
        assert ledger.size() == 0
        assert ledger.rows("organisations") == []


def test_unknown_organisation_and_end_before_start(db_url: str, tmp_path: Path) -> None:
    with Ledger.open(db_url) as ledger:
        path = _write(tmp_path / "org.jsonl", BASE + [
            {"type": "employment", "person": "p1", "organisation": "nowhere"}])
        with pytest.raises(LedgerError, match="line 5.*unknown organisation 'nowhere'"):
            import_file(ledger, path)
        path = _write(tmp_path / "dates.jsonl", BASE + [
            {"type": "employment", "id": "e1", "person": "p1", "organisation": "b",
             "start": "2020-05-01", "end": "2019-01-01"}])
        with pytest.raises(LedgerError, match="line 5 \\(employment e1\\).*end 2019-01-01 is "
                                              "before start 2020-05-01"):
            import_file(ledger, path)
        assert ledger.size() == 0


def test_disclosure_before_signature_is_recorded_and_flagged(db_url: str, tmp_path: Path) -> None:
    records = BASE + [
        {"type": "agreement", "id": "nda", "title": "NDA", "parties": ["a", "b"],
         "signed": "2020-03-01"},
        {"type": "disclosure", "id": "d1", "agreement": "nda", "discloser": "a",
         "recipient_org": "b", "recipients": ["p1"], "date": "2020-02-01", "customers": ["c1"]},
    ]
    with Ledger.open(db_url) as ledger:
        result = import_file(ledger, _write(tmp_path / "early.jsonl", records))
        assert any("precedes the signature" in w and "'d1'" in w for w in result.warnings)
        assert [r["id"] for r in ledger.rows("disclosures")] == ["d1"]


def test_bad_values_are_named(db_url: str, tmp_path: Path) -> None:
    with Ledger.open(db_url) as ledger:
        with pytest.raises(LedgerError, match="'date' is not a date"):
            add(ledger, {"type": "event", "kind": "agreement_end", "date": "soon"})
        with pytest.raises(LedgerError, match="unknown record type 'gadget'"):
            add(ledger, {"type": "gadget", "id": "g"})
        with pytest.raises(LedgerError, match="unknown field\\(s\\) for a person: nmae"):
            add(ledger, {"type": "person", "id": "p", "nmae": "typo"})
        with pytest.raises(LedgerError, match="'content' must map customer ids"):
            add(ledger, {"type": "disclosure", "id": "d", "agreement": "x", "discloser": "a",
                         "recipient_org": "b", "recipients": ["p"], "date": "2020-01-01",
                         "content": {"c1": "just text"}})
        bad_yaml = tmp_path / "bad.yaml"
        bad_yaml.write_text("records:\n  - {type: person, id: p9, name: [unclosed\n")
        with pytest.raises(LedgerError, match="bad.yaml: not valid YAML"):
            import_file(ledger, bad_yaml)
        assert ledger.size() == 0


def test_canary_only_to_its_recipient(db_url: str, tmp_path: Path) -> None:
    records = BASE + [
        {"type": "person", "id": "p2", "name": "Person Two"},
        {"type": "agreement", "id": "nda", "title": "NDA", "parties": ["a", "b"],
         "signed": "2020-01-01"},
        {"type": "canary", "id": "decoy", "name": "Decoy", "recipient": "p1",
         "contacts": ["decoy@trap.example"]},
        {"type": "disclosure", "id": "d1", "agreement": "nda", "discloser": "a",
         "recipient_org": "b", "recipients": ["p1", "p2"], "date": "2020-02-01",
         "customers": ["c1", "decoy"]},
    ]
    with Ledger.open(db_url) as ledger:
        with pytest.raises(LedgerError, match="canary 'decoy' belongs to 'p1'"):
            import_file(ledger, _write(tmp_path / "c.jsonl", records))
        clash = records[:4] + [{"type": "canary", "id": "decoy", "name": "Decoy",
                                "recipient": "p1", "contacts": ["x@c1.example"]}]
        with pytest.raises(LedgerError, match="already used by customer 'c1'"):
            import_file(ledger, _write(tmp_path / "c2.jsonl", clash))


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=200), st.sampled_from(["x.jsonl", "x.yaml"]))
def test_reader_never_crashes_on_garbage(tmp_path: Path, text: str, name: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    try:
        records = read_records(path)
    except LedgerError as error:
        assert name in str(error)
    else:
        assert all(isinstance(rec, dict) and where.startswith(name) for where, rec in records)


def test_story_in_jsonl_matches_yaml(db_url: str, fixtures_dir: Path, tmp_path: Path) -> None:
    """The same records as JSON lines import to the same leaves (bar the recording time)."""
    records = [rec for _, rec in read_records(fixtures_dir / "neu_cloud.yaml")]
    lines = tmp_path / "story.jsonl"
    lines.write_text("\n".join(json.dumps(r, default=str) for r in records) + "\n")
    with Ledger.open(db_url) as ledger:
        result = import_file(ledger, lines)
        assert len(result.added) == 39
        assert ledger.rows("disclosures")[0]["content_sha256"] == ledger.rows("blobs")[0]["id"]
