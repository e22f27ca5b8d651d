"""Small building blocks every page shares: charts with downloads, empty states, text."""

from __future__ import annotations

import re
from datetime import date
from functools import partial
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from tension.dashboard import names, state, stats, store
from tension.data.store.export import csv_bytes
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
    """Show ``fig`` (PNG through Plotly's modebar camera button) and a CSV of ``data``, both
    files named ``name`` (say the pair and the dates: a downloaded file must say what it is).

    With ``on_select`` the chart reruns the page when a point is clicked and the selection
    is returned (``event.selection.points``). The modebar keeps only the buttons an analyst
    uses (PNG, zoom, pan, reset), so on a phone it does not cover the chart's title."""
    slug = _slug(name)
    config = {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": slug, "scale": 2},
        "modeBarButtonsToRemove": [
            "select2d",
            "lasso2d",
            "zoomIn2d",
            "zoomOut2d",
            "autoScale2d",
            "toggleSpikelines",
            "hoverClosestCartesian",
            "hoverCompareCartesian",
        ],
    }
    event: Any
    if on_select:
        event = st.plotly_chart(
            fig, key=key, config=config, on_select="rerun", selection_mode=("points",)
        )
    else:
        event = st.plotly_chart(fig, key=key, config=config)
    csv_download(f"Download data (CSV): {name}", data, f"{slug}.csv", key=f"{key}-csv")
    return event


def csv_download(label: str, data: pd.DataFrame, file_name: str, *, key: str | None = None) -> None:
    """A download button for ``data`` as CSV (:func:`tension.data.store.export.csv_bytes`),
    made when the button is clicked, not on every run of the page: most runs are never
    downloaded, and the CSVs cost a page 10-20% of its run. ``data`` must not be changed
    after this call (the file is made from it later)."""
    st.download_button(
        label, partial(csv_bytes, data), file_name=file_name, mime="text/csv", key=key
    )


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
    """``"AZE ⇄ IRN (Azerbaijan ⇄ Iran)"``."""
    return names.pair(pair)


def country_label(code: str) -> str:
    """``"Azerbaijan (AZE)"`` (and "(any)" and other non-codes unchanged)."""
    return names.country(code) if len(code) == 3 and code.isupper() else code


def plain_table(frame: pd.DataFrame, **kwargs: Any) -> Any:
    """A dataframe: its cells are always shown as plain text (never HTML or Markdown)."""
    return st.dataframe(frame, hide_index=True, **kwargs)


def date_range(container: Any, page: str, first: date, last: date) -> tuple[date, date]:
    """The "Dates" picker of ``page``, starting from the URL's ``from``/``to`` clamped to
    the data's span; the whole span while only one end has been picked."""
    start, end = state.clamp_dates(
        state.get_date("from", first), state.get_date("to", last), first, last
    )
    key = state.seed(page, "dates", (start, end))
    picked = container.date_input("Dates", min_value=first, max_value=last, key=key)
    if isinstance(picked, tuple) and len(picked) == 2:
        lo, hi = state.clamp_dates(picked[0], picked[1], first, last)
        if lo is not None and hi is not None:
            return lo, hi
    return first, last


def bucket_choice(container: Any, page: str, default: str) -> str:
    """The day / week / month radio of ``page``, starting from the URL's ``bucket``."""
    key = state.seed(page, "bucket", state.get_choice("bucket", BUCKETS, default))
    return str(container.radio("Bucket", BUCKETS, horizontal=True, key=key))


def min_count_choice(container: Any, page: str) -> int:
    """The minimum count of ``page`` (URL ``mincount``, else the ``min_count`` setting): a
    mean of fewer statements is greyed and never ranked or flagged."""
    default = stats.min_count()
    key = state.seed(page, "mincount", state.get_number("mincount", default, 1, 1000))
    value = container.number_input(
        "Minimum statements",
        min_value=1,
        max_value=1000,
        step=1,
        key=key,
        help="Fewest distinct statements behind a mean before it is coloured, ranked as "
        f"rising or flagged as a spike (default {default}: the min_count setting, "
        "TENSION_MIN_COUNT).",
    )
    return int(value)


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


def pair_choice(container: Any, page: str, options: list[str], chosen: str) -> str:
    """The "Country pair" picker of ``page``, starting from ``chosen`` (the URL's)."""
    key = state.seed(page, "pair", chosen)
    if st.session_state.get(key) not in options:
        st.session_state[key] = chosen
    return str(container.selectbox("Country pair", options, format_func=pair_label, key=key))
