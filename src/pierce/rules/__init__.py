"""Ownership rules (OFAC 50%, BIS Affiliates, EU, UK) as data, evaluated as of a date."""

from pierce.rules.definitions import Rule, RuleError, load_rules
from pierce.rules.evaluate import Closure, RuleResult, close, evaluate, explain
from pierce.rules.facts import Facts, Holding, Listing

__all__ = [
    "Closure",
    "Facts",
    "Holding",
    "Listing",
    "Rule",
    "RuleError",
    "RuleResult",
    "close",
    "evaluate",
    "explain",
    "load_rules",
]
