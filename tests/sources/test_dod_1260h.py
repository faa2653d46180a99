"""DoD Section 1260H Chinese military companies (transcribed CSV)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from realdata import data_file

from pierce.sources import detect, dod_1260h
from pierce.sources.base import read_head

HEADER = ",".join(dod_1260h.COLUMNS)


def test_1260h_rows_parents_and_previous_names() -> None:
    parsed = dod_1260h.parse(data_file("lists/dod-1260h.csv"))
    entities = {str(e.id): e for e in parsed.entities}
    assert parsed.info["rows"] == 397
    assert parsed.info["parent_links"] == 197
    assert parsed.info["previous_names"] == 6
    kinds = Counter(e.schema.name for e in entities.values())
    assert kinds["Sanction"] == 397
    assert kinds["Ownership"] == 197
    # A company listed in several years is one entity with one sanction per listing.
    assert kinds["Company"] == parsed.info["companies"]
    assert kinds["Company"] < 397
    with_previous = [e for e in entities.values() if e.get("previousName", quiet=True)]
    assert len(with_previous) == 6
    for ownership in (e for e in entities.values() if e.schema.name == "Ownership"):
        assert ownership.first("owner") in entities and ownership.first("asset") in entities
        assert ownership.get("role") == ["parent (DoD 1260H)"]
        assert not ownership.get("percentage")


def test_1260h_avic_subsidiary() -> None:
    parsed = dod_1260h.parse(data_file("lists/dod-1260h.csv"))
    entities = {str(e.id): e for e in parsed.entities}
    child = entities[dod_1260h.company_id("AVIC Chengdu Aircraft Co., Ltd.")]
    assert set(child.get("previousName")) == {
        "Zhonghang Electronic Measuring Instruments Company Limited",
        "ZEMIC",
    }
    owners = {
        e.first("owner")
        for e in entities.values()
        if e.schema.name == "Ownership" and child.id in e.get("asset")
    }
    # "Aviation Industry Corporation of China, Ltd." matches the listed row without the comma.
    [parent_id] = owners
    assert entities[str(parent_id)].get("name") == ["Aviation Industry Corporation of China Ltd."]
    sanctions = [
        e for e in entities.values() if e.schema.name == "Sanction" and parent_id in e.get("entity")
    ]
    assert {s.first("programId") for s in sanctions} == {"1260H"}
    assert len(sanctions) >= 2


def test_parent_without_row_gets_minimal_company(tmp_path: Path) -> None:
    path = tmp_path / "1260h.csv"
    path.write_text(
        HEADER + "\nChild Co. (CC),Child Co.,CC,,Unlisted Parent Group,,2025-01-07,,\n",
        encoding="utf-8",
    )
    parsed = dod_1260h.parse(path)
    entities = {str(e.id): e for e in parsed.entities}
    parent = entities[dod_1260h.company_id("Unlisted Parent Group")]
    assert parent.get("name") == ["Unlisted Parent Group"] and not parent.get("topics")
    assert parsed.info["parents_without_row"] == 1
    assert detect(path) is dod_1260h


def test_sniff(tmp_path: Path) -> None:
    path = data_file("lists/dod-1260h.csv")
    assert dod_1260h.sniff(path, read_head(path))
    assert detect(path) is dod_1260h
    other = data_file("lists/bis-mieu.csv")
    assert not dod_1260h.sniff(other, read_head(other))
    assert not dod_1260h.sniff(tmp_path, b"")
