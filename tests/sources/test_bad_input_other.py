"""Bad input for the UN, FtM, GLEIF and ELF parsers: every failure is a SourceError that names
the file, the line or record, and the problem; control characters are stripped, not fatal."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from realdata import DATA

from pierce.sources import elf, ftm, gleif_csv, gleif_json, un_sc
from pierce.sources.base import MAX_FIELD, SourceError

UN_XML = """<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2026-01-02T00:00:00Z"><INDIVIDUALS><INDIVIDUAL>
<DATAID>1</DATAID><FIRST_NAME>{name}</FIRST_NAME><UN_LIST_TYPE>T</UN_LIST_TYPE>
<REFERENCE_NUMBER>TSi.001</REFERENCE_NUMBER><LISTED_ON>2020-01-01</LISTED_ON>
</INDIVIDUAL></INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>
"""
FTM_LINE = '{"id": "x", "schema": "Person", "properties": {"name": ["{name}"]}}\n'
GLEIF_NAMES = "LEI,LegalName,LegalAddressCountry,EntityCategory,EntitySubCategory\n" + (
    "213800GY6CYK5KGE7Y15,{name},GB,GENERAL,\n"
)
GLEIF_API = json.dumps(
    {
        "meta": {"goldenCopy": {"publishDate": "2025-05-15T00:00:00Z"}},
        "data": [
            {
                "type": "lei-records",
                "id": "213800GY6CYK5KGE7Y15",
                "attributes": {
                    "lei": "213800GY6CYK5KGE7Y15",
                    "entity": {"legalName": {"name": "NAME"}, "category": "GENERAL"},
                },
            }
        ],
    },
    indent=1,
)
ELF_CSV = (
    ",".join(f'"{c}"' for c in elf.COLUMNS.values())
    + "\n"
    + ('"2HBR","DE","","","{name}","de","","GmbH","","ACTV"\n')
)

# module, file name, template with {name}, how to read the one name back
Case = tuple[Callable[[Path], object], str, str, Callable[[Path], str]]


def _first_name(module: object) -> Callable[[Path], str]:
    def read(path: Path) -> str:
        entities = list(module.parse(path).entities)  # type: ignore[attr-defined]
        return entities[0].get("name")[0]

    return read


def _elf_name(path: Path) -> str:
    return elf.load_legal_forms(path)[0].names[0]


CASES: dict[str, Case] = {
    "un_sc": (un_sc.parse, "un.xml", UN_XML, _first_name(un_sc)),
    "ftm": (ftm.parse, "e.ftm.json", FTM_LINE, _first_name(ftm)),
    "gleif_csv": (gleif_csv.parse, "names.csv", GLEIF_NAMES, _first_name(gleif_csv)),
    "gleif_json": (
        gleif_json.parse,
        "lei.json",
        GLEIF_API.replace('"NAME"', '"{name}"'),
        _first_name(gleif_json),
    ),
    "elf": (elf.parse, "elf.csv", ELF_CSV, _elf_name),
}


def _consume(parse: Callable[[Path], object], path: Path) -> None:
    parsed = parse(path)
    list(parsed.entities)  # type: ignore[attr-defined]


@pytest.mark.parametrize("kind", CASES)
def test_template_is_valid(kind: str, tmp_path: Path) -> None:
    parse, name, template, read = CASES[kind]
    path = tmp_path / name
    path.write_text(template.replace("{name}", "ACME TRADING"), encoding="utf-8")
    assert read(path) == "ACME TRADING"


@pytest.mark.parametrize("kind", CASES)
def test_control_characters_are_stripped(kind: str, tmp_path: Path) -> None:
    parse, name, template, read = CASES[kind]
    path = tmp_path / name
    # \\u0007 in JSON, a raw BEL elsewhere; XML 1.0 forbids most C0 characters, use \x85 (NEL).
    control = {"ftm": "\\u0007", "gleif_json": "\\u0007", "un_sc": "\x85"}.get(kind, "\x07")
    path.write_text(template.replace("{name}", f"ACME{control}TRADING"), encoding="utf-8")
    assert read(path) == "ACME TRADING"


@pytest.mark.parametrize("kind", CASES)
def test_huge_field_is_refused(kind: str, tmp_path: Path) -> None:
    parse, name, template, _ = CASES[kind]
    path = tmp_path / name
    path.write_text(template.replace("{name}", "A" * (MAX_FIELD + 1)), encoding="utf-8")
    with pytest.raises(SourceError, match=r"exceeds 65,536") as error:
        _consume(parse, path)
    assert error.value.where and str(path) in str(error.value)


@pytest.mark.parametrize("kind", CASES)
def test_wrong_encoding_names_line_and_byte(kind: str, tmp_path: Path) -> None:
    parse, name, template, _ = CASES[kind]
    path = tmp_path / name
    path.write_bytes(template.replace("{name}", "SOCI\u00c9T\u00c9").encode("latin-1"))
    with pytest.raises(SourceError, match=r"line \d+, byte \d+.*not valid utf-8"):
        _consume(parse, path)


@pytest.mark.parametrize("kind", CASES)
def test_truncated_gzip(kind: str, tmp_path: Path) -> None:
    parse, name, template, _ = CASES[kind]
    packed = gzip.compress(template.replace("{name}", "ACME" * 200).encode("utf-8"))
    path = tmp_path / (name + ".gz")
    path.write_bytes(packed[: len(packed) // 2])
    with pytest.raises(SourceError, match="truncated or corrupt"):
        _consume(parse, path)


@pytest.mark.parametrize("kind", ["un_sc", "ftm", "gleif_json"])
def test_truncated_text_names_the_line(kind: str, tmp_path: Path) -> None:
    parse, name, template, _ = CASES[kind]
    text = template.replace("{name}", "ACME TRADING")
    path = tmp_path / name
    path.write_text(text[: len(text) * 2 // 3], encoding="utf-8")
    with pytest.raises(SourceError, match=r"line \d+"):
        _consume(parse, path)


CSL_HEAD = "_id,source,entity_number,type,programs,name,title,addresses\n1,x,2,Entity,P,N,,\n"
OFAC_HEAD = '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n'
DPL_HEAD = "Name\tStreet_Address\tCity\tState\tCountry\tPostal_Code\n"
DOD_HEAD = "Name,Clean Name,Alias,Previous Name,Parent Name,Note,Start date,End date,Source Url\n"
SDN_NAMES = '{"entity_id": "36", "names": [{"full_name": "X", "is_primary": true}]}\n'
OTHER_FORMATS = {
    "csl.csv": CSL_HEAD,
    "sdn.csv": OFAC_HEAD,
    "dpl.txt": DPL_HEAD,
    "1260h.csv": DOD_HEAD,
    "names.jsonl": SDN_NAMES,
}


@pytest.mark.parametrize("other", OTHER_FORMATS)
@pytest.mark.parametrize("module", [un_sc, ftm, gleif_csv, gleif_json, elf])
def test_sniffers_refuse_other_formats(module: object, other: str, tmp_path: Path) -> None:
    path = tmp_path / other
    path.write_text(OTHER_FORMATS[other], encoding="utf-8")
    assert module.sniff(path, path.read_bytes()) is False  # type: ignore[attr-defined]


REAL_HEADS = {
    "lists/csl-2025-sample.csv": None,
    "lists/ofac-sdn-2024-05-03.csv": None,
    "lists/bis-dpl-2022-09.txt": None,
    "lists/dod-1260h.csv": None,
    "lists/ofac-sdn-names-2025-11.jsonl": None,
    "registries/elf-codes-1.4.1.csv": elf,
    "lists/un-sc-2026-02.xml": un_sc,
    "ftm/opensanctions-t1.ftm.json": ftm,
}


@pytest.mark.parametrize("relative", REAL_HEADS)
def test_sniffers_on_real_heads(relative: str) -> None:
    path = DATA / relative
    if not path.exists():
        pytest.skip(f"real data file {relative} not found under {DATA}")
    head = path.read_bytes()[:8192]
    claims = [m for m in (un_sc, ftm, gleif_csv, gleif_json, elf) if m.sniff(path, head)]
    expected = REAL_HEADS[relative]
    assert claims == ([] if expected is None else [expected])


def test_wrong_format_names_line_one(tmp_path: Path) -> None:
    path = tmp_path / "csl.csv"
    path.write_text(CSL_HEAD, encoding="utf-8")
    with pytest.raises(SourceError, match=r"line 1\): not a GLEIF CSV header"):
        gleif_csv.parse(path)
    with pytest.raises(SourceError, match=r"line 1\): not an ELF code list"):
        elf.parse(path)
    with pytest.raises(SourceError, match=r"line 1\): invalid JSON"):
        ftm.parse(path)
    with pytest.raises(SourceError, match=r"line 1, column \d+\): malformed"):
        un_sc.parse(path)
    with pytest.raises(SourceError, match=r"line 1, column \d+\): invalid JSON"):
        gleif_json.parse(path)


def test_gleif_json_wrong_shapes(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"links": {}}', encoding="utf-8")
    with pytest.raises(SourceError, match="no top-level 'data'"):
        gleif_json.parse(path)
    record = {"type": "lei-records", "id": "213800GY6CYK5KGE7Y15", "attributes": []}
    path.write_text(json.dumps({"data": [record]}), encoding="utf-8")
    with pytest.raises(SourceError, match=r"data\[0\].*attributes must be an object"):
        gleif_json.parse(path)
    directory = tmp_path / "empty"
    directory.mkdir()
    with pytest.raises(SourceError, match="no .json GLEIF responses"):
        gleif_json.parse(directory)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=st.binary(max_size=300))
def test_random_bytes_give_source_error_or_entities(tmp_path: Path, raw: bytes) -> None:
    for kind, (parse, name, _, _) in CASES.items():
        path = tmp_path / f"random-{kind}-{name}"
        path.write_bytes(raw)
        module = {"un_sc": un_sc, "ftm": ftm, "gleif_csv": gleif_csv}.get(kind)
        if module is not None:
            assert module.sniff(path, raw) in (True, False)
        try:
            _consume(parse, path)
        except SourceError:
            pass


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [
                    "data",
                    "type",
                    "attributes",
                    "entity",
                    "lei",
                    "relationship",
                    "periods",
                    "legalName",
                    "name",
                    "id",
                    "startNode",
                    "meta",
                ]
            ),
            children,
            max_size=4,
        )
    ),
    max_leaves=12,
)


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(document=JSONISH, kind=st.sampled_from(["lei-records", "relationship-records"]))
def test_gleif_json_odd_structures(tmp_path: Path, document: object, kind: str) -> None:
    path = tmp_path / "odd.json"
    wrapped = {"data": [{"type": kind, "id": "213800GY6CYK5KGE7Y15", "attributes": document}]}
    path.write_text(json.dumps(wrapped), encoding="utf-8")
    try:
        _consume(gleif_json.parse, path)
    except SourceError:
        pass
