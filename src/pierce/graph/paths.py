"""Evidence paths: lists of steps ``{from, relation, to, date, source}`` through the graph."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from datetime import date
from typing import Any

from pierce.graph.edges import Link
from pierce.graph.load import Graph

INVERSE = {
    "owned_by": "owns",
    "controlled_by": "controls",
    "parent": "parent_of",
    "renamed_from": "renamed_to",
    "successor_of": "predecessor_of",
    "directed_by": "directs",
    "employs": "employed_by",
    "made_by": "makes",
    "brand_of": "brand_owner_of",
    "rebadge_of": "rebadged_as",
}


def step(graph: Graph, link: Link, forward: bool = True) -> dict[str, Any]:
    data = link.to_dict()
    if not forward:
        data["from"], data["to"] = link.target, link.source
        data["relation"] = INVERSE.get(link.relation, link.relation)
    data["from_name"] = graph.name(data["from"])
    data["to_name"] = graph.name(data["to"])
    return {k: v for k, v in data.items() if v is not None}


def same_as_step(graph: Graph, a: str, b: str) -> dict[str, Any]:
    reasons = [m for m in graph.clusters.merges if {m.a, m.b} == {a, b}]
    return {
        "from": a,
        "from_name": graph.name(a),
        "relation": "same_as",
        "to": b,
        "to_name": graph.name(b),
        "reason": reasons[0].reason if reasons else "same party (entity resolution)",
    }


PRODUCT_RELATIONS = {"made_by", "brand_of", "rebadge_of", "lineage"}


def _neighbours(
    graph: Graph,
    node: str,
    as_of: date | None,
    allowed: set[str] | None,
    exclude: set[str] = frozenset(),  # type: ignore[assignment]
) -> list[tuple[str, dict[str, Any]]]:
    found: list[tuple[str, dict[str, Any]]] = []
    for link in graph.links:
        if link.relation in exclude:
            continue
        if not link.active(as_of) and link.relation != "renamed_from":
            continue
        if link.relation == "renamed_from" and as_of and link.start and link.start > as_of:
            continue
        if allowed is not None and link.relation not in allowed:
            continue
        if link.source == node:
            found.append((link.target, step(graph, link)))
        elif link.target == node:
            found.append((link.source, step(graph, link, forward=False)))
    for merge in graph.clusters.merges:
        if node in (merge.a, merge.b) and (allowed is None or "same_as" in allowed):
            other = merge.b if merge.a == node else merge.a
            found.append((other, same_as_step(graph, node, other)))
    return found


def find_path(
    graph: Graph,
    start: str,
    goal: Callable[[str], bool],
    as_of: date | None = None,
    allowed: set[str] | None = None,
    max_steps: int = 8,
    exclude: set[str] = frozenset(),  # type: ignore[assignment]
) -> list[dict[str, Any]] | None:
    """Shortest path from ``start`` to a node satisfying ``goal`` (BFS; [] if start is one)."""
    if goal(start):
        return []
    queue: deque[tuple[str, list[dict[str, Any]]]] = deque([(start, [])])
    seen = {start}
    while queue:
        node, path = queue.popleft()
        if len(path) >= max_steps:
            continue
        for other, data in _neighbours(graph, node, as_of, allowed, exclude):
            if other in seen:
                continue
            seen.add(other)
            extended = [*path, data]
            if goal(other):
                return extended
            queue.append((other, extended))
    return None


def within_cluster(graph: Graph, a: str, b: str) -> list[dict[str, Any]]:
    """Steps from record ``a`` to record ``b`` of the same party (renames, same-as merges)."""
    if a == b:
        return []
    path = find_path(graph, a, lambda x: x == b, allowed={"renamed_from", "same_as"})
    return path if path is not None else [same_as_step(graph, a, b)]
