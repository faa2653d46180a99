"""The Inspur / Aivres scenario, written from public facts (see fixtures/):

Inspur Group Co., Ltd. on the Entity List (88 FR 13675, 2023-03-06); its US subsidiary Inspur
Systems, Inc. renamed Aivres Systems, Inc. (2023-05-01); Inspur Asset Holdings renamed Betapex
(2023-09-18); the IR5280M6 server sold as the 5280M6. The listing itself comes from the real
May 2025 CSL excerpt; entity resolution ties it to the fixture's Inspur Group record.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from realdata import data_file
from typer.testing import CliRunner

from pierce.graph.resolve import Judgements
from pierce.graph.trace import TraceError, trace, verdict
from pierce.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
# The Inspur case is the demo's too: one copy, in demo/.
DEMO = Path(__file__).parents[2] / "demo"
CSL_RECORD = "us-csl-el-8ac34c1a21c6f79b"


@pytest.fixture(scope="module")
def store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("inspur") / "pierce.duckdb"
    with Store.open(path) as store:
        store.ingest(data_file("lists/csl-2025-05-excerpt.csv"))
        store.ingest(DEMO / "inspur-case.ftm.json", dataset="inspur_fixture")
        store.ingest(DEMO / "products.csv")
        store.ingest(FIXTURES / "packages.jsonl")
    return path


@pytest.fixture
def store(store_file: Path) -> Any:
    with Store.open(store_file) as opened:
        yield opened


def relations(path: list[dict[str, Any]]) -> list[str]:
    return [step["relation"] for step in path]


def test_aivres_traces_to_inspur_group_through_the_rename(store: Any) -> None:
    result = trace(store, "Aivres Systems, Inc.", as_of=date(2025, 10, 15))
    assert result["entity"]["id"] == "us-aivres-systems"
    assert result["verdict"] == "linked"
    (flag,) = [f for f in result["red_flags"] if f["kind"] == "renamed_after_owner_listing"]
    assert "renamed 56 days after the owner's listing" in flag["explanation"]
    assert "88 FR 13675" in flag["explanation"]
    rename = flag["path"][0]
    assert (rename["from"], rename["relation"], rename["to"], rename["date"]) == (
        "us-aivres-systems",
        "renamed_from",
        "us-inspur-systems",
        "2023-05-01",
    )
    assert flag["path"][1]["relation"] == "parent"
    assert flag["path"][1]["to"] == "cn-inspur-group"
    assert flag["path"][-1]["to"] == CSL_RECORD  # ends on the Entity List record itself


def test_bis_affiliates_not_applicable_to_us_entity(store: Any) -> None:
    result = trace(store, "us-aivres-systems", as_of=date(2025, 10, 15))
    bis = result["rules"]["bis-affiliates"]
    assert bis["status"] == "not_applicable"
    assert "foreign" in bis["reason"]
    assert bis["would_be"] == "indeterminate"  # the subsidiary's share is not published
    assert [c["owner"] for c in bis["contributors"]] == ["cn-inspur-group"]
    assert relations(bis["path"]) == ["renamed_from", "parent", "same_as"]
    assert result["rules"]["ofac50"]["status"] == "clear"  # the Entity List does not block


def test_no_rename_flag_before_the_rename(store: Any) -> None:
    result = trace(store, "us-aivres-systems", as_of=date(2023, 4, 1))
    assert not [f for f in result["red_flags"] if f["kind"].startswith("renamed")]


def test_betapex_rename_and_unknown_country(store: Any) -> None:
    result = trace(store, "Betapex", as_of=date(2025, 10, 15))
    (flag,) = [f for f in result["red_flags"] if f["kind"] == "renamed_after_owner_listing"]
    assert "renamed 196 days after the owner's listing" in flag["explanation"]
    # Country unknown: the rule applies, and the unknown share makes it indeterminate.
    assert result["rules"]["bis-affiliates"]["status"] == "indeterminate"
    assert result["verdict"] == "possible"
    suspended = trace(store, "Betapex", as_of=date(2026, 6, 1))["rules"]["bis-affiliates"]
    assert (suspended["status"], suspended["would_be"]) == ("suspended", "indeterminate")


def test_inspur_group_is_listed(store: Any) -> None:
    result = trace(store, "Inspur Group", as_of=date(2025, 10, 15))
    assert result["verdict"] == "listed"
    assert result["listings"][0]["authority_id"] == "88 FR 13675"
    assert verdict(store, "cn-inspur-group", date(2023, 1, 1)) == "clear"  # before the listing


def test_5280m6_traces_to_ir5280m6_and_its_maker(store: Any) -> None:
    result = trace(store, "5280M6", as_of=date(2025, 10, 15))
    assert result["entity"]["id"] == "product-aivres-5280m6"
    assert result["verdict"] == "linked"
    assert [e["id"] for e in result["equivalents"]] == ["product-inspur-ir5280m6"]
    (flag,) = [f for f in result["red_flags"] if f["kind"] == "product_rebadge"]
    assert relations(flag["path"]) == ["rebadge_of", "made_by", "same_as"]
    assert flag["path"][1]["to_name"] == "Inspur Group Co., Ltd."
    assert flag["path"][-1]["to"] == CSL_RECORD
    # The Dell server shares no model core: not an equivalent.
    assert "product-other-r740" not in {e["id"] for e in result["equivalents"]}


def test_software_lineage_through_shared_author(store: Any) -> None:
    result = trace(store, "nova-agent", as_of=date(2025, 10, 15))
    (eq,) = result["equivalents"]
    assert eq["id"] == "package-acme-core-1.0"
    assert "li.wei@inspur.example" in eq["reason"]


def test_unknown_query_is_a_clear_error(store: Any) -> None:
    with pytest.raises(TraceError, match="nothing in the store matches"):
        trace(store, "No Such Party Ltd")


def test_split_judgement_survives_reingest(store_file: Path, tmp_path: Path) -> None:
    copy = tmp_path / "pierce.duckdb"
    copy.write_bytes(store_file.read_bytes())
    judgements = Judgements.for_store(copy)
    judgements.add("split", "cn-inspur-group", CSL_RECORD, "test: pretend they differ")
    judgements.save()
    with Store.open(copy) as store:
        store.ingest(data_file("lists/csl-2025-sample.csv"))  # a re-ingest of other data
        result = trace(store, "us-aivres-systems", as_of=date(2025, 10, 15))
    assert not [f for f in result["red_flags"] if f["kind"] == "renamed_after_owner_listing"]
    assert json.loads(copy.with_name("pierce.resolve.json").read_text())["split"]


def test_cli_trace_json_and_graph_html(store_file: Path, tmp_path: Path) -> None:
    from pierce.cli import app

    runner = CliRunner()
    done = runner.invoke(
        app,
        [
            "trace",
            "us-aivres-systems",
            "--as-of",
            "2025-10-15",
            "--json",
            "--rules",
            "ofac50,bis-affiliates",
            "--store",
            str(store_file),
        ],
    )
    assert done.exit_code == 0, done.output
    data = json.loads(done.stdout)
    assert set(data["rules"]) == {"ofac50", "bis-affiliates"}
    assert data["as_of"] == "2025-10-15" and data["verdict"] == "linked"
    tree = runner.invoke(app, ["trace", "5280M6", "--store", str(store_file)])
    assert tree.exit_code == 0 and "rebadge" in tree.stdout
    page = tmp_path / "g.html"
    done = runner.invoke(
        app, ["graph", "us-aivres-systems", "-o", str(page), "--store", str(store_file)]
    )
    assert done.exit_code == 0, done.output
    text = page.read_text()
    assert "Inspur Group Co., Ltd." in text and "<svg" in text and 'src="http' not in text
    bad = runner.invoke(app, ["trace", "x", "--as-of", "2025-13-01", "--store", str(store_file)])
    assert bad.exit_code == 2
    missing = runner.invoke(app, ["trace", "No Such Party", "--store", str(store_file)])
    assert missing.exit_code == 1 and "Traceback" not in missing.output


def test_cli_resolve_merge_split_show(store_file: Path, tmp_path: Path) -> None:
    from pierce.cli import app

    copy = tmp_path / "pierce.duckdb"
    copy.write_bytes(store_file.read_bytes())
    runner = CliRunner()
    shown = runner.invoke(
        app, ["resolve", "show", "us-aivres-systems", "--json", "--store", str(copy)]
    )
    assert shown.exit_code == 0, shown.output
    members = json.loads(shown.stdout)["members"]
    assert {"us-aivres-systems", "us-inspur-systems"} <= set(members)
    done = runner.invoke(
        app,
        [
            "resolve",
            "split",
            "us-aivres-systems",
            "us-inspur-systems",
            "--note",
            "test",
            "--store",
            str(copy),
        ],
    )
    assert done.exit_code == 0, done.output
    shown = runner.invoke(
        app, ["resolve", "show", "us-aivres-systems", "--json", "--store", str(copy)]
    )
    assert "us-inspur-systems" not in json.loads(shown.stdout)["members"]
    done = runner.invoke(
        app, ["resolve", "merge", "us-aivres-systems", "betapex", "--store", str(copy)]
    )
    assert done.exit_code == 0
    shown = runner.invoke(
        app, ["resolve", "show", "us-aivres-systems", "--json", "--store", str(copy)]
    )
    assert "betapex" in json.loads(shown.stdout)["members"]
