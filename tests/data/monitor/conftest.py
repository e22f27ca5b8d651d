"""The monitoring tests' stores: a private copy of the ``us_china_store`` (tests/conftest.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


@pytest.fixture()
def us_china_copy(us_china_store: Path, tmp_path: Path) -> Path:
    """A private copy (alert runs write the store's alert state)."""
    root = tmp_path / "store"
    shutil.copytree(us_china_store, root)
    return root
