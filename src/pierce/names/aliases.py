"""Names inside a name: "Hoda Shipping aka Honar" is two names, and so is "Langchao Group
(formerly Inspur Group)"; "Far East Trading Company (FETCO)" holds the name without its
acronym. Screening requests and list entries both write them so; compared as one name, the
other name's words are unmatched words that sink a true match (0.49 for Far East Trading
Company against the CSL's name with FETCO)."""

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


_TRAILING = re.compile(r"([^()]*?\S)\s*\([^()]*\)")  # NAME (ACRONYM OR QUALIFIER)


def split_aliases(name: str) -> tuple[str, ...]:
    """The names inside `name`, each stripped of brackets and punctuation at its ends: the
    parts a marker separates ("DBA Consulting" has none: a part would be empty), and a name
    of two words or more before a closing parenthesis (Far East Trading Company (FETCO); not
    PCC (UK) nor INDONESIA (MMI): one word alone is too little of a name). () when none."""
    if len(name) > 1000:  # a name this long is no list of aliases; bounded work
        return ()
    raw = _marker().split(name)
    if len(raw) < 2 or not all(part.strip(_EDGES) for part in raw):
        raw = []
    parts = [part.strip(_EDGES) for part in raw]
    for part in raw or [name]:
        if (bare := _TRAILING.fullmatch(part.strip())) and len(bare[1].split()) >= 2:
            parts.append(bare[1].strip(_EDGES))
    return tuple(dict.fromkeys(parts))
