"""Names inside a name (aka, formerly, t/a, d/b/a)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pierce.names.aliases import split_aliases


@pytest.mark.parametrize(("name", "parts"), [
    ("Hoda Shipping aka Honar", ("Hoda Shipping", "Honar")),
    ("Langchao Group (formerly Inspur Group)", ("Langchao Group", "Inspur Group")),
    ("ACME LTD T/A ACME TRADING", ("ACME LTD", "ACME TRADING")),
    ("Far East Trading Company, Inc. (a.k.a. FETCO, Inc.)",  # as the CSL writes it
     ("Far East Trading Company, Inc", "FETCO, Inc")),
    ("X a/k/a Y f.k.a. Z", ("X", "Y", "Z")),
    ("Smith Doing Business As Jones", ("Smith", "Jones")),
])
def test_a_name_holding_others_is_split(name: str, parts: tuple[str, ...]) -> None:
    assert split_aliases(name) == parts


@pytest.mark.parametrize("name", [
    "DBA Consulting", "Formerly Yours Ltd", "Ltd t/a",  # a part would be empty
    "TAKA Corp", "Dbalix", "Akademika A.A. Raspletina",  # no marker as a whole word
    "THE NKA SMART 2024 DISCRETIONARY TRUST",  # bare NKA is a word (GLEIF)
    "", "x" * 20_000,
])
def test_other_names_are_not(name: str) -> None:
    assert split_aliases(name) == ()


@given(st.text(max_size=200))
def test_parts_are_nonempty_and_never_the_whole(name: str) -> None:
    parts = split_aliases(name)
    assert all(parts) and name not in parts
    assert len(parts) != 1
