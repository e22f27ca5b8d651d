"""Publishing batches: the only code that changes a store folder (besides ``tension repair``).

What a writer may delete, and nothing else: staging folders carrying the mark a writer
writes first into each (:data:`~tension.data.store.layout.STAGING_MARK`; only one writer
holds the lock, so a marked folder is a killed writer's), a batch folder it renamed into
place in this run when the manifest could not be written, and the folders of batches it
replaced in the manifest in this run (a rescore). A batch folder the manifest does not list
is left for ``tension check`` and ``tension repair``, and a folder that is not a store is
refused before anything is written (:func:`open_store_dir`).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import socket
import sys
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

import pyarrow as pa
import pyarrow.parquet as pq

from tension.data.errors import StoreError
from tension.data.model import SCHEMA_VERSION, TABLES
from tension.data.store.integrity import verify_batch, verify_cached
from tension.data.store.known import Known
from tension.data.store.layout import (
    BATCHES,
    LOCK,
    STAGING,
    STAGING_MARK,
    BatchMeta,
    FileSum,
    Kind,
    Manifest,
    batch_dir,
    classify,
    fsync_dir,
    is_inside,
    meta_path,
    read_batch_meta,
    read_manifest,
    sha256_file,
    write_batch_meta,
    write_manifest,
)

OnWait = Callable[[str], None]
"""Called once with a one-line message when a writer has to wait for another's lock."""


def open_store_dir(root: Path | str, *, repairing: bool = False) -> Path:
    """The store folder at ``root`` as a Path, created when missing (or empty).

    Raises :class:`StoreError` with a one-line reason for a file, a folder that is not a
    store (other files and no manifest), a store whose batches lost their manifest (unless
    ``repairing``), and a manifest that is garbled or from a newer version."""
    path = Path(root).expanduser()
    kind, reason = classify(path)
    if kind is Kind.FOREIGN or (kind is Kind.ORPHANED and not repairing):
        raise StoreError(reason)
    try:
        (path / BATCHES).mkdir(parents=True, exist_ok=True)
        (path / STAGING).mkdir(exist_ok=True)
    except OSError as exc:
        raise StoreError(f"{path}: cannot create the store folder ({exc.strerror})") from exc
    if not repairing:
        read_manifest(path)  # raises on a garbled or newer manifest
    return path


def check_writable(root: Path) -> Manifest:
    """The manifest of the store at ``root`` when a writer may add to it; raises
    :class:`StoreError` naming ``tension repair`` when the manifest lists something that is
    not a batch or a live batch is missing or damaged (sizes and Parquet footers, checked
    once per state of the files; ``tension check`` also compares checksums)."""
    manifest = read_manifest(root)
    if manifest.invalid:
        raise StoreError(
            f"{root}: the manifest lists {manifest.invalid[0]!r}, which is not a batch; "
            "run `tension check`, then `tension repair`"
        )
    for bid in manifest.batches:
        problem = verify_cached(root, bid, depth="sizes")
        if problem:
            raise StoreError(
                f"{root}: batch {bid} is damaged ({problem}); run `tension check`, "
                "then `tension repair`"
            )
    return manifest


def batch_id(tables: dict[str, pa.Table]) -> str:
    """A name derived from the batch's content, so a re-run rewrites rather than duplicates."""
    digest = hashlib.sha256()
    for name in sorted(tables):
        table = tables[name]
        keys = ["article_id"] if "article_id" in table.column_names else ["source", "reason"]
        # the versions too: a rescored batch gets a new name beside the one it replaces
        versions = ("lexicon_version", "scorer_version", "officials_version")
        keys += [k for k in versions if k in table.column_names]
        if "retry" in table.column_names:
            # each transient failure is a row of its own: its time tells it from the last
            times = table.column("seen_at").to_pylist()
            retry = table.column("retry").to_pylist()
            table = table.append_column(
                "_attempt",
                pa.array([str(t) if r else "" for t, r in zip(times, retry, strict=True)]),
            )
            keys.append("_attempt")
        digest.update(name.encode())
        rows = zip(*(table.column(k).to_pylist() for k in keys), strict=True)
        for value in sorted("\x1f".join(str(v) for v in row) for row in rows):
            digest.update(value.encode())
            digest.update(b"\0")
    return digest.hexdigest()[:20]


def lock_holder(root: Path) -> str:
    """Who holds (or last held) the writer lock of the store at ``root``, as one line."""
    try:
        info = json.loads((root / LOCK).read_text(encoding="utf-8"))
        return (
            f"pid {int(info['pid'])} on {info['host']}, since {info['since']} "
            f"({str(info.get('command', ''))[:80]})"
        )
    except (OSError, ValueError, KeyError, TypeError):
        return "another process (it has not said which)"


