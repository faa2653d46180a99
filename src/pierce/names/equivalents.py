"""Given names that are one name in another language or a nickname of it (Pyotr ≡ Peter,
Iosif ≡ Joseph, Bill ≡ William): rigour's person-name tagger links each to Wikidata name
items (NAME:Q…) and nickname groups (NICK:…); two words sharing one are the same name."""

from __future__ import annotations

from functools import lru_cache

from rigour.names import NameTypeTag, analyze_names

#: similarity of two different words the tagger reads as one name (a close spelling, not equal)
EQUIVALENT = 0.9
_KINDS = ("NAME", "NICK")


@lru_cache(maxsize=200_000)
def name_symbols(token: str) -> frozenset[str]:
    """The name items and nickname groups one word of a person's name stands for."""
    if len(token) < 2 or not token.isalpha():
        return frozenset()
    found: set[str] = set()
    for name in analyze_names(NameTypeTag.PER, [token], phonetics=False, numerics=False,
                              consolidate=False, rewrite=False):
        for span in name.spans:
            if len(span.parts) == 1 and str(span.symbol.category).endswith(_KINDS):
                found.add(str(span.symbol))
    return frozenset(found)


def equivalent_names(a: str, b: str) -> bool:
    """Are two different words of persons' names one name (Pyotr ≡ Peter, Iosif ≡ Joseph)?
    Short words are left out: the tagger links romanised Chinese and Korean syllables that
    name different people (Hong ~ Kang, Jang ~ Yang, Yu ~ Jo); so are words of under five
    letters with different initials (Bill ~ William is lost with them)."""
    if a == b or min(len(a), len(b)) < 4 or (a[0] != b[0] and min(len(a), len(b)) < 5):
        return False
    return bool(name_symbols(a) & name_symbols(b))
