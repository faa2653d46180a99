"""Calibrated pair scoring: boosted trees over the pair features; score = P(same party)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np

from pierce.match.addresses import (
    ADDRESS_SIM,
    AddressEvidence,
    address_features,
    compare_addresses,
)
from pierce.match.features import (
    ABJAD,
    COVERAGE_GATE,
    FAMILY,
    FEATURES,
    GOOD,
    PLAIN,
    Alignment,
    coverage_gate,
    folded_agreement,
    gated_name_features,
    legal_relation,
    loose_spellings,
    record_features,
)
from pierce.match.records import Record, is_person, schema_group, schemata_compatible
from pierce.match.registrations import MAX_MARK_CHARS, compare_registrations, registration
from pierce.match.vessels import VESSEL, prefix_note, without_prefix
from pierce.match.weights import (
    GROUP_INPUTS,
    Model,
    TokenWeights,
    default_model,
    default_token_weights,
)
from pierce.names.aliases import split_aliases
from pierce.names.analyze import NameForm, analyze_name, titles_left_out
from pierce.names.conventions import reading_convention
from pierce.names.equivalents import equivalent_names, nicknames
from pierce.names.legal_forms import legal_tokens


@dataclass(frozen=True)
class PairScore:
    score: float  # calibrated probability that both records are the same party
    group: str  # schema group of the pair: person, org, any (a model input)
    left_name: str  # the query name that met ...
    right_name: str  # ... this listed name or alias
    features: dict[str, float]
    alignment: Alignment | None
    identifier: str = ""  # the shared typed identifier, when one decided the score
    notes: tuple[str, ...] = field(default=())
    model: Model | None = field(default=None, compare=False, repr=False)
    address: AddressEvidence | None = None  # the best-agreeing addresses, when both have some

    @cached_property
    def contributions(self) -> dict[str, float]:
        """Each feature's part of the score's log-odds (path contributions of the trees);
        computed when asked for: only hits are explained."""
        if self.model is None or not self.features:
            return {}
        return feature_contributions(self.model, self.features, self.group)

    def explain(self, top: int = 4) -> str:
        """One readable line: names met, token pairs, main feature contributions."""
        parts = [f"'{self.left_name}' ~ '{self.right_name}'"]
        if self.identifier:
            parts.append(f"same identifier {self.identifier}")
        if self.alignment is not None and self.alignment.pairs:
            tokens = ", ".join(
                f"{a}={b}" if a == b else f"{a}~{b} {sim:.2f}"
                for a, b, sim in self.alignment.pairs[:6]
            )
            parts.append(f"tokens [{tokens}]")
            missing = self.alignment.left_unmatched + self.alignment.right_unmatched
            if missing:
                parts.append("unmatched [" + ", ".join(missing[:6]) + "]")
        # each feature with its value and its part of the log-odds, against the base rate:
        # "single_token=0 +0.7" reads "not a one-word name, which raised the odds"
        ranked = sorted(self.contributions.items(), key=lambda kv: -abs(kv[1]))
        shown = [f"{k}={self.features.get(k, 0.0):.2g} {v:+.1f}" for k, v in ranked
                 if k != "bias" and abs(v) >= 0.05][:top]
        if shown:
            parts.append("evidence (log-odds) " + ", ".join(shown))
        if self.address is not None:
            parts.append(self.address.describe())
        parts.extend(self.notes)
        if self.features and self.model is not None:
            gate = coverage_gate(self.features.get("compact_sim", 0.0),
                                 self.features.get("coverage_short", 0.0))
            if round(gate, 2) < 1.0:  # (a gate of 0.999 scales nothing one can see)
                parts.append(GATE_NOTE.format(share=self.features.get("coverage_short", 0.0),
                                              need=COVERAGE_GATE, gate=gate))
        parts.append(f"p={self.score:.3f} ({self.group})")
        return "; ".join(parts)


def input_row(features: Sequence[str], feats: Mapping[str, float], group: str) -> list[float]:
    """The model's inputs for one name pair: its features in model order, then GROUP_INPUTS."""
    return ([feats.get(n, 0.0) for n in features]
            + [float(name == f"group_{group}") for name in GROUP_INPUTS])


