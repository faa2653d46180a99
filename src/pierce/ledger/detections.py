"""Detections: signals for counsel, each with the chain of records behind it and a timeline.

Thresholds, claim phrases and legal periods live in pierce/data/ledger/detections.yaml.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import math
import re
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from functools import cache
from typing import Any

from pierce.data import load
from pierce.ledger.stats import hypergeom_tail
from pierce.ledger.view import LedgerView

SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}


@cache
def config() -> dict[str, Any]:
    return dict(load("ledger/detections.yaml"))


@dataclass
class Evidence:
    kind: str  # ledger table
    record_id: str
    date: str | None
    text: str
    role: str = ""  # "contact" marks a use of the information (limitation clocks start there)


@dataclass
class Detection:
    kind: str
    severity: str
    title: str
    summary: str
    evidence: list[Evidence]
    people: list[str] = field(default_factory=list)
    orgs: list[str] = field(default_factory=list)
    customers: list[str] = field(default_factory=list)
    agreements: list[str] = field(default_factory=list)
    score: float | None = None
    p_value: float | None = None
    deadlines: list[dict[str, Any]] = field(default_factory=list)

    @property
    def id(self) -> str:
        key = "|".join([self.kind, *sorted(f"{e.kind}:{e.record_id}" for e in self.evidence)])
        return f"{self.kind}-{hashlib.sha256(key.encode()).hexdigest()[:10]}"

    def timeline(self) -> list[Evidence]:
        return sorted((e for e in self.evidence if e.date), key=lambda e: (e.date or "", e.kind))

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["id"] = self.id
        out["timeline"] = [asdict(e) for e in self.timeline()]
        return out


def add_months(day: str, months: int) -> str:
    d = dt.date.fromisoformat(day)
    total = d.month - 1 + months
    year, month = d.year + total // 12, total % 12 + 1
    return dt.date(year, month, min(d.day, calendar.monthrange(year, month)[1])).isoformat()


def _days(a: str, b: str) -> int:
    return (dt.date.fromisoformat(b) - dt.date.fromisoformat(a)).days


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).casefold()


# --- evidence helpers ---------------------------------------------------------------------------

def _ev_disclosure(v: LedgerView, d: dict[str, Any]) -> Evidence:
    people = ", ".join(v.person_name(p) for p in d["recipients"])
    return Evidence("disclosures", d["id"], d["date"],
                    f"{v.org_name(d['discloser'])} disclosed {len(d['customers'])} customer "
                    f"record(s) ({', '.join(d['fields']) or 'fields not listed'}) to {people} of "
                    f"{v.org_name(d['recipient_org'])} under {d['agreement']}, marked "
                    f"{d['marking'] or 'UNMARKED'}; content SHA-256 {d['content_sha256'] or 'n/a'}")


def _ev_agreement(v: LedgerView, a: dict[str, Any]) -> Evidence:
    return Evidence("agreements", a["id"], a["signed"],
                    f"{a['title']} signed {a['signed'] or 'NOT SIGNED'} between "
                    f"{', '.join(v.org_name(p) for p in a['parties'])}; permitted purpose: "
                    f"{a['permitted_purpose'] or 'not stated'}")


def _ev_contact(v: LedgerView, e: dict[str, Any]) -> Evidence:
    text = f"{v.org_name(e['org'])} contacted {v.customer_name(e['customer'])}"
    if e.get("contact_point"):
        text += f" at {e['contact_point']}"
    if e.get("message_sha256"):
        text += f"; message SHA-256 {e['message_sha256']}"
    return Evidence("events", e["id"], e["date"], text, role="contact")


@dataclass
class Join:
    person: str
    org: str
    date: str
    evidence: Evidence


def _joins(v: LedgerView) -> list[Join]:
    """Each person's moves to an organisation, from employment records and employer changes."""
    out: dict[tuple[str, str], Join] = {}
    for emp in v.employments:
        if emp["start"]:
            ev = Evidence("employments", emp["id"], emp["start"],
                          f"{v.person_name(emp['person'])} joined {v.org_name(emp['organisation'])}"
                          f" as {emp['role'] or 'staff'}" +
                          (f" (source: {emp['source']})" if emp["source"] else ""))
            _keep_earliest(out, Join(emp["person"], emp["organisation"], emp["start"], ev))
    for e in v.events:
        if e["kind"] == "employer_change":
            ev = Evidence("events", e["id"], e["date"],
                          f"{v.person_name(e['person'])} moved to {v.org_name(e['org'])}")
            _keep_earliest(out, Join(e["person"], e["org"], e["date"], ev))
    return list(out.values())


