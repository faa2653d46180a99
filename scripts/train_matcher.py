"""Train the pair scorer: generate labelled pairs from real list entries, fit, calibrate, save.

Usage: python scripts/train_matcher.py [--seed 7] [--out src/pierce/data/match]

Reproducible (fixed seed, fixed input files under $PIERCE_TEST_DATA):
- entries: US Consolidated Screening List 2022-04 (names, aliases, birth dates, nationalities);
  background organisations: GLEIF level-1 legal names, only rows after the first 100,000
  (GLEIF_SKIP): bench/perturb.py measures the false-positive rate on the first rows, so no
  name it screens is trained on, counted for IDF, or used to pick the threshold.
- positives: an entry's name vs its aliases (aliases whose most distinctive word has no
  partner in the name are skipped: the list links them, not their spelling) and synthetic
  variants of its names (typo, token drop
  for people, reorder, transliteration to Cyrillic/Greek, legal-form swap, abbreviation,
  homoglyph, invisible characters; sometimes two at once).
- negatives: different entries of the same kind, near misses that share a word with the
  entry, GLEIF companies sharing a word, the entry's name with one distinctive word replaced
  by a dissimilar (or same-prefix) word from another entry or, for organisations, by a common
  corpus word one edit away (Solmar → Solar: a registry name resembling it), a person's
  given name alone, and
  — as screening meets them — the other entries an index retrieves for an entry's name and
  the list entries it retrieves for GLEIF company names (paired half the time with the
  retrieved entry's name most alike as word sets, the one screening would keep).
- record evidence (birth year, country, address) on some pairs, as screening requests
  give it: a query address is one of the entry's rendered otherwise (city only, parts left
  out or reordered, a typo), or for the same party sometimes another one (it moved); and
  negatives of different parties sharing a street address.
- entries are split 80/20 by id hash: the model is fitted on the 80% and calibration
  (Brier score, reliability table) are measured on the 20%.
- the model is BAGS forests, each fitted on pairs drawn with a seed of its own, their
  log-odds averaged. Pairs are drawn per entry, name and pair (`keyed`), so that a change
  touching a few entries redraws their pairs only; one forest on one draw left the GLEIF
  false-positive tail to chance (±20% at a fixed threshold between draws).
- default threshold: for screening, where almost nobody screened is listed. GLEIF companies
  disjoint from the training ones (THRESHOLD_SAMPLE of them) are screened against an index of
  all lists (CSL, SDN, UN; Latin names) exactly as pierce screen screens a query
  (pierce.match.screen.match_record); the threshold is the lowest score at which at most
  TARGET_FP_RATE of them get a hit. Its recall on the held-out positives is reported.
The evaluation set bench/name-pairs-cases.csv is never read here.
Writes token-idf-v2.json (IDF counts from list + GLEIF names) and weights-v4.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import random
import sys
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from itertools import islice
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, Levenshtein
from rigour.addresses import address_fingerprint

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from pierce.index.build import NameIndex, records_index  # noqa: E402
from pierce.match.addresses import (  # noqa: E402
    ADDRESS_SIM,
    AddressEvidence,
    address_features,
    compare_addresses,
)
from pierce.match.corpus import (  # noqa: E402
    ListEntry,
    data_dir,
    read_csl,
    read_gleif_names,
    screening_lists,
)
from pierce.match.features import (  # noqa: E402
    FEATURES,
    coverage_gate,
    name_features,
    record_features,
)
from pierce.match.forest import PAD_THRESHOLD, Forest  # noqa: E402
from pierce.match.records import Record, is_person, schema_group  # noqa: E402
from pierce.match.scorer import input_row, probabilities  # noqa: E402
from pierce.match.screen import match_record  # noqa: E402
from pierce.match.variants import (  # noqa: E402
    ADVERSARIAL,
    BENIGN,
    _transliterator,
    address_variant,
)
from pierce.match.weights import GROUP_INPUTS, Model, TokenWeights  # noqa: E402
from pierce.names import legal_forms  # noqa: E402
from pierce.names.analyze import analyze_name, particles  # noqa: E402
from pierce.names.resources import CORPUS_COUNTS  # noqa: E402
from pierce.names.text import latin_key  # noqa: E402

PERSON_VARIANTS = ["typo", "typo", "token_drop", "token_drop", "reorder", "transliteration",
                   "abbreviation", "abbreviation", "homoglyph", "invisible"]
ORG_VARIANTS = ["typo", "typo", "token_drop", "token_drop", "reorder", "transliteration",
                "legal_form_swap", "legal_form_swap", "abbreviation", "homoglyph", "invisible"]
VARIANTS = {**BENIGN, **ADVERSARIAL}
IDF_MIN_COUNT = 4
MODEL_VERSION = "v4"
GLEIF_SKIP = 100_000  # bench/perturb.py screens GLEIF rows before this for false positives
THRESHOLD_SAMPLE = 30_000  # GLEIF companies screened to set the default threshold (sampling
# error of a 0.45% rate: ±0.04%; with 10,000 it was ±0.07% and the threshold wandered)
GLEIF_NEGATIVE_QUERIES = 50_000  # GLEIF companies whose retrieved list entries are negatives
TARGET_FP_RATE = 0.0045  # at most this share of them hit (goal 0.5%, less the sampling error)
COMMON_WORD_COUNT = 20  # a word seen this often in the corpus is a word, not a misspelling
NO_ADDRESS = 0.6  # of the pairs whose entries both have addresses, those a request gives none
MOVED = 0.2  # of the same party's, those giving an address the list does not have
SHARED_PLACES = 10  # negatives per street address that several listed parties share


def keyed(seed: str, *key: str) -> random.Random:
    """A generator of its own for one entry, name or pair: what is drawn for it depends on
    the seed and on it alone, so a change that touches a few entries (how their names are
    analysed, whether a variant exists) redraws their pairs, not every pair after them."""
    return random.Random("\x1f".join((seed, *key)))


def is_holdout(entry_id: str) -> bool:
    return hashlib.sha256(entry_id.encode()).digest()[0] < 52  # ~20%


def build_idf(entries: list[ListEntry], gleif: list[str]) -> tuple[dict[str, int], int]:
    counts: Counter[str] = Counter()
    documents = 0
    names = [(n, is_person(e.schema)) for e in entries for n in e.names]
    for name, person in names + [(name, False) for name in gleif]:
        counts.update(set(analyze_name(name, person).tokens))
        documents += 1
    return {t: c for t, c in sorted(counts.items()) if c >= IDF_MIN_COUNT}, documents


def variant_of(name: str, kinds: list[str], rng: random.Random) -> str | None:
    out: str | None = name
    for _ in range(1 if rng.random() < 0.75 else 2):
        kind = rng.choice(kinds)
        nxt = VARIANTS[kind](out or name, rng)
        if nxt is not None:
            out = nxt
    return out if out != name else None


def swap_token(name: str, vocabulary: list[str], rng: random.Random) -> str | None:
    """Replace one distinctive word by a dissimilar real word: a different party."""
    words = name.split()
    spots = [i for i, w in enumerate(words) if len(w) > 2 and w.casefold() not in particles()]
    if len(words) < 2 or not spots:
        return None
    i = rng.choice(spots)
    for _ in range(10):
        other = rng.choice(vocabulary)
        if other[:2].casefold() != words[i][:2].casefold() and abs(len(other) - len(words[i])) < 5:
            words[i] = other
            return " ".join(words)
    return None


def near_namesake(name: str, by_prefix: dict[str, list[str]], rng: random.Random) -> str | None:
    """Replace one word by a different real word with the same first three letters
    (Lukashenko → Lukashevich, Luxon → Luxford): a different party that looks close."""
    words = name.split()
    spots = [i for i, w in enumerate(words) if len(w) > 4 and w.casefold() not in particles()]
    if len(words) < 2 or not spots:
        return None
    i = rng.choice(spots)
    word = words[i].casefold()
    options = [w for w in by_prefix.get(word[:3], [])
               if Levenshtein.distance(w, word) >= 3 and w[:3] == word[:3]]
    if not options:
        return None
    choice = rng.choice(options)
    words[i] = choice.upper() if words[i].isupper() else choice.title()
    return " ".join(words)


def delete_index(words: list[str]) -> dict[str, list[str]]:
    """Words by themselves and by each one-letter deletion: finds words within one edit."""
    table: dict[str, list[str]] = defaultdict(list)
    for word in words:
        for key in {word} | {word[:i] + word[i + 1:] for i in range(len(word))}:
            table[key].append(word)
    return table


def common_lookalike(name: str, common: dict[str, list[str]], rng: random.Random) -> str | None:
    """The name with its most distinctive word replaced by a common word one edit away
    (Solmar → Solar, Koach → Coach): a different party that a registry name resembles, unlike
    a misspelling, which is a word the corpus does not know. Plural/singular pairs are
    skipped (Electronic ~ Electronics may well be the same party)."""
    tokens = [t for t in analyze_name(name).tokens if len(t) >= 4 and t.isalpha()]
    if not tokens:
        return None
    word = max(tokens, key=WEIGHTS)
    near = {w for key in {word} | {word[:i] + word[i + 1:] for i in range(len(word))}
            for w in common.get(key, ()) if w != word and Levenshtein.distance(w, word) <= 2
            and w.rstrip("s") != word.rstrip("s")}
    near = {w for w in near if OSA.distance(w, word) == 1}
    if not near:
        return None
    choice = rng.choice(sorted(near))
    words = [choice if w.casefold().strip(",.()") == word else w for w in name.split()]
    out = " ".join(words)
    return out if out != name else None


def both_scripts(left: str, right: str, rng: random.Random) -> tuple[str, str]:
    """Write both names in the same other script (lists in Cyrillic, Greek, Hangul)."""
    spec = rng.choice(["Latin-Cyrillic", "Latin-Greek"])
    trans = _transliterator(spec)
    return str(trans.transliterate(left.lower())), str(trans.transliterate(right.lower()))


def met_name(query: str, names: tuple[str, ...], rng: random.Random) -> str:
    """The name of a retrieved entry a negative pairs the query with: half the time the one
    most alike as word sets, as screening scores every name of a party and keeps the best (a
    random one would seldom be the one-word alias, AMB or KHK, that a registry name containing
    that word meets), else any."""
    if rng.random() < 0.5:
        return rng.choice(names)
    key = latin_key(query)
    return max(names, key=lambda n: fuzz.token_set_ratio(key, latin_key(n)))


def generate(entries: list[ListEntry], gleif: list[str], seed: str,
             common: dict[str, list[str]]) -> list[tuple[ListEntry, str, ListEntry, str, int]]:
    """(left entry, left name, right entry, right name, label), drawn per entry, name and
    pair (`keyed`)."""
    by_token: dict[str, list[int]] = defaultdict(list)
    vocab: dict[str, list[str]] = defaultdict(list)
    for k, entry in enumerate(entries):
        for token in set(analyze_name(entry.names[0], is_person(entry.schema)).tokens):
            if len(token) > 2 and token not in particles():
                by_token[token].append(k)
        vocab[entry.schema == "Person"].extend(w for w in entry.names[0].split() if len(w) > 2)
    by_prefix: dict[str, list[str]] = defaultdict(list)
    for word in sorted({w.casefold().strip(",.") for words in vocab.values() for w in words}):
        if word.isalpha() and len(word) > 4:
            by_prefix[word[:3]].append(word)
    gleif_by_token: dict[str, list[str]] = defaultdict(list)
    for name in gleif:
        for token in set(analyze_name(name).tokens):
            if len(gleif_by_token[token]) < 50:
                gleif_by_token[token].append(name)
    pairs: list[tuple[ListEntry, str, ListEntry, str, int]] = []
    background = ListEntry("gleif", "Company", ())
    for k, entry in enumerate(entries):
        rng = keyed(seed, "entry", entry.id)
        person = is_person(entry.schema)
        name = entry.names[0]
        form = analyze_name(name, person)
        if not form.tokens:
            continue
        exact_only = Record(entry.names, entry.schema, weak_names=entry.weak_names
                            ).exact_only_names
        for alias in entry.names[1:4]:
            if alias in exact_only:  # screening matches it exactly only, never learns from it
                continue
            feats, _ = name_features(form, analyze_name(alias, person), WEIGHTS, person)
            # an alias whose most distinctive word has no partner in the name is linked by
            # the list, not by spelling: no name matcher should learn to accept that
            if feats["unmatched_dominant"] == 0 or feats["compact_sim"] >= 0.8:
                pairs.append((entry, name, entry, alias, 1))
        kinds = PERSON_VARIANTS if person else ORG_VARIANTS
        for _ in range(3):
            source = rng.choice(entry.names)
            variant = variant_of(source, kinds, rng)
            if variant and person and rng.random() < 0.5:
                # a person's list entry may be the shorter form too (middle name left out)
                pairs.append((entry, rng.choice(entry.names), entry, variant, 1))
            elif variant:
                pairs.append((entry, variant, entry, rng.choice(entry.names), 1))
        # negatives: random, near misses, background companies, swapped word
        same_kind = [i for i in rng.sample(range(len(entries)), 8)
                     if i != k and (entries[i].schema == "Person") == person]
        for i in same_kind[:1]:
            pairs.append((entry, name, entries[i], entries[i].names[0], 0))
        tokens = [t for t in form.tokens if t in by_token]
        rng.shuffle(tokens)
        for token in tokens[:2]:
            i = rng.choice(by_token[token])
            if i != k and entries[i].names[0] != name:
                pairs.append((entry, rng.choice(entry.names), entries[i],
                              rng.choice(entries[i].names), 0))
        if not person:
            for token in tokens[:1] + [t for t in form.tokens if t in gleif_by_token][:1]:
                options = gleif_by_token.get(token)
                if options:
                    pairs.append((entry, name, background, rng.choice(options), 0))
        if person and len(form.tokens) >= 2 and len(name.split()) >= 2:
            # a given name alone does not identify a person
            pairs.append((entry, name.replace(",", " ").split()[-1], entry, name, 0))
        swapped = swap_token(name, vocab[person], rng)
        if swapped:
            pairs.append((entry, swapped, entry, name, 0))
        for _ in range(2):
            namesake = near_namesake(rng.choice(entry.names), by_prefix, rng)
            if namesake:
                pairs.append((entry, namesake, entry, name, 0))
        lookalike = None if person else common_lookalike(name, common, rng)
        if lookalike:
            pairs.append((background, lookalike, entry, name, 0))
    # negatives as screening meets them: the other entries the index retrieves for a name
    index = records_index([Record(e.names, e.schema, id=str(k)) for k, e in enumerate(entries)])
    # by names alone: pairs an identifier decides (aircraft registrations) never reach the model
    index.identifiers.clear()
    for k, entry in enumerate(entries):
        rng = keyed(seed, "retrieved", entry.id)
        kinds = PERSON_VARIANTS if entry.schema == "Person" else ORG_VARIANTS
        query = variant_of(entry.names[0], kinds, rng) or entry.names[0]
        found = [i for i in index.candidates(Record((query,), entry.schema), depth=10) if i != k]
        for i in rng.sample(found, min(3, len(found))):
            pairs.append((entry, query, entries[i], met_name(query, entries[i].names, rng), 0))
    # background companies (on no list) against the list entries the index retrieves for them
    for name in gleif[:GLEIF_NEGATIVE_QUERIES]:
        rng = keyed(seed, "gleif", name)
        for i in index.candidates(Record((name,), "Company"), depth=5)[:3]:
            pairs.append((background, name, entries[i], met_name(name, entries[i].names, rng), 0))
    # the same surface variation on both labels, so that it is never a cue by itself
    out = []
    for left, lname, right, rname, label in pairs:
        rng = keyed(seed, "surface", *pair_key((left, lname, right, rname, label)))
        kinds = PERSON_VARIANTS if left.schema == "Person" else ORG_VARIANTS
        if label == 0 and rng.random() < 0.5:
            lname = variant_of(lname, kinds, rng) or lname
        if rng.random() < 0.08:
            lname, rname = both_scripts(lname, rname, rng)
        out.append((left, lname, right, rname, label))
    return out


def request_address(left: ListEntry, right: ListEntry, places: random.Random,
                    pool: list[str]) -> AddressEvidence | None:
    """The addresses of a screening request for `left` compared with `right`'s: often none
    (NO_ADDRESS), else a rendering of one of left's, or for the same party now and then
    another address altogether (it moved, or gave another office)."""
    if not left.addresses or not right.addresses or places.random() < NO_ADDRESS:
        return None
    address = places.choice(left.addresses)
    if left is right and places.random() < MOVED:
        address = places.choice(pool)
    return compare_addresses([address_variant(address, places)], right.addresses)


def shared_address_pairs(entries: list[ListEntry], seed: str
                         ) -> list[tuple[ListEntry, str, ListEntry, str, int]]:
    """Negatives: different parties at one street address (a registered agent, a shared
    office: seventeen shipping companies at Diagoras House, Nicosia). The address agrees, the
    party does not. Entries with alike names are left out: one party may be on two lists."""
    by_place: dict[str, set[int]] = defaultdict(set)
    for k, entry in enumerate(entries):
        for address in entry.addresses:
            key = address_fingerprint(address)
            if key and len(key.split()) >= 4:
                by_place[key].add(k)
    pairs = []
    for key in sorted(by_place):
        rng = keyed(seed, "shared", key)
        members = sorted(by_place[key])
        for k in members[:SHARED_PLACES] if len(members) > 1 else ():
            i = rng.choice([m for m in members if m != k])
            if fuzz.token_set_ratio(entries[k].names[0], entries[i].names[0]) < 70:
                pairs.append((entries[k], entries[k].names[0], entries[i],
                              rng.choice(entries[i].names), 0))
    return pairs


def pair_key(pair: tuple[ListEntry, str, ListEntry, str, int]) -> tuple[str, ...]:
    left, lname, right, rname, label = pair
    return left.id, lname, right.id, rname, str(label)


def featurise(pairs: list[tuple[ListEntry, str, ListEntry, str, int]], seed: str,
              pool: list[str], always_record: bool = False
              ) -> tuple[np.ndarray, np.ndarray, list[str], np.ndarray]:
    """The forest's inputs of the pairs, their labels, schema groups and `address_sim`.
    Record evidence and addresses (`pool`: every listed address) are drawn per pair, the
    addresses with a generator of their own, so the rest does not depend on them."""
    rows, labels, groups, sims = [], [], [], []
    for pair in pairs:
        left, lname, right, rname, label = pair
        key = pair_key(pair)
        rng, places = keyed(seed, "record", *key), keyed(seed, "address", *key)
        group = schema_group(left.schema, right.schema if right.names else "Company")
        person = group == "person"  # compared as the scorer does: persons' names as persons'
        feats, _ = name_features(analyze_name(lname, person), analyze_name(rname, person),
                                 WEIGHTS, person)
        # record evidence is present only sometimes, as in real screening requests
        use_record = always_record or (rng.random() < 0.3 and right is not left
                                       or rng.random() < 0.15)
        if use_record:
            feats.update(record_features(left.birth_dates, right.birth_dates,
                                         left.countries, right.countries))
        # an address as often for a match as for a non-match (see fit_address_weight)
        sims.append(address_features(request_address(left, right, places, pool))[ADDRESS_SIM])
        rows.append(input_row(FEATURES, feats, group))
        labels.append(label)
        groups.append(group)
    return np.array(rows), np.array(labels, dtype=float), groups, np.array(sims)


# Monotone constraints: evidence against a match (unmatched words, conflicts) may only lower
# the score, evidence for it only raise it, so that the trees cannot carve a combination into
# nonsense. Similarity features are left free: constrained to rise as well, the trees did
# worse on the held-out pairs (F1 0.821 against 0.838 at the F1-best threshold).
POSITIVE = {"birth_match", "country_match", "legal_same"}
NEGATIVE = {"two_sided_unmatched", "unmatched_dominant", "no_good_token", "unmatched_weight",
            "unmatched_count",
            "extra_tokens", "legal_conflict", "number_conflict", "birth_conflict",
            "country_conflict", "fuzzy_only", "query_extra", "fuzzy_extra", "known_fuzzy",
            "query_common_fuzzy", "number_missing", "surname_missing", "short_evidence"}
BAGS = 3  # forests, each fitted on pairs drawn with a seed of its own, averaged: one draw of
# pairs alone moved the GLEIF false-positive tail by a fifth at a fixed threshold
TREES = 200  # boosting rounds ...
DEPTH = 5  # ... of trees this deep (32 leaves at most): enough for the interactions
LEARNING_RATE = 0.1


def fit_address_weight(model: Model, x: np.ndarray, y: np.ndarray, sims: np.ndarray
                       ) -> tuple[float, int]:
    """The log-odds w ≥ 0 an agreeing address adds (score = sigmoid(forest + w ×
    address_sim)), by maximum likelihood (Newton steps) on pairs with an agreeing address,
    the forest's log-odds held fixed. Fitted on held-out pairs, whose log-odds the forest has
    not learnt, and outside the trees, so that names alone score as they would without
    addresses (the trees would lower every pair without one: evidence it lacks). Pairs the
    coverage gate scales are left out. Also returns the number of pairs fitted on."""
    use = sims > 0
    compact, coverage = FEATURES.index("compact_sim"), FEATURES.index("coverage_short")
    use &= np.array([coverage_gate(c, v) >= 1.0 for c, v in x[:, [compact, coverage]]])
    z, s, t = model.forest.log_odds(x[use]), sims[use], y[use]
    w = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(z + w * s)))
        gradient, curvature = float(np.sum((t - p) * s)), float(np.sum(p * (1 - p) * s * s))
        step = gradient / max(curvature, 1e-9)
        w = max(0.0, w + step)
        if abs(step) < 1e-6:
            break
    return round(w, 4), int(use.sum())


def fit_forest(x: np.ndarray, y: np.ndarray) -> Forest:
    """Gradient-boosted trees (log loss, unweighted: probabilities keep the generated base
    rate) with the monotone constraints above, on one thread so the result is reproducible,
    stored as complete trees of DEPTH (pierce.match.forest)."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    from threadpoolctl import threadpool_limits

    inputs = FEATURES + GROUP_INPUTS
    constraints = [1 if f in POSITIVE else -1 if f in NEGATIVE else 0 for f in inputs]
    model = HistGradientBoostingClassifier(
        max_iter=TREES, max_depth=DEPTH, max_leaf_nodes=2**DEPTH, learning_rate=LEARNING_RATE,
        l2_regularization=1.0, monotonic_cst=constraints, early_stopping=False, random_state=0)
    with threadpool_limits(1):
        model.fit(x, y)
    # sklearn keeps the fitted trees in a private attribute (nodes: value, count, feature_idx,
    # num_threshold, left, right, is_leaf; a row goes left when value <= num_threshold)
    trees = [complete_tree(predictors[0].nodes, DEPTH) for predictors in model._predictors]
    return Forest(inputs, DEPTH, np.array([t[0] for t in trees], dtype=np.intp),
                  np.array([t[1] for t in trees]), np.round(np.array([t[2] for t in trees]), 6),
                  round(float(np.ravel(model._baseline_prediction)[0]), 6))


