"""Pair features of two analysed names (order-free token alignment) and of two records."""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise

from rapidfuzz.distance import OSA, JaroWinkler, Levenshtein
from rapidfuzz.fuzz import ratio
from rigour.text.scripts import text_scripts

from pierce.match.weights import TokenWeights
from pierce.names.analyze import (
    NameForm,
    abbreviates,
    honorifics,
    is_initial,
    particles,
    phonetic_key,
    spellings,
)
from pierce.names.compounds import join_compounds
from pierce.names.equivalents import EQUIVALENT, equivalent_names
from pierce.names.legal_forms import legal_families, legal_tokens
from pierce.names.text import clean_text

NAME_FEATURES = (
    "name_sim",  # IDF-weighted mean of aligned token similarities (both sides)
    "jw_sim",  # same, Jaro-Winkler
    "coverage_short",  # share of the shorter name's weight aligned well (sim >= 0.8)
    "coverage_long",  # share of the longer name's weight aligned well
    "worst_token",  # lowest similarity among aligned weighty tokens
    "worst_below_70",  # ... and that lowest similarity in bins (piecewise-linear response)
    "worst_70_85",
    "worst_85_95",
    "max_edits_1",  # the most-edited aligned weighty token differs by exactly 1 edit
    "max_edits_2",  # ... by exactly 2 edits (3+ edits: neither flag, worst_token is low)
    "no_good_token",  # not one weighty token pair agrees well (sim >= 0.8)
    "unmatched_dominant",  # the most distinctive word of either name found no partner
    "two_sided_unmatched",  # both names keep a weighty word without partner (not a subset)
    "unmatched_count",  # weighty tokens without a good partner (0, 1/3, 2/3, 1 for 3+)
    "extra_tokens",  # (longer - shorter word count) / longer word count (see _name_words)
    "script_sim",  # edit similarity of the originals when both are in the same other script
    "unmatched_weight",  # heaviest token left without a good partner / heaviest token
    "compact_sim",  # edit similarity of the names with spaces removed (merged/split words)
    "phonetic_share",  # share of aligned tokens with equal metaphone keys
    "legal_conflict",  # both have legal forms of different classes
    "legal_same",  # both have the same specific legal form
    "number_conflict",  # both carry numbers and they differ
    "cross_script",  # one of the names was written in another script
    "single_token",  # the shorter name has one word (particles, legal words aside)
    "matched_mass",  # IDF of the well-aligned words / IDF of an unseen word (capped at 1)
    "exact_share",  # share of the shorter name's weight in identical token pairs
    "fuzzy_only",  # words of weight agree, but none exactly (Boreal ~ Boreas)
    "query_extra",  # only the query (left) keeps weighty words without partner: Dovre Energy
    "listed_extra",  # only the listed (right) name does: a word dropped from the query
    "fuzzy_extra",  # fuzzy_only and one name has extra weighty words (Royal Gold ~ Loyal)
    "known_fuzzy",  # a weighty pair agrees only approximately and both are corpus words
    "query_common_fuzzy",  # ... and the query's word is the clearly commoner one: a dictionary
    # word near a rare listed name (Solar ~ Solmar, Coach ~ Koach) is that word, whereas a
    # misspelt query word is the rarer one (Rosnfet ~ Rosneft)
    "number_missing",  # one name carries a number the other lacks (Diamond II ~ Diamond)
    "family_dropped",  # the only words without partner are surnames of a "SURNAMES, Given"
    # name whose other surname agrees (ZULETA Jose Oscar ~ ZULETA TROCHEZ, Jose Oscar)
    "middle_dropped",  # one name is the other with one inner word left out, every other word
    # agreeing (Stephen Smith ~ Stephen Edward Smith): a middle name, not a first or last word
    "surname_missing",  # a name's marked surnames (SMITH, John; John SMITH) all lack a
    # partner while a given name agrees (Stephen Edward ~ SMITH, Stephen Edward): namesakes
    # share given names
    "short_evidence",  # every well-aligned word has three letters or fewer: acronyms, which
    # registries reuse by chance (KHK PRESSINGS AND FORGING ~ KHK, an alias of the PKK)
)
RECORD_FEATURES = ("birth_match", "birth_conflict", "country_match", "country_conflict")
FEATURES = NAME_FEATURES + RECORD_FEATURES
MAX_TOKENS = 20  # longer names are compared on their first 20 tokens (bounded work)
GOOD = 0.75
ABBREVIATED = 0.85  # a word written shortened (Mat.) and one it stands for agree as an initial
_NO_PAIRS: frozenset[tuple[str, str]] = frozenset()  # (shared: most alignments have none)
SHORT_WORD = 3  # letters of a word as short as most acronyms


PLAIN, CROSS, ABJAD = 0, 1, 2  # how the words of two names are compared (see `align`)


@dataclass(frozen=True)
class Alignment:
    pairs: tuple[tuple[str, str, float], ...]  # (left token, right token, similarity)
    left_unmatched: tuple[str, ...]
    right_unmatched: tuple[str, ...]
    mode: int = PLAIN  # how the words were compared (for explanations)
    # aligned pairs of a word written shortened and the word it stands for (Mat., materials)
    abbreviations: frozenset[tuple[str, str]] = frozenset()


