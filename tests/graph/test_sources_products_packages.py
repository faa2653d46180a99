"""The products and packages parsers: entities, detection and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pierce.graph.products import model_core
from pierce.sources import detect
from pierce.sources import packages as packages_source
from pierce.sources import products as products_source
from pierce.sources.base import SourceError

FIXTURES = Path(__file__).parent / "fixtures"
# The Inspur case is the demo's too: one copy, in demo/.
DEMO = Path(__file__).parents[2] / "demo"
HEADER = "id,manufacturer,brand,model,name,description,url,first_seen,last_seen\n"


def test_products_parse_and_detect() -> None:
    path = DEMO / "products.csv"
    assert detect(path) is products_source
    entities = list(products_source.parse(path).entities)
    products = {e.id: e for e in entities if e.schema.name == "Asset"}
    assert products["product-aivres-5280m6"].get("keywords") == ["model:5280M6"]
    assert products["product-aivres-5280m6"].get("alias") == ["5280M6"]
    links = [e for e in entities if e.schema.name == "UnknownLink"]
    roles = {(e.first("object"), e.first("role")) for e in links}
    assert ("product-inspur-ir5280m6", "manufacturer") in roles
    makers = [e for e in entities if e.schema.name == "Company"]
    assert len({e.id for e in makers}) == len(makers)  # each maker once


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("a,b,c\n", "header must be"),
        (HEADER + "x,M,B,IR1,,desc,,2021-13-01,\n", "line 2.*not an ISO date"),
        (HEADER + "x,M,B,IR1\n", "line 2.*expected 9 columns"),
        (HEADER + "x,M,B,IR1,n,d,,,\nx,M,B,IR2,n,d,,,\n", "line 3.*duplicate id"),
        (HEADER + ",M,B,IR1,n,d,,,\n", "line 2.*missing id"),
    ],
)
def test_products_errors_name_line(tmp_path: Path, body: str, problem: str) -> None:
    path = tmp_path / "p.csv"
    path.write_text(body)
    with pytest.raises(SourceError, match=problem):
        list(products_source.parse(path).entities)


def test_packages_parse_and_detect() -> None:
    path = FIXTURES / "packages.jsonl"
    assert detect(path) is packages_source
    (first, *_rest) = list(packages_source.parse(path).entities)
    assert first.schema.name == "Package"
    assert first.get("emailMentioned") == ["li.wei@inspur.example"]
    assert "module:ipmi" in first.get("keywords")
    assert first.get("title") == ["acme-core 1.0.0"]


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("{not json", "line 1.*not valid JSON"),
        ('{"id": "a"}', "needs 'id' and 'name'"),
        ('{"id": "a", "name": "x", "modules": "bmc"}', "'modules' must be a list"),
        ("[1, 2]", "JSON object"),
    ],
)
def test_packages_errors_name_line(tmp_path: Path, line: str, problem: str) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text(line + "\n")
    with pytest.raises(SourceError, match=problem):
        list(packages_source.parse(path).entities)


def test_split_author() -> None:
    assert packages_source.split_author("Li Wei <Li.Wei@Example.org>") == (
        "Li Wei",
        "li.wei@example.org",
    )
    assert packages_source.split_author("Anonymous") == ("Anonymous", None)


def test_model_core_examples() -> None:
    assert model_core("IR5280M6") == model_core("5280M6") == model_core("NF5280M6") == "5280M6"
    assert model_core("ir-5280 m6") == "5280M6"
    assert model_core("M6") == "M6"  # too short to strip anything
    assert model_core("Aivres 5280M6", ["Aivres"]) == "5280M6"


cores = st.from_regex(r"[1-9][0-9]{3}[A-Z][0-9]", fullmatch=True)


@given(cores, st.sampled_from(["IR", "NF", "Inspur ", "ir-", ""]), st.booleans())
def test_model_core_ignores_prefix_case_and_punctuation(
    core: str, prefix: str, lower: bool
) -> None:
    text = prefix + core
    text = text.lower() if lower else text
    assert model_core(text) == core
    assert model_core(model_core(text)) == core  # idempotent


@given(st.text(max_size=30))
def test_model_core_never_raises(text: str) -> None:
    assert isinstance(model_core(text), str)
