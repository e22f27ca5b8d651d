"""Overview: what moved, between whom — the pair matrix, the biggest rises, the latest spikes."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import streamlit as st

from tension.dashboard import analysis, state, store, ui
from tension.dashboard.figures import arrow, changes_figure, matrix_figure
from tension.data.store import queries as q

WINDOWS = {"30": "last 30 days", "90": "last 90 days", "365": "last year", "all": "everything"}

st.title("Overview")
info = ui.require_data()

c1, c2, c3, c4 = st.columns(4)
c1.metric("Articles", f"{info.articles:,}")
c2.metric("Statements", f"{info.statements:,}")
stamp = (info.last_ingest or "").replace("T", " ")
c3.metric("Last ingest (UTC)", stamp[:10] or "—", help=stamp[:19] or None)
c4.metric("Quarantined inputs", f"{info.quarantined:,}")
if info.quarantined:
    st.page_link("views/add_data.py", label="See what was quarantined and why", icon="🚫")

if info.last_date is None:
    st.info("No stored article has a publication date, so nothing can be placed on a time axis.")
    st.stop()

window = st.radio(
    "Window (ending on the latest date in the store)",
    list(WINDOWS),
    index=list(WINDOWS).index(state.get_choice("window", WINDOWS, "90")),
    format_func=WINDOWS.__getitem__,
    horizontal=True,
)
state.put(window=window)
end = info.last_date
start = info.first_date if window == "all" else end - timedelta(days=int(window) - 1)
st.caption(f"{start} – {end}" + (" · previous window: the same number of days before it"))

matrix = store.query(q.pair_matrix, start, end)
if matrix.empty:
    st.info(f"No statements between two countries from {start} to {end}. Try a longer window.")
else:
    ui.chart(matrix_figure(matrix), matrix, f"pair-matrix-{start}-{end}", key="matrix")

left, right = st.columns(2)
with left:
    st.subheader("Rising")
    if window == "all":
        st.caption("Pick a window to compare it with the one before.")
    else:
        changes = store.query(q.pair_changes, start, end)
        ui.chart(changes_figure(changes), changes, f"rises-{start}-{end}", key="changes")
with right:
    st.subheader("Latest spikes")
    lookback = start - timedelta(weeks=16) if start else None
    weekly = store.query(q.directed_series, [], start=lookback, end=end, bucket="week")
    spikes = analysis.latest_spikes(weekly, start, limit=15) if not weekly.empty else weekly
    if spikes.empty:
        st.caption("No weekly spike in this window (robust z-score ≥ 3.5; see the timeline).")
    else:
        shown = pd.DataFrame(
            {
                "week of": pd.to_datetime(spikes["period"]).dt.date,
                "pair": [arrow(s, t) for s, t in zip(spikes["src"], spikes["tgt"], strict=True)],
                "intensity": spikes["intensity"].round(1),
                "z": spikes["z"].round(1),
                "statements": spikes["n"],
            }
        )
        ui.plain_table(shown, width="stretch")
        st.download_button(
            "Download data (CSV): spikes",
            shown.to_csv(index=False).encode("utf-8"),
            file_name=f"spikes-{start}-{end}.csv",
            mime="text/csv",
            key="spikes-csv",
        )

st.subheader("Open a pair")
pairs = store.pair_counts()
if pairs.empty:
    st.caption("No country pairs yet.")
else:
    options = pairs["pair"].tolist()
    o1, o2 = st.columns([3, 1])
    chosen = o1.selectbox("Country pair", options, format_func=ui.pair_label, key="open_pair")
    if o2.button("Show timeline", type="primary"):
        st.switch_page("views/timeline.py", query_params={"pair": chosen})
    if o2.button("Compare both sides"):
        st.switch_page("views/compare.py", query_params={"pair": chosen})
