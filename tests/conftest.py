"""Fixtures shared by every test package: heavy objects are built once per session."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from tension.data.ingest import Document

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


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


def demo_documents(n: int | None = None) -> list[Document]:
    """The first ``n`` demo articles (all when None) as ingest documents, in date order."""
    from itertools import islice

    from tension.data.demo import iter_demo_articles
    from tension.data.ingest import Document, documents_from_records

    records = ((f"demo:{r['id']}", r) for r in islice(iter_demo_articles(), n))
    docs = [d for d in documents_from_records(records) if isinstance(d, Document)]
    assert n is None or len(docs) == n
    return docs


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A store holding the whole demo corpus, ingested once per test session (read-only)."""
    from tension.data.ingest import ingest_documents

    root = tmp_path_factory.mktemp("demo-store")
    report = ingest_documents(root, demo_documents())
    assert report.new > 300, report
    yield root


def shared_path(*parts: str) -> Path:
    """A file under ../shared, or skip the test when the folder is not beside the repo."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing, and CI must have ../shared")
        pytest.skip(f"{path} not found: ../shared is not beside this checkout")
    return path


def free_port() -> int:
    """A free TCP port on the loopback address."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def browser_available() -> None:
    """Skip (or, under CI=true, fail) when Chromium or Playwright is missing."""
    ci = os.environ.get("CI") == "true"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        if ci:
            pytest.fail("CI=true but the playwright package is not installed")
        pytest.skip("the playwright package is not installed")
    if not CHROMIUM.exists():
        if ci:
            pytest.fail(f"CI=true but {CHROMIUM} is missing: browser tests must run in CI")
        pytest.skip(f"{CHROMIUM} not found: browser tests need a system Chromium")


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
