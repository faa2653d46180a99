"""Names inside a name: "Hoda Shipping aka Honar" is two names, and so is "Langchao Group
(formerly Inspur Group)"; so is "Abubakar (original script: Абубакар)", a name followed by
itself in another script; "FOREIGN TRADE BANK (FTB)" is also the name without its acronym,
and "EL PARA (COMBAT NAME)" the name without its note.
Screening requests and list entries both write them so; compared as one name, the other
name's words are unmatched words that sink a true match. And a query's "VTB Bank Shanghai
Branch" holds its company's name, VTB Bank (`branch_companies`)."""

from __future__ import annotations

import re
from functools import cache

from pierce.names.han import has_han, through_legal_form
from pierce.names.legal_forms import split_legal_forms
from pierce.names.resources import load
from pierce.names.text import latin_key, script_of

_EDGES = " \t,;:.-–()[]{}\"'"
MAX_CHARS = 1000  # a name this long is no list of aliases; bounded work


def _alternatives(phrases: list[str]) -> str:
    """A regex alternation of the phrases, longest first, any run of spaces between words."""
    return "|".join(r"\s+".join(map(re.escape, phrase.split()))
                    for phrase in sorted(phrases, key=len, reverse=True))


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
    notes = _alternatives(load("alias_markers")["script_notes"])
    return (re.compile(rf"^\s*(?:{notes})\s*:", re.IGNORECASE),
            re.compile(rf"\(\s*(?:{notes})\s*\)\s*$", re.IGNORECASE))


@cache
def _branch_marker() -> re.Pattern[str]:
    """A branch or office marker: whole words (or a Han one anywhere)."""
    markers = load("alias_markers")
    return re.compile(rf"(?<!\w)(?:{_alternatives(markers['branches'])})(?!\w)|"
                      + _alternatives(markers["han_branches"]), re.IGNORECASE)


MAX_PLACE_WORDS = 3  # "SUCURSAL EN ESPAÑA": what may follow a marker and still be a place


def branch_companies(name: str) -> list[str]:
    """The company a branch or office belongs to: 'Representative Office of Bank Mellat in
    Moscow' → Bank Mellat; 'VTB Bank Shanghai Branch' → VTB Bank Shanghai and VTB Bank;
    'X LIMITED (DUBAI BRANCH)', 'X, AMSTERDAM BRANCH', 'X SUCURSAL EN ESPAÑA' → X. A one-word
    company only from a marker of several words (Sberbank Representative Office), as 'Olive
    Branch' is a name; nothing when a name goes on after the marker (LLOYDS BANK (STOCK
    EXCHANGE BRANCH) NOMINEES LIMITED)."""
    found = _branch_marker().search(name)
    if found is None:
        return []
    before, after = name[:found.start()], name[found.end():]
    min_words = 1 if " " in found.group(0).strip() or has_han(found.group(0)) else 2
    if re.match(r"\s+of\s", after, re.IGNORECASE):  # Representative Office of X in Y
        parent = re.split(r"\s+in\s+", after.strip()[3:], flags=re.IGNORECASE)[0]
        return [_trim(parent)] if len(parent.split()) >= min_words else []
    place = re.sub(r"^(?:in|en|at|de|à|au|für)\s+", "", after.strip(_EDGES), flags=re.IGNORECASE)
    if (len(place.split()) > MAX_PLACE_WORDS or any(c.isdigit() for c in place)
            or split_legal_forms(latin_key(place)).forms):  # a unit (BRANCH 251), or a name
        return []
    if has_han(before) and (company := through_legal_form(before)):
        return [company]
    if before.count("(") > before.count(")"):  # X LIMITED (DUBAI BRANCH)
        before = before[:before.rfind("(")]
    # the place may follow a comma or be the last word (VTB Bank Shanghai): both are tried,
    # as a comma may be the legal form's (Huawei Technologies Co., Ltd. Beijing); without its
    # last word, a name keeps three words or ends as a company's does (SYRIAN GENERAL of
    # SYRIAN GENERAL INTELLIGENCE BRANCH is no name)
    options = [before, before.rsplit(",", 1)[0] if "," in before else ""]
    if len((shorter := before.strip(_EDGES).rsplit(None, 1)[0] if " " in before.strip()
            else "").split()) >= 3 or _company_ending(shorter):
        options.append(shorter)
    return [p for p in dict.fromkeys(_trim(o) for o in options if o.strip(_EDGES))
            if len(p.split()) >= min_words or has_han(p)]


