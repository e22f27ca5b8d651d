"""Compare: what A says about B and what B says about A, side by side."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from tension.dashboard import analysis, state, store, ui
from tension.dashboard.colors import pair_colors
from tension.dashboard.figures import arrow, asymmetry_figure, terms_figure
from tension.dashboard.highlight import highlighted_block
from tension.data.store import queries as q

ORDERS = {"intensity": "most intense first", "recent": "newest first"}

st.title("Compare both sides")
options, chosen, first, last = ui.require_pairs()
c1, c2, c3, c4 = st.columns([2, 3, 2, 2])
pair = c1.selectbox("Country pair", options, index=options.index(chosen), format_func=ui.pair_label)
start, end = ui.date_range(c2, first, last)
bucket = ui.bucket_choice(c3, "month")
order = c4.radio(
    "Statements",
    list(ORDERS),
    index=list(ORDERS).index(state.get_choice("order", ORDERS, "intensity")),
    format_func=ORDERS.__getitem__,
)
state.put(pair=pair, bucket=bucket, order=order, **{"from": start, "to": end})
a, b = pair.split("-")

series = store.query(q.directed_series, [(a, b), (b, a)], start=start, end=end, bucket=bucket)
gap = analysis.asymmetry(series, a, b)
ui.chart(asymmetry_figure(gap, a, b), gap, f"asymmetry-{a}-{b}-{bucket}", key="asymmetry")

colors = dict(zip((a, b), pair_colors(a, b), strict=True))
all_rows = store.query(q.pair_statements, a, b, start=start, end=end, limit=20, order=order)
all_terms = store.query(q.pair_top_terms, a, b, start=start, end=end, limit=12)
left, right = st.columns(2)
for col, (src, tgt) in ((left, (a, b)), (right, (b, a))):
    with col:
        st.subheader(f"What {src} says about {tgt}")
        rows = all_rows[all_rows["src"] == src]
        total = int(rows["total"].iloc[0]) if not rows.empty else 0
        mean = series[(series["src"] == src) & (series["tgt"] == tgt)]
        if not mean.empty:
            avg = float((mean["intensity"] * mean["n"]).sum() / mean["n"].sum())
            st.metric(f"{arrow(src, tgt)} mean intensity", f"{avg:.1f}", help=f"{total} statements")
        terms = all_terms[all_terms["src"] == src].drop(columns=["src", "tgt"])
        fig = terms_figure(terms, src, tgt, colors[src])
        ui.chart(fig, terms, f"terms-{src}-{tgt}", key=f"terms-{src}")
        if rows.empty:
            st.caption(f"No statement of {src} about {tgt} in this period.")
            continue
        st.caption(f"{len(rows)} of {total} statements ({ORDERS[order]})")
        shown: list[Any] = list(rows.itertuples(index=False))
        for row in shown:
            with st.container(border=True):
                speaker = row.speaker if isinstance(row.speaker, str) and row.speaker else "unnamed"
                published = row.published if pd.notna(row.published) else "undated"
                st.text(
                    f"{published} · {speaker} ({row.speaker_country}) · score {row.intensity:.1f}"
                )
                st.html(highlighted_block(str(row.text), row.terms))
