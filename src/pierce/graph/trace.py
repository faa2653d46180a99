"""Trace a party or product to listed parties, as of a date, with the path as evidence.

``trace(store, query, as_of=None, rules=None) -> dict`` returns (JSON-ready):

- ``query``, ``as_of`` (ISO date), ``entity`` ``{id, name, schema, countries}``;
- ``cluster``: the records taken as this party ``[{id, name, dataset}]`` and ``merges``
  ``[{a, b, reason, manual}]`` (entity resolution, renames);
- ``verdict``: ``listed`` (on a list on the date) > ``captured`` (a rule in force captures it,
  definitely) > ``possible`` (a rule possibly or indeterminately captures it) > ``linked`` (a red
  flag, or a path to a listed party) > ``clear``;
- ``listings``: the party's own list entries valid on the date;
- ``rules``: per rule id ``{status, would_be, share: {lo, hi}, contributors, path, reason,
  licence, citations}``; ``status`` is ``listed``, ``definite``, ``possible``, ``indeterminate``,
  ``clear``, ``not_applicable`` (e.g. BIS Affiliates for a US entity, with ``reason`` and
  ``would_be``), ``suspended`` or ``not_in_force`` (with ``would_be``);
- ``red_flags``: ``[{kind, score, explanation, path}]``;
- ``linked``: ``{path}`` to the nearest listed party, or null;
- for products, ``equivalents`` ``[{id, name, score, reason}]`` and ``makers``.

A ``path`` is a list of steps ``{from, from_name, relation, to, to_name, date, end, share,
role, source, ref, reason}`` (absent keys are unknown), read left to right: "Aivres Systems,
Inc. renamed_from Inspur Systems, Inc.", "Inspur Systems, Inc. parent Inspur Group Co., Ltd.".
"""

from __future__ import annotations

from datetime import date
from typing import Any

from followthemoney import EntityProxy

from pierce.graph.config import flag_score
from pierce.graph.edges import Link
from pierce.graph.flags import linked_path, minority_flags, rename_flags, successor_flags
from pierce.graph.load import Graph, load, lookup_tables
from pierce.graph.paths import step, within_cluster
from pierce.graph.products import (
    lineage,
    model_core,
    package_candidates,
    product_candidates,
    rebadges,
)
from pierce.graph.resolve import Judgements, is_stub, name_key
from pierce.graph.shared import listed_ids, shared_links
from pierce.rules import load_rules
from pierce.rules.evaluate import close, explain

VERDICTS = ("listed", "captured", "possible", "linked", "clear")


class TraceError(ValueError):
    """A query that matches nothing in the store."""


def find_entities(store: Any, query: str) -> list[str]:
    """Ids for a query: an entity id, a product model designation, or a name."""
    query = query.strip()
    if not query:
        raise TraceError("empty query")
    if store.get(query) is not None:
        return [query]
    core = model_core(query)
    if core:
        rows = store.con.execute(
            "SELECT DISTINCT entity_id, value FROM current_statements WHERE prop = 'keywords' "
            "AND value LIKE 'model:%' AND upper(value) LIKE ?",
            [f"%{core}%"],
        ).fetchall()
        exact = [r[0] for r in rows if r[1].split(":", 1)[1].upper() == query.upper()]
        same_core = [r[0] for r in rows if model_core(r[1].split(":", 1)[1]) == core]
        if exact or same_core:
            return list(dict.fromkeys([*exact, *same_core]))
    names, _ = lookup_tables(store)
    rows = store.con.execute(
        f"SELECT DISTINCT entity_id FROM {names} WHERE key = ? ORDER BY entity_id",
        [name_key(query)],
    ).fetchall()
    if not rows:
        raise TraceError(f"nothing in the store matches {query!r} (as id, product model or name)")
    return [r[0] for r in rows]


def _entity_dict(graph: Graph, entity: EntityProxy) -> dict[str, Any]:
    return {
        "id": entity.id,
        "name": entity.caption,
        "schema": entity.schema.name,
        "countries": sorted(graph.countries(entity.id or ""))
        if entity.id in graph.entities
        else [],
    }


def _rule_path(
    graph: Graph, start: str, raw: list[dict[str, Any]], listed_record: str | None
) -> list[dict[str, Any]]:
    """A rule's path over clusters, rewritten over the records and links that state it."""
    by_ref: dict[str, list[Link]] = {}
    for link in graph.links:
        by_ref.setdefault(link.ref, []).append(link)
    steps: list[dict[str, Any]] = []
    current = start
    for item in raw:
        candidates = [
            x
            for x in by_ref.get(item.get("ref") or "", [])
            if graph.canonical(x.source) == item["from"] and graph.canonical(x.target) == item["to"]
        ]
        if not candidates:
            steps.append(item)
            current = item["to"]
            continue
        link = candidates[0]
        steps += within_cluster(graph, current, link.source)
        steps.append(step(graph, link))
        current = link.target
    if listed_record and graph.canonical(current) == graph.canonical(listed_record):
        steps += within_cluster(graph, current, listed_record)
    return steps


