"""Aircraft registrations (EP-MNE, RA-75676, YV1000): names that are identifiers.

The lists name sanctioned aircraft by their registration mark alone. A mark names one
aircraft, so it is compared as an identifier, not as words: written otherwise (EPMNE,
"ep mne", homoglyphs) it is the same aircraft; one character apart (EP-CAP, EP-CAQ: both
listed, two aircraft of one airline) or under another country's prefix (EP-MNE, YK-MNE) it is
another. As words, the prefix reads as a legal form (EP, YK and UP are ISO 20275
abbreviations) and a one-letter difference as a typo.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from pierce.match.records import schemata_compatible
from pierce.names import legal_forms
from pierce.names.analyze import fold_spelling, particles
from pierce.names.resources import load
from pierce.names.text import clean_text

AIRCRAFT = "Airplane"  # the FtM schema
MAX_MARK_CHARS = 16  # no longer name is a registration: 4 + hyphen + 5, and some invisibles
MARK = re.compile(r"[a-z0-9]{3,5}")  # the part after the nationality prefix
_DASHES = str.maketrans({c: "-" for c in "‐‑‒–—―−"})
# a name written as one registration: prefix and mark, joined by a hyphen, a space or nothing
_SHAPE = re.compile(r"([a-z0-9]{1,4})([- ]?)([a-z0-9]{1,6})")


@cache
def registration_prefixes() -> frozenset[str]:
    return frozenset(p.casefold() for p in load("aircraft_registration_prefixes")["prefixes"])


def _text(name: str) -> str:
    """The name cleaned; a mark is Latin letters and digits, so every look-alike letter in one
    is a disguise (Р-532 with a Cyrillic Р is North Korea's P-532) and is folded."""
    text = clean_text(name).translate(_DASHES)
    if text.isascii() or len(text) > 12:
        return text
    glyphs: dict[str, str] = load("homoglyphs")["map"]
    return "".join(glyphs.get(c, c) for c in text)


def _word(mark: str) -> bool:
    """F-TECH, G-VALUE, UP-GREEN are companies: a mark of 4+ letters that the name corpus
    knows as a word (spelling folded: TECH → technology) is one, unless an Airplane's."""
    if len(mark) < 4 or not mark.isalpha():
        return False
    known = legal_forms.corpus_counts()
    least = int(load("aircraft_registration_prefixes")["word_count"])
    return max(known.get(mark, 0), known.get(fold_spelling(mark), 0)) >= least


def _arabic_article(prefix: str, mark: str) -> bool:
    """ES-SALAM, ET-TAQWA, ER-RAHMA: the Arabic article before a sun letter, not Estonia's,
    Ethiopia's or Moldova's prefix."""
    return (len(prefix) == 2 and prefix[0] in "ae" and prefix[1] in "dlnrstz"
            and mark[0] == prefix[1] and mark.isalpha())


@lru_cache(maxsize=100_000)
def registration(name: str, schema: str = "") -> str | None:
    """The registration `name` is, as one word in capitals (EP-MNE → EPMNE), or None. A name of
    schema that may be an aircraft (LegalEntity, Thing) is one when written with its hyphen
    (EP-MNE) under an ICAO nationality prefix that is no name particle (EL-NASR, ST-JOHN are
    names), its mark no word (F-TECH); an Airplane's name also without the hyphen (YV1000,
    EP MNE). A Company's, a Vessel's or a Person's name never is (EX-CLE is a company)."""
    if len(name) > MAX_MARK_CHARS or not schemata_compatible(schema, AIRCRAFT):
        return None
    shape = _SHAPE.fullmatch(_text(name))
    if shape is None:
        return None
    prefix, joint, mark = shape.groups()
    if schema != AIRCRAFT and (joint != "-" or prefix in particles()
                               or _arabic_article(prefix, mark) or _word(mark)):
        return None  # a name that may be something else is one only as EP-MNE is written
    whole = prefix + mark
    # where the writer split prefix from mark, there (MSN 164, a serial number, has no
    # prefix); else the longest prefix that leaves a mark (A4O before A4)
    for cut in (len(prefix),) if joint else (4, 3, 2, 1):
        if whole[:cut] in registration_prefixes() and MARK.fullmatch(whole[cut:]):
            return whole.upper()
    return None


@lru_cache(maxsize=100_000)
def compact_mark(name: str) -> str | None:
    """`name` as a registration would be written in one word (ep mne, EP-MNE, ЕР-МNЕ → EPMNE),
    when it could be one: letters and digits, at most one hyphen or space between them. Only
    ever compared with a `registration`: a company called DANONE meets only an aircraft D-ANONE."""
    shape = _SHAPE.fullmatch(_text(name))
    if shape is None or not 4 <= len(shape[1] + shape[3]) <= 9:
        return None
    return (shape[1] + shape[3]).upper()


def registration_keys(names: tuple[str, ...], schema: str) -> tuple[str, ...]:
    """Index keys of a listed record's registrations (reg:EPMNE)."""
    return tuple(dict.fromkeys(f"reg:{mark}" for name in names
                               if (mark := registration(name, schema))))


def lookup_keys(names: tuple[str, ...]) -> tuple[str, ...]:
    """Index keys a query that could be an aircraft looks up: each name as a registration
    written in one word."""
    return tuple(dict.fromkeys(f"reg:{mark}" for name in names if (mark := compact_mark(name))))


def compare_registrations(left: str, left_schema: str, right: str, right_schema: str
                          ) -> tuple[bool, str] | None:
    """(same aircraft?, why) when either name is a registration, None when neither is (then
    they are compared as words). A registration meets only itself: written otherwise, or as
    a word of the other name (Mahan Air EP-MNE). Its mark is no word: EP-MOD is not the
    Ministry of Defence (MOD), nor EP-MNE a misspelt EP-MNF."""
    mark_l, mark_r = registration(left, left_schema), registration(right, right_schema)
    if mark_l is None and mark_r is None:
        return None
    if mark_l and mark_r and mark_l != mark_r:
        return False, (f"'{left}' and '{right}' are different aircraft registrations "
                       "(a registration names one aircraft)")
    mark, listed, other = (mark_r, right, left) if mark_r else (mark_l, left, right)
    if compact_mark(other) == mark or any(registration(w) == mark for w in other.split()):
        return True, f"{listed} (aircraft registration)"
    return False, f"'{listed}' is an aircraft registration, and '{other}' is not it"
