"""The graph layer's domain knowledge, read once from ``pierce/data/graph/graph.yaml``."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def config() -> dict[str, Any]:
    text = (resources.files("pierce") / "data" / "graph" / "graph.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def flag_score(kind: str) -> float:
    return float(config()["flags"]["scores"][kind])