def token_similarity(a: str, b: str) -> float:
    """Similarity of two tokens in [0, 1]: equality, initials, else normalised edit distance
    counting a transposition as one edit (Donlad ~ Donald)."""
    if a == b:
        return 1.0
    if len(a) == 1 or len(b) == 1:
        if a.isascii() and b.isascii():
            return 0.85 if a[0] == b[0] else 0.0
        return 0.0  # a Han or Hangul character is a whole syllable, not an initial
    if a.isdigit() or b.isdigit():
        return 0.0
    sim = OSA.normalized_similarity(a, b)
    if sim < GOOD and (a in particles()) != (b in particles()):
        return 0.0  # a particle is no poor spelling of a name (AL ~ ALI), only a good one
    if sim < TYPO_OF_SPELLING and (a in spellings() or b in spellings()):
        sim = max(sim, _typo_of_spelling(a, b), _typo_of_spelling(b, a))
    return sim


TYPO_OF_SPELLING = 0.8  # (below it, a folded word is also compared as it was written)


def _typo_of_spelling(a: str, b: str) -> float:
    """Similarity of `a` to a spelling `b` was folded from, when `a` is one edit from it: a
    typo in Muhammad (Muhaqmmad, uMhammad) is one edit from Muhammad, three from the folded
    "mohammed"."""
    return max((OSA.normalized_similarity(a, w) for w in spellings().get(b, ())
                if len(w) >= 5 and OSA.distance(a, w, score_cutoff=1) <= 1), default=0.0)


_VOWELISH = str.maketrans("", "", "aeiouwy")


def skeleton(token: str, article: bool = True) -> str:
    """Consonant skeleton of a romanised word: Arabic and Hebrew script write few vowels, so
    محمود romanises as "mhmwd" where a list writes "Mahmud"; both give "mhmd". A leading
    article "al" is dropped (التكريتي → "altkryty" ~ "Al-Tikriti"), unless `article` is
    False."""
    if article and len(token) > 4 and token.startswith("al"):
        token = token[2:]
    head, rest = token[:1], token[1:].translate(_VOWELISH)
    out = [head] if head not in "aeiouwy" else []
    for char in rest:
        if not out or out[-1] != char:
            out.append(char)
    return "".join(out)


# Arabic-script names are romanised letter by letter, Latin lists by ear: consonants that
# romanisations of one letter disagree on share a class in the abjad key (ق q/k/g, ث th/s,
# ذ dh/z, ظ z/th, ج j/dj, ش sh/ch, غ gh/g)
_ABJAD_DIGRAPHS = (("dj", "j"), ("ch", "sh"), ("ph", "f"), ("gh", "k"), ("dh", "s"),
                   ("th", "s"), ("sh", "S"))
_ABJAD_LETTERS = str.maketrans({"q": "k", "c": "k", "g": "k", "z": "s", "x": "ks", "v": "",
                                "p": "b", "S": "sh"})
_RUNS = re.compile(r"(.)\1+")
_SOFT_C = re.compile(r"c(?=[eiy])")
ABJAD_EXACT = 0.9  # similarity of an abjad-key match with the same consonant skeleton ...
ABJAD_CLASS = 0.85  # ... and of one agreeing only by consonant class
MIN_CLASS_KEY = 3  # consonants of abjad keys compared in all their readings


def abjad_key(token: str, article: bool = True) -> str:
    """Coarse consonant key for matching a word written without vowels (Arabic, Hebrew script)
    to its Latin spellings: the consonant skeleton with letters that romanisations of one
    Arabic letter disagree on folded into one class ("bdalqadr" and "abdelkader" → "bdlkdr",
    "thaqb" and "saqib" → "skb"), runs of one class collapsed. A "c" before e, i or y is
    the French "s" of Maghreb spellings (Belgacem ~ بلقاسم "blqasm"). `article`: see
    `skeleton`."""
    key = skeleton(_SOFT_C.sub("s", token), article)
    for digraph, letter in _ABJAD_DIGRAPHS:
        if digraph in key:
            key = key.replace(digraph, letter)
    return _RUNS.sub(r"\1", key.translate(_ABJAD_LETTERS))


def final_taa(token: str) -> set[str]:
    """The word and, for a final ة romanised "t" (حمزة "hmzt"), its Latin "Hamza"/"Hamzah"
    spellings."""
    if len(token) >= 4 and token.endswith("t"):
        return {token, token[:-1], token[:-1] + "h"}
    return {token}


def _taa_keys(token: str) -> set[str]:
    """The abjad keys of a word's `final_taa` spellings, and of a Latin "-ah" without its h
    (Al-Qaidah ~ Al-Qaida). The spelling with an "h" added counts only with a key of three
    consonants or more: the h joins the letter before it into a digraph read as another
    letter (القاعدة "alqadh" → "ks", the key of Yaks and Ayaks)."""
    keys = {key for w in final_taa(token) if (key := abjad_key(w))
            and (w == token or not w.endswith("h") or len(key) >= MIN_CLASS_KEY)}
    if len(token) >= 4 and token.endswith("ah"):
        keys.add(abjad_key(token[:-1]))
    return keys


