"""Where batch work runs: in this process, on a local process pool, or on a Dask cluster.

An :class:`Executor` maps a function over batches and yields the results *in input order*,
whatever order the workers finish in. It knows nothing of what a batch holds: the caller
brings a module-level function (sent to other processes by reference, so it must be
importable there) with its arguments bound (``functools.partial``), and an optional
``setup`` callable that each worker process runs once before its first task (building a
scorer, say, so that the first batches are not slower than the rest).

- :class:`SerialExecutor`: one process, no set-up cost (small inputs, tests, the dashboard).
- :class:`LocalExecutor`: a ``ProcessPoolExecutor`` (started with the first task, its
  processes spawned). At most ``2 × workers`` batches are in flight, so memory stays flat
  however long the input is. A worker exits within a second when the process that started
  it dies (``kill -9`` included), instead of lingering with its memory.
- :class:`DaskExecutor`: a ``dask.distributed`` client on a running scheduler
  (``tcp://HOST:8786``). The function must be importable on the workers (install this
  package there); ``setup`` runs as a worker plugin, once per worker process.

:func:`make_executor` picks one from the CLI's ``--workers``/``--scheduler``.
:func:`map_groups` runs a batch function over groups of items (the ingest's and the rescore's
publish batches) in tasks that stream across group boundaries, so workers never wait for a
group to be published.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain, islice
from types import TracebackType
from typing import Any, Protocol, Self, TypeVar

__all__ = [
    "DEFAULT_CHUNK",
    "DaskExecutor",
    "Executor",
    "LocalExecutor",
    "SerialExecutor",
    "chunked",
    "make_executor",
    "map_groups",
]

G = TypeVar("G")
T = TypeVar("T")
R = TypeVar("R")

Setup = Callable[[], object]
"""Run once in each worker process before its first task (picklable)."""

DEFAULT_CHUNK = 64
"""Items per task on other processes: big enough to amortise a round trip, small enough to
balance the workers."""


class Executor(Protocol):
    """Maps a module-level function over batches, yielding results in input order."""

    workers: int

    def map_batches(self, fn: Callable[[T], R], batches: Iterable[T]) -> Iterator[R]: ...

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...


class _Closing:
    def close(self) -> None:
        return None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class SerialExecutor(_Closing):
    """Run every batch here, one after the other (no set-up step: the work builds what it
    needs on first use, as it would in a worker)."""

    workers = 1

    def map_batches(self, fn: Callable[[T], R], batches: Iterable[T]) -> Iterator[R]:
        for batch in batches:
            yield fn(batch)


def _ordered(
    submit: Callable[[T], Any], result: Callable[[Any], R], batches: Iterable[T], ahead: int
) -> Iterator[R]:
    """Submit at most ``ahead`` batches ahead of the one being waited for; yield in order."""
    pending: deque[Any] = deque()
    for batch in batches:
        pending.append(submit(batch))
        if len(pending) >= ahead:
            yield result(pending.popleft())
    while pending:
        yield result(pending.popleft())


PARENT_POLL = 0.5
"""Seconds between a worker's looks at whether the process that started it is alive."""


