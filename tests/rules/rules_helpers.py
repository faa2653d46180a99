"""Small builders for rule tests (facts written by hand)."""

from __future__ import annotations

from datetime import date

from pierce.model.shares import parse_share
from pierce.rules import Facts, Holding, Listing, load_rules
from pierce.rules.evaluate import evaluate

SDN = {"program_id": "SDN", "authority": "Office of Foreign Assets Control"}
EL = {"program_id": "EL", "authority": "Entity List", "policy": "Presumption of denial"}
TODAY = date(2025, 1, 1)


def own(owner: str, asset: str, pct: str | None, **kw: object) -> Holding:
    return Holding(owner, asset, parse_share(pct), **kw)  # type: ignore[arg-type]


def listed(entity: str, kind: dict[str, str] = SDN, **kw: object) -> Listing:
    return Listing(entity, **kind, **kw)  # type: ignore[arg-type]


def status(facts: Facts, rule_id: str, entity: str, as_of: date = TODAY) -> str:
    (rule,) = load_rules([rule_id])
    return evaluate(facts, rule, as_of, [entity])[entity].status
