"""Graph links read from FtM relationship entities, and the rule facts they imply.

A link reads from the entity being described (the asset, the successor, the organisation) to
the related party (the owner, the predecessor, the director): ``Link(source, target,
relation)``. Ownership without a percentage whose role says parent/subsidiary (GLEIF
consolidation, the 1260H list) is a ``parent`` link with unknown share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from followthemoney import EntityProxy

from pierce.graph.config import config
from pierce.model.shares import Share, parse_share
from pierce.rules.facts import Holding, Listing

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def parse_day(value: str | None, end: bool = False) -> date | None:
    """An FtM date ("2023", "2023-05", "2023-05-01T...") as a day.

    With ``end``, a partial date means the last day of its period.
    """
    if not value:
        return None
    match = _DATE.match(value.strip())
    if match is None:
        return None
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else (12 if end else 1)
    if match.group(3):
        day = int(match.group(3))
    elif end:
        following = date(year + (month == 12), month % 12 + 1, 1)
        day = (following - date(year, month, 1)).days
    else:
        day = 1
    try:
        return date(year, month, day)
    except ValueError:
        return None


def first_day(entity: EntityProxy, *props: str, end: bool = False) -> date | None:
    for prop in props:
        if prop in entity.schema.properties:
            days = [d for d in (parse_day(v, end) for v in entity.get(prop)) if d is not None]
            if days:
                return max(days) if end else min(days)
    return None


@dataclass(frozen=True)
class Link:
    source: str
    target: str
    relation: str  # owned_by | controlled_by | parent | renamed_from | successor_of | ...
    start: date | None = None
    end: date | None = None
    share: Share | None = None
    role: str = ""
    dataset: str = ""
    ref: str = ""  # id of the FtM entity stating it (empty for derived links)
    reason: str = ""  # for derived links: what they share

    def active(self, as_of: date | None) -> bool:
        if as_of is None:
            return True
        return (self.start is None or self.start <= as_of) and (
            self.end is None or as_of <= self.end
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": self.source,
            "relation": self.relation,
            "to": self.target,
            "date": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "share": None if self.share is None else str(self.share),
            "role": self.role or None,
            "source": self.dataset or None,
            "ref": self.ref or None,
            "reason": self.reason or None,
        }


def _has(text: str, markers: list[str]) -> bool:
    low = text.lower()
    return any(m in low for m in markers)


def dataset_of(entity: EntityProxy) -> str:
    datasets = getattr(entity, "datasets", None)
    if datasets:
        return ",".join(sorted(datasets))
    return ""


def links_of(entity: EntityProxy) -> list[Link]:
    """Links stated by one relationship entity (Ownership, Succession, ...); [] for others."""
    spec = config()["relations"].get(entity.schema.name)
    if spec is None:
        return []
    subject_prop, object_prop, relation = spec
    role = "; ".join(entity.get("role", quiet=True))
    # FtM's `date` on an Interval is when the fact was stated (e.g. the day a list named a
    # parent), not when it began; only for a Succession is it the day of the event.
    start = first_day(entity, "startDate")
    if start is None and entity.schema.name == "Succession":
        start = first_day(entity, "date")
    end = first_day(entity, "endDate", end=True)
    share: Share | None = None
    if entity.schema.name == "Ownership":
        share = parse_share(entity.first("percentage"))
        kind_text = " ".join([role, *entity.get("ownershipType", quiet=True)])
        if share is None and _has(kind_text, config()["parent_markers"]):
            relation = "parent"
    if entity.schema.name == "Succession":
        text = " ".join(
            [role, *entity.get("description", quiet=True), *entity.get("summary", quiet=True)]
        )
        if _has(text, config()["rename_markers"]):
            relation = "renamed_from"
    if entity.schema.name == "UnknownLink":
        relation = {"manufacturer": "made_by", "brand owner": "brand_of"}.get(
            role.lower(), relation
        )
    dataset = dataset_of(entity)
    found = []
    for source in entity.get(subject_prop, quiet=True):
        for target in entity.get(object_prop, quiet=True):
            if source == target and relation != "renamed_from":
                continue
            found.append(
                Link(source, target, relation, start, end, share, role, dataset, entity.id or "")
            )
    return found


HOLDING_KIND = {"owned_by": "ownership", "controlled_by": "control", "parent": "parent"}


def holding_of(link: Link) -> Holding | None:
    kind = HOLDING_KIND.get(link.relation)
    if kind is None:
        return None
    return Holding(
        link.target, link.source, link.share, kind, link.start, link.end, link.dataset, link.ref
    )


def listing_of(sanction: EntityProxy) -> list[Listing]:
    """A Sanction's listing for each entity it names; start = earliest of start/listing date."""
    starts = [
        d
        for d in (
            parse_day(v) for p in ("startDate", "listingDate", "date") for v in sanction.get(p)
        )
        if d is not None
    ]
    end = first_day(sanction, "endDate", end=True)
    text = lambda prop: "; ".join(sanction.get(prop, quiet=True))  # noqa: E731
    return [
        Listing(
            entity=entity,
            program_id=text("programId"),
            program=text("program"),
            authority=text("authority"),
            start=min(starts) if starts else None,
            end=end,
            provisions=text("provisions"),
            policy=text("status"),
            authority_id=text("authorityId"),
            source=dataset_of(sanction),
            ref=sanction.id or "",
        )
        for entity in sanction.get("entity")
    ]