GATE_NOTE = ("only {share:.0%} of the shorter name's weight has a good partner (a match "
             "needs {need:.0%}): the model's probability was scaled by {gate:.2f}")


def probabilities(model: Model, x: np.ndarray, address: np.ndarray | None = None
                  ) -> np.ndarray:
    """P(same party) for every row of model inputs: the forest's probability, raised by an
    agreeing address (`address`: the rows' `address_sim`, none when not given), and scaled
    down by the coverage gate (`coverage_gate`)."""
    if not len(x):
        return np.zeros(0)
    z = model.forest.log_odds(x)
    if address is not None:
        z = z + model.address_weight * address
    z = np.clip(z, -40.0, 40.0)
    compact, coverage = model.features.index("compact_sim"), model.features.index("coverage_short")
    gate = np.array([coverage_gate(c, v) for c, v in x[:, [compact, coverage]].tolist()])
    return np.asarray(gate / (1.0 + np.exp(-z)))


def feature_contributions(model: Model, feats: Mapping[str, float], group: str) -> dict[str, float]:
    """Each feature's part of the log-odds of one pair; the schema group is part of "bias"."""
    parts = model.forest.contributions(input_row(model.features, feats, group))
    parts["bias"] += sum(parts.pop(name) for name in GROUP_INPUTS)
    if feats.get(ADDRESS_SIM):
        parts[ADDRESS_SIM] = model.address_weight * feats[ADDRESS_SIM]
    return parts


def _has_word(form: NameForm) -> bool:
    return bool(form.dense_tokens) or any(len(t) > 1 and not t.isdigit() for t in form.tokens)


def _comparable(left: NameForm, right: NameForm) -> bool:
    """A name of initials and numbers only ("1-P", "A.") is no evidence against a name of
    words: its initials would meet any word with that first letter."""
    return _has_word(left) == _has_word(right)


ACRONYM_LETTERS = 3  # a listed organisation's one-word name this short is an acronym


def _acronym(form: NameForm) -> bool:
    """A name that is one word of at most ACRONYM_LETTERS letters, legal forms aside (NPC,
    CGN, LPC JSC): within a longer name such a word names another party as often as not
    (HENDERSON GLOBAL INVESTORS NPC HOLDINGS is no NPC), so a listed one is matched exactly
    only. (Han and Hangul names write a whole name in three characters: not acronyms.)"""
    return (len(form.tokens) == 1 and not form.dense_tokens and form.tokens[0].isalpha()
            and len(form.tokens[0]) <= ACRONYM_LETTERS)


def _names_acronym(query: NameForm, acronym: NameForm) -> bool:
    """Is the query's name the acronym, legal-form words aside (KHK COMPANY LIMITED
    LIABILITY, whose analysis keeps 'liability', for KHK)? Written in Greek or Cyrillic, as
    the scorer compares such words: with the letters romanisations disagree on folded
    (ΔΙΙ "dii" is DJI)."""
    for tokens in (t for t in query.spellings if t):
        words = tuple(t for t in tokens if t not in legal_tokens())
        if words == acronym.tokens or (
                len(words) == 1 and query.non_latin and not query.abjad
                and loose_spellings(words[0]) == loose_spellings(acronym.tokens[0])):
            return True
    return False


def _same_words(left: NameForm, right: NameForm) -> bool:
    """The two names have the same words once analysed (spelling variants such as Mohamed /
    Mohammed folded, legal forms aside), in any order: how a weak alias may match."""
    if left.dense_tokens or right.dense_tokens:
        return left.dense_tokens == right.dense_tokens
    return bool(left.tokens) and sorted(left.tokens) == sorted(right.tokens)


INCOMPARABLE_NOTE = ("a name of initials and numbers only is not compared with a name of "
                     "words (its initials would meet any word)")
