"""Compare: what A says about B and what B says about A, side by side."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from tension.dashboard import analysis, names, state, store, ui
from tension.dashboard.colors import pair_colors
from tension.dashboard.figures import arrow, asymmetry_figure, terms_figure
from tension.dashboard.highlight import highlighted_block
from tension.dashboard.pairview import side
from tension.data.store import queries as q

PAGE = "compare"
ORDERS = {"intensity": "most intense first", "recent": "newest first"}

st.title("Compare both sides")
options, chosen, first, last = ui.require_pairs()
c1, c2, c3, c4 = st.columns([2, 3, 2, 2])
pair = ui.pair_choice(c1, PAGE, options, chosen)
start, end = ui.date_range(c2, PAGE, first, last)
bucket = ui.bucket_choice(c3, PAGE, "month")
order = c4.radio(
    "Statements",
    list(ORDERS),
    format_func=ORDERS.__getitem__,
    key=state.seed(PAGE, "order", state.get_choice("order", ORDERS, "intensity")),
)
state.put(pair=pair, bucket=bucket, order=order, **{"from": start, "to": end})
a, b = pair.split("-")

series = store.query(q.directed_series, [(a, b), (b, a)], start=start, end=end, bucket=bucket)
gap = analysis.asymmetry(series, a, b)
notes: pd.DataFrame = store.query(q.annotation_rows, pair=(a, b), start=start, end=end)
ui.chart(
    asymmetry_figure(gap, a, b, notes=notes),
    gap,
    f"asymmetry-{a}-{b}-{bucket}-{start}-{end}",
    key="asymmetry",
)
st.caption(
    "Each distinct statement counts once: a syndicated copy, or a background sentence "
    "repeated in later articles (same speaker's country, targets and words), is one statement "
    "in the means, the counts and the lists below."
)

colors = dict(zip((a, b), pair_colors(a, b), strict=True))
all_rows = store.query(q.pair_statements, a, b, start=start, end=end, limit=20, order=order)
all_terms = store.query(q.pair_top_terms, a, b, start=start, end=end, limit=12)
left, right = st.columns(2)
for col, (src, tgt) in ((left, (a, b)), (right, (b, a))):
    with col:
        st.subheader(f"What {names.name(src)} ({src}) says about {names.name(tgt)} ({tgt})")
        rows = all_rows[all_rows["src"] == src]
        total = int(rows["total"].iloc[0]) if not rows.empty else 0
        mean = side(series, src, tgt)
        if mean.n:
            interval = (
                f"95% interval {mean.low:.1f}–{mean.high:.1f}" if mean.n > 1 else "no interval"
            )
            st.metric(
                f"{arrow(src, tgt)} mean intensity",
                f"{mean.mean:.1f}",
                help=f"{mean.n} distinct dated statements; {interval}",
            )
            st.caption(f"n = {mean.n} statements · {interval}")
        terms = all_terms[all_terms["src"] == src].drop(columns=["src", "tgt"])
        fig = terms_figure(terms, src, tgt, colors[src])
        ui.chart(fig, terms, f"terms-{src}-{tgt}-{start}-{end}", key=f"terms-{src}")
        if rows.empty:
            st.caption(f"No statement of {src} about {tgt} in this period.")
            continue
        st.caption(f"{len(rows)} of {total} distinct statements ({ORDERS[order]})")
        shown: list[Any] = list(rows.itertuples(index=False))
        for i, row in enumerate(shown):
            with st.container(border=True):
                speaker = row.speaker if isinstance(row.speaker, str) and row.speaker else "unnamed"
                published = row.published if pd.notna(row.published) else "undated"
                told = f" · told {row.tellings} times" if row.tellings > 1 else ""
                st.text(
                    f"{published} · {speaker} ({names.country(row.speaker_country)}) · "
                    f"score {row.intensity:.1f}{told}"
                )
                st.html(highlighted_block(str(row.text), row.terms, legend=i == 0))
                st.page_link(
                    "views/statements.py",
                    label="Explain this score",
                    query_params={"aid": str(row.article_id), "idx": str(row.idx)},
                )
