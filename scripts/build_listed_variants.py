"""Derive src/pierce/data/names/listed_variants.json: pairs of words the lists themselves give
as spellings of one word in organisations' names (HIZBALLAH ~ HEZBOLLAH, AL-QAIDA ~ AL-QAEDA).

Usage: python scripts/build_listed_variants.py
(reads the lists under $PIERCE_TEST_DATA: CSL 2022, OFAC SDN, UN). Two names of one listed
organisation that differ in one word only, the words agreeing well (LEBANESE HIZBALLAH and
LEBANESE HEZBOLLAH), give that pair. Screening also reads a query's word as its other
spelling (`pierce.names.equivalents.listed_spellings`): both are corpus words, which the
scorer reads as two different words that look alike (Solar ~ Solmar), so 'Hezbollah' scored
0.36 against HIZBALLAH although OFAC names the party both ways.
Left out: persons' names, whose variants are common given names and surnames (Sayed ~
Seyed, Mahrus ~ Mahrous), which would let namesakes meet; and pairs of common words
(ELECTRIC ~ ELECTRONIC, AFRICAN ~ AMERICAN, HOLDING ~ HOLDINGS), in which one party's names
may vary but most companies' names do not.
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from pierce.match.corpus import screening_lists  # noqa: E402
from pierce.match.features import GOOD, align  # noqa: E402
from pierce.match.records import is_person  # noqa: E402
from pierce.match.weights import TokenWeights, default_token_weights  # noqa: E402
from pierce.names.analyze import analyze_name  # noqa: E402

OUT = ROOT / "src/pierce/data/names/listed_variants.json"
MIN_LETTERS = 4  # shorter words differ by a letter too often by chance (Kim ~ Kin)
MAX_NAMES = 30  # names of one party compared pairwise (bounded work for long alias lists)
DISTINCTIVE = 10.0  # IDF weight both words need: in fewer than about 1 in 20,000 names


def one_word_apart(left: tuple[str, ...], right: tuple[str, ...], weights: TokenWeights
                   ) -> tuple[str, str] | None:
    """The two differing words when two names are the same but for one word that agrees well
    (in any order) and both spellings of which are distinctive words; None otherwise."""
    if len(left) != len(right):
        return None
    alignment = align(left, right)
    differing = [(a, b, sim) for a, b, sim in alignment.pairs if a != b]
    if len(differing) != 1 or alignment.left_unmatched or alignment.right_unmatched:
        return None
    a, b, sim = differing[0]
    if sim < GOOD or min(len(a), len(b)) < MIN_LETTERS or not (a.isalpha() and b.isalpha()):
        return None
    if min(weights(a), weights(b)) < DISTINCTIVE:
        return None
    return (a, b) if a < b else (b, a)


def main() -> None:
    pairs: set[tuple[str, str]] = set()
    weights = default_token_weights()
    for entry in screening_lists():
        if is_person(entry.schema):
            continue
        forms = [form.tokens for name in entry.names
                 if (form := analyze_name(name)).tokens and not form.non_latin]
        for left, right in itertools.combinations(list(dict.fromkeys(forms))[:MAX_NAMES], 2):
            if found := one_word_apart(left, right, weights):
                pairs.add(found)
    doc = ("Pairs of words the lists give as spellings of one word: two names of one listed "
           "organisation that differ in that word only (LEBANESE HIZBALLAH, LEBANESE HEZBOLLAH). "
           "Written by scripts/build_listed_variants.py from CSL 2022, OFAC SDN and UN.")
    lines = ",\n".join(json.dumps(list(p), ensure_ascii=False) for p in sorted(pairs))
    OUT.write_text(f'{{"_doc": {json.dumps(doc)},\n"pairs": [\n{lines}\n]}}\n', encoding="utf-8")
    print(f"{len(pairs)} pairs -> {OUT}")


if __name__ == "__main__":
    main()
