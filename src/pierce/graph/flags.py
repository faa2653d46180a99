"""Red flags: evasion signals, scored and explained, kept apart from rule results.

Each flag is ``{kind, score, explanation, path}``; scores and the rename window come from
``graph.yaml``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pierce.graph.config import config, flag_score
from pierce.graph.load import Graph
from pierce.graph.paths import PRODUCT_RELATIONS, find_path, step, within_cluster
from pierce.rules.facts import Listing

OWNERSHIP = {"owned_by", "controlled_by", "parent"}


def _flag(kind: str, score: float, explanation: str, path: list[dict[str, Any]]) -> dict[str, Any]:
    return {"kind": kind, "score": round(score, 3), "explanation": explanation, "path": path}


def _listing_text(item: Listing) -> str:
    parts = [item.program or item.program_id or item.authority]
    if item.authority_id:
        parts.append(item.authority_id)
    if item.start:
        parts.append(f"listed {item.start.isoformat()}")
    return ", ".join(p for p in parts if p)


def owners_upstream(graph: Graph, entity_id: str) -> dict[str, list[dict[str, Any]]]:
    """Every owner/parent cluster above ``entity_id`` (any share, any date) with a path to it."""
    root = graph.canonical(entity_id)
    found: dict[str, list[dict[str, Any]]] = {}
    todo: list[tuple[str, str, list[dict[str, Any]]]] = [(root, entity_id, [])]
    while todo:
        cluster, record, path = todo.pop()
        for link in graph.links:
            if link.relation not in OWNERSHIP or graph.canonical(link.source) != cluster:
                continue
            owner = graph.canonical(link.target)
            if owner in found or owner == root:
                continue
            steps = [*path, *within_cluster(graph, record, link.source), step(graph, link)]
            found[owner] = steps
            todo.append((owner, link.target, steps))
    return found


def rename_flags(graph: Graph, entity_id: str, as_of: date) -> list[dict[str, Any]]:
    window = int(config()["flags"]["rename_window_days"])
    root = graph.canonical(entity_id)
    flags = []
    renames = [
        link
        for link in graph.links
        if link.relation == "renamed_from"
        and link.start is not None
        and link.start <= as_of
        and graph.canonical(link.source) == root
    ]
    owners = owners_upstream(graph, entity_id)
    for rename in renames:
        rename_step = [*within_cluster(graph, entity_id, rename.source), step(graph, rename)]
        assert rename.start is not None
        for item in graph.listings_of(root):
            if item.start and 0 <= (rename.start - item.start).days <= window:
                days = (rename.start - item.start).days
                flags.append(
                    _flag(
                        "renamed_after_own_listing",
                        flag_score("renamed_after_own_listing"),
                        f"renamed {days} days after its own listing ({_listing_text(item)})",
                        rename_step,
                    )
                )
        for owner, path in owners.items():
            for item in graph.listings_of(owner):
                if item.start and 0 <= (rename.start - item.start).days <= window:
                    days = (rename.start - item.start).days
                    tail = path[-1]["to"] if path else owner
                    to_listed = (
                        [] if tail == item.entity else within_cluster(graph, tail, item.entity)
                    )
                    flags.append(
                        _flag(
                            "renamed_after_owner_listing",
                            flag_score("renamed_after_owner_listing"),
                            f"renamed {days} days after the owner's listing: {graph.name(owner)} "
                            f"({_listing_text(item)})",
                            [*path, *to_listed] if path else [*rename_step, *to_listed],
                        )
                    )
    return flags


def successor_flags(graph: Graph, entity_id: str, as_of: date) -> list[dict[str, Any]]:
    root = graph.canonical(entity_id)
    flags = []
    for link in graph.links:
        if link.relation != "successor_of" or graph.canonical(link.source) != root:
            continue
        listed = graph.listings_of(link.target, as_of) or graph.listings_of(link.target)
        if listed:
            flags.append(
                _flag(
                    "successor_of_listed",
                    flag_score("successor_of_listed"),
                    f"successor of {graph.name(link.target)} ({_listing_text(listed[0])})",
                    [*within_cluster(graph, entity_id, link.source), step(graph, link)],
                )
            )
    return flags


def minority_flags(
    graph: Graph, entity_id: str, as_of: date, threshold: float = 50.0
) -> list[dict[str, Any]]:
    root = graph.canonical(entity_id)
    flags = []
    for link in graph.links:
        if link.relation != "owned_by" or graph.canonical(link.source) != root:
            continue
        if not link.active(as_of) or link.share is None or link.share.hi >= threshold:
            continue
        listed = graph.listings_of(link.target, as_of)
        if listed:
            base = flag_score("minority_owned_by_listed")
            flags.append(
                _flag(
                    "minority_owned_by_listed",
                    base * max(0.2, link.share.hi / threshold),
                    f"{link.share} owned by listed {graph.name(link.target)} "
                    f"({_listing_text(listed[0])}), below the {threshold:g}% threshold",
                    [*within_cluster(graph, entity_id, link.source), step(graph, link)],
                )
            )
    return flags


def linked_path(
    graph: Graph, entity_id: str, as_of: date, parties_only: bool = False
) -> list[dict[str, Any]] | None:
    """Shortest path from the party to any listed party in the loaded neighbourhood."""
    root = graph.canonical(entity_id)

    def listed(node: str) -> bool:
        return graph.canonical(node) != root and bool(graph.listings_of(node, as_of))

    exclude = PRODUCT_RELATIONS if parties_only else set()
    path = find_path(graph, entity_id, listed, as_of, exclude=exclude)
    if path is None:
        return None
    # End on the listed record itself, not merely on its cluster.
    last = path[-1]["to"] if path else entity_id
    listed_records = [x.entity for x in graph.listings_of(last, as_of)]
    if listed_records and last not in listed_records:
        path.extend(within_cluster(graph, last, listed_records[0]))
    return path