def abjad_keys(token: str) -> frozenset[str]:
    """The abjad keys of a word as written, a leading "al" read as an article and as a
    syllable (Alouche ~ علوش "lwsh": read as an article only, the key of Alouche was "sh")."""
    return frozenset(k for article in (True, False) if (k := abjad_key(token, article)))


@lru_cache(maxsize=100_000)
def abjad_variants(token: str) -> frozenset[str]:
    """Abjad keys to look a romanised Arabic word up by: its `final_taa` spellings, each also
    with a "d" read as "z", each in both readings of `abjad_keys`."""
    spellings = final_taa(token)
    # ض romanises as "d", Persian and Urdu names write it "z" (فضل "fdl" ~ "Fazal")
    spellings |= {w[:i] + "z" + w[i + 1:] for w in list(spellings) if w.count("d") <= 2
                  for i, c in enumerate(w) if c == "d"}
    return frozenset(k for w in spellings for k in abjad_keys(w))


@cache
def _particles_not_titles() -> frozenset[str]:
    return particles() - honorifics()


def abjad_similarity(a: str, b: str) -> float:
    """Token similarity when one side was written without vowels (Arabic, Hebrew script): by
    consonant skeleton, else by consonant class (ثاقب "thaqb" ~ Saqib, فضل "fdl" ~ Fazal). A
    particle meets only a particle (بن "bn" ~ Ben): AL-TIKRITI's "al" is not علي "ly" (Ali);
    a title is no particle here (عمر "mr" is Omar, not Mr). Few consonants
    are little evidence: a one-consonant skeleton agrees only between words of about one
    length (علي "ly" ~ Ali, عدي "dy" ~ Uday, not زيز "zyz" ~ Alizai), and a key of two
    consonants only as written (جوادي "jd" ~ Djouadi), not in another reading (سيد "syd" read
    "sz" is "s", Soe's key; الدين "dn" read "zn" is Thein's "sn")."""
    plain = token_similarity(a, b)
    if a.isdigit() or b.isdigit() or len(a) < 2 or len(b) < 2:
        return plain
    if (a in _particles_not_titles()) != (b in _particles_not_titles()):
        return plain
    best = plain
    # a leading "al" is an article in التكريتي "altkryty", a syllable in Aleem or Alouche
    for sa in {skeleton(a), skeleton(a, article=False)}:
        for sb in {skeleton(b), skeleton(b, article=False)}:
            if sa and sb and (min(len(sa), len(sb)) > 1 or abs(len(a) - len(b)) <= 2):
                best = max(best, ABJAD_EXACT * OSA.normalized_similarity(sa, sb))
    if best < ABJAD_CLASS:
        # one side read another way at a time: Dhess and زاهد "zahd" agree only when both
        # read a "d" as "z"
        key_a, key_b = abjad_key(a), abjad_key(b)
        by_class = max((OSA.normalized_similarity(ka, kb) for ka, kb in
                        [(k, key_b) for k in abjad_variants(a)]
                        + [(key_a, k) for k in abjad_variants(b)]
                        if min(len(ka), len(kb)) >= MIN_CLASS_KEY), default=0.0)
        # a shorter key as written, read no other way (جوادي ~ Djouadi), but for a final ة
        # (القاعدة "alqadt" ~ Al-Qaida)
        if by_class < 1.0 and any(len(k) > 1 for k in _taa_keys(a) & _taa_keys(b)):
            by_class = 1.0
        best = max(best, ABJAD_CLASS * by_class)
    return best


JOINED_AGREES = 0.9  # a joined pair of Latin words must agree this well with a word


def join_split_words(tokens: tuple[str, ...], other: AbstractSet[str], abjad: bool = True
                     ) -> tuple[str, ...]:
    """The tokens with two adjacent words joined where, joined, they agree with a word of the
    other name better than either does alone: one list writes a name in two words that
    another writes as one. `abjad`: one name was written without vowels and words agree by
    consonants (شهيد خيل "shhyd khyl" ~ SHAHIDKHEL, ابو بكر "abw bkr" ~ ABUBAKAR, ظاهرعويس
    "zahrwys" ~ DAHIR AWEYS); else by spelling (HIK VISION ~ HIKVISION, Mohammad Kazem ~
    MohammadKazem, in any word order)."""
    # agreeing by consonants needs an equal skeleton or an equal key in some reading, by
    # spelling a word of about the length (and no initial): looked up first, as most pairs
    # of words join into nothing the other name has
    if abjad:
        keys = {k for t in other for k in abjad_variants(t)}
        skeletons = {skeleton(t, article) for t in other for article in (True, False)}
        mode, enough = ABJAD, ABJAD_CLASS

        def may_agree(x: str, y: str) -> bool:
            joined = x + y
            return bool(abjad_variants(joined) & keys or {
                skeleton(joined, article) for article in (True, False)} & skeletons)
    else:
        lengths = _near_lengths(frozenset(other))  # (a frozenset is passed as it is)
        if lengths.isdisjoint(_joined_lengths(tokens)):
            return tokens  # (half the calls)
        mode, enough = PLAIN, JOINED_AGREES

        def may_agree(x: str, y: str) -> bool:
            return len(x) + len(y) in lengths and not (is_initial(x) or is_initial(y))
    # a word the other name has is already met as well as can be: joining it gains nothing
    joinable = {i for i, (x, y) in enumerate(pairwise(tokens))
                if not (x.isdigit() or y.isdigit() or x in other or y in other)
                and may_agree(x, y)}
    if not joinable:  # (most calls: the words are compared no further)
        return tokens
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if i in joinable:
            pair = tokens[i:i + 2]
            joined = "".join(pair)
            # (`_pair_similarity` remembers: a query's words meet the same words again)
            agreement = max(_pair_similarity(joined, t, mode, False) for t in other)
            if agreement >= enough and agreement > max(
                    _pair_similarity(x, t, mode, False) for x in pair for t in other):
                out.append(joined)
                i += 2
                continue
        out.append(tokens[i])
        i += 1
    return tuple(out)