#: OFAC FAQ 122 and 124: a weak AKA is broad enough to raise many false hits; OFAC does not
#: expect screening on it, only its use to confirm a hit. pierce keeps an exact match of one.
WEAK_NOTE = ("'{name}' is a weak alias on the list (OFAC FAQ 122/124: broad, for confirming a "
             "hit): counted only because it matched exactly")
TITLE_NOTE = "'{title}' in '{name}' is a title, not a name: not compared"
SHORTENED_NOTE = ("'{short}' ~ '{word}': '{short}.' is written shortened, so it may stand "
                  "for a word it begins or whose letters it keeps in order")
FAMILY_NOTE = ("legal forms {a} and {b} differ but are one family (a company's form, which "
               "translations write either way): no conflict")
READING_NOTE = ("'{name}' is written the {convention} way, read as English writes the same "
                "sounds: '{reading}'")
EQUIVALENT_NOTE = "'{a}' ~ '{b}': one given name ({how})"
FOLDED_NOTE = ("{pairs}: alike once the letters romanisations of Greek and Cyrillic write "
               "otherwise are folded (y/u, v/b/w, k/c/q, i/j, f/ph, h)")
ABJAD_NOTE = ("{pairs}: alike by consonants (Arabic and Hebrew script write few vowels, and "
              "romanise some letters variously: q/k/g, th/s, dh/z, j/dj, sh/ch, gh/g; a "
              "compound's article al- before a sun letter is written as that letter, as said: "
              "ur-Rahman, ud-Din)")
ONE_WORD_NOTE = ("'{name}' is a one-word alias of a person with a longer name (as weak as a "
                 "weak alias): counted only because it matched exactly")
ACRONYM_NOTE = ("'{name}' is an acronym on the list (one word of three letters or fewer): "
                "counted only because the query's name is that word, as within a longer name "
                "it names others as often")


def score_names(name1: str, name2: str, schema: str = "LegalEntity",
                model: Model | None = None, weights: TokenWeights | None = None) -> PairScore:
    """Score two names (optionally of a known schema for both); a name holding others (Hoda
    Shipping aka Honar) meets as each of them too."""
    return score_records(Record((name1, *split_aliases(name1)), schema),
                         Record((name2, *split_aliases(name2)), schema), model, weights)


def score_records(query: Record, candidate: Record, model: Model | None = None,
                  weights: TokenWeights | None = None,
                  forms: Sequence[NameForm] | None = None) -> PairScore:
    """Best score over every (query name, candidate name) pair, with record evidence
    (birth year, country) added and a shared typed identifier (LEI, IMO, USCC, passport ...)
    lifting the score to near-certain. `forms`: the candidate's names already analysed, in
    the order of `candidate.names` (the index keeps them, so screening does not redo it)."""
    return score_candidates(query, [(candidate, forms)], model, weights)[0]


_NamePair = tuple[str, str, dict[str, float], Alignment, int]  # row -1: not comparable


