"""What the published batches hold that a writer must know to add nothing twice: article
ids, quarantine keys and near-duplicate signatures.

Read straight from the batches' Parquet files (a few columns each, no DuckDB) and loaded
batch by batch, so an ingest that publishes after another writer can take in just the
batches published meanwhile (:meth:`Known.load` skips those already loaded).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import pyarrow as pa
import pyarrow.parquet as pq

from tension.data.errors import StoreError
from tension.data.store.integrity import batch_files
from tension.data.store.layout import BadBatchMeta, read_batch_meta


class KnownSink(Protocol):
    """Where :meth:`Known.load` can put article ids and signatures instead of holding them
    (:class:`tension.data.ingest.dedupe.NearDuplicateIndex`, on disk)."""

    def update_ids(self, article_ids: Iterable[str]) -> None: ...

    def load_stored(self, rows: Iterable[tuple[float | None, str, str, list[int]]]) -> None: ...

    def finish_loading(self) -> None: ...


@dataclass(slots=True)
class Known:
    """``article_ids`` and quarantine ``(source, reason)`` keys of the loaded ``batches``,
    and the ``(article_id, canonical_id, minhash)`` of their articles that have a signature
    (batches written before schema 2 have none), oldest first."""

    batches: set[str] = field(default_factory=set)
    article_ids: set[str] = field(default_factory=set)
    quarantine: set[tuple[str, str]] = field(default_factory=set)
    signatures: list[tuple[str, str, list[int]]] = field(default_factory=list)

    def load(
        self, root: Path, batches: Iterable[str], *, into: KnownSink | None = None
    ) -> list[str]:
        """Take in the batches not loaded yet; return their ids. Raises StoreError naming a
        batch whose files cannot be read.

        With ``into``, article ids and signatures go there, a batch at a time, instead of
        into ``article_ids`` and ``signatures`` (which stay empty), so this memory does not grow
        with the store."""
        new = [b for b in batches if b not in self.batches]
        rows: list[tuple[Any, str, str, list[int]]] = []
        for bid in new:
            try:
                files = batch_files(root, bid, read_batch_meta(root, bid))
                articles = _columns(
                    files.get("articles"),
                    ["article_id", "canonical_id", "minhash", "ingested_at"],
                )
                quarantine = _columns(files.get("quarantine"), ["source", "reason"])
            except (OSError, pa.ArrowException, BadBatchMeta) as exc:
                raise StoreError(
                    f"{root}: batch {bid} cannot be read ({str(exc).splitlines()[0][:120]}); "
                    "run `tension check`"
                ) from exc
            if articles is not None:
                ids = articles["article_id"].to_pylist()
                (into.update_ids if into else self.article_ids.update)(str(a) for a in ids)
                if "minhash" in articles.column_names:
                    canon = (
                        articles["canonical_id"].to_pylist()
                        if "canonical_id" in articles.column_names
                        else ids
                    )
                    times = articles["ingested_at"].to_pylist()
                    for aid, c, m, t in zip(
                        ids, canon, articles["minhash"].to_pylist(), times, strict=True
                    ):
                        if m is None:
                            continue
                        if into is not None:
                            ts = t.timestamp() if t is not None else None
                            rows.append((ts, str(aid), str(c or aid), m))
                        else:
                            rows.append((t, str(aid), str(c or aid), list(m)))
                if into is not None:
                    into.load_stored(rows)
                    rows = []
            if quarantine is not None:
                self.quarantine.update(
                    (str(s), str(r))
                    for s, r in zip(
                        quarantine["source"].to_pylist(),
                        quarantine["reason"].to_pylist(),
                        strict=True,
                    )
                )
            self.batches.add(bid)
        if into is not None:
            into.finish_loading()
            return new
        rows.sort(key=lambda r: (r[0] is None, r[0].timestamp() if r[0] is not None else 0.0, r[1]))
        self.signatures.extend((aid, c, m) for _, aid, c, m in rows)
        return new


def _columns(path: Path | None, wanted: list[str]) -> pa.Table | None:
    """The ``wanted`` columns a Parquet file has (older batches lack some), or None."""
    if path is None:
        return None
    names = pq.read_schema(path).names
    return pq.read_table(path, columns=[c for c in wanted if c in names])
