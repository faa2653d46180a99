"""GLEIF: API JSON responses, golden-copy CSVs and the 399k-row names extract."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from realdata import data_file

from pierce.sources import detect, gleif_csv, gleif_json
from pierce.sources.base import SourceError

API_DIR = "registries/gleif-api-2025-05"
NAMES = "registries/gleif-l1-names-2025.csv.gz"
FIXTURES = Path(__file__).parent / "fixtures" / "other"

BLOOMBERG = "5493001KJTIIGC8Y1R12"


@pytest.fixture(scope="module")
def api() -> tuple[gleif_json.Parsed, dict]:
    parsed = gleif_json.parse(data_file(API_DIR))
    return parsed, {e.id: e for e in parsed.entities}


def test_api_directory_counts(api: tuple) -> None:
    parsed, entities = api
    schemata = Counter(e.schema.name for e in entities.values())
    assert schemata["Ownership"] == 121
    assert sum(n for s, n in schemata.items() if s != "Ownership") == 94
    assert parsed.published == date(2025, 5, 15)
    assert parsed.info["records"]["reporting-exceptions"] == 17
    assert len(parsed.files) > 50


def test_api_level1_record(api: tuple) -> None:
    bloomberg = api[1][f"lei-{BLOOMBERG}"]
    assert bloomberg.schema.name == "Company"
    assert bloomberg.get("name") == ["Bloomberg Finance L.P."]
    assert bloomberg.get("leiCode") == [BLOOMBERG]
    assert bloomberg.get("legalForm") == ["T91T"]
    assert bloomberg.get("registrationNumber") == ["4348344"]
    assert bloomberg.get("incorporationDate") == ["2007-06-05"]
    assert "731 Lexington Avenue, New York, 10022, US" in bloomberg.get("address")
    shell = api[1]["lei-21380068P1DRHMJ8KU70"]
    assert shell.get("previousName") == ["ROYAL DUTCH SHELL PLC"]


def test_api_relationships_become_ownership(api: tuple) -> None:
    entities = api[1]
    direct = entities[f"gleif-{BLOOMBERG}-direct-549300B56MD0ZC402L06"]
    assert direct.schema.name == "Ownership"
    assert direct.get("owner") == ["lei-549300B56MD0ZC402L06"]
    assert direct.get("asset") == [f"lei-{BLOOMBERG}"]
    # RELATIONSHIP_PERIOD gives the start, not the ACCOUNTING_PERIOD of 2016.
    assert direct.get("startDate") == ["2007-06-05"]
    assert direct.get("role") == ["direct parent (accounting consolidation)"]
    assert direct.get("status") == ["ACTIVE"]
    ultimate = entities[f"gleif-{BLOOMBERG}-ultimate-549300RMUDWPHCUQNE66"]
    assert ultimate.get("role") == ["ultimate parent (accounting consolidation)"]


def test_api_reporting_exceptions_are_notes(api: tuple) -> None:
    shell = api[1]["lei-21380068P1DRHMJ8KU70"]
    assert "no ultimate parent reported: NO_KNOWN_PERSON" in shell.get("notes")


def test_api_single_file_and_empty_page() -> None:
    one = data_file(f"{API_DIR}/relationships/direct-parent-relationship_{BLOOMBERG}.json")
    assert detect(one) is gleif_json
    entities = list(gleif_json.parse(one).entities)
    assert [e.schema.name for e in entities] == ["Ownership"]
    empty = data_file(f"{API_DIR}/lei_records/direct-children_254900LNRYNOQ9YPU758.json")
    assert detect(empty) is gleif_json
    assert list(gleif_json.parse(empty).entities) == []


def test_api_directory_is_detected() -> None:
    assert detect(data_file(API_DIR)) is gleif_json


def test_golden_copy_level1() -> None:
    path = FIXTURES / "gleif-l1-golden.csv"
    assert detect(path) is gleif_csv
    parsed = gleif_csv.parse(path)
    entities = {e.id: e for e in parsed.entities}
    assert parsed.info == {"variant": "level1", "data_lines": 2, "rows": 2}
    shell = entities["lei-21380068P1DRHMJ8KU70"]
    assert shell.get("name") == ["SHELL PLC"]
    assert shell.get("previousName") == ["ROYAL DUTCH SHELL PLC"]
    assert shell.get("legalForm") == ["B6ES"]
    assert shell.get("registrationNumber") == ["04366849"]
    assert shell.get("country") == ["gb"]
    bloomberg = entities[f"lei-{BLOOMBERG}"]
    assert "c/o Corporation Service Company, 251 Little Falls Drive, Wilmington, 19808, US" in (
        bloomberg.get("address")
    )


def test_golden_copy_relationships() -> None:
    path = FIXTURES / "gleif-rr-golden.csv"
    assert detect(path) is gleif_csv
    parsed = gleif_csv.parse(path)
    assert parsed.info["dataset"] == "gleif_rr"
    entities = {e.id: e for e in parsed.entities}
    direct = entities[f"gleif-{BLOOMBERG}-direct-549300B56MD0ZC402L06"]
    assert direct.get("owner") == ["lei-549300B56MD0ZC402L06"]
    assert direct.get("startDate") == ["2007-06-05"]
    shell_child = entities["gleif-2138009AGE4DW1J76R35-direct-21380068P1DRHMJ8KU70"]
    # The relationship period is the second period here; the first is accounting.
    assert shell_child.get("startDate") == ["2017-10-18"]
    assert shell_child.get("endDate") == []
    assert shell_child.get("percentage") == ["100"]


def test_golden_copy_reporting_exceptions() -> None:
    path = FIXTURES / "gleif-repex-golden.csv"
    entities = list(gleif_csv.parse(path).entities)
    # Two exception rows for one LEI make one stub with both notes (ids must be unique).
    assert [e.id for e in entities] == ["lei-21380068P1DRHMJ8KU70"]
    assert entities[0].get("notes") == [
        "no direct parent reported: NO_KNOWN_PERSON",
        "no ultimate parent reported: NO_KNOWN_PERSON",
    ]


@pytest.mark.slow
def test_names_extract_real_file() -> None:
    path = data_file(NAMES)
    assert detect(path) is gleif_csv
    parsed = gleif_csv.parse(path)
    assert parsed.info["data_lines"] == 399_203
    schemata: Counter[str] = Counter()
    found = None
    for entity in parsed.entities:
        schemata[entity.schema.name] += 1
        if entity.id == "lei-1HKSSRG627MYX0LD4M13":
            found = entity
    assert sum(schemata.values()) == 399_203
    assert parsed.info["rows"] == 399_203
    assert schemata["LegalEntity"] == 10_792  # SOLE_PROPRIETOR
    assert found is not None
    assert found.get("name") == ["MFS Technology Portfolio"]
    assert found.get("country") == ["us"]


def _names_file(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "names.csv"
    header = ",".join(gleif_csv.NAMES_HEADER)
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_names_fast_path_cleans_odd_names(tmp_path: Path) -> None:
    path = _names_file(
        tmp_path,
        "213800DYUZOKAKYOXB65,ALCENTRA\u00a0 GLOBAL\x07 FUND,GG,FUND,",
        "213800GY6CYK5KGE7Y15,PLAIN LTD,,GENERAL,",
    )
    entities = list(gleif_csv.parse(path).entities)
    assert entities[0].get("name") == ["ALCENTRA GLOBAL FUND"]
    assert entities[1].get("country") == []


def test_names_bad_lei_names_the_line(tmp_path: Path) -> None:
    path = _names_file(tmp_path, "213800GY6CYK5KGE7Y15,A,GB,GENERAL,", "NOT-A-LEI,B,GB,GENERAL,")
    with pytest.raises(SourceError, match=r"line 3\): not a valid LEI"):
        list(gleif_csv.parse(path).entities)


def test_names_short_row_names_the_line(tmp_path: Path) -> None:
    path = _names_file(tmp_path, "213800GY6CYK5KGE7Y15,A,GB")
    with pytest.raises(SourceError, match=r"line 2\): expected 5 fields, got 3"):
        list(gleif_csv.parse(path).entities)


def test_relationship_with_bad_lei(tmp_path: Path) -> None:
    path = tmp_path / "rr.csv"
    path.write_text(
        "Relationship.StartNode.NodeID,Relationship.EndNode.NodeID,Relationship.RelationshipType\n"
        "5493001KJTIIGC8Y1R12,nope,IS_DIRECTLY_CONSOLIDATED_BY\n",
        encoding="utf-8",
    )
    with pytest.raises(SourceError, match=r"line 2\): not a valid LEI: 'nope'"):
        list(gleif_csv.parse(path).entities)


def test_repeated_relationship_is_skipped_once(tmp_path: Path) -> None:
    path = tmp_path / "rr.csv"
    row = "5493001KJTIIGC8Y1R12,549300B56MD0ZC402L06,IS_DIRECTLY_CONSOLIDATED_BY\n"
    path.write_text(
        "Relationship.StartNode.NodeID,Relationship.EndNode.NodeID,Relationship.RelationshipType\n"
        + row * 2,
        encoding="utf-8",
    )
    parsed = gleif_csv.parse(path)
    assert len(list(parsed.entities)) == 1
    assert parsed.info["duplicates_skipped"] == 1
