"""Pair timeline: A→B, B→A and article-level intensity on one time axis, with smoothing,
a spread band, volume bars and spikes; click a point to read the statements behind it."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pandas as pd
import streamlit as st

from tension.dashboard import analysis, state, store, ui
from tension.dashboard.figures import arrow, pair_timeline_figure
from tension.data.ingest.dates import parse_date
from tension.data.store import queries as q
from tension.data.store.queries import StatementFilter

st.title("Pair timeline")
options, chosen, first, last = ui.require_pairs()

c1, c2 = st.columns([2, 3])
pair = c1.selectbox("Country pair", options, index=options.index(chosen), format_func=ui.pair_label)
extra = c2.multiselect(
    "Overlay more pairs",
    [p for p in options if p != pair],
    default=[p for p in state.get_pairs("with", options) if p != pair],
    format_func=ui.pair_label,
    max_selections=5,
)
c3, c4, c5, c6 = st.columns([3, 2, 2, 1])
start, end = ui.date_range(c3, first, last)
bucket = ui.bucket_choice(c4, "week")
smooth = c5.slider(
    "Rolling mean (buckets)", 1, 12, state.get_number("smooth", 4, 1, 12), help="1 = no smoothing"
)
show_raw = c6.toggle("Raw", value=state.get_choice("raw", ("0", "1"), "1") == "1")
state.put(
    pair=pair,
    bucket=bucket,
    smooth=smooth,
    raw="1" if show_raw else "0",
    **{"with": ",".join(extra) or None, "from": start, "to": end},
)

shown_pairs = [pair, *extra]
directed_keys = [(x, y) for p in shown_pairs for x, y in (p.split("-"), p.split("-")[::-1])]
directed = store.query(q.directed_series, directed_keys, start=start, end=end, bucket=bucket)
articles = {
    ui.pair_label(p).replace(" ⇄ ", "–"): analysis.rolling(
        store.query(q.article_series, *p.split("-"), start=start, end=end, bucket=bucket), smooth
    )
    for p in shown_pairs
}
if directed.empty and all(a.empty for a in articles.values()):
    st.info(f"No dated statements or articles for {ui.pair_label(pair)} between {start} and {end}.")
    st.stop()

marked = analysis.mark_spikes(
    analysis.rolling(directed, smooth, by=["src", "tgt"]), by=["src", "tgt"]
)
fig = pair_timeline_figure(marked, articles, show_raw=show_raw)
export = pd.concat(
    [
        marked.assign(
            series=[arrow(s, t) for s, t in zip(marked["src"], marked["tgt"], strict=True)]
        ),
        *[a.assign(series=f"articles {k}") for k, a in articles.items()],
    ],
    ignore_index=True,
)
event = ui.chart(fig, export, f"timeline-{pair}-{bucket}", key="timeline", on_select=True)
st.caption(
    "Markers: mean intensity per bucket; line: rolling mean; band: ± one rolling standard "
    "deviation; diamonds: spikes (robust z-score ≥ 3.5 against the previous 12 buckets, "
    "median/MAD). Bars: statements per bucket."
)
counts = marked.groupby(["src", "tgt"])["n"].sum()
st.caption(
    " · ".join(
        f"{arrow(str(k[0]), str(k[1]))}: {int(n)} statements"  # type: ignore[index]
        for k, n in counts.items()
    )
)


def _bucket_end(p: date) -> date:
    if bucket == "day":
        return p
    if bucket == "week":
        return p + timedelta(days=6)
    return (pd.Timestamp(p) + pd.offsets.MonthEnd(0)).date()


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
    selected = (src_, tgt_, when)
    break

if selected is None and not marked.empty:
    st.caption("Click a point or a spike in the chart, or pick a period here.")
    p1, p2 = st.columns(2)
    dirs = sorted({(s, t) for s, t in zip(marked["src"], marked["tgt"], strict=True)})
    direction = p1.selectbox("Direction", dirs, format_func=lambda d: arrow(*d))
    periods = sorted(
        marked[(marked["src"] == direction[0]) & (marked["tgt"] == direction[1])]["period"],
        reverse=True,
    )
    spikes = set(marked[marked["spike"]]["period"])
    period = p2.selectbox(
        "Period", periods, format_func=lambda p: f"{p} ⚡ spike" if p in spikes else str(p)
    )
    selected = (direction[0], direction[1], pd.Timestamp(period).date())

if selected is not None:
    src, tgt, period = selected
    behind = store.query(
        q.statements,
        StatementFilter(src=src, tgt=tgt, start=period, end=_bucket_end(period)),
        limit=100,
        order="intensity",
    )
    st.write(f"{arrow(src, tgt)}, {period} – {_bucket_end(period)}: {len(behind)} shown")
    if not behind.empty:
        table = behind[["published", "speaker", "intensity", "text"]].copy()
        table["explain"] = [
            f"statements?aid={a}&idx={i}"
            for a, i in zip(behind["article_id"], behind["idx"], strict=True)
        ]
        ui.plain_table(
            table,
            width="stretch",
            column_config={"explain": st.column_config.LinkColumn("explain", display_text="open")},
        )