@lru_cache(maxsize=100_000)  # (the same name's words meet many others)
def _near_lengths(words: frozenset[str]) -> frozenset[int]:
    """The lengths of the words, give or take a letter."""
    return frozenset(n for t in words for n in (len(t) - 1, len(t), len(t) + 1))


@lru_cache(maxsize=100_000)
def _joined_lengths(tokens: tuple[str, ...]) -> frozenset[int]:
    """The lengths of adjacent words joined."""
    return frozenset(len(x) + len(y) for x, y in pairwise(tokens))


# Letters that romanisations of Greek and Cyrillic spell otherwise than a list's Latin does:
# υ/у as y or u, β/в as v or b, κ/к as k or c, ι/й as i or j, φ as ph or f, and w as у or в.
_LOOSE_W_AS_U = str.maketrans("ywbcqj", "uuvkki")
_LOOSE_W_AS_V = str.maketrans("ywbcqj", "uvvkki")


@lru_cache(maxsize=100_000)
def loose_spellings(token: str) -> tuple[str, str]:
    """The token with those letters folded, reading w as u and as v."""
    out = []
    for table in (_LOOSE_W_AS_U, _LOOSE_W_AS_V):
        folded = token.replace("ph", "f").replace("h", "").translate(table)
        out.append("".join(c for i, c in enumerate(folded) if i == 0 or folded[i - 1] != c))
    return out[0], out[1]


def cross_script_similarity(a: str, b: str) -> float:
    """Token similarity when one side was romanised from Greek or Cyrillic (ΣΥΝ → syn for
    Sun, НЕУ → neu for New): the letters romanisations disagree on are folded together."""
    plain = token_similarity(a, b)
    if plain >= LOOSE_MATCH or a.isdigit() or b.isdigit() or len(a) < 2 or len(b) < 2:
        return plain  # (a folded match scores at most LOOSE_MATCH)
    (a_u, a_v), (b_u, b_v) = loose_spellings(a), loose_spellings(b)
    return max(plain, LOOSE_MATCH * OSA.normalized_similarity(a_u, b_u),
               LOOSE_MATCH * OSA.normalized_similarity(a_v, b_v))


LOOSE_MATCH = 0.95


_SIMILARITY = {PLAIN: token_similarity, CROSS: cross_script_similarity,
               ABJAD: abjad_similarity}


def folded_agreement(a: str, b: str, mode: int) -> bool:
    """Do two words agree better as `align` compared them in `mode` than as written (for
    explanations): by consonants when one side was written without vowels (ABJAD: "bdalaly"
    ~ "abdelali"), with the letters Greek and Cyrillic romanisations disagree on folded
    (CROSS: "vy" ~ "wu", not "neu" ~ "new", which agree as written)?"""
    return a != b and mode != PLAIN and _SIMILARITY[mode](a, b) > token_similarity(a, b)


@lru_cache(maxsize=400_000)
def _pair_similarity(a: str, b: str, mode: int, person: bool) -> float:
    """The similarity `align` gives two different words, remembered: a screening query
    meets the same words in many candidates (three in four comparisons repeat one; of
    `join_split_words`'s, one in two)."""
    sim = _SIMILARITY[mode](a, b)
    if person and sim < EQUIVALENT and equivalent_names(a, b):
        sim = EQUIVALENT
    return sim


def align(left: tuple[str, ...], right: tuple[str, ...], abjad: bool = False,
          cross: bool = False, person: bool = False,
          short_left: AbstractSet[str] = frozenset(),
          short_right: AbstractSet[str] = frozenset()) -> Alignment:
    """Greedy one-to-one alignment by similarity, ignoring order ("SALEK, ABDULHAI" ≡
    "Abdulhai Salek"). `abjad`: one side was written without vowels; `cross`: one side was
    romanised from another script; `person`: persons' names, whose given names agree with
    their equivalents in other languages (Pyotr ≡ Peter); `short_left`, `short_right`: the
    words each side writes shortened (`NameForm.abbreviated`), which agree with a word they
    stand for (Mat. ~ Materials) as an initial does."""
    left, right = left[:MAX_TOKENS], right[:MAX_TOKENS]
    mode = ABJAD if abjad else CROSS if cross else PLAIN
    candidates = []
    shortened = []
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            sim = 1.0 if a == b else _pair_similarity(a, b, mode, person)
            if sim < ABBREVIATED and (a in short_left and abbreviates(a, b)
                                      or b in short_right and abbreviates(b, a)):
                sim = ABBREVIATED
                shortened.append((a, b))
            if sim > 0.0:
                candidates.append((sim, i, j))
    candidates.sort(reverse=True)
    used_l: set[int] = set()
    used_r: set[int] = set()
    pairs = []
    room = min(len(left), len(right))
    for sim, i, j in candidates:
        if i in used_l or j in used_r:
            continue
        used_l.add(i)
        used_r.add(j)
        pairs.append((left[i], right[j], sim))
        if len(pairs) == room:
            break
    return Alignment(
        tuple(pairs),
        tuple(t for i, t in enumerate(left) if i not in used_l),
        tuple(t for j, t in enumerate(right) if j not in used_r),
        mode,
        frozenset(shortened).intersection((a, b) for a, b, _ in pairs) if shortened
        else _NO_PAIRS,
    )


