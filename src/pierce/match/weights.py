"""Token weights (inverse document frequency) and the fitted model, read from pierce/data/match."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from functools import cache, cached_property

from pierce.match.forest import Forest
from pierce.names.analyze import is_initial, particles
from pierce.names.legal_forms import legal_tokens
from pierce.names.resources import CORPUS_COUNTS, load

MODEL_FILE = "weights-v4"
IDF_FILE = CORPUS_COUNTS


@dataclass(frozen=True)
class TokenWeights:
    """IDF per token from a name corpus; rare tokens weigh more, CORP/LTD/GROUP little."""

    idf: dict[str, float]
    default: float  # idf of a token never seen in the corpus
    # legal-form words (SA, KO, SON ...) weigh little; not in a person's name, which has none
    legal_discount: bool = True
    # token → weight, filled as tokens are asked for (screening asks for the same ones often)
    _memo: dict[str, float] = field(default_factory=dict, compare=False, repr=False)

    def __call__(self, token: str) -> float:
        weight = self._memo.get(token)
        if weight is None:
            if len(self._memo) > 1_000_000:
                self._memo.clear()
            weight = self._memo[token] = self._weight(token)
        return weight

    def _weight(self, token: str) -> float:
        if token in particles() or (self.legal_discount and token in legal_tokens()):
            return 0.3 * min(self.idf.get(token, self.default), 2.0)  # legal form in the core
        if is_initial(token):
            return 0.5
        return self.idf.get(token, self.default)

    @cached_property
    def for_persons(self) -> TokenWeights:
        """These weights for persons' names (no legal-form discount), made once."""
        return replace(self, legal_discount=False, _memo={}) if self.legal_discount else self

    def known(self, token: str) -> bool:
        """The token was seen in the corpus (or is a particle, an initial, a number)."""
        return (token in self.idf or is_initial(token) or token.isdigit() or token in particles()
                or token in legal_tokens())

    @classmethod
    def from_counts(cls, counts: dict[str, int], documents: int) -> TokenWeights:
        idf = {t: math.log((documents + 1) / (c + 1)) + 1.0 for t, c in counts.items()}
        return cls(idf, math.log(documents + 1) + 1.0)


@cache
def default_token_weights() -> TokenWeights:
    data = load(IDF_FILE, "match")
    counts: dict[str, int] = data["counts"]
    return TokenWeights.from_counts(counts, int(data["documents"]))


#: Model inputs after the pair features: which schema group the pair belongs to (a missing
#: middle word is a middle name for a person, often a distinctive word for a company).
GROUP_INPUTS = ("group_person", "group_org")


@dataclass(frozen=True)
class Model:
    version: str
    features: tuple[str, ...]  # pair features, in column order; GROUP_INPUTS follow them
    forest: Forest  # boosted trees over features + GROUP_INPUTS → log-odds of the same party
    threshold: float
    identifier_probability: float
    # log-odds an agreeing street address adds, times `address_sim` (pierce.match.addresses);
    # outside the trees, so that a pair without addresses scores as names alone
    address_weight: float = 0.0


@cache
def default_model() -> Model:
    data = load(MODEL_FILE, "match")
    forest = Forest.from_json(data["forest"])
    features = tuple(data["features"])
    if forest.inputs != features + GROUP_INPUTS:
        raise ValueError(f"{MODEL_FILE}.json: forest inputs do not match its features")
    return Model(
        version=data["version"],
        features=features,
        forest=forest,
        threshold=float(data["threshold"]),
        identifier_probability=float(data["identifier_probability"]),
        address_weight=float(data.get("address_weight", 0.0)),
    )
