"""Names inside a name: "Hoda Shipping aka Honar" is two names, and so is "Langchao Group
(formerly Inspur Group)"; so is "Abubakar (original script: Абубакар)", a name followed by
itself in another script. Screening requests and list entries both write them so; compared
as one name, the other name's words are unmatched words that sink a true match."""

from __future__ import annotations

import re
from functools import cache

from pierce.names.resources import load
from pierce.names.text import script_of

_EDGES = " \t,;:.-–()[]{}\"'"
MAX_CHARS = 1000  # a name this long is no list of aliases; bounded work


@cache
def _marker() -> re.Pattern[str]:
    """One pattern for every marker, whole words only, a final dot optional (a.k.a ≡ a.k.a.;
    the bare forms are markers of their own: aka is, nka is not)."""
    spelled = []
    for marker in sorted(load("alias_markers")["markers"], key=len, reverse=True):
        pattern = r"\s+".join(re.escape(w) for w in marker.split())
        spelled.append(pattern.removesuffix(r"\.") + r"\.?" if marker.endswith(".") else pattern)
    return re.compile(r"(?<![\w/])(?:" + "|".join(spelled) + r")(?![\w/])", re.IGNORECASE)


@cache
def _script_notes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """'original script: X' (the note opens a parenthesis) and 'X (original script)' (it
    closes a part)."""
    notes = "|".join(r"\s+".join(map(re.escape, n.split()))
                     for n in load("alias_markers")["script_notes"])
    return (re.compile(rf"^\s*(?:{notes})\s*:", re.IGNORECASE),
            re.compile(rf"\(\s*(?:{notes})\s*\)\s*$", re.IGNORECASE))


def _trim(part: str) -> str:
    """A part without punctuation at its ends, but for a bracket it opens or closes itself
    ("Hay’at Tahrir al-Sham (HTS)")."""
    text = part.strip(_EDGES)
    if text.count("(") > text.count(")"):
        text += ")"
    elif text.count(")") > text.count("("):
        text = "(" + text
    return text


def _closing_parenthesis(name: str) -> tuple[str, str] | None:
    """(the text before, the content) of a parenthesis that ends `name`, nested ones kept."""
    text = name.rstrip(" ,.;")
    if not text.endswith(")"):
        return None
    depth = 0
    for at in range(len(text) - 1, -1, -1):
        if text[at] == ")":
            depth += 1
        elif text[at] == "(":
            depth -= 1
            if depth == 0:
                return text[:at], text[at + 1:-1]
    return None


def _scripts(text: str) -> set[str]:
    return {script_of(c) for c in text if c.isalpha()}


def _in_other_script(name: str) -> tuple[str, ...]:
    """The name and the names in a closing parenthesis that gives it in another script (or
    a list of spellings, one at least in another script), or (). A parenthesis in the same
    script may be what tells two parties apart (SARAVANA STORES (GOLD PALACE)), or a short
    label in another (a fund's "(AI)", "(USD)"): those stay part of the name."""
    found = _closing_parenthesis(name)
    if found is None:
        return ()
    opening, closing = _script_notes()
    outer, inner = found
    noted = bool(opening.match(inner))
    parts = [_trim(closing.sub("", p)) for p in opening.sub("", inner).split(";")]
    outer = _trim(outer)
    if not outer or not all(parts):
        return ()
    if not noted:
        scripts = _scripts(outer)
        if len(scripts) != 1 or not any(
                (other := _scripts(p)) and not other & scripts
                and sum(c.isalpha() for c in p) >= (2 if "OTHER" in other else 4)
                for p in parts):
            return ()
    return (outer, *parts)


def split_aliases(name: str) -> tuple[str, ...]:
    """The names inside `name` (each stripped of brackets and punctuation at its ends), or
    () when it holds none or a part would be empty ("DBA Consulting" is one name)."""
    if len(name) > MAX_CHARS:
        return ()
    out: list[str] = []
    for piece in _in_other_script(name) or (name,):
        parts = [_trim(p) for p in _marker().split(piece)]
        if len(parts) > 1 and all(parts):
            out.extend(parts)
        elif piece != name:
            out.append(piece)
    return tuple(p for p in dict.fromkeys(out) if p != name)
