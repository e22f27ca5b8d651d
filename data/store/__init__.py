"""The embedded store: immutable Parquet batches published atomically, queried by DuckDB.

Why this design: DuckDB locks a database file across processes (a writer blocks readers'
``read_only`` opens, and an open reader blocks the writer), yet the dashboard must keep
answering while ``tension ingest`` writes from another process. So no process holds a
database file open for long:

- An ingest scores a batch in memory, writes its tables as Parquet into ``staging/<id>/``,
  renames the folder to ``batches/<id>/`` (atomic on one filesystem), then atomically
  replaces ``manifest.json`` (write a temporary file, fsync, ``os.replace``) to list it.
  The batch id is a hash of its content, so re-running the same input rewrites the same
  name instead of adding a copy. One writer at a time: ``writer.lock`` (``flock``) serialises
  writers across processes; readers never lock.
- A reader (the dashboard, ``tension export``) reads the manifest and queries the listed
  Parquet files with an in-memory DuckDB. It sees a batch entirely or not at all, and
  picks up new batches on the next query after the manifest changed.
- ``kill -9`` at any point leaves the last published manifest intact: a half-written
  staging folder is swept by the next writer, a renamed-but-unlisted batch is ignored by
  readers and rewritten by the re-run.

Layout of a store folder::

    manifest.json        schema version and the list of live batches
    batches/<id>/        articles.parquet, statements.parquet, quarantine.parquet
    staging/             batches being written (removed by the next writer)
    writer.lock          held by the one process writing

The schema version (:data:`tension.data.model.SCHEMA_VERSION`) is in the manifest and in each
Parquet file's metadata. Nothing migrates older batches in place: columns are only ever added,
a reader shows the ones an older batch lacks as null, new batches are written in the current
schema beside the old ones, and ``tension rescore`` rewrites each batch it rescores in the
current schema. A program refuses a store whose manifest has a newer schema than it knows.

Modules: :mod:`~tension.data.store.writer` (publishing), :mod:`~tension.data.store.reader`
(the views), :mod:`~tension.data.store.queries` (what the dashboard asks),
:mod:`~tension.data.store.export` (CSV/Parquet), :mod:`~tension.data.store.sql` (the rules
both apply), :mod:`~tension.data.store.layout` (paths and the manifest).
"""

from tension.data.store.reader import StoreReader
from tension.data.store.writer import StoreWriter, open_store_dir

__all__ = ["StoreReader", "StoreWriter", "open_store_dir"]
