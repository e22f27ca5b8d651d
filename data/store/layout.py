"""Paths inside a store folder and the manifest that lists its live batches."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from tension.data.errors import StoreError
from tension.data.model import SCHEMA_VERSION

MANIFEST = "manifest.json"
BATCHES = "batches"
STAGING = "staging"
LOCK = "writer.lock"


@dataclass(slots=True)
class Manifest:
    schema_version: int = SCHEMA_VERSION
    batches: list[str] = field(default_factory=list)
    updated_at: str = ""


def manifest_path(root: Path) -> Path:
    return root / MANIFEST


def read_manifest(root: Path) -> Manifest:
    """The store's manifest; an empty one when the folder has none yet."""
    path = manifest_path(root)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Manifest()
    except OSError as exc:
        raise StoreError(f"{path}: cannot read the manifest ({exc.strerror})") from exc
    try:
        doc = json.loads(raw)
        manifest = Manifest(
            schema_version=int(doc["schema_version"]),
            batches=[str(b) for b in doc["batches"]],
            updated_at=str(doc.get("updated_at", "")),
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise StoreError(f"{path}: not a Tension Dashboard manifest ({exc})") from exc
    if manifest.schema_version > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: written by a newer version (schema {manifest.schema_version}, "
            f"this program knows up to {SCHEMA_VERSION}); upgrade tension-dashboard"
        )
    return manifest


def write_manifest(root: Path, manifest: Manifest) -> None:
    """Replace the manifest atomically (temporary file, fsync, rename, fsync of the folder)."""
    path = manifest_path(root)
    tmp = path.with_name(f".{MANIFEST}.{os.getpid()}.tmp")
    body = json.dumps(
        {
            "schema_version": manifest.schema_version,
            "batches": manifest.batches,
            "updated_at": manifest.updated_at,
        },
        indent=1,
    )
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(body)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    fsync_dir(root)


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def batch_files(root: Path, manifest: Manifest, table: str) -> list[str]:
    """Parquet files of ``table`` in the live batches, in manifest order."""
    files = []
    for batch in manifest.batches:
        path = root / BATCHES / batch / f"{table}.parquet"
        if path.exists():
            files.append(str(path))
    return files
