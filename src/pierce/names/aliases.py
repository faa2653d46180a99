"""Names inside a name: "Hoda Shipping aka Honar" is two names, and so is "Langchao Group
(formerly Inspur Group)". Screening requests and list entries both write them so; compared
as one name, the other name's words are unmatched words that sink a true match."""

from __future__ import annotations

import re
from functools import cache

from pierce.names.resources import load

_EDGES = " \t,;:.-–()[]{}\"'"


@cache
def _marker() -> re.Pattern[str]:
    """One pattern for every marker, whole words only, a final dot optional (a.k.a ≡ a.k.a.;
    the bare forms are markers of their own: aka is, nka is not)."""
    spelled = []
    for marker in sorted(load("alias_markers")["markers"], key=len, reverse=True):
        pattern = r"\s+".join(re.escape(w) for w in marker.split())
        spelled.append(pattern.removesuffix(r"\.") + r"\.?" if marker.endswith(".") else pattern)
    return re.compile(r"(?<![\w/])(?:" + "|".join(spelled) + r")(?![\w/])", re.IGNORECASE)


def split_aliases(name: str) -> tuple[str, ...]:
    """The names inside `name` (each stripped of brackets and punctuation at its ends), or
    () when it holds no marker or a part would be empty ("DBA Consulting" is one name)."""
    if len(name) > 1000:  # a name this long is no list of aliases; bounded work
        return ()
    parts = [p.strip(_EDGES) for p in _marker().split(name)]
    if len(parts) < 2 or not all(parts):
        return ()
    return tuple(dict.fromkeys(parts))