def complete_tree(nodes: np.ndarray, depth: int) -> tuple[list[int], list[float], list[float]]:
    """One fitted tree as split features, thresholds and node values in heap order, padded to
    `depth` (a leaf above it splits on column 0 at PAD_THRESHOLD, always left, keeping its
    value). An inner node's value is the count-weighted mean of its children's, so that each
    step down a path moves the value by that split's evidence (path contributions)."""
    inner = 2**depth - 1
    feature, threshold, value = [0] * inner, [PAD_THRESHOLD] * inner, [0.0] * (2 * inner + 1)

    def pad(at: int, leaf: float) -> None:  # a leaf's value all the way down
        if at < len(value):
            value[at] = leaf
            pad(2 * at + 1, leaf)
            pad(2 * at + 2, leaf)

    def fill(k: int, at: int) -> float:  # node k written at heap position `at`; its value
        node = nodes[k]
        if node["is_leaf"]:
            pad(at, float(node["value"]))
            return value[at]
        left, right = int(node["left"]), int(node["right"])
        feature[at], threshold[at] = int(node["feature_idx"]), float(node["num_threshold"])
        value[at] = ((fill(left, 2 * at + 1) * nodes[left]["count"]
                      + fill(right, 2 * at + 2) * nodes[right]["count"])
                     / (nodes[left]["count"] + nodes[right]["count"]))
        return value[at]

    fill(0, 0)
    return feature, threshold, value