#: A name match needs at least half of the shorter name's (IDF-weighted) words to agree well;
#: below that the model probability is scaled down in proportion. Applied in training too.
COVERAGE_GATE = 0.5
#: ... unless the names run together agree this closely: the same letters, split into words
#: otherwise (KUDO-KAI ~ KUDOKAI, where no word pair agrees).
COMPACT_AGREES = 0.9


def coverage_gate(compact_sim: float, coverage_short: float) -> float:
    """The factor (0-1) the coverage gate scales a pair's probability by."""
    return min(1.0, (1.0 if compact_sim >= COMPACT_AGREES else coverage_short) / COVERAGE_GATE)


def name_features(a: NameForm, b: NameForm, weights: TokenWeights, person: bool = False
                  ) -> tuple[dict[str, float], Alignment]:
    """Features of the best-agreeing spellings of two names (Han names also as syllables);
    `person`: both are persons' names (analysed so, see `analyze_name`)."""
    found = gated_name_features(a, b, weights, person)
    assert found is not None  # (nothing is gated below a gate of 0)
    return found


def gated_name_features(a: NameForm, b: NameForm, weights: TokenWeights, person: bool = False,
                        min_gate: float = 0.0) -> tuple[dict[str, float], Alignment] | None:
    """`name_features`, or None when no spelling pair's `coverage_gate` reaches `min_gate`:
    its probability could not reach min_gate either, and the features after the alignment
    (half the work) are not computed. Screening passes its threshold: most retrieved pairs
    have no word that agrees well."""
    if person:
        weights = weights.for_persons
    best: tuple[dict[str, float], Alignment] | None = None
    # spellings in a fixed order (not a set), so a tie is broken the same way in every run
    spellings_a, spellings_b = a.spellings, b.spellings
    if a.dense_tokens and b.dense_tokens:  # both in Han/Hangul/Kana: compare the characters
        spellings_a, spellings_b = (a.dense_tokens,), (b.dense_tokens,)
    elif a.legal_forms or b.legal_forms:
        core_a = {t for tokens in a.spellings for t in tokens}
        core_b = {t for tokens in b.spellings for t in tokens}
        spellings_a = tuple(dict.fromkeys(_without_broken_forms(t, b, core_b, a.abbreviated)
                                          for t in spellings_a))
        spellings_b = tuple(dict.fromkeys(_without_broken_forms(t, a, core_a, b.abbreviated)
                                          for t in spellings_b))
    # an Arabic compound is one word on one list and several on another (عبد الواحد "bd
    # alwahd" ~ Abdul Wahed, Abd al-Baset ~ Abdulbasit): compare also with compounds joined
    abjad = a.abjad != b.abjad
    cross = a.non_latin != b.non_latin and not (a.as_listed or b.as_listed)
    (spellings_a, words_a), (spellings_b, words_b) = (
        _with_compounds(spellings_a, a.abjad and abjad),
        _with_compounds(spellings_b, b.abjad and abjad))
    # ... and any two words one list writes as one (شهيد خيل ~ SHAHIDKHEL, HIK VISION ~
    # HIKVISION)
    spellings_a = tuple(dict.fromkeys((*spellings_a, *(join_split_words(t, words_b, abjad)
                                                        for t in spellings_a))))
    spellings_b = tuple(dict.fromkeys((*spellings_b, *(join_split_words(t, words_a, abjad)
                                                        for t in spellings_b))))
    combos = [(left, right, align(left, right, abjad, cross, person,
                                  a.abbreviated, b.abbreviated))
              for left in spellings_a for right in spellings_b]
    found = [_features(left, right, weights, alignment, person, min_gate)
             for left, right, alignment in combos]
    if all(f is None for f in found):
        return None
    for (left, right, alignment), one in zip(combos, found, strict=True):
        # the best spelling pair is chosen among all: one below the gate is computed in full
        one = one or _features(left, right, weights, alignment, person)
        assert one is not None
        if best is None or one[0]["name_sim"] > best[0]["name_sim"]:
            best = one
    assert best is not None
    feats, alignment = best
    feats["legal_conflict"] = float(legal_relation(a, b) == CONFLICT)
    feats["legal_same"] = float(bool(a.legal_forms & b.legal_forms))
    na, nb = a.numbers, b.numbers
    feats["number_conflict"] = float(bool(na and nb and na != nb))
    feats["number_missing"] = float(bool(na) != bool(nb))
    feats["cross_script"] = float(a.non_latin != b.non_latin)
    feats["script_sim"] = _same_script_similarity(a, b)
    feats["family_dropped"] = _family_dropped(a, b, alignment, weights)
    feats["surname_missing"] = _surname_missing(a, b, alignment)
    return feats, alignment


