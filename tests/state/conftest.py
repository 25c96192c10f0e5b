"""The state tests' fixture: a fresh state store inside a temporary archive."""

from __future__ import annotations

from pathlib import Path

import pytest

from newscrawl.state.store import StateStore


@pytest.fixture
def store(tmp_path: Path):
    """Yield an open state store of an empty archive in ``tmp_path``."""
    with StateStore.for_archive(tmp_path) as opened:
        yield opened
