"""Load the neighbourhood of some entities from the store as an in-memory graph.

Walks relationship entities (``store.referencing``) outward from the roots. Upstream links
(owners, controllers, parents, predecessors, renames) and twins found by entity resolution
are followed without limit, because a rule's answer depends on every ancestor; other links
(directors, employees, subsidiaries, unknown links) up to ``hops`` steps.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from followthemoney import EntityProxy

from pierce.graph.config import config
from pierce.graph.edges import Link, holding_of, links_of, listing_of
from pierce.graph.resolve import NAME_KEY_SQL, Clusters, Judgements, Merge, cluster, name_key
from pierce.rules.facts import Facts, Listing

UPSTREAM = {"owned_by", "controlled_by", "parent", "renamed_from", "successor_of"}
SAME_PARTY = {"renamed_from"}


@dataclass
class Graph:
    entities: dict[str, EntityProxy] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    listings: list[Listing] = field(default_factory=list)
    clusters: Clusters = field(default_factory=Clusters)

    def canonical(self, entity_id: str) -> str:
        return self.clusters.find(entity_id)

    def members(self, entity_id: str) -> list[str]:
        return self.clusters.members(entity_id, self.entities)

    def name(self, entity_id: str) -> str:
        entity = self.entities.get(entity_id)
        if entity is None:
            return entity_id
        return entity.caption or entity_id

    def countries(self, entity_id: str) -> frozenset[str]:
        found: set[str] = set()
        for member in self.members(entity_id):
            entity = self.entities[member]
            for prop in ("country", "jurisdiction", "mainCountry"):
                if prop in entity.schema.properties:
                    found.update(entity.get(prop))
        return frozenset(found)

    def listings_of(self, entity_id: str, as_of: date | None = None) -> list[Listing]:
        """The party's list entries valid on ``as_of`` (all when None). As in the rules, an
        undated entry beside dated ones is taken to start with the earliest dated one."""
        root = self.canonical(entity_id)
        items = [item for item in self.listings if self.canonical(item.entity) == root]
        if as_of is None:
            return items
        starts = [x.start for x in items if x.start is not None]
        earliest = min(starts) if starts else None
        return [
            item
            for item in items
            if ((item.start or earliest) is None or (item.start or earliest) <= as_of)  # type: ignore[operator]
            and (item.end is None or as_of <= item.end)
        ]

    def facts(self) -> Facts:
        """Rule facts over clusters: every holding and listing moved to its cluster's id."""
        holdings = []
        for link in self.links:
            holding = holding_of(link)
            if holding is None:
                continue
            owner, asset = self.canonical(holding.owner), self.canonical(holding.asset)
            if owner == asset:
                continue
            holdings.append(
                type(holding)(
                    owner,
                    asset,
                    holding.share,
                    holding.kind,
                    holding.start,
                    holding.end,
                    holding.source,
                    holding.ref,
                )
            )
        listings = [
            Listing(**{**item.__dict__, "entity": self.canonical(item.entity)})
            for item in self.listings
        ]
        roots = {self.canonical(e) for e in self.entities}
        return Facts(
            holdings,
            listings,
            countries={r: self.countries(r) for r in roots},
            names={r: self.name(r) for r in roots},
        )


def _sql_ids(store: Any, sql: str, params: list[Any]) -> list[str]:
    return [row[0] for row in store.con.execute(sql, params).fetchall()]


def lookup_tables(store: Any) -> tuple[str, str]:
    """Temporary per-connection tables of name keys and identifiers, built once per store state.

    Looking names up by key over every statement costs a scan per visited entity; these keep
    the walk fast on large stores. Named after the latest snapshot, so an ingest refreshes them.
    """
    latest = store.con.execute("SELECT coalesce(max(id), 0) FROM snapshots").fetchone()[0]
    names, idents = f"pierce_name_keys_{latest}", f"pierce_identifiers_{latest}"
    props = ",".join(f"'{p}'" for p in config()["identity_props"])
    store.con.execute(
        f"CREATE TEMP TABLE IF NOT EXISTS {names} AS SELECT DISTINCT entity_id, prop, "
        f"{NAME_KEY_SQL} AS key FROM current_statements "
        "WHERE prop IN ('name', 'alias', 'previousName')"
    )
    store.con.execute(
        f"CREATE TEMP TABLE IF NOT EXISTS {idents} AS SELECT DISTINCT entity_id, prop, value "
        f"FROM current_statements WHERE prop IN ({props})"
    )
    return names, idents


