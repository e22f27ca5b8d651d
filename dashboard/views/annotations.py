"""Annotations: analysts' notes on dates ("ceasefire signed"), for every pair or one pair,
drawn on the pair timeline and compare charts; add, edit and delete them here."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from tension.dashboard import names, state, store, ui
from tension.data.errors import DataError
from tension.data.store import annotations as notes
from tension.data.store import queries as q

PAGE = "annotations"
DONE = {"add": "Added", "edit": "Saved", "delete": "Deleted"}
SCOPES = {"all": "every pair", "both": "one pair, both ways", "one": "one direction"}

st.title("Annotations")
info = ui.require_data()
codes = store.query(q.countries)
pairs = store.pair_counts()["pair"].tolist()
first = info.first_date or date.today()
last = info.last_date or date.today()

st.caption(
    "A note on a date (an agreement, an election, a strike) is drawn as a dashed line on the "
    "pair timeline and the compare chart: for every pair, for one pair both ways, or for one "
    "direction only. Notes are kept in the store and exported with `tension export`."
)

f1, f2 = st.columns([2, 3])
shown_pair = f1.selectbox(
    "Show notes of",
    ["(all)", *pairs],
    format_func=lambda p: "every note" if p == "(all)" else ui.pair_label(p),
    key=state.seed(PAGE, "pair", state.get_pair("pair", pairs, None) or "(all)"),
)
state.put(pair=None if shown_pair == "(all)" else shown_pair)
pick = tuple(shown_pair.split("-")) if shown_pair != "(all)" else None
table: pd.DataFrame = store.query(q.annotation_rows, pair=pick)


def _label(row: pd.Series) -> str:
    return f"{row['day']} · {row['scope']} · {row['note']}"


def _save(action: str, item: notes.Annotation | str) -> None:
    try:
        if action == "add":
            assert isinstance(item, notes.Annotation)
            done = notes.add(store.store_path(), item)
        elif action == "edit":
            assert isinstance(item, notes.Annotation)
            done = notes.edit(store.store_path(), item)
        else:
            done = notes.delete(store.store_path(), str(item))
    except DataError as exc:
        ui.error(f"The note was not saved: {exc}")
        return
    said = DONE[action]
    st.session_state[f"{PAGE}.done"] = f"{said}: {done.day} · {done.scope} · {done.note}"
    st.rerun()


if done := st.session_state.pop(f"{PAGE}.done", None):
    st.success(ui.md_escape(str(done)))

st.subheader(f"{len(table)} note(s)")
if table.empty:
    st.caption("No annotation yet: add the first one below.")
    picked_id = None
else:
    shown = table[["day", "scope", "note", "updated_at"]].rename(columns={"updated_at": "changed"})
    shown.insert(
        1,
        "countries",
        [
            "every pair"
            if not isinstance(s, str) or not s
            else f"{names.name(s)} {'→' if d else '⇄'} {names.name(t)}"
            for s, t, d in zip(table["src"], table["tgt"], table["directed"], strict=True)
        ],
    )
    event = ui.plain_table(
        shown,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key=f"{PAGE}.table",
    )
    ui.csv_download("Download data (CSV): annotations", table, "annotations.csv", key=f"{PAGE}-csv")
    rows = event.selection.rows if event is not None else []  # type: ignore[union-attr]
    from_url = state.get_id("id")
    picked_id = str(table.iloc[rows[0]]["id"]) if rows else from_url
    if picked_id not in set(table["id"]):
        picked_id = None
    state.put(id=picked_id)
    if picked_id is None:
        st.caption("Select a row to edit or delete that note.")


def _form(prefix: str, current: pd.Series | None) -> notes.Annotation | None:
    """The fields of a note; the validated note when the form was submitted, else None."""
    c1, c2 = st.columns([1, 2])
    day = c1.date_input(
        "Date",
        value=current["day"] if current is not None else last,
        min_value=notes.FIRST_DAY,
        max_value=notes.LAST_DAY,
        key=f"{prefix}.day",
    )
    if current is None:
        scope0 = "all"
    else:
        scope0 = "all" if not current["src"] else ("one" if current["directed"] else "both")
    scope = c2.radio(
        "For",
        list(SCOPES),
        index=list(SCOPES).index(scope0),
        format_func=SCOPES.__getitem__,
        horizontal=True,
        key=f"{prefix}.scope",
    )
    c3, c4 = st.columns(2)
    default_a = current["src"] if current is not None and current["src"] else None
    default_b = current["tgt"] if current is not None and current["tgt"] else None
    if pick and default_a is None:
        default_a, default_b = pick
    a = c3.selectbox(
        "Country (speaks, for one direction)",
        codes,
        index=codes.index(default_a) if default_a in codes else 0,
        format_func=ui.country_label,
        key=f"{prefix}.src",
    )
    b = c4.selectbox(
        "Other country",
        codes,
        index=codes.index(default_b) if default_b in codes else min(1, len(codes) - 1),
        format_func=ui.country_label,
        key=f"{prefix}.tgt",
    )
    note = st.text_input(
        "Note",
        value=str(current["note"]) if current is not None else "",
        max_chars=notes.MAX_NOTE,
        placeholder="ceasefire signed",
        key=f"{prefix}.note",
    )
    submitted = st.form_submit_button(
        "Save changes" if current is not None else "Add annotation", type="primary"
    )
    if not submitted:
        return None
    try:
        return notes.make(
            day,
            note,
            a if scope != "all" else None,
            b if scope != "all" else None,
            directed=scope == "one",
            id=str(current["id"]) if current is not None else None,
        )
    except notes.AnnotationError as exc:
        ui.error(str(exc))
        return None


if picked_id is not None:
    current = table[table["id"] == picked_id].iloc[0]
    st.subheader("Edit the selected note")
    st.caption(ui.md_escape(_label(current)))
    with st.form(f"{PAGE}.edit.{picked_id}"):
        changed = _form(f"{PAGE}.edit.{picked_id}", current)
    if changed is not None:
        _save("edit", changed)
    if st.button("Delete this note", key=f"{PAGE}.delete.{picked_id}"):
        state.put(id=None)
        _save("delete", picked_id)

st.subheader("Add a note")
with st.form(f"{PAGE}.add", clear_on_submit=True):
    new = _form(f"{PAGE}.add", None)
if new is not None:
    _save("add", new)
