"""Overview: what moved, between whom — the pair matrix, the rises beyond chance, the latest
spikes. A click on a cell, a bar or a spike opens what is behind it."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import streamlit as st

from tension.dashboard import analysis, names, state, store, ui
from tension.dashboard.figures import arrow, changes_figure, matrix_figure
from tension.data.store import queries as q

PAGE = "overview"
WINDOWS = {"30": "last 30 days", "90": "last 90 days", "365": "last year", "all": "everything"}

st.title("Overview")
info = ui.require_data()

c1, c2, c3, c4 = st.columns(4)
c1.metric("Articles", f"{info.articles:,}")
c2.metric(
    "Statements",
    f"{info.statements:,}",
    help="Every statement stored, copies and statements without a speaker's country "
    "included. Pair views count each distinct statement with a speaker's country once.",
)
stamp = (info.last_ingest or "").replace("T", " ")
c3.metric("Last ingest (UTC)", stamp[:10] or "—", help=stamp[:19] or None)
c4.metric("Quarantined inputs", f"{info.quarantined:,}")
if info.quarantined:
    st.page_link("views/add_data.py", label="See what was quarantined and why", icon="🚫")

if info.last_date is None:
    st.info("No stored article has a publication date, so nothing can be placed on a time axis.")
    st.stop()

w1, w2 = st.columns([4, 1])
window = w1.radio(
    "Window (ending on the latest date in the store)",
    list(WINDOWS),
    format_func=WINDOWS.__getitem__,
    horizontal=True,
    key=state.seed(PAGE, "window", state.get_choice("window", WINDOWS, "90")),
)
min_n = ui.min_count_choice(w2, PAGE)
state.put(window=window, mincount=min_n)
end = info.last_date
start = info.first_date if window == "all" else end - timedelta(days=int(window) - 1)
assert start is not None
st.caption(
    f"{start} – {end} · means count each distinct statement once (syndicated copies and "
    "repeated background sentences are one statement) · grey: fewer than "
    f"{min_n} statements. Click a cell, a bar or a spike to open it."
)


def _open_timeline(src: str, tgt: str, since: object = None) -> None:
    pair = "-".join(sorted((src, tgt)))
    params = {"pair": pair, "from": str(since or start), "to": str(end)}
    st.switch_page("views/timeline.py", query_params=params)


matrix = store.query(q.pair_matrix, start, end)
if matrix.empty:
    st.info(f"No statements between two countries from {start} to {end}. Try a longer window.")
else:
    shown = analysis.with_interval(matrix)
    event = ui.chart(
        matrix_figure(shown, min_n=min_n, title=f"Mean intensity by pair<br>{start} – {end}"),
        shown.assign(src_name=shown["src"].map(names.name), tgt_name=shown["tgt"].map(names.name)),
        f"pair-matrix-{start}-{end}",
        key="matrix",
        on_select=True,
    )
    for point in event.selection.points:
        src, tgt = str(point.get("y") or ""), str(point.get("x") or "")
        if len(src) == 3 and len(tgt) == 3 and src != tgt:
            _open_timeline(src, tgt)

left, right = st.columns(2)
with left:
    st.subheader("Rising")
    if window == "all":
        st.caption("Pick a window to compare it with the one before.")
    else:
        changes = analysis.ranked_rises(store.query(q.pair_changes, start, end), min_n=min_n)
        st.caption(
            "Pairs whose mean rose against the previous window of the same length beyond "
            f"chance (one-sided Welch test, p < 0.05, at least {min_n} statements in both "
            "windows), strongest evidence first; whiskers: 95% interval of the rise."
        )
        event = ui.chart(
            changes_figure(changes, min_n=min_n),
            changes,
            f"rises-{start}-{end}",
            key="changes",
            on_select=True,
        )
        for point in event.selection.points:
            label = str(point.get("y") or "")
            if "→" in label:
                src, tgt = label.split("→")
                _open_timeline(src, tgt, start - timedelta(days=(end - start).days + 1))
with right:
    st.subheader("Latest spikes")
    lookback = start - timedelta(weeks=16)
    weekly = store.query(q.directed_series, [], start=lookback, end=end, bucket="week")
    spikes = analysis.latest_spikes(weekly, start, end=end, min_n=min_n, limit=15)
    if spikes.empty:
        st.caption(
            "No weekly spike in this window (robust z-score ≥ 3.5 against the 12 weeks "
            f"before, at least {min_n} statements; see the timeline)."
        )
    else:
        st.caption("Select a row to read that week's statements, most intense first.")
        table = pd.DataFrame(
            {
                "week of": pd.to_datetime(spikes["period"]).dt.date,
                "pair": [arrow(s, t) for s, t in zip(spikes["src"], spikes["tgt"], strict=True)],
                "countries": [
                    f"{names.name(s)} → {names.name(t)}"
                    for s, t in zip(spikes["src"], spikes["tgt"], strict=True)
                ],
                "intensity": spikes["intensity"].round(1),
                "z": spikes["z"].round(1),
                "statements": spikes["n"],
            }
        )
        picked = ui.plain_table(
            table,
            width="stretch",
            on_select="rerun",
            selection_mode="single-row",
            key="spikes-table",
        )
        ui.csv_download(
            "Download data (CSV): spikes", table, f"spikes-{start}-{end}.csv", key="spikes-csv"
        )
        rows = picked.selection.rows if picked is not None else []  # type: ignore[union-attr]
        if rows:
            row = spikes.iloc[rows[0]]
            week = pd.Timestamp(row["period"]).date()
            st.switch_page(
                "views/statements.py",
                query_params={
                    "src": str(row["src"]),
                    "tgt": str(row["tgt"]),
                    "from": str(week),
                    "to": str(analysis.bucket_end(week, "week")),
                    "order": "intensity",
                },
            )

st.subheader("Open a pair")
pairs = store.pair_counts()
if pairs.empty:
    st.caption("No country pairs yet.")
else:
    options = pairs["pair"].tolist()
    o1, o2 = st.columns([3, 1])
    chosen = o1.selectbox(
        "Country pair", options, format_func=ui.pair_label, key=f"{PAGE}.open_pair"
    )
    if o2.button("Show timeline", type="primary"):
        st.switch_page("views/timeline.py", query_params={"pair": chosen})
    if o2.button("Compare both sides"):
        st.switch_page("views/compare.py", query_params={"pair": chosen})