def _company_ending(name: str) -> bool:
    """The name ends in a legal form or a bank's word (VTB Bank, Sberbank)."""
    words = latin_key(name).split()
    return bool(words) and (words[-1].endswith("bank")
                            or bool(split_legal_forms(words[-1]).forms))


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


MAX_ACRONYM = 10  # letters
_WORDS = re.compile(r"[^\W\d_]+", re.UNICODE)


def is_acronym(short: str, name: str) -> bool:
    """`short` is made of the first letters of `name`'s words, in order: one to three of
    each word's, none of a small word's (AQAP: Al-Qaida in the Arabian Peninsula; DICO:
    Doostan International COmpany)."""
    letters = "".join(c for c in short.casefold() if c.isalpha())
    words = [w.casefold() for w in _WORDS.findall(re.sub(r"['’`]", "", name))]  # Lord’s
    if not 2 <= len(letters) <= MAX_ACRONYM or sum(c.isupper() for c in short) < 2 \
            or any(c.isspace() for c in short) or not 2 <= len(words) <= 3 * MAX_ACRONYM:
        return False
    skips = _acronym_skips()

    @cache
    def fits(i: int, j: int) -> bool:  # letters[i:] from words[j:]
        if j == len(words):
            return i == len(letters)
        if words[j] in skips and fits(i, j + 1):
            return True
        return any(letters[i:i + k] == words[j][:k] and fits(i + k, j + 1)
                   for k in range(1, 4) if i + k <= len(letters) and k <= len(words[j]))
    return fits(0, 0)


@cache
def _acronym_skips() -> frozenset[str]:
    return frozenset(load("alias_markers")["acronym_skips"])


def _without_acronym(name: str) -> str:
    """The name before a closing parenthesis that is its acronym, or ""."""
    found = _closing_parenthesis(name)
    if found is None:
        return ""
    outer, inner = found
    return _trim(outer) if is_acronym(inner.strip(), outer) else ""


@cache
def _note() -> re.Pattern[str]:
    """A note ending a name: in a parenthesis, or after a dash."""
    notes = _alternatives(load("alias_markers")["notes"])
    return re.compile(rf"\s*(?:\(\s*(?:{notes})\s*\)|\s[-–]\s*(?:{notes}))[\s.,;]*$",
                      re.IGNORECASE)


def _without_note(name: str) -> str:
    """The name without a note that ends it ('EL PARA (COMBAT NAME)' → EL PARA), or ""."""
    found = _note().search(name)
    return _trim(name[:found.start()]) if found and name[:found.start()].strip(_EDGES) else ""


def split_aliases(name: str) -> tuple[str, ...]:
    """The names inside `name` (each stripped of brackets and punctuation at its ends), or
    () when it holds none or a part would be empty ("DBA Consulting" is one name)."""
    if len(name) > MAX_CHARS:
        return ()
    names: list[str] = []
    for piece in _in_other_script(name) or (name,):
        parts = [_trim(p) for p in _marker().split(piece)]
        if len(parts) > 1 and all(parts):  # a.k.a. A; B: the names after a marker are a list
            names.extend(_trim(p) for part in parts for p in part.split(";") if _trim(p))
        else:
            names.append(piece)
    # and each without a note, or without its acronym (the acronym alone is no name to
    # screen: AIG, DCB)
    names += [short for one in list(names) if (short := _without_note(one))]
    names += [short for one in list(names) if (short := _without_acronym(one))]
    return tuple(p for p in dict.fromkeys(names) if p != name)
