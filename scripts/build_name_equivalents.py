"""Derive src/pierce/data/names/name_equivalents.json: which words of persons' names are one
name in another language or a nickname of it (Pyotr ≡ Peter, Iosif ≡ Joseph).

Usage: python scripts/build_name_equivalents.py
(reads the lists and GLEIF names under $PIERCE_TEST_DATA). rigour's person-name tagger links
words to Wikidata name items (NAME:Q…) and nickname groups (NICK:…), but takes ~6.6 s to load,
which every `pierce match` of a person would pay. So the tagger runs here, once, over a
vocabulary: every word of the listed persons' names (CSL 2022, OFAC SDN, UN) and every
alphabetic word of 3+ letters in the GLEIF names (registries name many people: Peter Müller
GmbH, Bob's Garage). Only the words that share a name item with another vocabulary word are
kept, each with the numbers of its groups; words outside the vocabulary have no equivalents.
The nickname groups are marked (short and with other initials by nature: Bob ~ Robert).
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

from rigour.names import NameTypeTag, analyze_names

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from pierce.match.corpus import data_dir, read_gleif_names, screening_lists  # noqa: E402
from pierce.match.records import is_person  # noqa: E402
from pierce.names.analyze import analyze_name  # noqa: E402

KINDS = ("NAME", "NICK")
OUT = ROOT / "src/pierce/data/names/name_equivalents.json"


def symbols(token: str) -> set[str]:
    """The name items and nickname groups one word stands for, by rigour's tagger."""
    found: set[str] = set()
    for name in analyze_names(NameTypeTag.PER, [token], phonetics=False, numerics=False,
                              consolidate=False, rewrite=False):
        for span in name.spans:
            if len(span.parts) == 1 and str(span.symbol.category).endswith(KINDS):
                found.add(str(span.symbol))
    return found


def vocabulary() -> set[str]:
    words: set[str] = set()
    for entry in screening_lists():
        if is_person(entry.schema):
            for name in entry.names:
                words.update(analyze_name(name, True).tokens)
    path = data_dir() / "registries/gleif-l1-names-2025.csv.gz"
    for _, name, _ in read_gleif_names(path):
        words.update(t for t in analyze_name(name).tokens if len(t) >= 3)
    return {w for w in words if len(w) >= 2 and w.isascii() and w.isalpha()}


def main() -> None:
    words = sorted(vocabulary())
    members: dict[str, list[str]] = defaultdict(list)
    for word in words:
        for symbol in symbols(word):
            members[symbol].append(word)
    shared = sorted(s for s, ws in members.items() if len(ws) > 1)
    number = {s: k for k, s in enumerate(shared)}
    table: dict[str, list[int]] = defaultdict(list)
    for symbol in shared:
        for word in members[symbol]:
            table[word].append(number[symbol])
    OUT.write_text(json.dumps({
        "_doc": "Words of persons' names → numbers of the name groups they belong to (rigour's "
                "person-name tagger: Wikidata name items and nickname groups); two words "
                "sharing a number are one name. `nicknames`: the numbers that are nickname "
                "groups (Bill, Will ~ William). Written by scripts/build_name_equivalents.py "
                f"from {len(words):,} words of listed persons' and GLEIF names.",
        "groups": {w: sorted(g) for w, g in sorted(table.items())},
        "nicknames": [number[s] for s in shared if s.startswith("[NICK:")],
    }, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"{len(words):,} words, {len(shared):,} shared groups, {len(table):,} words kept "
          f"→ {OUT} ({OUT.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