def reliability(p: np.ndarray, y: np.ndarray, bins: int = 10) -> list[dict[str, float]]:
    table = []
    edges = np.linspace(0, 1, bins + 1)
    for lo, hi in zip(edges[:-1], edges[1:], strict=True):
        mask = (p >= lo) & (p < hi if hi < 1 else p <= hi)
        if mask.sum():
            table.append({"bin": f"{lo:.1f}-{hi:.1f}", "n": int(mask.sum()),
                          "mean_score": float(p[mask].mean()), "share_same": float(y[mask].mean())})
    return table


def best_threshold(p: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    best = (0.5, 0.0)
    for t in np.arange(0.30, 0.91, 0.01):
        pred = p >= t
        tp = float((pred & (y == 1)).sum())
        prec = tp / max(pred.sum(), 1)
        rec = tp / max((y == 1).sum(), 1)
        f1 = 2 * prec * rec / max(prec + rec, 1e-9)
        if f1 > best[1] + 1e-4:
            best = (round(float(t), 2), f1)
    return best


def raw_word_counts(names: list[str]) -> dict[str, int]:
    """Document counts of the plain latin words, before any name analysis: which words are
    common real words, so that legal-form typo correction (pierce.names.legal_forms) leaves
    them alone. Used instead of the shipped counts while training, for reproducibility."""
    counts: Counter[str] = Counter()
    for name in names:
        counts.update(set(latin_key(name).split()))
    return dict(counts)


def screening_scores(names: list[str], index: NameIndex, model: Model) -> np.ndarray:
    """Best score per company name, screened as pierce.match.screen screens a query
    (retrieval, shortlist, every kept name of each candidate, weak aliases exactly only), in
    two forked processes."""
    global SCREENING
    SCREENING = (index, model)
    half = len(names) // 2
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork")) as workers:
        return np.concatenate(list(workers.map(_best_scores, [names[:half], names[half:]])))


SCREENING: tuple[NameIndex, Model]


def _best_scores(names: list[str]) -> np.ndarray:
    index, model = SCREENING
    return np.array([max((pair.score for _, pair in match_record(
        index, Record((name,), "Company"), 0.0, 1, model=model, weights=WEIGHTS)), default=0.0)
        for name in names])


def screening_threshold(top: np.ndarray, target: float) -> float:
    """Lowest threshold (0.01 steps) at which at most `target` of the screened companies hit."""
    for t in np.arange(0.30, 0.99, 0.01):
        if float((top >= t).mean()) <= target:
            return round(float(t), 2)
    return 0.99


def recall_at(p: np.ndarray, y: np.ndarray, threshold: float) -> float:
    return float(((p >= threshold) & (y == 1)).sum() / max((y == 1).sum(), 1))


WEIGHTS: TokenWeights


BAG_INPUTS: tuple[list[ListEntry], list[str], str, dict[str, list[str]], list[str]]


def train_bag(number: int) -> tuple[Forest, int, int]:
    """One forest of the model, on pairs drawn with seed "<seed>.<number>": (forest,
    training pairs, of which same)."""
    entries, gleif, seed, common, pool = BAG_INPUTS
    pairs = generate(entries, gleif, f"{seed}.{number}", common)
    x, y, _, _ = featurise(pairs, f"{seed}.{number}", pool)
    return fit_forest(x, y), len(y), int(y.sum())


def main() -> None:
    global WEIGHTS, BAG_INPUTS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=ROOT / "src/pierce/data/match")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    rng = random.Random(args.seed)
    data = data_dir()
    entries = [e for e in read_csl(data / "lists/csl-2022-04-consolidated.csv.gz") if e.names]
    gleif_path = data / "registries/gleif-l1-names-2025.csv.gz"
    gleif_all = [name for _, name, _ in islice(read_gleif_names(gleif_path), GLEIF_SKIP, None)]
    corpus = [n for e in entries for n in e.names] + gleif_all
    known = raw_word_counts(corpus)
    legal_forms.corpus_counts = lambda: known  # reproducible: not the previously shipped file
    counts, documents = build_idf(entries, gleif_all)
    WEIGHTS = TokenWeights.from_counts(counts, documents)
    (args.out / f"{CORPUS_COUNTS}.json").write_text(json.dumps(
        {"_doc": f"Token document counts over CSL 2022 + GLEIF L1 names after row {GLEIF_SKIP} "
                 f"(tokens seen >= {IDF_MIN_COUNT} times); written by scripts/train_matcher.py",
         "documents": documents, "counts": counts}, ensure_ascii=False, separators=(",", ":")))
    gleif = rng.sample(gleif_all, 60_000 + THRESHOLD_SAMPLE)
    train_entries = [e for e in entries if not is_holdout(e.id)]
    hold_entries = [e for e in entries if is_holdout(e.id)]
    # common registry words (for look-alike negatives); a misspelling is none of these
    common = delete_index([t for t, c in counts.items() if c >= COMMON_WORD_COUNT
                           and len(t) >= 4 and t.isalpha()])
    pool = sorted({a for e in entries for a in e.addresses})
    seed = str(args.seed)
    hold_pairs = generate(hold_entries, gleif[50_000:60_000], seed, common)
    x_hold, y_hold, _, s_hold = featurise(hold_pairs, seed, pool)
    x_shared, y_shared, _, s_shared = featurise(shared_address_pairs(hold_entries, seed),
                                                seed, pool, always_record=True)
    BAG_INPUTS = (train_entries, gleif[:50_000], seed, common, pool)
    # forked workers see BAG_INPUTS; each bag is drawn and fitted alike in any process
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork")) as workers:
        bags = list(workers.map(train_bag, range(BAGS)))
    forests = [forest for forest, _, _ in bags]
    for number, (_, pairs, same) in enumerate(bags):
        print(f"forest {number + 1} of {BAGS}: {pairs} training pairs ({same} same)")
    print(f"held out {len(y_hold)} pairs ({int(y_hold.sum())} same) "
          f"[{time.perf_counter() - started:.0f}s]")
    mean = Forest.averaged(forests)
    forest = Forest(mean.inputs, mean.depth, mean.split_feature, mean.split_threshold,
                    np.round(mean.value, 6), round(mean.base, 6))
    model = Model(MODEL_VERSION, FEATURES, forest, 0.5, 0.995)
    weight, n_address = fit_address_weight(model, np.vstack([x_hold, x_shared]),
                                           np.concatenate([y_hold, y_shared]),
                                           np.concatenate([s_hold, s_shared]))
    model = replace(model, address_weight=weight)
    print(f"address weight {weight} (log-odds per unit of address_sim; {n_address} held-out "
          f"pairs with an agreeing address, {int(y_shared.size)} of different parties sharing "
          f"a street address among them or not)")
    p_hold = probabilities(model, x_hold, s_hold)
    brier = float(np.mean((p_hold - y_hold) ** 2))
    f1_threshold, f1 = best_threshold(p_hold, y_hold)
    table = reliability(p_hold, y_hold)
    print(f"held-out Brier {brier:.4f}; F1-best threshold {f1_threshold} (held-out F1 {f1:.3f})")
    for row in table:
        print(f"  {row['bin']}  n={row['n']:6d}  mean score {row['mean_score']:.3f}  "
              f"share same {row['share_same']:.3f}")
    # the default threshold: screening GLEIF companies (on no list) against all the lists
    lists = screening_lists()
    latin_lists = [Record(names, e.schema, id=e.id, weak_names=e.weak_names) for e in lists
                   if (names := tuple(n for n in e.names if not analyze_name(n).non_latin))]
    listed = {latin_key(n) for r in latin_lists for n in r.names}
    sample = [n for n in gleif[60_000:] if latin_key(n) not in listed]
    top = screening_scores(sample, records_index(latin_lists, workers=2), model)
    threshold = screening_threshold(top, TARGET_FP_RATE)
    fp_rate = float((top >= threshold).mean())
    recall = recall_at(p_hold, y_hold, threshold)
    print(f"default threshold {threshold}: {fp_rate:.4f} of {len(sample)} held-out GLEIF "
          f"companies hit; held-out recall {recall:.3f} (at the F1-best threshold "
          f"{recall_at(p_hold, y_hold, f1_threshold):.3f})  [{time.perf_counter() - started:.0f}s]")
    saved = {
        "version": MODEL_VERSION,
        "_doc": "Boosted trees over the pair features and the schema group; score = "
                "sigmoid(base + sum of the leaves reached) (pierce.match.forest). Written by "
                "scripts/train_matcher.py (see its docstring for the data).",
        "features": list(FEATURES),
        "threshold": threshold,
        "identifier_probability": model.identifier_probability,
        "address_weight": model.address_weight,
        "training": {"seed": args.seed, "bags": BAGS,
                     "train_pairs": [pairs for _, pairs, _ in bags],
                     "holdout_pairs": len(y_hold),
                     "holdout_brier": round(brier, 4),
                     "holdout_recall_at_threshold": round(recall, 4),
                     "screening_sample": len(sample), "screening_fp_rate": round(fp_rate, 4),
                     "target_fp_rate": TARGET_FP_RATE,
                     "f1_best_threshold": f1_threshold, "holdout_f1_at_f1_best": round(f1, 4),
                     "trees": TREES, "depth": DEPTH, "learning_rate": LEARNING_RATE,
                     "reliability": table},
        "forest": model.forest.to_json(),
    }
    path = args.out / f"weights-{MODEL_VERSION}.json"
    path.write_text(json.dumps(saved, indent=None, separators=(",", ":")) + "\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
