"""``tension repair``: put a damaged store back in order, keeping a backup of everything it
takes out, and say exactly what was lost and how to ingest it again.

What a repair does, under the writer lock (see :func:`repair_store`):

1. Runs :func:`tension.data.store.check.check_store`. Nothing to do: nothing changes.
2. Makes a backup folder ``repairs/<UTC time>/`` and copies the manifest into it.
3. Decides the live batches: the manifest's, or, when the manifest is missing or garbled,
   every batch folder whose ``batch.json`` names it, less the batches a later one replaced
   (a rescore) and copies of articles another batch already holds, oldest first.
4. Each damaged batch is moved into the backup; what was intact in it is published again
   as a new batch: its quarantine rows, and its articles with their statements (rescored
   from the intact article texts by ``rebuild`` when the statements file is the damaged
   one). What could not be kept is listed with the sources it came from.
5. Batch folders no live batch accounts for (leftovers of killed runs, replaced batches,
   anything else in ``batches/`` or ``staging/``) are moved into the backup, never deleted.
   Entries beside the store's own at its top level are left alone.
6. Batches written before checksums existed get their ``batch.json``.
7. Writes the new manifest atomically, and ``REPORT.txt`` into the backup.

Guarantee: every row of an intact batch stays published exactly once; nothing is deleted
(what leaves the store goes into the backup); a repair of a healthy store changes nothing.
"""

from __future__ import annotations

import re
import shlex
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from tension.data.store.check import CheckReport, Severity, check_store
from tension.data.store.integrity import (
    TABLE_FILES,
    batch_files,
    read_current,
    verify_batch,
    verify_file,
)
from tension.data.store.layout import (
    BATCHES,
    MANIFEST,
    REPAIRS,
    STAGING,
    BadBatchMeta,
    BatchMeta,
    FileSum,
    Manifest,
    batch_dir,
    is_batch_id,
    is_inside,
    meta_path,
    read_batch_meta,
    sha256_file,
    write_batch_meta,
    write_manifest,
)
from tension.data.store.writer import OnWait, StoreWriter

Rebuild = Callable[[pa.Table], dict[str, pa.Table]]
"""Scores a batch's intact ``articles`` again: returns new ``articles`` and ``statements``
tables (``tension repair`` passes :func:`tension.data.ingest.rescore.rebuild_batch`)."""


@dataclass(frozen=True, slots=True)
class Dropped:
    """Rows a repair could not keep: from ``batch``, why, how many articles, from which
    sources (the inputs to ingest again)."""

    batch: str
    reason: str
    articles: int | None
    sources: tuple[str, ...]


@dataclass(slots=True)
class RepairReport:
    root: Path
    backup: Path | None = None
    manifest_rebuilt: bool = False
    live: list[str] = field(default_factory=list)
    rebuilt: list[tuple[str, str, str]] = field(default_factory=list)  # (old, new, what)
    dropped: list[Dropped] = field(default_factory=list)
    moved: list[tuple[str, str]] = field(default_factory=list)  # (where, what it was)
    checksums_added: list[str] = field(default_factory=list)
    invalid_entries: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.backup is not None

    def lines(self) -> list[str]:
        """What the repair did, one line each, with the commands that ingest again what
        was lost."""
        if not self.changed:
            return [f"{self.root}: nothing to repair"]
        out = [f"Backup of everything taken out: {self.backup}"]
        if self.manifest_rebuilt:
            out.append(f"manifest.json rebuilt from {len(self.live)} batch folders")
        out += [f"dropped from the manifest: {e!r} (not a batch id)" for e in self.invalid_entries]
        for old, new, what in self.rebuilt:
            out.append(f"batch {old}: {what}; published again as {new}")
        for d in self.dropped:
            n = "an unknown number of" if d.articles is None else str(d.articles)
            out.append(f"batch {d.batch}: dropped {n} articles ({d.reason})")
        out += [f"moved into the backup: {where} ({what})" for where, what in self.moved]
        if self.checksums_added:
            out.append(f"checksums written for {len(self.checksums_added)} older batches")
        out.append(f"{len(self.live)} batches are live")
        hints = reingest_hints([s for d in self.dropped for s in d.sources])
        if hints:
            out.append("To ingest again what was dropped:")
            out += [f"  {h}" for h in hints]
        elif any(d.articles for d in self.dropped):
            out.append("The sources of the dropped articles are unknown (no batch.json).")
        return out


_LINE_SUFFIX = re.compile(r"(?::\d+|\[\d+\])$")


