"""The dashboard under damaged data: one bad batch is left out and named, every page still
shows the rest (issue 13, item 6); an article dated 9999-12-31 no longer breaks the pair
timeline (item 7)."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tension.data.ingest import ingest_documents
from tests.helpers import demo_documents

PAGES = ("overview", "timeline", "compare", "statements", "add_data", "lexicon")


def _ok(at: Any) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


@pytest.fixture(scope="module")
def damaged_store(demo_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the demo store with one batch's statements file cut in half."""
    root = tmp_path_factory.mktemp("damaged") / "store"
    shutil.copytree(demo_store, root)
    bid = json.loads((root / "manifest.json").read_text(encoding="utf-8"))["batches"][0]
    path = root / "batches" / bid / "statements.parquet"
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    return root


@pytest.mark.parametrize("page", PAGES)
def test_every_page_serves_the_rest_and_names_the_damaged_batch(
    open_page: Any, damaged_store: Path, page: str
) -> None:
    at = open_page(damaged_store, page)
    _ok(at)
    warnings = [w.value for w in at.sidebar.warning]
    assert any("damaged batch" in w and "tension check" in w for w in warnings), warnings


def test_the_timeline_opens_on_a_store_with_far_future_dates(
    open_page: Any, tmp_path: Path
) -> None:
    docs = demo_documents(40)
    docs[:20] = [replace(d, published=date(9999, 12, 31)) for d in docs[:20]]
    store = tmp_path / "store"
    ingest_documents(store, docs)
    for page, params in (("timeline", {}), ("overview", {"window": "all"})):
        at = open_page(store, page, **params)
        _ok(at)
