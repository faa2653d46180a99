"""Load the name-analysis data files shipped in pierce/data/names (read once, cached)."""

from __future__ import annotations

from functools import cache
from typing import Any

from pierce.data import load as load_data

#: Token document counts of the name corpus (pierce/data/match), written by
#: scripts/train_matcher.py; read by the token weights and by legal-form typo correction.
CORPUS_COUNTS = "token-idf-v2"


@cache
def load(name: str, area: str = "names") -> dict[str, Any]:
    """Parsed JSON data file `pierce/data/<area>/<name>.json`."""
    data: dict[str, Any] = load_data(f"{area}/{name}.json")
    return data