def reingest_hints(sources: list[str]) -> list[str]:
    """Commands (and instructions) that ingest ``sources`` again. Ingest is idempotent:
    giving whole files back stores only what the store lacks."""
    files: dict[str, None] = {}
    urls: dict[str, None] = {}
    other: dict[str, None] = {}
    demo = False
    for source in sources:
        if source.startswith(("http://", "https://")):
            urls.setdefault(source, None)
        elif source.startswith("demo:"):
            demo = True
        elif source == "pasted text":
            other.setdefault("paste the text again on the Add data page", None)
        else:
            files.setdefault(_LINE_SUFFIX.sub("", source), None)
    hints = []
    if files:
        hints.append("tension ingest " + " ".join(shlex.quote(f) for f in files))
        if any(not f.startswith("/") for f in files):
            hints.append("(relative paths are as the original ingest was given them)")
    if urls:
        hints.append("tension ingest " + " ".join(shlex.quote(u) for u in urls))
    if demo:
        hints.append("tension demo")
    hints += list(other)
    return hints


def repair_store(
    root: Path | str,
    *,
    rebuild: Rebuild | None = None,
    on_wait: OnWait | None = None,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> RepairReport:
    """Repair the store at ``root`` (see the module's documentation); raises
    :class:`tension.data.errors.StoreError` when there is no store there."""
    with StoreWriter(root, on_wait=on_wait, repairing=True) as writer:
        check = check_store(writer.root, locked=True)
        report = RepairReport(writer.root)
        legacy = [
            f.where.removeprefix("batch ")
            for f in check.findings
            if f.severity is Severity.NOTE and "before checksums" in f.problem
        ]
        if check.ok and not legacy:
            report.live = list(check.manifest.batches if check.manifest else [])
            return report
        report.backup = _backup_folder(writer.root, clock())
        if (writer.root / MANIFEST).is_file():
            shutil.copy2(writer.root / MANIFEST, report.backup / MANIFEST)
        if check.manifest is not None:
            live = list(check.manifest.batches)
            report.invalid_entries = list(check.manifest.invalid)
        else:
            live = _rediscover(writer.root, report)
            report.manifest_rebuilt = True
        for bid in live:
            problem = verify_batch(writer.root, bid)
            if problem is None:
                report.live.append(bid)
                if read_batch_meta(writer.root, bid) is None:
                    _add_checksums(writer.root, bid)
                    report.checksums_added.append(bid)
                continue
            new = _salvage(writer, bid, problem, rebuild, report)
            _move(writer.root, batch_dir(writer.root, bid), report, f"damaged: {problem}")
            _move(writer.root, meta_path(writer.root, bid), report, "its record")
            if new is not None:
                report.live.append(new)
        _sweep(writer.root, set(report.live), check, report)
        write_manifest(
            writer.root,
            Manifest(
                batches=report.live, updated_at=datetime.now(UTC).isoformat(timespec="seconds")
            ),
        )
        (report.backup / "REPORT.txt").write_text(
            "\n".join(report.lines()) + "\n", encoding="utf-8"
        )
    return report


def _backup_folder(root: Path, now: datetime) -> Path:
    base = root / REPAIRS / now.strftime("%Y%m%dT%H%M%SZ")
    folder, n = base, 1
    while folder.exists():
        n += 1
        folder = base.with_name(f"{base.name}-{n}")
    folder.mkdir(parents=True)
    return folder


def _move(root: Path, path: Path, report: RepairReport, what: str) -> None:
    """Move ``path`` (inside the store) into the backup, keeping its place in the tree."""
    if report.backup is None or (not path.exists() and not path.is_symlink()):
        return
    where = path.relative_to(root)
    target = report.backup / where
    target.parent.mkdir(parents=True, exist_ok=True)
    path.rename(target)
    report.moved.append((str(where), what))


def _meta(root: Path, bid: str) -> BatchMeta | None:
    try:
        return read_batch_meta(root, bid)
    except (BadBatchMeta, OSError):
        return None


def _rediscover(root: Path, report: RepairReport) -> list[str]:
    """The live batches of a store whose manifest is lost: every batch folder, less those a
    later batch replaced and copies of articles an earlier batch holds, oldest first."""
    folder = root / BATCHES
    found: list[tuple[str, str, BatchMeta | None]] = []
    for entry in sorted(folder.iterdir()) if folder.is_dir() else []:
        if not is_batch_id(entry.name) or not entry.is_dir() or not is_inside(root, entry):
            continue
        meta = _meta(root, entry.name)
        if meta is None and not any(entry.glob("*.parquet")):
            continue
        when = meta.published_at if meta else _mtime_iso(entry)
        found.append((when, entry.name, meta))
    replaced = {old for _, _, meta in found if meta for old in meta.replaces}
    live: list[str] = []
    held: set[str] = set()
    for _, bid, _ in sorted(found, key=lambda f: (f[0], f[1])):
        if bid in replaced:
            continue  # the sweep moves it into the backup
        ids = _article_ids(root, bid)
        if ids & held:
            continue  # a copy of articles an earlier batch holds (a re-run's): swept
        held |= ids
        live.append(bid)
    return live


def _mtime_iso(path: Path) -> str:
    return datetime.fromtimestamp(path.stat().st_mtime, UTC).isoformat(timespec="seconds")


def _article_ids(root: Path, bid: str) -> set[str]:
    path = batch_dir(root, bid) / "articles.parquet"
    try:
        return {
            str(a) for a in pq.read_table(path, columns=["article_id"])["article_id"].to_pylist()
        }
    except (OSError, pa.ArrowException):
        return set()


def _salvage(
    writer: StoreWriter, bid: str, problem: str, rebuild: Rebuild | None, report: RepairReport
) -> str | None:
    """Publish what is intact in damaged batch ``bid`` as a new batch (placed, not listed);
    return its id, or None when nothing could be kept. Records what was dropped."""
    root = writer.root
    folder = batch_dir(root, bid)
    meta = _meta(root, bid)
    intact: dict[str, pa.Table] = {}
    if folder.is_dir() and is_inside(root, folder):
        files = batch_files(root, bid, meta) if meta else _present(folder)
        for table, path in files.items():
            expected = meta.files.get(path.name) if meta else None
            if verify_file(root, path, expected) is None:
                intact[table] = read_current(path, table)
    keep: dict[str, pa.Table] = {}
    what: list[str] = []
    if "quarantine" in intact:
        keep["quarantine"] = intact["quarantine"]
    articles = intact.get("articles")
    listed = set(meta.files) if meta else set(TABLE_FILES)
    if articles is not None and articles.num_rows:
        if "statements" in intact or "statements.parquet" not in listed:
            keep["articles"] = articles
            if "statements" in intact:
                keep["statements"] = intact["statements"]
        elif rebuild is not None:
            keep.update(rebuild(articles))
            what.append(f"statements rebuilt from its {articles.num_rows} intact articles")
    kept_articles = keep["articles"].num_rows if "articles" in keep else 0
    written = meta.files.get("articles.parquet") if meta else None
    total = written.rows if written else (articles.num_rows if articles is not None else None)
    if total is None or kept_articles < total:
        kept_sources = set()
        for table in ("articles", "quarantine"):
            if table in keep:
                kept_sources |= {str(s) for s in keep[table].column("source").to_pylist() if s}
        lost = tuple(s for s in (meta.sources if meta else []) if s not in kept_sources)
        report.dropped.append(
            Dropped(bid, problem, None if total is None else total - kept_articles, lost)
        )
    if not any(t.num_rows for t in keep.values()):
        return None
    new = writer.place(keep, avoid=[bid, *report.live])
    kept = ", ".join(f"{t.num_rows} {name}" for name, t in keep.items() if t.num_rows)
    report.rebuilt.append((bid, new, "; ".join([*what, f"kept {kept}"])))
    return new


def _present(folder: Path) -> dict[str, Path]:
    return {table: folder / name for name, table in TABLE_FILES.items() if (folder / name).exists()}


def _add_checksums(root: Path, bid: str) -> None:
    """Write ``batch.json`` for an intact batch written before checksums existed."""
    folder = batch_dir(root, bid)
    meta = BatchMeta(batch=bid, published_at=_mtime_iso(folder))
    sources: dict[str, None] = {}
    for table, path in _present(folder).items():
        rows = pq.read_metadata(path).num_rows
        meta.files[path.name] = FileSum(path.stat().st_size, sha256_file(path), rows)
        if table in ("articles", "quarantine"):
            for s in pq.read_table(path, columns=["source"])["source"].to_pylist():
                if s:
                    sources.setdefault(str(s), None)
    meta.sources = list(sources)
    write_batch_meta(root, meta)


def _sweep(root: Path, live: set[str], check: CheckReport, report: RepairReport) -> None:
    """Move into the backup every entry of ``batches/`` and ``staging/`` that is not a live
    batch's folder or record."""
    keep = live | {f"{bid}.json" for bid in live}
    for name in sorted(p.name for p in (root / BATCHES).iterdir()):
        if name not in keep:
            what = check.unlisted.get(name, "not listed")
            _move(root, root / BATCHES / name, report, what)
    staging = root / STAGING
    if staging.is_dir():
        for entry in sorted(staging.iterdir()):
            _move(root, entry, report, "left in staging")
