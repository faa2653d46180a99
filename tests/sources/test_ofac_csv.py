"""OFAC legacy CSV: the 2021-07 SDN set with siblings, the 2025-12 consolidated set, and the
single 2024-05 sdn.csv."""

from __future__ import annotations

from pathlib import Path

import pytest
from followthemoney import EntityProxy
from hypothesis import given
from hypothesis import strategies as st
from realdata import data_file

from pierce.sources import detect, ofac_csv
from pierce.sources.base import read_head
from pierce.sources.us_ofac import parse_remarks


def _parse(path: Path) -> tuple[dict[str, EntityProxy], ofac_csv.Parsed]:
    parsed = ofac_csv.parse(path)
    return {str(e.id): e for e in parsed.entities}, parsed


def _of(entities: dict[str, EntityProxy], schema: str, prop: str, entity_id: str) -> list:
    return [e for e in entities.values() if e.schema.name == schema and entity_id in e.get(prop)]


@pytest.fixture(scope="module")
def sdn_2021() -> tuple[dict[str, EntityProxy], ofac_csv.Parsed]:
    return _parse(data_file("lists/ofac-sdn-2021-07"))


def test_sdn_2021_directory_reads_all_siblings(sdn_2021: tuple) -> None:
    entities, parsed = sdn_2021
    assert [p.name for p in parsed.files] == ["sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"]
    assert parsed.info["dataset"] == "us_ofac_sdn"
    # 8,977 lines in sdn.csv: 8,976 entries and the DOS end-of-file marker.
    assert parsed.info["rows"] == 8976
    assert parsed.info["lists"] == {"SDN": 8976}
    assert parsed.info["aliases"] == 11910
    assert sum(1 for e in entities.values() if e.schema.name == "Sanction") == 8976


def test_sdn_2021_aliases_and_addresses_joined(sdn_2021: tuple) -> None:
    entities, _ = sdn_2021
    bank = entities["ofac-306"]
    assert bank.get("name") == ["BANCO NACIONAL DE CUBA"]
    # alt.csv gives one alias, the remarks' a.k.a. another.
    assert set(bank.get("alias")) == {"NATIONAL BANK OF CUBA", "BNC"}
    assert set(bank.get("country")) == {"ch", "es", "jp", "pa"}
    assert any(a.startswith("Zweierstrasse 35, Zurich CH-8022") for a in bank.get("address"))
    address = entities["ofac-addr-199"]
    assert address.get("street") == ["Zweierstrasse 35"] and address.get("country") == ["ch"]
    assert "ofac-addr-199" in bank.get("addressEntity")
    [sanction] = _of(entities, "Sanction", "entity", "ofac-306")
    assert sanction.get("programId") == ["SDN"] and sanction.get("program")[-1] == "CUBA"


def test_sdn_2021_comments_continue_remarks(sdn_2021: tuple) -> None:
    entities, _ = sdn_2021
    person = entities["ofac-28264"]
    # sdn.csv's remarks end "...; P", sdn_comments.csv goes on "hone Number 8613314257947".
    assert "+8613314257947" in person.get("phone")
    assert person.get("birthDate") == ["1987-01-10"]
    assert person.get("nationality") == ["cn"]
    assert {"blackjack1987", "khaleesi"} <= set(person.get("alias"))
    # "Linked To: LAZARUS GROUP" names an entry of the same file: a link, not just a note.
    [link] = _of(entities, "UnknownLink", "subject", "ofac-28264")
    assert link.get("object") == ["ofac-27307"] and link.get("role") == ["Linked To"]
    [ident] = _of(entities, "Identification", "holder", "ofac-28264")
    assert ident.get("number") == ["210302198701102136"] and ident.get("country") == ["cn"]


def test_cons_2025_inspur_on_cmic() -> None:
    entities, parsed = _parse(data_file("lists/ofac-cons-2025-12"))
    assert parsed.info["dataset"] == "us_ofac_cons"
    assert parsed.info["rows"] == 442
    assert parsed.info["lists"] == {"SSI": 286, "PLC": 78, "CMIC": 68, "MBS": 9, "CAP": 1}
    inspur = entities["ofac-30949"]
    assert inspur.get("name") == ["INSPUR GROUP CO., LTD."]
    assert inspur.get("uscCode") == ["913700001630477270"]
    assert inspur.get("alias") == ["INSPUR GROUP"]
    assert any("No. 1036, High-Tech Inspur Road" in a for a in inspur.get("address"))
    assert inspur.get("country") == ["cn"]
    assert inspur.get("topics") == ["sanction"]
    [sanction] = _of(entities, "Sanction", "entity", "ofac-30949")
    assert sanction.get("programId") == ["CMIC"]
    assert "CMIC-EO13959" in sanction.get("program")
    assert sanction.get("listingDate") == ["2021-06-03"]
    assert sanction.get("startDate") == ["2021-08-02"]
    [ident] = _of(entities, "Identification", "holder", "ofac-30949")
    assert ident.get("type") == ["Unified Social Credit Code (USCC)"]


