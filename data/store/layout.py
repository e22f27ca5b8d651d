"""Paths inside a store folder, the manifest that lists its live batches, and the record of
each batch (``batches/<id>.json`` beside its folder: its files' sizes, checksums and row
counts and the sources of its rows, written at publish).

What makes a folder a store, and what a program may touch in it:

- A store folder holds ``manifest.json`` and the folders and files named in
  :data:`OWN_NAMES`. A folder without a manifest is a store only while it is new (nothing
  but an empty ``batches/``, ``staging/`` and ``writer.lock``); one that holds anything
  else, or batches without a manifest, is refused (:func:`classify`).
- Batch ids are 20 lower-case hex digits, optionally ``-`` and 6 more: a manifest entry of
  any other form (``../../elsewhere``) is never turned into a path.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from tension.data.errors import StoreError
from tension.data.model import SCHEMA_VERSION

MANIFEST = "manifest.json"
BATCHES = "batches"
STAGING = "staging"
LOCK = "writer.lock"
REPAIRS = "repairs"
ALERTS = "alerts.json"
"""Fired alerts and their delivery (:mod:`tension.data.monitor.alerts`)."""
ALERTS_LOCK = "alerts.lock"
ANNOTATIONS = "annotations.json"
"""Analysts' notes on dates and pairs (:mod:`~tension.data.store.annotations`)."""
STAGING_MARK = ".tension-staging"
"""Written first into every staging folder: only folders carrying it are swept."""
STORE_MARK = "tension-dashboard"
OWN_NAMES = frozenset({MANIFEST, BATCHES, STAGING, LOCK, REPAIRS, ALERTS, ALERTS_LOCK, ANNOTATIONS})
"""Every name a store folder may hold (besides the manifest's temporary files)."""

_BATCH_ID = re.compile(r"[0-9a-f]{20}(?:-[0-9a-f]{6})?")
_MANIFEST_TMP = re.compile(r"\.(?:manifest|alerts|annotations)\.json\.\d+\.tmp")


def is_batch_id(name: object) -> bool:
    """True for a name this program gives batches (so it is safe as a folder name)."""
    return isinstance(name, str) and _BATCH_ID.fullmatch(name) is not None


def is_own_name(name: str) -> bool:
    """True for a name that belongs in a store's top folder."""
    return name in OWN_NAMES or _MANIFEST_TMP.fullmatch(name) is not None


@dataclass(slots=True)
class Manifest:
    """The live batches, in publication order. ``invalid`` holds entries of a damaged or
    tampered manifest that are not batch ids: never used as paths, reported by readers and
    ``tension check``, dropped by ``tension repair``."""

    schema_version: int = SCHEMA_VERSION
    batches: list[str] = field(default_factory=list)
    updated_at: str = ""
    invalid: list[str] = field(default_factory=list)


def manifest_path(root: Path) -> Path:
    return root / MANIFEST


