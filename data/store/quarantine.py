"""The quarantine: inputs that were refused, with their one-line reason."""

from __future__ import annotations

import pandas as pd

from tension.data.store.reader import StoreReader


def quarantine_rows(reader: StoreReader, limit: int = 500) -> pd.DataFrame:
    """Refused inputs, newest first: columns ``source``, ``reason``, ``seen_at``.

    One row per distinct source and reason (the earliest time it was seen), even if a store
    written by an older version holds repeats.
    """
    return reader.df(
        """
        SELECT source, reason, min(seen_at) AS seen_at
        FROM quarantine
        GROUP BY source, reason
        ORDER BY seen_at DESC, source, reason
        LIMIT $n
        """,
        {"n": int(limit)},
    )