@lru_cache(maxsize=100_000)  # (a name meets many others)
def _with_compounds(spellings: tuple[tuple[str, ...], ...], abjad: bool = False
                    ) -> tuple[tuple[tuple[str, ...], ...], frozenset[str]]:
    """The spellings, then those with compounds joined that differ (see `join_compounds`; none
    when no compound joins, so no test is needed first), and the words of them all. `abjad`:
    written without vowels and compared with a name that was not: compounds are also joined
    with an article before a sun letter written as that letter (bdrrhmn ~ Abdurrahman)."""
    joined = [*map(join_compounds, spellings)]
    if abjad:
        joined += [join_compounds(s, assimilate=True) for s in spellings]
    spellings = tuple(dict.fromkeys((*spellings, *joined)))
    return spellings, frozenset(t for s in spellings for t in s)


CONFLICT, FAMILY = "conflict", "family"


def legal_relation(a: NameForm, b: NameForm) -> str:
    """How two names' legal forms differ: CONFLICT (of different families: a company and a
    partnership, a trust ...), FAMILY (different classes of one family: CO., LTD. ~ CORP., as
    translations mix them, see `legal_families`), or '' (the same class, or either has none).
    One form's words within the other's is that form cut short (DE C.V. of S.A. DE C.V., CO of
    CO LTD, STOCK COMPANY of JOINT STOCK COMPANY), not another form."""
    if (not a.legal_generic or not b.legal_generic or a.legal_generic & b.legal_generic
            or a.legal_words <= b.legal_words or b.legal_words <= a.legal_words):
        return ""
    return FAMILY if legal_families(a.legal_generic) & legal_families(b.legal_generic) \
        else CONFLICT


def _surname_missing(a: NameForm, b: NameForm, alignment: Alignment) -> float:
    """1.0 when either name marks its surnames (see `surnames`), none of them agrees with a
    word of the other name (an initial is too little: KOJIC is not K.) and one of its given
    names does."""
    for side, form in enumerate((a, b)):
        if not form.family:
            continue
        agreeing = {(x, y)[side] for x, y, sim in alignment.pairs
                    if sim >= GOOD and not is_initial((y, x)[side])}
        surnames = form.family - particles()
        if surnames and not agreeing & surnames and agreeing - form.family - particles():
            return 1.0
    return 0.0


def _family_dropped(a: NameForm, b: NameForm, alignment: Alignment,
                    weights: TokenWeights) -> float:
    """1.0 when one name's only weighty words without partner are surnames of its
    "SURNAMES, Given names" form, another of its surnames agrees, and the other name keeps
    no weighty word of its own without partner."""
    weak = [(x, y) for x, y, sim in alignment.pairs if sim < 0.7]
    missing_a = [t for t in (*alignment.left_unmatched, *(x for x, _ in weak))
                 if weights(t) >= 1.0]
    missing_b = [t for t in (*alignment.right_unmatched, *(y for _, y in weak))
                 if weights(t) >= 1.0]
    for form, missing, other in ((a, missing_a, missing_b), (b, missing_b, missing_a)):
        if form.family and missing and not other and set(missing) <= form.family:
            side = 0 if form is a else 1
            if any(pair[side] in form.family for pair in alignment.pairs if pair[2] >= GOOD):
                return 1.0
    return 0.0


def _without_broken_forms(tokens: tuple[str, ...], other: NameForm,
                          other_words: set[str], shortened: AbstractSet[str] = frozenset()
                          ) -> tuple[str, ...]:
    """Tokens minus what is left of a legal form when the other name has one: words of its
    form in a form too broken to be recognised (OPEN COMPANY X for its OPEN JOINT-STOCK
    COMPANY X; DE R.L. DE C.V. for its S. DE R.L. DE C.V.), misspellings of it (CORMP, COUP
    for its CORP; LTODA for its LTDA) too short or too common for `legal_word`, and its words
    written shortened (`shortened`: OBS. for its OBSHCHESTVO), unless its core has them too."""
    if not other.legal_forms:
        return tokens
    legal = other.legal_words
    forms = [f for f in other.legal_forms | legal if len(f) >= 3]
    kept = tuple(t for t in tokens if t in other_words or t not in legal and (
        len(t) < 4 or t.isdigit()
        or not any(OSA.distance(t, f, score_cutoff=1) <= 1 for f in forms))
        and not (t in shortened and any(abbreviates(t, f) for f in legal)))
    return kept or tokens


def token_weight_map(left: tuple[str, ...], right: tuple[str, ...], weights: TokenWeights,
                     alignment: Alignment) -> dict[str, float]:
    """Weight of every token of both names, looked up once. A token the corpus never saw that
    aligns well with a known word is most likely its misspelling (Rosneft ~ Rosnfet), so it
    weighs as that word rather than as the rarest word there is."""
    w = {t: weights(t) for t in left + right}
    for ta, tb, sim in alignment.pairs:
        if sim >= GOOD and ta != tb and not is_initial(ta) and not is_initial(tb):
            known_a, known_b = weights.known(ta), weights.known(tb)
            if known_a and not known_b:
                w[tb] = min(w[tb], w[ta])
            elif known_b and not known_a:
                w[ta] = min(w[ta], w[tb])
    return w


