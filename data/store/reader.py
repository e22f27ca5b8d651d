"""Reading a store: an in-memory DuckDB over the live Parquet batches.

Thread safe: one connection per reader, a fresh cursor per query (DuckDB connections are not
thread safe; cursors of one connection are). Streamlit runs each session in its own thread.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from tension.data.model import TABLES
from tension.data.store.layout import Manifest, batch_files, manifest_path, read_manifest

_RETRIES = 5


class StoreReader:
    """Queries over one store folder; sees new batches as soon as they are published."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root).expanduser()
        self._con = duckdb.connect(":memory:")
        self._lock = threading.Lock()
        self._stamp: tuple[int, int] | None = None
        self._derived: dict[str, tuple[int, int] | None] = {}
        self._groups: dict[str, OrderedDict[str, None]] = {}
        self.columns: dict[str, frozenset[str]] = {}
        self.manifest = Manifest()
        self._create_views(force=True)

    def close(self) -> None:
        self._con.close()

    def _manifest_stamp(self) -> tuple[int, int]:
        try:
            st = manifest_path(self.root).stat()
        except FileNotFoundError:
            return (0, 0)
        return (st.st_mtime_ns, st.st_size)

    def _create_views(self, *, force: bool = False) -> None:
        """Point the views at the manifest's batches; a batch replaced (by a rescore) between
        reading the manifest and opening its files means reading the manifest again."""
        for attempt in range(_RETRIES):
            try:
                self._create_views_once(force=force or attempt > 0)
                return
            except duckdb.IOException:
                if attempt == _RETRIES - 1:
                    raise

    def _create_views_once(self, *, force: bool) -> None:
        stamp = self._manifest_stamp()
        if not force and stamp == self._stamp:
            return
        manifest = read_manifest(self.root) if stamp != (0, 0) else Manifest()
        for table, schema in TABLES.items():
            files = batch_files(self.root, manifest, table)
            if files:
                # union_by_name lets batches of older schema versions sit beside new ones
                self._con.execute(
                    f"CREATE OR REPLACE VIEW {table} AS SELECT * FROM "
                    f"read_parquet({files!r}, union_by_name = true)"
                )
            else:
                # a real (empty) table, so cursors opened on other threads can see it
                self._con.register("_arrow_empty", pa.Table.from_batches([], schema=schema))
                self._con.execute(
                    f"CREATE OR REPLACE TABLE _empty_{table} AS SELECT * FROM _arrow_empty"
                )
                self._con.unregister("_arrow_empty")
                self._con.execute(f"CREATE OR REPLACE VIEW {table} AS SELECT * FROM _empty_{table}")
        for table in TABLES:
            cols = self._con.execute(f"DESCRIBE {table}").fetchall()
            self.columns[table] = frozenset(str(c[0]) for c in cols)
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

    def df(self, sql: str, params: list[Any] | dict[str, Any] | None = None) -> pd.DataFrame:
        """Run a read-only query and return a DataFrame. For the data layer's query functions."""
        for attempt in range(_RETRIES):
            self.refresh()
            cur = self._con.cursor()
            try:
                return cur.execute(sql, params or []).df()
            except duckdb.IOException:
                # A batch was replaced (rescore) between reading the manifest and the files.
                if attempt == _RETRIES - 1:
                    raise
                with self._lock:
                    self._create_views(force=True)
            finally:
                cur.close()
        raise AssertionError("unreachable")

    def scalar(self, sql: str, params: list[Any] | dict[str, Any] | None = None) -> Any:
        frame = self.df(sql, params)
        return None if frame.empty else frame.iat[0, 0]
