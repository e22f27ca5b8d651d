"""Pure computations on the series the store returns: smoothing, spikes, asymmetry.

**Spikes** are flagged with a robust rolling z-score. For each bucket ``t`` of one directed
series, the baseline is the ``window`` buckets *before* it (never including ``t`` itself, so a
spike cannot hide itself): ``z = (y_t - median) / (1.4826 * MAD)``, where MAD is the median
absolute deviation of the baseline (1.4826 makes it comparable to a standard deviation for
normal data). The scale has a floor of :data:`MIN_SCALE` intensity points, so a flat
baseline does not turn a one-point wobble into an alert. A bucket is a spike when ``z >=
threshold`` (default 3.5, the usual cut-off for modified z-scores), it holds at least
``min_n`` statements, and at least ``min_history`` earlier buckets exist. Median and MAD
ignore the outliers that a mean and standard deviation would chase. Limits: gaps between
buckets are not filled (the baseline is the previous buckets *with* data), and only rises
are flagged — a sudden calm is not an alert.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

MIN_SCALE = 2.0
"""Floor of the robust scale, in intensity points."""


def _groups(frame: pd.DataFrame, by: list[str] | None) -> list[np.ndarray]:
    """Row positions of each group, in ``period`` order (the frame is sorted by ``by`` then
    ``period``)."""
    if not by or frame.empty:
        return [np.arange(len(frame))]
    return [np.asarray(v) for v in frame.groupby(by, sort=False).indices.values()]


def _rolling_mean_sd(y: np.ndarray, window: int) -> tuple[np.ndarray, np.ndarray]:
    """Trailing mean (from 1 value) and sample standard deviation (from 2) over ``window``."""
    c1 = np.concatenate([[0.0], np.cumsum(y)])
    c2 = np.concatenate([[0.0], np.cumsum(y * y)])
    idx = np.arange(1, len(y) + 1)
    lo = np.maximum(idx - window, 0)
    count = idx - lo
    total = c1[idx] - c1[lo]
    mean = total / count
    with np.errstate(invalid="ignore", divide="ignore"):
        var = (c2[idx] - c2[lo] - count * mean * mean) / (count - 1)
    sd = np.where(count >= 2, np.sqrt(np.clip(var, 0, None)), 0.0)
    return mean, sd


def rolling(frame: pd.DataFrame, window: int, *, by: list[str] | None = None) -> pd.DataFrame:
    """Add ``mean_roll`` and ``sd_roll`` (trailing rolling mean and standard deviation of the
    bucket means over ``window`` buckets) per group ``by``; sorted by ``by`` and ``period``."""
    out = frame.sort_values([*(by or []), "period"]).reset_index(drop=True)
    window = max(1, int(window))
    mean = np.zeros(len(out))
    sd = np.zeros(len(out))
    y = out["intensity"].to_numpy(dtype=float)
    for rows in _groups(out, by):
        mean[rows], sd[rows] = _rolling_mean_sd(y[rows], window)
    out["mean_roll"] = mean
    out["sd_roll"] = sd
    return out


def _robust_z(
    y: np.ndarray, window: int, min_history: int, group: np.ndarray | None = None
) -> np.ndarray:
    """Vectorised over every row at once; ``group`` (ids, rows of a group contiguous) keeps
    a baseline from reaching into the previous group."""
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
    """Add ``z`` and ``spike`` (bool) to a series frame (``period``, ``intensity``, ``n``),
    per group ``by``."""
    out = frame.sort_values([*(by or []), "period"]).reset_index(drop=True)
    y = out["intensity"].to_numpy(dtype=float)
    group = out.groupby(by, sort=False).ngroup().to_numpy() if by and len(out) else None
    out["z"] = _robust_z(y, window, min_history, group)
    out["spike"] = (out["z"] >= threshold) & (out["n"] >= min_n)
    return out


def latest_spikes(frame: pd.DataFrame, since: object, *, limit: int = 10) -> pd.DataFrame:
    """Spikes of every directed pair (``src``, ``tgt``) from ``since`` on, newest first."""
    marked = mark_spikes(frame, by=["src", "tgt"])
    recent = marked[marked["spike"] & (pd.to_datetime(marked["period"]) >= pd.Timestamp(since))]  # type: ignore[arg-type]
    cols = ["period", "src", "tgt", "intensity", "z", "n"]
    return recent.sort_values(["period", "z"], ascending=[False, False])[cols].head(limit)


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
