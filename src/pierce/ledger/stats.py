"""Exact tail probabilities for scoring overlaps."""

from __future__ import annotations

from fractions import Fraction
from math import comb


def hypergeom_tail(k: int, population: int, successes: int, draws: int) -> float:
    """P(X >= k) for X ~ Hypergeometric(population, successes, draws), computed exactly.

    Here: a market of `population` plausible customers, `successes` of them disclosed, and an
    organisation that contacted `draws` customers; X is how many disclosed ones it would hit
    by chance.
    """
    if min(population, successes, draws) < 0 or successes > population or draws > population:
        raise ValueError(f"invalid hypergeometric parameters N={population} K={successes} "
                         f"n={draws}")
    if k <= 0:
        return 1.0
    top = min(successes, draws)
    if k > top:
        return 0.0
    hits = sum(comb(successes, i) * comb(population - successes, draws - i)
               for i in range(k, top + 1))
    return float(Fraction(hits, comb(population, draws)))
