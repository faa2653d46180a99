"""pierce: screen, trace and protect against restricted-party risk.

The Python API, imported lazily so that `import pierce` stays cheap:

- ``pierce.Store``: the knowledge store (``Store.open(path)``, ``ingest``, ``entities``, ``diff``);
- ``pierce.screen(store, queries, threshold=None, limit=10, datasets=None)``: hits with scores
  and explanations;
- ``pierce.trace(store, query, as_of=None, rules=None)``: verdict, rule results, red flags and
  paths; ``pierce.verdict(store, entity_id, as_of=None)`` for one party.
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import version as _version
from typing import Any

__version__ = _version("pierce")

_API = {
    "Store": "pierce.store",
    "screen": "pierce.match.screen",
    "Hit": "pierce.match.screen",
    "trace": "pierce.graph",
    "verdict": "pierce.graph",
}


def __getattr__(name: str) -> Any:
    if name in _API:
        return getattr(import_module(_API[name]), name)
    raise AttributeError(f"module 'pierce' has no attribute {name!r}")


__all__ = ["Hit", "Store", "screen", "trace", "verdict", "__version__"]