def _keep_earliest(out: dict[tuple[str, str], Join], join: Join) -> None:
    key = (join.person, join.org)
    if key not in out or join.date < out[key].date:
        out[key] = join


def _moves_after(v: LedgerView, d: dict[str, Any], joins: list[Join]) -> list[Join]:
    """Recipients of disclosure d who later joined an organisation other than the two parties."""
    return [j for j in joins if j.person in d["recipients"] and j.date >= d["date"]
            and j.org not in (d["recipient_org"], d["discloser"])]


def _affiliates(v: LedgerView, org: str, exclude: set[str]) -> dict[str, list[Evidence]]:
    """Organisations within max_hops of org through relationships, with the path as evidence."""
    cfg = config()["affiliates"]
    edges: dict[str, list[tuple[str, Evidence]]] = defaultdict(list)
    for r in v.relationships:
        if r["kind"] not in cfg["kinds"]:
            continue
        if r["kind"] == "equity" and (r["share"] or 0) < cfg["min_equity_share"]:
            continue
        share = f" {r['share']:g}%" if r["share"] is not None else ""
        ev = Evidence("relationships", r["id"], r["start"],
                      f"{v.org_name(r['org'])} — {r['kind'].replace('_', ' ')}{share} — "
                      f"{v.org_name(r['target'])}")
        edges[r["org"]].append((r["target"], ev))
        edges[r["target"]].append((r["org"], ev))
    for e in v.events:
        if e["kind"] == "jv_formed":
            ev = Evidence("events", e["id"], e["date"],
                          f"joint venture {v.org_name(e['org'])} formed by "
                          f"{', '.join(v.org_name(p) for p in e['related'])}")
            for partner in e["related"]:
                edges[partner].append((e["org"], ev))
                edges[e["org"]].append((partner, ev))
    paths: dict[str, list[Evidence]] = {org: []}
    frontier = [org]
    for _ in range(int(cfg["max_hops"])):
        nxt = []
        for node in frontier:
            for other, ev in edges[node]:
                if other not in paths:
                    paths[other] = paths[node] + [ev]
                    nxt.append(other)
                elif other != org and ev not in paths[other] and len(paths[other]) == len(
                        paths[node]) + 1:
                    paths[other].append(ev)  # a JV event corroborating the same hop
        frontier = nxt
    return {k: p for k, p in paths.items() if k != org and k not in exclude}


# --- detections ---------------------------------------------------------------------------------

def _overlap(v: LedgerView, joins: list[Join]) -> list[Detection]:
    cfg = config()["overlap"]
    out = []
    for d in v.disclosures:
        by_org: dict[str, list[Join]] = defaultdict(list)
        for j in _moves_after(v, d, joins):
            by_org[j.org].append(j)
        for org, moved in by_org.items():
            start = min(j.date for j in moved)
            end = (dt.date.fromisoformat(start) + dt.timedelta(days=cfg["window_days"])).isoformat()
            window = [e for e in v.contacts()
                      if e["org"] == org and start <= e["date"] <= end]
            contacted = {e["customer"] for e in window}
            hits = contacted & set(d["customers"])
            if len(hits) < cfg["min_contacts"]:
                continue
            n_disclosed = len(d["customers"])
            population = max(d["market_size"] or cfg["default_market_size"],
                             n_disclosed + len(contacted) - len(hits))
            p = hypergeom_tail(len(hits), population, n_disclosed, len(contacted))
            if p > cfg["max_p_value"]:
                continue
            agreement = v.agreements[d["agreement"]]
            evidence = [_ev_agreement(v, agreement), _ev_disclosure(v, d)]
            evidence += [j.evidence for j in moved]
            evidence += [_ev_contact(v, e) for e in window if e["customer"] in hits]
            people = sorted({j.person for j in moved})
            out.append(Detection(
                kind="recipient_joined_and_contacted",
                severity="high" if p <= cfg["high_severity_p_value"] else "medium",
                title=f"{v.org_name(org)} contacted {len(hits)} of {n_disclosed} customers "
                      f"disclosed to {', '.join(v.person_name(p) for p in people)}",
                summary=f"After {', '.join(v.person_name(p) for p in people)} joined "
                        f"{v.org_name(org)} ({start}), it contacted {len(hits)} of the "
                        f"{n_disclosed} customers in disclosure {d['id']} within "
                        f"{cfg['window_days']} days ({len(contacted)} customers contacted in "
                        f"all). In a market of {population} plausible customers, an overlap "
                        f"this large by chance has probability {p:.3g} (hypergeometric tail).",
                evidence=evidence, people=people, orgs=[org], customers=sorted(hits),
                agreements=[d["agreement"]], score=round(-math.log10(max(p, 1e-300)), 2),
                p_value=p))
    return out


