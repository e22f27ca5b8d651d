"""Every page on a store filled by the benchmark's generator (the shape the performance
targets are measured on): 20,000 statements over 200 directed pairs and 10 years. No
exception, no error box, and the charts each page should draw are there with data."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tension.dashboard import analysis
from tension.data.store import StoreReader
from tension.data.store import queries as q
from tests.helpers import decode, figures, trace_names

N = 20_000


@pytest.fixture(scope="module")
def bench_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from bench.dashboard_bench import generate_store

    root = tmp_path_factory.mktemp("bench-store")
    generate_store(root, N)  # the benchmark's defaults: 200 directed pairs, 10 years
    return root


def _ok(at: Any) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def _busiest(store: Path) -> tuple[str, str]:
    from tension.data.store import StoreReader
    from tension.data.store.queries import pair_counts

    reader = StoreReader(store)
    try:
        a, b = str(pair_counts(reader)["pair"].iloc[0]).split("-")
    finally:
        reader.close()
    return a, b


def test_overview_on_a_generated_store(open_page: Any, bench_store: Path) -> None:
    at = open_page(bench_store, "overview")
    _ok(at)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Statements"] == f"{N:,}"
    kinds = [f["data"][0]["type"] for f in figures(at) if f["data"]]
    assert "heatmap" in kinds
    heat = next(f for f in figures(at) if f["data"] and f["data"][0]["type"] == "heatmap")
    assert len(heat["data"][0]["x"]) >= 10  # many countries speak in 90 days
    reader = StoreReader(bench_store)
    last = q.summary(reader).last_date
    assert last is not None
    start = last - timedelta(days=89)
    rises = analysis.ranked_rises(q.pair_changes(reader, start, last), min_n=5)
    reader.close()
    if rises.empty:
        assert "No pair rose beyond chance" in json.dumps(figures(at))
    else:
        assert "rise" in trace_names(at)
    for window in ("30", "365", "all"):
        at = open_page(bench_store, "overview", window=window)
        _ok(at)
        assert figures(at), window


def test_timeline_on_a_generated_store(open_page: Any, bench_store: Path) -> None:
    a, b = _busiest(bench_store)
    for bucket in ("day", "week", "month"):
        at = open_page(bench_store, "timeline", pair=f"{a}-{b}", bucket=bucket)
        _ok(at)
        names = trace_names(at)
        for expected in (f"{a}→{b}", f"{b}→{a}", f"articles {a}–{b}", f"{a}→{b} statements"):
            assert expected in names, (bucket, names)
        fig = figures(at)[0]
        direct = next(t for t in fig["data"] if t["name"] == f"{a}→{b}")
        assert len(decode(direct["y"])) > 10, bucket
        assert at.dataframe, bucket  # the statements behind the default point


def test_compare_on_a_generated_store(open_page: Any, bench_store: Path) -> None:
    a, b = _busiest(bench_store)
    at = open_page(bench_store, "compare", pair=f"{a}-{b}")
    _ok(at)
    names = trace_names(at)
    assert f"{a}→{b} minus {b}→{a}" in names, names
    assert f"escalation terms {a}→{b}" in names and f"escalation terms {b}→{a}" in names, names
    assert len(at.get("html")) == 40  # 20 statements a side


def test_statements_on_a_generated_store(open_page: Any, bench_store: Path) -> None:
    at = open_page(bench_store, "statements", q="sanctions", min="30")
    _ok(at)
    frame = at.dataframe[0].value
    assert len(frame) > 0 and frame["text"].str.contains("sanctions").all()
    assert (frame["intensity"] >= 30).all()
    from tension.data.store import StoreReader
    from tension.data.store.queries import StatementFilter, statements

    reader = StoreReader(bench_store)
    try:
        row = statements(reader, StatementFilter(text="sanctions"), limit=1).iloc[0]
    finally:
        reader.close()
    at = open_page(bench_store, "statements", aid=str(row["article_id"]), idx=str(row["idx"]))
    _ok(at)
    water = [f for f in figures(at) if f["data"] and f["data"][0]["type"] == "waterfall"]
    assert water and "sanctions (coercion)" in water[0]["data"][0]["x"]
    steps = decode(water[0]["data"][0]["y"])[:-2]
    assert abs(sum(steps) - float(row["intensity"])) < 0.01


def test_add_data_and_lexicon_on_a_generated_store(open_page: Any, bench_store: Path) -> None:
    at = open_page(bench_store, "add_data")
    _ok(at)
    at = open_page(bench_store, "lexicon")
    _ok(at)
    assert figures(at)  # the live explanation and the categories chart
