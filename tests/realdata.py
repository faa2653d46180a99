"""Where the real data lives: $PIERCE_TEST_DATA (default ../shared/data beside the checkout).

A module of its own (not conftest.py) so every test folder can import it by one unambiguous name.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

DATA = Path(
    os.environ.get("PIERCE_TEST_DATA", Path(__file__).parents[1] / ".." / "shared" / "data")
)


def data_file(relative: str) -> Path:
    """Path of a real data file, or skip the test with the reason when it is absent."""
    path = DATA / relative
    if not path.exists():
        pytest.skip(f"real data file {relative} not found under {DATA} (set PIERCE_TEST_DATA)")
    return path
