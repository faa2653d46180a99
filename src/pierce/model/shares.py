"""Ownership shares as an exact value, a range, or unknown.

FtM's ``Ownership.percentage`` is free text. Registries and lists publish it as "25", "25%",
"25-50", "25–50 %", ">50", "50+", "less than 25", or not at all (only ``sharesCount``). We read
it into a closed interval [lo, hi] of percent; unknown is ``None``. Strict bounds (">50") are
nudged by ``EPSILON`` so that a strict-threshold rule (UK: more than 50%) still decides them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

EPSILON = 1e-6

_NUMBER = r"(\d+(?:[.,]\d+)?)"
_RANGE = re.compile(rf"^{_NUMBER}\s*%?\s*(?:-|–|—|to|bis|à)\s*{_NUMBER}\s*%?$")
_ABOVE = re.compile(
    rf"^(?:>|more than|over|above|greater than)\s*{_NUMBER}\s*%?$|^{_NUMBER}\s*%?\s*\+$"
)
_AT_LEAST = re.compile(rf"^(?:>=|≥|at least|not less than)\s*{_NUMBER}\s*%?$")
_BELOW = re.compile(rf"^(?:<|less than|under|below)\s*{_NUMBER}\s*%?$")
_AT_MOST = re.compile(rf"^(?:<=|≤|at most|up to|not more than)\s*{_NUMBER}\s*%?$")
_EXACT = re.compile(rf"^{_NUMBER}\s*%?$")


@dataclass(frozen=True)
class Share:
    """An ownership share in percent, known to lie in [lo, hi]."""

    lo: float
    hi: float

    @property
    def exact(self) -> bool:
        return self.lo == self.hi

    def __str__(self) -> str:
        if self.exact:
            return f"{self.lo:g}%"
        return f"{self.lo:g}–{self.hi:g}%"


def _num(text: str) -> float:
    return float(text.replace(",", "."))


def _clamp(lo: float, hi: float) -> Share | None:
    lo, hi = max(0.0, lo), min(100.0, hi)
    if lo > hi:
        return None
    return Share(lo, hi)


def parse_share(value: str | None) -> Share | None:
    """Read a percentage as published; ``None`` when unknown or unreadable.

    A bare number at most 1 with a decimal point ("0.5") is ambiguous (fraction or percent);
    registries that publish fractions say so, so we read every bare number as percent.
    """
    if value is None:
        return None
    text = " ".join(value.strip().lower().split())
    if not text or text in {"unknown", "n/a", "na", "-", "?"}:
        return None
    if match := _RANGE.match(text):
        lo, hi = sorted((_num(match.group(1)), _num(match.group(2))))
        return _clamp(lo, hi)
    if match := _ABOVE.match(text):
        number = match.group(1) or match.group(2)
        return _clamp(_num(number) + EPSILON, 100.0)
    if match := _AT_LEAST.match(text):
        return _clamp(_num(match.group(1)), 100.0)
    if match := _BELOW.match(text):
        return _clamp(0.0, _num(match.group(1)) - EPSILON)
    if match := _AT_MOST.match(text):
        return _clamp(0.0, _num(match.group(1)))
    if match := _EXACT.match(text):
        number = _num(match.group(1))
        return _clamp(number, number)
    return None


def merge_shares(shares: list[Share | None]) -> Share | None:
    """Several reports of one holding at one date (sources disagree): their hull.

    Reports of the same owner–asset pair are alternatives, not additions, so they are never
    summed. Unknown reports add nothing when any report is known.
    """
    known = [s for s in shares if s is not None]
    if not known:
        return None
    return Share(min(s.lo for s in known), max(s.hi for s in known))
