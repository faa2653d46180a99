"""Vectorised fixpoint of the 50%-style rules over arrays of edges.

One round adds, for every asset, the shares held by owners captured in the previous round;
an asset whose accumulated share meets the threshold is captured in this round. Only captured
owners ever contribute, so indirect ownership counts only through captured entities (no
multiplying along chains). Each node is captured at most once, so cycles terminate; the work
is linear in the number of edges. The same function runs the benchmark and every trace.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

EPS = 1e-9


def _csr(n: int, owner: NDArray[np.int64]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    order = np.argsort(owner, kind="stable")
    indptr = np.searchsorted(owner[order], np.arange(n + 1)).astype(np.int64)
    return order.astype(np.int64), indptr


def _gather(
    frontier: NDArray[np.int64], order: NDArray[np.int64], indptr: NDArray[np.int64]
) -> NDArray[np.int64]:
    """Indices of every edge whose owner is in ``frontier``."""
    starts = indptr[frontier]
    counts = indptr[frontier + 1] - starts
    total = int(counts.sum())
    if total == 0:
        return np.empty(0, dtype=np.int64)
    offsets = np.repeat(starts - (np.cumsum(counts) - counts), counts)
    return order[offsets + np.arange(total, dtype=np.int64)]


def propagate(
    n: int,
    owner: NDArray[np.int64],
    asset: NDArray[np.int64],
    share: NDArray[np.float64],
    seed: NDArray[np.bool_],
    threshold: float,
    strict: bool = False,
    aggregation: str = "sum",
) -> tuple[NDArray[np.bool_], NDArray[np.int32], NDArray[np.float64]]:
    """Capture closure from ``seed`` (listed nodes).

    Returns ``captured`` (seed included), ``round`` (0 for seeds, k for the k-th round, -1 if
    never captured) and ``held``: the share of each node held by captured owners (summed, or
    the largest single holding when ``aggregation == "max"``).
    """
    keep = (owner != asset) & (share > 0)
    owner, asset, share = owner[keep], asset[keep], share[keep]
    order, indptr = _csr(n, owner)
    captured = seed.copy()
    rounds = np.full(n, -1, dtype=np.int32)
    rounds[seed] = 0
    held = np.zeros(n, dtype=np.float64)
    frontier = np.flatnonzero(seed).astype(np.int64)
    level = 0
    while frontier.size:
        level += 1
        edges = _gather(frontier, order, indptr)
        if edges.size == 0:
            break
        targets = asset[edges]
        touched, inverse = np.unique(targets, return_inverse=True)
        if aggregation == "max":
            best = np.zeros(touched.size)
            np.maximum.at(best, inverse, share[edges])
            held[touched] = np.maximum(held[touched], best)
        else:
            held[touched] += np.bincount(inverse, weights=share[edges], minlength=touched.size)
        values = held[touched]
        meets = values > threshold + EPS if strict else values >= threshold - EPS
        new = touched[meets & ~captured[touched]]
        captured[new] = True
        rounds[new] = level
        frontier = new
    return captured, rounds, held


def parents(
    owner: NDArray[np.int64],
    asset: NDArray[np.int64],
    share: NDArray[np.float64],
    captured: NDArray[np.bool_],
    rounds: NDArray[np.int32],
) -> NDArray[np.int64]:
    """For each captured non-seed node, the edge to its largest earlier-captured owner (-1 else).

    Following these edges from any captured node reaches a seed in at most ``rounds`` steps:
    one explanation path per captured node.
    """
    n = captured.size
    result = np.full(n, -1, dtype=np.int64)
    ok = captured[owner] & (rounds[asset] > 0) & (rounds[owner] < rounds[asset]) & (share > 0)
    ok &= owner != asset
    edges = np.flatnonzero(ok)
    if edges.size == 0:
        return result
    order = np.lexsort((-share[edges], asset[edges]))
    edges = edges[order]
    first = np.unique(asset[edges], return_index=True)[1]
    chosen = edges[first]
    result[asset[chosen]] = chosen
    return result


def path_of(node: int, parent_edge: NDArray[np.int64], owner: NDArray[np.int64]) -> list[int]:
    """The chain of edge indices from ``node`` up to a seed."""
    steps: list[int] = []
    while parent_edge[node] >= 0 and len(steps) <= parent_edge.size:
        edge = int(parent_edge[node])
        steps.append(edge)
        node = int(owner[edge])
    return steps
