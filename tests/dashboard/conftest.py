"""Fixtures of the dashboard tests: small stores, an AppTest opener, and (for the browser
tests) one real ``streamlit run`` server per session on the demo corpus."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tension.data.store import StoreWriter
from tests.helpers import APP, REPO, browser_available, evil_batch, free_port, streamlit_server


@pytest.fixture(scope="session")
def synthetic_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About 4,000 synthetic statements over 3 pairs and 2 years, plus one hostile statement
    (ARM→AZE) and one quarantined input. Read-only."""
    from bench.dashboard_bench import generate_store

    root = tmp_path_factory.mktemp("synthetic-store")
    generate_store(root, 4000, n_pairs=6, years=2, batches=2, seed=3)
    with StoreWriter(root) as writer:
        writer.publish(evil_batch())
    return root


@pytest.fixture()
def empty_store(tmp_path: Path) -> Path:
    return tmp_path / "empty-store"


def clear_caches() -> None:
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture()
def open_page(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., Any]]:
    """``open_page(store, "timeline", pair="AZE-IRN")``: an AppTest of the router on that page
    with those query parameters, already run once. Caches are cleared before and after."""
    from streamlit.testing.v1 import AppTest

    def _open(store: Path, page: str, /, **params: str) -> Any:
        monkeypatch.setenv("TENSION_DB", str(store))
        clear_caches()
        at = AppTest.from_file(str(APP), default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        at.switch_page(f"views/{page}.py")
        at.run()
        return at

    clear_caches()
    yield _open
    clear_caches()


# ---------------------------------------------------------------------------------------------
# Browser tests: one server per session


def _browser_store(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Path:
    """A private copy of the demo store (uploads must not touch the shared one)."""
    demo: Path = request.getfixturevalue("demo_store")
    root = tmp_path_factory.mktemp("browser-store")
    shutil.copytree(demo, root, dirs_exist_ok=True)
    return root


@pytest.fixture(scope="session")
def server(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[dict[str, Any]]:
    """``streamlit run dashboard/app.py`` on a free loopback port over a copy of the demo
    store; yields ``{"url", "store", "log"}``; stopped in ``finally``."""
    browser_available()
    from tension.commands.dashboard import streamlit_args

    store = _browser_store(tmp_path_factory, request)
    port = free_port()
    log_path = tmp_path_factory.mktemp("server") / "streamlit.log"
    args = streamlit_args("127.0.0.1", port)
    env = dict(os.environ, TENSION_DB=str(store), PYTHONPATH=str(REPO))
    env.pop("TENSION_LEXICON", None)
    cmd = [sys.executable, *args[1:]]
    with streamlit_server(cmd, port=port, log=log_path, cwd=REPO, env=env) as url:
        yield {"url": url, "store": store, "log": log_path}


@pytest.fixture(scope="session")
def browser(chromium: Any, server: dict[str, Any]) -> Any:
    """The session's Chromium, once the dashboard server is up."""
    return chromium


@pytest.fixture()
def page(browser: Any, server: dict[str, Any]) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    try:
        yield pg
    except Exception:
        raise
    finally:
        context.close()
