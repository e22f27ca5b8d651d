"""A small store of the United States and China: 16 calm weeks, then 3 hostile weeks of the
United States about China (China stays calm; 3 statements a week, 5 when hostile), built
once with the ingest."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.helpers import us_china_document

FIRST = date(2024, 1, 1)  # a Monday
CALM_WEEKS = 16
HOSTILE_WEEKS = 3
LAST = FIRST + timedelta(weeks=CALM_WEEKS + HOSTILE_WEEKS) - timedelta(days=1)
HOSTILE_FROM = FIRST + timedelta(weeks=CALM_WEEKS)


@pytest.fixture(scope="session")
def us_china_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tension.data.ingest import ingest_documents

    docs = []
    i = 0
    for week in range(CALM_WEEKS + HOSTILE_WEEKS):
        monday = FIRST + timedelta(weeks=week)
        hostile = week >= CALM_WEEKS
        for k in range(5 if hostile else 3):  # a hostile week: four hostile, one calm
            day = monday + timedelta(days=k)
            docs.append(us_china_document(i, day, hostile=hostile and k < 4))
            i += 1
        for k in range(2):
            docs.append(
                us_china_document(i, monday + timedelta(days=k), hostile=False, speaker="CHN")
            )
            i += 1
    root = tmp_path_factory.mktemp("us-china")
    report = ingest_documents(root, docs)
    assert report.new == len(docs), report
    return root


@pytest.fixture()
def us_china_copy(us_china_store: Path, tmp_path: Path) -> Path:
    """A private copy (alert runs write the store's alert state)."""
    root = tmp_path / "store"
    shutil.copytree(us_china_store, root)
    return root
