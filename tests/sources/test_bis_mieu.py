"""BIS Military-Intelligence End User list (transcribed CSV)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from realdata import data_file

from pierce.sources import bis_mieu
from pierce.sources.base import read_head


def test_mieu_rows() -> None:
    parsed = bis_mieu.parse(data_file("lists/bis-mieu.csv"))
    entities = {str(e.id): e for e in parsed.entities}
    assert parsed.info["rows"] == 13 and parsed.info["lists"] == {"MIEU": 13}
    kinds = Counter(e.schema.name for e in entities.values())
    assert kinds == {"Organization": 13, "Sanction": 13}
    gru = next(e for e in entities.values() if "GRU" in e.get("alias", quiet=True))
    assert gru.get("name") == ["Main Intelligence Directorate"]
    assert gru.get("country") == ["ru"] and gru.get("topics") == ["export.control"]
    sanction = entities[f"{gru.id}-sanction-mieu"]
    assert sanction.get("programId") == ["MIEU"]
    assert sanction.get("authority") == ["Bureau of Industry and Security"]
    assert sanction.get("startDate") == ["2021-03-16"]


def test_sniff(tmp_path: Path) -> None:
    path = data_file("lists/bis-mieu.csv")
    assert bis_mieu.sniff(path, read_head(path))
    for other in ("dod-1260h.csv", "bis-dpl-2022-09.txt", "csl-2025-sample.csv"):
        other_path = data_file(f"lists/{other}")
        assert not bis_mieu.sniff(other_path, read_head(other_path))
    assert not bis_mieu.sniff(tmp_path, b"")
