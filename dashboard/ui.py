"""Small building blocks every page shares: charts with downloads, empty states, text."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from tension.dashboard import state, store
from tension.data.store.queries import BUCKETS

_FILENAME = re.compile(r"[^A-Za-z0-9_.-]+")
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$&])")


def md_escape(text: str) -> str:
    """``text`` with every Markdown, HTML-ish and Streamlit directive character
    backslash-escaped, for the few widgets that only take Markdown (st.error, st.caption...)."""
    return _MARKDOWN.sub(r"\\\1", str(text)).replace("\n", " ")


def error(message: str) -> None:
    """A one-line error whose text (which may name a file or quote an input) stays text."""
    st.error(md_escape(message))


def _slug(name: str) -> str:
    return _FILENAME.sub("-", name).strip("-") or "chart"


def chart(
    fig: go.Figure,
    data: pd.DataFrame,
    name: str,
    *,
    key: str,
    on_select: bool = False,
) -> Any:
    """Show ``fig`` (PNG through Plotly's modebar camera button) and a CSV of ``tension.data``.

    With ``on_select`` the chart reruns the page when a point is clicked and the selection
    is returned (``event.selection.points``)."""
    slug = _slug(name)
    config = {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": slug, "scale": 2},
    }
    event: Any
    if on_select:
        event = st.plotly_chart(
            fig, key=key, config=config, on_select="rerun", selection_mode=("points",)
        )
    else:
        event = st.plotly_chart(fig, key=key, config=config)
    st.download_button(
        f"Download data (CSV): {name}",
        data.to_csv(index=False).encode("utf-8"),
        file_name=f"{slug}.csv",
        mime="text/csv",
        key=f"{key}-csv",
    )
    return event


def require_data() -> Any:
    """The store summary; stops the page with a helpful message when the store is empty."""
    info = store.summary()
    if info.articles == 0 and info.statements == 0:
        st.info(
            f"The store at {md_escape(str(store.store_path()))} is empty. "
            "Load the illustrative demo corpus "
            "with `tension demo`, add your own articles on the **Add data** page, or run "
            "`tension ingest PATH...`, then reload."
        )
        st.page_link("views/add_data.py", label="Add data", icon="➕")
        st.stop()
    return info


def pair_label(pair: str) -> str:
    return pair.replace("-", " ⇄ ")


def plain_table(frame: pd.DataFrame, **kwargs: Any) -> Any:
    """A dataframe: its cells are always shown as plain text (never HTML or Markdown)."""
    return st.dataframe(frame, hide_index=True, **kwargs)


def date_range(container: Any, first: date, last: date) -> tuple[date, date]:
    """The "Dates" picker, starting from the URL's ``from``/``to`` clamped to the data's span;
    the whole span while only one end has been picked."""
    start, end = state.clamp_dates(
        state.get_date("from", first), state.get_date("to", last), first, last
    )
    picked = container.date_input("Dates", value=(start, end), min_value=first, max_value=last)
    if isinstance(picked, tuple) and len(picked) == 2:
        return picked[0], picked[1]
    return first, last


def bucket_choice(container: Any, default: str) -> str:
    """The day / week / month radio, starting from the URL's ``bucket``."""
    index = BUCKETS.index(state.get_choice("bucket", BUCKETS, default))
    return str(container.radio("Bucket", BUCKETS, index=index, horizontal=True))


def require_pairs() -> tuple[list[str], str, date, date]:
    """The pairs with data (busiest first), the URL's ``pair`` (else the busiest) and the
    store's first and last dates; stops the page with a message when there is no dated
    pair."""
    info = require_data()
    pairs = store.pair_counts()
    if pairs.empty or info.first_date is None or info.last_date is None:
        st.info("No dated country pair yet: the stored articles name fewer than two countries.")
        st.stop()
    options = [str(p) for p in pairs["pair"].tolist()]
    chosen = state.get_pair("pair", options, options[0]) or options[0]
    return options, chosen, info.first_date, info.last_date