def _features(left: tuple[str, ...], right: tuple[str, ...], weights: TokenWeights,
              alignment: Alignment, person: bool = False, min_gate: float = 0.0
              ) -> tuple[dict[str, float], Alignment] | None:
    """The features of one aligned spelling pair; None when its `coverage_gate` is below
    `min_gate`."""
    if not left or not right:
        if min_gate > 0.0:  # (no coverage at all)
            return None
        empty = dict.fromkeys(NAME_FEATURES, 0.0)
        empty["unmatched_weight"] = 1.0
        return empty, alignment
    left, right = left[:MAX_TOKENS], right[:MAX_TOKENS]
    w = token_weight_map(left, right, weights, alignment)
    weight_l = sum(w[t] for t in left)
    weight_r = sum(w[t] for t in right)
    good_l, good_r = _well_aligned_weight(alignment, w)
    cover_l, cover_r = good_l / weight_l, good_r / weight_r
    short_is_left = len(left) < len(right) or (len(left) == len(right) and weight_l <= weight_r)
    # word counts and the run-together names leave out particles and the words of a legal
    # form left in the core (PUBLIC JOINT CO TRANSKAPITALBANK: its STOCK was dropped)
    words_l, words_r = _name_words(left), _name_words(right)
    (run_l, sorted_l), (run_r, sorted_r) = _run_together(words_l), _run_together(words_r)
    compact = max(ratio(run_l, run_r), ratio(sorted_l, sorted_r)) / 100.0
    if min_gate > 0.0 and coverage_gate(compact, cover_l if short_is_left
                                        else cover_r) < min_gate:
        return None
    total = weight_l + weight_r
    weighted = jw_weighted = 0.0
    worst = 1.0
    weighty_pairs = exact_pairs = known_fuzzy = common_fuzzy = 0
    exact_l = exact_r = 0.0
    max_edits = 0
    phonetic = 0
    initial_words: list[str] = []
    for ta, tb, sim in alignment.pairs:
        wa, wb = w[ta], w[tb]
        init_a, init_b = is_initial(ta), is_initial(tb)
        if init_a != init_b:  # an initial stands for the word, weighs as itself
            initial_words.append(tb if init_a else ta)
            wa = wb = min(wa, wb)
        weighted += (wa + wb) * sim
        jw_weighted += (wa + wb) * JaroWinkler.normalized_similarity(ta, tb)
        if ta == tb:
            exact_l += wa
            exact_r += wb
        if wa >= 1.0 or wb >= 1.0:
            weighty_pairs += 1
            exact_pairs += ta == tb
            if ta != tb and sim >= GOOD and not init_a and not init_b and not (
                    person and equivalent_names(ta, tb)  # one name in two languages
            ) and (ta, tb) not in alignment.abbreviations:  # ... nor a word written short
                known_a = weights.known(ta)
                known_fuzzy += known_a and weights.known(tb)
                common_fuzzy += known_a and weights(ta) < weights(tb) - 1.0
            worst = min(worst, sim)
            if sim < 1.0:  # 1-2 edits count as a spelling variant only in a long enough word
                max_edits = max(max_edits, OSA.distance(ta, tb) if sim >= 0.75 else 9)
        if ta == tb or (phonetic_key(ta) and phonetic_key(ta) == phonetic_key(tb)):
            phonetic += 1
    if weighty_pairs == 0:  # nothing of weight lines up: no evidence of agreement at all
        worst = 0.0
    unmatched = list(alignment.left_unmatched) + list(alignment.right_unmatched)
    unmatched += [t for pair in alignment.pairs if pair[2] < 0.7 for t in pair[:2]]
    unmatched += initial_words
    weak = [(a, b) for a, b, sim in alignment.pairs if sim < 0.7]
    left_missing = list(alignment.left_unmatched) + [a for a, _ in weak]
    right_missing = list(alignment.right_unmatched) + [b for _, b in weak]
    heaviest = max((w[t] for t in unmatched), default=0.0)
    max_weight = max(w.values())
    good_pairs = [(a, b) for a, b, sim in alignment.pairs if sim >= GOOD and not is_initial(a)
                  and not is_initial(b)]
    best_matched = max((max(w[a], w[b]) for a, b in good_pairs), default=0.0)
    # how much distinctive evidence agrees, in absolute IDF (one very rare word ≈ 1): GLOBAL
    # TRADING ~ A A TRADING agree on a common word only
    matched_mass = min(1.0, sum(min(w[a], w[b]) for a, b in good_pairs) / weights.default)
    weighty_unmatched = sum(1 for t in unmatched if w[t] >= 1.0) / 2  # pairs count twice
    extra_l, extra_r = _has_weighty(left_missing, w), _has_weighty(right_missing, w)
    fuzzy_only = weighty_pairs > 0 and exact_pairs == 0
    feats = {
        "name_sim": weighted / total,
        "jw_sim": jw_weighted / total,
        "coverage_short": cover_l if short_is_left else cover_r,
        "coverage_long": cover_r if short_is_left else cover_l,
        "worst_token": worst,
        "max_edits_1": float(max_edits == 1),
        "max_edits_2": float(max_edits == 2),
        "worst_below_70": float(worst < 0.7),
        "worst_70_85": float(0.7 <= worst < 0.85),
        "worst_85_95": float(0.85 <= worst < 0.95),
        "no_good_token": float(good_l == 0.0 and compact < 0.8),
        "unmatched_dominant": float(heaviest > best_matched),
        "two_sided_unmatched": float(extra_l and extra_r),
        "unmatched_count": min(weighty_unmatched, 3.0) / 3.0,
        "extra_tokens": abs(len(words_l) - len(words_r)) / max(len(words_l), len(words_r)),
        "unmatched_weight": heaviest / max(max_weight, 1e-9),
        "compact_sim": compact,
        "phonetic_share": phonetic / max(len(alignment.pairs), 1),
        "single_token": float(min(len(words_l), len(words_r)) == 1),  # al-Bija: one word
        "matched_mass": matched_mass,
        "exact_share": (exact_l / weight_l) if short_is_left else (exact_r / weight_r),
        "fuzzy_only": float(fuzzy_only),
        "query_extra": float(extra_l and not extra_r),
        "listed_extra": float(extra_r and not extra_l),
        "fuzzy_extra": float(fuzzy_only and extra_l != extra_r),
        "known_fuzzy": float(known_fuzzy > 0),
        "query_common_fuzzy": float(common_fuzzy > 0),
        "middle_dropped": _middle_dropped(left, right, alignment),
        "short_evidence": float(bool(good_pairs) and all(
            len(a) <= SHORT_WORD and len(b) <= SHORT_WORD for a, b in good_pairs)),
    }
    return feats, alignment


