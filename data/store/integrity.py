"""Is a batch intact? One check shared by the readers, the writers, ``tension check`` and
``tension repair``.

A batch with a ``batch.json`` (every batch published since checksums were added) is intact
when each file it lists is there, is a regular file inside the store, has the size and the
SHA-256 written at publish, and is a Parquet file of its table's schema with the rows
written. A batch written before checksums existed can only be checked for presence and for
Parquet files that read in full.

How deep (:data:`Depth`): ``"sizes"`` — presence, sizes and Parquet footers, cheap (what a
writer checks before adding to a store); ``"checksums"`` — also the SHA-256 of every file
(what a reader checks before serving a batch: a byte-identical file needs no more); and
``"full"`` — the same, and a batch written before checksums existed read back row group by
row group (``tension check``; a reader after DuckDB failed on a file), which is all that can
be checked of it. :func:`verify_cached`
remembers the verdict per file state (path, size, modification time) for the life of the
process, so a reader pays for each batch once.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Literal

import pyarrow as pa
import pyarrow.parquet as pq

from tension.data.model import TABLES
from tension.data.store.layout import (
    STAGING_MARK,
    BadBatchMeta,
    BatchMeta,
    FileSum,
    batch_dir,
    is_batch_id,
    is_inside,
    meta_path,
    read_batch_meta,
    sha256_file,
)

TABLE_FILES = {f"{name}.parquet": name for name in TABLES}
"""The file of each table in a batch folder."""
Depth = Literal["sizes", "checksums", "full"]


def schema_problem(schema: pa.Schema, table: str) -> str | None:
    """Why a Parquet file's ``schema`` is not one of ``table``'s (any schema version: an
    older batch may lack columns, never have other ones or other types)."""
    expected = TABLES[table]
    for f in schema:
        if f.name not in expected.names:
            return f"has a column {f.name!r} that {table} does not have"
        want = expected.field(f.name).type
        if not _compatible(f.type, want):
            return f"column {f.name!r} is {f.type}, not {want}"
    if "article_id" in expected.names and "article_id" not in schema.names:
        return "has no article_id column"
    return None


def _compatible(got: pa.DataType, want: pa.DataType) -> bool:
    """Parquet has no second-resolution timestamps: ``timestamp[s]`` reads back in ms."""
    if got.equals(want):
        return True
    if pa.types.is_timestamp(got) and pa.types.is_timestamp(want):
        return bool(got.tz == want.tz)
    if pa.types.is_list(got) and pa.types.is_list(want):
        return _compatible(got.value_type, want.value_type)
    return False


def _read_problem(path: Path, table: str, rows: int | None) -> str | None:
    """Why the Parquet file at ``path`` does not read in full as ``table``; one row group
    and one column at a time, so memory stays small."""
    try:
        pf = pq.ParquetFile(path)
        problem = schema_problem(pf.schema_arrow, table)
        if problem:
            return problem
        if rows is not None and pf.metadata.num_rows != rows:
            return f"holds {pf.metadata.num_rows} rows, {rows} were written"
        for group in range(pf.num_row_groups):
            for column in pf.schema_arrow.names:
                pf.read_row_group(group, columns=[column])
    except (OSError, pa.ArrowException) as exc:
        return f"is not a readable Parquet file ({str(exc).splitlines()[0][:120]})"
    return None


def verify_batch(root: Path, bid: str, *, depth: Depth = "full") -> str | None:
    """None when batch ``bid`` of the store at ``root`` is intact to ``depth`` (see the
    module), else a one-line reason."""
    if not is_batch_id(bid):
        return f"{bid!r} is not a batch id"
    folder = batch_dir(root, bid)
    if not folder.exists() and not folder.is_symlink():
        return "its folder is missing"
    if not folder.is_dir() or not is_inside(root, folder):
        return "its folder is not a folder inside the store (a link elsewhere?)"
    try:
        meta = read_batch_meta(root, bid)
    except BadBatchMeta as exc:
        return str(exc)
    if meta is None:
        return _verify_legacy(root, folder, depth=depth)
    for name, expected in meta.files.items():
        problem = verify_file(root, folder / name, expected, depth=depth)
        if problem:
            return problem
    return None


def verify_file(
    root: Path, path: Path, expected: FileSum | None, *, depth: Depth = "full"
) -> str | None:
    """None when one batch file is intact to ``depth`` (as ``expected`` says it was written;
    a file of a batch written before checksums can only be read back), else a one-line
    reason."""
    name = path.name
    table = TABLE_FILES.get(name)
    if table is None:
        return f"{name!r} is not a batch table"
    if not path.exists() and not path.is_symlink():
        return f"{name} is missing"
    if not path.is_file() or not is_inside(root, path):
        return f"{name} is not a regular file inside the store"
    if expected is None:
        full = depth == "full"
        problem = _read_problem(path, table, None) if full else _footer_problem(path, table)
        return f"{name} {problem}" if problem else None
    size = path.stat().st_size
    if size != expected.bytes:
        return f"{name} is {size:,} bytes, {expected.bytes:,} were written (truncated?)"
    if depth != "sizes" and sha256_file(path) != expected.sha256:
        return f"{name} does not match the checksum written at publish (garbled)"
    problem = _footer_problem(path, table, expected.rows)
    return f"{name} {problem}" if problem else None


def _footer_problem(path: Path, table: str, rows: int | None = None) -> str | None:
    try:
        meta = pq.read_metadata(path)
        problem = schema_problem(meta.schema.to_arrow_schema(), table)
        if problem is None and rows is not None and meta.num_rows != rows:
            return f"holds {meta.num_rows} rows, {rows} were written"
        return problem
    except (OSError, pa.ArrowException) as exc:
        return f"is not a readable Parquet file ({str(exc).splitlines()[0][:120]})"


def _verify_legacy(root: Path, folder: Path, *, depth: Depth) -> str | None:
    """A batch without ``batch.json``: its Parquet files must be ours and read in full."""
    found = False
    for path in sorted(folder.iterdir()):
        if path.name == STAGING_MARK:
            continue
        if path.name not in TABLE_FILES:
            return f"holds {path.name!r}, which is not a batch table"
        found = True
        problem = verify_file(root, path, None, depth=depth)
        if problem:
            return problem
    return None if found else "holds no Parquet files"


def batch_files(root: Path, bid: str, meta: BatchMeta | None) -> dict[str, Path]:
    """``{table: path}`` of the files a batch has (those listed in its ``batch.json``, or
    the table files present in a batch written before checksums)."""
    folder = batch_dir(root, bid)
    if meta is not None:
        names = list(meta.files)
    else:
        names = sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []
    return {TABLE_FILES[n]: folder / n for n in names if n in TABLE_FILES}


_cache: dict[tuple[str, str, tuple[tuple[str, int, int], ...]], str | None] = {}
_cache_lock = threading.Lock()
_CACHE_MAX = 100_000


def _state(folder: Path) -> tuple[tuple[str, int, int], ...] | None:
    try:
        entries = sorted(folder.iterdir())
        return tuple((p.name, *_stat(p)) for p in entries)
    except OSError:
        return None


def _stat(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_size, st.st_mtime_ns


def verify_cached(root: Path, bid: str, *, depth: Depth = "checksums") -> str | None:
    """:func:`verify_batch`, remembered for as long as the batch's files do not change
    (their names, sizes and modification times)."""
    if not is_batch_id(bid):
        return verify_batch(root, bid, depth=depth)
    folder = batch_dir(root, bid)
    state = _state(folder) if folder.is_dir() and not folder.is_symlink() else None
    if state is None:
        return verify_batch(root, bid, depth=depth)
    if depth == "full" and meta_path(root, bid).exists():
        depth = "checksums"  # the same check for a batch with checksums
    key = (str(folder.resolve()), depth, state)
    with _cache_lock:
        if key in _cache:
            return _cache[key]
    verdict = verify_batch(root, bid, depth=depth)
    with _cache_lock:
        if len(_cache) >= _CACHE_MAX:
            _cache.clear()
        _cache[key] = verdict
    return verdict


def read_current(path: Path, table: str) -> pa.Table:
    """A batch file's table in the current schema: the columns a batch written by an older
    schema version lacks are added as nulls (what a reader sees for them too)."""
    data = pq.read_table(path)
    schema = TABLES[table]
    for f in schema:
        if f.name not in data.column_names:
            data = data.append_column(f, pa.nulls(data.num_rows, f.type))
    return data.select(schema.names).cast(schema)
