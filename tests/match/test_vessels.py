"""Ship prefixes: the vessel's type before its name on shipping papers."""

from __future__ import annotations

import pytest

from pierce.match.vessels import without_prefix


@pytest.mark.parametrize(("name", "rest", "prefix"), [
    ("MV ARTAVIL", "ARTAVIL", "MV"), ("M/V ARTAVIL", "ARTAVIL", "M/V"),
    ("m.t. adrian darya 1", "adrian darya 1", "m.t."), ("MV", "MV", ""),  # nothing after it
    ("SV KONSTANTIN", "SV KONSTANTIN", ""),  # SV is part of that listed name
    ("", "", ""),
])
def test_ship_prefixes(name: str, rest: str, prefix: str) -> None:
    assert without_prefix(name) == (rest, prefix)
