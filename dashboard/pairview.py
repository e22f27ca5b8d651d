"""What the pair timeline shows, computed once for the page and for the briefing.

Both ask the store through a ``fetch`` function (``fetch(query_fn, *args, **kwargs)``): the
page passes :func:`tension.dashboard.store.query` (cached), ``tension report`` a plain call
on its reader, so a briefing's numbers are the page's numbers by construction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from tension.dashboard import analysis, stats
from tension.data.store import queries as q

Fetch = Callable[..., Any]


@dataclass(frozen=True, slots=True)
class PairView:
    """The timeline of ``pairs`` (the first is the page's pair, the others overlays):
    ``directed`` (on the calendar, with intervals, rolling means and spikes), ``articles``
    (article series per pair label "AZE–IRN", rolled) and ``notes`` (annotations of the
    first pair in the dates)."""

    directed: pd.DataFrame
    articles: dict[str, pd.DataFrame]
    notes: pd.DataFrame

    @property
    def empty(self) -> bool:
        return self.directed.empty and all(a.empty for a in self.articles.values())


def pair_view(
    fetch: Fetch,
    pairs: list[str],
    *,
    start: date,
    end: date,
    bucket: str,
    smooth: int,
    min_n: int,
) -> PairView:
    """The series the pair timeline draws for ``pairs`` ("AZE-IRN") from ``start`` to
    ``end`` by ``bucket``, smoothed over ``smooth`` buckets, spikes needing ``min_n``."""
    keys = [(x, y) for p in pairs for x, y in (p.split("-"), p.split("-")[::-1])]
    directed = fetch(q.directed_series, keys, start=start, end=end, bucket=bucket)
    articles = {
        p.replace("-", "–"): analysis.rolling(
            analysis.on_calendar(
                fetch(q.article_series, *p.split("-"), start=start, end=end, bucket=bucket),
                bucket,
                start,
                end,
            ),
            smooth,
        )
        for p in pairs
    }
    full = analysis.on_calendar(directed, bucket, start, end, by=["src", "tgt"])
    marked = analysis.mark_spikes(
        analysis.rolling(analysis.with_interval(full), smooth, by=["src", "tgt"]),
        by=["src", "tgt"],
        min_n=min_n,
    )
    a, b = pairs[0].split("-")
    notes = fetch(q.annotation_rows, pair=(a, b), start=start, end=end)
    return PairView(marked, articles, notes)


@dataclass(frozen=True, slots=True)
class Side:
    """One direction's mean over a period: ``n`` distinct statements, their ``mean`` and
    its 95% t interval (``low``/``high``; NaN below two statements, ``mean`` NaN at none)."""

    src: str
    tgt: str
    n: int
    mean: float
    low: float
    high: float


def side(series: pd.DataFrame, src: str, tgt: str) -> Side:
    """Pool the buckets of ``src``→``tgt`` in ``series`` (``src``, ``tgt``, ``intensity``,
    ``sd``, ``n``, as :func:`tension.data.store.queries.directed_series` returns them) into
    the period's mean: what the Compare page's metric shows."""
    part = series[(series["src"] == src) & (series["tgt"] == tgt) & (series["n"] > 0)]
    if part.empty:
        return Side(src, tgt, 0, float("nan"), float("nan"), float("nan"))
    n_all = int(part["n"].sum())
    _, total, sq = stats.pooled(part["n"], part["intensity"], part["sd"])
    mean, sd = stats.from_sums(n_all, total.sum(), sq.sum())
    low, high = stats.t_interval(mean, sd, n_all)
    return Side(src, tgt, n_all, float(mean), float(np.asarray(low)), float(np.asarray(high)))
