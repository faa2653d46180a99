"""Evaluate a rule as of a date: definite / possible / indeterminate capture, with evidence.

Three fixpoints bound the truth when shares are ranges or unknown:

- definite: every holding at its lower bound (unknown = 0);
- possible: known holdings at their upper bound (unknown = 0);
- indeterminate: every holding at its upper bound (unknown = 100%).

An entity captured in the first is ``definite``; only in the second ``possible``; only in the
third ``indeterminate`` (it turns on a share nobody published).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from pierce.model.shares import Share, merge_shares
from pierce.rules.closure import parents, path_of, propagate
from pierce.rules.definitions import Rule
from pierce.rules.facts import Facts, Holding, Listing, in_period, listed_on

LEVELS = ("definite", "possible", "indeterminate")


@dataclass
class Edge:
    """One owner→asset link as the rule sees it on the date (reports merged)."""

    owner: str
    asset: str
    lo: float
    hi: float
    known: bool
    kind: str
    holdings: list[Holding]


@dataclass
class RuleResult:
    rule: str
    # listed | definite | possible | indeterminate | clear | not_applicable | suspended |
    # not_in_force
    status: str
    share: tuple[float, float] | None = None  # share held by listed/captured owners [lo, hi]
    contributors: list[dict[str, Any]] = field(default_factory=list)
    path: list[dict[str, Any]] = field(default_factory=list)
    listings: list[Listing] = field(default_factory=list)
    reason: str = ""
    would_be: str | None = None  # status had the rule been in force / applicable
    licence: dict[str, str] | None = None
    citations: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "status": self.status,
            "would_be": self.would_be,
            "share": None if self.share is None else {"lo": self.share[0], "hi": self.share[1]},
            "contributors": self.contributors,
            "path": self.path,
            "listings": [listing_dict(item) for item in self.listings],
            "reason": self.reason,
            "licence": self.licence,
            "citations": list(self.citations),
        }


def listing_dict(item: Listing) -> dict[str, Any]:
    return {
        "entity": item.entity,
        "program_id": item.program_id,
        "program": item.program,
        "authority": item.authority,
        "authority_id": item.authority_id,
        "start": item.start.isoformat() if item.start else None,
        "end": item.end.isoformat() if item.end else None,
        "provisions": item.provisions,
        "policy": item.policy,
        "source": item.source,
    }


def rule_edges(facts: Facts, rule: Rule, as_of: date) -> list[Edge]:
    """Holdings valid on ``as_of``, counted as the rule says, one edge per owner–asset pair."""
    groups: dict[tuple[str, str], dict[str, list[Holding]]] = {}
    for holding in facts.holdings:
        mode = rule.links.get(holding.kind, "ignore")
        if mode == "ignore" or holding.owner == holding.asset:
            continue
        if not in_period(as_of, holding.start, holding.end):
            continue
        key = (holding.owner, holding.asset)
        groups.setdefault(key, {}).setdefault(holding.kind, []).append(holding)
    edges: list[Edge] = []
    for (owner, asset), kinds in groups.items():
        best: tuple[float, float, bool, str] | None = None
        every: list[Holding] = []
        for kind, holdings in kinds.items():
            every.extend(holdings)
            mode = rule.links[kind]
            if mode == "full":
                bounds = (100.0, 100.0, True)
            elif mode == "possible":
                bounds = (0.0, 100.0, True)
            elif mode == "unknown":
                bounds = (0.0, 100.0, False)
            else:
                merged = merge_shares([h.share for h in holdings])
                bounds = (0.0, 100.0, False) if merged is None else (merged.lo, merged.hi, True)
            # Several kinds of link between one pair: the strongest evidence wins.
            if best is None or (bounds[2], bounds[0], bounds[1]) > (best[2], best[0], best[1]):
                best = (*bounds, kind)
        assert best is not None
        edges.append(Edge(owner, asset, best[0], best[1], best[2], best[3], every))
    return edges


@dataclass
class Closure:
    """A rule's closure on one date over a set of facts."""

    rule: Rule
    as_of: date
    state: str
    ids: list[str]
    index: dict[str, int]
    edges: list[Edge]
    listed: dict[str, list[Listing]]
    owner: np.ndarray
    asset: np.ndarray
    shares: dict[str, np.ndarray]
    captured: dict[str, np.ndarray]
    rounds: dict[str, np.ndarray]
    parent: dict[str, np.ndarray]
    countries: dict[str, frozenset[str]]
    names: dict[str, str]

    def level(self, entity: str) -> str:
        i = self.index.get(entity)
        if i is None:
            return "clear"
        if self.rounds["definite"][i] == 0:
            return "listed"
        for level in LEVELS:
            if self.captured[level][i]:
                return level
        return "clear"