def score_candidates(query: Record,
                     candidates: Sequence[tuple[Record, Sequence[NameForm] | None]],
                     model: Model | None = None, weights: TokenWeights | None = None,
                     cutoff: float = 0.0) -> list[PairScore]:
    """`score_records` of one query against many candidates (each with its names analysed as
    its schema says, see `is_person`, or None); the model scores all their name pairs at once.
    `cutoff`: only scores at or above it matter (screening), so a name pair whose coverage
    gate alone keeps it below is left unscored (score 0); scores at or above it are exact."""
    model = model or default_model()
    weights = weights or default_token_weights()
    query_names = query.names or ("",)
    # analysed as needed, once: as a person's or not, as a vessel's (ship prefix left out) or not
    query_forms: dict[tuple[bool, bool], list[tuple[str, NameForm]]] = {}
    rows: list[list[float]] = []
    address_sims: list[float] = []
    pending: list[PairScore | tuple[Record, str, frozenset[str], set[str], list[str],
                                    AddressEvidence | None, list[_NamePair],
                                    tuple[str, str, str] | None, list[str]]] = []
    # aircraft registrations are compared as identifiers, not words (pierce.match.registrations):
    # a pair is ruled on when either name is one (a listed name no longer than MAX_MARK_CHARS)
    marks = {left for left in query_names if registration(left, query.schema)}
    for candidate, forms in candidates:
        group = schema_group(query.schema, candidate.schema)
        if not schemata_compatible(query.schema, candidate.schema):
            pending.append(PairScore(
                0.0, group, (query.names or ("",))[0], (candidate.names or ("",))[0], {}, None,
                notes=(f"a {query.schema} cannot be a {candidate.schema}",)))
            continue
        extra = record_features(query.birth_dates, candidate.birth_dates,
                                query.countries, candidate.countries)
        address = compare_addresses(query.addresses, candidate.addresses)
        extra.update(address_features(address))
        weak = query.exact_only_names | candidate.exact_only_names
        acronyms_exact = not is_person(candidate.schema) and candidate.schema != VESSEL
        acronyms: set[str] = set()  # the listed acronyms the query names
        # a pair that may be two persons compares both names as persons' (no legal forms)
        person = group == "person"
        vessel = VESSEL in (query.schema, candidate.schema)
        if (person, vessel) not in query_forms:
            query_forms[person, vessel] = [
                (left, analyze_name(without_prefix(left)[0] if vessel else left, person))
                for left in query_names]
        if forms and person != is_person(candidate.schema):  # analysed for another kind
            forms = None
        # a shared identifier lifts any name pair: then every pair is scored, for its words
        shared = sorted(set(query.identifiers) & set(candidate.identifiers))
        min_gate = 0.0 if shared else cutoff
        pairs: list[_NamePair] = []
        # the registration rule: the first pair naming the same aircraft (query name, listed
        # name, which registration), and why others name different ones
        registered: tuple[str, str, str] | None = None
        different: list[str] = []
        for left, form_l in query_forms[person, vessel]:
            if person and left in query.spellings:
                continue  # an organisation's spelling (Hizballah) is none of a person's
            for k, right in enumerate(candidate.names or ("",)):
                if (left in marks or len(right) <= MAX_MARK_CHARS) and (
                        verdict := compare_registrations(left, query.schema, right,
                                                         candidate.schema)):
                    same, why = verdict
                    if not same:
                        different.append(why)
                    elif registered is None:
                        registered = (left, right, why)
                    continue
                form_r = forms[k] if forms else analyze_name(right, person)
                if vessel and (bare := without_prefix(right))[1]:
                    form_r = analyze_name(bare[0], person)
                if weak and (left in weak or right in weak) and not _same_words(form_l, form_r):
                    continue  # a weak alias is never matched approximately
                if acronyms_exact and _acronym(form_r):
                    if not _names_acronym(form_l, form_r):
                        continue  # ... nor a listed acronym
                    acronyms.add(right)
                found = gated_name_features(form_l, form_r, weights, person, min_gate)
                if found is None:
                    continue  # below the cutoff whatever the model says
                feats, alignment = found
                feats.update(extra)
                row = -1
                if _comparable(form_l, form_r):
                    row = len(rows)
                    rows.append(input_row(model.features, feats, group))
                    address_sims.append(feats[ADDRESS_SIM])
                pairs.append((left, right, feats, alignment, row))
        pending.append((candidate, group, weak, acronyms, shared, address, pairs, registered,
                        different))
    scores = probabilities(model, np.array(rows, dtype=float),  # (0,) when none: no rows
                           np.array(address_sims, dtype=float))
    return [item if isinstance(item, PairScore) else _best(query, *item, scores, model)
            for item in pending]


def _read_so(form: NameForm, alignment: Alignment | None, side: int) -> bool:
    """Did the alignment compare words only the name's third spelling has?"""
    only = set(form.foreign_tokens) - {t for tokens in (form.tokens, form.alt_tokens)
                                       for t in tokens}
    return alignment is not None and any(pair[side] in only for pair in alignment.pairs)


