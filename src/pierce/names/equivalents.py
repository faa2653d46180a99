"""Words that are one word spelt otherwise.

Given names that are one name in another language or a nickname of it (Pyotr ≡ Peter,
Michael ≡ Mikhail, Yousef ≡ Yusuf): rigour's person-name tagger links words to Wikidata name
items and nickname groups; scripts/build_name_equivalents.py ran it over the words of listed
persons' and GLEIF names into names/name_equivalents.json (the tagger itself takes seconds to
load). A word outside that vocabulary has no equivalents.

Spellings the lists give of one word of an organisation's name (HIZBALLAH ~ HEZBOLLAH,
AL-QAIDA ~ AL-QAEDA): two names of one listed organisation differing in that word only;
scripts/build_listed_variants.py wrote them into names/listed_variants.json."""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache

from pierce.names.analyze import particles
from pierce.names.resources import load
from pierce.names.text import latin_key

#: similarity of two different words that are one name (a close spelling, not equal)
EQUIVALENT = 0.9


@cache
def _groups() -> dict[str, frozenset[int]]:
    table: dict[str, list[int]] = load("name_equivalents")["groups"]
    return {word: frozenset(groups) for word, groups in table.items()}


@cache
def _nickname_groups() -> frozenset[int]:
    return frozenset(load("name_equivalents")["nicknames"])


def name_groups(token: str) -> frozenset[int]:
    """The name groups one word of a person's name belongs to (none when unknown)."""
    return _groups().get(token, frozenset())


def equivalent_names(a: str, b: str) -> bool:
    """Are two different words of persons' names one name (Pyotr ≡ Peter), or a name and its
    nickname (Bill ≡ William)? Short words are left out of the name items: the tagger links
    romanised Chinese and Korean syllables that name different people (Hong ~ Kang, Jang ~
    Yang, Yu ~ Jo); so are words of under five letters with different initials. Its nickname
    groups are a curated English table, short and with other initials by nature (Bob, Tony,
    Liz), so they count from three letters."""
    if a == b or min(len(a), len(b)) < 3:
        return False
    shared = name_groups(a) & name_groups(b)
    if not shared:
        return False
    if min(len(a), len(b)) < 4 or (a[0] != b[0] and min(len(a), len(b)) < 5):
        # (a particle is no nickname: "ben" of Oussama ben Laden is not Benjamin)
        return not shared.isdisjoint(_nickname_groups()) and not {a, b} & particles()
    return True


def nicknames_of(word: str) -> tuple[str, ...]:
    """The words sharing a nickname group with `word` (william: bill, will ...), sorted."""
    groups = name_groups(word) & _nickname_groups()
    return tuple(sorted(w for w, g in _groups().items() if w != word and g & groups)) \
        if groups else ()


def nicknames(a: str, b: str) -> bool:
    """Is one word a nickname of the other (Bill ~ William), not the name in another
    language (Pyotr ~ Peter)? (For explanations.)"""
    return equivalent_names(a, b) and not (name_groups(a) & name_groups(b)).isdisjoint(
        _nickname_groups())


MAX_SPELLINGS = 2  # other spellings of a name screened at most (each adds its name pairs)
_WORD = re.compile(r"\w+")


@cache
def _listed_spellings() -> dict[str, tuple[str, ...]]:
    partners: dict[str, list[str]] = defaultdict(list)
    for a, b in load("listed_variants")["pairs"]:
        partners[a].append(b)
        partners[b].append(a)
    return {word: tuple(sorted(others)) for word, others in partners.items()}


def listed_spellings(name: str) -> list[str]:
    """The name with one word written as the lists also write it in an organisation's name:
    'Hezbollah' → 'Hizballah', as OFAC lists one party as LEBANESE HEZBOLLAH and LEBANESE
    HIZBALLAH (at most MAX_SPELLINGS)."""
    found: list[str] = []
    for match in _WORD.finditer(name):
        word = match.group()
        for other in _listed_spellings().get(latin_key(word), ()) if len(word) > 3 else ():
            written = (other.upper() if word.isupper() else other.title() if word.istitle()
                       else other)
            found.append(name[:match.start()] + written + name[match.end():])
    return list(dict.fromkeys(found))[:MAX_SPELLINGS]
