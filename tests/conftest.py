"""Shared fixtures. Real data comes from $PIERCE_TEST_DATA through tests/realdata.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "pierce.duckdb"


# Property tests must not depend on machine speed (no deadline), and CI must not meet a new
# random example on each run: the same examples every time, found by `derandomize`.
settings.register_profile("pierce", deadline=None, derandomize=True, print_blob=True)
settings.load_profile("pierce")
