"""Build and query the candidate index.

Every entity contributes its name tokens (latin, pinyin syllables), the whole name without
spaces (so "Ramimakhlouf" finds "Rami Makhlouf") and its typed identifiers, aircraft
registrations among them (a query EPMNE finds EP-MNE: pierce.match.registrations). A query token is
expanded to similar indexed tokens: itself, tokens with the same metaphone key, and tokens
sharing character trigrams within edit similarity 0.7; a word romanised from Arabic or Hebrew
script also to indexed words with its consonants (`abjad_keys`); a word romanised from Greek or
Cyrillic also to indexed words agreeing with it once the letters romanisations disagree on are
folded (`loose_spellings`: ΒΥ "vy" ~ WU, ΔΙΙ "dii" ~ DJI). A name written in another
script is also looked up with adjacent words joined (عبد المالك → "Abdelmalek"). Entities
are ranked by coverage — the IDF mass (from the indexed corpus) of the query words they
match, over the mass of the lighter name — then by that mass; the best `depth`, and further
ones that cover the name well, go to the scorer.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from pierce.match.features import (
    ABBREVIATED,
    ABJAD,
    ABJAD_CLASS,
    ABJAD_EXACT,
    CROSS,
    LOOSE_MATCH,
    PLAIN,
    abjad_keys,
    abjad_variants,
    final_taa,
    loose_spellings,
    skeleton,
)
from pierce.match.records import (
    UNSPECIFIC_SCHEMATA,
    Record,
    is_person,
    readings,
    schemata_compatible,
)
from pierce.match.registrations import AIRCRAFT, lookup_keys, registration_keys
from pierce.match.vessels import VESSEL, without_prefix
from pierce.names.analyze import (
    NameForm,
    abbreviates,
    analyze_name,
    is_initial,
    phonetic_key,
)

MIN_TOKEN_SIMILARITY = 0.7  # the scorer counts a word pair as agreeing from 0.75
TRIGRAM_CAP = 20_000  # ignore trigrams more common than this in the vocabulary
FUZZY_CAP = 3_000  # verify at most this many trigram-sharing vocabulary words per token
BROAD = 5_000  # a fuzzy expansion to a word in more parties than this is not followed
HITS_CACHE = 30_000_000  # cached (entity, evidence) pairs of query words before a reset
IDENTIFIER_EVIDENCE = 100.0  # a shared typed identifier outranks any name evidence
LOOSE_KEY_LENGTH = 24  # letters of a folded spelling kept in the index (a longer one is cut)
PREFIX_KEY_LENGTH = 8  # letters of a word kept to look up the words a shortened one begins
INITIAL_EVIDENCE = 0.5  # a query initial's weight, and its evidence where a word of the party
# starts with it (a word's is its IDF, 1 for the commonest, times its similarity squared)


@dataclass(frozen=True)
class IndexedEntity:
    record: Record
    caption: str
    datasets: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()


def _trigrams(token: str) -> set[str]:
    padded = f"^{token}$"
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


def _joined(tokens: Sequence[str], abjad: bool) -> set[str]:
    """Adjacent words joined: a script that writes a name in two words (عبد المالك, هداية الله,
    Абдул Малик) is often romanised in one ("Abdelmalek", "Hidayatullah"). Written without
    vowels, an article is also joined without its "al" (شمس الدين "shms aldyn" →
    "shmsdyn" ~ "Shamsuddin")."""
    out: set[str] = set()
    for a, b in zip(tokens, tokens[1:], strict=False):
        if a.isdigit() or b.isdigit():
            continue
        out.add(a + b)
        if abjad and len(b) > 3 and b.startswith("al"):
            out.add(a + b[2:])
    return out


def _keys(form: NameForm) -> set[str]:
    keys = {t for tokens in form.spellings for t in tokens}
    if len(form.tokens) > 1:
        keys.add(form.compact)
    return {k for k in keys if k}


Analysed = tuple[tuple[str, ...], NameForm]  # (index keys, analysed name)


def _analyse_many(names: list[tuple[str, bool]]) -> list[Analysed]:
    """(name, is a person's) → (index keys, analysed name)."""
    forms = [analyze_name(n, person) for n, person in names]
    return [(tuple(sorted(_keys(f))), f) for f in forms]


@dataclass
class NameIndex:
    entities: list[IndexedEntity]
    vocab: list[str]
    postings: list[np.ndarray]  # vocab id → entity indices
    token_ids: dict[str, int]
    trigrams: dict[str, np.ndarray]  # trigram → vocab ids
    phonetic: dict[str, list[int]]  # metaphone → vocab ids
    identifiers: dict[str, list[int]]  # identifier key → entity indices
    idf: np.ndarray  # per vocab id
    masses: np.ndarray  # per entity: IDF mass of its lightest name (coverage)
    forms: list[tuple[NameForm, ...]]  # per entity: its names analysed (for the scorer)
    length_starts: np.ndarray  # L → first vocab id of a word of L+ letters (ids run by length)
    fingerprint: str = ""
    stats: dict[str, float] = field(default_factory=dict)
    abjad_keys: dict[str, list[int]] = field(default_factory=dict)  # abjad key → vocab ids
    # the vocabulary's words whose `loose_spellings` differ from them, by folded spelling:
    # sorted byte strings, and the vocab id of each (a dict of 500k strings would cost 140 MB)
    loose_keys: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype="S1"))
    loose_ids: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    # per entity: bit k set when one of its words starts with the k-th letter a-z (so that
    # a query's initials can rank the parties with such a word first: E. TEL ~ EMMA TEL)
    initials: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint32))
    # ... and bit k when one of its words is that letter alone: an initial as written is
    # better evidence than a word it may stand for (A & M MAHAR for A & M, of hundreds of
    # parties with an "and" and words starting with A and M)
    lone_initials: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint32))
    # the vocabulary sorted, cut to PREFIX_KEY_LENGTH letters, and each word's vocab id: a
    # query word written shortened (Cher.) finds the words it begins (Chervishevski)
    prefix_keys: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype="S1"))
    prefix_ids: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    # the words listed names write shortened (Mat. of Wuxi Paike New Mat. Tech.): a query
    # word they begin (materials) finds them
    shortened: frozenset[str] = frozenset()

    @cached_property
    def max_idf(self) -> float:
        """The weight of a query word never seen in the index: rarer than any indexed word
        (computed once, not per unseen query word)."""
        return float(self.idf.max()) if len(self.idf) else 1.0

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
            # vocabulary ids run by word length: only words whose length allows the minimum
            # similarity are counted (|len a - len b| <= (1 - s) * max len)
            top = len(self.length_starts) - 1
            lo = int(self.length_starts[min(math.ceil(len(token) * MIN_TOKEN_SIMILARITY), top)])
            hi = int(self.length_starts[min(int(len(token) / MIN_TOKEN_SIMILARITY) + 1, top)])
            grams = []
            for gram in _trigrams(token):
                posting = self.trigrams.get(gram)
                if posting is not None:
                    a, b = np.searchsorted(posting, (lo, hi))
                    if b > a:
                        grams.append(posting[a:b])
            if grams:
                counts = np.bincount(np.concatenate(grams) - lo)
                need = 1 if len(token) < 6 else 2
                ids = np.flatnonzero(counts >= need)
                if len(ids) > FUZZY_CAP:
                    ids = ids[np.argpartition(-counts[ids], FUZZY_CAP)[:FUZZY_CAP]]
                ids += lo
                words = self._vocab_array[ids].tolist()
                for _, sim, pos in process.extract(token, words, scorer=OSA.normalized_similarity,
                                                   score_cutoff=MIN_TOKEN_SIMILARITY, limit=None):
                    found.setdefault(int(ids[pos]), float(sim))
        return list(found.items())

    def abjad_tokens(self, token: str) -> list[tuple[int, float]]:
        """Indexed words agreeing with an abjad-romanised `token` by consonants: (vocab id,
        similarity), higher where the skeletons agree letter for letter."""
        lookup = self.abjad_keys
        exact = {skeleton(spelling) for spelling in final_taa(token)}
        found: dict[int, float] = {}
        for key in abjad_variants(token):
            for vid in lookup.get(key, ()):
                if vid not in found:
                    found[vid] = ABJAD_EXACT if skeleton(self.vocab[vid]) in exact \
                        else ABJAD_CLASS
        return list(found.items())

    def loose_tokens(self, token: str) -> list[tuple[int, float]]:
        """Indexed words agreeing with a word romanised from Greek or Cyrillic once the
        letters romanisations disagree on are folded on both sides: (vocab id, LOOSE_MATCH),
        the similarity the scorer gives them (`cross_script_similarity`)."""
        found: dict[int, float] = {}
        if len(token) < 2 or token.isdigit():
            return []
        for key in dict.fromkeys(loose_spellings(token)):
            exact = self.token_ids.get(key)  # a word that is its own folded spelling
            if exact is not None:
                found[exact] = LOOSE_MATCH
            if key.isascii():
                raw = key[:LOOSE_KEY_LENGTH].encode()
                lo = np.searchsorted(self.loose_keys, raw, side="left")
                hi = np.searchsorted(self.loose_keys, raw, side="right")
                for vid in self.loose_ids[lo:hi].tolist():
                    found.setdefault(vid, LOOSE_MATCH)
        return list(found.items())

    def shortened_tokens(self, token: str, shortened: bool) -> list[tuple[int, float]]:
        """Indexed words a word agrees with as written shortened (`abbreviates`): those
        listed names write shortened that begin it (mat of materials), and, when the query
        writes it shortened (`shortened`), those it begins (Cher. of Chervishevski): (vocab
        id, ABBREVIATED), the similarity the scorer gives them."""
        found = [(self.token_ids[short], ABBREVIATED) for n in range(1, len(token))
                 if (short := token[:n]) in self.shortened and abbreviates(short, token)]
        if shortened and token.isalpha() and len(token) < PREFIX_KEY_LENGTH:
            key = token.encode()
            lo = int(np.searchsorted(self.prefix_keys, key, side="left"))
            hi = int(np.searchsorted(self.prefix_keys, key + b"\xff", side="left"))
            found += [(vid, ABBREVIATED) for vid in self.prefix_ids[lo:hi][:FUZZY_CAP].tolist()
                      if abbreviates(token, self.vocab[vid])]
        return found

    def token_hits(self, token: str, mode: int = PLAIN, shortened: bool = False
                   ) -> tuple[np.ndarray, np.ndarray]:
        """(entity ids, evidence) for one query word: each entity once, with the IDF × sim² of
        its best-agreeing indexed word. `mode`: the word was romanised from Arabic or Hebrew
        script (ABJAD), from another (CROSS), or is Latin as written (PLAIN); `shortened`:
        the query writes it shortened (see `shortened_tokens`). Cached per word (bounded by
        total size)."""
        cache: dict[tuple[str, int, bool], tuple[np.ndarray, np.ndarray]] = \
            self.__dict__.setdefault("_hits", {})
        hit = cache.get((token, mode, shortened))
        if hit is None:
            size = self.__dict__.get("_hits_size", 0)
            if size > HITS_CACHE:
                cache.clear()
                size = 0
            hit = cache[(token, mode, shortened)] = self._token_hits(token, mode, shortened)
            self.__dict__["_hits_size"] = size + len(hit[0])
        return hit

    def _token_hits(self, token: str, mode: int, shortened: bool
                    ) -> tuple[np.ndarray, np.ndarray]:
        best: dict[int, float] = {}
        for vid, sim in self.similar_tokens(token):
            best[vid] = max(best.get(vid, 0.0), sim)
        for vid, sim in self.shortened_tokens(token, shortened):
            best[vid] = max(best.get(vid, 0.0), sim)
        if mode != PLAIN:
            folded = self.abjad_tokens(token) if mode == ABJAD else self.loose_tokens(token)
            for vid, sim in folded:
                best[vid] = max(best.get(vid, 0.0), sim)
        # a fuzzy expansion to a broad word (in thousands of parties) is not followed: it
        # costs most and, being common, decides no match
        found = [(v, s) for v, s in best.items() if s == 1.0 or len(self.postings[v]) <= BROAD]
        if not found:
            return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
        vids = np.array([v for v, _ in found], dtype=np.int64)
        sims = np.array([s for _, s in found], dtype=np.float32)
        entities = np.concatenate([self.postings[v] for v, _ in found])
        values = np.repeat(self.idf[vids] * sims * sims,
                           [len(self.postings[v]) for v, _ in found])
        if len(found) == 1:
            return entities, values
        order = np.lexsort((-values, entities))  # per entity, its best-agreeing word first
        entities, values = entities[order], values[order]
        first = np.empty(len(entities), dtype=bool)
        first[0] = True
        np.not_equal(entities[1:], entities[:-1], out=first[1:])
        return entities[first], values[first]

    @property
    def _vocab_array(self) -> np.ndarray:
        array = self.__dict__.get("_vocab_np")
        if array is None:
            array = np.array(self.vocab, dtype=object)
            self.__dict__["_vocab_np"] = array
        return array

    def __getstate__(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_")}

    def dataset_mask(self, datasets: frozenset[str]) -> np.ndarray:
        """Per entity: does it come from one of `datasets` (cached per set)."""
        cache: dict[frozenset[str], np.ndarray] = self.__dict__.setdefault("_masks", {})
        mask = cache.get(datasets)
        if mask is None:
            mask = cache[datasets] = np.array([bool(datasets & set(e.datasets))
                                               for e in self.entities], dtype=bool)
        return mask

    def schema_mask(self, schema: str) -> np.ndarray | None:
        """Per entity: can a query of `schema` be it (FtM-compatible schemata: a Company is
        never a Person or a Vessel). None, everything, for an unspecific query schema."""
        if schema in UNSPECIFIC_SCHEMATA:
            return None
        cache: dict[str, np.ndarray] = self.__dict__.setdefault("_schema_masks", {})
        mask = cache.get(schema)
        if mask is None:
            ok = {s: schemata_compatible(schema, s)
                  for s in {e.record.schema for e in self.entities}}
            mask = cache[schema] = np.array([ok[e.record.schema] for e in self.entities],
                                            dtype=bool)
        return mask

    def rank(self, query: Record, top: int | None = None, allowed: np.ndarray | None = None
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Entities sharing evidence with the query (all, or the `top` best): (entity ids,
        evidence, coverage), best first. Evidence is the IDF mass of query words that found a
        partner (each word counted once per entity, weighted by similarity²); coverage
        divides it by the lighter of the query's and the entity's lightest name, as the
        scorer's coverage gate does. A query's initial is no word to look up: it weighs
        INITIAL_EVIDENCE in the query, and a party with a word starting with its letter gets
        that much evidence (H. Amir Ali: HAJIZADEH, Amir Ali covers it all), twice that when
        the word is the letter alone (A & M: A & M MAHAR before the parties with an "and" and
        words that only start with A and M)."""
        keys: set[str] = set()
        abjad: set[str] = set()
        cross: set[str] = set()
        shortened: set[str] = set()  # words the query writes shortened (Cher.)
        letters: set[int] = set()  # a-z positions of the query's initials
        query_mass = 0.0
        names = query.names
        if schemata_compatible(query.schema, VESSEL):  # MV ARTAVIL is also looked up as ARTAVIL
            names += tuple(dict.fromkeys(rest for name in names
                                         if (rest := without_prefix(name)[0]) != name))
        for form in (form for name in names for form in readings(name, query.schema)):
            initials = {t for t in form.tokens if is_initial(t) and "a" <= t <= "z"}
            letters |= {ord(t) - 97 for t in initials}
            name_keys = _keys(form) - initials
            if form.non_latin:
                # written in another script: words its romanisation splits, Latin lists join
                for tokens in set(form.spellings) - {()}:
                    name_keys |= _joined(tokens, form.abjad)
            keys |= name_keys
            shortened |= form.abbreviated
            if form.abjad:
                abjad |= name_keys
            elif form.non_latin:
                cross |= name_keys
            mass = sum(INITIAL_EVIDENCE if t in initials else self.token_idf(t)
                       for t in sorted(set(form.tokens)))  # (a fixed order)
            query_mass = mass if query_mass == 0.0 else min(query_mass, mass)
        entity_parts: list[np.ndarray] = []
        value_parts: list[np.ndarray] = []
        for token in sorted(keys):  # a fixed order: float sums, so ties, alike in every run
            mode = ABJAD if token in abjad else CROSS if token in cross else PLAIN
            entities, values = self.token_hits(token, mode, token in shortened)
            if len(entities):
                entity_parts.append(entities)
                value_parts.append(values)
        ident_keys = query.identifiers
        if schemata_compatible(query.schema, AIRCRAFT):
            ident_keys += lookup_keys(query.names)
        idents = [i for ident in ident_keys for i in self.identifiers.get(ident, ())]
        if idents:
            entity_parts.append(np.array(idents, dtype=np.int32))
            value_parts.append(np.full(len(idents), IDENTIFIER_EVIDENCE, dtype=np.float32))
        if not entity_parts:
            empty = np.zeros(0, dtype=np.float32)
            return np.zeros(0, dtype=np.int32), empty, empty
        ids, inverse = np.unique(np.concatenate(entity_parts), return_inverse=True)
        evidence = np.bincount(inverse, weights=np.concatenate(value_parts)).astype(np.float32)
        if allowed is not None:
            keep = allowed[ids]
            ids, evidence = ids[keep], evidence[keep]
        for k in sorted(letters) if len(self.initials) else ():
            bits = ((self.initials[ids] >> k) & 1) + ((self.lone_initials[ids] >> k) & 1)
            evidence += INITIAL_EVIDENCE * bits.astype(np.float32)
        coverage = evidence / np.maximum(np.minimum(self.masses[ids], max(query_mass, 1.0)),
                                         1.0)
        key = np.minimum(coverage, 1.0) * 1e6 + evidence  # coverage first, then evidence
        if top is not None and len(key) > top:
            best = np.argpartition(-key, top)[:top]
            order = best[np.argsort(-key[best], kind="stable")]
        else:
            order = np.argsort(-key, kind="stable")
        return ids[order], evidence[order], coverage[order]

    def token_idf(self, token: str) -> float:
        vid = self.token_ids.get(token)
        return float(self.idf[vid]) if vid is not None else self.max_idf

    def candidates(self, query: Record, depth: int = 50, wide: int = 0,
                   min_coverage: float = 0.0, datasets: Iterable[str] | None = None
                   ) -> list[int]:
        """Indices of the entities most likely to match, best first: the top `depth`, and up
        to `wide` in all of those whose coverage reaches `min_coverage`; only entities of
        `datasets` when given (filtered before ranking, so none is crowded out)."""
        allowed = self.schema_mask(query.schema)
        if datasets is not None:
            in_datasets = self.dataset_mask(frozenset(datasets))
            allowed = in_datasets if allowed is None else allowed & in_datasets
        ids, _, coverage = self.rank(query, max(depth, wide), allowed)
        keep = max(depth, min(wide, int(np.count_nonzero(coverage >= min_coverage))))
        return ids[:keep].tolist()


def build_index(entities: Sequence[IndexedEntity], fingerprint: str = "",
                workers: int = 1) -> NameIndex:
    """Index entities (names analysed in `workers` processes when > 1)."""
    names = [(n, is_person(e.record.schema)) for e in entities for n in e.record.names]
    if workers > 1 and len(names) > 20_000:
        chunks = [names[i::workers] for i in range(workers)]
        with ProcessPoolExecutor(workers) as pool:
            parts = list(pool.map(_analyse_many, chunks))
        streams = [iter(part) for part in parts]
        analysed = [next(streams[n % workers]) for n in range(len(names))]
    else:
        analysed = _analyse_many(names)
    token_ids: dict[str, int] = {}
    postings: list[list[int]] = []
    cursor = 0
    identifiers: dict[str, list[int]] = defaultdict(list)
    for i, entity in enumerate(entities):
        seen: set[int] = set()
        for keys, _ in analysed[cursor:cursor + len(entity.record.names)]:
            for key in keys:
                vid = token_ids.setdefault(key, len(token_ids))
                if vid == len(postings):
                    postings.append([])
                if vid not in seen:
                    seen.add(vid)
                    postings[vid].append(i)
        cursor += len(entity.record.names)
        record = entity.record
        for ident in record.identifiers + registration_keys(record.names, record.schema):
            identifiers[ident].append(i)
    # vocabulary ids run by word length, so a fuzzy lookup can skip words of impossible length
    vocab = sorted(token_ids, key=lambda t: (len(t), t))
    postings = [postings[token_ids[t]] for t in vocab]
    token_ids = {t: vid for vid, t in enumerate(vocab)}
    longest = len(vocab[-1]) if vocab else 0
    length_starts = np.searchsorted(np.array([len(t) for t in vocab], dtype=np.int32),
                                    np.arange(longest + 2), side="left")
    trigram_lists: dict[str, list[int]] = defaultdict(list)
    phonetic: dict[str, list[int]] = defaultdict(list)
    for vid, token in enumerate(vocab):
        if len(token) >= 4 and not token.isdigit():
            for gram in _trigrams(token):
                trigram_lists[gram].append(vid)
        key = phonetic_key(token)
        if key:
            phonetic[key].append(vid)
    loose_keys, loose_ids = _loose_index(vocab)
    by_spelling = sorted(range(len(vocab)), key=vocab.__getitem__)
    total = max(len(entities), 1)
    idf = np.array([math.log((total + 1) / (len(p) + 1)) + 1.0 for p in postings],
                   dtype=np.float32)
    masses = np.ones(len(entities), dtype=np.float32)
    initials = np.zeros(len(entities), dtype=np.uint32)
    lone_initials = np.zeros(len(entities), dtype=np.uint32)
    forms: list[tuple[NameForm, ...]] = []
    cursor = 0
    for i, entity in enumerate(entities):
        named = analysed[cursor:cursor + len(entity.record.names)]
        cursor += len(entity.record.names)
        forms.append(tuple(form for _, form in named))
        masses[i] = min((sum(float(idf[token_ids[t]]) for t in sorted(set(form.tokens)))
                         for _, form in named if form.tokens), default=1.0)
        initials[i] = sum(1 << (ord(c) - 97) for c in {t[0] for _, form in named
                                                        for t in form.tokens} if "a" <= c <= "z")
        lone_initials[i] = sum(1 << (ord(t) - 97) for t in {t for _, form in named
                                                             for t in form.tokens if is_initial(t)}
                               if "a" <= t <= "z")
    return NameIndex(
        entities=list(entities),
        vocab=vocab,
        postings=[np.array(p, dtype=np.int32) for p in postings],
        token_ids=token_ids,
        trigrams={g: np.array(v, dtype=np.int32) for g, v in trigram_lists.items()
                  if len(v) <= TRIGRAM_CAP},
        phonetic=dict(phonetic),
        abjad_keys=_abjad_index(vocab),
        loose_keys=loose_keys,
        loose_ids=loose_ids,
        prefix_keys=np.array([vocab[vid][:PREFIX_KEY_LENGTH].encode() for vid in by_spelling],
                             dtype=f"S{PREFIX_KEY_LENGTH}"),
        prefix_ids=np.array(by_spelling, dtype=np.int32),
        shortened=frozenset(t for _, form in analysed for t in form.abbreviated),
        identifiers=dict(identifiers),
        idf=idf,
        masses=masses,
        initials=initials,
        lone_initials=lone_initials,
        forms=forms,
        length_starts=length_starts,
        fingerprint=fingerprint,
    )


def _abjad_index(vocab: Sequence[str]) -> dict[str, list[int]]:
    """Abjad key → ids of the vocabulary words (of 3+ letters, not numbers) with that key as
    written (`abjad_keys`)."""
    keys: dict[str, list[int]] = defaultdict(list)
    for vid, token in enumerate(vocab):
        if len(token) >= 3 and not token.isdigit():
            for key in abjad_keys(token):
                keys[key].append(vid)
    return dict(keys)


def _loose_index(vocab: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """(`loose_keys`, `loose_ids`): the Latin words of 2+ letters (not numbers) whose
    `loose_spellings` differ from them, by each such spelling (cut to LOOSE_KEY_LENGTH).
    Folded uncached: the cache is for the words queries meet, and each of the 578k words of a
    full index is folded once here (575,678 misses, no hit, that evicted them all)."""
    fold = loose_spellings.__wrapped__
    pairs = sorted({(key[:LOOSE_KEY_LENGTH], vid) for vid, token in enumerate(vocab)
                    if len(token) >= 2 and token.isascii() and not token.isdigit()
                    for key in fold(token) if key != token})
    return (np.array([k.encode() for k, _ in pairs], dtype=f"S{LOOSE_KEY_LENGTH}"),
            np.array([v for _, v in pairs], dtype=np.int32))


def records_index(records: Iterable[Record], workers: int = 1) -> NameIndex:
    """Index plain records (caption = first name)."""
    return build_index([IndexedEntity(r, r.names[0] if r.names else r.id) for r in records],
                       workers=workers)
