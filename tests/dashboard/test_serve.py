"""The server entry (:mod:`tension.dashboard.serve`): which modules it preloads before the first
visitor, that a broken import never stops the server, and that every way of starting the
dashboard goes through it."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest

from tension.commands.dashboard import streamlit_args
from tension.dashboard import serve


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import pandas as pd\n", ["pandas"]),
        ("import os.path, json\n", ["os.path", "json"]),
        (
            "from tension.dashboard import names, store\n",
            ["tension.dashboard", "tension.dashboard.names", "tension.dashboard.store"],
        ),
        ("from __future__ import annotations\nimport re\n", ["re"]),
        ("from . import sibling\nfrom .x import y\n", []),  # relative: not the pages' style
        ("def f():\n    import secrets\n", []),  # only what runs at the top of the page
        ("import re\nimport re\nfrom re import sub\n", ["re", "re.sub"]),  # each once
        ("x = 1\n", []),
    ],
)
def test_page_imports(tmp_path: Path, source: str, expected: list[str]) -> None:
    script = tmp_path / "page.py"
    script.write_text(source, encoding="utf-8")
    assert serve.page_imports(script) == expected


def test_the_real_pages_imports_are_found() -> None:
    views = sorted((serve.HERE / "views").glob("*.py"))
    names = serve.page_imports(serve.HERE / "app.py", *views)
    for module in ("pandas", "streamlit", "tension.dashboard.figures", "tension.data.store"):
        assert module in names


def test_preload_imports_modules_and_skips_names_that_are_not_modules(tmp_path: Path) -> None:
    script = tmp_path / "page.py"
    script.write_text(
        "import json\nfrom tension.dashboard.figures import arrow, matrix_figure\n"
        "from tension.dashboard import names\n",
        encoding="utf-8",
    )
    done = serve.preload([script])
    assert "json" in done and "tension.dashboard.figures" in done
    assert "tension.dashboard.names" in done and "tension.dashboard.names" in sys.modules
    assert "tension.dashboard.figures.arrow" not in done  # a function, not a module
    assert "tension.dashboard.figures.matrix_figure" not in done
    assert "plotly.graph_objects" in done  # the server's own list comes too


def test_a_broken_import_is_logged_and_the_rest_preloaded(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    broken = tmp_path / "broken_page_dependency.py"
    broken.write_text("raise RuntimeError('this dependency is broken')\n", encoding="utf-8")
    script = tmp_path / "page.py"
    script.write_text(
        "import broken_page_dependency\nimport no_such_module_for_tension_tests\nimport csv\n",
        encoding="utf-8",
    )
    sys.path.insert(0, str(tmp_path))
    try:
        with caplog.at_level(logging.WARNING, logger="tension.dashboard"):
            done = serve.preload([script])
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop("broken_page_dependency", None)
    assert "csv" in done
    assert "broken_page_dependency" not in done
    assert "no_such_module_for_tension_tests" not in done
    logged = caplog.text
    assert "broken_page_dependency" in logged and "this dependency is broken" in logged
    assert "no_such_module_for_tension_tests" in logged


def test_warm_store_on_a_missing_store_logs_and_returns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # a folder that is not a store: the reader refuses it; the server must start anyway
    foreign = tmp_path / "not-a-store"
    foreign.mkdir()
    (foreign / "something.txt").write_text("not ours", encoding="utf-8")
    monkeypatch.setenv("TENSION_DB", str(foreign))
    import streamlit as st

    st.cache_resource.clear()
    try:
        with caplog.at_level(logging.WARNING, logger="tension.dashboard"):
            serve.warm_store()  # must not raise
        assert "warming the store failed" in caplog.text
    finally:
        st.cache_resource.clear()


def test_warm_store_builds_the_shared_aggregates(
    synthetic_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TENSION_DB", str(synthetic_store))
    import streamlit as st

    from tension.dashboard import store

    st.cache_resource.clear()
    try:
        serve.warm_store()
        reader = store.reader()
        built = {name for name, _ in reader.rows("SELECT table_name, 1 FROM duckdb_tables()")}
        assert {"_summary", "_daily_directed", "_pair_counts"} <= built
    finally:
        st.cache_resource.clear()


def test_every_start_of_the_dashboard_goes_through_serve() -> None:
    args = streamlit_args("127.0.0.1", 8599)
    assert args[1:4] == ["-m", "tension.dashboard.serve", "run"]
    assert args[-2:] == ["--server.address=127.0.0.1", "--server.port=8599"]
