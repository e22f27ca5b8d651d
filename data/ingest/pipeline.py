"""The ingest: documents in, published batches out, with a report of what happened."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import scoring
from data.ingest.documents import Document, Rejected
from data.ingest.normalise import article_id, normalise_url
from data.ingest.rows import article_row, statement_rows, to_tables
from data.store.writer import StoreWriter

BATCH_SIZE = 500
"""Documents per all-or-nothing batch: an interrupted ingest loses at most one batch of work."""


@dataclass(slots=True)
class IngestReport:
    """What an ingest did. ``quarantined`` holds one-line reasons, ``undated`` the sources
    of articles kept without a publication date."""

    new: int = 0
    duplicate: int = 0
    statements: int = 0
    quarantined: list[Rejected] = field(default_factory=list)
    undated: list[str] = field(default_factory=list)
    batches: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when something was ingested or everything was already there."""
        return self.new > 0 or self.duplicate > 0


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
    not scored again. Each batch of ``batch_size`` documents is published all-or-nothing.
    """
    report = IngestReport()
    with StoreWriter(store) as writer:
        seen = writer.known_article_ids()
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
                quarantine.append({"source": item.source, "reason": item.reason, "seen_at": now})
            else:
                aid = article_id(item.text)
                if aid in seen:
                    report.duplicate += 1
                else:
                    seen.add(aid)
                    analysis = scoring.analyze(
                        item.text, title=item.title, date=item.published, scorer=scorer
                    )
                    articles.append(
                        article_row(item, aid, analysis, url=normalise_url(item.url), now=now)
                    )
                    rows = statement_rows(item, aid, analysis)
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
