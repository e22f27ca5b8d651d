"""Statements: search and filter every statement; open one to see its text with the scoring
terms highlighted and its score explained as a waterfall of contributions."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from tension.dashboard import state, store, ui
from tension.dashboard.figures import contributions_frame, waterfall_figure
from tension.dashboard.highlight import highlighted_block, parse_terms
from tension.data.store import queries as q
from tension.data.store.queries import StatementFilter
from tension.scoring import STATEMENT_KINDS

PAGE_SIZE = 100
ANY = "(any)"
KINDS = [k for k in STATEMENT_KINDS if k != "narration"]  # narration speaks for no country
KIND_LABELS = {"document": "document's own words", "quote": "quote", "reported": "reported speech"}

st.title("Statements")
info = ui.require_data()
pairs = store.pair_counts()["pair"].tolist()
countries = store.query(q.countries)
first, last = info.first_date, info.last_date

with st.expander("Filters", expanded=True):
    f1, f2, f3, f4 = st.columns(4)
    pair_default = state.get_pair("pair", pairs, None)
    pair = f1.selectbox(
        "Pair (both directions)",
        [ANY, *pairs],
        index=([ANY, *pairs].index(pair_default) if pair_default else 0),
        format_func=lambda p: p if p == ANY else ui.pair_label(p),
    )
    speaker_country = f2.selectbox(
        "Speaker's country",
        [ANY, *countries],
        index=[ANY, *countries].index(state.get_country("src", countries) or ANY),
    )
    target = f3.selectbox(
        "Spoken about",
        [ANY, *countries],
        index=[ANY, *countries].index(state.get_country("tgt", countries) or ANY),
    )
    country = f4.selectbox(
        "Either side",
        [ANY, *countries],
        index=[ANY, *countries].index(state.get_country("country", countries) or ANY),
    )
    g1, g2, g3, g4 = st.columns([2, 2, 3, 3])
    speaker = g1.text_input("Speaker contains", value=state.get_text("speaker"), max_chars=100)
    text = g2.text_input("Text contains", value=state.get_text("q"), max_chars=200)
    lo, hi = g3.slider(
        "Score",
        0.0,
        100.0,
        (state.get_number("min", 0.0, 0.0, 100.0), state.get_number("max", 100.0, 0.0, 100.0)),
        step=1.0,
    )
    start, end = None, None
    if first is not None:
        start, end = ui.date_range(g4, first, last)
    h1, h2 = st.columns([2, 3])
    order = h1.radio(
        "Order",
        ["recent", "intensity"],
        index=["recent", "intensity"].index(
            state.get_choice("order", ("recent", "intensity"), "recent")
        ),
        format_func={"recent": "newest first", "intensity": "most intense first"}.__getitem__,
        horizontal=True,
    )
    kinds = h2.multiselect(
        "Kind (none: all)",
        KINDS,
        default=state.get_choices("kind", KINDS),
        format_func=KIND_LABELS.__getitem__,
        help="A document's own words (a speech, a statement, a spokesperson's answers), a "
        "direct quote, or reported speech.",
    )


def _opt(value: str) -> str | None:
    return None if value == ANY else value


state.put(
    pair=_opt(pair),
    src=_opt(speaker_country),
    tgt=_opt(target),
    country=_opt(country),
    speaker=speaker.strip() or None,
    q=text.strip() or None,
    min=lo if lo > 0 else None,
    max=hi if hi < 100 else None,
    order=order,
    kind=",".join(kinds) or None,
    **{
        "from": start if start != first else None,
        "to": end if end != last else None,
    },
)
where = StatementFilter(
    pair=tuple(pair.split("-")) if pair != ANY else None,  # type: ignore[arg-type]
    src=_opt(speaker_country),
    tgt=_opt(target),
    country=_opt(country),
    speaker=speaker.strip() or None,
    start=start,
    end=end,
    min_intensity=lo if lo > 0 else None,
    max_intensity=hi if hi < 100 else None,
    text=text.strip() or None,
    kinds=tuple(kinds) or None,
)
total = store.query(q.statement_count, where)
pages = max(1, -(-total // PAGE_SIZE))
page = state.get_number("page", 1, 1, pages)
rows = store.query(q.statements, where, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, order=order)

st.write(f"{total:,} statements match" + (f" · page {page} of {pages}" if pages > 1 else ""))
if rows.empty:
    st.info("No statement matches these filters. Widen the dates or clear a filter.")
else:
    table = rows[
        ["published", "speaker_country", "targets", "speaker", "intensity", "kind", "text"]
    ]
    event = ui.plain_table(
        table,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key="statements-table",
        column_config={
            "published": st.column_config.DateColumn("date"),
            "speaker_country": st.column_config.TextColumn("from"),
            "targets": st.column_config.TextColumn("about"),
            "intensity": st.column_config.ProgressColumn(
                "score", min_value=0, max_value=100, format="%.1f"
            ),
            "text": st.column_config.TextColumn("text", width="large"),
        },
    )
    st.download_button(
        "Download data (CSV): these statements",
        rows.drop(columns=["terms"]).to_csv(index=False).encode("utf-8"),
        file_name="statements.csv",
        mime="text/csv",
    )
    if pages > 1:
        new_page = st.number_input("Page", 1, pages, page)
        if new_page != page:
            state.put(page=new_page)
            st.rerun()
    picked_rows = event.selection.rows if event is not None else []  # type: ignore[union-attr]
    if picked_rows:
        r = rows.iloc[picked_rows[0]]
        state.put(aid=str(r["article_id"]), idx=int(r["idx"]))

aid = state.get_id("aid")
idx = state.get_number("idx", -1, 0, 1_000_000)
if aid is None or idx < 0:
    st.caption("Select a row to read the statement and see how its score was made.")
    st.stop()

detail = store.query(q.statement, aid, idx)
if detail is None:
    st.warning("That statement is not in the store (any more).")
    st.stop()

st.divider()
st.subheader("Statement")
speaker_name = detail["speaker"] if isinstance(detail["speaker"], str) else "unnamed speaker"
when = detail["published"] if pd.notna(detail["published"]) else "undated"
st.text(
    f"{when} · {speaker_name} ({detail['speaker_country']}) about {detail['targets']} · "
    f"{detail['kind']} · score {float(detail['intensity']):.1f}"
)
st.html(highlighted_block(str(detail["text"] or ""), detail["terms"]))
source = " · ".join(
    str(detail[k])
    for k in ("title", "outlet", "url", "source")
    if isinstance(detail[k], str) and detail[k]
)
if source:
    st.text(f"From: {source}")
contributions = contributions_frame(detail["contributions"])  # type: ignore[arg-type]
ui.chart(
    waterfall_figure(contributions, float(detail["intensity"])),
    contributions,
    f"explanation-{aid}-{idx}",
    key="waterfall",
)
terms = pd.DataFrame(parse_terms(detail["terms"]))  # type: ignore[arg-type]
if not terms.empty:
    ui.plain_table(terms, width="stretch")