def read_manifest(root: Path) -> Manifest:
    """The store's manifest; an empty one when the folder has none yet.

    Raises :class:`StoreError` when it cannot be read, is not a manifest, or was written by
    a newer schema."""
    path = manifest_path(root)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Manifest()
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise StoreError(f"{path}: cannot read the manifest ({reason}); run tension check") from exc
    try:
        doc = json.loads(raw)
        entries = doc["batches"]
        if not isinstance(entries, list):
            raise TypeError("'batches' is not a list")
        manifest = Manifest(
            schema_version=int(doc["schema_version"]),
            batches=[b for b in entries if is_batch_id(b)],
            updated_at=str(doc.get("updated_at", "")),
            invalid=[str(b) for b in entries if not is_batch_id(b)],
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise StoreError(
            f"{path}: not a Tension Dashboard manifest ({exc}); run tension check"
        ) from exc
    if manifest.schema_version > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: written by a newer version (schema {manifest.schema_version}, "
            f"this program knows up to {SCHEMA_VERSION}); upgrade tension-dashboard"
        )
    return manifest


def write_manifest(root: Path, manifest: Manifest) -> None:
    """Replace the manifest atomically (temporary file, fsync, rename, fsync of the folder).
    Invalid entries are not written back."""
    body = {
        "store": STORE_MARK,
        "schema_version": manifest.schema_version,
        "batches": manifest.batches,
        "updated_at": manifest.updated_at,
    }
    write_json_atomic(manifest_path(root), body)


def write_json_atomic(path: Path, body: dict[str, Any]) -> None:
    """Write ``body`` as JSON at ``path`` atomically and durably."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(json.dumps(body, indent=1))
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    fsync_dir(path.parent)


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def batch_dir(root: Path, bid: str) -> Path:
    """The folder of batch ``bid``. Raises :class:`StoreError` for a name that is not a
    batch id (a manifest entry such as ``../../elsewhere`` never becomes a path)."""
    if not is_batch_id(bid):
        raise StoreError(f"{root}: {bid!r} is not a batch id; run tension check")
    return root / BATCHES / bid


def is_inside(root: Path, path: Path) -> bool:
    """True when ``path`` is a real folder or file inside ``root`` (no symbolic link on the
    way out: a batch folder or file that links elsewhere is not the store's)."""
    try:
        return not path.is_symlink() and path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a loop or an unreadable link
        return False


# -- batch.json ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FileSum:
    """What a batch file was when it was written: size in bytes, SHA-256, rows."""

    bytes: int
    sha256: str
    rows: int


@dataclass(slots=True)
class BatchMeta:
    """The record a writer keeps beside each batch's folder (``batches/<id>.json``), so it
    survives the loss of the folder and of the manifest.

    ``files`` maps each Parquet file the batch has to its :class:`FileSum`; ``replaces``
    names the batches it superseded (a rescore); ``sources`` the inputs its rows came from
    (files, URLs), so a repair that has to drop it can say what to ingest again."""

    batch: str
    published_at: str
    schema_version: int = SCHEMA_VERSION
    files: dict[str, FileSum] = field(default_factory=dict)
    replaces: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "store": STORE_MARK,
            "batch": self.batch,
            "published_at": self.published_at,
            "schema_version": self.schema_version,
            "files": {
                name: {"bytes": s.bytes, "sha256": s.sha256, "rows": s.rows}
                for name, s in self.files.items()
            },
            "replaces": self.replaces,
            "sources": self.sources,
        }


class BadBatchMeta(ValueError):
    """A ``batch.json`` that is not one this program wrote (the message says why)."""


def meta_path(root: Path, bid: str) -> Path:
    """Where the record of batch ``bid`` is: ``batches/<id>.json``."""
    return batch_dir(root, bid).with_name(f"{bid}.json")


def read_batch_meta(root: Path, bid: str) -> BatchMeta | None:
    """The record of batch ``bid``; None when it has none (batches written before checksums
    existed). Raises :class:`BadBatchMeta` when it is unreadable or garbled."""
    path = meta_path(root, bid)
    name = path.name
    try:
        doc = json.loads(path.read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise BadBatchMeta(f"{name} is unreadable or garbled ({exc})") from exc
    try:
        if doc.get("store") != STORE_MARK:
            raise TypeError("not written by tension-dashboard")
        files = {
            str(name): FileSum(int(s["bytes"]), str(s["sha256"]), int(s["rows"]))
            for name, s in doc["files"].items()
        }
        meta = BatchMeta(
            batch=str(doc["batch"]),
            published_at=str(doc["published_at"]),
            schema_version=int(doc["schema_version"]),
            files=files,
            replaces=[str(b) for b in doc.get("replaces", [])],
            sources=[str(s) for s in doc.get("sources", [])],
        )
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise BadBatchMeta(f"{name} is garbled ({exc})") from exc
    if meta.batch != bid:
        raise BadBatchMeta(f"{name} names batch {meta.batch!r}, not {bid!r}")
    if not all(f.endswith(".parquet") and "/" not in f for f in files):
        raise BadBatchMeta(f"{name} lists a file that is not a batch table")
    return meta


def write_batch_meta(root: Path, meta: BatchMeta) -> None:
    """Write the record of ``meta.batch`` atomically and durably."""
    write_json_atomic(meta_path(root, meta.batch), meta.to_json())


def sha256_file(path: Path) -> str:
    """SHA-256 of a file, read in 1 MB blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


# -- what a folder is ------------------------------------------------------------------------


class Kind(Enum):
    MISSING = "missing"
    NEW = "new"  # empty, or a store's layout with nothing published yet
    STORE = "store"  # has a manifest
    ORPHANED = "orphaned"  # batches but no manifest
    FOREIGN = "foreign"  # other files, no manifest


def classify(root: Path) -> tuple[Kind, str]:
    """What the folder at ``root`` is, and a one-line reason for the kinds a writer refuses.

    A folder with a manifest is a store (the manifest itself is checked when read)."""
    if not root.exists():
        return Kind.MISSING, ""
    if not root.is_dir():
        return Kind.FOREIGN, f"{root}: is a file, not a store folder"
    if manifest_path(root).exists():
        return Kind.STORE, ""
    try:
        names = sorted(p.name for p in root.iterdir())
    except OSError as exc:
        return Kind.FOREIGN, f"{root}: cannot list the folder ({exc.strerror})"
    foreign = [n for n in names if not is_own_name(n)]
    if foreign:
        return Kind.FOREIGN, (
            f"{root}: not a Tension Dashboard store (no manifest.json, and it holds other "
            f"files, such as {foreign[0]!r}); give --db an empty or new folder"
        )
    batches = root / BATCHES
    if batches.is_dir() and any(batches.iterdir()):
        return Kind.ORPHANED, (
            f"{root}: the store has batches but no manifest.json (deleted or lost); run "
            "`tension check`, then `tension repair` to rebuild it"
        )
    return Kind.NEW, ""
