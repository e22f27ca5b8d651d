"""Pair timeline: intensity over time for a pair, both directions and article level."""

from __future__ import annotations

import streamlit as st

from dashboard import state, store
from dashboard.figures import timeline_figure
from data.store.queries import BUCKETS

st.title("Pair timeline")

info = store.summary()
if info.articles == 0:
    st.info(
        f"The store at {store.store_path()} is empty. Load the illustrative demo corpus with "
        "`tension demo`, or your own articles with `tension ingest PATH...`, then reload."
    )
    st.stop()

pairs = store.pair_counts()
if pairs.empty:
    st.info("No country pairs found yet: the stored articles name fewer than two countries.")
    st.stop()

options = pairs["pair"].tolist()
chosen = state.get_pair("pair", options, options[0])
first, last = info.first_date, info.last_date

left, mid, right = st.columns([2, 3, 2])
pair = left.selectbox(
    "Country pair",
    options,
    index=options.index(chosen) if chosen in options else 0,
    format_func=lambda p: p.replace("-", " ⇄ "),
)
start_default = state.get_date("from", first)
end_default = state.get_date("to", last)
picked = mid.date_input(
    "Dates",
    value=(start_default, end_default),
    min_value=first,
    max_value=last,
)
bucket = right.radio(
    "Bucket",
    BUCKETS,
    index=BUCKETS.index(state.get_choice("bucket", BUCKETS, "week")),
    horizontal=True,
)
start, end = (
    (picked[0], picked[1]) if isinstance(picked, tuple) and len(picked) == 2 else (first, last)
)
state.put(pair=pair, bucket=bucket, **{"from": start, "to": end})

a, b = pair.split("-")
series = store.pair_series(a, b, start, end, bucket)
if series.empty:
    st.info(f"No dated statements or articles for {a} ⇄ {b} between {start} and {end}.")
    st.stop()

st.plotly_chart(timeline_figure(series, a, b), use_container_width=True, key="timeline")
counts = series.groupby("series")["n"].sum()
st.caption(
    " · ".join(f"{name}: {int(n)}" for name, n in counts.items())
    + f" — {info.articles} articles and {info.statements} statements stored."
)