def _rules(graph: Graph, entity_id: str, as_of: date, rule_ids: list[str] | None) -> dict[str, Any]:
    facts = graph.facts()
    root = graph.canonical(entity_id)
    results = {}
    for rule in load_rules(rule_ids):
        closure = close(facts, rule, as_of)
        result = explain(closure, root)
        data = result.to_dict()
        last_owner = result.path[-1]["to"] if result.path else None
        listed_record = None
        if last_owner is not None:
            records = [x.entity for x in graph.listings_of(last_owner, as_of)]
            listed_record = records[0] if records else None
        data["path"] = _rule_path(graph, entity_id, result.path, listed_record)
        for item in data["contributors"]:
            item["name"] = graph.name(item["owner"])
        results[rule.id] = data
    return results


def _verdict(listings: list[Any], rules: dict[str, Any], flags: list[Any], linked: Any) -> str:
    if listings:
        return "listed"
    statuses = {r["status"] for r in rules.values()}
    if "definite" in statuses:
        return "captured"
    if statuses & {"possible", "indeterminate"}:
        return "possible"
    if flags or linked:
        return "linked"
    return "clear"


def _shared_flags(store: Any, graph: Graph, entity_id: str, as_of: date) -> list[dict[str, Any]]:
    links = shared_links(store, graph, entity_id)
    listed = listed_ids(store, sorted({x.target for x in links}))
    flags = []
    for link in links:
        if link.target not in listed:
            continue
        other = store.get(link.target)
        name = other.caption if other is not None else link.target
        flags.append(
            {
                "kind": link.relation,
                "score": flag_score(link.relation),
                "explanation": f"shares {link.reason} with listed {name}",
                "path": [{**link.to_dict(), "from_name": graph.name(link.source), "to_name": name}],
            }
        )
    return flags


def _party_trace(
    store: Any, graph: Graph, entity_id: str, as_of: date, rule_ids: list[str] | None
) -> dict[str, Any]:
    root = graph.canonical(entity_id)
    listings = graph.listings_of(root, as_of)
    rules = _rules(graph, entity_id, as_of, rule_ids)
    flags = [
        *rename_flags(graph, entity_id, as_of),
        *successor_flags(graph, entity_id, as_of),
        *minority_flags(graph, entity_id, as_of),
        *_shared_flags(store, graph, entity_id, as_of),
    ]
    flags.sort(key=lambda f: -f["score"])
    linked = None if listings else linked_path(graph, entity_id, as_of)
    members = graph.members(entity_id)
    return {
        "verdict": _verdict(listings, rules, flags, linked),
        "cluster": [
            {
                "id": m,
                "name": graph.name(m),
                "dataset": sorted(getattr(graph.entities[m], "datasets", []) or []),
            }
            for m in members
        ],
        "merges": [m.to_dict() for m in graph.clusters.reasons(entity_id)],
        "listings": [
            {
                "entity": x.entity,
                "program_id": x.program_id,
                "program": x.program,
                "authority": x.authority,
                "authority_id": x.authority_id,
                "start": x.start.isoformat() if x.start else None,
                "end": x.end.isoformat() if x.end else None,
                "source": x.source,
            }
            for x in listings
        ],
        "rules": rules,
        "red_flags": flags,
        "linked": None if linked is None else {"path": linked},
    }


