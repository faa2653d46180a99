from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pierce.model.shares import EPSILON, Share, merge_shares, parse_share


def test_published_forms() -> None:
    assert parse_share("25") == Share(25, 25)
    assert parse_share("25%") == Share(25, 25)
    assert parse_share(" 25,5 % ") == Share(25.5, 25.5)
    assert parse_share("25-50") == Share(25, 50)
    assert parse_share("25–50 %") == Share(25, 50)
    assert parse_share("50 to 25") == Share(25, 50)
    assert parse_share(">50") == Share(50 + EPSILON, 100)
    assert parse_share("50+") == Share(50 + EPSILON, 100)
    assert parse_share("at least 50") == Share(50, 100)
    assert parse_share("less than 25") == Share(0, 25 - EPSILON)
    for unknown in (None, "", "unknown", "n/a", "a lot", "150-200"):
        assert parse_share(unknown) is None


def test_merge_is_hull_not_sum() -> None:
    assert merge_shares([Share(48, 48), Share(51, 51), None]) == Share(48, 51)
    assert merge_shares([None, None]) is None


@given(st.floats(0, 100, allow_nan=False), st.floats(0, 100, allow_nan=False))
def test_any_range_round_trips(a: float, b: float) -> None:
    lo, hi = sorted((round(a, 2), round(b, 2)))
    share = parse_share(f"{lo}-{hi}")
    assert share is not None and share.lo == lo and share.hi == hi


@given(st.text(max_size=20))
def test_never_raises(text: str) -> None:
    share = parse_share(text)
    assert share is None or 0 <= share.lo <= share.hi <= 100
