"""`middle_dropped`: one name is the other with one inner word left out (a middle name)."""

from __future__ import annotations

import pytest

from pierce.match.scorer import score_names
from pierce.match.weights import default_model


@pytest.mark.parametrize(
    ("short", "full"),
    [("Stephen Smith", "Stephen Edward Smith"),
     ("GAVIDIA FLORES, Alexander", "GAVIDIA FLORES, Yoswal Alexander"),
     ("Naji Abi Khalil", "Naji Antoine Abi Khalil")],
)
def test_an_inner_word_left_out_is_seen(short: str, full: str) -> None:
    assert score_names(short, full, "Person").features["middle_dropped"] == 1.0
    assert score_names(full, short, "Person").features["middle_dropped"] == 1.0


@pytest.mark.parametrize(
    ("short", "full"),
    [("Stephen Edward", "Stephen Edward Smith"),  # the surname is missing
     ("Edward Smith", "Stephen Edward Smith"),  # the first name is missing
     ("Stephen Smart", "Stephen Edward Smith"),  # ... and the rest must agree (well)
     ("Stephen Jones", "Stephen Edward Smith"),
     ("Smith", "Stephen Smith")],  # a one-word name is no name with a middle left out
)
def test_other_differences_are_not_a_dropped_middle_name(short: str, full: str) -> None:
    assert score_names(short, full, "Person").features["middle_dropped"] == 0.0


def test_a_person_named_without_one_given_name_is_a_hit_and_by_one_name_alone_is_not() -> None:
    """A middle name left out, or the first (people go by their middle name), is a hit for
    review, and a middle name left out weighs more; one name alone identifies nobody."""
    threshold = default_model().threshold
    middle = score_names("Stephen Smith", "Stephen Edward Smith", "Person").score
    assert middle >= threshold
    assert score_names("GAVIDIA FLORES, Alexander", "GAVIDIA FLORES, Yoswal Alexander",
                       "Person").score >= threshold
    assert threshold <= score_names("Edward Smith", "Stephen Edward Smith", "Person").score < middle
    assert score_names("Smith", "Stephen Edward Smith", "Person").score < 0.1
    assert score_names("Stephen", "SMITH, Stephen Edward", "Person").score < 0.1
