"""Shared fixtures. Real data comes from $PIERCE_TEST_DATA through tests/realdata.py."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "pierce.duckdb"
