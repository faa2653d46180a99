"""The graph layer's domain knowledge, read once from ``pierce/data/graph/graph.yaml``."""

from __future__ import annotations

from functools import cache
from typing import Any

from pierce.data import load


@cache
def config() -> dict[str, Any]:
    data: dict[str, Any] = load("graph/graph.yaml")
    return data


def flag_score(kind: str) -> float:
    return float(config()["flags"]["scores"][kind])
