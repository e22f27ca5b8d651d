"""Pure computations on the series the store returns: the calendar, smoothing, spikes,
asymmetry, rises.

**Calendar.** The store returns only buckets that hold statements. :func:`on_calendar` puts a
series on every bucket (day, week from Monday, month) between two dates; an empty bucket
has ``n = 0`` and no mean. Smoothing and the spike test count calendar buckets, so a quiet
month is a gap of four weeks, not a neighbour, and lines break across it.

**Smoothing** (:func:`rolling`) pools the statements of the trailing ``window`` calendar
buckets: ``mean_roll`` is their mean (each statement weighs the same, so a bucket of two
statements does not weigh like one of two hundred), ``roll_low``/``roll_high`` its t interval
(:func:`tension.data.stats.t_interval`). No statement in the window: no value (a gap).

**Spikes** are flagged with a robust rolling z-score. For each bucket ``t`` the baseline is
the means of the ``window`` calendar buckets *before* it (never ``t`` itself, so a spike
cannot hide itself; empty buckets are absent from it): ``z = (y_t - median) / (1.4826 *
MAD)``, where MAD is the median absolute deviation of the baseline (1.4826 makes it
comparable to a standard deviation for normal data). The scale has a floor of
:data:`MIN_SCALE` intensity points, so a flat baseline does not turn a one-point wobble into
an alert. A bucket is a spike when ``z >= threshold`` (default 3.5, the usual cut-off for
modified z-scores), it holds at least ``min_n`` statements (the minimum count), and at least
``min_history`` of the baseline buckets hold statements. Only rises are flagged: a sudden
calm is not an alert.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from tension.data import stats

MIN_SCALE = 2.0
"""Floor of the robust scale, in intensity points."""

_FREQ = {"day": "D", "week": "W-MON", "month": "MS"}


def bucket_start(day: date | pd.Timestamp, bucket: str) -> date:
    """The first day of the bucket holding ``day`` (weeks start on Monday, as in the store)."""
    ts = pd.Timestamp(day)
    if bucket == "week":
        ts = ts - pd.Timedelta(days=ts.weekday())
    elif bucket == "month":
        ts = ts.replace(day=1)
    return ts.date()


def bucket_end(start: date, bucket: str) -> date:
    """The last day of the bucket that starts on ``start``."""
    ts = pd.Timestamp(start)
    if bucket == "week":
        return (ts + pd.Timedelta(days=6)).date()
    if bucket == "month":
        return (ts + pd.offsets.MonthEnd(0)).date()
    return ts.date()


def calendar(start: date, end: date, bucket: str) -> list[date]:
    """Every bucket start from the bucket of ``start`` to that of ``end``."""
    first, last = bucket_start(start, bucket), bucket_start(end, bucket)
    if last < first:
        return []
    return [d.date() for d in pd.date_range(first, last, freq=_FREQ[bucket])]


def on_calendar(
    frame: pd.DataFrame,
    bucket: str,
    start: date | None = None,
    end: date | None = None,
    *,
    by: list[str] | None = None,
) -> pd.DataFrame:
    """``frame`` (``period``, ``intensity``, ``n``, maybe ``sd``/``peak`` and the ``by``
    columns) with a row for every calendar bucket from ``start`` to ``end`` (default: the
    frame's first and last period) for each group; new rows have ``n = 0`` and NaN values.
    Sorted by ``by`` then ``period``; ``period`` as ``datetime.date``."""
    by = list(by or [])
    out = frame.copy()
    if out.empty:
        return out.reset_index(drop=True)
    out["period"] = [pd.Timestamp(p).date() for p in out["period"]]
    lo = start or min(out["period"])
    hi = end or max(out["period"])
    days = calendar(min(lo, min(out["period"])), max(hi, max(out["period"])), bucket)
    keys = out[by].drop_duplicates().itertuples(index=False) if by else [()]
    grid = pd.DataFrame(
        [(*k, d) for k in keys for d in days],
        columns=[*by, "period"],
    )
    full = grid.merge(out, on=[*by, "period"], how="left")
    full["n"] = full["n"].fillna(0).astype(int)
    return full.sort_values([*by, "period"]).reset_index(drop=True)


def _groups(frame: pd.DataFrame, by: list[str] | None) -> list[np.ndarray]:
    """Row positions of each group, in ``period`` order (the frame is sorted by ``by`` then
    ``period``)."""
    if not by or frame.empty:
        return [np.arange(len(frame))]
    return [np.asarray(v) for v in frame.groupby(by, sort=False).indices.values()]


def _trailing_sum(values: np.ndarray, window: int) -> np.ndarray:
    c = np.concatenate([[0.0], np.cumsum(values)])
    idx = np.arange(1, len(values) + 1)
    return c[idx] - c[np.maximum(idx - window, 0)]


def rolling(frame: pd.DataFrame, window: int, *, by: list[str] | None = None) -> pd.DataFrame:
    """Add ``mean_roll`` (mean of the statements in the trailing ``window`` rows of each
    group ``by``: calendar buckets, when the frame went through :func:`on_calendar`),
    ``n_roll`` (how many), and ``roll_low``/``roll_high`` (its t interval); NaN where the window
    holds no statement. Needs ``period``, ``intensity``, ``n``; ``sd`` (the buckets' sample
    standard deviations) when present. Sorted by ``by`` and ``period``."""
    out = frame.sort_values([*(by or []), "period"]).reset_index(drop=True)
    window = max(1, int(window))
    sd_col = out["sd"] if "sd" in out.columns else pd.Series(np.nan, index=out.index)
    n, total, sq = stats.pooled(
        out["n"].to_numpy(dtype=float),
        out["intensity"].to_numpy(dtype=float),
        sd_col.to_numpy(dtype=float),
    )
    n_r, t_r, q_r = (np.zeros(len(out)) for _ in range(3))
    for rows in _groups(out, by):
        n_r[rows] = _trailing_sum(n[rows], window)
        t_r[rows] = _trailing_sum(total[rows], window)
        q_r[rows] = _trailing_sum(sq[rows], window)
    mean, sd = stats.from_sums(n_r, t_r, q_r)
    low, high = stats.t_interval(mean, sd, n_r)
    out["mean_roll"] = mean
    out["n_roll"] = n_r.astype(int)
    out["roll_low"] = low
    out["roll_high"] = high
    return out


def with_interval(frame: pd.DataFrame) -> pd.DataFrame:
    """Add ``ci_low``/``ci_high``: the t interval of each row's mean (``intensity``, ``sd``,
    ``n``), NaN below two statements."""
    out = frame.copy()
    sd = out["sd"] if "sd" in out.columns else pd.Series(np.nan, index=out.index)
    low, high = stats.t_interval(
        out["intensity"].to_numpy(dtype=float),
        sd.to_numpy(dtype=float),
        out["n"].to_numpy(dtype=float),
    )
    out["ci_low"], out["ci_high"] = low, high
    return out


def _robust_z(
    y: np.ndarray, window: int, min_history: int, group: np.ndarray | None = None
) -> np.ndarray:
    """Vectorised over every row at once; NaN in ``y`` (an empty bucket) is no value, in the
    baseline or as the bucket tested. ``group`` (ids, rows of a group contiguous) keeps a
    baseline from reaching into the previous group."""
    n = len(y)
    if n == 0:
        return np.zeros(0)
    padded = np.concatenate([np.full(window, np.nan), y])
    base = np.lib.stride_tricks.sliding_window_view(padded, window)[:n].copy()  # y[i-window:i]
    if group is not None:
        gpad = np.concatenate([np.full(window, -1), group])
        gbase = np.lib.stride_tricks.sliding_window_view(gpad, window)[:n]
        base[gbase != group[:, None]] = np.nan
    count = (~np.isnan(base)).sum(axis=1)
    z = np.full(n, np.nan)
    ok = (count >= min_history) & ~np.isnan(y)
    if ok.any():
        b = base[ok]
        med = np.nanmedian(b, axis=1)
        mad = np.nanmedian(np.abs(b - med[:, None]), axis=1)
        z[ok] = (y[ok] - med) / np.maximum(1.4826 * mad, MIN_SCALE)
    return z


def mark_spikes(
    frame: pd.DataFrame,
    *,
    by: list[str] | None = None,
    window: int = 12,
    threshold: float = 3.5,
    min_n: int = 2,
    min_history: int = 4,
) -> pd.DataFrame:
    """Add ``z`` and ``spike`` (bool) to a series frame (``period``, ``intensity``, ``n``) per
    group ``by``. Rows are buckets: put the frame on the calendar first
    (:func:`on_calendar`) so the baseline is the previous ``window`` *calendar* buckets."""
    out = frame.sort_values([*(by or []), "period"]).reset_index(drop=True)
    y = out["intensity"].to_numpy(dtype=float)
    y = np.where(out["n"].to_numpy() > 0, y, np.nan)
    group = out.groupby(by, sort=False).ngroup().to_numpy() if by and len(out) else None
    out["z"] = _robust_z(y, window, min_history, group)
    out["spike"] = (out["z"] >= threshold) & (out["n"] >= max(1, min_n))
    return out


def latest_spikes(
    frame: pd.DataFrame,
    since: date,
    *,
    bucket: str = "week",
    end: date | None = None,
    min_n: int = 2,
    limit: int = 10,
) -> pd.DataFrame:
    """Spikes of every directed pair (``src``, ``tgt``) from ``since`` on, newest first, on
    the calendar of ``bucket`` up to ``end``; a spike needs ``min_n`` statements. Columns:
    ``period``, ``src``, ``tgt``, ``intensity``, ``z``, ``n``."""
    cols = ["period", "src", "tgt", "intensity", "z", "n"]
    if frame.empty:
        return pd.DataFrame(columns=cols)
    full = on_calendar(frame, bucket, end=end, by=["src", "tgt"])
    marked = mark_spikes(full, by=["src", "tgt"], min_n=min_n)
    recent = marked[marked["spike"] & (pd.to_datetime(marked["period"]) >= pd.Timestamp(since))]
    return (
        recent.sort_values(["period", "z"], ascending=[False, False])[cols]
        .head(limit)
        .reset_index(drop=True)
    )


def change_test(changes: pd.DataFrame) -> pd.DataFrame:
    """``changes`` (as :func:`tension.data.store.queries.pair_changes` returns it) with the
    Welch test of each change (:func:`tension.data.stats.welch_change`): ``low`` and
    ``high`` (its 95% interval), ``t`` and ``p`` (the one-sided p-value of a rise). The test
    the Overview's "Rising", the Ranking page and the change rules share."""
    extra = ["low", "high", "t", "p"]
    if changes.empty:
        return changes.assign(**{c: pd.Series(dtype=float) for c in extra})
    test = stats.welch_change(
        changes["n"].to_numpy(),
        changes["intensity"].to_numpy(),
        changes["sd"].to_numpy(),
        changes["n_before"].to_numpy(),
        changes["before"].to_numpy(),
        changes["sd_before"].to_numpy(),
    )
    return changes.assign(low=test.low, high=test.high, t=test.t, p=test.p_rise)


