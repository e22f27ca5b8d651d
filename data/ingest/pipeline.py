"""The ingest: documents in, published batches out, with a report of what happened."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from tension.data.executor import Executor, SerialExecutor, map_groups
from tension.data.ingest.dates import implausible
from tension.data.ingest.dedupe import NearDuplicateIndex, signature
from tension.data.ingest.documents import Document, Note, Rejected
from tension.data.ingest.normalise import article_id, normalise_url
from tension.data.ingest.rows import (
    NOTES,
    IngestRecord,
    concat,
    ingest_tables,
    quarantine_table,
    scored_part,
)
from tension.data.scorers import ScorerSpec
from tension.data.store.known import Known
from tension.data.store.writer import OnWait, StoreWriter, check_writable, open_store_dir

BATCH_SIZE = 200
"""Documents per all-or-nothing batch: an interrupted ingest loses at most one batch of work."""


@dataclass(slots=True)
class IngestReport:
    """What an ingest did.

    ``new`` articles stored (``syndicated`` of them are copies of a story already stored:
    kept, with the story's ``canonical_id``, but counted once in the series);
    ``duplicate`` inputs whose normalised text was already stored; ``quarantined`` holds
    every refused input with its one-line reason (also those refused by an earlier run,
    which are not stored twice; a transient failure is stored each time, to be retried);
    ``undated`` the sources of articles kept without a date; ``notes`` what was kept but
    changed (a date outside the plausible range dropped, see
    :func:`tension.data.ingest.dates.implausible`; text decoded with replacement).
    """

    new: int = 0
    duplicate: int = 0
    syndicated: int = 0
    statements: int = 0
    quarantined: list[Rejected] = field(default_factory=list)
    undated: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    batches: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when something was ingested or everything was already there."""
        return self.new > 0 or self.duplicate > 0

    @property
    def seen(self) -> int:
        return self.new + self.duplicate + len(self.quarantined)


Progress = Callable[[IngestReport], None]


def ingest_documents(
    store: Path | str,
    items: Iterable[Document | Rejected],
    *,
    spec: ScorerSpec | None = None,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
    executor: Executor | None = None,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    on_wait: OnWait | None = None,
) -> IngestReport:
    """Score and publish ``items`` into the store at ``store``.

    Idempotent: articles already stored (same normalised text) are counted as duplicates and
    not scored again; a refused input already in the quarantine is not added again. Each
    batch of ``batch_size`` documents is published all-or-nothing, so a killed ingest keeps
    the batches it finished and a re-run completes the rest. Near-duplicates (syndicated
    copies) are stored with the ``canonical_id`` of the first copy.

    ``spec`` (:func:`tension.data.scorers.scorer_spec`; default: the bundled lexicon) says
    what scores; ``executor`` (:mod:`tension.data.executor`; default: this process) where.
    Duplicate and near-duplicate detection stay here, in input order, and batches are
    published in input order, so every executor gives the same store. ``clock`` gives the
    ingest time stamped on every row (UTC, to the second).

    The store's writer lock is taken only to publish each batch: reading the inputs
    (fetching URLs and feeds) and scoring happen outside it, so a slow server never blocks
    another writer. What other writers published meanwhile is taken in under the lock, and
    articles they stored first count as duplicates here. ``on_wait`` is told once, in one
    line, when this ingest has to wait for another writer's lock (who holds it, since when).
    A folder that is not a store is refused (``StoreError``) before any input is read.
    """
    root = open_store_dir(store)
    live = check_writable(root).batches  # refuse a damaged store before reading
    _system_arrow_allocator()
    # the ids and signatures of what is stored: on disk, so memory does not grow with them
    with NearDuplicateIndex() as index:
        known = Known()
        known.load(root, live, into=index)
        return _ingest(
            root, items, known, index, spec, batch_size, progress, executor, clock, on_wait
        )


def _ingest(
    root: Path,
    items: Iterable[Document | Rejected],
    known: Known,
    index: NearDuplicateIndex,
    spec: ScorerSpec | None,
    batch_size: int,
    progress: Progress | None,
    executor: Executor | None,
    clock: Callable[[], datetime],
    on_wait: OnWait | None,
) -> IngestReport:
    report = IngestReport()
    others = Known()  # what other writers publish while this ingest runs
    seen = index  # article ids: `aid in seen`, added with the article's signature
    seen_bad = known.quarantine
    now = clock().replace(microsecond=0)
    today = now.astimezone(UTC).date()
    waited = False

    def waiting(message: str) -> None:
        nonlocal waited
        if on_wait is not None and not waited:
            on_wait(message)
        waited = True

    def groups() -> Iterator[tuple[_Batch, list[IngestRecord]]]:
        """Publish batches, planned here in input order, with the records to score."""
        batch = _Batch()
        for item in items:
            if isinstance(item, Rejected):
                report.quarantined.append(item)
                key = (item.source, item.reason)
                if item.transient or key not in seen_bad:
                    # every transient failure is kept: their count sets the backoff
                    seen_bad.add(key)
                    batch.quarantine.append(
                        {
                            "source": item.source,
                            "reason": item.reason,
                            "seen_at": now,
                            "retry": item.transient,
                        }
                    )
            else:
                item = _without_nul(item)
                why = implausible(item.published, today)
                if why is not None:
                    item = replace(
                        item, published=None, notes=(*item.notes, f"{why}: kept without a date")
                    )
                aid = article_id(item.text)
                if aid in seen:
                    report.duplicate += 1
                else:
                    sig = signature(scored_part(item.text))  # bounded like the scoring
                    canonical = index.find(sig)
                    if canonical is not None:
                        report.syndicated += 1
                    canonical = canonical or aid
                    index.add(aid, canonical, sig)
                    url = normalise_url(item.url)
                    batch.docs.append((item, aid, canonical, sig, url, now))
                    report.new += 1
                    if item.published is None:
                        report.undated.append(item.source)
                    report.notes += [Note(item.source, n) for n in item.notes]
            if progress:
                progress(report)
            del item  # while this generator waits for a publish, it holds no text of its own
            if len(batch.docs) + len(batch.quarantine) >= batch_size:
                yield batch, batch.docs
                batch = _Batch()
        if batch.docs or batch.quarantine:
            yield batch, batch.docs

    score = partial(ingest_tables, spec=spec or ScorerSpec())
    for batch, parts in map_groups(executor or SerialExecutor(), groups(), score):
        tables = concat(parts)
        batch.docs.clear()  # the texts are in the tables now: do not hold them twice
        notes = tables.pop(NOTES)
        report.notes += [
            Note(str(s), str(m))
            for s, m in zip(notes["source"].to_pylist(), notes["message"].to_pylist(), strict=True)
        ]
        tables["quarantine"] = quarantine_table(batch.quarantine)
        with StoreWriter(root, on_wait=waiting) as writer:
            live = writer.manifest().batches
            new = [b for b in live if b not in known.batches and b not in others.batches]
            if new:  # another writer published meanwhile: take in what it stored
                before = len(others.signatures)
                others.load(root, new)
                index.update_ids(others.article_ids)
                seen_bad.update(others.quarantine)
                for aid, canonical, sig in others.signatures[before:]:
                    index.add(aid, canonical, sig)
            if others.batches:
                tables = _without(tables, others, report)
            report.statements += tables["statements"].num_rows
            bid = writer.publish(tables)
        if bid:
            known.batches.add(bid)
            report.batches.append(bid)
    return report


def _system_arrow_allocator() -> None:
    """Arrow buffers from the C library's allocator in a process that ingests. The batches'
    tables come and go in many sizes (built here, unpickled from workers, written to
    Parquet); Arrow's default mimalloc pool kept 25 MB more at 5,000 articles and crept up
    with the number of batches (the bench's ingest: 305 MB against 280 MB)."""
    import pyarrow as pa

    pa.set_memory_pool(pa.system_memory_pool())


def _without(tables: dict[str, Any], other: Known, report: IngestReport) -> dict[str, Any]:
    """The batch's rows less the articles and quarantine rows ``other`` already holds
    (published by another writer since this ingest looked): those count as duplicates."""
    import pyarrow as pa
    import pyarrow.compute as pc

    out = dict(tables)
    ids = pa.array(sorted(other.article_ids), pa.string())
    for name in ("articles", "statements"):
        keep = pc.invert(pc.is_in(tables[name]["article_id"], value_set=ids))
        out[name] = tables[name].filter(keep)
    dropped = tables["articles"].num_rows - out["articles"].num_rows
    report.new -= dropped
    report.duplicate += dropped
    quarantine = tables["quarantine"]
    if quarantine.num_rows:
        keys = zip(
            quarantine["source"].to_pylist(),
            quarantine["reason"].to_pylist(),
            quarantine["retry"].to_pylist(),
            strict=True,
        )
        mask = pa.array([bool(t) or (str(s), str(r)) not in other.quarantine for s, r, t in keys])
        out["quarantine"] = quarantine.filter(mask)
    return out


_TEXT_FIELDS = ("text", "title", "url", "outlet", "speaker", "country")


def _without_nul(doc: Document) -> Document:
    """``doc`` with NUL characters taken out of its text fields (NUL bytes deep in a file,
    ``\\u0000`` in JSON): a note says so when the text held any."""
    found = [f for f in _TEXT_FIELDS if "\x00" in (getattr(doc, f) or "")]
    if not found:
        return doc
    clean: dict[str, Any] = {f: getattr(doc, f).replace("\x00", "") for f in found}
    clean["notes"] = (*doc.notes, f"NUL characters removed from its {', '.join(found)}")
    return replace(doc, **clean)


@dataclass(slots=True)
class _Batch:
    """One publish batch as planned: new documents (with id, story id, signature) and
    quarantine rows."""

    docs: list[IngestRecord] = field(default_factory=list)
    quarantine: list[dict[str, Any]] = field(default_factory=list)
