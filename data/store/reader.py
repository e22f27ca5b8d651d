"""Reading a store: an in-memory DuckDB over the live Parquet batches.

Each table is a view with every column of the current schema (:mod:`tension.data.model`):
batches written by an older schema version sit beside new ones, and the columns they lack
read as null, so queries never need to ask which columns exist.

Thread safe: one connection per reader, a fresh cursor per query (DuckDB connections are not
thread safe; cursors of one connection are). Streamlit runs each session in its own thread.

Damaged batches: every batch is verified (:mod:`tension.data.store.integrity`: presence,
sizes, checksums, Parquet schema) before a view includes it, once per state of its files
(a batch written before checksums is checked by its Parquet footers, and read back in
full when DuckDB fails on a file). A
damaged batch is left out, named in :attr:`StoreReader.damaged` with its reason and logged
once, and the rest is served: one truncated file never takes the dashboard down.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import pandas as pd
import pyarrow as pa

from tension.data.errors import StoreError
from tension.data.model import TABLES
from tension.data.store.integrity import Depth, batch_files, verify_cached
from tension.data.store.layout import (
    BadBatchMeta,
    Kind,
    Manifest,
    classify,
    manifest_path,
    read_batch_meta,
    read_manifest,
)

_RETRIES = 5
T = TypeVar("T")
log = logging.getLogger("tension.data.store")
_DAMAGE = (duckdb.IOException, duckdb.InvalidInputException)
"""What DuckDB raises on a file that is missing, truncated or not Parquet."""


class StoreReader:
    """Queries over one store folder; sees new batches as soon as they are published."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root).expanduser()
        self._con = duckdb.connect(":memory:")
        self._lock = threading.Lock()
        self._stamp: tuple[int, int] | None = None
        self._derived: dict[str, tuple[int, int] | None] = {}
        self._groups: dict[str, OrderedDict[str, None]] = {}
        self.manifest = Manifest()
        self.damaged: dict[str, str] = {}
        """Batch ids (or invalid manifest entries) left out of the views, with the reason."""
        for table, schema in TABLES.items():
            # an empty table of each schema: the view of a store without batches, and the
            # columns older batches lack (a real table, so cursors on other threads see it)
            self._con.register("_arrow_empty", pa.Table.from_batches([], schema=schema))
            self._con.execute(f"CREATE TABLE _empty_{table} AS SELECT * FROM _arrow_empty")
            self._con.unregister("_arrow_empty")
        self._create_views(force=True)

    def close(self) -> None:
        self._con.close()

    def _manifest_stamp(self) -> tuple[int, int]:
        try:
            st = manifest_path(self.root).stat()
        except FileNotFoundError:
            return (0, 0)
        return (st.st_mtime_ns, st.st_size)

    def _create_views(self, *, force: bool = False, depth: Depth = "checksums") -> None:
        """Point the views at the manifest's batches; a batch replaced (by a rescore) between
        reading the manifest and opening its files means reading the manifest again."""
        for attempt in range(_RETRIES):
            try:
                self._create_views_once(force=force or attempt > 0, depth=depth)
                return
            except _DAMAGE:
                if attempt == _RETRIES - 1:
                    raise

    def _live_batches(
        self, stamp: tuple[int, int], depth: Depth
    ) -> tuple[Manifest, dict[str, list[str]]]:
        """The manifest and, per table, the files of its intact batches; a damaged batch is
        reported (once) and left out. A batch that vanished because the manifest changed
        meanwhile (a rescore replaced it) is not damage: the caller reads again."""
        if stamp == (0, 0):
            kind, reason = classify(self.root)
            if kind in (Kind.ORPHANED, Kind.FOREIGN):
                raise StoreError(reason)
            return Manifest(), {table: [] for table in TABLES}
        manifest = read_manifest(self.root)
        files: dict[str, list[str]] = {table: [] for table in TABLES}
        problems = {entry: "the manifest entry is not a batch id" for entry in manifest.invalid}
        for bid in manifest.batches:
            problem = verify_cached(self.root, bid, depth=depth)
            if problem is None:
                try:
                    paths = batch_files(self.root, bid, read_batch_meta(self.root, bid))
                except (OSError, BadBatchMeta) as exc:
                    problem = str(exc)
                else:
                    for table, path in paths.items():
                        files[table].append(str(path))
            if problem is not None:
                problems[bid] = problem
        if problems and self._manifest_stamp() != stamp:
            raise duckdb.IOException("the manifest changed while it was read")
        for bid, problem in problems.items():
            if bid not in self.damaged:
                log.warning("%s: batch %s is damaged and left out (%s)", self.root, bid, problem)
        self.damaged = problems
        return manifest, files

    def _create_views_once(self, *, force: bool, depth: Depth = "checksums") -> None:
        stamp = self._manifest_stamp()
        if not force and stamp == self._stamp:
            return
        manifest, live = self._live_batches(stamp, depth)
        for table, schema in TABLES.items():
            files = live[table]
            if not files:
                self._con.execute(f"CREATE OR REPLACE VIEW {table} AS SELECT * FROM _empty_{table}")
                continue
            scan = f"SELECT * FROM read_parquet({files!r}, union_by_name = true)"
            found = {str(c[0]) for c in self._con.execute(f"DESCRIBE {scan}").fetchall()}
            if set(schema.names) <= found:
                columns = ", ".join(f'"{name}"' for name in schema.names)
                view = f"SELECT {columns} FROM ({scan})"
            else:  # only older batches have some column: theirs are null
                view = f"SELECT * FROM _empty_{table} UNION ALL BY NAME {scan}"
            self._con.execute(f"CREATE OR REPLACE VIEW {table} AS {view}")
        self._stamp = stamp
        self.manifest = manifest

    def refresh(self) -> None:
        """Pick up batches published since the last query (done before every query)."""
        with self._lock:
            self._create_views()

    def derived(self, name: str, sql: str, *, group: str | None = None, keep: int = 8) -> str:
        """Materialise ``sql`` as table ``name`` once per published state of the store.

        For aggregates many queries share (a daily per-pair aggregate over a million
        statements costs one scan; every chart after it reads a few thousand rows). The
        table is rebuilt on the first use after a new batch is published. Returns ``name``.

        Tables of one ``group`` (say, one per country pair) are bounded: when more than
        ``keep`` exist, the least recently used is dropped, so memory does not grow with
        every pair an analyst opens.
        """
        with self._lock:
            self._create_views()
            cur = self._con.cursor()
            try:
                if self._derived.get(name) != self._stamp:
                    cur.execute(f"CREATE OR REPLACE TABLE {name} AS {sql}")
                    self._derived[name] = self._stamp
                if group is not None:
                    used = self._groups.setdefault(group, OrderedDict())
                    used[name] = None
                    used.move_to_end(name)
                    while len(used) > max(1, keep):
                        old, _ = used.popitem(last=False)
                        cur.execute(f"DROP TABLE IF EXISTS {old}")
                        self._derived.pop(old, None)
            finally:
                cur.close()
        return name

    def rows(
        self, sql: str, params: list[Any] | dict[str, Any] | None = None
    ) -> list[tuple[Any, ...]]:
        """Run a read-only query and return its rows as tuples (no DataFrame to build)."""
        return self._run(sql, params, lambda cur: cur.fetchall())

    def df(self, sql: str, params: list[Any] | dict[str, Any] | None = None) -> pd.DataFrame:
        """Run a read-only query and return a DataFrame. For the data layer's query functions."""
        return self._run(sql, params, lambda cur: cur.df())

    def _run(
        self,
        sql: str,
        params: list[Any] | dict[str, Any] | None,
        fetch: Callable[[duckdb.DuckDBPyConnection], T],
    ) -> T:
        for attempt in range(_RETRIES):
            self.refresh()
            cur = self._con.cursor()
            try:
                return fetch(cur.execute(sql, params or []))
            except _DAMAGE:
                # A batch was replaced (rescore) between reading the manifest and the files,
                # or a file changed after it was verified: verify and read again.
                if attempt == _RETRIES - 1:
                    raise
                with self._lock:
                    self._create_views(force=True, depth="full")
            finally:
                cur.close()
        raise AssertionError("unreachable")

    def scalar(self, sql: str, params: list[Any] | dict[str, Any] | None = None) -> Any:
        frame = self.df(sql, params)
        return None if frame.empty else frame.iat[0, 0]
