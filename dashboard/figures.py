"""Pure Plotly figure builders: data frames in, figures out (testable without a browser)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.colors import ARTICLE_COLOR, pair_colors

_LAYOUT = {
    "margin": {"l": 50, "r": 20, "t": 40, "b": 40},
    "hovermode": "x unified",
    "legend": {"orientation": "h", "y": -0.15},
}


def timeline_figure(series: pd.DataFrame, a: str, b: str) -> go.Figure:
    """Mean intensity over time for A→B, B→A and the articles about A–B.

    ``series`` is what :func:`data.store.queries.pair_series` returns. Article-level data is
    drawn dotted, so statements (who said it) stand out from coverage (what was written).
    """
    ca, cb = pair_colors(a, b)
    styles = {
        "AB": {"color": ca, "dash": "solid"},
        "BA": {"color": cb, "dash": "solid"},
        "article": {"color": ARTICLE_COLOR, "dash": "dot"},
    }
    fig = go.Figure()
    for direction in ("AB", "BA", "article"):
        part = series[series["direction"] == direction]
        if part.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=part["period"],
                y=part["intensity"].round(1),
                customdata=part["n"],
                name=str(part["series"].iloc[0]),
                mode="lines+markers",
                line={"color": styles[direction]["color"], "dash": styles[direction]["dash"]},
                marker={"size": 5},
                hovertemplate="%{y:.1f} (n=%{customdata})<extra>%{fullData.name}</extra>",
            )
        )
    fig.update_layout(
        title=f"Rhetoric intensity, {a} ⇄ {b}",
        yaxis={"title": "intensity (0–100)", "range": [0, 100]},
        xaxis={"title": None},
        **_LAYOUT,
    )
    return fig
