"""BIS Denied Persons List (tab-separated, 2022-09)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from realdata import data_file

from pierce.sources import bis_dpl, detect
from pierce.sources.base import read_head

HEADER = "\t".join(f'"{c}"' for c in bis_dpl.COLUMNS)


def test_dpl_2022_rows_and_sanctions() -> None:
    parsed = bis_dpl.parse(data_file("lists/bis-dpl-2022-09.txt"))
    entities = {str(e.id): e for e in parsed.entities}
    assert parsed.info["rows"] == 581 and parsed.info["lists"] == {"DPL": 581}
    assert parsed.info["last_update"] == "2022-09-02"
    kinds = Counter(e.schema.name for e in entities.values())
    # One entity and one sanction per row: rows repeating a name (one per address) stay apart.
    assert kinds["Sanction"] == 581
    assert kinds["LegalEntity"] + kinds["Company"] == 581
    ash = next(e for e in entities.values() if "I. ASH" in e.get("name", quiet=True))
    assert ash.get("country") == ["us"] and ash.get("topics") == ["export.control"]
    sanction = entities[f"{ash.id}-sanction-dpl"]
    assert sanction.get("programId") == ["DPL"]
    assert sanction.get("authority") == ["Bureau of Industry and Security"]
    assert sanction.get("startDate") == ["2003-06-19"]
    assert sanction.get("endDate") == ["2056-06-29"]
    assert sanction.get("description") == ["Standard order: Y"]
    assert sanction.get("authorityId") == [
        "68 F.R. 38290 6/27/03 71 F.R. 38843 7/10/06 72 F.R. 4236 1/30/07"
    ]
    airlines = [e for e in entities.values() if e.get("name", quiet=True) == ["AL NASER AIRLINES"]]
    assert len(airlines) == 4 and len({a.first("address") for a in airlines}) == 4


def test_ids_do_not_depend_on_row_order(tmp_path: Path) -> None:
    rows = [
        '"ACME LTD"\t"1 MAIN ST"\t"DUBAI"\t""\t"AE"\t""\t"01/02/2020"\t"01/02/2030"\t"Y"\t'
        '"2020-01-05"\t"FR NOTICE ADDED"\t"85 F.R. 1 1/3/2020"',
        '"JOHN DOE"\t"2 HIGH ST"\t"EL PASO"\t"TX"\t"US"\t"79905"\t"03/04/2021"\t""\t"Y"\t'
        '"2021-03-05"\t"FR NOTICE ADDED"\t"86 F.R. 2 3/4/2021"',
    ]
    one = tmp_path / "one.txt"
    one.write_text(HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    two = tmp_path / "two.txt"
    two.write_text(HEADER + "\n" + "\n".join(reversed(rows)) + "\n", encoding="utf-8")
    assert {e.id for e in bis_dpl.parse(one).entities} == {
        e.id for e in bis_dpl.parse(two).entities
    }
    assert detect(one) is bis_dpl


def test_sniff(tmp_path: Path) -> None:
    path = data_file("lists/bis-dpl-2022-09.txt")
    assert bis_dpl.sniff(path, read_head(path))
    assert detect(path) is bis_dpl
    for other in ("dod-1260h.csv", "csl-2025-05-excerpt.csv", "bis-mieu.csv"):
        other_path = data_file(f"lists/{other}")
        assert not bis_dpl.sniff(other_path, read_head(other_path))
    assert not bis_dpl.sniff(tmp_path, b"")
