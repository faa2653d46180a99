"""Accuracy on whole-entity checks: pierce's record scorer vs nomenklatura logic-v1 and logic-v2.

Usage: .venv/bin/python bench/entities.py [--threshold T] [--checks PATH]

`bench/entity-checks.yml` (in $PIERCE_TEST_DATA) holds 228 checks: a query and a candidate,
each a set of FtM properties (names, and a person's name in parts: firstName, middleName,
fatherName, lastName), and whether they are one party. pierce scores a pair as `pierce screen`
scores a query row against a listed party (`record_from_properties`, then `score_records`);
nomenklatura scores the two as entities (ValueEntity with unique ids, as its harness does).
Precision, recall and F1 at each default threshold, overall and per schema, and checks/s,
all measured in this run. An evaluation set: nothing in pierce is trained or tuned on it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from accuracy import NK_THRESHOLD, evaluate, print_runs

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from pierce.match.corpus import data_dir  # noqa: E402
from pierce.match.records import record_from_properties  # noqa: E402
from pierce.match.scorer import score_records  # noqa: E402
from pierce.match.weights import default_model  # noqa: E402


def read_checks(path: Path) -> list[dict[str, Any]]:
    """The checks as cases `evaluate` reads (grouped by schema)."""
    with path.open(encoding="utf-8") as fh:
        checks = yaml.safe_load(fh)["checks"]
    return [{"case_group": check["schema"], "schema": check["schema"],
             "is_match": str(bool(check["match"])).lower(),
             "query": check["query"], "candidate": check["candidate"]} for check in checks]


def _values(props: dict[str, Any]) -> dict[str, list[str]]:
    return {k: [str(x) for x in (v if isinstance(v, list) else [v])] for k, v in props.items()}


def pierce_score(case: dict[str, Any]) -> float:
    query = record_from_properties("q", case["schema"], _values(case["query"]))
    candidate = record_from_properties("c", case["schema"], _values(case["candidate"]))
    return score_records(query, candidate).score


def nomenklatura_scorer(name: str) -> Callable[[dict[str, Any]], float]:
    from followthemoney import ValueEntity, model
    from nomenklatura.matching import LogicV1, LogicV2, ScoringConfig

    algorithm = {"logic-v1": LogicV1, "logic-v2": LogicV2}[name]
    config = ScoringConfig.defaults()
    counter = iter(range(10**9))

    def entity(schema: str, props: dict[str, Any]) -> ValueEntity:
        return ValueEntity(model.get(schema), {"id": f"e{next(counter)}", "schema": schema,
                                               "properties": _values(props)})

    def score(case: dict[str, Any]) -> float:
        left = entity(case["schema"], case["query"])
        right = entity(case["schema"], case["candidate"])
        return float(algorithm.compare(left, right, config).score)

    return score


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument("--checks", type=Path, default=data_dir() / "bench/entity-checks.yml")
    args = parser.parse_args()
    cases = read_checks(args.checks)
    threshold = args.threshold if args.threshold is not None else default_model().threshold
    runs = {f"pierce (t={threshold})": evaluate(cases, pierce_score, threshold)}
    for name in ("logic-v1", "logic-v2"):
        try:
            runs[f"{name} (t={NK_THRESHOLD})"] = evaluate(cases, nomenklatura_scorer(name),
                                                          NK_THRESHOLD)
        except ImportError as exc:
            print(f"skipping {name}: {exc}", file=sys.stderr)
    print_runs(f"Whole-entity accuracy on {args.checks.name} ({len(cases)} checks)", "schema",
               "checks/s", cases, runs)

if __name__ == "__main__":
    main()
