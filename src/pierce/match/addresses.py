"""Address evidence of a record pair, by rigour's address comparison: numbers must agree
exactly, keywords across their forms (Street ~ Str.), territory names across languages
(Cyprus ~ CY), free text by edit distance; a differing house or unit number pulls the score
towards 0. An agreeing address adds `Model.address_weight` × `address_sim` to a pair's
log-odds (pierce.match.scorer)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rigour.addresses import address_fingerprint, match_addresses

MAX_CHARS = 500  # of one address compared (a pasted document is no address)
MAX_ADDRESSES = 20  # of one record compared (listed parties have dozens at most)
SPECIFIC_TOKENS = 6  # tokens of a street address with house number, city and country;
# "Moscow, RU" has two, and shared by thousands says little
ADDRESS_SIM = "address_sim"  # the pair's address evidence (see `address_features`)


@dataclass(frozen=True)
class AddressEvidence:
    """The best-agreeing pair of addresses of two records."""

    query: str
    listed: str
    score: float  # rigour's address similarity, 0-1
    tokens: int  # specificity of the less specific of the two (see `_specificity`)

    def describe(self) -> str:
        return f"address '{self.query}' ~ '{self.listed}' {self.score:.2f}"


def _clip(addresses: Sequence[str]) -> list[str]:
    return [a[:MAX_CHARS] for a in addresses[:MAX_ADDRESSES] if a.strip()]


def compare_addresses(query: Sequence[str], listed: Sequence[str]) -> AddressEvidence | None:
    """The best pair of `query` and `listed` addresses; None when either has none that can be
    analysed (punctuation only, say)."""
    left, right = _clip(query), _clip(listed)
    if not left or not right:
        return None
    found = match_addresses(left, right)
    if found is None:
        return None
    tokens = min(_specificity(text) for text in (found.query, found.result))
    return AddressEvidence(found.query, found.result, float(found.score), tokens)


def _tokens(address: str) -> list[str]:
    return (address_fingerprint(address) or "").split()


def street_level(address: str) -> bool:
    """A number (house, postcode, P.O. box) beside two more words: "Caracas, Capital, KV,
    VE" is a place many share, "P.O. Box 42340, Dubai, AE" is not."""
    tokens = _tokens(address)
    return len(tokens) >= 3 and any(t.isdigit() for t in tokens)


def _specificity(address: str) -> int:
    """Tokens of the address, as many as SPECIFIC_TOKENS for a `street_level` one."""
    count = len(_tokens(address))
    return max(count, SPECIFIC_TOKENS) if street_level(address) else count


def address_features(evidence: AddressEvidence | None) -> dict[str, float]:
    """`address_sim`, 0 when either record has no address: the agreement, scaled by how
    specific the less specific address is (one city agreeing is a third of one street
    address agreeing). Its weight is not negative: it only raises a score. Addresses that
    differ are no evidence against a match: parties move and keep several offices, lists
    lag, and a city given alone scores low against the street address it is part of."""
    if evidence is None:
        return {ADDRESS_SIM: 0.0}
    return {ADDRESS_SIM: evidence.score * min(evidence.tokens, SPECIFIC_TOKENS) / SPECIFIC_TOKENS}
