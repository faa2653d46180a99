"""The plain in-memory facts the rules read: holdings (dated, with shares) and listings.

The graph layer builds these from the store; tests and benchmarks build them by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pierce.model.shares import Share
from pierce.rules.definitions import Matcher, Rule


def in_period(as_of: date, start: date | None, end: date | None) -> bool:
    """Whether a fact dated [start, end] (open when None) holds on ``as_of``."""
    return (start is None or start <= as_of) and (end is None or as_of <= end)


@dataclass(frozen=True)
class Holding:
    """``owner`` holds ``share`` of ``asset`` (or controls / is parent of it) in a period."""

    owner: str
    asset: str
    share: Share | None = None  # None: unknown
    kind: str = "ownership"  # ownership | control | parent
    start: date | None = None
    end: date | None = None
    source: str = ""  # dataset the fact came from
    ref: str = ""  # id of the FtM entity stating it (Ownership, Control, ...)


@dataclass(frozen=True)
class Listing:
    """One entry of a party on a list (an FtM Sanction)."""

    entity: str
    program_id: str = ""
    program: str = ""
    authority: str = ""
    start: date | None = None
    end: date | None = None
    provisions: str = ""  # licence requirement
    policy: str = ""  # licence review policy
    authority_id: str = ""  # e.g. Federal Register citation
    source: str = ""
    ref: str = ""

    def label(self) -> str:
        return self.program_id or self.program or self.authority or "listed"


@dataclass
class Facts:
    holdings: list[Holding] = field(default_factory=list)
    listings: list[Listing] = field(default_factory=list)
    countries: dict[str, frozenset[str]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)


def _contains(text: str, needles: tuple[str, ...]) -> bool:
    low = text.lower()
    return any(n.lower() in low for n in needles)


def matches(matcher: Matcher, listing: Listing) -> bool:
    pid = listing.program_id.upper()
    if matcher.program_ids and pid not in {p.upper() for p in matcher.program_ids}:
        return False
    if matcher.program_id_prefixes and not any(
        pid.startswith(p.upper()) for p in matcher.program_id_prefixes
    ):
        return False
    if matcher.authorities and not _contains(listing.authority, matcher.authorities):
        return False
    if matcher.programs and not _contains(listing.program, matcher.programs):
        return False
    if pid and pid in {p.upper() for p in matcher.exclude_program_ids}:
        return False
    if matcher.exclude_programs and _contains(
        f"{listing.program} {listing.program_id}", matcher.exclude_programs
    ):
        return False
    return True


def counts_for(rule: Rule, listing: Listing) -> bool:
    return any(matches(m, listing) for m in rule.listed)


def listed_on(facts: Facts, rule: Rule, as_of: date) -> dict[str, list[Listing]]:
    """Entities listed for ``rule`` on ``as_of``, with the entries that make them so.

    Aggregated data often repeats one designation without its date (e.g. a national register
    echoing an EU listing). When an entity has dated and undated entries for the same rule,
    the undated ones are taken to start with the earliest dated one; an entity with only
    undated entries counts as listed on every date.
    """
    entries: dict[str, list[Listing]] = {}
    for listing in facts.listings:
        if counts_for(rule, listing):
            entries.setdefault(listing.entity, []).append(listing)
    found: dict[str, list[Listing]] = {}
    for entity, items in entries.items():
        starts = [x.start for x in items if x.start is not None]
        earliest = min(starts) if starts else None
        for item in items:
            start = item.start or earliest
            if in_period(as_of, start, item.end):
                found.setdefault(entity, []).append(item)
    return found
