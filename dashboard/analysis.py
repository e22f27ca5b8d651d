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


def rolling(frame: pd.DataFrame, window: int, *, by: list[str] | None = None) -> pd.DataFrame:
    """Add ``mean_roll`` and ``sd_roll`` (rolling mean and standard deviation of the bucket
    means over ``window`` buckets, trailing) per group ``by``; input sorted by ``period``."""
    out = frame.sort_values([*(by or []), "period"]).copy()
    window = max(1, int(window))
    if by:
        groups = out.groupby(by, sort=False)["intensity"]
        out["mean_roll"] = groups.transform(lambda s: s.rolling(window, min_periods=1).mean())
        out["sd_roll"] = groups.transform(lambda s: s.rolling(window, min_periods=2).std())
    else:
        out["mean_roll"] = out["intensity"].rolling(window, min_periods=1).mean()
        out["sd_roll"] = out["intensity"].rolling(window, min_periods=2).std()
    out["sd_roll"] = out["sd_roll"].fillna(0.0)
    return out


def robust_z(values: pd.Series, window: int = 12, min_history: int = 4) -> pd.Series:
    """The robust z-score of each value against the ``window`` values before it (NaN while
    fewer than ``min_history`` exist). See the module docstring."""
    y = values.to_numpy(dtype=float)
    z = np.full(len(y), np.nan)
    for i in range(len(y)):
        base = y[max(0, i - window) : i]
        base = base[~np.isnan(base)]
        if len(base) < min_history or np.isnan(y[i]):
            continue
        med = float(np.median(base))
        mad = float(np.median(np.abs(base - med)))
        z[i] = (y[i] - med) / max(1.4826 * mad, MIN_SCALE)
    return pd.Series(z, index=values.index)


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
    out = frame.sort_values([*(by or []), "period"]).copy()
    if out.empty:
        out["z"] = pd.Series(dtype=float)
        out["spike"] = pd.Series(dtype=bool)
        return out
    if by:
        out["z"] = out.groupby(by, sort=False)["intensity"].transform(
            lambda s: robust_z(s, window, min_history)
        )
    else:
        out["z"] = robust_z(out["intensity"], window, min_history)
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
