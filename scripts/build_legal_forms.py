"""Derive the compact legal-form table src/pierce/data/names/legal_forms_elf.json from ISO 20275.

Usage: python scripts/build_legal_forms.py [ELF_CSV]
(default: $PIERCE_TEST_DATA/registries/elf-codes-1.4.1.csv). The package reads only the JSON at
run time. Each active ELF abbreviation (local and transliterated) becomes a key in the same
normalised form the name analyser produces; its value is rigour's generic class for it when
rigour knows it, else the abbreviation itself. Words that are ordinary name words are skipped.

`names`: each active form's full name (local and transliterated, 2 to 6 words, parentheses
dropped) → [its abbreviation, generic class], for the spelt-out forms rigour does not know
(Gesellschaft mit beschränkter Haftung → gmbh, llc). Only where the abbreviation is made of
the words' leading letters (g|m|b|h), so that a name whose "abbreviation" is itself or another
phrase (National Bank → NA) is left alone; where rows disagree, the most common abbreviation
wins.
"""

from __future__ import annotations

import csv
import json
import os
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from rigour.names.org_types import extract_org_types

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from pierce.names.text import latin_key  # noqa: E402

# Abbreviations that are also ordinary words or initials in names.
SKIP = {"as", "am", "an", "and", "is", "in", "on", "or", "at", "be", "de", "la", "le", "el", "al",
        "of", "to", "the", "co", "ek", "em", "ab", "ug", "ev", "vs", "ir", "ks", "og", "oy", "ay",
        "mr", "dr", "st", "un", "sa"}


_ROMAN = re.compile(r"^[ivxlcdm]+$")
# Full names that are also ordinary phrases in names of organisations.
SKIP_NAMES = {"trade unions", "public companies", "state owned company"}
MAX_NAME_ABBREVIATION = 6  # longer "abbreviations" are shortened words (internatorg), not initials


def _abbreviation_key(abbrev: str) -> str | None:
    key = latin_key(abbrev)
    if len(key.replace(" ", "")) < 2 or key in SKIP or len(key) > 24 or _ROMAN.match(key):
        return None
    return key


def _made_of_leading_letters(abbrev: str, words: list[str]) -> bool:
    """`abbrev` splits into consecutive parts, each the start of the next word, every word
    used: gmbh ~ gesellschaft mit beschrankter haftung; sarl ~ societe a responsabilite
    limitee."""
    if not words:
        return not abbrev
    word = words[0]
    return any(word.startswith(abbrev[:k]) and _made_of_leading_letters(abbrev[k:], words[1:])
               for k in range(min(len(word), len(abbrev)), 0, -1))


def _rows(elf_csv: Path) -> list[dict[str, str]]:
    with elf_csv.open(encoding="utf-8-sig", newline="") as fh:
        return [row for row in csv.DictReader(fh) if row.get("ELF Status ACTV/INAC") == "ACTV"]


def _abbreviations(row: dict[str, str]) -> list[str]:
    found = (row.get("Abbreviations Local language") or "").split(";")
    found += (row.get("Abbreviations transliterated") or "").split(";")
    return [key for abbrev in found if (key := _abbreviation_key(abbrev))]


def build(rows: list[dict[str, str]]) -> dict[str, str]:
    forms: dict[str, str] = {}
    for row in rows:
        for key in _abbreviations(row):
            found = extract_org_types(key, generic=True)
            generic = found[0][1] if found and found[0][0] == key else key.replace(" ", "")
            forms.setdefault(key, generic)
    return dict(sorted(forms.items()))


def build_names(rows: list[dict[str, str]], forms: dict[str, str]) -> dict[str, list[str]]:
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    generic: dict[str, str] = {}
    for row in rows:
        abbrevs = _abbreviations(row)
        if not abbrevs:
            continue
        generic.setdefault(abbrevs[0].replace(" ", ""), forms[abbrevs[0]])
        abbrevs = [a.replace(" ", "") for a in abbrevs]
        for column in ("Entity Legal Form name Local name",
                       "Entity Legal Form name Transliterated name (per ISO 01-140-10)"):
            full = latin_key(re.sub(r"\(.*?\)", " ", row.get(column) or ""))
            words = full.split()
            if 2 <= len(words) <= 6 and full not in SKIP_NAMES:
                votes[full][abbrevs[0]] += 1
    names = {}
    for full, counted in votes.items():
        abbrev = sorted(counted.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        if len(abbrev) <= MAX_NAME_ABBREVIATION and _made_of_leading_letters(abbrev, full.split()):
            names[full] = [abbrev, generic[abbrev]]
    return dict(sorted(names.items()))


def main() -> None:
    default = Path(os.environ.get("PIERCE_TEST_DATA", ROOT.parent / "shared" / "data"))
    elf = Path(sys.argv[1]) if len(sys.argv) > 1 else default / "registries/elf-codes-1.4.1.csv"
    rows = _rows(elf)
    forms = build(rows)
    names = build_names(rows, forms)
    out = ROOT / "src/pierce/data/names/legal_forms_elf.json"
    doc = {"_doc": f"Derived from ISO 20275 ELF code list {elf.name} "
                   "by scripts/build_legal_forms.py",
           "forms": forms, "names": names}
    out.write_text(json.dumps(doc, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {len(forms)} legal forms and {len(names)} full names to {out}")


if __name__ == "__main__":
    main()
