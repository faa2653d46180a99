"""Korean persons' names in Hangul to Latin, a syllable a word (tables: hangul.json).

A Korean writes a name surname first, without spaces (김정은). Lists write it a syllable a
word: North Korea's and the sanctions lists' McCune-Reischauer (KIM Jong Un, RI Pyong
Chol), or South Korea's Revised Romanization (Park Geun-hye). ICU runs the syllables
together (gimjeong eun), which meets neither: 'Kim Jong Un' ~ 김정은 scored 0.
"""

from __future__ import annotations

import re

from pierce.names.resources import load

_FIRST, _LAST = "\uac00", "\ud7a3"  # Unicode's Hangul syllables
_SYLLABLES = re.compile(f"[{_FIRST}-{_LAST}]+")


def is_hangul_name(text: str) -> bool:
    """Every letter of `text` is a Hangul syllable (and there is one)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(_FIRST <= c <= _LAST for c in letters)


def _romanised(syllables: str, system: str, voicing: bool) -> list[str]:
    """Each syllable in `system` ('mr' or 'rr'); `voicing`: k, t, p after a vowel or n, l,
    m, ng become g, d, b (McCune-Reischauer inside a given name)."""
    tables = load("hangul")
    initials, vowels, finals = (tables["initials"][system], tables["vowels"][system],
                                tables["finals"])
    out: list[str] = []
    before = None  # the final of the syllable before, in this given name
    for char in syllables:
        code = ord(char) - ord(_FIRST)
        initial = initials[code // 588]
        final = finals[code % 28]
        if voicing and before in tables["voicing_finals"]:
            initial = tables["voiced"].get(initial, initial)
        out.append(initial + vowels[(code % 588) // 28] + final)
        before = final
    return out


def person_words(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(McCune-Reischauer, Revised Romanization) words of a Korean person's name in Hangul:
    the surname (its first one or two syllables, as the surname table knows them) one word,
    every syllable of the given name another; the Revised reading spells the surname as South
    Koreans commonly do (이 Lee, 박 Park). ((), ()) when `name` holds no Hangul."""
    runs = _SYLLABLES.findall(name)
    if not runs:
        return (), ()
    surnames: dict[str, str] = load("hangul")["surnames"]
    first = runs[0]
    cut = 2 if len(first) > 2 and first[:2] in surnames else 1
    if len(runs) > 1 and len(first) <= 2:  # "김 정은", "남궁 민수": the first word is it
        cut = len(first)
    surname, given = first[:cut], [first[cut:], *runs[1:]]
    mr = ["".join(_romanised(surname, "mr", False))]
    rr = [surnames.get(surname) or "".join(_romanised(surname, "rr", False))]
    for run in given:
        if run:
            mr += _romanised(run, "mr", True)
            rr += _romanised(run, "rr", False)
    return tuple(mr), tuple(rr)