def _holder_info() -> str:
    command = " ".join(os.path.basename(a) if i == 0 else a for i, a in enumerate(sys.argv))
    return json.dumps(
        {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "since": datetime.now(UTC).isoformat(timespec="seconds"),
            "command": command[:200],
        }
    )


_LONG_TEXT = frozenset({"text", "terms", "contributions"})
"""Columns of long texts: no Parquet statistics (nothing filters on their min and max)."""


def _random_suffix() -> str:
    return hashlib.sha256(os.urandom(8)).hexdigest()[:6]


class StoreWriter:
    """Writes to one store folder. Use as a context manager: holds the writer lock meanwhile.

    Another process wanting to write waits for the lock, and says so once through
    ``on_wait`` (who holds it, since when); readers are never blocked. On entering, the
    store is checked: a manifest entry that is not a batch id, or a live batch that is
    missing or damaged, is refused with a one-line reason naming ``tension repair``.
    """

    def __init__(
        self, root: Path | str, *, on_wait: OnWait | None = None, repairing: bool = False
    ) -> None:
        self.root = open_store_dir(root, repairing=repairing)
        self._on_wait = on_wait
        self._repairing = repairing
        self._lock_fh: IO[str] | None = None

    def __enter__(self) -> StoreWriter:
        fh = open(self.root / LOCK, "a+", encoding="utf-8")
        try:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if self._on_wait is not None:
                    self._on_wait(f"waiting for the store's writer lock, held by {self.holder()}")
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
            fh.seek(0)
            fh.truncate()
            fh.write(_holder_info())
            fh.flush()
            self._lock_fh = fh
            self._prepare()
        except BaseException:
            self._release(fh)
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        fh, self._lock_fh = self._lock_fh, None
        if fh is not None:
            self._release(fh)

    @staticmethod
    def _release(fh: IO[str]) -> None:
        try:
            fh.seek(0)
            fh.truncate()
        except OSError:
            pass
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
        fh.close()

    def holder(self) -> str:
        """Who holds the writer lock, as :func:`lock_holder` says."""
        return lock_holder(self.root)

    def _require_lock(self) -> None:
        if self._lock_fh is None:
            raise RuntimeError("StoreWriter must be used as a context manager")

    def _prepare(self) -> None:
        """Under the lock: refuse a store that is not fit to write, give a new store its
        (empty) manifest, and sweep what killed writers left in staging. ``tension repair``
        (``repairing``) takes the lock on a store in any state and does all this itself."""
        if self._repairing:
            return
        kind, reason = classify(self.root)
        if kind in (Kind.FOREIGN, Kind.ORPHANED):
            raise StoreError(reason)  # changed since the folder was opened
        if kind is Kind.NEW:
            # before any batch exists: a folder with batches and no manifest is then damage
            write_manifest(self.root, Manifest(updated_at=_now()))
        check_writable(self.root)
        self._sweep_staging()

    def _sweep_staging(self) -> None:
        """Remove staging folders a killed writer left: only those carrying the mark."""
        for leftover in (self.root / STAGING).iterdir():
            if (
                leftover.is_dir()
                and not leftover.is_symlink()
                and (leftover / STAGING_MARK).is_file()
            ):
                shutil.rmtree(leftover, ignore_errors=True)

    def manifest(self) -> Manifest:
        return read_manifest(self.root)

    def known(self) -> Known:
        """What the published batches hold (ids, quarantine keys, signatures)."""
        known = Known()
        known.load(self.root, self.manifest().batches)
        return known

    def known_article_ids(self) -> set[str]:
        """Ids of every article already published."""
        return self.known().article_ids

    def known_quarantine(self) -> set[tuple[str, str]]:
        """``(source, reason)`` of every quarantine row already published."""
        return self.known().quarantine

    def signatures(self) -> list[tuple[str, str, list[int]]]:
        """``(article_id, canonical_id, minhash)`` of stored articles that have a signature
        (those of batches written before schema 2 have none), oldest first."""
        return self.known().signatures

    def publish(self, tables: dict[str, pa.Table], *, replaces: Iterable[str] = ()) -> str | None:
        """Publish one all-or-nothing batch; return its id, or None when it holds no rows.

        ``replaces`` names live batches this one supersedes (rescoring, compaction): they
        leave the manifest in the same atomic step in which the new batch enters it.
        """
        self._require_lock()
        replaced = set(replaces)
        manifest = self.manifest()
        unknown = replaced - set(manifest.batches)
        if unknown:
            raise ValueError(f"cannot replace {sorted(unknown)[0]!r}: not a live batch")
        tables = {name: t for name, t in tables.items() if t.num_rows}
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
        if bid in manifest.batches and bid not in replaced:
            return bid  # identical content already live
        # a batch replacing itself (a forced rescore: same articles and versions, rows that
        # may differ) is written afresh under a new name, then swapped in
        bid, placed = self._place(tables, bid, manifest.batches, sorted(replaced))
        try:
            self._commit(manifest, bid, replaced)
        except BaseException:
            if placed:
                shutil.rmtree(batch_dir(self.root, bid), ignore_errors=True)  # never listed
            raise
        return bid

    def place(self, tables: dict[str, pa.Table], *, avoid: Iterable[str] = ()) -> str:
        """Write a batch into ``batches/`` without listing it and return its id, which is
        none of ``avoid``. For ``tension repair``, which writes the manifest itself."""
        self._require_lock()
        tables = {name: t.cast(TABLES[name]) for name, t in tables.items() if t.num_rows}
        return self._place(tables, batch_id(tables), list(avoid), [])[0]

    def _place(
        self, tables: dict[str, pa.Table], bid: str, live: list[str], replaces: list[str]
    ) -> tuple[str, bool]:
        """Stage the batch and rename it into ``batches/``: ``(id, True)``; or ``(id,
        False)`` when a complete batch of this content is already there unlisted (a killed
        run renamed it into place): that one is listed instead of writing it again."""
        if bid in live:
            # never overwrite a live batch in place: a crash midway would lose it
            bid = f"{bid}-{_random_suffix()}"
        final = batch_dir(self.root, bid)
        if final.exists() or final.is_symlink():
            if _same_batch(self.root, bid):
                return bid, False
            bid = f"{bid[:20]}-{_random_suffix()}"
            final = batch_dir(self.root, bid)
        stage, meta = self._write_stage(bid, tables, replaces)
        write_batch_meta(self.root, meta)  # beside the folder: it outlives a lost folder
        os.rename(stage, final)
        fsync_dir(self.root / BATCHES)
        (final / STAGING_MARK).unlink(missing_ok=True)
        return bid, True

    def _write_stage(
        self, bid: str, tables: dict[str, pa.Table], replaces: list[str]
    ) -> tuple[Path, BatchMeta]:
        """Write the batch into a marked staging folder; return it and the batch's record."""
        stage = self.root / STAGING / f"{bid}.{os.getpid()}"
        shutil.rmtree(stage, ignore_errors=True)  # a folder of this very process
        stage.mkdir(parents=True)
        (stage / STAGING_MARK).write_text(_holder_info(), encoding="utf-8")
        meta = BatchMeta(batch=bid, published_at=_now(), replaces=replaces)
        parquet_meta = {b"tension_schema_version": str(SCHEMA_VERSION).encode()}
        for name, table in tables.items():
            path = stage / f"{name}.parquet"
            pq.write_table(
                table.replace_schema_metadata(parquet_meta),
                path,
                compression="zstd",
                row_group_size=256_000,
                # no min/max of long texts: each would copy the longest text twice
                write_statistics=[c for c in table.column_names if c not in _LONG_TEXT],
            )
            with open(path, "rb") as fh:
                os.fsync(fh.fileno())
            meta.files[path.name] = FileSum(path.stat().st_size, sha256_file(path), table.num_rows)
        meta.sources = _sources(tables)
        fsync_dir(stage)
        return stage, meta

    def _commit(self, manifest: Manifest, new: str | None, replaced: set[str]) -> None:
        batches = [b for b in manifest.batches if b not in replaced and b != new]
        if new is not None:
            batches.append(new)
        write_manifest(
            self.root,
            Manifest(schema_version=SCHEMA_VERSION, batches=batches, updated_at=_now()),
        )
        for old in replaced - {new}:
            folder = batch_dir(self.root, old)
            if folder.is_dir() and is_inside(self.root, folder):
                shutil.rmtree(folder, ignore_errors=True)
            meta_path(self.root, old).unlink(missing_ok=True)


def _same_batch(root: Path, bid: str) -> bool:
    """True when the folder of ``bid`` holds a complete, intact batch written as ``bid``."""
    try:
        return read_batch_meta(root, bid) is not None and verify_batch(root, bid) is None
    except ValueError:
        return False


def _sources(tables: dict[str, pa.Table]) -> list[str]:
    """The distinct inputs a batch's rows came from, in first-seen order."""
    seen: dict[str, None] = {}
    for name in ("articles", "quarantine"):
        table = tables.get(name)
        if table is not None and "source" in table.column_names:
            for value in table.column("source").to_pylist():
                if value:
                    seen.setdefault(str(value), None)
    return list(seen)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
