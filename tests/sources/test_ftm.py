"""FollowTheMoney JSON lines: real OpenSanctions exports round-trip losslessly."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, cast

import pytest
from followthemoney import model
from hypothesis import given, settings
from hypothesis import strategies as st
from realdata import data_file

from pierce.sources import detect, ftm
from pierce.sources.base import SourceError

Extras = dict[str, dict[str, Any]]

SAMPLES = ["ftm/opensanctions-zala.ftm.json", "ftm/opensanctions-t1.ftm.json"]


@pytest.mark.parametrize("relative", SAMPLES)
def test_round_trip_is_lossless(relative: str) -> None:
    path = data_file(relative)
    parsed = ftm.parse(path)
    entities = list(parsed.entities)
    extras = cast(Extras, parsed.info["extras"])
    lines = [line for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
    assert len(entities) == len(lines)
    for entity, line in zip(entities, lines, strict=True):
        assert json.loads(ftm.to_line(entity, extras[str(entity.id)])) == json.loads(line)


def test_round_trip_with_reordered_values_is_equal_as_multisets() -> None:
    # What a store round trip may do: values come back in another order.
    path = data_file(SAMPLES[1])
    parsed = ftm.parse(path)
    line = path.read_text(encoding="utf-8").split("\n")[0]
    entity = next(parsed.entities)
    reordered = {p: list(reversed(v)) for p, v in entity.properties.items()}
    again = model.get_proxy(
        {"id": entity.id, "schema": entity.schema.name, "properties": reordered}
    )
    written = json.loads(ftm.to_line(again, cast(Extras, parsed.info["extras"])[str(entity.id)]))
    original = json.loads(line)
    assert {k: sorted(v) for k, v in written.pop("properties").items()} == {
        k: sorted(v) for k, v in original.pop("properties").items()
    }
    assert written == original


def test_zala_counts_and_datasets() -> None:
    parsed = ftm.parse(data_file(SAMPLES[0]))
    entities = list(parsed.entities)
    assert len(entities) == 91
    assert parsed.info["schemata"] == {
        "Sanction": 41,
        "Ownership": 14,
        "Company": 11,
        "Address": 11,
        "Person": 6,
        "Family": 4,
        "Directorship": 3,
        "Passport": 1,
    }
    # Entities name many datasets: no single one to file the snapshot under.
    assert "dataset" not in parsed.info
    assert cast(dict[str, int], parsed.info["datasets"])["us_ofac_sdn"] >= 1


def test_single_dataset_is_reported() -> None:
    parsed = ftm.parse(data_file(SAMPLES[1]))
    assert len(list(parsed.entities)) == 7
    assert parsed.info["dataset"] == "eu_fsf"
    extras = cast(Extras, parsed.info["extras"])["NK-2GdmHtZTeNXjNVrBGEXZNj"]
    assert extras["referents"][0] == "ofac-32733"
    assert extras["target"] is True


@pytest.mark.parametrize("relative", SAMPLES)
def test_sniff(relative: str) -> None:
    assert detect(data_file(relative)) is ftm


def test_sniff_refuses_other_json_lines(tmp_path: Path) -> None:
    head = b'{"entity_id": "1", "names": [{"full_name": "X", "is_primary": true}]}\n'
    assert not ftm.sniff(tmp_path / "x.jsonl", head)
    assert not ftm.sniff(tmp_path / "x.json", b'{"meta": {"goldenCopy": {}}, "data": []}')


def _write(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "e.ftm.json"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


GOOD = '{"id": "a", "schema": "Person", "properties": {"name": ["Ann"]}}'


def test_invalid_json_names_the_line(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD, '{"id": "b", "schema": "Person", "prop')
    with pytest.raises(SourceError, match=r"line 2\): invalid JSON"):
        ftm.parse(path)


def test_unknown_schema_names_the_line(tmp_path: Path) -> None:
    other = GOOD.replace('"a"', '"b"')
    path = _write(tmp_path, GOOD, other, '{"id": "c", "schema": "Spaceship", "properties": {}}')
    with pytest.raises(SourceError, match=r"line 3\): unknown schema 'Spaceship'"):
        ftm.parse(path)


def test_unknown_property_names_the_line(tmp_path: Path) -> None:
    path = _write(tmp_path, '{"id": "c", "schema": "Person", "properties": {"warpDrive": ["x"]}}')
    with pytest.raises(SourceError, match=r"line 1\): unknown property 'warpDrive'"):
        ftm.parse(path)


def test_duplicate_id_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r"line 2\): duplicate id 'a' \(first on line 1\)"):
        ftm.parse(_write(tmp_path, GOOD, GOOD))


def test_non_string_value_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, '{"id": "c", "schema": "Person", "properties": {"name": [1]}}')
    with pytest.raises(SourceError, match=r"line 1, name"):
        ftm.parse(path)


NAMES = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30)


@settings(max_examples=60, deadline=None)
@given(
    names=st.lists(NAMES, min_size=1, max_size=4, unique=True),
    extras=st.dictionaries(
        st.sampled_from(["caption", "datasets", "first_seen", "target", "referents"]),
        st.one_of(st.text(max_size=10), st.booleans(), st.lists(st.text(max_size=5))),
    ),
)
def test_to_line_then_parse_is_identity(tmp_path_factory, names, extras) -> None:  # type: ignore[no-untyped-def]
    entity = model.get_proxy({"id": "x1", "schema": "Company", "properties": {"name": names}})
    path = tmp_path_factory.mktemp("ftm") / "one.ftm.json"
    line = ftm.to_line(entity, extras)
    path.write_text(line + "\n", encoding="utf-8")
    parsed = ftm.parse(path)
    again = next(parsed.entities)
    assert again.get("name") == names
    written = cast(Extras, parsed.info["extras"])["x1"]
    assert written == extras
    assert ftm.to_line(again, written) == line


def test_sniff_first_line_longer_than_head(tmp_path: Path) -> None:
    names = [f"Name number {i}" for i in range(2000)]
    line = json.dumps({"id": "big", "schema": "Company", "properties": {"name": names}})
    assert len(line) > 8192
    path = tmp_path / "big.ftm.json"
    path.write_text(line + "\n", encoding="utf-8")
    assert ftm.sniff(path, path.read_bytes()[:8192])
    assert detect(path) is ftm


def test_to_line_key_order_is_stable() -> None:
    entity = model.get_proxy({"id": "x", "schema": "Person", "properties": {"name": ["A"]}})
    extras = {"datasets": ["d"], "caption": "A", "target": True}
    assert list(json.loads(ftm.to_line(entity, extras))) == [
        "id",
        "caption",
        "schema",
        "properties",
        "datasets",
        "target",
    ]
    assert json.loads(ftm.to_line(entity)) == {
        "id": "x",
        "schema": "Person",
        "properties": {"name": ["A"]},
    }