def close(facts: Facts, rule: Rule, as_of: date) -> Closure:
    listed = listed_on(facts, rule, as_of)
    edges = rule_edges(facts, rule, as_of)
    ids = sorted({e.owner for e in edges} | {e.asset for e in edges} | set(listed))
    index = {entity: i for i, entity in enumerate(ids)}
    n = len(ids)
    owner = np.array([index[e.owner] for e in edges], dtype=np.int64)
    asset = np.array([index[e.asset] for e in edges], dtype=np.int64)
    lo = np.array([e.lo for e in edges], dtype=np.float64)
    hi = np.array([e.hi for e in edges], dtype=np.float64)
    known = np.array([e.known for e in edges], dtype=bool)
    shares = {"definite": lo, "possible": np.where(known, hi, 0.0), "indeterminate": hi}
    seed = np.zeros(n, dtype=bool)
    seed[[index[e] for e in listed]] = True
    captured, rounds, parent = {}, {}, {}
    for level in LEVELS:
        captured[level], rounds[level], _ = propagate(
            n, owner, asset, shares[level], seed, rule.threshold, rule.strict, rule.aggregation
        )
        parent[level] = parents(owner, asset, shares[level], captured[level], rounds[level])
    state, _ = rule.state(as_of)
    return Closure(
        rule,
        as_of,
        state,
        ids,
        index,
        edges,
        listed,
        owner,
        asset,
        shares,
        captured,
        rounds,
        parent,
        facts.countries,
        facts.names,
    )


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def edge_step(closure: Closure, k: int, level: str) -> dict[str, Any]:
    """A path step: the asset is owned by (or controlled by) the owner."""
    edge = closure.edges[k]
    first = edge.holdings[0]
    return {
        "from": edge.asset,
        "from_name": closure.names.get(edge.asset, edge.asset),
        "relation": {"ownership": "owned_by", "control": "controlled_by"}.get(edge.kind, "parent"),
        "to": edge.owner,
        "to_name": closure.names.get(edge.owner, edge.owner),
        "share": _share_text(edge),
        "date": _iso(first.start),
        "end": _iso(first.end),
        "source": first.source,
        "ref": first.ref,
    }


def _share_text(edge: Edge) -> str:
    if not edge.known and edge.kind == "ownership":
        return "unknown"
    if edge.kind != "ownership":
        return edge.kind
    return str(Share(edge.lo, edge.hi))


def _licence(closure: Closure, entity: str, level: str) -> dict[str, str] | None:
    """Most restrictive licence terms among the listed owners upstream of ``entity``."""
    rank = closure.rule.licence_policy_rank
    if not rank:
        return None
    captured = closure.captured[level]
    roots: list[Listing] = []
    seen = {entity}
    todo = [entity]
    while todo:
        node = todo.pop()
        for k, edge in enumerate(closure.edges):
            if edge.asset != node or not captured[closure.owner[k]] or edge.owner in seen:
                continue
            seen.add(edge.owner)
            if edge.owner in closure.listed:
                roots.extend(closure.listed[edge.owner])
            else:
                todo.append(edge.owner)
    if not roots:
        return None

    def strictness(item: Listing) -> int:
        policy = item.policy.lower()
        for i, name in enumerate(rank):
            if name in policy:
                return i
        return len(rank)

    strictest = min(roots, key=strictness)
    return {
        "policy": strictest.policy,
        "provisions": strictest.provisions,
        "from": strictest.entity,
        "authority_id": strictest.authority_id,
    }


def explain(closure: Closure, entity: str) -> RuleResult:
    """The rule's answer for one entity, with contributing owners, share range and path."""
    rule = closure.rule
    level = closure.level(entity)
    result = RuleResult(rule=rule.id, status=level, citations=rule.citations)
    i = closure.index.get(entity)
    if level == "listed":
        result.listings = closure.listed[entity]
        result.share = (100.0, 100.0)
    elif i is not None:
        lo_total = hi_total = 0.0
        for k in np.flatnonzero(closure.asset == i):
            edge = closure.edges[int(k)]
            o = int(closure.owner[k])
            owner_level = closure.level(edge.owner)
            if owner_level == "clear":
                continue
            lo = edge.lo if owner_level in ("listed", "definite") else 0.0
            hi = edge.hi if edge.known else 100.0
            if rule.aggregation == "max":
                lo_total, hi_total = max(lo_total, lo), max(hi_total, hi)
            else:
                lo_total, hi_total = lo_total + lo, hi_total + hi
            result.contributors.append(
                {
                    "owner": edge.owner,
                    "name": closure.names.get(edge.owner, edge.owner),
                    "owner_status": owner_level,
                    "share": _share_text(edge),
                    "lo": edge.lo,
                    "hi": edge.hi if edge.known else 100.0,
                    "kind": edge.kind,
                    "listings": [listing_dict(x) for x in closure.listed.get(edge.owner, [])],
                    "_index": o,
                }
            )
        if result.contributors:
            result.share = (min(lo_total, 100.0), min(hi_total, 100.0))
        for item in result.contributors:
            item.pop("_index")
        if level in LEVELS:
            steps = path_of(i, closure.parent[level], closure.owner)
            result.path = [edge_step(closure, k, level) for k in steps]
            result.licence = _licence(closure, entity, level)
    # Applicability and in-force windows qualify the answer, never hide it.
    countries = closure.countries.get(entity, frozenset())
    if level != "listed" and countries and countries <= rule.exclude_countries:
        result.would_be, result.status = result.status, "not_applicable"
        result.reason = (
            rule.not_applicable_reason or f"not applicable to {', '.join(sorted(countries))}"
        )
    elif level != "listed" and closure.state != "in_force":
        result.would_be, result.status = result.status, closure.state
        _, window = rule.state(closure.as_of)
        when = f" ({window.start}–{window.end or 'open'}: {window.citation})" if window else ""
        result.reason = f"{rule.name} is {closure.state.replace('_', ' ')} on {closure.as_of}{when}"
    return result


def evaluate(facts: Facts, rule: Rule, as_of: date, entities: list[str]) -> dict[str, RuleResult]:
    closure = close(facts, rule, as_of)
    return {entity: explain(closure, entity) for entity in entities}