def ranked_rises(changes: pd.DataFrame, *, min_n: int, alpha: float = 0.05) -> pd.DataFrame:
    """The pairs whose mean rose beyond chance, strongest evidence first.

    ``changes`` as :func:`tension.data.store.queries.pair_changes` returns it. Keeps pairs
    with at least ``min_n`` statements in both windows whose Welch test
    (:func:`change_test`) gives a one-sided p-value of a rise below ``alpha``; adds
    ``low``/``high`` (interval of the change), ``t`` and ``p``; sorted by ``t`` (then the
    change). A pair whose mean did not move never appears."""
    out = change_test(changes)
    if out.empty:
        return out
    keep = (
        (out["n"] >= min_n) & (out["n_before"] >= min_n) & (out["change"] > 0) & (out["p"] < alpha)
    )
    return out[keep].sort_values(["t", "change"], ascending=False).reset_index(drop=True)


def asymmetry(series: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Per bucket where both directions have statements: ``period``, ``ab``, ``ba``,
    ``gap`` (A→B minus B→A), ``n_ab``, ``n_ba``."""
    ab = series[(series["src"] == a) & (series["tgt"] == b)].set_index("period")
    ba = series[(series["src"] == b) & (series["tgt"] == a)].set_index("period")
    joined = pd.DataFrame(
        {
            "ab": ab["intensity"],
            "ba": ba["intensity"],
            "n_ab": ab["n"],
            "n_ba": ba["n"],
        }
    ).dropna(subset=["ab", "ba"])
    joined["gap"] = joined["ab"] - joined["ba"]
    joined.index.name = "period"
    return joined.reset_index()[["period", "ab", "ba", "gap", "n_ab", "n_ba"]]
