"""Publishing batches: the only code that changes a store folder."""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from tension.data.errors import StoreError
from tension.data.model import SCHEMA_VERSION, TABLES
from tension.data.store.layout import (
    BATCHES,
    LOCK,
    STAGING,
    Manifest,
    fsync_dir,
    read_manifest,
    write_manifest,
)
from tension.data.store.reader import StoreReader


def open_store_dir(root: Path | str) -> Path:
    """Create the store folder if needed and check it can be used; return it as a Path."""
    path = Path(root).expanduser()
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path}: is a file, not a store folder")
    try:
        (path / BATCHES).mkdir(parents=True, exist_ok=True)
        (path / STAGING).mkdir(exist_ok=True)
    except OSError as exc:
        raise StoreError(f"{path}: cannot create the store folder ({exc.strerror})") from exc
    read_manifest(path)  # raises on a foreign or newer store
    return path


def batch_id(tables: dict[str, pa.Table]) -> str:
    """A name derived from the batch's content, so a re-run rewrites rather than duplicates."""
    digest = hashlib.sha256()
    for name in sorted(tables):
        table = tables[name]
        keys = ["article_id"] if "article_id" in table.column_names else ["source", "reason"]
        # the versions too: a rescored batch gets a new name beside the one it replaces
        versions = ("lexicon_version", "scorer_version", "officials_version")
        keys += [k for k in versions if k in table.column_names]
        digest.update(name.encode())
        rows = zip(*(table.column(k).to_pylist() for k in keys), strict=True)
        for value in sorted("\x1f".join(str(v) for v in row) for row in rows):
            digest.update(value.encode())
            digest.update(b"\0")
    return digest.hexdigest()[:20]


class StoreWriter:
    """Writes to one store folder. Use as a context manager: holds the writer lock meanwhile.

    Other processes wanting to write wait for the lock; readers are never blocked.
    """

    def __init__(self, root: Path | str) -> None:
        self.root = open_store_dir(root)
        self._lock_fh: object | None = None

    def __enter__(self) -> StoreWriter:
        fh = open(self.root / LOCK, "a+")
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        self._lock_fh = fh
        self._sweep_staging()
        return self

    def __exit__(self, *exc: object) -> None:
        fh = self._lock_fh
        self._lock_fh = None
        if fh is not None:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)  # type: ignore[attr-defined]
            fh.close()  # type: ignore[attr-defined]

    def _require_lock(self) -> None:
        if self._lock_fh is None:
            raise RuntimeError("StoreWriter must be used as a context manager")

    def _sweep_staging(self) -> None:
        staging = self.root / STAGING
        for leftover in staging.iterdir():
            shutil.rmtree(leftover, ignore_errors=True)
        manifest = read_manifest(self.root)
        live = set(manifest.batches)
        for batch in (self.root / BATCHES).iterdir():
            if batch.name not in live:  # renamed by a run killed before the manifest changed
                shutil.rmtree(batch, ignore_errors=True)

    def manifest(self) -> Manifest:
        return read_manifest(self.root)

    def _rows(self, sql: str) -> list[tuple[Any, ...]]:
        """Rows of a query over the published batches (as a reader sees them)."""
        if not self.manifest().batches:
            return []  # a new store: no need to start DuckDB (about 40 MB) for nothing
        reader = StoreReader(self.root)
        try:
            return reader.rows(sql)
        finally:
            reader.close()

    def known_article_ids(self) -> set[str]:
        """Ids of every article already published."""
        return {str(r[0]) for r in self._rows("SELECT DISTINCT article_id FROM articles")}

    def known_quarantine(self) -> set[tuple[str, str]]:
        """``(source, reason)`` of every quarantine row already published."""
        rows = self._rows("SELECT DISTINCT source, reason FROM quarantine")
        return {(str(r[0]), str(r[1])) for r in rows}

    def signatures(self) -> list[tuple[str, str, list[int]]]:
        """``(article_id, canonical_id, minhash)`` of stored articles that have a signature
        (those of batches written before schema 2 have none)."""
        rows = self._rows(
            "SELECT article_id, coalesce(canonical_id, article_id), minhash FROM articles "
            "WHERE minhash IS NOT NULL ORDER BY ingested_at, article_id"
        )
        return [(str(a), str(c), list(m)) for a, c, m in rows]

    def publish(self, tables: dict[str, pa.Table], *, replaces: Iterable[str] = ()) -> str | None:
        """Publish one all-or-nothing batch; return its id, or None when it holds no rows.

        ``replaces`` names live batches this one supersedes (rescoring, compaction): they
        leave the manifest in the same atomic step in which the new batch enters it.
        """
        self._require_lock()
        replaced = set(replaces)
        tables = {name: t for name, t in tables.items() if t.num_rows}
        manifest = self.manifest()
        if not tables:
            if replaced:
                self._commit(manifest, None, replaced)
            return None
        for name, table in tables.items():
            if name not in TABLES:
                raise ValueError(f"unknown table {name!r}")
            if not table.schema.equals(TABLES[name], check_metadata=False):
                tables[name] = table.cast(TABLES[name])
        bid = batch_id(tables)
        if bid in manifest.batches:
            if not replaced - {bid}:
                return bid  # identical content already live
            # never overwrite a live batch in place: a crash midway would lose it
            bid = f"{bid}-{hashlib.sha256(os.urandom(8)).hexdigest()[:6]}"
        stage = self.root / STAGING / bid
        shutil.rmtree(stage, ignore_errors=True)
        stage.mkdir(parents=True)
        meta = {b"tension_schema_version": str(SCHEMA_VERSION).encode()}
        for name, table in tables.items():
            path = stage / f"{name}.parquet"
            pq.write_table(
                table.replace_schema_metadata(meta),
                path,
                compression="zstd",
                row_group_size=256_000,
            )
            with open(path, "rb") as fh:
                os.fsync(fh.fileno())
        fsync_dir(stage)
        final = self.root / BATCHES / bid
        if final.exists():
            shutil.rmtree(final)
        os.rename(stage, final)
        fsync_dir(self.root / BATCHES)
        self._commit(manifest, bid, replaced)
        return bid

    def _commit(self, manifest: Manifest, new: str | None, replaced: set[str]) -> None:
        batches = [b for b in manifest.batches if b not in replaced and b != new]
        if new is not None:
            batches.append(new)
        write_manifest(
            self.root,
            Manifest(
                schema_version=SCHEMA_VERSION,
                batches=batches,
                updated_at=datetime.now(UTC).isoformat(timespec="seconds"),
            ),
        )
        for old in replaced - {new}:
            shutil.rmtree(self.root / BATCHES / old, ignore_errors=True)
