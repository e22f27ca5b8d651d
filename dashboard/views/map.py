"""Map: a chosen country's outgoing (what it says about each country) or incoming (what
each country says about it) mean intensity on a world map, drawn offline."""

from __future__ import annotations

import streamlit as st

from tension.dashboard import geo, names, state, store, ui
from tension.dashboard.figures import map_figure
from tension.dashboard.partners import hidden_count, partner_table
from tension.data.store import queries as q

PAGE = "map"
DIRECTIONS = {
    "outgoing": "what it says about others",
    "incoming": "what others say about it",
}

st.title("Map")
_pairs, _chosen, first, last = ui.require_pairs()
codes = store.query(q.countries)
if not codes:
    st.info("No country speaks about another in the store yet.")
    st.stop()
totals = store.query(q.pair_matrix, None, None)
busiest = totals.groupby("src")["n"].sum()
fallback = str(busiest.idxmax()) if not busiest.empty else codes[0]

c1, c2, c3, c4 = st.columns([2, 2, 3, 1])
country = c1.selectbox(
    "Country",
    codes,
    format_func=ui.country_label,
    key=state.seed(PAGE, "country", state.get_country("country", codes) or fallback),
)
direction = c2.radio(
    "Show",
    list(DIRECTIONS),
    format_func=DIRECTIONS.__getitem__,
    key=state.seed(PAGE, "direction", state.get_choice("direction", DIRECTIONS, "outgoing")),
)
start, end = ui.date_range(c3, PAGE, first, last)
min_n = ui.min_count_choice(c4, PAGE)
state.put(country=country, direction=direction, mincount=min_n, **{"from": start, "to": end})

partners = store.query(q.country_partners, country, start=start, end=end)
drawn = geo.mapped_codes()
fig = map_figure(partners, country, direction, drawn, min_n=min_n)
st.plotly_chart(
    fig,
    key=f"{PAGE}.chart",
    config={**geo.plot_config(), "displaylogo": False, "scrollZoom": False},
)
table = partner_table(partners, direction, min_n=min_n)
hidden = hidden_count(partners, direction, min_n=min_n)
off_map = sorted(set(table["partner"]) - drawn) if not table.empty else []
st.caption(
    f"{names.country(country)} · {start} – {end} · {len(table)} countries with at least "
    f"{min_n} statements (grey on the map: {hidden} with fewer)"
    + (
        f" · too small for the map, in the table only: {', '.join(map(names.country, off_map))}"
        if off_map
        else ""
    )
    + ". Outlines: Natural Earth 1:110m, served by this dashboard."
)
if table.empty:
    st.info(f"Nothing {DIRECTIONS[direction]} with enough statements in these dates.")
else:
    ui.plain_table(
        table.drop(columns=["src", "tgt"]),
        width="stretch",
        column_config={
            "mean": st.column_config.ProgressColumn(
                "mean", min_value=0, max_value=100, format="%.1f"
            )
        },
        key=f"{PAGE}.table",
    )
st.page_link(
    "views/country.py",
    label=f"Everything {names.name(country)} says and is told, by partner",
    icon=":material/flag:",
    query_params={"country": country, "from": str(start), "to": str(end)},
)
