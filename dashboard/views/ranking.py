"""Ranking: every directed pair at a glance — its mean over the window, its weekly
sparkline, its count and its change against the previous window with the interval of the
Overview's "Rising" test; sortable and filterable by UN M49 region."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pandas as pd
import streamlit as st

from tension.dashboard import analysis, names, regions, state, store, ui
from tension.data.store import queries as q

PAGE = "ranking"
WINDOWS = {"30": "last 30 days", "90": "last 90 days", "365": "last year", "all": "everything"}
SORTS = {
    "statements": "most statements",
    "mean": "highest mean",
    "rise": "largest rise",
    "fall": "largest fall",
    "evidence": "strongest evidence of a rise",
}
ANY = "(any region)"

st.title("Ranking")
info = ui.require_data()
if info.last_date is None or info.first_date is None:
    st.info("No stored article has a publication date, so no window can be ranked.")
    st.stop()

c1, c2, c3, c4 = st.columns([3, 2, 2, 1])
window = c1.radio(
    "Window (ending on the latest date in the store)",
    list(WINDOWS),
    format_func=WINDOWS.__getitem__,
    horizontal=True,
    key=state.seed(PAGE, "window", state.get_choice("window", WINDOWS, "90")),
)
choices = [ANY, *regions.choices()]
region = c2.selectbox(
    "Region (either country in it)",
    choices,
    key=state.seed(PAGE, "region", state.get_choice("region", choices, ANY)),
)
order = c3.selectbox(
    "Sort by",
    list(SORTS),
    format_func=SORTS.__getitem__,
    key=state.seed(PAGE, "sort", state.get_choice("sort", SORTS, "statements")),
)
min_n = ui.min_count_choice(c4, PAGE)
state.put(window=window, region=None if region == ANY else region, sort=order, mincount=min_n)

end = info.last_date
start = info.first_date if window == "all" else end - timedelta(days=int(window) - 1)
matrix = store.query(q.pair_matrix, start, end)
changes = None if window == "all" else store.query(q.pair_changes, start, end)
weekly = store.query(q.directed_series, [], start=start, end=end, bucket="week")
keep = None if region == ANY else regions.members(region)
ranked = analysis.ranking(matrix, changes, weekly, min_n=min_n, start=start, end=end, keep=keep)
hidden = int(((matrix["n"] < min_n) & (matrix["n"] > 0)).sum()) if not matrix.empty else 0
st.caption(
    f"{start} – {end} · {len(ranked)} directed pairs with at least {min_n} statements"
    + (f" in {region}" if keep is not None else "")
    + (f" (hidden, with fewer: {hidden})" if hidden else "")
    + ". Change: against the previous window of the same length, with its 95% Welch "
    "interval and the one-sided p-value of a rise (the Overview's Rising test); blank when "
    f"the previous window has fewer than {min_n} statements. Click a column to sort by it."
)
if ranked.empty:
    st.info("No pair has enough statements in this window and region. Try a longer window.")
    st.stop()

by = {
    "statements": (["n"], [False]),
    "mean": (["intensity"], [False]),
    "rise": (["change"], [False]),
    "fall": (["change"], [True]),
    "evidence": (["p", "change"], [True, False]),
}[order]
ranked = ranked.sort_values(
    [*by[0], "src", "tgt"], ascending=[*by[1], True, True], na_position="last"
).reset_index(drop=True)


def _interval(lo: float, hi: float) -> str:
    return "" if np.isnan(lo) or np.isnan(hi) else f"{lo:+.1f} … {hi:+.1f}"


def _timeline(src: str, tgt: str) -> str:
    pair = "-".join(sorted((src, tgt)))
    since = start - timedelta(days=(end - start).days + 1) if window != "all" else start
    return f"timeline?pair={pair}&from={since}&to={end}"


table = pd.DataFrame(
    {
        "pair": [f"{s}→{t}" for s, t in zip(ranked["src"], ranked["tgt"], strict=True)],
        "countries": [
            f"{names.name(s)} → {names.name(t)}"
            for s, t in zip(ranked["src"], ranked["tgt"], strict=True)
        ],
        "regions": [
            f"{regions.subregion_of(s) or '?'} → {regions.subregion_of(t) or '?'}"
            for s, t in zip(ranked["src"], ranked["tgt"], strict=True)
        ],
        # a sparkline takes numbers only: weeks without statements are left out of it
        "weekly mean": [[v for v in s if v == v] for s in ranked["spark"]],
        "mean": ranked["intensity"].round(1),
        "mean 95%": [
            _interval(lo, hi).replace("+", "")
            for lo, hi in zip(ranked["ci_low"], ranked["ci_high"], strict=True)
        ],
        "statements": ranked["n"].astype(int),
        "change": ranked["change"].round(1),
        "change 95%": [
            _interval(lo, hi) for lo, hi in zip(ranked["low"], ranked["high"], strict=True)
        ],
        "p (rise)": ranked["p"].round(3),
        "statements before": ranked["n_before"],
        "open": [_timeline(s, t) for s, t in zip(ranked["src"], ranked["tgt"], strict=True)],
    }
)
ui.plain_table(
    table,
    width="stretch",
    height=min(36 * len(table) + 40, 760),
    column_config={
        "weekly mean": st.column_config.LineChartColumn(
            "weekly mean", y_min=0, y_max=100, width="small", help="Mean intensity per week"
        ),
        "open": st.column_config.LinkColumn("open", display_text="timeline", width="small"),
        "statements before": st.column_config.NumberColumn(format="%d"),
    },
    key=f"{PAGE}.table",
)
ui.csv_download(
    "Download data (CSV): ranking",
    table.drop(columns=["weekly mean", "open"]),
    f"ranking-{start}-{end}.csv",
    key=f"{PAGE}-csv",
)
