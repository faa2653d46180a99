"""Synthetic name variants (one per evasion/variation class), and address renderings, for
training and benchmarks.

Each function takes a name and a random.Random and returns a variant, or None when the class
does not apply to that name (e.g. token drop on a one-word name).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from functools import cache

import icu

from pierce.names.legal_forms import split_legal_forms
from pierce.names.text import latin_key

LETTERS = "abcdefghijklmnopqrstuvwxyz"
HOMOGLYPHS = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "i": "і",
              "A": "А", "E": "Е", "O": "О", "P": "Р", "C": "С", "X": "Х", "H": "Н", "K": "К",
              "M": "М", "T": "Т", "B": "В"}
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u00ad", "\ufeff", "\u2060"]
LEGAL_SWAPS = [
    ("co., ltd.", "company limited"), ("co., ltd", "co ltd"), ("ltd.", "limited"),
    ("ltd", "limited"), ("limited", "ltd"), ("llc", "limited liability company"),
    ("jsc", "joint stock company"), ("ojsc", "open joint stock company"),
    ("plc", "public limited company"),
    ("inc.", "incorporated"), ("inc", "incorporated"), ("corp.", "corporation"),
    ("corporation", "corp"), ("gmbh", "gesellschaft mit beschränkter haftung"), ("ooo", "ооо"),
    ("pte. ltd.", "private limited"), ("s.a.", "sa"), ("company", "co"),
    # a company's form translated as another of its family (有限公司: Co., Ltd., Corporation)
    ("co., ltd.", "corporation"), ("corporation", "co., ltd."), ("corp.", "co., ltd."),
    ("inc.", "corp."), ("limited", "corporation"),
]
ABBREVIATIONS = {"international": "intl", "company": "co", "corporation": "corp",
                 "limited": "ltd", "technology": "tech", "industries": "inds",
                 "manufacturing": "mfg", "trading": "trdg", "association": "assn",
                 "department": "dept", "brothers": "bros", "saint": "st", "mohammed": "mohd",
                 "muhammad": "muhd", "abdul": "abd"}


def _words(name: str) -> list[str]:
    return name.split()


def typo(name: str, rng: random.Random) -> str | None:
    """One edit (substitute, insert, delete, transpose) inside a word of 4+ letters."""
    words = _words(name)
    spots = [i for i, w in enumerate(words) if sum(c.isalpha() for c in w) >= 4]
    if not spots:
        return None
    i = rng.choice(spots)
    w = words[i]
    pos = rng.randrange(1, len(w) - 1)
    op = rng.choice("sidt")
    if op == "s":
        w = w[:pos] + rng.choice(LETTERS) + w[pos + 1:]
    elif op == "i":
        w = w[:pos] + rng.choice(LETTERS) + w[pos:]
    elif op == "d":
        w = w[:pos] + w[pos + 1:]
    else:
        w = w[:pos - 1] + w[pos] + w[pos - 1] + w[pos + 1:]
    if w.isupper() or name.isupper():
        w = w.upper()
    words[i] = w
    return " ".join(words)


def token_drop(name: str, rng: random.Random) -> str | None:
    """Drop one middle word of a name with 3+ words (a middle name, a qualifier)."""
    words = _words(name)
    if len(words) < 3:
        return None
    i = rng.randrange(1, len(words) - 1)
    return " ".join(words[:i] + words[i + 1:])


def reorder(name: str, rng: random.Random) -> str | None:
    """Words in another order (surname first, comma style, rotated)."""
    words = [w.strip(",") for w in _words(name)]
    if len(words) < 2:
        return None
    if rng.random() < 0.5:
        return f"{words[-1]}, {' '.join(words[:-1])}"
    k = rng.randrange(1, len(words))
    return " ".join(words[k:] + words[:k])


@cache
def _transliterator(spec: str) -> icu.Transliterator:
    return icu.Transliterator.createInstance(spec)


def transliterate(name: str, rng: random.Random) -> str | None:
    """The name written in Cyrillic or Greek (as a list in another script would write it)."""
    if not any(c.isalpha() and c.isascii() for c in name):
        return None
    spec = rng.choice(["Latin-Cyrillic", "Latin-Cyrillic", "Latin-Greek"])
    return str(_transliterator(spec).transliterate(name.lower())).upper()


def homoglyph(name: str, rng: random.Random) -> str | None:
    """Swap one to three Latin letters for Cyrillic look-alikes."""
    spots = [i for i, c in enumerate(name) if c in HOMOGLYPHS]
    if not spots:
        return None
    chars = list(name)
    for i in rng.sample(spots, min(len(spots), rng.randint(1, 3))):
        chars[i] = HOMOGLYPHS[chars[i]]
    return "".join(chars)


def invisible(name: str, rng: random.Random) -> str | None:
    """Insert one or two zero-width/invisible characters inside words."""
    if len(name) < 3:
        return None
    chars = list(name)
    for _ in range(rng.randint(1, 2)):
        chars.insert(rng.randrange(1, len(chars)), rng.choice(INVISIBLE))
    return "".join(chars)


def legal_form_swap(name: str, rng: random.Random) -> str | None:
    """Write the legal form another way (Ltd → Limited, Co., Ltd. → Company Limited, drop it)."""
    low = name.casefold()
    options = [(a, b) for a, b in LEGAL_SWAPS if re.search(rf"(?<!\w){re.escape(a)}(?!\w)", low)]
    if not options:
        if split_legal_forms(latin_key(name)).forms:
            return None
        return f"{name} {rng.choice(['LLC', 'Ltd', 'Co., Ltd.', 'GmbH', 'JSC', 'Inc.'])}"
    a, b = rng.choice(options)
    if rng.random() < 0.25:
        b = ""
    out = re.sub(rf"(?<!\w){re.escape(a)}(?!\w)", b, low, count=1)
    out = " ".join(out.split()).strip(" ,")
    return out.upper() if name.isupper() else out.title()


def abbreviation(name: str, rng: random.Random) -> str | None:
    """Abbreviate a word (International → Intl), write a long word shortened with a period
    (Materials → Mat., as lists write Chinese companies' names: Wuxi Paike New Mat. Tech.) or
    a word as its initial."""
    words = _words(name)
    spots = [i for i, w in enumerate(words) if w.casefold().strip(",.") in ABBREVIATIONS]
    if spots:
        i = rng.choice(spots)
        short = ABBREVIATIONS[words[i].casefold().strip(",.")]
        words[i] = short.upper() if words[i].isupper() else short.title()
        return " ".join(words)
    if len(words) >= 3:
        i = rng.randrange(0, len(words) - 1)
        word = words[i]
        if word[:1].isalpha() and len(word) > 2:
            shortened = len(word) >= 7 and word.isalpha() and rng.random() < 0.5
            words[i] = (word[:rng.randint(3, 5)] if shortened else word[0]) + "."
            return " ".join(words)
    return None


def address_variant(address: str, rng: random.Random) -> str:
    """An address as a screening request might give it: as listed, the city and country
    only, leading parts (building, floor) left out, parts in another order, or a typo."""
    parts = [p.strip() for p in address.split(",") if p.strip()]
    choice = rng.random()
    if len(parts) < 3 or choice < 0.3:
        return address
    if choice < 0.5:
        return ", ".join(parts[-2:])
    if choice < 0.7:
        return ", ".join(parts[rng.randint(1, len(parts) - 2):])
    if choice < 0.85:
        head = parts[:-1]
        rng.shuffle(head)
        return ", ".join(head + parts[-1:])
    return typo(address, rng) or address


Variant = Callable[[str, random.Random], "str | None"]
BENIGN: dict[str, Variant] = {
    "typo": typo, "token_drop": token_drop, "reorder": reorder,
    "transliteration": transliterate, "legal_form_swap": legal_form_swap,
    "abbreviation": abbreviation,
}
ADVERSARIAL: dict[str, Variant] = {"homoglyph": homoglyph, "invisible": invisible}
