"""Vessel names without their ship prefix: MV ARTAVIL is the ARTAVIL, M/T ADRIAN DARYA 1 the
ADRIAN DARYA 1. Shipping papers put the vessel's type before its name; the lists do not. As a
word, the prefix would be an unmatched word that sinks the match (MV ARTAVIL ~ ARTAVIL
scored 0.39)."""

from __future__ import annotations

from functools import cache, lru_cache

from pierce.names.resources import load

VESSEL = "Vessel"  # the FtM schema


@cache
def ship_prefixes() -> dict[str, str]:
    prefixes: dict[str, str] = load("vessel_prefixes")["prefixes"]
    return prefixes


def _key(word: str) -> str:
    return word.casefold().replace(".", "").replace("/", "")  # M/T, M.T. → mt


@lru_cache(maxsize=20_000)
def without_prefix(name: str) -> tuple[str, str]:
    """(the name without a leading ship prefix, the prefix as written), or (name, "") when it
    has none, or nothing follows it."""
    parts = name.strip().split(None, 1)
    if len(parts) < 2:
        return name, ""
    return (parts[1], parts[0]) if _key(parts[0]) in ship_prefixes() else (name, "")


def prefix_note(prefix: str) -> str:
    meaning = ship_prefixes()[_key(prefix)]
    return f"'{prefix}' ({meaning}) is a ship prefix, no part of the vessel's name"
