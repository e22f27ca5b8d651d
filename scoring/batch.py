"""The scorer as a pure batch function: a list of articles in, their analyses out.

This is the unit of work every executor runs (one process, a local process pool, a Dask
cluster): it reads nothing but its argument and the package's own data, writes nothing, and
keeps its heavy objects (lexicon matcher, VADER, country tables) in per-process caches, so a
worker pays for them once and then scores batch after batch. Turning the results into store
rows is the data side's business (:mod:`tension.data.executor`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from tension.scoring.analyze import analyze
from tension.scoring.intensity import TextScorer
from tension.scoring.types import ArticleAnalysis

__all__ = ["analyze_batch", "warm"]

_WARM_TEXT = (
    "Iran's foreign minister said on Monday that Azerbaijan had made a grave mistake. "
    '"We will respond to any threat," he said, but talks in Baku would go on.'
)


def warm() -> None:
    """Build the process-wide scorer, matchers and tables now (a worker's initializer)."""
    analyze(_WARM_TEXT, title="Warm-up")


def analyze_batch(
    records: Sequence[Mapping[str, Any]], scorer: TextScorer | None = None
) -> list[ArticleAnalysis]:
    """:func:`tension.scoring.analyze` for each record, in order, with ``scorer`` (default: the
    bundled lexicon's).

    Each record needs ``text`` and may have ``title`` (str or None) and ``published`` (a
    ``datetime.date``, a ``datetime`` or None; it picks the officials in office). Other keys
    are ignored, so callers can pass their own rows.
    """
    out: list[ArticleAnalysis] = []
    for record in records:
        published = record.get("published")
        if isinstance(published, dt.datetime):
            published = published.date()
        out.append(
            analyze(record["text"], title=record.get("title"), date=published, scorer=scorer)
        )
    return out
