"""What the store already holds, so a re-run only takes what is new, and when a source
that failed for a passing reason is due for another try.

There is no separate state file to get out of step: a feed entry counts as seen when its
normalised link is the ``url`` or ``source`` of a stored article or the ``source`` of a
quarantine row refused for good. An ingest killed before publishing leaves its entries
unseen, so the re-run takes them again: nothing is lost.

A transient failure (quarantine ``retry`` true: a server error, a time-out) does not make a
source seen. It is tried again on a later poll once :func:`retry_due` says so: the wait
doubles with each failed attempt, from :data:`RETRY_AFTER`; after :data:`MAX_ATTEMPTS`
attempts the source is refused for good.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from tension.data.ingest.normalise import normalise_url
from tension.data.store.reader import StoreReader

RETRY_AFTER = timedelta(minutes=5)
"""How long after a first transient failure a source is tried again (then 10, 20, 40...)."""
MAX_ATTEMPTS = 8
"""Attempts (about 21 hours of backoff in all) before a transient failure is final."""


@dataclass(slots=True)
class Seen:
    """``sources``: normalised URLs and sources stored or refused for good. ``retries``:
    sources whose every attempt failed transiently, with the number of attempts and the
    time of the last one."""

    sources: set[str] = field(default_factory=set)
    retries: dict[str, tuple[int, datetime]] = field(default_factory=dict)

    def __contains__(self, source: str) -> bool:
        return source in self.sources or (normalise_url(source) or source) in self.sources

    def add(self, source: str) -> None:
        self.sources.add(normalise_url(source) or source)

    def attempts(self, source: str) -> tuple[int, datetime] | None:
        """Failed attempts so far and when the last one was, or None."""
        return self.retries.get(normalise_url(source) or source)


def retry_due(attempts: int, last: datetime, now: datetime) -> bool:
    """True when a source that failed ``attempts`` times, last at ``last``, may be tried."""
    return now >= last + RETRY_AFTER * (2 ** max(0, attempts - 1))


def seen_sources(store: Path | str) -> Seen:
    """What the store at ``store`` holds (see :class:`Seen`)."""
    root = Path(store).expanduser()
    seen = Seen()
    if not (root / "manifest.json").exists():
        return seen
    reader = StoreReader(root)
    try:
        rows = reader.rows(
            "SELECT url FROM articles UNION SELECT source FROM articles "
            "UNION SELECT source FROM quarantine WHERE NOT coalesce(retry, false)"
        )
        retries = reader.rows(
            "SELECT source, count(*), max(seen_at) FROM quarantine "
            "WHERE coalesce(retry, false) GROUP BY source"
        )
    finally:
        reader.close()
    for (value,) in rows:
        if value is not None:
            seen.sources.add(str(value))
            if "://" in str(value):
                seen.sources.add(normalise_url(str(value)) or str(value))
    for source, attempts, last in retries:
        key = normalise_url(str(source)) or str(source)
        if key not in seen.sources:
            previous = seen.retries.get(key)
            total = int(attempts) + (previous[0] if previous else 0)
            latest = max(last, previous[1]) if previous else last
            seen.retries[key] = (total, latest)
    return seen
