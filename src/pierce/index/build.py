"""Build and query the candidate index.

Every entity contributes its name tokens (latin, pinyin syllables), the whole name without
spaces (so "Ramimakhlouf" finds "Rami Makhlouf") and its typed identifiers. A query token is
expanded to similar indexed tokens: itself, tokens with the same metaphone key, and tokens
sharing character trigrams within edit similarity 0.6. Entities are ranked by the summed IDF
(from the indexed corpus) of their matched tokens and the best `depth` go to the scorer.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from pierce.match.features import skeleton
from pierce.match.records import Record
from pierce.names.analyze import NameForm, analyze_name, phonetic_key

MIN_TOKEN_SIMILARITY = 0.6
TRIGRAM_CAP = 20_000  # ignore trigrams more common than this in the vocabulary
FUZZY_CAP = 3_000  # verify at most this many trigram-sharing vocabulary words per token
RELATIVE_FLOOR = 0.3  # candidates retrieved with < 30% of the best one's evidence are dropped


@dataclass(frozen=True)
class IndexedEntity:
    record: Record
    caption: str
    datasets: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()


def _trigrams(token: str) -> set[str]:
    padded = f"^{token}$"
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


def _keys(form: NameForm) -> set[str]:
    keys = set(form.tokens) | set(form.alt_tokens)
    if len(form.tokens) > 1:
        keys.add(form.compact)
    return {k for k in keys if k}


def _analyse_many(names: list[str]) -> list[tuple[str, ...]]:
    return [tuple(sorted(_keys(analyze_name(n)))) for n in names]


@dataclass
class NameIndex:
    entities: list[IndexedEntity]
    vocab: list[str]
    postings: list[np.ndarray]  # vocab id → entity indices
    token_ids: dict[str, int]
    trigrams: dict[str, np.ndarray]  # trigram → vocab ids
    phonetic: dict[str, list[int]]  # metaphone → vocab ids
    skeletons: dict[str, list[int]]  # consonant skeleton → vocab ids (Arabic/Hebrew queries)
    identifiers: dict[str, list[int]]  # identifier key → entity indices
    idf: np.ndarray  # per vocab id
    norms: np.ndarray  # per entity: sqrt of the IDF mass of its lightest name (ranking)
    fingerprint: str = ""
    stats: dict[str, float] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.entities)

    def similar_tokens(self, token: str) -> list[tuple[int, float]]:
        """Indexed tokens similar to `token`: (vocab id, similarity). Cached per token."""
        cache: dict[str, list[tuple[int, float]]] = self.__dict__.setdefault("_similar", {})
        hit = cache.get(token)
        if hit is None:
            if len(cache) > 100_000:
                cache.clear()
            hit = cache[token] = self._similar_tokens(token)
        return hit

    def _similar_tokens(self, token: str) -> list[tuple[int, float]]:
        found: dict[int, float] = {}
        exact = self.token_ids.get(token)
        if exact is not None:
            found[exact] = 1.0
        key = phonetic_key(token)
        for vid in self.phonetic.get(key, ()) if key else ():
            found.setdefault(vid, 0.8)
        if len(token) >= 4 and not token.isdigit():
            grams = [self.trigrams[g] for g in _trigrams(token) if g in self.trigrams]
            if grams:
                counts = np.bincount(np.concatenate(grams))
                need = 1 if len(token) < 6 else 2
                ids = np.flatnonzero(counts >= need)
                if len(ids) > FUZZY_CAP:
                    ids = ids[np.argpartition(-counts[ids], FUZZY_CAP)[:FUZZY_CAP]]
                words = self._vocab_array[ids].tolist()
                for _, sim, pos in process.extract(token, words, scorer=OSA.normalized_similarity,
                                                   score_cutoff=MIN_TOKEN_SIMILARITY, limit=None):
                    found.setdefault(int(ids[pos]), float(sim))
        return list(found.items())

    @property
    def _vocab_array(self) -> np.ndarray:
        array = self.__dict__.get("_vocab_np")
        if array is None:
            array = np.array(self.vocab, dtype=object)
            self.__dict__["_vocab_np"] = array
        return array

    def __getstate__(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_")}

    def candidates(self, query: Record, depth: int = 50) -> list[int]:
        """Indices of the entities most likely to match, best first (at most `depth`)."""
        scores: dict[int, float] = defaultdict(float)
        for ident in query.identifiers:
            for i in self.identifiers.get(ident, ()):
                scores[i] += 100.0
        keys: set[str] = set()
        abjad: set[str] = set()
        for name in query.names:
            form = analyze_name(name)
            keys |= _keys(form)
            if form.abjad:
                abjad |= set(form.tokens)
        accumulator = np.zeros(len(self.entities), dtype=np.float32)
        for token in keys:
            best: dict[int, float] = {}
            for vid, sim in self.similar_tokens(token):
                best[vid] = max(best.get(vid, 0.0), sim)
            if token in abjad:
                for vid in self.skeletons.get(skeleton(token), ()):
                    best[vid] = max(best.get(vid, 0.0), 0.9)
            # one query word counts once per party: its best-agreeing indexed word
            token_scores = np.zeros(len(self.entities), dtype=np.float32)
            for vid, sim in best.items():
                posting = self.postings[vid]
                np.maximum.at(token_scores, posting, np.float32(self.idf[vid] * sim * sim))
            accumulator += token_scores
        for i, bonus in scores.items():
            accumulator[i] += bonus
        accumulator /= self.norms  # prefer parties whose whole name the query explains
        top = float(accumulator.max()) if len(accumulator) else 0.0
        if top <= 0.0:
            return []
        hits = np.flatnonzero(accumulator >= top * RELATIVE_FLOOR)
        if len(hits) > depth:
            hits = hits[np.argpartition(-accumulator[hits], depth)[:depth]]
        return hits[np.argsort(-accumulator[hits])].tolist()


def build_index(entities: Sequence[IndexedEntity], fingerprint: str = "",
                workers: int = 1) -> NameIndex:
    """Index entities (names analysed in `workers` processes when > 1)."""
    names = [n for e in entities for n in e.record.names]
    if workers > 1 and len(names) > 20_000:
        chunks = [names[i::workers] for i in range(workers)]
        with ProcessPoolExecutor(workers) as pool:
            parts = list(pool.map(_analyse_many, chunks))
        analysed: list[tuple[str, ...]] = [()] * len(names)
        for w, part in enumerate(parts):
            analysed[w::workers] = part
    else:
        analysed = _analyse_many(names)
    token_ids: dict[str, int] = {}
    postings: list[list[int]] = []
    cursor = 0
    identifiers: dict[str, list[int]] = defaultdict(list)
    for i, entity in enumerate(entities):
        seen: set[int] = set()
        for keys in analysed[cursor:cursor + len(entity.record.names)]:
            for key in keys:
                vid = token_ids.setdefault(key, len(token_ids))
                if vid == len(postings):
                    postings.append([])
                if vid not in seen:
                    seen.add(vid)
                    postings[vid].append(i)
        cursor += len(entity.record.names)
        for ident in entity.record.identifiers:
            identifiers[ident].append(i)
    vocab = list(token_ids)
    trigram_lists: dict[str, list[int]] = defaultdict(list)
    phonetic: dict[str, list[int]] = defaultdict(list)
    skeletons: dict[str, list[int]] = defaultdict(list)
    for vid, token in enumerate(vocab):
        if len(token) >= 3 and not token.isdigit():
            skeletons[skeleton(token)].append(vid)
        if len(token) >= 4 and not token.isdigit():
            for gram in _trigrams(token):
                trigram_lists[gram].append(vid)
        key = phonetic_key(token)
        if key:
            phonetic[key].append(vid)
    total = max(len(entities), 1)
    idf = np.array([math.log((total + 1) / (len(p) + 1)) + 1.0 for p in postings],
                   dtype=np.float32)
    norms = np.ones(len(entities), dtype=np.float32)
    cursor = 0
    for i, entity in enumerate(entities):
        masses = [sum(float(idf[token_ids[k]]) for k in keys if len(keys) == 1 or k != max(
            keys, key=len)) for keys in analysed[cursor:cursor + len(entity.record.names)]]
        cursor += len(entity.record.names)
        norms[i] = math.sqrt(max(min(masses, default=1.0), 1.0))
    return NameIndex(
        entities=list(entities),
        vocab=vocab,
        postings=[np.array(p, dtype=np.int32) for p in postings],
        token_ids=token_ids,
        trigrams={g: np.array(v, dtype=np.int32) for g, v in trigram_lists.items()
                  if len(v) <= TRIGRAM_CAP},
        phonetic=dict(phonetic),
        skeletons=dict(skeletons),
        identifiers=dict(identifiers),
        idf=idf,
        norms=norms,
        fingerprint=fingerprint,
    )


def records_index(records: Iterable[Record], workers: int = 1) -> NameIndex:
    """Index plain records (caption = first name)."""
    return build_index([IndexedEntity(r, r.names[0] if r.names else r.id) for r in records],
                       workers=workers)
