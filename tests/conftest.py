"""Shared fixtures: real data comes from $PIERCE_TEST_DATA (default ../shared/data)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

DATA = Path(os.environ.get("PIERCE_TEST_DATA", Path(__file__).parents[1] / ".." / "shared" / "data"))


def data_file(relative: str) -> Path:
    """Path of a real data file, or skip the test with the reason when it is absent."""
    path = DATA / relative
    if not path.exists():
        pytest.skip(f"real data file {relative} not found under {DATA} (set PIERCE_TEST_DATA)")
    return path


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "pierce.duckdb"
