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
from pathlib import Path
from typing import Any

import yaml
from accuracy import compare, print_runs

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


def sides(case: dict[str, Any]) -> tuple[str, dict[str, list[str]], dict[str, list[str]]]:
    return case["schema"], _values(case["query"]), _values(case["candidate"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument("--checks", type=Path, default=data_dir() / "bench/entity-checks.yml")
    args = parser.parse_args()
    cases = read_checks(args.checks)
    threshold = args.threshold if args.threshold is not None else default_model().threshold
    runs = compare(cases, pierce_score, threshold, sides)
    print_runs(f"Whole-entity accuracy on {args.checks.name} ({len(cases)} checks)", "schema",
               "checks/s", cases, runs)


if __name__ == "__main__":
    main()
