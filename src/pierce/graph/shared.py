"""Derived links: records sharing an address, phone, e-mail domain, website, identifier or
officer with a party. Found with SQL over the store's current statements."""

from __future__ import annotations

import re
from typing import Any

from followthemoney import EntityProxy

from pierce.graph.config import config
from pierce.graph.edges import Link
from pierce.graph.load import Graph
from pierce.graph.resolve import NAME_KEY_SQL, name_key

_DOMAIN = re.compile(r"^(?:[a-z]+://)?(?:www\.)?([^/:?#]+)")
DOMAIN_SQL = "regexp_extract(lower(value), '^(?:[a-z]+://)?(?:www\\.)?([^/:?#]+)', 1)"


def web_domain(url: str) -> str | None:
    match = _DOMAIN.match(url.strip().lower())
    return match.group(1) if match else None


def email_domain(email: str) -> str | None:
    return email.rsplit("@", 1)[1].strip().lower() if "@" in email else None


def _values(entity: EntityProxy, prop: str) -> list[str]:
    return entity.get(prop, quiet=True) if prop in entity.schema.properties else []


def _query(
    store: Any, kind: str, sql_where: str, values: list[str], exclude: set[str]
) -> list[tuple[str, str, str]]:
    if not values:
        return []
    marks = ",".join("?" * len(values))
    rows = store.con.execute(
        f"SELECT DISTINCT entity_id, prop, value FROM current_statements WHERE {sql_where} IN "
        f"({marks}) LIMIT 500",
        values,
    ).fetchall()
    return [(kind, row[0], row[2]) for row in rows if row[0] not in exclude]


def shared_links(store: Any, graph: Graph, entity_id: str) -> list[Link]:
    """Links from the party's records to other records sharing one of its attributes."""
    members = set(graph.members(entity_id))
    records = [graph.entities[m] for m in members]
    public = set(config()["public_email_domains"])
    addresses = sorted({name_key(v) for e in records for v in _values(e, "address")} - {""})
    address_ids = sorted({v for e in records for v in _values(e, "addressEntity")})
    phones = sorted({v for e in records for v in _values(e, "phone")})
    emails = sorted(
        {d for e in records for v in _values(e, "email") if (d := email_domain(v))} - public
    )
    sites = sorted({d for e in records for v in _values(e, "website") if (d := web_domain(v))})
    id_props = config()["shared_id_props"]
    ids = sorted({v for e in records for p in id_props for v in _values(e, p) if len(v) >= 5})
    found = []
    found += _query(
        store, "shares_address", f"prop = 'address' AND {NAME_KEY_SQL}", addresses, members
    )
    found += _query(
        store, "shares_address", "prop = 'addressEntity' AND value", address_ids, members
    )
    found += _query(store, "shares_phone", "prop = 'phone' AND value", phones, members)
    found += _query(
        store,
        "shares_email_domain",
        "prop = 'email' AND lower(split_part(value, '@', 2))",
        emails,
        members,
    )
    found += _query(store, "shares_website", f"prop = 'website' AND {DOMAIN_SQL}", sites, members)
    props = ",".join(f"'{p}'" for p in id_props)
    found += _query(store, "shares_identifier", f"prop IN ({props}) AND value", ids, members)
    anchor = sorted(members)[0]
    links = [
        Link(
            anchor, other, kind, reason=f"{kind.removeprefix('shares_').replace('_', ' ')} {value}"
        )
        for kind, other, value in found
    ]
    # Officers: a director of this party who also directs another organisation.
    directors = {
        x.target for x in graph.links if x.relation == "directed_by" and x.source in members
    }
    for link in graph.links:
        if (
            link.relation == "directed_by"
            and link.target in directors
            and link.source not in members
        ):
            links.append(
                Link(
                    anchor,
                    link.source,
                    "shares_officer",
                    reason=f"officer {graph.name(link.target)}",
                    ref=link.ref,
                )
            )
    return links


def listed_ids(store: Any, ids: list[str]) -> set[str]:
    """Which of ``ids`` a Sanction entity names (any list)."""
    if not ids:
        return set()
    marks = ",".join("?" * len(ids))
    rows = store.con.execute(
        "SELECT DISTINCT value FROM current_statements WHERE schema = 'Sanction' AND prop = "
        f"'entity' AND value IN ({marks})",
        ids,
    ).fetchall()
    return {row[0] for row in rows}
