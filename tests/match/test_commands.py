"""The pairs / screen / match commands, run through a Typer app as the CLI wires them."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import typer
from realdata import data_file
from typer.testing import CliRunner

from pierce.match.commands import register

runner = CliRunner()


def app() -> typer.Typer:
    application = typer.Typer()
    register(application)
    return application


def test_pairs_scores_good_rows_and_reports_bad_ones(tmp_path: Path) -> None:
    infile = tmp_path / "in.csv"
    infile.write_text(
        "name1,name2,schema,note\n"
        "Inspur Group Co. Ltd.,INSPUR GROUP COMPANY LIMITED,Company,a\n"
        '"SALEK, ABDULHAI",Abdulhai Salek,Person,b\n'
        ",Empty,Person,c\n"
        "too,many,fields,here,now\n"
        f"{'x' * 12000},y,Person,d\n"
        "Gaz\x01prom,Gazprom,Spaceship,e\n"
        "EPMNE,EP-MNE,Airplane,f\n",  # any FtM schema; an aircraft's registration
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    result = runner.invoke(app(), ["pairs", str(infile), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "in.csv:5: 5 fields, header has 4" in result.output
    assert "unknown schema 'Spaceship'" in result.output
    assert "longer than 10000" in result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["note"] for r in rows] == ["a", "b", "c", "d", "e", "f"]
    assert "unknown schema 'Airplane'" not in result.output
    assert "EP-MNE (aircraft registration)" in rows[5]["explanation"]
    assert all(0.0 <= float(r["score"]) <= 1.0 and r["explanation"] for r in rows)
    assert float(rows[1]["score"]) > float(rows[2]["score"])


def test_pairs_missing_column_or_file_is_a_clear_error(tmp_path: Path) -> None:
    infile = tmp_path / "in.csv"
    infile.write_text("a,b\n1,2\n", encoding="utf-8")
    result = runner.invoke(app(), ["pairs", str(infile), "-o", str(tmp_path / "o.csv")])
    assert result.exit_code == 1
    assert "missing column(s) name1, name2" in result.output
    assert "Traceback" not in result.output
    result = runner.invoke(app(), ["pairs", str(tmp_path / "nope.csv"), "-o", "o.csv"])
    assert result.exit_code == 1
    assert "cannot read" in result.output
    assert not (tmp_path / "o.csv").exists()


def _store(path: Path) -> Path:
    from pierce.store import Store

    with Store.open(path) as store:
        store.ingest(data_file("lists/csl-2025-05-excerpt.csv"))
    return path


def test_screen_writes_one_row_per_hit_and_warns_on_unknown_columns(
        tmp_path: Path, store_path: Path) -> None:
    _store(store_path)
    infile = tmp_path / "q.csv"
    infile.write_text(
        "id,schema,name,country,favourite_colour\n"
        "q1,Company,Inspur Group Company Limited,cn,blue\n"
        "q2,Company,,cn,red\n"
        ",Company,Nameless,,\n"
        "q4,Company,Lovely Bakery of Nowhere,,green\n",
        encoding="utf-8",
    )
    out = tmp_path / "hits.csv"
    result = runner.invoke(app(), ["screen", str(infile), "-o", str(out), "--store",
                                   str(store_path)])
    assert result.exit_code == 0, result.output
    assert "unknown column(s) favourite_colour" in result.output
    assert "record q2: no name or identifier" in result.output
    assert "empty id" in result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert list(rows[0]) == ["query_id", "entity_id", "caption", "schema", "datasets",
                             "programs", "score", "explanation", "verdict"]
    assert {r["query_id"] for r in rows} == {"q1"}
    assert "88 FR 13675" in rows[0]["explanation"]

    jsonl = tmp_path / "hits.jsonl"
    result = runner.invoke(app(), ["screen", str(infile), "-o", str(jsonl), "--format", "jsonl",
                                   "--store", str(store_path), "--threshold", "0.99"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in jsonl.read_text().splitlines()]
    assert all(float(x["score"]) >= 0.99 for x in lines)


def test_screen_bad_options_and_missing_store(tmp_path: Path) -> None:
    infile = tmp_path / "q.csv"
    infile.write_text("id,name\nq1,Acme\n", encoding="utf-8")
    result = runner.invoke(app(), ["screen", str(infile), "-o", "o.csv", "--threshold", "2"])
    assert result.exit_code == 2
    result = runner.invoke(app(), ["screen", str(infile), "-o", str(tmp_path / "o.csv"),
                                   "--store", str(tmp_path / "missing.duckdb")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output


def test_match_prints_a_table(store_path: Path) -> None:
    _store(store_path)
    result = runner.invoke(app(), ["match", "Inspur Group", "--schema", "Company",
                                   "--country", "cn", "--address", "Langchao Road 1036, Jinan",
                                   "--store", str(store_path)])
    assert result.exit_code == 0, result.output
    assert "Inspur Group Co., Ltd." in result.output
    assert "inspur=inspur" in result.output  # token pairs shown, not eaten as markup
    assert "address" in result.output and "Langchao Road" in result.output  # (wrapped)
    result = runner.invoke(app(), ["match", "   ", "--store", str(store_path)])
    assert result.exit_code == 2
    result = runner.invoke(app(), ["match", "X", "--schema", "Nope", "--store", str(store_path)])
    assert result.exit_code == 2


def test_screen_compares_addresses_and_explains_them(tmp_path: Path, store_path: Path) -> None:
    _store(store_path)
    infile = tmp_path / "q.csv"
    infile.write_text("id,schema,name,address\n"
                      'q1,Company,Inspur Group Company Limited,"1036 Langchao Rd, Jinan, '
                      'Shandong, China"\n', encoding="utf-8")
    out = tmp_path / "hits.csv"
    result = runner.invoke(app(), ["screen", str(infile), "-o", str(out), "--store",
                                   str(store_path)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    inspur = [r for r in rows if r["caption"] == "Inspur Group Co., Ltd."]
    assert inspur, rows
    assert ("address '1036 Langchao Rd, Jinan, Shandong, China' ~ "
            "'No. 1036 Langchao Road, Jinan City, Shandong, CN'") in inspur[0]["explanation"]
