"""Given names that are one name in another language or a nickname of it (Pyotr ≡ Peter,
Michael ≡ Mikhail, Yousef ≡ Yusuf). rigour's person-name tagger links words to Wikidata name
items and nickname groups; scripts/build_name_equivalents.py ran it over the words of listed
persons' and GLEIF names into names/name_equivalents.json (the tagger itself takes seconds to
load). A word outside that vocabulary has no equivalents."""

from __future__ import annotations

from functools import cache

from pierce.names.resources import load

#: similarity of two different words that are one name (a close spelling, not equal)
EQUIVALENT = 0.9


@cache
def _groups() -> dict[str, frozenset[int]]:
    table: dict[str, list[int]] = load("name_equivalents")["groups"]
    return {word: frozenset(groups) for word, groups in table.items()}


def name_groups(token: str) -> frozenset[int]:
    """The name groups one word of a person's name belongs to (none when unknown)."""
    return _groups().get(token, frozenset())


def equivalent_names(a: str, b: str) -> bool:
    """Are two different words of persons' names one name (Pyotr ≡ Peter)? Short words are
    left out: the tagger links romanised Chinese and Korean syllables that name different
    people (Hong ~ Kang, Jang ~ Yang, Yu ~ Jo); so are words of under five letters with
    different initials (Bill ~ William is lost with them)."""
    if a == b or min(len(a), len(b)) < 4 or (a[0] != b[0] and min(len(a), len(b)) < 5):
        return False
    return bool(name_groups(a) & name_groups(b))