def _well_aligned_weight(alignment: Alignment, w: dict[str, float]) -> tuple[float, float]:
    """The weight of each name's words aligned well (similarity >= GOOD). An initial covers
    itself, not the whole word it stands for: it weighs as the lighter of the two."""
    good_l = good_r = 0.0
    for ta, tb, sim in alignment.pairs:
        if sim < GOOD:
            continue
        wa, wb = w[ta], w[tb]
        init_a, init_b = is_initial(ta), is_initial(tb)
        if init_a != init_b:
            wa = wb = min(wa, wb)
        good_l += wa if init_a or not init_b else 0.0
        good_r += wb if init_b or not init_a else 0.0
    return good_l, good_r


def _middle_dropped(left: tuple[str, ...], right: tuple[str, ...], alignment: Alignment) -> float:
    """1.0 when the longer name is the shorter (2+ words, all agreeing well) with one word
    more, and that word is neither its first nor its last."""
    if abs(len(left) - len(right)) != 1 or min(len(left), len(right)) < 2:
        return 0.0
    if any(sim < GOOD for _, _, sim in alignment.pairs):
        return 0.0
    longer, extra = ((left, alignment.left_unmatched) if len(left) > len(right)
                     else (right, alignment.right_unmatched))
    if len(extra) != 1 or longer.count(extra[0]) != 1:
        return 0.0
    return float(0 < longer.index(extra[0]) < len(longer) - 1)


@lru_cache(maxsize=100_000)  # (a query's names meet many candidates, a listed name many queries)
def _name_words(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """The words that name: no particles, no legal-form words (all of them if that is all)."""
    legal = legal_tokens()
    return tuple(t for t in tokens if t not in particles() and t not in legal) or tokens


@lru_cache(maxsize=100_000)
def _run_together(words: tuple[str, ...]) -> tuple[str, str]:
    """The words written as one, as they stand and sorted (for `compact_sim`)."""
    return "".join(words), "".join(sorted(words))


def _has_weighty(tokens: list[str], w: dict[str, float]) -> bool:
    return any(w[t] >= 1.0 and not is_initial(t) for t in tokens)


def _same_script_similarity(a: NameForm, b: NameForm) -> float:
    """Both names in the same non-Latin script: compare the written characters themselves,
    since one Han or Hangul character is a whole syllable (习近平 vs 习近朋 differ by one)."""
    if not (a.non_latin and b.non_latin):
        return 0.0
    left = "".join(c for c in clean_text(a.original) if c.isalnum())
    right = "".join(c for c in clean_text(b.original) if c.isalnum())
    if not left or not right or text_scripts(left) != text_scripts(right):
        return 0.0
    return Levenshtein.normalized_similarity(left, right)


def record_features(birth_a: tuple[str, ...], birth_b: tuple[str, ...],
                    countries_a: tuple[str, ...], countries_b: tuple[str, ...]) -> dict[str, float]:
    """Birth year and country agreement: 1/0 flags, 0 when either side has no value."""
    years_a = {d[:4] for d in birth_a if d[:4].isdigit()}
    years_b = {d[:4] for d in birth_b if d[:4].isdigit()}
    ca, cb = set(countries_a), set(countries_b)
    return {
        "birth_match": float(bool(years_a & years_b)),
        "birth_conflict": float(bool(years_a and years_b and not years_a & years_b)),
        "country_match": float(bool(ca & cb)),
        "country_conflict": float(bool(ca and cb and not ca & cb)),
    }
