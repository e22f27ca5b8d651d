"""Executors: generic maps of a batch function, in input order, here, on a local process pool
and on a two-worker Dask cluster; each worker process runs its set-up step once.

That scoring on each executor stores exactly what scoring here stores is checked end to end
in ``test_ingest_executors.py``."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import distributed
import pytest

from tension.data.executor import (
    DaskExecutor,
    LocalExecutor,
    SerialExecutor,
    chunked,
    make_executor,
    map_groups,
)

_SETUPS = 0  # how often this process ran _setup


def _setup() -> None:
    global _SETUPS
    _SETUPS += 1


def _square(batch: list[int]) -> list[int]:
    return [x * x for x in batch]


def _where(batch: list[int]) -> list[tuple[int, int, int]]:
    """Each item with the process that ran it and how often that process was set up."""
    return [(x, os.getpid(), _SETUPS) for x in batch]


def test_chunked() -> None:
    assert list(chunked(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(chunked([], 3)) == []


def test_make_executor_picks_by_options() -> None:
    with make_executor(1) as ex:
        assert isinstance(ex, SerialExecutor)
    with make_executor(2) as ex:
        assert isinstance(ex, LocalExecutor)
        assert ex.workers == 2
    with make_executor(0) as ex:
        assert ex.workers == (os.cpu_count() or 1)


def test_a_single_task_runs_here_without_starting_a_pool() -> None:
    with LocalExecutor(2, setup=_setup) as ex:
        assert list(ex.map_batches(_square, [[1, 2, 3]])) == [[1, 4, 9]]
        assert list(ex.map_batches(_square, [])) == []
        assert ex._pool is None
        assert list(ex.map_batches(_square, [[1], [2]])) == [[1], [4]]
        assert ex._pool is not None  # two tasks or more go to the workers


def test_local_pool_keeps_order_and_sets_each_worker_up_once() -> None:
    with LocalExecutor(2, setup=_setup) as ex:
        out = [row for part in ex.map_batches(_where, chunked(range(300), 7)) for row in part]
    assert [x for x, _, _ in out] == list(range(300))
    pids = {pid for _, pid, _ in out}
    assert os.getpid() not in pids and 1 <= len(pids) <= 2
    assert {n for _, _, n in out} == {1}


def _groups(sizes: list[int]) -> Iterator[tuple[str, list[int]]]:
    start = 0
    for i, size in enumerate(sizes):
        yield f"g{i}", list(range(start, start + size))
        start += size


@pytest.mark.parametrize("sizes", [[0], [5, 0, 12, 1], [30, 30], [1] * 9])
def test_map_groups_reassembles_each_group_in_order(sizes: list[int]) -> None:
    expected = [(g, [x * x for x in items]) for g, items in _groups(sizes)]
    with SerialExecutor() as here:
        serial = [(g, parts) for g, parts in map_groups(here, _groups(sizes), _square)]
    # here: one task per group
    assert [(g, parts[0]) for g, parts in serial] == expected
    assert all(len(parts) == 1 for _, parts in serial)
    with LocalExecutor(2) as pool:
        pooled = list(map_groups(pool, _groups(sizes), _square, chunk=4))
    # elsewhere: tasks of at most 4 items, reassembled per group
    assert [(g, [y for part in parts for y in part]) for g, parts in pooled] == expected
    for (_, parts), size in zip(pooled, sizes, strict=True):
        assert len(parts) == max(1, -(-size // 4))


@pytest.mark.timeout(180)
def test_dask_cluster_keeps_order_and_sets_each_worker_up_once() -> None:
    cluster: Any
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            host="127.0.0.1",
        ) as cluster,
        DaskExecutor(cluster.scheduler_address, setup=_setup) as ex,
    ):
        assert ex.workers == 2
        out = [row for part in ex.map_batches(_where, chunked(range(200), 4)) for row in part]
        groups = list(map_groups(ex, _groups([3, 0, 9]), _square, chunk=2))
    assert [x for x, _, _ in out] == list(range(200))
    assert os.getpid() not in {pid for _, pid, _ in out}
    assert {n for _, _, n in out} == {1}
    assert [(g, [y for p in parts for y in p]) for g, parts in groups] == [
        (g, _square(items)) for g, items in _groups([3, 0, 9])
    ]