def _canary(v: LedgerView, joins: list[Join]) -> list[Detection]:
    out = []
    for e in v.contacts():
        cust = v.customers.get(e["customer"])
        if not cust or not cust["canary_for"]:
            continue
        person = cust["canary_for"]
        given = [d for d in v.disclosures if e["customer"] in d["customers"]]
        evidence = [Evidence("customers", cust["id"], None,
                             f"decoy customer {cust['name']} (contact points "
                             f"{', '.join(cust['contacts'])}) exists only in material given to "
                             f"{v.person_name(person)}")]
        evidence += [_ev_disclosure(v, d) for d in given]
        evidence += [j.evidence for j in joins if j.person == person and j.org == e["org"]]
        evidence.append(_ev_contact(v, e))
        out.append(Detection(
            kind="canary_contacted", severity="high",
            title=f"Canary given only to {v.person_name(person)} was contacted by "
                  f"{v.org_name(e['org'])}",
            summary=f"{v.org_name(e['org'])} contacted the decoy customer {cust['name']} on "
                    f"{e['date']}. The decoy and its contact points were disclosed to "
                    f"{v.person_name(person)} alone, so the information came from that "
                    "disclosure.",
            evidence=evidence, people=[person], orgs=[e["org"]], customers=[cust["id"]],
            agreements=sorted({d["agreement"] for d in given})))
    return out


def _disclosed_to(v: LedgerView, customer: str, date: str) -> list[dict[str, Any]]:
    return [d for d in v.disclosures if customer in d["customers"] and d["date"] <= date]


def _party_misuse(v: LedgerView) -> list[Detection]:
    """Contacts by a receiving party after the agreement ended, or for another purpose."""
    out = []
    for e in v.contacts():
        for d in _disclosed_to(v, e["customer"], e["date"]):
            a = v.agreements[d["agreement"]]
            if e["org"] == d["discloser"] or (e["org"] not in a["parties"]
                                               and e["org"] != d["recipient_org"]):
                continue
            end = v.agreement_end(a["id"])
            base = [_ev_agreement(v, a), _ev_disclosure(v, d), _ev_contact(v, e)]
            if end and e["date"] > end:
                out.append(Detection(
                    kind="use_after_agreement_end", severity="high",
                    title=f"{v.org_name(e['org'])} used disclosed customer "
                          f"{v.customer_name(e['customer'])} after {a['id']} ended",
                    summary=f"Agreement {a['id']} ended {end}; on {e['date']} "
                            f"{v.org_name(e['org'])} contacted a customer disclosed under it.",
                    evidence=base, orgs=[e["org"]], customers=[e["customer"]],
                    agreements=[a["id"]]))
            purpose, allowed = e.get("purpose"), a.get("permitted_purpose")
            if purpose and allowed and _normal(purpose) != _normal(allowed):
                out.append(Detection(
                    kind="use_outside_purpose", severity="high",
                    title=f"{v.org_name(e['org'])} contacted {v.customer_name(e['customer'])} "
                          f"for {purpose!r}, not {allowed!r}",
                    summary=f"Agreement {a['id']} permits use only for {allowed!r}.",
                    evidence=base, orgs=[e["org"]], customers=[e["customer"]],
                    agreements=[a["id"]]))
    return out


