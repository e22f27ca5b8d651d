"""The embedded store: immutable Parquet batches published atomically, queried by DuckDB.

Why this design: DuckDB locks a database file across processes (a writer blocks readers'
``read_only`` opens, and an open reader blocks the writer), yet the dashboard must keep
answering while ``tension ingest`` writes from another process. So no process holds a
database file open for long:

- An ingest scores a batch in memory, writes its tables as Parquet into a marked
  ``staging/<id>.<pid>/``, writes the batch's record ``batches/<id>.json`` (sizes, SHA-256
  and rows of its files, the sources of its rows), renames the folder to ``batches/<id>/``
  (atomic on one filesystem), then atomically replaces ``manifest.json`` (write a temporary
  file, fsync, ``os.replace``) to list it. The batch id is a hash of its content, so
  re-running the same input rewrites the same name instead of adding a copy. One writer at
  a time: ``writer.lock`` (``flock``, holding the holder's pid, host and start time)
  serialises writers across processes, and is held only to publish; readers never lock.
- A reader (the dashboard, ``tension export``) reads the manifest and queries the listed
  Parquet files with an in-memory DuckDB. It sees a batch entirely or not at all, and
  picks up new batches on the next query after the manifest changed.
- ``kill -9`` at any point leaves the last published manifest intact: a half-written
  staging folder (it carries the writer's mark) is swept by the next writer, a
  renamed-but-unlisted complete batch is ignored by readers and listed by the re-run that
  produces the same batch (anything else unlisted waits for ``tension repair``).
- Nothing is deleted that a writer cannot prove is its own (see
  :mod:`~tension.data.store.writer`); a folder that is not a store is refused.
- Damage (a truncated or garbled file, a lost batch or manifest) is found by
  :mod:`~tension.data.store.check` and mended by :mod:`~tension.data.store.repair`, which
  keeps a backup; readers leave a damaged batch out and name it.

Layout of a store folder::

    manifest.json        schema version and the list of live batches
    annotations.json     analysts' notes on dates and pairs (replaced whole, under the lock)
    batches/<id>/        articles.parquet, statements.parquet, quarantine.parquet
    batches/<id>.json    the batch's record: its files' sizes, checksums, rows; its sources
    staging/             batches being written (removed by the next writer)
    writer.lock          held by the one process writing (says which)
    alerts.json          fired alerts, their delivery and acknowledgements (see
                         :mod:`tension.data.monitor.alerts`), under alerts.lock
    repairs/<time>/      backups made by ``tension repair``

The schema version (:data:`tension.data.model.SCHEMA_VERSION`) is in the manifest and in each
Parquet file's metadata. Nothing migrates older batches in place: columns are only ever added,
a reader shows the ones an older batch lacks as null, new batches are written in the current
schema beside the old ones, and ``tension rescore`` rewrites each batch it rescores in the
current schema. A program refuses a store whose manifest has a newer schema than it knows.

Modules: :mod:`~tension.data.store.writer` (publishing), :mod:`~tension.data.store.reader`
(the views), :mod:`~tension.data.store.queries` (what the dashboard asks),
:mod:`~tension.data.store.export` (CSV/Parquet), :mod:`~tension.data.store.sql` (the rules
both apply), :mod:`~tension.data.store.layout` (paths, the manifest, batch records),
:mod:`~tension.data.store.integrity` (is a batch intact), :mod:`~tension.data.store.known`
(what a writer must not add twice), :mod:`~tension.data.store.check` and
:mod:`~tension.data.store.repair`.
"""

from tension.data.store.reader import StoreReader
from tension.data.store.writer import StoreWriter, open_store_dir

__all__ = ["StoreReader", "StoreWriter", "open_store_dir"]
