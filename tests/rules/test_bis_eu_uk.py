"""BIS Affiliates Rule windows and applicability; EU and UK thresholds and control."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from rules_helpers import EL, SDN, listed, own, status

from pierce.rules import Facts, Holding, Listing, RuleError, load_rules
from pierce.rules.definitions import parse_rule
from pierce.rules.evaluate import evaluate

EU = {"program_id": "EU-UKR", "authority": "Council of the European Union"}
UK = {"program_id": "GB-RUS", "authority": "Foreign, Commonwealth & Development Office"}


def bis_facts() -> Facts:
    # A foreign (Chinese) subsidiary 60% owned by an Entity List party.
    return Facts(
        [own("parent", "sub", "60")],
        [listed("parent", EL, start=date(2023, 3, 6))],
        countries={"sub": frozenset({"cn"}), "parent": frozenset({"cn"})},
    )


@pytest.mark.parametrize(
    ("as_of", "expected", "would_be"),
    [
        (date(2025, 9, 1), "not_in_force", "definite"),
        (date(2025, 10, 15), "definite", None),  # in force 2025-09-29..2025-11-09
        (date(2026, 6, 1), "suspended", "definite"),  # suspended 2025-11-10..2026-11-09
        (date(2026, 11, 20), "definite", None),  # in force again from 2026-11-10
    ],
)
def test_bis_windows(as_of: date, expected: str, would_be: str | None) -> None:
    (rule,) = load_rules(["bis-affiliates"])
    result = evaluate(bis_facts(), rule, as_of, ["sub"])["sub"]
    assert result.status == expected
    assert result.would_be == would_be
    if expected != "definite":
        assert result.reason


def test_bis_not_applicable_to_us_entity() -> None:
    facts = bis_facts()
    facts.countries["sub"] = frozenset({"us"})
    (rule,) = load_rules(["bis-affiliates"])
    result = evaluate(facts, rule, date(2025, 10, 15), ["sub"])["sub"]
    assert result.status == "not_applicable"
    assert result.would_be == "definite"
    assert "foreign" in result.reason


def test_bis_takes_most_restrictive_licence_policy() -> None:
    facts = Facts(
        [own("a", "sub", "30"), own("b", "sub", "30")],
        [
            Listing("a", program_id="EL", authority="Entity List", policy="Case-by-case review"),
            Listing(
                "b",
                program_id="MEU",
                authority="Military End User",
                policy="Presumption of denial",
                provisions="For all items subject to the EAR",
            ),
        ],
        countries={"sub": frozenset({"cn"})},
    )
    (rule,) = load_rules(["bis-affiliates"])
    result = evaluate(facts, rule, date(2025, 10, 15), ["sub"])["sub"]
    assert result.status == "definite"
    assert result.licence is not None
    assert result.licence["policy"] == "Presumption of denial"
    assert result.licence["from"] == "b"


def test_bis_ignores_sdn_outside_named_programmes() -> None:
    facts = bis_facts()
    facts.listings = [listed("parent", SDN)]
    assert status(facts, "bis-affiliates", "sub", date(2025, 10, 15)) == "clear"


def test_uk_needs_more_than_half_and_does_not_aggregate() -> None:
    exactly_half = Facts([own("A", "X", "50")], [listed("A", UK)])
    assert status(exactly_half, "uk", "X") == "clear"
    assert status(exactly_half, "ofac50", "X") == "clear"  # UK listing is not an SDN
    over = Facts([own("A", "X", "51")], [listed("A", UK)])
    assert status(over, "uk", "X") == "definite"
    split = Facts([own("A", "X", "30"), own("B", "X", "30")], [listed("A", UK), listed("B", UK)])
    assert status(split, "uk", "X") == "clear"


def test_eu_aggregates_and_counts_control() -> None:
    split = Facts([own("A", "X", "30"), own("B", "X", "30")], [listed("A", EU), listed("B", EU)])
    assert status(split, "eu", "X") == "definite"
    control = Facts([Holding("A", "X", None, kind="control")], [listed("A", EU)])
    assert status(control, "eu", "X") == "definite"
    parent_link = Facts([Holding("A", "X", None, kind="parent")], [listed("A", EU)])
    assert status(parent_link, "eu", "X") == "possible"
    assert status(parent_link, "ofac50", "X") == "clear"


def test_rule_file_errors_name_the_problem() -> None:
    with pytest.raises(RuleError, match="comparison"):
        parse_rule({"id": "x", "threshold": 50, "comparison": "=="}, "x.yaml")
    with pytest.raises(RuleError, match="missing field"):
        parse_rule({"id": "x"}, "x.yaml")
    with pytest.raises(RuleError, match="unknown rule"):
        load_rules(["nope"])


def test_every_packaged_rule_has_citations_and_windows() -> None:
    rules = load_rules()
    assert {r.id for r in rules} == {"ofac50", "bis-affiliates", "eu", "uk"}
    for rule in rules:
        assert rule.citations and rule.windows and rule.listed


def test_extending_the_suspension_is_a_one_line_data_change(tmp_path: Path) -> None:
    from pierce.rules.definitions import load_rule_file

    (packaged,) = load_rules(["bis-affiliates"])
    text = Path(packaged.source).read_text(encoding="utf-8")
    extended = text.replace("to: 2026-11-09, state: suspended", "to: 2027-11-09, state: suspended")
    assert extended != text
    (tmp_path / "bis-affiliates.yaml").write_text(extended, encoding="utf-8")
    rule = load_rule_file(tmp_path / "bis-affiliates.yaml")
    result = evaluate(bis_facts(), rule, date(2026, 11, 20), ["sub"])["sub"]
    assert result.status == "suspended"
