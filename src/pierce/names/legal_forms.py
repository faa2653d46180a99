"""Legal forms: recognise, normalise and remove them (rigour org_types + ISO 20275 abbreviations).

Co., Ltd. ≡ Company Limited ≡ 有限公司 → "coltd" (generic class "llc"); ООО ≡ OOO → "ooo";
Pte. Ltd. → "pte ltd". Compare forms by their generic class (llc, jsc, ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rigour.names.org_types import extract_org_types, remove_org_types

from pierce.names.resources import load


@dataclass(frozen=True)
class LegalForms:
    core: str  # the name without its legal forms
    forms: frozenset[str]  # specific compare forms, e.g. {"gmbh"}
    generic: frozenset[str]  # generic classes, e.g. {"llc"}


@cache
def _rewrites() -> tuple[re.Pattern[str], dict[str, str]]:
    table: dict[str, str] = load("legal_form_aliases")["rewrite"]
    ordered = sorted(table, key=len, reverse=True)
    pattern = re.compile(r"(?<![a-z0-9])(" + "|".join(map(re.escape, ordered)) + r")(?![a-z0-9])")
    return pattern, table


@cache
def _elf_forms() -> dict[str, str]:
    forms: dict[str, str] = load("legal_forms_elf")["forms"]
    return forms


@cache
def _numerals() -> dict[str, str]:
    """Roman numerals and number words to digits first: "Fund II" is not a legal form."""
    table: dict[str, str] = load("token_synonyms")["tokens"]
    return {k: v for k, v in table.items() if v.isdigit()}


def split_legal_forms(latin: str) -> LegalForms:
    """Split a latin key (see `latin_key`) into core name and legal forms.

    rigour's org-type table applies anywhere in the name; the ISO 20275 abbreviations, being
    short and sometimes ordinary words, only at the start or the end of the name.
    """
    pattern, table = _rewrites()
    text = pattern.sub(lambda m: table[m.group(1)], latin)
    numerals = _numerals()
    text = " ".join(numerals.get(w, w) for w in text.split())
    specific = extract_org_types(text)
    generic = extract_org_types(text, generic=True)
    forms = {target.replace(" ", "") for _, target in specific}
    classes = {target for _, target in generic}
    core = remove_org_types(text, replacement=" ") if specific else text
    words = core.split()
    elf = _elf_forms()
    for take_end in (True, False):
        for size in (3, 2, 1):
            if len(words) <= size:
                continue
            part = words[-size:] if take_end else words[:size]
            key = " ".join(part)
            rest = words[:-size] if take_end else words[size:]
            if key in elf and not all(w.isdigit() for w in rest):
                forms.add(key.replace(" ", ""))
                classes.add(elf[key])
                words = rest
                break
    core = " ".join(words)
    if not core:  # a name made only of legal-form words ("Limited Company") keeps its words
        return LegalForms(latin, frozenset(), frozenset())
    return LegalForms(core, frozenset(forms), frozenset(classes))
