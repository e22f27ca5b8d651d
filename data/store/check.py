"""``tension check``: is every published row where the manifest says, as it was written?

What is checked (nothing is changed):

- the manifest: present (when batches exist), readable, ours, every entry a batch id;
- every live batch: its folder and files present inside the store, sizes and SHA-256 as
  written at publish (``batch.json``), Parquet files of the table's schema that read in full
  with the rows written; batches written before checksums existed are read in full instead;
- what does not belong: batch folders the manifest does not list (a run killed before
  publishing, a batch a rescore replaced), other entries in ``batches/`` and ``staging/``.
  Other files beside the store's own at its top level are noted and left alone.

:class:`CheckReport` lists each finding with a one-line reason; ``tension repair`` acts on
them (see :mod:`tension.data.store.repair`).
"""

from __future__ import annotations

import fcntl
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from tension.data.errors import StoreError
from tension.data.store.integrity import verify_batch
from tension.data.store.layout import (
    BATCHES,
    LOCK,
    STAGING,
    STAGING_MARK,
    BadBatchMeta,
    Kind,
    Manifest,
    classify,
    is_batch_id,
    is_own_name,
    read_batch_meta,
    read_manifest,
)
from tension.data.store.writer import lock_holder


class Severity(Enum):
    DAMAGE = "damage"  # published rows are missing or unreadable
    STRAY = "stray"  # something that does not belong (no data is at risk)
    NOTE = "note"  # worth knowing, nothing to repair


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing ``tension check`` found: ``where`` (a batch id or a path inside the store),
    what is wrong, and how serious it is."""

    where: str
    problem: str
    severity: Severity

    def __str__(self) -> str:
        return f"{self.severity.value}: {self.where}: {self.problem}"


@dataclass(slots=True)
class CheckReport:
    root: Path
    manifest: Manifest | None  # None when missing or unreadable
    manifest_problem: str | None = None
    intact: list[str] = field(default_factory=list)
    damaged: dict[str, str] = field(default_factory=dict)
    unlisted: dict[str, str] = field(default_factory=dict)  # batch folder -> what it is
    findings: list[Finding] = field(default_factory=list)
    writer: str | None = None  # who was writing while the store was checked

    @property
    def ok(self) -> bool:
        """True when nothing needs repair (notes aside)."""
        return all(f.severity is Severity.NOTE for f in self.findings)


def check_store(root: Path | str, *, locked: bool = False) -> CheckReport:
    """Check the store at ``root``; raises :class:`StoreError` when there is no store there
    (a missing folder, or one that holds other files and no manifest). ``locked``: the
    caller holds the writer lock (``tension repair``), so no writer is at work."""
    path = Path(root).expanduser()
    kind, reason = classify(path)
    if kind is Kind.MISSING:
        raise StoreError(f"{path}: no store here (the folder does not exist)")
    if kind is Kind.FOREIGN:
        raise StoreError(reason)
    report = CheckReport(path, None, writer=None if locked else active_writer(path))
    if report.writer:
        report.findings.append(
            Finding(
                "writer.lock",
                f"a writer is at work ({report.writer}): what it is staging is not reported",
                Severity.NOTE,
            )
        )
    if kind is Kind.ORPHANED:
        report.manifest_problem = "manifest.json is missing, but the store has batches"
        report.findings.append(Finding("manifest.json", "is missing", Severity.DAMAGE))
    elif kind is Kind.STORE:
        try:
            report.manifest = read_manifest(path)
        except StoreError as exc:
            report.manifest_problem = str(exc)
            problem = str(exc).removeprefix(f"{path / 'manifest.json'}: ")
            report.findings.append(Finding("manifest.json", problem, Severity.DAMAGE))
    else:
        report.manifest = Manifest()
    live = report.manifest.batches if report.manifest else []
    if report.manifest:
        for entry in report.manifest.invalid:
            report.findings.append(
                Finding(
                    "manifest.json",
                    f"lists {entry!r}, which is not a batch id (never read)",
                    Severity.DAMAGE,
                )
            )
    for bid in live:
        damage = verify_batch(path, bid)
        if damage:
            report.damaged[bid] = damage
            report.findings.append(Finding(f"batch {bid}", damage, Severity.DAMAGE))
            continue
        report.intact.append(bid)
        if read_batch_meta(path, bid) is None:
            report.findings.append(
                Finding(
                    f"batch {bid}",
                    "written before checksums: read in full instead (repair adds them)",
                    Severity.NOTE,
                )
            )
    _unlisted(report, set(live))
    _staging(report)
    for other in sorted(p.name for p in path.iterdir()):
        if not is_own_name(other):
            report.findings.append(
                Finding(other, "is not part of the store (left alone)", Severity.NOTE)
            )
    return report


def active_writer(root: Path) -> str | None:
    """Who holds the store's writer lock right now (as :func:`lock_holder` says), or None."""
    lock = root / LOCK
    if not lock.is_file():
        return None
    with open(lock, "rb") as fh:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return lock_holder(root)
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
    return None


def _unlisted(report: CheckReport, live: set[str]) -> None:
    """Entries of ``batches/`` the manifest does not list: what each one is."""
    folder = report.root / BATCHES
    if not folder.is_dir():
        return
    replaced: dict[str, str] = {}
    for bid in live:
        try:
            meta = read_batch_meta(report.root, bid)
        except (BadBatchMeta, OSError):
            continue
        for old in meta.replaces if meta else []:
            replaced[old] = bid
    for entry in sorted(folder.iterdir()):
        name = entry.name
        record = name.removesuffix(".json") if name.endswith(".json") else None
        if name in live or record in live:
            continue
        where = f"{BATCHES}/{name}"
        if record is not None and is_batch_id(record) and entry.is_file():
            if (folder / record).is_dir():
                continue  # reported with its folder
            what = "the record of a batch whose folder is gone (never published, or replaced)"
        elif not is_batch_id(name) or entry.is_symlink() or not entry.is_dir():
            what = "not a batch of this store"
        elif report.manifest is None:
            problem = verify_batch(report.root, name)
            what = "a batch (the manifest is lost)" + (f", damaged: {problem}" if problem else "")
        elif name in replaced:
            what = f"a batch replaced by {replaced[name]} (a rescore killed before removing it)"
        else:
            what = "a batch the manifest does not list (a run killed before publishing it)"
        report.unlisted[name] = what
        if report.manifest is not None and not report.writer:
            report.findings.append(Finding(where, what, Severity.STRAY))


def _staging(report: CheckReport) -> None:
    folder = report.root / STAGING
    if not folder.is_dir() or report.writer:
        return
    for entry in sorted(folder.iterdir()):
        where = f"{STAGING}/{entry.name}"
        if entry.is_dir() and not entry.is_symlink() and (entry / STAGING_MARK).is_file():
            what = "a batch a killed writer was staging (the next writer removes it)"
        else:
            what = "not a batch being written by this program"
        report.findings.append(Finding(where, what, Severity.STRAY))
