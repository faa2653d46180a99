"""Bad input for the US list parsers: every failure names the file, the line and the problem."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pierce.sources import bis_dpl, bis_mieu, csl, detect, dod_1260h, formats, ofac_csv, ofac_xml
from pierce.sources.base import MAX_FIELD, SourceError


@dataclass
class Spec:
    """How to write a one-entry file of a format, and on which line its entry sits."""

    module: ModuleType
    make: Callable[[str], str]
    line: int
    extra_cell: Callable[[str], str]


def _csl(name: str) -> str:
    cells = {c: "" for c in csl.COLUMNS}
    cells.update(source="Entity List (EL) - Bureau of Industry and Security", name=name)
    row = ",".join('"' + cells[c].replace('"', '""') + '"' for c in csl.COLUMNS)
    return ",".join(csl.COLUMNS) + "\n" + row + "\n"


def _ofac(name: str) -> str:
    return f'123,"{name}",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1970."\n'


def _dpl(name: str) -> str:
    header = "\t".join(f'"{c}"' for c in bis_dpl.COLUMNS)
    cells = [
        name,
        "1 MAIN ST",
        "DUBAI",
        "",
        "AE",
        "",
        "01/02/2020",
        "",
        "Y",
        "2020-01-05",
        "FR NOTICE ADDED",
        "85 F.R. 1 1/3/2020",
    ]
    return header + "\n" + "\t".join(f'"{c}"' for c in cells) + "\n"


def _dod(name: str) -> str:
    return ",".join(dod_1260h.COLUMNS) + f'\n"{name}","{name}",,,,,2025-01-07,,\n'


def _add_cell(separator: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        lines = text.split("\n")
        lines[-2] = lines[-2] + separator + '"extra"'
        return "\n".join(lines)

    return change


def _mieu(name: str) -> str:
    return (
        ",".join(bis_mieu.COLUMNS) + f'\nOrganization,"{name}",,RU,export.control,X,2021-03-16,,\n'
    )


SPECS = {
    "csl": Spec(csl, _csl, 2, _add_cell(",")),
    "ofac_csv": Spec(ofac_csv, _ofac, 1, _add_cell(",")),
    "bis_dpl": Spec(bis_dpl, _dpl, 2, _add_cell("\t")),
    "dod_1260h": Spec(dod_1260h, _dod, 2, _add_cell(",")),
    "bis_mieu": Spec(bis_mieu, _mieu, 2, _add_cell(",")),
}
NAMES = {
    "csl": "x.csv",
    "ofac_csv": "sdn.csv",
    "bis_dpl": "dpl.txt",
    "dod_1260h": "1260h.csv",
    "bis_mieu": "mieu.csv",
}


def _write(tmp_path: Path, key: str, data: bytes, suffix: str = "") -> Path:
    path = tmp_path / (NAMES[key] + suffix)
    path.write_bytes(data)
    return path


def _names(module: ModuleType, path: Path) -> list[str]:
    return [n for e in module.parse(path).entities for n in e.get("name", quiet=True)]


@pytest.mark.parametrize("key", SPECS)
def test_good_file_parses_and_is_detected(tmp_path: Path, key: str) -> None:
    spec = SPECS[key]
    path = _write(tmp_path, key, spec.make("ACME TRADING LTD").encode())
    assert "ACME TRADING LTD" in _names(spec.module, path)
    assert spec.module.sniff(path, path.read_bytes())
    if spec.module.FORMAT in formats():  # bis_mieu is detected once registered in MODULES
        assert detect(path) is spec.module


@pytest.mark.parametrize("key", SPECS)
def test_control_characters_are_stripped(tmp_path: Path, key: str) -> None:
    spec = SPECS[key]
    path = _write(tmp_path, key, spec.make("ACME\x07 TRADING\x1b LTD").encode())
    assert "ACME TRADING LTD" in _names(spec.module, path)


@pytest.mark.parametrize("key", SPECS)
def test_huge_field_is_refused(tmp_path: Path, key: str) -> None:
    spec = SPECS[key]
    path = _write(tmp_path, key, spec.make("A" * (MAX_FIELD + 1)).encode())
    with pytest.raises(SourceError, match=rf"line {spec.line}.*exceeds") as error:
        spec.module.parse(path)
    assert error.value.path == str(path)


@pytest.mark.parametrize("key", SPECS)
def test_wrong_encoding_names_line_and_byte(tmp_path: Path, key: str) -> None:
    spec = SPECS[key]
    path = _write(tmp_path, key, spec.make("CAFÉ MÜLLER GMBH").encode("latin-1"))
    with pytest.raises(SourceError, match=rf"line {spec.line}, byte \d+.*not valid utf-8"):
        spec.module.parse(path)


@pytest.mark.parametrize("key", SPECS)
def test_wrong_column_count_names_line(tmp_path: Path, key: str) -> None:
    spec = SPECS[key]
    path = _write(tmp_path, key, spec.extra_cell(spec.make("ACME LTD")).encode())
    with pytest.raises(SourceError, match=rf"line {spec.line}.*columns"):
        spec.module.parse(path)


@pytest.mark.parametrize("key", SPECS)
def test_truncated_gzip(tmp_path: Path, key: str) -> None:
    spec = SPECS[key]
    packed = gzip.compress(spec.make("ACME LTD").encode() * 50)
    path = _write(tmp_path, key, packed[: len(packed) // 2], ".gz")
    with pytest.raises(SourceError, match="truncated or corrupt"):
        spec.module.parse(path)


@pytest.mark.parametrize("key", SPECS)
@pytest.mark.parametrize("other", SPECS)
def test_other_format_is_refused(tmp_path: Path, key: str, other: str) -> None:
    if key == other:
        return
    spec = SPECS[key]
    path = _write(tmp_path, other, SPECS[other].make("ACME LTD").encode())
    assert not spec.module.sniff(path, path.read_bytes())
    with pytest.raises(SourceError):
        spec.module.parse(path)


@pytest.mark.parametrize("key", [*SPECS, "ofac_xml"])
def test_empty_file(tmp_path: Path, key: str) -> None:
    module = {**{k: s.module for k, s in SPECS.items()}, "ofac_xml": ofac_xml}[key]
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(SourceError):
        module.parse(path)


def test_ofac_entry_number_must_be_a_number(tmp_path: Path) -> None:
    path = tmp_path / "sdn.csv"
    path.write_text(_ofac("ACME LTD").replace("123,", "12x,", 1), encoding="utf-8")
    with pytest.raises(SourceError, match="line 1.*not a number"):
        ofac_csv.parse(path)


def test_ofac_xml_invalid_utf8(tmp_path: Path) -> None:
    path = tmp_path / "x.xml"
    path.write_bytes(
        b'<?xml version="1.0" encoding="utf-8"?>\n<sanctionsData xmlns="x/ENHANCED_XML">\n'
        b'<entities><entity id="1"><names>\xff\xfe</names></entity></entities>'
        b"</sanctionsData>"
    )
    with pytest.raises(SourceError, match=r"line 3, column \d+"):
        ofac_xml.parse(path)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=st.text(min_size=1, max_size=60))
def test_any_name_either_parses_or_fails_cleanly(tmp_path: Path, name: str) -> None:
    for key, spec in SPECS.items():
        path = _write(tmp_path, key, spec.make(name.replace('"', "")).encode("utf-8", "replace"))
        try:
            entities = list(spec.module.parse(path).entities)
        except SourceError as error:
            assert str(path) in str(error)
        else:
            assert all(e.id for e in entities)


def test_csl_json_errors(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"results": [\n{"source": "x", "name": "y"},\n', encoding="utf-8")
    with pytest.raises(SourceError, match=r"line \d+.*invalid JSON"):
        csl.parse(broken)
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"results": [{"lei": "529900T8BM49AURSDO55"}]}', encoding="utf-8")
    with pytest.raises(SourceError, match="record 1.*not a CSL record"):
        csl.parse(wrong)
    shape = tmp_path / "shape.json"
    shape.write_text('{"data": []}', encoding="utf-8")
    with pytest.raises(SourceError, match="expected a list"):
        csl.parse(shape)