def _several_recipients(v: LedgerView, joins: list[Join]) -> list[Detection]:
    min_people = config()["several_recipients"]["min_people"]
    moved: dict[tuple[str, str], dict[str, Join]] = defaultdict(dict)
    given: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for d in v.disclosures:
        for j in _moves_after(v, d, joins):
            moved[(d["discloser"], j.org)][j.person] = j
            if d not in given[(d["discloser"], j.org)]:
                given[(d["discloser"], j.org)].append(d)
    out = []
    for (discloser, org), people in moved.items():
        if len(people) < min_people:
            continue
        names = ", ".join(v.person_name(p) for p in sorted(people))
        evidence = [_ev_disclosure(v, d) for d in given[(discloser, org)]]
        evidence += [people[p].evidence for p in sorted(people)]
        out.append(Detection(
            kind="several_recipients_same_org", severity="high",
            title=f"{len(people)} recipients of {v.org_name(discloser)}'s information joined "
                  f"{v.org_name(org)}",
            summary=f"{names} received {v.org_name(discloser)}'s confidential customer "
                    f"information and later joined {v.org_name(org)}.",
            evidence=evidence, people=sorted(people), orgs=[org],
            agreements=sorted({d["agreement"] for d in given[(discloser, org)]})))
    return out


def _affiliate_use(v: LedgerView, joins: list[Join]) -> list[Detection]:
    """Affiliates (JVs, stakes, parents) of the recipient organisation, and of the organisations
    recipients moved to, inherit the watch on what was disclosed."""
    out = []
    for d in v.disclosures:
        moves = _moves_after(v, d, joins)
        roots: list[tuple[str, list[Evidence]]] = [(d["recipient_org"], [])]
        roots += [(j.org, [j.evidence]) for j in moves]
        watched: dict[str, tuple[str, list[Evidence]]] = {}
        exclude = {d["discloser"], d["recipient_org"]}
        for root, lead in roots:
            for org, path in _affiliates(v, root, exclude).items():
                watched.setdefault(org, (root, lead + path))
        for org, (root, path) in watched.items():
            used: list[dict[str, Any]] = [
                e for e in v.contacts() if e["org"] == org and e["customer"] in d["customers"]
                and e["date"] >= d["date"]]
            if not used:
                continue
            moved = [j for j in moves if j.org == org]
            evidence = [_ev_disclosure(v, d), *path, *(j.evidence for j in moved)]
            evidence += [_ev_contact(v, e) for e in used]
            chain = "; ".join(ev.text for ev in path)
            out.append(Detection(
                kind="affiliate_inherits_watch", severity="high" if moved else "medium",
                title=f"{v.org_name(org)}, affiliated with {v.org_name(root)}, contacted "
                      f"{len({e['customer'] for e in used})} customer(s) of disclosure {d['id']}",
                summary=f"{v.org_name(org)} is linked to {v.org_name(root)} through: {chain}. "
                        f"So it inherits the watch on disclosure {d['id']}"
                        + (f"; {', '.join(v.person_name(j.person) for j in moved)} moved there"
                           if moved else "") + ".",
                evidence=evidence, people=sorted({j.person for j in moved}), orgs=[org],
                customers=sorted({e["customer"] for e in used}), agreements=[d["agreement"]]))
    return out


def _field_reuse(v: LedgerView) -> list[Detection]:
    cfg = config()["field_reuse"]
    out = []
    for e in v.contacts():
        if not e.get("message"):
            continue
        message = _normal(e["message"])
        for d in _disclosed_to(v, e["customer"], e["date"]):
            if e["org"] == d["discloser"]:
                continue
            values = v.content.get(d["content_sha256"] or "", {}).get(e["customer"], {})
            reused = {f: val for f, val in values.items() if f not in cfg["ignore_fields"]
                      and len(val) >= cfg["min_value_length"] and _normal(val) in message}
            if not reused:
                continue
            shown = "; ".join(f"{f} = {val!r}" for f, val in sorted(reused.items()))
            out.append(Detection(
                kind="message_reuses_disclosed_fields", severity="high",
                title=f"{v.org_name(e['org'])}'s message to {v.customer_name(e['customer'])} "
                      f"reuses disclosed {', '.join(sorted(reused))}",
                summary=f"The message of {e['date']} contains values disclosed only in "
                        f"{d['id']}: {shown}.",
                evidence=[_ev_disclosure(v, d), _ev_contact(v, e)], orgs=[e["org"]],
                customers=[e["customer"]], agreements=[d["agreement"]]))
    return out


