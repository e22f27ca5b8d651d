"""Executors: a local process pool and a two-worker Dask cluster give exactly what one
process gives, in input order, down to the store's Arrow rows."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tension.data.executor import (
    DaskExecutor,
    LocalExecutor,
    SerialExecutor,
    analysis_tables,
    chunked,
    make_executor,
    score_documents,
)
from tension.data.ingest.documents import Document
from tension.scoring.batch import analyze_batch
from tests.conftest import demo_documents

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def _docs(n: int = 40) -> list[Document]:
    return demo_documents(n)


@pytest.fixture(scope="module")
def docs() -> list[Document]:
    return _docs()


@pytest.fixture(scope="module")
def serial(docs: list[Document]) -> list:
    with SerialExecutor() as ex:
        return list(score_documents(ex, docs, batch_size=7))


def _square(batch: list[int]) -> list[int]:
    return [x * x for x in batch]


def test_chunked() -> None:
    assert list(chunked(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(chunked([], 3)) == []


def test_serial_is_analyze_batch(docs: list[Document], serial: list) -> None:
    records = [{"text": d.text, "title": d.title, "published": d.published} for d in docs]
    assert [a for _, a in serial] == analyze_batch(records)
    assert [d for d, _ in serial] == docs


def test_make_executor_picks_by_options() -> None:
    with make_executor(1) as ex:
        assert isinstance(ex, SerialExecutor)
    with make_executor(2) as ex:
        assert isinstance(ex, LocalExecutor)
        assert ex.workers == 2


def test_a_single_task_runs_here_without_starting_a_pool() -> None:
    with LocalExecutor(2) as ex:
        assert list(ex.map_batches(_square, [[1, 2, 3]])) == [[1, 4, 9]]
        assert list(ex.map_batches(_square, [])) == []
        assert ex._pool is None
        assert list(ex.map_batches(_square, [[1], [2]])) == [[1], [4]]
        assert ex._pool is not None  # two tasks or more go to the workers


def test_local_pool_keeps_order_over_many_batches() -> None:
    with LocalExecutor(2) as ex:
        out = list(ex.map_batches(_square, chunked(range(1000), 9)))
    assert [x for b in out for x in b] == [x * x for x in range(1000)]


def test_local_pool_gives_identical_analyses_and_rows(docs: list[Document], serial: list) -> None:
    with LocalExecutor(2) as ex:
        pooled = list(score_documents(ex, docs, batch_size=7))
    assert pooled == serial
    expected = analysis_tables(serial, now=NOW)
    got = analysis_tables(pooled, now=NOW)
    for name in ("articles", "statements"):
        assert got[name].equals(expected[name]), name
    assert expected["statements"].num_rows > len(docs)


def test_dask_cluster_gives_identical_analyses_and_rows(docs: list[Document], serial: list) -> None:
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            host="127.0.0.1",
        ) as cluster,
        DaskExecutor(cluster.scheduler_address) as ex,
    ):
        assert ex.workers == 2
        clustered = list(score_documents(ex, docs, batch_size=7))
        assert list(ex.map_batches(_square, chunked(range(50), 4))) == list(
            map(_square, chunked(range(50), 4))
        )
    assert clustered == serial
    expected = analysis_tables(serial, now=NOW)
    got = analysis_tables(clustered, now=NOW)
    for name in ("articles", "statements"):
        assert got[name].equals(expected[name]), name
