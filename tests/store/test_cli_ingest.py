"""`pierce ingest` and friends on real files and on broken ones: clear errors, store untouched."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from realdata import data_file
from typer.testing import CliRunner

from pierce.cli import app
from pierce.store import Store

runner = CliRunner()


def run(store: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "--store", str(store)])
    return result.exit_code, result.output


def state(store: Path) -> tuple[int, int]:
    with Store.open(store, read_only=True) as db:
        snaps = len(db.snapshots())
        count = db.con.execute("SELECT count(*) FROM statements").fetchone()[0]  # type: ignore[index]
    return snaps, count


@pytest.fixture
def excerpt() -> Path:
    return data_file("lists/csl-2025-05-excerpt.csv")


@pytest.fixture
def seeded(store_path: Path, excerpt: Path) -> Path:
    code, out = run(store_path, "ingest", str(excerpt), "--dataset", "seed")
    assert code == 0, out
    return store_path


def test_ingest_twice_is_a_no_op(seeded: Path, excerpt: Path) -> None:
    before = state(seeded)
    code, out = run(seeded, "ingest", str(excerpt), "--dataset", "seed")
    assert code == 0
    assert "already ingested" in out
    assert state(seeded) == before


def csl_lines(excerpt: Path) -> list[str]:
    return excerpt.read_text(encoding="utf-8").splitlines(keepends=True)


@pytest.mark.parametrize(
    "name, make, expected",
    [
        (
            "truncated.csv.gz",
            lambda lines: gzip.compress("".join(lines).encode())[:-40],
            "truncated",
        ),
        (
            "latin1.csv",
            lambda lines: "".join(lines[:3]).encode() + "Soci\xe9t\xe9,\n".encode("latin-1"),
            "line 4",
        ),
        ("picture.csv", lambda lines: b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "format"),
        (
            "huge.csv",
            lambda lines: (
                lines[0] + lines[1].replace("Inspur Group Co., Ltd.", "X" * 200_000)
            ).encode(),
            "exceeds",
        ),
        ("empty.csv", lambda lines: b"", "empty"),
    ],
)
def test_bad_files_fail_clearly_and_change_nothing(
    seeded: Path,
    excerpt: Path,
    tmp_path: Path,
    name: str,
    make,
    expected: str,  # type: ignore[no-untyped-def]
) -> None:
    bad = tmp_path / name
    bad.write_bytes(make(csl_lines(excerpt)))
    before = state(seeded)
    code, out = run(seeded, "ingest", str(bad))
    assert code == 1
    flat = " ".join(out.split())
    assert name in flat and expected in flat
    assert "Traceback" not in out
    assert state(seeded) == before


def test_a_bad_file_among_good_ones_fails_alone(seeded: Path, tmp_path: Path) -> None:
    bad = tmp_path / "nonsense.csv"
    bad.write_text("hello,world\n1,2\n")
    un = data_file("lists/bis-dpl-2022-09.txt")
    code, out = run(seeded, "ingest", str(bad), str(un))
    assert code == 1
    assert "nonsense.csv" in out
    with Store.open(seeded, read_only=True) as db:
        assert {s.dataset for s in db.snapshots()} == {"seed", "us_bis_dpl"}


def test_control_characters_are_cleaned(store_path: Path, excerpt: Path, tmp_path: Path) -> None:
    lines = csl_lines(excerpt)
    dirty = tmp_path / "dirty.csv"
    dirty.write_text(
        lines[0] + lines[1].replace("Inspur Group Co., Ltd.", "Inspur\x07 Group\x00 Co., Ltd.")
    )
    code, out = run(store_path, "ingest", str(dirty))
    assert code == 0, out
    with Store.open(store_path, read_only=True) as db:
        names = {v for e in db.entities() for v in e.get("name", quiet=True)}
    assert "Inspur Group Co., Ltd." in names


def test_unknown_format_override_is_a_clear_error(store_path: Path, excerpt: Path) -> None:
    code, out = run(store_path, "ingest", str(excerpt), "--format", "nope")
    assert code == 1
    assert "unknown format 'nope'" in out


def test_show_and_export_round_trip(seeded: Path, tmp_path: Path) -> None:
    with Store.open(seeded, read_only=True) as db:
        inspur = next(
            e for e in db.entities() if "Inspur Group Co., Ltd." in e.get("name", quiet=True)
        )
    code, out = run(seeded, "show", str(inspur.id), "--json")
    assert code == 0, out
    shown = json.loads(out)
    assert any(
        s["prop"] == "name" and s["value"] == "Inspur Group Co., Ltd." for s in shown["statements"]
    )
    assert all(s["source_name"] == "csl-2025-05-excerpt.csv" for s in shown["statements"])
    assert any(e["schema"] == "Sanction" for e in shown["referenced_by"])
    target = tmp_path / "out.ftm.json"
    code, out = run(seeded, "export", "-o", str(target))
    assert code == 0, out
    exported = [json.loads(line) for line in target.read_text().splitlines()]
    assert inspur.id in {e["id"] for e in exported}


def test_fetch_from_a_mirror_ingests_it(store_path: Path, tmp_path: Path) -> None:
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    shutil.copyfile(data_file("lists/bis-dpl-2022-09.txt"), mirror / "dpl.txt")
    code, out = run(
        store_path, "fetch", "us_bis_dpl", "--from", str(mirror), "--dest", str(tmp_path / "lists")
    )
    assert code == 0, out
    with Store.open(store_path, read_only=True) as db:
        assert [s.dataset for s in db.snapshots()] == ["us_bis_dpl"]
    code, out = run(
        store_path, "fetch", "un_sc", "--from", str(mirror), "--dest", str(tmp_path / "lists")
    )
    assert code == 1
    assert "consolidated.xml" in out


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    code, out = run(tmp_path / "nothing.duckdb", "datasets")
    assert code == 1
    assert "run `pierce ingest` first" in " ".join(out.split())


@pytest.mark.parametrize(
    "relative", ["ftm/opensanctions-zala.ftm.json", "ftm/opensanctions-t1.ftm.json"]
)
def test_ftm_through_the_store_and_back_is_lossless(
    store_path: Path, tmp_path: Path, relative: str
) -> None:
    """`pierce ingest` then `pierce export --format ftm` gives back every original line."""
    original = data_file(relative)
    code, out = run(store_path, "ingest", str(original))
    assert code == 0, out
    target = tmp_path / "back.ftm.json"
    code, out = run(store_path, "export", "--format", "ftm", "-o", str(target))
    assert code == 0, out

    def canonical(line: str) -> str:
        data = json.loads(line)
        data["properties"] = {k: sorted(v) for k, v in data["properties"].items()}
        return json.dumps(data, sort_keys=True, ensure_ascii=False)

    before = sorted(canonical(line) for line in original.read_text().splitlines() if line)
    after = sorted(canonical(line) for line in target.read_text().splitlines() if line)
    assert after == before