def exit_with_parent(parent: int) -> None:
    """In a child process: exit as soon as process ``parent`` is gone (the child is then
    adopted by another process), checked every :data:`PARENT_POLL` seconds by a daemon
    thread. A parent killed with ``kill -9`` runs no clean-up, so its children must notice
    by themselves."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _start_worker(parent: int, setup: Setup | None) -> None:
    exit_with_parent(parent)
    if setup is not None:
        setup()


class LocalExecutor(_Closing):
    """A pool of ``workers`` processes on this machine, each running ``setup`` once."""

    def __init__(self, workers: int | None = None, *, setup: Setup | None = None) -> None:
        self.workers = max(1, workers or os.cpu_count() or 1)
        self._setup = setup
        self._pool: ProcessPoolExecutor | None = None  # started by the first task

    def _submit(self, fn: Callable[[T], R], batch: T) -> Future[R]:
        if self._pool is None:
            # spawn, not fork: the caller may run threads (a progress display, a Dask
            # client) whose locks a forked child would inherit held
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(os.getpid(), self._setup),
            )
        return self._pool.submit(fn, batch)

    def map_batches(self, fn: Callable[[T], R], batches: Iterable[T]) -> Iterator[R]:
        def result(f: Future[R]) -> R:
            return f.result()

        it = iter(batches)
        head = list(islice(it, 2))
        if len(head) < 2 and self._pool is None:
            # One task (a file or two): starting processes would cost more than the work.
            return iter([fn(b) for b in head])
        return _ordered(lambda b: self._submit(fn, b), result, chain(head, it), 2 * self.workers)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class DaskExecutor(_Closing):
    """Batches as tasks on a Dask distributed cluster (``address`` like ``tcp://HOST:8786``),
    or on an existing ``distributed.Client`` passed as ``client``; ``setup`` runs once in
    each worker process (a worker plugin, also on workers that join later)."""

    def __init__(
        self,
        address: str | None = None,
        *,
        client: Any | None = None,
        setup: Setup | None = None,
    ) -> None:
        from distributed import Client

        self._own = client is None
        self.client = client if client is not None else Client(address)
        if setup is not None:
            self.client.register_plugin(_setup_plugin(setup), name="tension-setup")
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))

    def map_batches(self, fn: Callable[[T], R], batches: Iterable[T]) -> Iterator[R]:
        def result(f: Any) -> R:
            value: R = f.result()
            f.release()
            return value

        return _ordered(
            lambda b: self.client.submit(fn, b, pure=False), result, batches, 4 * self.workers
        )

    def close(self) -> None:
        if self._own:
            self.client.close()


def _setup_plugin(setup: Setup) -> Any:
    """A Dask worker plugin that runs ``setup`` when a worker starts.

    Defined on demand so that importing this module does not import ``distributed``."""
    from distributed import WorkerPlugin

    class Setup(WorkerPlugin):  # type: ignore[misc]
        def setup(self, worker: Any) -> None:
            setup()

    return Setup()


def make_executor(
    workers: int = 1, scheduler: str | None = None, *, setup: Setup | None = None
) -> Executor:
    """``--scheduler`` wins; else ``workers`` <= 1 runs here, 0 means one per core.
    ``setup`` runs once in each worker process (not here: in this process the work builds
    what it needs on first use)."""
    if scheduler:
        return DaskExecutor(scheduler, setup=setup)
    if workers == 0:
        workers = os.cpu_count() or 1
    if workers <= 1:
        return SerialExecutor()
    return LocalExecutor(workers, setup=setup)


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of ``size`` items (the last may be shorter)."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def map_groups(
    executor: Executor,
    groups: Iterable[tuple[G, list[T]]],
    fn: Callable[[list[T]], R],
    *,
    chunk: int = DEFAULT_CHUNK,
) -> Iterator[tuple[G, list[R]]]:
    """Each ``(payload, items)`` group with the results of ``fn`` on its tasks, in order.

    Groups are read lazily (only as far as the executor runs ahead), split into tasks of at
    most ``chunk`` items for other processes (one task per group in this process), and
    reassembled here, so tasks stream across group boundaries and workers never wait for a
    group to be published. A group without items is one task with no items. ``fn`` must be
    picklable by reference (a module-level function, or a ``functools.partial`` of one).
    """
    serial = isinstance(executor, SerialExecutor)
    pending: deque[tuple[G, bool]] = deque()  # (payload, last task of its group)

    def tasks() -> Iterator[list[T]]:
        for payload, items in groups:
            pieces = [items] if serial or not items else list(chunked(items, chunk))
            for i, piece in enumerate(pieces):
                pending.append((payload, i == len(pieces) - 1))
                yield piece

    done: list[R] = []
    for result in executor.map_batches(fn, tasks()):
        payload, last = pending.popleft()
        done.append(result)
        if last:
            yield payload, done
            done = []
