"""ISO 20275 ELF code list: plain legal-form records for name normalisation."""

from __future__ import annotations

from pathlib import Path

import pytest
from realdata import data_file

from pierce.sources import detect, elf
from pierce.sources.base import SourceError

ELF = "registries/elf-codes-1.4.1.csv"


@pytest.fixture(scope="module")
def forms() -> list[elf.LegalForm]:
    return elf.load_legal_forms(data_file(ELF))


def _forms_with(forms: list[elf.LegalForm], text: str) -> set[tuple[str | None, str]]:
    return {(f.country_code, f.code) for f in forms if text in f.abbreviations or text in f.names}


def test_row_and_code_counts(forms: list[elf.LegalForm]) -> None:
    # One record per row: a code has a row per language (3,274 distinct codes).
    assert len(forms) == 3659
    assert len({f.code for f in forms}) == 3274
    assert sum(f.status == "INAC" for f in forms) == 147


def test_known_forms(forms: list[elf.LegalForm]) -> None:
    assert ("DE", "2HBR") in _forms_with(forms, "GmbH")
    # In ELF 1.4.1 the abbreviation 有限公司 belongs to Hong Kong forms; mainland CN rows
    # carry no abbreviations at all.
    assert ("HK", "254M") in _forms_with(forms, "有限公司")
    assert not any(f.country_code == "CN" and f.abbreviations for f in forms)
    # ООО is listed for Belarus (Russian-language row); the RU row names the form in full.
    assert ("BY", "AABD") in _forms_with(forms, "ООО")
    assert ("RU", "17R7") in _forms_with(forms, "Общества с ограниченной ответственностью")
    # Singapore's local company abbreviation is spelled without dots.
    assert ("SG", "LWXI") in _forms_with(forms, "Pte Ltd")


def test_record_fields(forms: list[elf.LegalForm]) -> None:
    chinese = next(f for f in forms if f.code == "254M" and f.language == "zh")
    assert chinese.names == ("私人股份有限公司", "Si ren gu fen you xian gong si")
    assert chinese.status == "ACTV"
    placeholder = next(f for f in forms if f.code == "9999")
    assert placeholder.country_code is None and placeholder.names == ()


def test_parse_reports_counts_only() -> None:
    parsed = elf.parse(data_file(ELF))
    assert list(parsed.entities) == []
    assert parsed.info["rows"] == 3659 and parsed.info["codes"] == 3274


def test_detect() -> None:
    assert detect(data_file(ELF)) is elf


def test_bad_code_names_the_line(tmp_path: Path) -> None:
    header = ",".join(f'"{c}"' for c in elf.COLUMNS.values())
    good = ",".join(['"2HBR"', '"DE"', "", "", '"GmbH name"', '"de"', "", '"GmbH"', "", '"ACTV"'])
    bad = good.replace('"2HBR"', '"TOO-LONG"')
    path = tmp_path / "elf.csv"
    path.write_text("\n".join([header, good, bad]) + "\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"line 3\): not an ELF code"):
        elf.load_legal_forms(path)
    path.write_text("\n".join([header, good]) + "\n", encoding="utf-8")
    assert elf.load_legal_forms(path)[0].abbreviations == ("GmbH",)