def test_cons_main_file_path_equals_directory() -> None:
    by_dir, _ = _parse(data_file("lists/ofac-cons-2025-12"))
    by_file, parsed = _parse(data_file("lists/ofac-cons-2025-12/cons_prim.csv"))
    assert len(parsed.files) == 4
    assert set(by_dir) == set(by_file)


def test_single_sdn_file_2024() -> None:
    path = data_file("lists/ofac-sdn-2024-05-03.csv")
    entities, parsed = _parse(path)
    assert parsed.files == [path]
    assert parsed.info["rows"] == 14965  # 14,966 lines less the end-of-file marker
    person = entities["ofac-27273"]
    assert person.get("name") == ["QASIR, Ali"]
    assert set(person.get("birthDate")) == {"1992-07-29", "1990-07-29"}
    assert person.get("birthPlace") == ["Deir Kanoun El Nahr, Lebanon"]
    assert person.get("nationality") == ["lb"] and person.get("gender") == ["male"]
    assert person.get("passportNumber") == ["RL 3367620"]
    [passport] = _of(entities, "Identification", "holder", "ofac-27273")
    assert passport.get("country") == ["lb"] and passport.get("endDate") == ["2020-08-28"]
    objects = {
        link.first("object") for link in _of(entities, "UnknownLink", "subject", "ofac-27273")
    }
    assert "ofac-11786" in objects  # QASEMI, Rostam
    [sanction] = _of(entities, "Sanction", "entity", "ofac-27273")
    assert any("Hizballah" in s for s in sanction.get("summary"))


def test_remarks_parser() -> None:
    remarks = parse_remarks(
        "DOB 12 Jan 1960; alt. DOB circa 1962; POB Tehran, Iran; nationality Iran; "
        "citizen Iraq; Gender Female; Passport A123 (Iran) issued 01 Feb 2010 expires "
        "01 Feb 2020; a.k.a. 'X; Y'; f.k.a. 'OLD NAME'; Website www.example.ir; "
        "Linked To: SOME COMPANY; Vessel Registration Identification IMO 9187629; "
        "Organization Established Date 2005; Member of parliament."
    )
    assert remarks.aliases == ["X; Y"]
    assert remarks.previous_names == ["OLD NAME"]
    assert remarks.linked == ["SOME COMPANY"]
    assert remarks.notes == ["Member of parliament"]
    types = [t for t, _ in remarks.facts]
    assert types == [
        "Birthdate",
        "Birthdate",
        "Place of Birth",
        "Nationality Country",
        "Citizenship Country",
        "Gender",
        "Passport",
        "Website",
        "Vessel Registration Identification",
        "Organization Established Date",
    ]


def test_sniff_and_detect(tmp_path: Path) -> None:
    for name in (
        "ofac-sdn-2024-05-03.csv",
        "ofac-sdn-2021-07/sdn.csv",
        "ofac-cons-2025-12/cons_prim.csv",
    ):
        path = data_file(f"lists/{name}")
        assert ofac_csv.sniff(path, read_head(path)), name
        assert detect(path) is ofac_csv
    assert detect(data_file("lists/ofac-sdn-2021-07")) is ofac_csv
    for name in (
        "ofac-sdn-2021-07/add.csv",
        "ofac-sdn-2021-07/alt.csv",
        "csl-2025-05-excerpt.csv",
        "dod-1260h.csv",
    ):
        path = data_file(f"lists/{name}")
        assert not ofac_csv.sniff(path, read_head(path)), name
    assert not ofac_csv.sniff(tmp_path, b"")


@given(st.text(alphabet=st.sampled_from(list("ab '.;:()-1DOBPassport")), max_size=80))
def test_remarks_parser_takes_any_text(text: str) -> None:
    remarks = parse_remarks(text)
    # Nothing is lost: every non-empty part lands somewhere.
    parts = len(remarks.aliases) + len(remarks.previous_names) + len(remarks.linked)
    assert parts + len(remarks.facts) + len(remarks.notes) <= text.count(";") + 1


def test_cons_dataset_from_single_file_name(tmp_path: Path) -> None:
    path = tmp_path / "ofac-cons-prim-2025.csv"
    path.write_text('9,"ACME LTD",-0- ,"NS-PLC",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n')
    parsed = ofac_csv.parse(path)
    assert parsed.info["dataset"] == "us_ofac_cons" and parsed.info["lists"] == {"PLC": 1}
