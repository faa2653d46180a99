"""Benchmark: OFAC 50% closure and one explanation path per captured company.

Generates a heavy-tailed ownership graph (default 1,000,000 companies, 2,000,000 edges, with
cycles, 1% listed), then runs, each in a fresh process pinned to one core:

- pierce: ``pierce.rules.closure.propagate`` + ``parents`` (NumPy, frontier-based fixpoint);
- networkx: a straightforward worklist fixpoint over a ``networkx.DiGraph``.

networkx runs on the full graph by default (about 30 s, 1.3 GB); ``--nx-scale 0.1`` runs it on the
same generator at 1/10 scale; pierce runs on both sizes so the agreement is checked where
both ran. Prints a table: time, peak memory (max RSS of the process), captured, agreement.

    .venv/bin/python bench/graph.py [--nodes 1000000] [--edges 2000000] [--nx-scale 0.1]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def generate(
    n: int, m: int, seed: int = 7
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Owners heavy-tailed (Pareto weights), assets uniform, shares per asset summing to 50-100%."""
    rng = np.random.default_rng(seed)
    weights = rng.pareto(1.2, n) + 1.0
    cumulative = np.cumsum(weights)
    owner = np.searchsorted(cumulative, rng.random(m) * cumulative[-1]).astype(np.int64)
    asset = rng.integers(0, n, m, dtype=np.int64)
    # Explicit short cycles: 1% of edges reverse an earlier edge.
    k = m // 100
    owner[m - k :], asset[m - k :] = asset[:k].copy(), owner[:k].copy()
    raw = rng.exponential(1.0, m) ** 2  # skewed: some owners hold most of an asset
    totals = np.bincount(asset, weights=raw, minlength=n)
    cap = rng.uniform(50.0, 100.0, n)
    share = np.round(100.0 * raw / totals[asset] * cap[asset] / 100.0, 2)
    listed = np.zeros(n, dtype=bool)
    listed[rng.choice(n, n // 100, replace=False)] = True
    return owner, asset, share, listed


def run_pierce(n: int, m: int) -> dict[str, Any]:
    from pierce.rules.closure import parents, propagate

    owner, asset, share, listed = generate(n, m)
    t0 = time.perf_counter()
    captured, rounds, _ = propagate(n, owner, asset, share, listed, 50.0)
    parent = parents(owner, asset, share, captured, rounds)
    # Materialise one path per captured company: per depth, the edge taken (vectorised walk).
    nodes = np.flatnonzero(captured & ~listed)
    current = nodes.copy()
    path_edges: list[np.ndarray] = []
    ends_ok = True
    while current.size:
        edge = parent[current]
        alive = edge >= 0
        # A walk stops only at a listed company: every path is a complete explanation.
        ends_ok &= bool(listed[current[~alive]].all())
        path_edges.append(edge[alive])
        current = owner[edge[alive]]
    elapsed = time.perf_counter() - t0
    return {
        "time": elapsed,
        "captured": float(nodes.size),
        "path_steps": float(sum(p.size for p in path_edges)),
        "max_depth": float(len(path_edges)),
        "rounds": float(rounds.max()),
        "ok": float(ends_ok),
        "_captured_ids": nodes,
    }


def run_networkx(n: int, m: int) -> dict[str, Any]:
    import networkx as nx

    owner, asset, share, listed = generate(n, m)
    t0 = time.perf_counter()
    graph = nx.DiGraph()
    graph.add_nodes_from(range(n))
    for o, a, s in zip(owner.tolist(), asset.tolist(), share.tolist(), strict=True):
        if o == a:
            continue
        if graph.has_edge(o, a):
            graph[o][a]["share"] += s  # generator may repeat a pair: same as summing
        else:
            graph.add_edge(o, a, share=s)
    build = time.perf_counter() - t0
    blocked = set(np.flatnonzero(listed).tolist())
    held: dict[int, float] = {}
    via: dict[int, int] = {}
    work = list(blocked)
    while work:
        node = work.pop()
        for child, data in graph[node].items():
            if child in blocked:
                continue
            held[child] = held.get(child, 0.0) + data["share"]
            if held[child] >= 50.0 - 1e-9:
                blocked.add(child)
                via[child] = node
                work.append(child)
    captured = np.array(sorted(blocked - set(np.flatnonzero(listed).tolist())), dtype=np.int64)
    steps = 0
    for node in captured.tolist():
        while node in via:
            node = via[node]
            steps += 1
    elapsed = time.perf_counter() - t0
    return {
        "time": elapsed,
        "build": build,
        "captured": float(captured.size),
        "path_steps": float(steps),
        "_captured_ids": captured,
    }


def child(which: str, n: int, m: int, out: str) -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    if which == "generate":
        generate(n, m)
        result: dict[str, Any] = {"_captured_ids": np.empty(0, dtype=np.int64)}
    elif which == "pierce":
        result = run_pierce(n, m)
    else:
        result = run_networkx(n, m)
    ids = result.pop("_captured_ids")
    np.save(out + ".npy", ids)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["peak_mb"] = peak_mb
    Path(out + ".txt").write_text(repr(result))


def spawn(which: str, n: int, m: int, tmp: Path) -> tuple[dict[str, float], np.ndarray]:
    out = str(tmp / f"{which}-{n}")
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    subprocess.run(
        [
            sys.executable,
            __file__,
            "--child",
            which,
            "--nodes",
            str(n),
            "--edges",
            str(m),
            "--out",
            out,
        ],
        check=True,
        env=env,
    )
    result = eval(Path(out + ".txt").read_text())  # noqa: S307 - our own repr of floats
    return result, np.load(out + ".npy")


def baseline_memory_mb(n: int, m: int, tmp: Path) -> float:
    """Peak RSS of a process that only generates the graph (subtract to get the algorithm's)."""
    result, _ = spawn("generate", n, m, tmp)
    return result["peak_mb"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--nodes", type=int, default=1_000_000)
    parser.add_argument("--edges", type=int, default=2_000_000)
    parser.add_argument("--nx-scale", type=float, default=1.0)
    parser.add_argument("--child")
    parser.add_argument("--out")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.nodes, args.edges, args.out)
        return
    console = Console(width=150)
    n, m = args.nodes, args.edges
    sn, sm = int(n * args.nx_scale), int(m * args.nx_scale)
    table = Table(title="OFAC 50% closure + one path per captured company (1 core)")
    for column in (
        "implementation",
        "companies",
        "edges",
        "time s",
        "peak RSS MB",
        "RSS over data MB",
        "captured",
        "path steps",
        "paths end listed",
        "agreement",
    ):
        table.add_column(column, justify="right")
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        runs = [("pierce", n, m)]
        if (sn, sm) != (n, m):
            runs.append(("pierce", sn, sm))
        runs.append(("networkx", sn, sm))
        results: dict[tuple[str, int], tuple[dict[str, float], np.ndarray]] = {}
        for which, nn, mm in runs:
            console.print(f"running {which} on {nn:,} companies / {mm:,} edges ...")
            results[(which, nn)] = spawn(which, nn, mm, tmp)
        for which, nn, mm in runs:
            result, ids = results[(which, nn)]
            base = baseline_memory_mb(nn, mm, tmp)
            other = results.get(("networkx" if which == "pierce" else "pierce", nn))
            agree = "-"
            if other is not None:
                same = np.array_equal(np.sort(ids), np.sort(other[1]))
                agree = "identical" if same else f"DIFFER ({np.setxor1d(ids, other[1]).size})"
            table.add_row(
                which,
                f"{nn:,}",
                f"{mm:,}",
                f"{result['time']:.2f}",
                f"{result['peak_mb']:.0f}",
                f"{result['peak_mb'] - base:.0f}",
                f"{int(result['captured']):,}",
                f"{int(result['path_steps']):,}",
                {1.0: "yes", 0.0: "NO"}.get(result.get("ok", -1.0), "-"),
                agree,
            )
    console.print(table)
    console.print(
        "time: closure + parent selection + path walk (networkx: graph build + worklist + paths);"
        " peak RSS includes the generated arrays; 'RSS over data' subtracts a generate-only run."
    )


if __name__ == "__main__":
    main()
