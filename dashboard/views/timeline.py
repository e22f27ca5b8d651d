"""Pair timeline: A→B, B→A and article-level intensity on one calendar time axis, with
smoothing, intervals, volume bars and spikes; click a point to read the statements behind it."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
import streamlit as st

from tension.dashboard import analysis, names, state, store, ui
from tension.dashboard.briefing import briefing_html, briefing_name
from tension.dashboard.figures import arrow, pair_timeline_figure
from tension.dashboard.pairview import pair_view
from tension.data.ingest.dates import parse_date
from tension.data.store import queries as q
from tension.data.store.queries import StatementFilter

PAGE = "timeline"

st.title("Pair timeline")
options, chosen, first, last = ui.require_pairs()

c1, c2 = st.columns([2, 3])
pair = ui.pair_choice(c1, PAGE, options, chosen)
overlay_key = state.seed(PAGE, "with", [p for p in state.get_pairs("with", options) if p != chosen])
st.session_state[overlay_key] = [
    p for p in st.session_state[overlay_key] if p in options and p != pair
]
extra = c2.multiselect(
    "Overlay more pairs",
    [p for p in options if p != pair],
    format_func=ui.pair_label,
    max_selections=5,
    key=overlay_key,
)
c3, c4, c5, c6, c7 = st.columns([3, 2, 2, 1, 2])
start, end = ui.date_range(c3, PAGE, first, last)
bucket = ui.bucket_choice(c4, PAGE, "week")
smooth = c5.slider(
    "Rolling mean (buckets)",
    1,
    12,
    help="Statements of this many calendar buckets pooled (1 = no smoothing); an empty "
    "bucket is a gap, not skipped.",
    key=state.seed(PAGE, "smooth", state.get_number("smooth", 4, 1, 12)),
)
show_raw = c6.toggle(
    "Raw", key=state.seed(PAGE, "raw", state.get_choice("raw", ("0", "1"), "1") == "1")
)
min_n = ui.min_count_choice(c7, PAGE)
state.put(
    pair=pair,
    bucket=bucket,
    smooth=smooth,
    raw="1" if show_raw else "0",
    mincount=min_n,
    **{"with": ",".join(extra) or None, "from": start, "to": end},
)

shown_pairs = [pair, *extra]
view = pair_view(
    store.query,
    shown_pairs,
    start=start,
    end=end,
    bucket=bucket,
    smooth=smooth,
    min_n=min_n,
)
if view.empty:
    st.info(f"No dated statements or articles for {ui.pair_label(pair)} between {start} and {end}.")
    st.stop()
marked, articles, notes = view.directed, view.articles, view.notes

title = f"{names.pair(pair)}<br>{start} – {end}, by {bucket}"
fig = pair_timeline_figure(
    marked, articles, show_raw=show_raw, bucket=bucket, title=title, notes=notes
)
export = pd.concat(
    [
        marked.assign(
            series=[arrow(s, t) for s, t in zip(marked["src"], marked["tgt"], strict=True)]
        ),
        *[a.assign(series=f"articles {k}") for k, a in articles.items()],
    ],
    ignore_index=True,
)
event = ui.chart(
    fig, export, f"timeline-{pair}-{bucket}-{start}-{end}", key="timeline", on_select=True
)
st.caption(
    "Markers: mean intensity per bucket with its 95% interval (t); line: rolling mean of the "
    f"statements of the last {smooth} calendar buckets, band: its 95% interval; a gap: no "
    "statement. Diamonds: spikes (robust z-score ≥ 3.5 against the previous 12 calendar "
    f"buckets, median/MAD, at least {min_n} statements). Bars: statements per bucket. "
    "Each distinct statement counts once (copies and repeated background sentences too)."
)
counts = marked.groupby(["src", "tgt"])["n"].sum()
st.caption(
    " · ".join(
        f"{names.direction(str(k[0]), str(k[1]))}: {int(n)} statements"  # type: ignore[index]
        for k, n in counts.items()
    )
)

a_, b_ = pair.split("-")
n1, n2, n3 = st.columns([3, 2, 2])
if notes.empty:
    n1.caption("No annotation in these dates.")
else:
    n1.caption(
        "Dashed lines: annotations · "
        + ui.md_escape(
            " · ".join(f"{d}: {n}" for d, n in zip(notes["day"], notes["note"], strict=True))
        )
    )
n2.page_link(
    "views/annotations.py",
    label="Annotate this pair",
    icon=":material/push_pin:",
    query_params={"pair": pair, "from": str(start), "to": str(end)},
)
n3.download_button(
    "Download briefing (HTML)",
    lambda: briefing_html(
        store.query, a_, b_, start=start, end=end, bucket=bucket, smooth=smooth, min_n=min_n
    ),
    file_name=briefing_name(a_, b_, start, end),
    mime="text/html",
    key="briefing",
    help="One self-contained HTML file (opens offline): this chart with its annotations, "
    "both sides' means, the most intense statements explained, the method and its limits.",
)

st.subheader("Statements behind a point")
selected: tuple[str, str, date] | None = None
for point in event.selection.points:
    group = str(point.get("legendgroup") or "")
    if not re.fullmatch(r"[A-Z]{3}>[A-Z]{3}", group):
        continue
    try:
        when = parse_date(point.get("x"))
    except ValueError:
        continue
    if when is None:
        continue
    src_, tgt_ = group.split(">")
    selected = (src_, tgt_, analysis.bucket_start(when, bucket))
    break

filled = marked[marked["n"] > 0]
if selected is None and not filled.empty:
    st.caption("Click a point or a spike in the chart, or pick a period here.")
    p1, p2 = st.columns(2)
    dirs = sorted({(s, t) for s, t in zip(filled["src"], filled["tgt"], strict=True)})
    direction = p1.selectbox(
        "Direction", dirs, format_func=lambda d: names.direction(*d), key=f"{PAGE}.direction"
    )
    in_dir = filled[(filled["src"] == direction[0]) & (filled["tgt"] == direction[1])]
    periods = sorted(in_dir["period"], reverse=True)
    spikes = set(in_dir[in_dir["spike"]]["period"])
    period = p2.selectbox(
        "Period",
        periods,
        format_func=lambda p: f"{p} ⚡ spike" if p in spikes else str(p),
        key=f"{PAGE}.period",
    )
    if period is not None:
        selected = (direction[0], direction[1], pd.Timestamp(period).date())

if selected is not None:
    src, tgt, period = selected
    last_day = analysis.bucket_end(period, bucket)
    behind = store.query(
        q.statements,
        StatementFilter(src=src, tgt=tgt, start=period, end=last_day),
        limit=100,
        order="intensity",
    )
    st.write(f"{arrow(src, tgt)}, {period} – {last_day}: {len(behind)} shown")
    if not behind.empty:
        table = behind[["published", "speaker", "intensity", "text"]].copy()
        table.insert(
            0,
            "explain",
            [
                f"statements?aid={a}&idx={i}"
                for a, i in zip(behind["article_id"], behind["idx"], strict=True)
            ],
        )
        ui.plain_table(
            table,
            width="stretch",
            column_config={
                "explain": st.column_config.LinkColumn("explain", display_text="open", width=60),
                "text": st.column_config.TextColumn("text", width="large"),
            },
        )
