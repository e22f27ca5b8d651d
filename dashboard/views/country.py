"""Country: everything a country says (by the country it speaks about) and everything said
about it (by the country speaking), over the chosen dates."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from tension.dashboard import names, regions, state, store, ui
from tension.dashboard.partners import hidden_count, partner_table
from tension.data.store import queries as q

PAGE = "country"

st.title("Country")
_pairs, _chosen, first, last = ui.require_pairs()
codes = store.query(q.countries)
if not codes:
    st.info("No country speaks about another in the store yet.")
    st.stop()
totals = store.query(q.pair_matrix, None, None)
# the default: the country in the most statements, speaking or spoken about
busiest = (
    pd.concat(
        [
            totals[["src", "n"]].rename(columns={"src": "c"}),
            totals[["tgt", "n"]].rename(columns={"tgt": "c"}),
        ]
    )
    .groupby("c")["n"]
    .sum()
)
fallback = str(busiest.idxmax()) if not busiest.empty else codes[0]
chosen = state.get_country("country", codes) or fallback

c1, c2, c3 = st.columns([2, 3, 1])
country = c1.selectbox(
    "Country", codes, format_func=ui.country_label, key=state.seed(PAGE, "country", chosen)
)
start, end = ui.date_range(c2, PAGE, first, last)
min_n = ui.min_count_choice(c3, PAGE)
state.put(country=country, mincount=min_n, **{"from": start, "to": end})

partners = store.query(q.country_partners, country, start=start, end=end)
region = regions.subregion_of(country)
st.caption(
    f"{names.country(country)}{' · ' + region if region else ''} · {start} – {end} · each "
    f"distinct statement once · partners with fewer than {min_n} statements are hidden."
)
left, right = st.columns(2)
for col, direction, head in (
    (left, "outgoing", f"What {names.name(country)} says, by country spoken about"),
    (right, "incoming", f"What is said about {names.name(country)}, by speaking country"),
):
    with col:
        st.subheader(head)
        table = partner_table(partners, direction, min_n=min_n)
        hidden = hidden_count(partners, direction, min_n=min_n)
        total = int(table["statements"].sum()) if not table.empty else 0
        st.caption(
            f"{len(table)} partner{'s' * (len(table) != 1)}, {total} statements"
            + (f" · hidden, with fewer than {min_n} statements: {hidden}" if hidden else "")
        )
        if table.empty:
            st.caption("Nothing in these dates.")
            continue
        table["open"] = [
            f"statements?src={s}&tgt={t}&from={start}&to={end}&order=intensity"
            for s, t in zip(table["src"], table["tgt"], strict=True)
        ]
        table["timeline"] = [
            f"timeline?pair={'-'.join(sorted((s, t)))}&from={start}&to={end}"
            for s, t in zip(table["src"], table["tgt"], strict=True)
        ]
        ui.plain_table(
            table.drop(columns=["src", "tgt"]),
            width="stretch",
            column_config={
                "mean": st.column_config.ProgressColumn(
                    "mean", min_value=0, max_value=100, format="%.1f"
                ),
                "open": st.column_config.LinkColumn("statements", display_text="read"),
                "timeline": st.column_config.LinkColumn("timeline", display_text="open"),
            },
            key=f"{PAGE}.{direction}",
        )
        ui.csv_download(
            f"Download data (CSV): {direction}",
            table.drop(columns=["open", "timeline"]),
            f"country-{country}-{direction}-{start}-{end}.csv",
            key=f"{PAGE}-{direction}-csv",
        )
st.page_link(
    "views/map.py",
    label=f"Show {names.name(country)} on the map",
    icon=":material/public:",
    query_params={"country": country, "from": str(start), "to": str(end)},
)
