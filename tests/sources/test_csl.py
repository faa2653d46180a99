"""trade.gov Consolidated Screening List: the real 2022, 2023 and 2025 files, and the JSON form."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from followthemoney import EntityProxy
from hypothesis import given
from hypothesis import strategies as st
from realdata import data_file

from pierce.sources import csl, detect
from pierce.sources.base import read_head
from pierce.sources.us_common import parse_dates

FIXTURES = Path(__file__).parent / "fixtures"
HEADER = ",".join(csl.COLUMNS)

CSL_2022_LISTS = {
    "SDN": 10026,
    "EL": 2001,
    "DTC": 727,
    "DPL": 462,
    "SSI": 290,
    "UVL": 201,
    "ISN": 163,
    "PLC": 78,
    "MEU": 71,
    "CMIC": 68,
    "CAP": 53,
    "MBS": 17,
    "FSE": 3,
}


def _by_id(path: Path) -> tuple[dict[str, EntityProxy], dict[str, Any]]:
    parsed = csl.parse(path)
    entities = {str(e.id): e for e in parsed.entities}
    return entities, parsed.info


def _named(entities: dict[str, EntityProxy], name: str) -> EntityProxy:
    found = [e for e in entities.values() if name in e.get("name", quiet=True)]
    assert len(found) == 1, f"{name}: {len(found)} entities"
    return found[0]


def _sanctions_of(entities: dict[str, EntityProxy], entity_id: str | None) -> list[EntityProxy]:
    return [
        e for e in entities.values() if e.schema.name == "Sanction" and entity_id in e.get("entity")
    ]


@pytest.fixture(scope="module")
def csl_2022() -> tuple[dict[str, EntityProxy], dict[str, Any]]:
    return _by_id(data_file("lists/csl-2022-04-consolidated.csv.gz"))


def test_full_2022_counts_per_list(csl_2022: tuple) -> None:
    entities, info = csl_2022
    assert info["rows"] == 14160
    assert info["lists"] == CSL_2022_LISTS
    sanctions = [e for e in entities.values() if e.schema.name == "Sanction"]
    # One CAP row is published twice with the same entry number: one entity, one sanction.
    assert len(sanctions) == 14159
    assert Counter(s.first("programId") for s in sanctions)["CAP"] == 52
    # Every sanction points at a listed entity of this file.
    assert all(s.first("entity") in entities for s in sanctions)


def test_2022_sdn_person_with_typed_facts(csl_2022: tuple) -> None:
    entities, _ = csl_2022
    person = entities["us-csl-sdn-21944"]
    assert person.schema.name == "Person"
    assert person.get("name") == ["'ABBAS, Rim"]
    assert person.get("birthDate") == ["1973-03-25"]
    assert person.get("nationality") == ["sy"]
    assert person.get("position") == ["Scientific Studies and Research Center Employee"]
    sanction = entities["us-csl-sdn-21944-sanction-sdn"]
    assert sanction.get("program") == [
        "Specially Designated Nationals and Blocked Persons List",
        "SYRIA",
    ]
    assert sanction.get("recordId") == ["21944"]
    assert person.get("topics") == ["sanction"]


def test_2022_vessels_aircraft_and_topics(csl_2022: tuple) -> None:
    entities, _ = csl_2022
    schemata = Counter(e.schema.name for e in entities.values())
    assert schemata["Vessel"] == 433 and schemata["Airplane"] == 283
    vessels = [e for e in entities.values() if e.schema.name == "Vessel"]
    assert sum(1 for v in vessels if v.get("imoNumber")) > 300
    assert any("ir" in v.get("flag") for v in vessels)
    dtc = [
        e
        for e in entities.values()
        if e.id.startswith("us-csl-dtc-") and e.schema.name != "Sanction"
    ]
    assert len(dtc) == 727 and all(e.get("topics") == ["debarment"] for e in dtc)
    el = [
        e
        for e in entities.values()
        if e.id.startswith("us-csl-el-") and e.schema.name not in ("Sanction",)
    ]
    assert all(e.get("topics") == ["export.control"] for e in el)


def test_2022_linked_to_becomes_a_link(csl_2022: tuple) -> None:
    entities, _ = csl_2022
    vessel = entities["us-csl-sdn-23156"]
    assert vessel.get("name") == ["7-28"] and vessel.get("imoNumber") == ["IMO8898831"]
    links = [
        e
        for e in entities.values()
        if e.schema.name == "UnknownLink" and vessel.id in e.get("subject")
    ]
    assert [entities[str(link.first("object"))].get("name") for link in links] == [
        ["YUSONG SHIPPING CO"]
    ]
    # A bare country code is a country, not an address.
    person = entities["us-csl-sdn-26095"]
    assert person.get("country") == ["sy"] and not person.get("address")


def test_2022_year_range_dates_of_birth(csl_2022: tuple) -> None:
    entities, _ = csl_2022
    people = [e for e in entities.values() if e.schema.name == "Person"]
    years = [
        e
        for e in people
        if len(e.get("birthDate")) >= 2 and all(len(d) == 4 for d in e.get("birthDate"))
    ]
    assert years, "a '1962 to 1963' birth date should give several years"


def test_2025_excerpt_inspur_on_entity_list() -> None:
    entities, info = _by_id(data_file("lists/csl-2025-05-excerpt.csv"))
    assert info["lists"] == {"EL": 10}
    inspur = _named(entities, "Inspur Group Co., Ltd.")
    assert inspur.schema.name == "Company"
    assert set(inspur.get("alias")) == {"Inspur Group", "IGL"}
    assert inspur.get("country") == ["cn"]
    assert any("Jinan" in a for a in inspur.get("address"))
    address = entities[str(inspur.first("addressEntity"))]
    assert address.schema.name == "Address" and address.get("country") == ["cn"]
    assert inspur.get("topics") == ["export.control"]
    [sanction] = _sanctions_of(entities, inspur.id)
    assert sanction.get("programId") == ["EL"]
    assert sanction.get("program") == ["Entity List"]
    assert sanction.get("authority") == ["Bureau of Industry and Security"]
    assert sanction.get("authorityId") == ["88 FR 13675"]
    assert sanction.get("startDate") == ["2023-03-06"]
    assert sanction.get("listingDate") == ["2023-03-06"]
    assert sanction.get("status") == ["Presumption of denial"]
    assert sanction.get("provisions")[0].startswith("For all items subject to the EAR")


def test_2023_partial_skips_inner_header_and_keeps_truncated_tail() -> None:
    entities, info = _by_id(data_file("lists/csl-2023-11-partial.csv"))
    # 4,229 CSV records: the header, its duplicate on line 2, and 4,227 entries (the last one
    # cut off mid-field by the partial download, kept with the fields it has).
    assert info["rows"] == 4227
    assert info["lists"]["SDN"] == 1738 and info["lists"]["EL"] == 919
    assert "source" not in info["lists"]
    assert info["warnings"] == ["line 4233: last record truncated (8 of 29 columns)"]
    assert not any("name" in e.get("name", quiet=True) for e in entities.values())
    assert "BERMUDEZ SUAZA, Pedro Antonio" in entities["us-csl-sdn-11476"].get("name")


def test_2025_sample_type_first_ids() -> None:
    entities, _ = _by_id(data_file("lists/csl-2025-sample.csv"))
    rim = entities["us-csl-sdn-52291"]
    assert rim.get("passportNumber") == ["836238033"]
    assert rim.get("gender") == ["male"]
    idents = [
        e
        for e in entities.values()
        if e.schema.name == "Identification" and rim.id in e.get("holder")
    ]
    assert [(i.first("type"), i.first("number"), i.first("country")) for i in idents] == [
        ("Passport", "836238033", "kp")
    ]
    sanction = entities["us-csl-sdn-52291-sanction-sdn"]
    assert any(s.startswith("Secondary sanctions risk:") for s in sanction.get("summary"))
    bank = _named(entities, "SME BANK")
    assert bank.get("swiftBic") == ["RUDVRUMM"]
    assert bank.get("registrationNumber") == ["1027739108649"]
    assert bank.get("website") == ["http://mspbank.ru/"]


def test_json_form_matches_csv_form() -> None:
    assert csl.parse(FIXTURES / "csl-api-excerpt.json").published == date(2025, 5, 13)
    entities, info = _by_id(FIXTURES / "csl-api-excerpt.json")
    assert info["lists"] == {"EL": 1, "SDN": 1}
    csv_entities, _ = _by_id(data_file("lists/csl-2025-05-excerpt.csv"))
    inspur = _named(entities, "Inspur Group Co., Ltd.")
    # Same listing, same id, whichever form it came in.
    assert inspur.id == _named(csv_entities, "Inspur Group Co., Ltd.").id
    assert set(inspur.get("alias")) == {"Inspur Group", "IGL"}
    assert inspur.get("country") == ["cn"]
    address = entities[str(inspur.first("addressEntity"))]
    assert address.get("city") == ["Jinan City"]
    [sanction] = _sanctions_of(entities, inspur.id)
    assert sanction.get("authorityId") == ["88 FR 13675"]
    assert sanction.get("status") == ["Presumption of denial"]
    rim = entities["us-csl-sdn-52291"]
    assert rim.get("passportNumber") == ["836238033"]
    assert rim.get("birthDate") == ["1978-12-05"]
    assert set(rim.get("country")) == {"cn", "kp"}


def _write(tmp_path: Path, rows: list[str], name: str = "csl.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _row(**values: str) -> str:
    cells = ['"' + values.get(c, "").replace('"', '""') + '"' for c in csl.COLUMNS]
    return ",".join(cells)


EL = "Entity List (EL) - Bureau of Industry and Security"


def test_ids_stable_when_a_listing_changes(tmp_path: Path) -> None:
    before = _write(
        tmp_path,
        [_row(_id="a1", source=EL, name="Acme Trading Co., Ltd.", license_policy="Case-by-case")],
        "before.csv",
    )
    after = _write(
        tmp_path,
        [
            _row(
                _id="b2",
                source=EL,
                name="ACME  Trading Co. Ltd",
                license_policy="Presumption of denial",
            )
        ],
        "after.csv",
    )
    ids_before = set(_by_id(before)[0])
    ids_after = set(_by_id(after)[0])
    # The row's _id hash changed and the name's punctuation too: still the same entity.
    assert ids_before == ids_after


def test_same_name_twice_on_one_list_gets_two_ids(tmp_path: Path) -> None:
    rows = [
        _row(source=EL, name="Al Naser Airlines", addresses="Baghdad, IQ"),
        _row(source=EL, name="Al Naser Airlines", addresses="Dubai, AE"),
    ]
    first = [
        e.id for e in csl.parse(_write(tmp_path, rows)).entities if e.schema.is_a("LegalEntity")
    ]
    again = [
        e.id for e in csl.parse(_write(tmp_path, rows)).entities if e.schema.is_a("LegalEntity")
    ]
    assert len(set(first)) == 2
    assert first == again


def test_unknown_source_is_read_from_its_name(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        [
            _row(
                source="Widget Denial List (WDL) - Bureau of Industry and Security",
                name="Example Corp",
            )
        ],
    )
    entities, info = _by_id(path)
    assert info["lists"] == {"WDL": 1}
    sanction = next(e for e in entities.values() if e.schema.name == "Sanction")
    assert sanction.get("authority") == ["Bureau of Industry and Security"]


def test_sniff_and_detect(tmp_path: Path) -> None:
    for name in ("csl-2022-04-consolidated.csv.gz", "csl-2025-05-excerpt.csv"):
        path = data_file(f"lists/{name}")
        assert csl.sniff(path, read_head(path))
        assert detect(path) is csl
    assert csl.sniff(
        FIXTURES / "csl-api-excerpt.json", read_head(FIXTURES / "csl-api-excerpt.json")
    )
    for other in ("dod-1260h.csv", "bis-dpl-2022-09.txt", "ofac-sdn-2024-05-03.csv"):
        path = data_file(f"lists/{other}")
        assert not csl.sniff(path, read_head(path))
    assert not csl.sniff(tmp_path, b"")
    assert not csl.sniff(tmp_path / "x.json", b'{"results": [{"lei": "x"}]}')


@given(st.text(max_size=40))
def test_parse_dates_never_fails_and_gives_iso_prefixes(text: str) -> None:
    for value in parse_dates(text):
        assert len(value) in (4, 7, 10) and value[:4].isdigit()


def test_parse_dates_published_forms() -> None:
    assert parse_dates("1973-03-25") == ["1973-03-25"]
    assert parse_dates("25 Mar 1973") == ["1973-03-25"]
    assert parse_dates("Mar 1973") == ["1973-03"]
    assert parse_dates("circa 1970") == ["1970"]
    assert parse_dates("1962 to 1963") == ["1962", "1963"]
    assert parse_dates("06/19/2003") == ["2003-06-19"]
    assert parse_dates("31 Feb 1970") == []
    assert parse_dates("unknown") == []