def _best(query: Record, candidate: Record, group: str, weak: frozenset[str],
          acronyms: set[str], shared: list[str], address: AddressEvidence | None,
          pairs: list[_NamePair],
          registered: tuple[str, str, str] | None, different: list[str], scores: np.ndarray,
          model: Model) -> PairScore:
    """The best name pair of one candidate (`weak`: the weak aliases of either side;
    `acronyms`: its acronyms the query names, see `_acronym`), lifted
    by a `shared` typed identifier or the same aircraft registration (`registered`; why other
    pairs name different aircraft: `different`); `address`: the addresses compared, shown
    with it."""
    if registered is not None:  # a registration names one aircraft: an identifier
        left, right, why = registered
        return PairScore(model.identifier_probability, group, left, right, {}, None,
                         identifier=why, address=address)
    if not pairs:  # every name pair involved a weak alias, or was below the cutoff
        best = PairScore(0.0, group, (query.names or ("",))[0], (candidate.names or ("",))[0],
                         {}, None, notes=tuple(different) or (
                             "no name pair could reach the threshold (weak aliases and "
                             "listed acronyms match exactly only; too few words agreed)",))
    else:
        values = [float(scores[row]) if row >= 0 else 0.0 for *_, row in pairs]
        left, right, feats, alignment, row = pairs[values.index(max(values))]  # first best
        marked = set(query.weak_names) | set(candidate.weak_names)
        # (a query's spelling of a name is explained where screening derived it)
        notes = tuple((WEAK_NOTE if n in marked else ONE_WORD_NOTE).format(name=n)
                      for n in dict.fromkeys((left, right))
                      if n in weak and n not in query.spellings)
        if right in acronyms and right not in weak:
            notes += (ACRONYM_NOTE.format(name=right),)
        if group == "person":
            notes += tuple(TITLE_NOTE.format(title=title, name=name)
                           for name in dict.fromkeys((left, right))
                           for title in titles_left_out(name))
            notes += tuple(READING_NOTE.format(name=name, convention=convention,
                                               reading=" ".join(form.foreign_tokens))
                           for side, name in enumerate(dict.fromkeys((left, right)))
                           if (convention := reading_convention(name))
                           and _read_so(form := analyze_name(name, True), alignment, side))
            notes += tuple(EQUIVALENT_NOTE.format(a=a, b=b, how="a nickname" if nicknames(a, b)
                                                  else "in another language")
                           for a, b, _ in (alignment.pairs if alignment else ())
                           if a != b and equivalent_names(a, b))
        if group != "person" and row >= 0:
            form_l, form_r = analyze_name(left), analyze_name(right)
            if legal_relation(form_l, form_r) == FAMILY:
                notes += (FAMILY_NOTE.format(a="/".join(sorted(form_l.legal_forms)),
                                             b="/".join(sorted(form_r.legal_forms))),)
        notes += tuple(SHORTENED_NOTE.format(short=min(pair, key=len), word=max(pair, key=len))
                       for pair in sorted(alignment.abbreviations if alignment else ()))
        if alignment and alignment.mode != PLAIN:  # words compared across scripts
            folded = [f"'{a}' ~ '{b}'" for a, b, sim in alignment.pairs
                      if sim >= GOOD and folded_agreement(a, b, alignment.mode)]
            note = ABJAD_NOTE if alignment.mode == ABJAD else FOLDED_NOTE
            notes += (note.format(pairs=", ".join(folded)),) if folded else ()
        if row < 0:
            notes += (INCOMPARABLE_NOTE,)
        if VESSEL in (query.schema, candidate.schema):
            notes += tuple(prefix_note(prefix) for name in dict.fromkeys((left, right))
                           if (prefix := without_prefix(name)[1]))
        best = PairScore(max(values), group, left, right, feats, alignment, notes=notes,
                         model=model if row >= 0 else None,  # no model: no evidence to show
                         address=address)
    if shared and best.score < model.identifier_probability:
        best = replace(best, score=model.identifier_probability, identifier=shared[0])
    return best


__all__ = ["FEATURES", "PairScore", "score_candidates", "score_names", "score_records"]