def _soon_after(v: LedgerView) -> list[Detection]:
    days = config()["soon_after_disclosure"]["days"]
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for d in v.disclosures:
        parties = set(v.agreements[d["agreement"]]["parties"]) | {d["recipient_org"]}
        for e in v.contacts():
            if (e["customer"] in d["customers"] and e["org"] not in parties | {d["discloser"]}
                    and 0 <= _days(d["date"], e["date"]) <= days):
                grouped[(d["id"], e["org"])].append(e)
    out = []
    by_id = {d["id"]: d for d in v.disclosures}
    for (did, org), contacts in grouped.items():
        d = by_id[did]
        out.append(Detection(
            kind="contact_soon_after_disclosure", severity="medium",
            title=f"{v.org_name(org)} contacted {len(contacts)} disclosed customer(s) within "
                  f"{days} days of disclosure {did}",
            summary=f"{v.org_name(org)}, not a party, contacted customers within "
                    f"{max(_days(d['date'], e['date']) for e in contacts)} days of their "
                    "disclosure.",
            evidence=[_ev_disclosure(v, d), *(_ev_contact(v, e) for e in contacts)],
            orgs=[org], customers=sorted({e["customer"] for e in contacts}),
            agreements=[d["agreement"]]))
    return out


def _exclusive_claims(v: LedgerView) -> list[Detection]:
    phrases = [_normal(p) for p in config()["exclusive_claims"]]
    grouped: dict[tuple[str, str], list[tuple[dict[str, Any], str]]] = defaultdict(list)
    for e in v.contacts():
        if not e.get("message"):
            continue
        found = next((p for p in phrases if p in _normal(e["message"])), None)
        if found is None:
            continue
        for d in _disclosed_to(v, e["customer"], e["date"]):
            if e["org"] != d["discloser"]:
                grouped[(d["discloser"], e["org"])].append((e, found))
                break
    out = []
    for (discloser, org), hits in grouped.items():
        customers = sorted({e["customer"] for e, _ in hits})
        disclosures = [d for d in v.disclosures if set(d["customers"]) & set(customers)
                       and d["discloser"] == discloser]
        phrases_used = sorted({p for _, p in hits})
        out.append(Detection(
            kind="exclusive_claim_to_disclosed_customers", severity="high",
            title=f"{v.org_name(org)} told {len(customers)} of {v.org_name(discloser)}'s "
                  f"disclosed customers it is the {' / '.join(phrases_used)}",
            summary=f"Messages claiming '{' / '.join(phrases_used)}' went to customers "
                    f"{v.org_name(discloser)} had disclosed in confidence.",
            evidence=[*(_ev_disclosure(v, d) for d in disclosures),
                      *(_ev_contact(v, e) for e, _ in hits)],
            orgs=[org], customers=customers,
            agreements=sorted({d["agreement"] for d in disclosures})))
    return out


def _protective_gaps(v: LedgerView) -> list[Detection]:
    out = []
    for d in v.disclosures:
        a = v.agreements[d["agreement"]]
        if a["signed"] is None or d["date"] < a["signed"]:
            out.append(Detection(
                kind="gap_disclosed_before_signature", severity="high",
                title=f"Disclosure {d['id']} ({d['date']}) precedes signature of {a['id']} "
                      f"({a['signed'] or 'never signed'})",
                summary="Information given before the agreement was signed may not be covered "
                        "by it.", evidence=[_ev_agreement(v, a), _ev_disclosure(v, d)],
                agreements=[a["id"]], customers=d["customers"]))
        end = v.agreement_end(a["id"])
        if end and d["date"] > end:
            out.append(Detection(
                kind="gap_disclosed_after_agreement_end", severity="high",
                title=f"Disclosure {d['id']} ({d['date']}) came after {a['id']} ended ({end})",
                summary="Information given after the agreement ended may not be covered by it.",
                evidence=[_ev_agreement(v, a), _ev_disclosure(v, d)], agreements=[a["id"]],
                customers=d["customers"]))
        public = {f.casefold() for f in config()["protective_gaps"]["public_fields"]}
        if d["fields"] and all(f.casefold() in public for f in d["fields"]):
            out.append(Detection(
                kind="gap_only_public_fields", severity="medium",
                title=f"Disclosure {d['id']} holds only publicly available fields "
                      f"({', '.join(d['fields'])})",
                summary="Customer identities found in public sources are weak trade secrets; "
                        "record the non-public detail (contact person, pricing, deal stage, "
                        "timing) that was actually shared.",
                evidence=[_ev_disclosure(v, d)], agreements=[a["id"]], customers=d["customers"]))
        if not d["marking"]:
            out.append(Detection(
                kind="gap_unmarked", severity="medium" if a["marking_required"] else
                config()["protective_gaps"]["unmarked_when_not_required"],
                title=f"Disclosure {d['id']} was not marked confidential"
                      + (" although the agreement requires marking" if a["marking_required"]
                         else ""),
                summary="Unmarked information is easier to argue was not confidential.",
                evidence=[_ev_agreement(v, a), _ev_disclosure(v, d)], agreements=[a["id"]],
                customers=d["customers"]))
    for a in v.agreements.values():
        if a["memory_carve_out"] and not a["trade_secret_exception"]:
            out.append(Detection(
                kind="gap_memory_carve_out", severity="high",
                title=f"{a['id']} excludes information retained in memory, with no exception "
                      "for trade secrets",
                summary="A residuals/memory clause without a trade-secret exception lets a "
                        "recipient argue remembered customer details are free to use.",
                evidence=[_ev_agreement(v, a)], agreements=[a["id"]]))
        if not a["return_or_destroy"]:
            out.append(Detection(
                kind="gap_no_return_or_destroy", severity="low",
                title=f"{a['id']} has no return-or-destroy duty",
                summary="Without it, recipients may keep copies after the agreement ends.",
                evidence=[_ev_agreement(v, a)], agreements=[a["id"]]))
    return out


