"""What the store already holds, so a re-run only takes what is new.

There is no separate state file to get out of step: a feed entry counts as seen when its
normalised link is the ``url`` or ``source`` of a stored article or the ``source`` of a
quarantine row. An ingest killed before publishing leaves its entries unseen, so the re-run
takes them again: nothing is lost.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from tension.data.ingest.normalise import normalise_url
from tension.data.store.layout import batch_files, read_manifest


def seen_sources(store: Path | str) -> set[str]:
    """Normalised URLs and sources already in the store (articles and quarantine)."""
    root = Path(store).expanduser()
    if not (root / "manifest.json").exists():
        return set()
    manifest = read_manifest(root)
    seen: set[str] = set()
    con = duckdb.connect()
    try:
        for table, cols in (("articles", ("url", "source")), ("quarantine", ("source",))):
            files = batch_files(root, manifest, table)
            if not files:
                continue
            for col in cols:
                rows = con.execute(
                    f"SELECT DISTINCT {col} FROM read_parquet(?, union_by_name = true) "
                    f"WHERE {col} IS NOT NULL",
                    [files],
                ).fetchall()
                seen.update(str(r[0]) for r in rows)
    finally:
        con.close()
    seen |= {u for u in (normalise_url(s) for s in list(seen) if "://" in s) if u}
    return seen
