"""The computations on series the pages draw (calendar, smoothing, spikes, asymmetry, rises):
kept in :mod:`tension.data.series` (the alert rules of :mod:`tension.data.monitor` use the
same spike and change definitions, and ``data`` must not import the dashboard);
re-exported here for the pages; and the Ranking page's table, which only the dashboard
draws."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pandas as pd

from tension.data.series import (
    MIN_SCALE,
    asymmetry,
    bucket_end,
    bucket_start,
    calendar,
    change_test,
    latest_spikes,
    mark_spikes,
    on_calendar,
    ranked_rises,
    rolling,
    with_interval,
)

__all__ = [
    "MIN_SCALE",
    "asymmetry",
    "bucket_end",
    "bucket_start",
    "calendar",
    "change_test",
    "latest_spikes",
    "mark_spikes",
    "on_calendar",
    "ranked_rises",
    "ranking",
    "rolling",
    "with_interval",
]


RANKING_COLUMNS = (
    "src",
    "tgt",
    "intensity",
    "ci_low",
    "ci_high",
    "n",
    "before",
    "n_before",
    "change",
    "low",
    "high",
    "p",
    "spark",
)


def ranking(
    matrix: pd.DataFrame,
    changes: pd.DataFrame | None,
    weekly: pd.DataFrame,
    *,
    min_n: int,
    start: date,
    end: date,
    keep: frozenset[str] | None = None,
) -> pd.DataFrame:
    """Every directed pair with at least ``min_n`` statements from ``start`` to ``end``,
    most statements first: its mean with its interval (``matrix``: :func:`pair_matrix
    <tension.data.store.queries.pair_matrix>` of the window), its change against the previous
    window of the same length with the Welch interval (``changes``: :func:`pair_changes
    <tension.data.store.queries.pair_changes>`, through :func:`change_test`; blank where the
    previous window has fewer than ``min_n`` statements, or when ``changes`` is None), and
    ``spark``: its weekly means over the window (NaN for a week without statements) from
    ``weekly`` (:func:`directed_series <tension.data.store.queries.directed_series>` by
    week). ``keep``: only pairs with a country in it (a region), when given. Columns:
    :data:`RANKING_COLUMNS`."""
    cols = list(RANKING_COLUMNS)
    if matrix.empty:
        return pd.DataFrame(columns=cols)
    out = with_interval(matrix)
    out = out[out["n"] >= max(1, min_n)]
    if keep is not None:
        out = out[out["src"].isin(keep) | out["tgt"].isin(keep)]
    tested = change_test(changes) if changes is not None else pd.DataFrame()
    if not tested.empty:
        tested = tested[tested["n_before"] >= max(1, min_n)]
        out = out.merge(
            tested[["src", "tgt", "before", "n_before", "change", "low", "high", "p"]],
            on=["src", "tgt"],
            how="left",
        )
    else:
        for c in ("before", "n_before", "change", "low", "high", "p"):
            out[c] = np.nan
    weeks = calendar(start, end, "week")
    spark: dict[tuple[str, str], list[float]] = {}
    if not weekly.empty:
        for (src, tgt), part in weekly.groupby(["src", "tgt"], sort=False):
            by_week = {
                pd.Timestamp(p).date(): v
                for p, v in zip(part["period"], part["intensity"], strict=True)
            }
            spark[(str(src), str(tgt))] = [
                round(float(by_week[w]), 1) if w in by_week else math.nan for w in weeks
            ]
    out["spark"] = [
        spark.get((str(s), str(t)), [math.nan] * len(weeks))
        for s, t in zip(out["src"], out["tgt"], strict=True)
    ]
    out = out.sort_values(["n", "src", "tgt"], ascending=[False, True, True])
    return out[cols].reset_index(drop=True)
