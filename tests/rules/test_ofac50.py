"""OFAC 50 Percent Rule, reproducing OFAC's published worked examples.

Examples from OFAC, "Revised Guidance on Entities Owned by Persons Whose Property and
Interests in Property Are Blocked" (13 August 2014), and FAQs 398-402.
"""

from __future__ import annotations

from datetime import date

from rules_helpers import EL, TODAY, listed, own, status

from pierce.rules import Facts, Holding, load_rules
from pierce.rules.evaluate import evaluate


def test_example_1_direct_50_percent() -> None:
    # Guidance example 1: Blocked Person A owns 50% of Entity X: X is blocked.
    facts = Facts([own("A", "X", "50")], [listed("A")])
    assert status(facts, "ofac50", "X") == "definite"


def test_example_2_aggregate_of_two_blocked_owners() -> None:
    # Guidance example 2: A owns 25% and B owns 25% of X, both blocked: X is blocked.
    facts = Facts([own("A", "X", "25"), own("B", "X", "25")], [listed("A"), listed("B")])
    result = evaluate(facts, load_rules(["ofac50"])[0], TODAY, ["X"])["X"]
    assert result.status == "definite"
    assert result.share == (50.0, 50.0)
    assert {c["owner"] for c in result.contributors} == {"A", "B"}


def test_example_3_indirect_through_blocked_entity() -> None:
    # Guidance example 3: A owns 50% of X, X owns 50% of Y: X is blocked, so Y is blocked.
    facts = Facts([own("A", "X", "50"), own("X", "Y", "50")], [listed("A")])
    result = evaluate(facts, load_rules(["ofac50"])[0], TODAY, ["Y"])["Y"]
    assert result.status == "definite"
    assert [(s["from"], s["to"]) for s in result.path] == [("Y", "X"), ("X", "A")]


def test_example_4_direct_plus_indirect_aggregate() -> None:
    # Guidance example 4: A owns 50% of X; X owns 25% of Y; A owns 25% of Y. X is blocked,
    # and A's 25% plus blocked X's 25% make 50% of Y: Y is blocked.
    facts = Facts([own("A", "X", "50"), own("X", "Y", "25"), own("A", "Y", "25")], [listed("A")])
    assert status(facts, "ofac50", "Y") == "definite"


def test_example_5_no_multiplying_through_unblocked_entity() -> None:
    # Guidance example 5: A owns 40% of X, X owns 50% of Y. X is not blocked (40% < 50%), and
    # Y is not blocked either: ownership counts only through blocked entities.
    facts = Facts([own("A", "X", "40"), own("X", "Y", "50")], [listed("A")])
    assert status(facts, "ofac50", "X") == "clear"
    assert status(facts, "ofac50", "Y") == "clear"


def test_faq_aggregate_of_minorities_below_threshold_is_clear() -> None:
    # FAQ 398/401: the rule is about 50% or more; 49% in aggregate does not block.
    facts = Facts([own("A", "X", "24"), own("B", "X", "25")], [listed("A"), listed("B")])
    result = evaluate(facts, load_rules(["ofac50"])[0], TODAY, ["X"])["X"]
    assert result.status == "clear"
    assert result.share == (49.0, 49.0)


def test_control_alone_does_not_block_under_ofac() -> None:
    # FAQ 398: an entity controlled (not 50% owned) by a blocked person is not blocked by
    # operation of the 50% rule.
    facts = Facts([Holding("A", "X", None, kind="control")], [listed("A")])
    assert status(facts, "ofac50", "X") == "clear"


def test_non_blocking_list_does_not_count() -> None:
    # An Entity List or CMIC entry is not an SDN blocking.
    facts = Facts([own("A", "X", "100")], [listed("A", EL)])
    assert status(facts, "ofac50", "X") == "clear"


def test_cycle_terminates_and_is_captured() -> None:
    # X and Y own 60% of each other; A (blocked) owns 50% of X. X is blocked, then Y.
    facts = Facts(
        [own("A", "X", "50"), own("X", "Y", "60"), own("Y", "X", "40"), own("Y", "Z", "10")],
        [listed("A")],
    )
    assert status(facts, "ofac50", "Y") == "definite"
    assert status(facts, "ofac50", "Z") == "clear"


def test_cycle_without_listed_owner_stays_clear() -> None:
    facts = Facts([own("X", "Y", "100"), own("Y", "X", "100")], [listed("A")])
    assert status(facts, "ofac50", "X") == "clear"


def test_ranges_give_definite_possible_indeterminate() -> None:
    facts = Facts(
        [
            own("A", "X", "50-75"),  # lower bound meets 50%: definite
            own("A", "Y", "25-50"),  # only the upper bound does: possible
            own("A", "Z", None),  # share unknown: indeterminate
            own("A", "W", "<25"),  # cannot reach: clear
            own("A", "V", ">50"),
        ],
        [listed("A")],
    )
    assert status(facts, "ofac50", "X") == "definite"
    assert status(facts, "ofac50", "Y") == "possible"
    assert status(facts, "ofac50", "Z") == "indeterminate"
    assert status(facts, "ofac50", "W") == "clear"
    assert status(facts, "ofac50", "V") == "definite"


def test_possible_propagates_down_the_chain() -> None:
    facts = Facts([own("A", "X", "25-50"), own("X", "Y", "100")], [listed("A")])
    result = evaluate(facts, load_rules(["ofac50"])[0], TODAY, ["Y"])["Y"]
    assert result.status == "possible"
    assert [s["to"] for s in result.path] == ["X", "A"]


def test_disagreeing_reports_form_a_range_not_a_sum() -> None:
    # Zala-style: sources report 48%, 50% and 51% for the same holding.
    facts = Facts([own("A", "X", "48"), own("A", "X", "50"), own("A", "X", "51")], [listed("A")])
    result = evaluate(facts, load_rules(["ofac50"])[0], TODAY, ["X"])["X"]
    assert result.status == "possible"
    assert result.share == (48.0, 51.0)


def test_dates_before_and_after_listing_and_holding() -> None:
    facts = Facts(
        [own("A", "X", "60", start=date(2020, 1, 1), end=date(2024, 6, 30))],
        [listed("A", start=date(2022, 3, 1))],
    )
    assert status(facts, "ofac50", "X", date(2021, 1, 1)) == "clear"  # A not yet listed
    assert status(facts, "ofac50", "X", date(2023, 1, 1)) == "definite"
    assert status(facts, "ofac50", "X", date(2024, 7, 1)) == "clear"  # holding ended


def test_delisting_ends_capture() -> None:
    facts = Facts(
        [own("A", "X", "60")], [listed("A", start=date(2020, 1, 1), end=date(2023, 1, 1))]
    )
    assert status(facts, "ofac50", "X", date(2022, 1, 1)) == "definite"
    assert status(facts, "ofac50", "X", date(2024, 1, 1)) == "clear"


def test_listed_entity_reports_listed() -> None:
    facts = Facts([own("A", "X", "60")], [listed("A")])
    assert status(facts, "ofac50", "A") == "listed"


def test_undated_entry_takes_the_date_of_a_dated_one() -> None:
    # An aggregator repeats the designation without a date: it must not back-date the listing.
    facts = Facts(
        [own("A", "X", "60")],
        [listed("A", start=date(2023, 11, 2)), listed("A")],
    )
    assert status(facts, "ofac50", "X", date(2023, 6, 1)) == "clear"
    assert status(facts, "ofac50", "X", date(2023, 12, 1)) == "definite"
    only_undated = Facts([own("A", "X", "60")], [listed("A")])
    assert status(only_undated, "ofac50", "X", date(2010, 1, 1)) == "definite"
