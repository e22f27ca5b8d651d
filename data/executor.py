"""Where the scorer runs: in this process, on a local process pool, or on a Dask cluster.

The unit of work is a pure batch function (:func:`tension.scoring.batch.analyze_batch`: a list of
article records in, their analyses out). An :class:`Executor` maps such a function over
batches and yields the results *in input order*, whatever order the workers finish in, so
an ingest gives the same store whichever executor ran it.

- :class:`SerialExecutor`: one process, no set-up cost (small inputs, tests, the dashboard).
- :class:`LocalExecutor`: a ``ProcessPoolExecutor`` (started with the first task, its
  processes spawned); each worker process warms the scorer once in its initializer, then
  scores batch after batch. At most ``2 × workers`` batches are in flight, so memory stays
  flat however long the input is.
- :class:`DaskExecutor`: a ``dask.distributed`` client on a running scheduler
  (``tcp://HOST:8786``). The function must be importable on the workers (install this
  package there); a worker plugin warms the scorer once per worker process and the
  per-process caches keep it for every later task.

:func:`make_executor` picks one from the CLI's ``--workers``/``--scheduler``.
:func:`score_groups` scores groups of records (the ingest's and the rescore's publish
batches) in tasks that stream across group boundaries, so workers never wait for a batch to
be published. The scorer travels to other processes as a :class:`tension.data.scorers.ScorerSpec`
(built once per worker process); in this process the scorer object itself is used.
:func:`score_documents` and :func:`analysis_tables` are the data-side helpers: documents to
records to analyses, analyses to the store's Arrow tables.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import datetime
from functools import partial
from itertools import chain, islice
from types import TracebackType
from typing import Any, Protocol, Self, TypeVar

import pyarrow as pa

from tension.data.ingest.documents import Document
from tension.data.ingest.normalise import article_id, normalise_url
from tension.data.ingest.rows import article_row, statement_rows, to_tables
from tension.data.scorers import ScorerSpec, spec_of
from tension.scoring.types import ArticleAnalysis

__all__ = [
    "DaskExecutor",
    "Executor",
    "LocalExecutor",
    "SerialExecutor",
    "analysis_tables",
    "chunked",
    "make_executor",
    "map_groups",
    "score_documents",
    "score_groups",
]
G = TypeVar("G")

T = TypeVar("T")
R = TypeVar("R")

DEFAULT_BATCH = 64
"""Articles per task: big enough to amortise a round trip, small enough to balance."""


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
    def close(self) -> None:  # pragma: no cover - overridden where there is something to close
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
    """Run every batch here, one after the other."""

    workers = 1

    def map_batches(self, fn: Callable[[T], R], batches: Iterable[T]) -> Iterator[R]:
        for batch in batches:
            yield fn(batch)

    def close(self) -> None:
        return None


def _warm_worker() -> None:
    from tension.scoring.batch import warm

    warm()


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


class LocalExecutor(_Closing):
    """A pool of ``workers`` processes on this machine, each warmed once."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = max(1, workers or os.cpu_count() or 1)
        self._pool: ProcessPoolExecutor | None = None  # started by the first task

    def _submit(self, fn: Callable[[T], R], batch: T) -> Future[R]:
        if self._pool is None:
            # spawn, not fork: the caller may run threads (a progress display, a Dask
            # client) whose locks a forked child would inherit held
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_warm_worker,
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
    or on an existing ``distributed.Client`` passed as ``client``."""

    def __init__(self, address: str | None = None, *, client: Any | None = None) -> None:
        from distributed import Client

        self._own = client is None
        self.client = client if client is not None else Client(address)
        self.client.register_plugin(_warm_plugin(), name="tension-warm-scorer")
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


def _warm_plugin() -> Any:
    """A Dask worker plugin that builds the scorer when a worker starts (once per process).

    Defined on demand so that importing this module does not import ``distributed``."""
    from distributed import WorkerPlugin

    class WarmScorer(WorkerPlugin):  # type: ignore[misc]
        def setup(self, worker: Any) -> None:
            _warm_worker()

    return WarmScorer()


def make_executor(workers: int = 1, scheduler: str | None = None) -> Executor:
    """``--scheduler`` wins; else ``workers`` <= 1 runs here, 0 means one per core."""
    if scheduler:
        return DaskExecutor(scheduler)
    if workers == 0:
        workers = os.cpu_count() or 1
    if workers <= 1:
        return SerialExecutor()
    return LocalExecutor(workers)


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of ``size`` items (the last may be shorter)."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _record(doc: Document) -> dict[str, Any]:
    return {"text": doc.text, "title": doc.title, "published": doc.published}


def _analyze_records(
    records: list[dict[str, Any]], spec: ScorerSpec | None = None
) -> list[ArticleAnalysis]:
    """The task run by pool and Dask workers: the scorer of ``spec`` is built once there."""
    from tension.scoring.batch import analyze_batch

    if not records:
        return []
    return analyze_batch(records, scorer=(spec or ScorerSpec()).build())


def _with_spec(fn: Callable[..., R], spec: ScorerSpec, records: list[Any]) -> R:
    """Run ``fn(records, scorer=...)`` with the scorer of ``spec`` (built once per process)."""
    return fn(records, scorer=spec.build())


def _task(
    executor: Executor, scorer: Any | None, fn: Callable[..., Any] | None = None
) -> Callable[[list[Any]], Any]:
    """The batch function for ``executor``: ``fn(records, scorer=...)`` (default:
    :func:`tension.scoring.batch.analyze_batch`). In this process it gets the scorer itself;
    elsewhere a picklable module-level function that rebuilds it from its spec."""
    if isinstance(executor, SerialExecutor):
        if fn is None:
            from tension.scoring.batch import analyze_batch

            fn = analyze_batch
        return partial(fn, scorer=scorer)
    if fn is None:
        return partial(_analyze_records, spec=spec_of(scorer))
    return partial(_with_spec, fn, spec_of(scorer))


def map_groups(
    executor: Executor,
    groups: Iterable[tuple[G, list[Any]]],
    fn: Callable[..., R],
    *,
    scorer: Any | None = None,
    chunk: int = DEFAULT_BATCH,
) -> Iterator[tuple[G, list[R]]]:
    """Each ``(payload, records)`` group with the results of ``fn(records, scorer=...)`` on
    its tasks, in order.

    Groups are read lazily (only as far as the executor runs ahead), split into tasks of at
    most ``chunk`` records for other processes (one task per group in this process), and
    reassembled here, so tasks stream across group boundaries and workers never wait for a
    group to be published. A group without records is one task with no records. ``fn`` must
    be a module-level function (it is sent to the workers by reference).
    """
    serial = isinstance(executor, SerialExecutor)
    pending: deque[tuple[G, bool]] = deque()  # (payload, last task of its group)

    def tasks() -> Iterator[list[Any]]:
        for payload, records in groups:
            pieces = [records] if serial or not records else list(chunked(records, chunk))
            for i, piece in enumerate(pieces):
                pending.append((payload, i == len(pieces) - 1))
                yield piece

    done: list[R] = []
    for result in executor.map_batches(_task(executor, scorer, fn), tasks()):
        payload, last = pending.popleft()
        done.append(result)
        if last:
            yield payload, done
            done = []


def score_groups(
    executor: Executor,
    groups: Iterable[tuple[G, list[dict[str, Any]]]],
    *,
    scorer: Any | None = None,
    chunk: int = DEFAULT_BATCH,
) -> Iterator[tuple[G, list[ArticleAnalysis]]]:
    """Each ``(payload, records)`` group with the analyses of its records, in order
    (:func:`map_groups` with :func:`tension.scoring.batch.analyze_batch`)."""
    from tension.scoring.batch import analyze_batch

    for payload, parts in map_groups(executor, groups, analyze_batch, scorer=scorer, chunk=chunk):
        yield payload, [a for part in parts for a in part]


def score_documents(
    executor: Executor,
    docs: Iterable[Document],
    batch_size: int = DEFAULT_BATCH,
    *,
    scorer: Any | None = None,
) -> Iterator[tuple[Document, ArticleAnalysis]]:
    """Each document with its analysis, in input order, scored by ``executor``."""

    def batches() -> Iterator[tuple[list[Document], list[dict[str, Any]]]]:
        for chunk in chunked(docs, batch_size):
            yield chunk, [_record(d) for d in chunk]

    pending: deque[list[Document]] = deque()

    def records() -> Iterator[list[dict[str, Any]]]:
        for chunk, recs in batches():
            pending.append(chunk)
            yield recs

    for analyses in executor.map_batches(_task(executor, scorer), records()):
        yield from zip(pending.popleft(), analyses, strict=True)


def analysis_tables(
    scored: Sequence[tuple[Document, ArticleAnalysis]], *, now: datetime
) -> dict[str, pa.Table]:
    """The store's ``articles``/``statements``/``quarantine`` tables for scored documents
    (rows built by :mod:`tension.data.ingest.rows`, as the ingest builds them)."""
    articles: list[dict[str, Any]] = []
    statements: list[dict[str, Any]] = []
    for doc, analysis in scored:
        aid = article_id(doc.text)
        articles.append(article_row(doc, aid, analysis, url=normalise_url(doc.url), now=now))
        statements.extend(statement_rows(doc, aid, analysis))
    return to_tables(articles, statements, [])
