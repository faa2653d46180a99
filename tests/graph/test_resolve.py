"""Entity resolution over records held in memory, and reviewer judgements."""

from __future__ import annotations

from pathlib import Path

from followthemoney import EntityProxy, model

from pierce.graph.load import from_entities
from pierce.graph.resolve import Judgements, cluster, name_key


def company(entity_id: str, **props: str | list[str]) -> EntityProxy:
    entity = model.make_entity("Company")
    entity.id = entity_id
    for prop, value in props.items():
        entity.add(prop, value)
    return entity


def test_same_identifier_merges_with_reason() -> None:
    a = company("registry-1", name="Alpha Trading LLC", leiCode="5493001KJTIIGC8Y1R12")
    b = company("list-1", name="ALPHA TRADING", leiCode="5493001KJTIIGC8Y1R12")
    clusters = cluster({e.id: e for e in (a, b)})  # type: ignore[misc]
    assert clusters.find("registry-1") == clusters.find("list-1")
    assert "leiCode" in clusters.merges[0].reason


def test_same_name_needs_agreeing_address() -> None:
    a = company("a", name="Beta Ltd", country="cn", address="No. 5 Harbour Road, Shanghai")
    b = company("b", name="BETA LTD.", country="cn", address="No 5 Harbour Road Shanghai")
    c = company("c", name="Beta Ltd", country="cn", address="77 Mountain Street, Chengdu")
    d = company("d", name="Beta Ltd", country="ru", address="No. 5 Harbour Road, Shanghai")
    clusters = cluster({e.id: e for e in (a, b, c, d)})  # type: ignore[misc]
    assert clusters.find("a") == clusters.find("b")
    assert clusters.find("a") != clusters.find("c")
    assert clusters.find("a") != clusters.find("d")


def test_split_judgement_blocks_automatic_merge(tmp_path: Path) -> None:
    a = company("a", name="Gamma", uscCode="913700001630477270")
    b = company("b", name="Gamma", uscCode="913700001630477270")
    judgements = Judgements.for_store(tmp_path / "pierce.duckdb")
    judgements.add("split", "a", "b", "different branches")
    judgements.save()
    reloaded = Judgements.for_store(tmp_path / "pierce.duckdb")
    assert reloaded.path.name == "pierce.resolve.json"
    clusters = cluster({"a": a, "b": b}, reloaded)
    assert clusters.find("a") != clusters.find("b")
    reloaded.add("merge", "a", "b")  # a later judgement on the same pair replaces the split
    assert not reloaded.split and reloaded.merge


def test_manual_merge_and_rename_cluster_in_memory_graph() -> None:
    old = company("old", name="Inspur Systems, Inc.", country="us")
    new = company(
        "new", name="Aivres Systems, Inc.", previousName="Inspur Systems, Inc.", country="us"
    )
    other = company("other", name="Elsewhere Inc.")
    graph = from_entities([old, new, other])
    assert graph.canonical("new") == graph.canonical("old")
    judgements = Judgements(Path("unused.json"))
    judgements.add("merge", "new", "other", "reviewer knows")
    graph = from_entities([old, new, other], judgements)
    assert graph.canonical("other") == graph.canonical("old")
    assert any(m.manual for m in graph.clusters.merges)


def test_name_key_matches_sql_rule() -> None:
    assert name_key("Inspur Group Co., Ltd.") == "inspurgroupcoltd"
    assert name_key("ООО «ЦСТ»") == "оооцст"


def test_same_long_name_and_country_without_address() -> None:
    listed = company(
        "el", name="Inspur Group Co., Ltd.", country="cn", address="No. 1036 Langchao Road"
    )
    other = company("1260h", name="Inspur Group Co., Ltd.", country="cn")
    short = company("short", name="Hua Co", country="cn")
    short2 = company("short2", name="Hua Co.", country="cn")
    clusters = cluster({e.id: e for e in (listed, other, short, short2)})  # type: ignore[misc]
    assert clusters.find("el") == clusters.find("1260h")
    assert "no address" in clusters.merges[0].reason
    assert clusters.find("short") != clusters.find("short2")  # too short to trust
