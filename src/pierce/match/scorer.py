"""Calibrated pair scoring: logistic model over the features; score = P(same party)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from pierce.match.features import FEATURES, Alignment, name_features, record_features
from pierce.match.records import Record, schema_group, schemata_compatible
from pierce.match.weights import Model, TokenWeights, default_model, default_token_weights
from pierce.names.analyze import NameForm, analyze_name


@dataclass(frozen=True)
class PairScore:
    score: float  # calibrated probability that both records are the same party
    group: str  # weight set used: person, org, any
    left_name: str  # the query name that met ...
    right_name: str  # ... this listed name or alias
    features: dict[str, float]
    contributions: dict[str, float]  # weight × value per feature (log-odds)
    alignment: Alignment | None
    identifier: str = ""  # the shared typed identifier, when one decided the score
    notes: tuple[str, ...] = field(default=())

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
        ranked = sorted(self.contributions.items(), key=lambda kv: -abs(kv[1]))
        shown = [f"{k} {v:+.1f}" for k, v in ranked if k != "bias" and abs(v) >= 0.05][:top]
        if shown:
            parts.append("evidence " + ", ".join(shown))
        parts.extend(self.notes)
        parts.append(f"p={self.score:.3f} ({self.group})")
        return "; ".join(parts)


def _sigmoid(z: float) -> float:
    if z < -40:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))


#: A name match needs at least half of the shorter name's (IDF-weighted) words to agree well;
#: below that the model probability is scaled down in proportion. Applied in training too.
COVERAGE_GATE = 0.5


def _terms(model: Model, group: str) -> tuple[float, tuple[tuple[str, float], ...]]:
    """Bias and the non-zero (feature, weight) terms of one weight set."""
    coef = model.coefficients[group]
    return coef.get("bias", 0.0), tuple((n, coef[n]) for n in model.features if coef.get(n))


def _probability(bias: float, terms: tuple[tuple[str, float], ...],
                 feats: dict[str, float]) -> float:
    gate = min(1.0, feats.get("coverage_short", 0.0) / COVERAGE_GATE)
    return _sigmoid(bias + sum(w * feats.get(n, 0.0) for n, w in terms)) * gate


def _contributions(model: Model, group: str, feats: dict[str, float]) -> dict[str, float]:
    """weight × value per feature (log-odds), for the explanation of the chosen pair."""
    coef = model.coefficients[group]
    contributions = {"bias": coef.get("bias", 0.0)}
    for name in model.features:
        contributions[name] = coef.get(name, 0.0) * feats.get(name, 0.0)
    return contributions


def _has_word(form: NameForm) -> bool:
    return bool(form.dense_tokens) or any(len(t) > 1 and not t.isdigit() for t in form.tokens)


def _comparable(left: NameForm, right: NameForm) -> bool:
    """A name of initials and numbers only ("1-P", "A.") is no evidence against a name of
    words: its initials would meet any word with that first letter."""
    return _has_word(left) == _has_word(right)


def _same_words(left: NameForm, right: NameForm) -> bool:
    """The two names have the same words once analysed (spelling variants such as Mohamed /
    Mohammed folded, legal forms aside), in any order: how a weak alias may match."""
    if left.dense_tokens or right.dense_tokens:
        return left.dense_tokens == right.dense_tokens
    return bool(left.tokens) and sorted(left.tokens) == sorted(right.tokens)


#: OFAC FAQ 122 and 124: a weak AKA is broad enough to raise many false hits; OFAC does not
#: expect screening on it, only its use to confirm a hit. pierce keeps an exact match of one.
WEAK_NOTE = ("'{name}' is a weak alias on the list (OFAC FAQ 122/124: broad, for confirming a "
             "hit): counted only because it matched exactly")


def score_names(name1: str, name2: str, schema: str = "LegalEntity",
                model: Model | None = None, weights: TokenWeights | None = None) -> PairScore:
    """Score two names (optionally of a known schema for both)."""
    return score_records(Record((name1,), schema), Record((name2,), schema), model, weights)


def score_records(query: Record, candidate: Record, model: Model | None = None,
                  weights: TokenWeights | None = None,
                  forms: Sequence[NameForm] | None = None) -> PairScore:
    """Best score over every (query name, candidate name) pair, with record evidence
    (birth year, country) added and a shared typed identifier (LEI, IMO, USCC, passport ...)
    lifting the score to near-certain. `forms`: the candidate's names already analysed, in
    the order of `candidate.names` (the index keeps them, so screening does not redo it)."""
    model = model or default_model()
    weights = weights or default_token_weights()
    group = schema_group(query.schema, candidate.schema)
    extra = record_features(query.birth_dates, candidate.birth_dates,
                            query.countries, candidate.countries)
    if not schemata_compatible(query.schema, candidate.schema):
        return PairScore(0.0, group, (query.names or ("",))[0], (candidate.names or ("",))[0],
                         {}, {}, None, notes=(f"a {query.schema} cannot be a "
                                              f"{candidate.schema}",))
    bias, terms = _terms(model, group)
    chosen: tuple[float, str, str, dict[str, float], Alignment] | None = None
    weak = set(query.weak_names) | set(candidate.weak_names)
    for left in query.names or ("",):
        form_l = analyze_name(left)
        for k, right in enumerate(candidate.names or ("",)):
            form_r = forms[k] if forms else analyze_name(right)
            if weak and (left in weak or right in weak) and not _same_words(form_l, form_r):
                continue  # a weak alias is never matched approximately
            feats, alignment = name_features(form_l, form_r, weights)
            feats.update(extra)
            score = _probability(bias, terms, feats) if _comparable(form_l, form_r) else 0.0
            if chosen is None or score > chosen[0]:
                chosen = (score, left, right, feats, alignment)
    if chosen is None:  # every name pair involved a weak alias, none matched exactly
        best = PairScore(0.0, group, (query.names or ("",))[0], (candidate.names or ("",))[0],
                         {}, {}, None, notes=("only weak aliases, which match exactly only",))
    else:
        score, left, right, feats, alignment = chosen
        notes = tuple(WEAK_NOTE.format(name=n) for n in dict.fromkeys((left, right))
                      if n in weak)
        best = PairScore(score, group, left, right, feats,
                         _contributions(model, group, feats), alignment, notes=notes)
    shared = sorted(set(query.identifiers) & set(candidate.identifiers))
    if shared and best.score < model.identifier_probability:
        best = PairScore(model.identifier_probability, best.group, best.left_name,
                         best.right_name, best.features, best.contributions, best.alignment,
                         identifier=shared[0], notes=best.notes)
    return best


__all__ = ["FEATURES", "PairScore", "score_names", "score_records"]
