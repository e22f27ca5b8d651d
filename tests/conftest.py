"""Fixtures shared by every test package: heavy objects are built once per session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import (
    CHROMIUM,
    CHROMIUM_ARGS,
    browser_available,
    demo_documents,
    us_china_documents,
)


@pytest.fixture(autouse=True)
def _isolated_store_env(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """No test may touch the user's real store: TENSION_DB points at a fresh folder. Commands
    score in process (no pool to start per command) unless a test asks for workers."""
    monkeypatch.setenv("TENSION_DB", str(tmp_path_factory.mktemp("default-store")))
    monkeypatch.delenv("TENSION_LEXICON", raising=False)
    monkeypatch.delenv("TENSION_OFFICIALS", raising=False)
    monkeypatch.setenv("TENSION_WORKERS", "1")
    monkeypatch.delenv("TENSION_SCHEDULER", raising=False)


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A store holding the whole demo corpus, ingested once per test session (read-only)."""
    from tension.data.ingest import ingest_documents

    root = tmp_path_factory.mktemp("demo-store")
    report = ingest_documents(root, demo_documents())
    assert report.new > 300, report
    yield root


@pytest.fixture(scope="session")
def us_china_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small store of the United States and China (:func:`us_china_documents`), ingested
    once per session (read-only: copy it to write alerts)."""
    from tension.data.ingest import ingest_documents

    docs = us_china_documents()
    root = tmp_path_factory.mktemp("us-china")
    report = ingest_documents(root, docs)
    assert report.new == len(docs), report
    return root


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """One headless Chromium per session (Playwright's sync API allows one driver at a time)."""
    browser_available()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
