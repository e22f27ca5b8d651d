"""Rescoring stored texts after a lexicon (or scorer) change, without fetching anything.

Each live batch whose scores were made by another lexicon or scorer version is re-analysed
from the texts it holds and replaced by a new batch in one atomic step
(``StoreWriter.publish(tables, replaces=[old])``): readers see the old scores or the new,
never a mix within a batch, and a killed rescore leaves every batch either old or new.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.parquet as pq

from tension.data.ingest.rows import score_columns, statement_rows
from tension.data.model import ARTICLE_SCHEMA, TABLES
from tension.data.store.layout import BATCHES
from tension.data.store.writer import StoreWriter

if TYPE_CHECKING:  # data.executor imports data.ingest
    from tension.data.executor import Executor


@dataclass(slots=True)
class RescoreReport:
    batches: int = 0
    skipped: int = 0
    articles: int = 0
    statements: int = 0


def _read(path: Path, table: str) -> pa.Table | None:
    if not path.exists():
        return None
    data = pq.read_table(path)
    schema = TABLES[table]
    for f in schema:  # batches of older schema versions lack new columns
        if f.name not in data.column_names:
            data = data.append_column(f, pa.nulls(data.num_rows, f.type))
    return data.select(schema.names).cast(schema)


def rescore_store(
    store: Path | str,
    *,
    scorer: Any | None = None,
    force: bool = False,
    progress: Callable[[RescoreReport], None] | None = None,
    executor: Executor | None = None,
) -> RescoreReport:
    """Recompute every stored score with ``scorer`` (default: the bundled lexicon).

    ``executor`` (:mod:`tension.data.executor`; default: this process) does the scoring; batches
    are replaced here, in order. ``scorer`` must come from :func:`tension.data.scorers.make_scorer`
    to run in other processes.
    """
    from tension import scoring
    from tension.scoring import SCORER_VERSION

    version = str(getattr(scorer or scoring.default_scorer(), "version", ""))
    report = RescoreReport()
    with StoreWriter(store) as writer:

        def groups() -> Iterator[tuple[tuple[str, Path, list[dict[str, Any]]], list[Any]]]:
            for bid in list(writer.manifest().batches):
                folder = writer.root / BATCHES / bid
                articles = _read(folder / "articles.parquet", "articles")
                if articles is None or not articles.num_rows:
                    report.skipped += 1
                    continue
                versions = set(
                    zip(
                        articles.column("lexicon_version").to_pylist(),
                        articles.column("scorer_version").to_pylist(),
                        strict=True,
                    )
                )
                if not force and versions == {(version, str(SCORER_VERSION))}:
                    report.skipped += 1
                    continue
                rows = articles.to_pylist()
                records = [
                    {"text": r["text"] or "", "title": r["title"], "published": r["published"]}
                    for r in rows
                ]
                yield (bid, folder, rows), records

        from tension.data.executor import SerialExecutor, score_groups

        own = executor is None
        runner: Executor = SerialExecutor() if executor is None else executor
        try:
            for (bid, folder, rows), analyses in score_groups(runner, groups(), scorer=scorer):
                new_articles: list[dict[str, Any]] = []
                new_statements: list[dict[str, Any]] = []
                for row, analysis in zip(rows, analyses, strict=True):
                    row.update(score_columns(analysis.score))
                    row["countries"] = list(analysis.countries)
                    row["pairs"] = [f"{a}-{b}" for a, b in analysis.pairs]
                    new_articles.append(row)
                    new_statements.extend(statement_rows_for(row, analysis))
                tables = {
                    "articles": pa.Table.from_pylist(new_articles, schema=ARTICLE_SCHEMA),
                    "statements": pa.Table.from_pylist(new_statements, schema=TABLES["statements"]),
                }
                quarantine = _read(folder / "quarantine.parquet", "quarantine")
                if quarantine is not None:
                    tables["quarantine"] = quarantine
                writer.publish(tables, replaces=[bid])
                report.batches += 1
                report.articles += len(new_articles)
                report.statements += len(new_statements)
                if progress:
                    progress(report)
        finally:
            if own:
                runner.close()
    return report


def statement_rows_for(row: dict[str, Any], analysis: Any) -> list[dict[str, Any]]:
    """Statement rows of a stored article row (as :func:`statement_rows` for a Document)."""
    from tension.data.ingest.documents import Document

    doc = Document(text=row["text"] or "", source=row["source"] or "", published=row["published"])
    rows = statement_rows(doc, row["article_id"], analysis)
    for st in rows:
        st["canonical_id"] = row.get("canonical_id")
    return rows