def twin_candidates(store: Any, entity: EntityProxy, limit: int = 50) -> list[str]:
    """Ids of records that may be the same party: same typed identifier or same name key."""
    if not entity.schema.is_a("LegalEntity"):
        return []
    names, idents = lookup_tables(store)
    ids: set[str] = set()
    values = [
        v
        for p in config()["identity_props"]
        if p in entity.schema.properties
        for v in entity.get(p)
    ]
    if values:
        marks = ",".join("?" * len(values))
        ids.update(
            _sql_ids(
                store,
                f"SELECT DISTINCT entity_id FROM {idents} WHERE value IN ({marks}) LIMIT {limit}",
                values,
            )
        )
    keys = sorted({name_key(n) for n in entity.get("name")} - {""})
    if keys:
        marks = ",".join("?" * len(keys))
        ids.update(
            _sql_ids(
                store,
                f"SELECT DISTINCT entity_id FROM {names} WHERE prop IN ('name', 'previousName') "
                f"AND key IN ({marks}) LIMIT {limit}",
                keys,
            )
        )
    ids.discard(entity.id or "")
    return sorted(ids)


def _previous_name_links(entities: dict[str, EntityProxy], links: list[Link]) -> list[Link]:
    """Undated renames: a record whose previousName is another record's name (unless a dated
    Succession already says so)."""
    dated = {(x.source, x.target) for x in links if x.relation == "renamed_from"}
    by_key: dict[str, list[str]] = {}
    for entity in entities.values():
        if entity.schema.is_a("LegalEntity"):
            for name in entity.get("name"):
                by_key.setdefault(name_key(name), []).append(entity.id or "")
    found = []
    for entity in entities.values():
        if not entity.schema.is_a("LegalEntity"):
            continue
        for old in entity.get("previousName"):
            for other in by_key.get(name_key(old), []):
                if other != entity.id and (entity.id, other) not in dated:
                    found.append(
                        Link(
                            entity.id or "",
                            other,
                            "renamed_from",
                            role="previousName",
                            reason=f"previous name {old!r}",
                        )
                    )
    return found


def _compatible(a: EntityProxy, b: EntityProxy) -> bool:
    def countries(e: EntityProxy) -> set[str]:
        return {
            v for p in ("country", "jurisdiction") if p in e.schema.properties for v in e.get(p)
        }

    ca, cb = countries(a), countries(b)
    return not (ca and cb and not ca & cb)


def load(
    store: Any,
    roots: list[str],
    hops: int = 2,
    max_nodes: int = 5000,
    judgements: Judgements | None = None,
) -> Graph:
    graph = Graph()
    seen_links: set[tuple[str, str, str, str]] = set()
    queue = deque((root, 0) for root in roots)
    visited: set[str] = set()
    while queue and len(visited) < max_nodes:
        entity_id, depth = queue.popleft()
        if entity_id in visited:
            continue
        visited.add(entity_id)
        entity = store.get(entity_id)
        if entity is None:
            continue
        graph.entities[entity_id] = entity
        for twin in twin_candidates(store, entity):
            queue.append((twin, depth))
        for ref in store.referencing(entity_id):
            if ref.schema.name == "Sanction":
                graph.listings.extend(x for x in listing_of(ref) if x.entity == entity_id)
                continue
            for link in links_of(ref):
                if entity_id not in (link.source, link.target):
                    continue
                key = (link.ref, link.source, link.target, link.relation)
                if key not in seen_links:
                    seen_links.add(key)
                    graph.links.append(link)
                other = link.target if link.source == entity_id else link.source
                upstream = link.relation in SAME_PARTY or (
                    link.source == entity_id and link.relation in UPSTREAM
                )
                next_depth = depth if upstream else depth + 1
                if next_depth <= hops:
                    queue.append((other, next_depth))
    # Listings are deduplicated: a twin visited twice must not list twice.
    graph.listings = list({(x.ref, x.entity): x for x in graph.listings}.values())
    return _with_renames_and_clusters(graph, judgements)


def from_entities(entities: list[EntityProxy], judgements: Judgements | None = None) -> Graph:
    """A graph of entities held in memory (no store): every relationship among them."""
    graph = Graph()
    for entity in entities:
        if entity.schema.name == "Sanction":
            graph.listings.extend(listing_of(entity))
        elif entity.schema.name in config()["relations"]:
            graph.links.extend(links_of(entity))
        else:
            graph.entities[entity.id or ""] = entity
    return _with_renames_and_clusters(graph, judgements)


def _with_renames_and_clusters(graph: Graph, judgements: Judgements | None) -> Graph:
    """Add rename links from previousName, then cluster: a renamed record is the same party."""
    graph.links.extend(_previous_name_links(graph.entities, graph.links))
    extra = [
        Merge(link.source, link.target, f"renamed ({link.reason or link.role or 'succession'})")
        for link in graph.links
        if link.relation == "renamed_from"
        and link.source in graph.entities
        and link.target in graph.entities
        and _compatible(graph.entities[link.source], graph.entities[link.target])
    ]
    graph.clusters = cluster(graph.entities, judgements, extra=extra)
    return graph
