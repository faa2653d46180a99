"""Legal forms: recognise, normalise and remove them (rigour org_types + ISO 20275 abbreviations).

Co., Ltd. ≡ Company Limited ≡ 有限公司 → "coltd" (generic class "llc"); ООО ≡ OOO → "ooo";
Pte. Ltd. → "pte ltd". Compare forms by their generic class (llc, jsc, ...).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from rapidfuzz.distance import OSA
from rigour.names.org_types import extract_org_types, remove_org_types

from pierce.names.resources import CORPUS_COUNTS, load


@dataclass(frozen=True)
class LegalForms:
    core: str  # the name without its legal forms
    forms: frozenset[str]  # specific compare forms, e.g. {"gmbh"}
    generic: frozenset[str]  # generic classes, e.g. {"llc"}


def _phrases(phrases: Iterable[str]) -> re.Pattern[str]:
    """Any of the phrases as whole words, the longest first."""
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(r"(?<![a-z0-9])(" + "|".join(map(re.escape, ordered)) + r")(?![a-z0-9])")


@cache
def _rewrites() -> tuple[re.Pattern[str], dict[str, str]]:
    table: dict[str, str] = load("legal_form_aliases")["rewrite"]
    return _phrases(table), table


@cache
def _spelt_out() -> tuple[re.Pattern[str], dict[str, list[str]]]:
    """ISO 20275 full names rigour does not know (Gesellschaft mit beschränkter Haftung) →
    [abbreviation, generic class]; looked for anywhere in what rigour leaves."""
    table: dict[str, list[str]] = load("legal_forms_elf")["names"]
    return _phrases(table), table


@cache
def _elf_forms() -> dict[str, str]:
    forms: dict[str, str] = load("legal_forms_elf")["forms"]
    return forms


@cache
def _end_forms() -> dict[str, str]:
    forms: dict[str, str] = load("legal_form_aliases")["end_forms"]
    return forms


@cache
def _numerals() -> dict[str, str]:
    """Roman numerals and number words to digits first: "Fund II" is not a legal form."""
    table: dict[str, str] = load("token_synonyms")["tokens"]
    return {k: v for k, v in table.items() if v.isdigit()}


@cache
def _legal_words() -> tuple[tuple[str, ...], int]:
    """In file order (English first): a tie between two words goes to the earlier one,
    whatever the hash seed."""
    data = load("legal_form_words")
    return tuple(data["words"]), int(data["min_known_count"])


@cache
def corpus_counts() -> dict[str, int]:
    """Token document counts of the name corpus ({} before the first training run)."""
    try:
        counts: dict[str, int] = load(CORPUS_COUNTS, "match")["counts"]
    except (FileNotFoundError, KeyError):
        return {}
    return counts


@cache
def legal_tokens() -> frozenset[str]:
    """Legal-form words and abbreviations, as they may remain among a name's core tokens."""
    data = load("legal_form_words")
    return frozenset(data["words"]) | frozenset(data["short_forms"])


@cache
def _families() -> dict[str, str]:
    data: dict[str, list[str]] = load("legal_form_families")["families"]
    return {cls: family for family, classes in data.items() for cls in classes}


def legal_families(classes: frozenset[str]) -> frozenset[str]:
    """The families of generic legal-form classes (legal_form_families.json): a company's
    forms, however translated (Co., Ltd., Corp., JSC), are one family; a partnership or a
    trust is another."""
    families = _families()
    return frozenset(families.get(cls, cls) for cls in classes)


@lru_cache(maxsize=65536)
def legal_word(token: str) -> str:
    """The legal-form word `token` misspells (COTPANY → company, LIMHTED → limited), or the
    token itself. The first letter must agree (or be swapped with the second: OCMPANY; c and
    k agree, as Greek and Cyrillic write both κ/к: KOMPANY).
    Only tokens the corpus hardly knows are corrected: a misspelt legal form left in place
    becomes an unmatched, maximally rare word and sinks a true match."""
    if len(token) < 4 or not token.isalpha():
        return token
    words, min_known = _legal_words()
    if token in legal_tokens() or corpus_counts().get(token, 0) >= min_known:
        return token
    limit = 2 if len(token) >= 8 else 1
    best, best_distance = token, limit + 1
    heads = {c.replace("k", "c") for c in token[:2]}
    for word in words:
        if word[0].replace("k", "c") not in heads or abs(len(word) - len(token)) > limit:
            continue
        distance = OSA.distance(token, word, score_cutoff=limit)
        if distance < best_distance:
            best, best_distance = word, distance
    return best


def fix_legal_typos(latin: str) -> str:
    """Every word of a latin key read through `legal_word`; a 4-letter word only beside a
    legal-form word (JONT STOCK, JOINT STOK), since alone it is as likely a name (SOCK)."""
    words = latin.split()
    fixed = [legal_word(w) if len(w) != 4 else w for w in words]
    legal = legal_tokens()
    for i, word in enumerate(words):
        if len(word) == 4 and ((i > 0 and fixed[i - 1] in legal)
                               or (i + 1 < len(fixed) and fixed[i + 1] in legal)):
            fixed[i] = legal_word(word)
    return " ".join(fixed)


def split_legal_forms(latin: str) -> LegalForms:
    """Split a latin key (see `latin_key`) into core name and legal forms.

    rigour's org-type table applies anywhere in the name; the ISO 20275 abbreviations, being
    short and sometimes ordinary words, only at the start or the end of the name, and not
    when the rest is only legal-form words: then the abbreviation is the name (IKS of IKS
    STOCK COMPANY, not the Norwegian form IKS).
    """
    pattern, table = _rewrites()
    text = pattern.sub(lambda m: table[m.group(1)], fix_legal_typos(latin))
    numerals = _numerals()
    text = " ".join(numerals.get(w, w) for w in text.split())
    specific = extract_org_types(text)
    generic = extract_org_types(text, generic=True)
    forms = {target.replace(" ", "") for _, target in specific} - {""}
    classes = {target for _, target in generic}
    core = remove_org_types(text, replacement=" ") if specific else text
    spelt, full_names = _spelt_out()
    for found in spelt.findall(core):
        forms.add(full_names[found][0])
        classes.add(full_names[found][1])
    words = spelt.sub(" ", core).split()
    elf = _elf_forms()
    legal = legal_tokens()
    for take_end in (True, False):
        for size in (3, 2, 1):
            if len(words) <= size:
                continue
            part = words[-size:] if take_end else words[:size]
            key = " ".join(part)
            rest = words[:-size] if take_end else words[size:]
            if key in elf and not all(w.isdigit() or w in legal for w in rest):
                forms.add(key.replace(" ", ""))
                classes.add(elf[key])
                words = rest
                break
    end = _end_forms()
    if len(words) > 1 and words[-1] in end:  # "Sina Industries Co" ≡ "... Company"
        forms.add(end[words[-1]])
        classes.add(end[words[-1]])
        words = words[:-1]
    core = " ".join(words)
    if not core:  # a name made only of legal-form words ("Limited Company") keeps its words
        return LegalForms(latin, frozenset(), frozenset())
    return LegalForms(core, frozenset(forms), frozenset(classes))
