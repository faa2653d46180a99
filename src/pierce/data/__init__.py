"""Domain knowledge shipped with pierce (list mappings, legal forms, rules, weights, thresholds).

`load("area/file.yaml")` reads one file once per process; JSON or YAML by its suffix.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def load(relative: str) -> Any:
    text = resources.files(__name__).joinpath(relative).read_text("utf-8")
    return json.loads(text) if relative.endswith(".json") else yaml.safe_load(text)
