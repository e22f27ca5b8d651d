"""What the store already holds, so a re-run only takes what is new.

There is no separate state file to get out of step: a feed entry counts as seen when its
normalised link is the ``url`` or ``source`` of a stored article or the ``source`` of a
quarantine row. An ingest killed before publishing leaves its entries unseen, so the re-run
takes them again: nothing is lost.
"""

from __future__ import annotations

from pathlib import Path

from tension.data.ingest.normalise import normalise_url
from tension.data.store.reader import StoreReader


def seen_sources(store: Path | str) -> set[str]:
    """Normalised URLs and sources already in the store (articles and quarantine)."""
    root = Path(store).expanduser()
    if not (root / "manifest.json").exists():
        return set()
    reader = StoreReader(root)
    try:
        rows = reader.rows(
            "SELECT url FROM articles UNION SELECT source FROM articles "
            "UNION SELECT source FROM quarantine"
        )
    finally:
        reader.close()
    seen = {str(r[0]) for r in rows if r[0] is not None}
    seen |= {u for u in (normalise_url(s) for s in list(seen) if "://" in s) if u}
    return seen
