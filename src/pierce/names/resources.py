"""Load the name-analysis data files shipped in pierce/data/names (read once, cached)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parents[1] / "data"


@cache
def load(name: str, area: str = "names") -> dict[str, Any]:
    """Parsed JSON data file `pierce/data/<area>/<name>.json`."""
    data: dict[str, Any] = json.loads((DATA_DIR / area / f"{name}.json").read_text("utf-8"))
    return data