MISUSE = {"recipient_joined_and_contacted", "canary_contacted", "use_after_agreement_end",
          "use_outside_purpose", "affiliate_inherits_watch", "message_reuses_disclosed_fields",
          "contact_soon_after_disclosure", "exclusive_claim_to_disclosed_customers"}


def _limitations(v: LedgerView, found: list[Detection], as_of: str) -> list[Detection]:
    cfg = config()["limitation"]
    first: dict[str, str] = {}
    for det in found:
        if det.kind not in MISUSE:
            continue
        contact_dates = [e.date for e in det.evidence if e.role == "contact" and e.date]
        if not contact_dates:
            continue
        for aid in det.agreements:
            first[aid] = min(first.get(aid, "9999"), min(contact_dates))
    out = []
    for aid, discovered in sorted(first.items()):
        a = v.agreements[aid]
        dtsa = f"US DTSA ({cfg['dtsa_citation']}): {cfg['dtsa_years']} years "
        deadlines: list[dict[str, Any]] = [{
            "name": dtsa + "from discovery", "from": discovered,
            "deadline": add_months(discovered, 12 * cfg["dtsa_years"])}]
        if a["limitation_months"]:
            deadlines.append({"name": f"contractual limit in {aid}: {a['limitation_months']} "
                                      "months", "from": discovered,
                              "deadline": add_months(discovered, a["limitation_months"])})
        for item in deadlines:
            item["days_left"] = _days(as_of, item["deadline"])
        soonest = min(deadlines, key=lambda x: x["deadline"])
        severity = "high" if soonest["days_left"] <= cfg["warn_days"] else "medium"
        state = (f"expired {-soonest['days_left']} days ago" if soonest["days_left"] < 0
                 else f"{soonest['days_left']} days left")
        out.append(Detection(
            kind="limitation_countdown", severity=severity,
            title=f"Limitation for {aid}: earliest deadline {soonest['deadline']} ({state})",
            summary="Counted from the first recorded misuse (taken as the discovery date): "
                    + "; ".join(f"{x['name']} → {x['deadline']} ({x['days_left']} days from "
                                f"{as_of})" for x in deadlines) + ".",
            evidence=[_ev_agreement(v, a)], agreements=[aid], deadlines=deadlines))
    return out


def detect(view: LedgerView, as_of: dt.date | None = None) -> list[Detection]:
    """All detections, most severe first."""
    day = (as_of or dt.date.today()).isoformat()
    joins = _joins(view)
    found = (_overlap(view, joins) + _canary(view, joins) + _party_misuse(view)
             + _several_recipients(view, joins) + _affiliate_use(view, joins)
             + _field_reuse(view) + _soon_after(view) + _exclusive_claims(view)
             + _protective_gaps(view))
    found += _limitations(view, found, day)
    unique = {d.id: d for d in found}
    return sorted(unique.values(), key=lambda d: (SEVERITY_ORDER[d.severity], -(d.score or 0),
                                                  d.kind, d.title))
