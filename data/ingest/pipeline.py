"""The ingest: documents in, published batches out, with a report of what happened."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from data.ingest.dedupe import NearDuplicateIndex, signature
from data.ingest.documents import Document, Rejected
from data.ingest.normalise import article_id, normalise_url
from data.ingest.rows import article_row, statement_rows, to_tables
from data.store.writer import StoreWriter

BATCH_SIZE = 200
"""Documents per all-or-nothing batch: an interrupted ingest loses at most one batch of work."""


@dataclass(slots=True)
class IngestReport:
    """What an ingest did.

    ``new`` articles stored (``syndicated`` of them are copies of a story already stored:
    kept, with the story's ``canonical_id``, but counted once in the series);
    ``duplicate`` inputs whose normalised text was already stored; ``quarantined`` holds
    every refused input with its one-line reason (also those refused by an earlier run,
    which are not stored twice); ``undated`` the sources of articles kept without a date.
    """

    new: int = 0
    duplicate: int = 0
    syndicated: int = 0
    statements: int = 0
    quarantined: list[Rejected] = field(default_factory=list)
    undated: list[str] = field(default_factory=list)
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
    scorer: Any | None = None,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
) -> IngestReport:
    """Score and publish ``items`` into the store at ``store``.

    Idempotent: articles already stored (same normalised text) are counted as duplicates and
    not scored again; a refused input already in the quarantine is not added again. Each
    batch of ``batch_size`` documents is published all-or-nothing, so a killed ingest keeps
    the batches it finished and a re-run completes the rest. Near-duplicates (syndicated
    copies) are stored with the ``canonical_id`` of the first copy.
    """
    import scoring

    report = IngestReport()
    with StoreWriter(store) as writer:
        seen = writer.known_article_ids()
        seen_bad = writer.known_quarantine()
        index = NearDuplicateIndex()
        index.load(writer.signatures())
        articles: list[dict[str, Any]] = []
        statements: list[dict[str, Any]] = []
        quarantine: list[dict[str, Any]] = []
        now = datetime.now(UTC).replace(microsecond=0)

        def flush() -> None:
            if not (articles or quarantine):
                return
            bid = writer.publish(to_tables(articles, statements, quarantine))
            if bid:
                report.batches.append(bid)
            articles.clear()
            statements.clear()
            quarantine.clear()

        for item in items:
            if isinstance(item, Rejected):
                report.quarantined.append(item)
                key = (item.source, item.reason)
                if key not in seen_bad:
                    seen_bad.add(key)
                    quarantine.append(
                        {"source": item.source, "reason": item.reason, "seen_at": now}
                    )
            else:
                aid = article_id(item.text)
                if aid in seen:
                    report.duplicate += 1
                else:
                    seen.add(aid)
                    sig = signature(item.text)
                    canonical = index.find(sig)
                    if canonical is not None:
                        report.syndicated += 1
                    canonical = canonical or aid
                    index.add(aid, canonical, sig)
                    analysis = scoring.analyze(
                        item.text, title=item.title, date=item.published, scorer=scorer
                    )
                    row = article_row(item, aid, analysis, url=normalise_url(item.url), now=now)
                    row.update(
                        canonical_id=canonical,
                        minhash=sig,
                        speaker=item.speaker,
                        speaker_country=item.country,
                    )
                    articles.append(row)
                    rows = statement_rows(item, aid, analysis)
                    for st in rows:
                        st["canonical_id"] = canonical
                    statements.extend(rows)
                    report.new += 1
                    report.statements += len(rows)
                    if item.published is None:
                        report.undated.append(item.source)
            if progress:
                progress(report)
            if len(articles) + len(quarantine) >= batch_size:
                flush()
        flush()
    return report
