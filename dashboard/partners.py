"""The Country and Map pages' shared table: a country's partners in one direction."""

from __future__ import annotations

import pandas as pd

from tension.dashboard import analysis, names, regions


def partner_table(partners: pd.DataFrame, direction: str, *, min_n: int) -> pd.DataFrame:
    """Rows of ``partners`` (:func:`tension.data.store.queries.country_partners`) in
    ``direction`` with at least ``min_n`` statements, busiest first, for a person to read:
    ``partner`` (code), ``country`` (name), ``statements``, ``mean``, ``mean 95%``,
    ``peak``, ``region`` and ``src``/``tgt`` (for links)."""
    cols = ["partner", "country", "statements", "mean", "mean 95%", "peak", "region", "src", "tgt"]
    rows = partners[(partners["direction"] == direction) & (partners["n"] >= max(1, min_n))]
    if rows.empty:
        return pd.DataFrame(columns=cols)
    rows = analysis.with_interval(rows).sort_values(["n", "partner"], ascending=[False, True])
    return pd.DataFrame(
        {
            "partner": rows["partner"],
            "country": [names.name(p) for p in rows["partner"]],
            "statements": rows["n"].astype(int),
            "mean": rows["intensity"].round(1),
            "mean 95%": [
                "" if pd.isna(lo) else f"{lo:.1f} … {hi:.1f}"
                for lo, hi in zip(rows["ci_low"], rows["ci_high"], strict=True)
            ],
            "peak": rows["peak"].round(1),
            "region": [regions.subregion_of(p) or "" for p in rows["partner"]],
            "src": rows["src"],
            "tgt": rows["tgt"],
        }
    ).reset_index(drop=True)


def hidden_count(partners: pd.DataFrame, direction: str, *, min_n: int) -> int:
    """Partners in ``direction`` left out for having fewer than ``min_n`` statements."""
    if partners.empty:
        return 0
    rows = partners[partners["direction"] == direction]
    return int((rows["n"] < max(1, min_n)).sum())
