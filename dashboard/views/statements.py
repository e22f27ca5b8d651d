"""Statements: search and filter every statement; open one to see its text with the scoring
terms highlighted and its score explained as a waterfall of contributions."""

from __future__ import annotations

from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from tension.dashboard import names, state, store, ui
from tension.dashboard.figures import contributions_frame, waterfall_figure
from tension.dashboard.highlight import highlighted_block
from tension.data.store import queries as q
from tension.data.store.queries import StatementFilter
from tension.scoring import STATEMENT_KINDS

PAGE = "statements"
PAGE_SIZE = 100
ANY = "(any)"
KINDS = [k for k in STATEMENT_KINDS if k != "narration"]  # narration speaks for no country
KIND_LABELS = {"document": "document's own words", "quote": "quote", "reported": "reported speech"}
SHORT = 180
"""Characters of a statement shown in the table (the whole text opens below)."""

st.title("Statements")
info = ui.require_data()
pairs = store.pair_counts()["pair"].tolist()
countries = store.query(q.countries)
first, last = info.first_date, info.last_date


def _country_box(container: object, label: str, name: str) -> str:
    return str(
        container.selectbox(  # type: ignore[attr-defined]
            label,
            [ANY, *countries],
            format_func=ui.country_label,
            key=state.seed(PAGE, name, state.get_country(name, countries) or ANY),
        )
    )


with st.expander("Filters", expanded=True):
    f1, f2, f3, f4 = st.columns(4)
    pair = f1.selectbox(
        "Pair (both directions)",
        [ANY, *pairs],
        format_func=lambda p: p if p == ANY else ui.pair_label(p),
        key=state.seed(PAGE, "pair", state.get_pair("pair", pairs, None) or ANY),
    )
    speaker_country = _country_box(f2, "Speaker's country", "src")
    target = _country_box(f3, "Spoken about", "tgt")
    country = _country_box(f4, "Either side", "country")
    g1, g2, g3, g4 = st.columns([2, 2, 3, 3])
    speaker = g1.text_input(
        "Speaker contains",
        max_chars=100,
        key=state.seed(PAGE, "speaker", state.get_text("speaker")),
    )
    text = g2.text_input(
        "Text contains", max_chars=200, key=state.seed(PAGE, "q", state.get_text("q"))
    )
    score_range: tuple[float, float] = g3.slider(  # type: ignore[assignment]
        "Score",
        0.0,
        100.0,
        step=1.0,
        key=state.seed(
            PAGE,
            "score",
            (state.get_number("min", 0.0, 0.0, 100.0), state.get_number("max", 100.0, 0.0, 100.0)),
        ),
    )
    lo, hi = score_range
    start, end = None, None
    if first is not None and last is not None:
        start, end = ui.date_range(g4, PAGE, first, last)
    h1, h2 = st.columns([3, 2])
    order = h1.radio(
        "Order",
        ["recent", "intensity"],
        format_func={"recent": "newest first", "intensity": "most intense first"}.__getitem__,
        horizontal=True,
        key=state.seed(PAGE, "order", state.get_choice("order", ("recent", "intensity"), "recent")),
    )
    everyone = h2.checkbox(
        "Include statements without a speaker's country",
        help="Analysts, witnesses and unnamed sources speak for no country, so they never "
        "feed a pair or the Overview's charts; they are hidden here unless this is ticked.",
        key=state.seed(PAGE, "all", state.get_choice("all", ("0", "1"), "0") == "1"),
    )
    kinds = h2.multiselect(
        "Kind (none: all)",
        KINDS,
        format_func=KIND_LABELS.__getitem__,
        key=state.seed(PAGE, "kind", state.get_choices("kind", KINDS)),
        help="A document's own words (a speech, a statement, a spokesperson's answers), a "
        "direct quote, or reported speech.",
    )


def _opt(value: str) -> str | None:
    return None if value == ANY else value