def _product_trace(
    store: Any, product: EntityProxy, as_of: date, hops: int, judgements: Judgements | None
) -> dict[str, Any]:
    is_package = product.schema.name == "Package"
    if is_package:
        equivalents = lineage(product, package_candidates(store, product))
        relation, kind = "lineage", "software_lineage"
    else:
        equivalents = rebadges(product, product_candidates(store, product))
        relation, kind = "rebadge_of", "product_rebadge"
    graph = load(
        store, [product.id or "", *(e.other for e in equivalents)], hops=hops, judgements=judgements
    )
    for eq in equivalents:
        graph.links.append(Link(product.id or "", eq.other, relation, reason=eq.reason))
    flags: list[dict[str, Any]] = []
    makers = []
    for link in graph.links:
        if link.relation in ("made_by", "brand_of") and link.source == product.id:
            path = linked_path(graph, link.target, as_of, parties_only=True)
            listed = bool(graph.listings_of(link.target, as_of))
            makers.append(
                {
                    "id": link.target,
                    "name": graph.name(link.target),
                    "role": link.role,
                    "listed": listed,
                    "path_to_listed": path,
                }
            )
    for eq in equivalents:
        for link in graph.links:
            if link.relation not in ("made_by", "brand_of") or link.source != eq.other:
                continue
            tail = linked_path(graph, link.target, as_of, parties_only=True)
            if tail is None and not graph.listings_of(link.target, as_of):
                continue
            if graph.listings_of(link.target, as_of):
                records = [x.entity for x in graph.listings_of(link.target, as_of)]
                tail = within_cluster(graph, link.target, records[0])
            path = [
                step(graph, Link(product.id or "", eq.other, relation, reason=eq.reason)),
                step(graph, link),
                *(tail or []),
            ]
            flags.append(
                {
                    "kind": kind,
                    "score": round(flag_score(kind) * eq.score, 3),
                    "explanation": f"{'derived from' if is_package else 'rebadge of'} "
                    f"{graph.name(eq.other)} ({eq.reason}), whose {link.role or 'maker'} "
                    f"{graph.name(link.target)} leads to a listed party",
                    "path": path,
                }
            )
    linked = linked_path(graph, product.id or "", as_of)
    return {
        "verdict": "linked" if (flags or linked) else "clear",
        "cluster": [{"id": product.id, "name": product.caption}],
        "merges": [],
        "listings": [],
        "rules": {},
        "red_flags": sorted(flags, key=lambda f: -f["score"]),
        "linked": None if linked is None else {"path": linked},
        "equivalents": [
            {"id": e.other, "name": graph.name(e.other), "score": e.score, "reason": e.reason}
            for e in equivalents
        ],
        "makers": makers,
    }


def _found(
    store: Any, query: str, judgements: Judgements | None
) -> tuple[Judgements | None, list[str], list[Any], list[Any]]:
    """The store's judgements, the ids matching ``query``, their entities, and the parties among
    them: the fullest record first, a catalogue stub known only by name last."""
    if judgements is None and getattr(store, "path", None) is not None:
        judgements = Judgements.for_store(store.path)
    ids = find_entities(store, query)
    entities = [e for e in (store.get(i) for i in ids) if e is not None]
    if not entities:
        raise TraceError(f"nothing in the store matches {query!r}")
    parties = sorted(
        (e for e in entities if e.schema.is_a("LegalEntity")), key=lambda e: (is_stub(e), e.id)
    )
    return judgements, ids, entities, parties


def trace(
    store: Any,
    query: str,
    as_of: date | None = None,
    rules: list[str] | None = None,
    hops: int = 2,
    judgements: Judgements | None = None,
) -> dict[str, Any]:
    """Everything that connects ``query`` to listed parties on ``as_of`` (default today)."""
    as_of = as_of or date.today()
    judgements, ids, entities, parties = _found(store, query, judgements)
    products = [e for e in entities if e.schema.name in ("Asset", "Package")]
    primary = (parties or products or entities)[0]
    if primary.schema.name in ("Asset", "Package"):
        body = _product_trace(store, primary, as_of, hops, judgements)
        graph = None
    else:
        graph = load(
            store,
            [primary.id or "", *(e.id or "" for e in parties[1:])],
            hops=hops,
            judgements=judgements,
        )
        body = _party_trace(store, graph, primary.id or "", as_of, rules)
    entity_info = {
        "id": primary.id,
        "name": primary.caption,
        "schema": primary.schema.name,
        "countries": sorted(graph.countries(primary.id or "")) if graph else [],
    }
    return {
        "query": query,
        "as_of": as_of.isoformat(),
        "entity": entity_info,
        "matches": ids,
        **body,
    }


def verdict(store: Any, entity_id: str, as_of: date | None = None) -> str:
    """The trace verdict for one entity (for the screening results' ``verdict`` column)."""
    try:
        return str(trace(store, entity_id, as_of)["verdict"])
    except TraceError:
        return "clear"


def neighbourhood(
    store: Any, query: str, hops: int = 2, judgements: Judgements | None = None
) -> tuple[Graph, str]:
    """The loaded graph around ``query`` (with product equivalents) and the focus id."""
    judgements, _, entities, parties = _found(store, query, judgements)
    primary = (parties or entities)[0]
    extra: list[Link] = []
    roots = [primary.id or "", *(e.id or "" for e in parties[1:])]
    if primary.schema.name == "Asset":
        for eq in rebadges(primary, product_candidates(store, primary)):
            roots.append(eq.other)
            extra.append(Link(primary.id or "", eq.other, "rebadge_of", reason=eq.reason))
    elif primary.schema.name == "Package":
        for eq in lineage(primary, package_candidates(store, primary)):
            roots.append(eq.other)
            extra.append(Link(primary.id or "", eq.other, "lineage", reason=eq.reason))
    graph = load(store, roots, hops=hops, judgements=judgements)
    graph.links.extend(extra)
    return graph, primary.id or ""
