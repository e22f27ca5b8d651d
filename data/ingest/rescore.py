"""Rescoring stored texts after a lexicon, officials or scorer change, fetching nothing.

Each live batch whose articles were scored by another lexicon, officials list or scorer
(their ``lexicon_version``, ``officials_version`` and ``scorer_version``) is re-analysed
from the texts it holds and replaced by a new batch in one atomic step
(``StoreWriter.publish(tables, replaces=[old])``): readers see the old scores or the new,
never a mix within a batch, and a killed rescore leaves every batch either old or new.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import pyarrow as pa

from tension.data.executor import Executor, SerialExecutor, map_groups
from tension.data.ingest.rows import NOTES, concat, rescore_tables
from tension.data.scorers import ScorerSpec
from tension.data.store.integrity import batch_files, read_current
from tension.data.store.layout import read_batch_meta
from tension.data.store.writer import OnWait, StoreWriter
from tension.scoring import SCORER_VERSION


@dataclass(slots=True)
class RescoreReport:
    batches: int = 0
    skipped: int = 0
    articles: int = 0
    statements: int = 0


def _read(path: Path | None, table: str) -> pa.Table | None:
    return None if path is None else read_current(path, table)


def rescore_store(
    store: Path | str,
    *,
    spec: ScorerSpec | None = None,
    force: bool = False,
    progress: Callable[[RescoreReport], None] | None = None,
    executor: Executor | None = None,
    on_wait: OnWait | None = None,
) -> RescoreReport:
    """Recompute every stored score and attribution with the scorer and officials of ``spec``
    (default: the bundled ones).

    Batches already scored by this lexicon, officials list and scorer version are skipped
    unless ``force``.
    ``executor`` (:mod:`tension.data.executor`; default: this process) does the scoring;
    batches are replaced here, in order. ``on_wait`` is told, in one line, when the rescore
    has to wait for another writer's lock (it holds the lock while it runs).
    """
    spec = spec or ScorerSpec()
    analyzer = spec.build()
    current = (analyzer.lexicon_version, analyzer.officials_version, str(SCORER_VERSION))
    report = RescoreReport()
    with StoreWriter(store, on_wait=on_wait) as writer:

        def groups() -> Iterator[tuple[tuple[str, pa.Table | None], list[dict[str, Any]]]]:
            for bid in list(writer.manifest().batches):
                # the writer checked every live batch (an id, intact) when it took the lock
                files = batch_files(writer.root, bid, read_batch_meta(writer.root, bid))
                articles = _read(files.get("articles"), "articles")
                if articles is None or not articles.num_rows:
                    report.skipped += 1
                    continue
                versions = set(
                    zip(
                        *(
                            articles.column(name).to_pylist()
                            for name in ("lexicon_version", "officials_version", "scorer_version")
                        ),
                        strict=True,
                    )
                )
                if not force and versions == {current}:
                    report.skipped += 1
                    continue
                quarantine = _read(files.get("quarantine"), "quarantine")
                yield (bid, quarantine), articles.to_pylist()

        score = partial(rescore_tables, spec=spec)
        for (bid, quarantine), parts in map_groups(executor or SerialExecutor(), groups(), score):
            tables = concat(parts)
            del tables[NOTES]  # the cuts were reported when the articles were ingested
            if quarantine is not None:
                tables["quarantine"] = quarantine
            writer.publish(tables, replaces=[bid])
            report.batches += 1
            report.articles += tables["articles"].num_rows
            report.statements += tables["statements"].num_rows
            if progress:
                progress(report)
    return report


def rebuild_batch(spec: ScorerSpec | None = None) -> Callable[[pa.Table], dict[str, pa.Table]]:
    """What ``tension repair`` rebuilds a batch with when its statements file is damaged:
    the batch's intact ``articles`` scored again (by ``spec``'s scorer, default the bundled
    one) into new ``articles`` and ``statements`` tables, as a rescore would."""
    chosen = spec or ScorerSpec()

    def rebuild(articles: pa.Table) -> dict[str, pa.Table]:
        tables = rescore_tables(articles.to_pylist(), chosen)
        del tables[NOTES]
        return tables

    return rebuild