filters = {
    "pair": _opt(pair),
    "src": _opt(speaker_country),
    "tgt": _opt(target),
    "country": _opt(country),
    "speaker": speaker.strip() or None,
    "q": text.strip() or None,
    "min": lo if lo > 0 else None,
    "max": hi if hi < 100 else None,
    "order": order,
    "kind": ",".join(kinds) or None,
    "all": "1" if everyone else None,
    "from": start if start != first else None,
    "to": end if end != last else None,
}
state.put(**filters)
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
    attributed=not everyone,
)
total = store.query(q.statement_count, where)
pages = max(1, -(-total // PAGE_SIZE))
page = state.get_number("page", 1, 1, pages)
rows = store.query(q.statements, where, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, order=order)

st.write(f"{total:,} statements match" + (f" · page {page} of {pages}" if pages > 1 else ""))
if not everyone:
    hidden = store.query(q.statement_count, StatementFilter(attributed=False)) - store.query(
        q.statement_count, StatementFilter()
    )
    if hidden:
        st.caption(
            f"The Overview counts all {info.statements:,} stored statements; "
            f"{hidden:,} of them have no speaker's country (analysts, witnesses, unnamed "
            "sources) and are not listed here — tick “Include statements without a "
            "speaker's country” to see them."
        )
unscored = store.query(q.unscored, 500)
if not unscored.empty:
    languages = ", ".join(
        f"{lang} {n}" for lang, n in unscored["language"].value_counts().sort_index().items()
    )
    with st.expander(
        f"Not scored: {len(unscored):,} article(s) not in English ({languages})", expanded=False
    ):
        st.caption(
            "Only English is scored. These articles are stored but have no statements and are "
            "left out of every series (not counted as calm)."
        )
        ui.plain_table(unscored[["published", "title", "source", "reason"]], width="stretch")
if rows.empty:
    st.info("No statement matches these filters. Widen the dates or clear a filter.")
else:
    base = {k: str(v) for k, v in filters.items() if v is not None}
    table = pd.DataFrame(
        {
            "open": [
                "?" + urlencode({**base, "aid": a, "idx": int(i)})
                for a, i in zip(rows["article_id"], rows["idx"], strict=True)
            ],
            "published": rows["published"],
            "from": [
                names.country(c) if isinstance(c, str) else "" for c in rows["speaker_country"]
            ],
            "about": [
                ", ".join(names.country(c) for c in str(t or "").split(", ") if c)
                for t in rows["targets"]
            ],
            "speaker": rows["speaker"],
            "kind": rows["kind"],
            "intensity": rows["intensity"],
            "text": [
                t if len(t) <= SHORT else t[: SHORT - 1].rstrip() + "…"
                for t in rows["text"].fillna("").astype(str)
            ],
        }
    )
    event = ui.plain_table(
        table,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key=f"{PAGE}.table",
        row_height=60,
        column_config={
            "open": st.column_config.LinkColumn(
                "open", display_text="open", width=50, help="Read it and see its score explained"
            ),
            "published": st.column_config.DateColumn("date", width=90),
            "from": st.column_config.TextColumn("from", width=110),
            "about": st.column_config.TextColumn("about", width=130),
            "speaker": st.column_config.TextColumn("speaker", width=140),
            "kind": st.column_config.TextColumn("kind", width=80),
            "intensity": st.column_config.ProgressColumn(
                "score", min_value=0, max_value=100, format="%.1f", width=90
            ),
            "text": st.column_config.TextColumn("text", width="large"),
        },
    )
    ui.csv_download(
        "Download data (CSV): these statements",
        rows.drop(columns=["terms"]),
        "statements.csv",
    )
    if pages > 1:
        new_page = st.number_input("Page", 1, pages, page, key=f"{PAGE}.page")
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
    st.caption(
        "Select a row (or its “open” link) to read the statement and see how its score was made."
    )
    st.stop()

detail = store.query(q.statement, aid, idx)
if detail is None:
    st.warning("That statement is not in the store (any more).")
    st.stop()

st.divider()
st.subheader("Statement")
speaker_name = detail["speaker"] if isinstance(detail["speaker"], str) else "unnamed speaker"
when = detail["published"] if pd.notna(detail["published"]) else "undated"
origin = names.country(detail["speaker_country"]) if detail["speaker_country"] else "no country"
about = ", ".join(names.country(c) for c in str(detail["targets"] or "").split(", ") if c)
st.text(
    f"{when} · {speaker_name} · {origin} → {about or 'no country'} · "
    f"{detail['kind']} · score {float(detail['intensity']):.1f}"
)
statement_text = str(detail["text"] or "")
st.html(highlighted_block(statement_text, detail["terms"]))
source = " · ".join(
    str(detail[k])
    for k in ("title", "outlet", "url", "source")
    if isinstance(detail[k], str) and detail[k]
)
if source:
    st.text(f"From: {source}")
contributions = contributions_frame(detail["contributions"])
ui.chart(
    waterfall_figure(contributions, float(detail["intensity"]), statement_text),
    contributions,
    f"explanation-{aid}-{idx}",
    key="waterfall",
)
terms = pd.DataFrame(detail["terms"])
if not terms.empty:
    ui.plain_table(
        terms[["word", "term", "category", "weight"]].rename(
            columns={"word": "words matched", "term": "lexicon entry", "weight": "points"}
        ),
        width="stretch",
    )
