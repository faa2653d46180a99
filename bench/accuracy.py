"""Accuracy on the labelled name pairs: pierce vs nomenklatura logic-v1 and logic-v2.

Usage: .venv/bin/python bench/accuracy.py [--threshold T] [--pairs PATH]

Precision, recall and F1 at pierce's default threshold (weights-v4.json; chosen for screening
registers at a false-positive rate under 0.5%, see src/pierce/data/match/README.md) and at
nomenklatura's usual 0.7, overall and per case_group, plus pairs/s, all measured in
this run. nomenklatura entities are built as ValueEntity with unique ids, as its harness does.
This file is the evaluation set: nothing in pierce is trained or tuned on it.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from pierce.match.corpus import data_dir  # noqa: E402
from pierce.match.scorer import score_names  # noqa: E402
from pierce.match.weights import default_model  # noqa: E402

NK_THRESHOLD = 0.7


def read_cases(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


Sides = Callable[[dict[str, Any]], tuple[str, dict[str, list[str]], dict[str, list[str]]]]


def name_pair(case: dict[str, Any]) -> tuple[str, dict[str, list[str]], dict[str, list[str]]]:
    """A case of this file as (schema, left properties, right properties)."""
    return case["schema"] or "LegalEntity", {"name": [case["name1"]]}, {"name": [case["name2"]]}


def nomenklatura_scorer(name: str, sides: Sides = name_pair) -> Callable[[dict[str, Any]], float]:
    from followthemoney import ValueEntity, model
    from nomenklatura.matching import LogicV1, LogicV2, ScoringConfig

    algorithm = {"logic-v1": LogicV1, "logic-v2": LogicV2}[name]
    config = ScoringConfig.defaults()
    counter = iter(range(10**9))

    def entity(schema: str, props: dict[str, list[str]]) -> ValueEntity:
        return ValueEntity(model.get(schema), {"id": f"e{next(counter)}",
                                               "schema": schema, "properties": props})

    def score(case: dict[str, Any]) -> float:
        schema, left, right = sides(case)
        return float(algorithm.compare(entity(schema, left), entity(schema, right),
                                       config).score)

    return score


def evaluate(cases: list[dict[str, Any]], scorer: Callable[[dict[str, Any]], float],
             threshold: float) -> tuple[dict[str, tuple[float, float, float, int]], float]:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # tp fp fn n
    scorer(cases[0])  # one-time loads (rigour's name tagger: several seconds) are not timed
    start = time.perf_counter()
    predictions = [scorer(case) >= threshold for case in cases]
    rate = len(cases) / (time.perf_counter() - start)
    for case, predicted in zip(cases, predictions, strict=True):
        truth = case["is_match"].strip().lower() == "true"
        for key in ("overall", case["case_group"]):
            c = counts[key]
            c[0] += predicted and truth
            c[1] += predicted and not truth
            c[2] += truth and not predicted
            c[3] += 1
    result = {}
    for key, (tp, fp, fn, n) in counts.items():
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        result[key] = (p, r, f1, n)
    return result, rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument("--pairs", type=Path, default=data_dir() / "bench/name-pairs-cases.csv")
    args = parser.parse_args()
    cases = read_cases(args.pairs)
    threshold = args.threshold if args.threshold is not None else default_model().threshold

    def pierce(case: dict[str, str]) -> float:
        return score_names(case["name1"], case["name2"], case["schema"] or "LegalEntity").score

    runs = compare(cases, pierce, threshold)
    print_runs(f"Name-pair accuracy on {args.pairs.name} ({len(cases)} pairs)", "group",
               "pairs/s", cases, runs)


Runs = dict[str, tuple[dict[str, tuple[float, float, float, int]], float]]


def compare(cases: list[Any], pierce: Callable[[dict[str, Any]], float], threshold: float,
            sides: Sides = name_pair) -> Runs:
    """pierce at its threshold, then nomenklatura logic-v1 and logic-v2 at theirs, on the
    same cases in one run (nomenklatura skipped, with a message, when not installed)."""
    runs = {f"pierce (t={threshold})": evaluate(cases, pierce, threshold)}
    for name in ("logic-v1", "logic-v2"):
        try:
            runs[f"{name} (t={NK_THRESHOLD})"] = evaluate(
                cases, nomenklatura_scorer(name, sides), NK_THRESHOLD)
        except ImportError as exc:
            print(f"skipping {name}: {exc}", file=sys.stderr)
    return runs


def print_runs(title: str, group_label: str, rate_label: str, cases: list[Any],
               runs: Runs) -> None:
    """One table: a row per case group (overall first), P / R / F1 per run, then the rates."""
    groups = ["overall"] + sorted({c["case_group"] for c in cases})
    table = Table(title=title)
    table.add_column(group_label)
    table.add_column("n", justify="right")
    for run in runs:
        table.add_column(f"{run}\nP / R / F1", justify="right")
    for group in groups:
        row = [group, str(runs[next(iter(runs))][0][group][3])]
        for metrics, _ in runs.values():
            p, r, f1, _n = metrics[group]
            row.append(f"{p:.3f} / {r:.3f} / {f1:.3f}")
        table.add_row(*row)
    table.add_row(rate_label, "", *[f"{rate:,.0f}" for _, rate in runs.values()])
    Console(width=200).print(table)


if __name__ == "__main__":
    main()
