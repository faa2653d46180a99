"""Derive the compact legal-form table src/pierce/data/names/legal_forms_elf.json from ISO 20275.

Usage: python scripts/build_legal_forms.py [ELF_CSV]
(default: $PIERCE_TEST_DATA/registries/elf-codes-1.4.1.csv). The package reads only the JSON at
run time. Each active ELF abbreviation (local and transliterated) becomes a key in the same
normalised form the name analyser produces; its value is rigour's generic class for it when
rigour knows it, else the abbreviation itself. Words that are ordinary name words are skipped.
"""

from __future__ import annotations

import csv
import json
import os
import re
import sys
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


def build(elf_csv: Path) -> dict[str, str]:
    forms: dict[str, str] = {}
    with elf_csv.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            if row.get("ELF Status ACTV/INAC") != "ACTV":
                continue
            abbrevs = (row.get("Abbreviations Local language") or "").split(";")
            abbrevs += (row.get("Abbreviations transliterated") or "").split(";")
            for abbrev in abbrevs:
                key = latin_key(abbrev)
                short = len(key.replace(" ", "")) < 2
                if short or key in SKIP or len(key) > 24 or _ROMAN.match(key):
                    continue
                found = extract_org_types(key, generic=True)
                generic = found[0][1] if found and found[0][0] == key else key.replace(" ", "")
                forms.setdefault(key, generic)
    return dict(sorted(forms.items()))


def main() -> None:
    default = Path(os.environ.get("PIERCE_TEST_DATA", ROOT.parent / "shared" / "data"))
    elf = Path(sys.argv[1]) if len(sys.argv) > 1 else default / "registries/elf-codes-1.4.1.csv"
    forms = build(elf)
    out = ROOT / "src/pierce/data/names/legal_forms_elf.json"
    doc = {"_doc": f"Derived from ISO 20275 ELF code list {elf.name} "
                   "by scripts/build_legal_forms.py",
           "forms": forms}
    out.write_text(json.dumps(doc, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {len(forms)} legal forms to {out}")


if __name__ == "__main__":
    main()
