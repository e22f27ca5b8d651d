"""Session-scoped fixtures of the scoring tests: heavy objects are built once."""

from __future__ import annotations

from pathlib import Path

import pytest

from tension.scoring.intensity import Scorer, default_scorer
from tests.helpers import shared_path


@pytest.fixture(scope="session")
def scorer() -> Scorer:
    """The shipped scorer (process-wide default)."""
    return default_scorer()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The read-only ``../shared`` folder; tests needing it skip when it is missing (and fail
    under CI, which has it)."""
    return shared_path()
