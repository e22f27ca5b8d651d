"""Fixtures of the dashboard tests: small stores, an AppTest opener, and (for the browser
tests) one real ``streamlit run`` server per session on the demo corpus."""

from __future__ import annotations

import base64
import json
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pytest

from tension.data.model import ARTICLE_SCHEMA, QUARANTINE_SCHEMA, STATEMENT_SCHEMA
from tension.data.store import StoreWriter
from tests.helpers import browser_available, free_port, streamlit_server

REPO = Path(__file__).resolve().parents[2]
APP = REPO / "dashboard" / "app.py"
ARTIFACTS = REPO / "test-artifacts"

EVIL = (
    'Minister said: <script>alert("x")</script> <img src=x onerror="alert(1)"> '
    "[click here](http://evil.example/) and **bold** we warned them."
)
EVIL_PAIR = ("ARM", "AZE")


def _evil_batch() -> dict[str, pa.Table]:
    """One article whose statement is hostile text, between ARM and AZE, plus a quarantined
    input whose name is hostile too."""
    start = EVIL.index("warned")
    span = {"start": start, "end": start + len("warned")}
    terms = [{"term": "warned", "category": "threat", "weight": 18.0, **span}]
    contributions = [
        {"source": "sentiment", "category": "sentiment", "points": 7.0, "start": -1, "end": -1},
        {"source": "warned", "category": "threat", "points": 18.0, **span},
    ]
    day = date(2016, 6, 1)
    article = {
        "article_id": "evil1",
        "title": "<b>Hostile</b> title",
        "published": day,
        "text": EVIL,
        "source": "evil.txt",
        "pairs": ["ARM-AZE"],
        "countries": ["ARM", "AZE"],
        "intensity": 25.0,
        "terms": "[]",
        "contributions": "[]",
    }
    statement = {
        "article_id": "evil1",
        "idx": 0,
        "start": 0,
        "end": len(EVIL),
        "text": EVIL,
        "kind": "quote",
        "speaker": "<i>Speaker</i>",
        "speaker_country": "ARM",
        "target_countries": ["AZE"],
        "published": day,
        "intensity": 25.0,
        "raw": 25.0,
        "terms": json.dumps(terms),
        "contributions": json.dumps(contributions),
    }
    quarantine = {
        "source": "<img src=x onerror=alert(2)>.pdf",
        "reason": "unsupported file type '.pdf'",
        "seen_at": datetime(2024, 1, 1, tzinfo=UTC),
    }
    return {
        "articles": pa.Table.from_pylist([article], schema=ARTICLE_SCHEMA),
        "statements": pa.Table.from_pylist([statement], schema=STATEMENT_SCHEMA),
        "quarantine": pa.Table.from_pylist([quarantine], schema=QUARANTINE_SCHEMA),
    }


@pytest.fixture(scope="session")
def synthetic_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About 4,000 synthetic statements over 3 pairs and 2 years, plus one hostile statement
    (ARM→AZE) and one quarantined input. Read-only."""
    from bench.dashboard_bench import generate_store

    root = tmp_path_factory.mktemp("synthetic-store")
    generate_store(root, 4000, n_pairs=6, years=2, batches=2, seed=3)
    with StoreWriter(root) as writer:
        writer.publish(_evil_batch())
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


def decode(values: Any) -> list[Any]:
    """A Plotly JSON array: a plain list, or ``{"dtype", "bdata"}`` (base64 of a typed array)."""
    if isinstance(values, dict) and "bdata" in values:
        raw = base64.b64decode(values["bdata"])
        return np.frombuffer(raw, dtype=np.dtype(values["dtype"])).tolist()
    return list(values)


def figures(at: Any) -> list[dict[str, Any]]:
    """The figure JSON of every Plotly chart on the page."""
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def trace_names(at: Any) -> list[str]:
    return [str(t.get("name")) for fig in figures(at) for t in fig["data"]]


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
