"""Pure Plotly figure builders: data frames in, figures out (testable without a browser).

Every builder returns a ``go.Figure`` whose traces are named so a reader (and a test) can tell
them apart. Colours come from :mod:`tension.dashboard.colors` (one colour per country on every
page).
Values are rounded before they go into a figure: the JSON sent to the browser halves.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from tension.dashboard.colors import ARTICLE_COLOR, country_color, pair_colors, with_alpha

_LAYOUT: dict[str, Any] = {
    "margin": {"l": 50, "r": 20, "t": 50, "b": 40},
    "legend": {"orientation": "h", "y": -0.12},
}
_DASHES = ("solid", "dash", "dot", "dashdot", "longdash")
TEMPLATE = "none"
"""No Plotly template in the figure: Streamlit's theme (light or dark) styles the chart in the
browser, and copying Plotly's default template cost ~10 ms and ~6 KB per figure."""


def _figure(data: Any = None) -> go.Figure:
    return go.Figure(data=data, layout={"template": TEMPLATE})


def arrow(src: str, tgt: str) -> str:
    return f"{src}→{tgt}"


def empty_figure(message: str) -> go.Figure:
    fig = _figure()
    fig.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
    fig.update_layout(xaxis={"visible": False}, yaxis={"visible": False}, height=200)
    return fig


def _add(traces: list[Any], trace: Any, *, xaxis: str, yaxis: str) -> None:
    trace.xaxis, trace.yaxis = xaxis, yaxis
    traces.append(trace)


def pair_timeline_figure(
    directed: pd.DataFrame,
    articles: dict[str, pd.DataFrame],
    *,
    show_raw: bool = True,
    show_band: bool = True,
) -> go.Figure:
    """The pair timeline: per directed series its bucket means (markers), rolling mean (line),
    spread band (rolling mean ± rolling standard deviation), spikes (diamonds); the
    article-level series dotted grey; the number of statements per bucket as bars beneath.

    ``directed`` has ``period``, ``src``, ``tgt``, ``intensity``, ``n``, ``mean_roll``,
    ``sd_roll``, ``spike`` (see :mod:`tension.dashboard.analysis`); ``articles`` maps an undirected
    pair label to its article series (``period``, ``intensity``, ``mean_roll``, ``n``).
    Every trace of a direction has ``legendgroup = "SRC>TGT"``: a clicked point reports it
    with its ``x`` (the bucket's start), so the page can list the statements behind it.
    """
    # two rows sharing the time axis, laid out by hand: make_subplots and one validated
    # add_trace/update_layout per call cost ~100 ms a figure; one constructor call does not
    traces: list[Any] = []
    pairs_seen: list[str] = []
    for (src, tgt), part in directed.groupby(["src", "tgt"], sort=True):
        src, tgt = str(src), str(tgt)
        key = "-".join(sorted((src, tgt)))
        if key not in pairs_seen:
            pairs_seen.append(key)
        dash = _DASHES[pairs_seen.index(key) % len(_DASHES)]
        ca, cb = pair_colors(key[:3], key[4:])
        color = ca if src == key[:3] else cb
        name = arrow(src, tgt)
        group = f"{src}>{tgt}"  # a clicked point reports it: the page lists its statements
        x = part["period"].to_numpy()
        n = part["n"].to_numpy()
        if show_band:
            upper = (part["mean_roll"] + part["sd_roll"]).clip(upper=100).round(1).to_numpy()
            lower = (part["mean_roll"] - part["sd_roll"]).clip(lower=0).round(1).to_numpy()
            _add(
                traces,
                go.Scatter(
                    x=np.concatenate([x, x[::-1]]),
                    y=np.concatenate([upper, lower[::-1]]),
                    fill="toself",
                    fillcolor=with_alpha(color, 0.15),
                    line={"width": 0},
                    hoverinfo="skip",
                    name=f"{name} spread",
                    legendgroup=group,
                    showlegend=False,
                ),
                xaxis="x",
                yaxis="y",
            )
        _add(
            traces,
            go.Scatter(
                x=x,
                y=part["mean_roll"].round(1).to_numpy(),
                name=f"{name} rolling mean",
                legendgroup=group,
                mode="lines",
                line={"color": color, "dash": dash, "width": 2.5},
                customdata=n,
                hovertemplate="%{y:.1f}<extra>%{fullData.name}</extra>",
            ),
            xaxis="x",
            yaxis="y",
        )
        if show_raw:
            _add(
                traces,
                go.Scatter(
                    x=x,
                    y=part["intensity"].round(1).to_numpy(),
                    name=name,
                    legendgroup=group,
                    mode="markers",
                    marker={"color": color, "size": 6, "opacity": 0.55},
                    customdata=n,
                    hovertemplate="%{y:.1f} (n=%{customdata})<extra>%{fullData.name}</extra>",
                ),
                xaxis="x",
                yaxis="y",
            )
        spikes = part[part["spike"]]
        if not spikes.empty:
            _add(
                traces,
                go.Scatter(
                    x=spikes["period"].to_numpy(),
                    y=spikes["intensity"].round(1).to_numpy(),
                    name=f"{name} spikes",
                    legendgroup=group,
                    mode="markers",
                    marker={
                        "symbol": "diamond",
                        "size": 12,
                        "color": color,
                        "line": {"width": 1.5, "color": ARTICLE_COLOR},
                    },
                    customdata=spikes["n"].to_numpy(),
                    hovertemplate="spike: %{y:.1f} (n=%{customdata})<extra>%{fullData.name}"
                    "</extra>",
                ),
                xaxis="x",
                yaxis="y",
            )
        _add(
            traces,
            go.Bar(
                x=x,
                y=n,
                name=f"{name} statements",
                legendgroup=group,
                marker={"color": color, "opacity": 0.7},
                showlegend=False,
                hovertemplate="%{y} statements<extra>%{fullData.name}</extra>",
            ),
            xaxis="x2",
            yaxis="y2",
        )
    for label, part in articles.items():
        if part.empty:
            continue
        _add(
            traces,
            go.Scatter(
                x=part["period"].to_numpy(),
                y=part["mean_roll"].round(1).to_numpy(),
                name=f"articles {label}",
                legendgroup="articles",
                mode="lines",
                line={"color": ARTICLE_COLOR, "dash": "dot", "width": 1.5},
                customdata=part["n"].to_numpy(),
                hovertemplate="%{y:.1f} (n=%{customdata})<extra>%{fullData.name}</extra>",
            ),
            xaxis="x",
            yaxis="y",
        )
    return go.Figure(
        data=traces,
        layout={
            "template": TEMPLATE,
            "barmode": "group",
            "hovermode": "closest",
            "height": 560,
            "title": "Rhetoric intensity (statements by direction; articles dotted)",
            **_LAYOUT,
            "xaxis": {
                "anchor": "y",
                "domain": [0.0, 1.0],
                "matches": "x2",
                "showticklabels": False,
            },
            "yaxis": {
                "anchor": "x",
                "domain": [0.2896, 1.0],
                "title": {"text": "intensity (0–100)"},
                "range": [0, 100],
            },
            "xaxis2": {"anchor": "y2", "domain": [0.0, 1.0]},
            "yaxis2": {"anchor": "x2", "domain": [0.0, 0.2496], "title": {"text": "statements"}},
        },
    )


def matrix_figure(matrix: pd.DataFrame) -> go.Figure:
    """Heatmap of mean intensity per directed pair: rows speaker country, columns target."""
    if matrix.empty:
        return empty_figure("No statements between countries in this window")
    z = matrix.pivot(index="src", columns="tgt", values="intensity").round(1)
    n = matrix.pivot(index="src", columns="tgt", values="n").reindex_like(z)
    rows = sorted(set(z.index) | set(z.columns))
    z = z.reindex(index=rows, columns=rows)
    n = n.reindex(index=rows, columns=rows)
    fig = _figure(
        go.Heatmap(
            z=z.to_numpy(),
            x=list(z.columns),
            y=list(z.index),
            customdata=n.fillna(0).astype(int).to_numpy(),
            colorscale="Cividis",
            zmin=0,
            zmax=max(10.0, float(np.ceil(matrix["intensity"].max()))),
            colorbar={"title": "mean"},
            hoverongaps=False,
            name="mean intensity",
            hovertemplate="%{y}→%{x}: %{z:.1f} (n=%{customdata})<extra></extra>",
        )
    )
    fig.update_layout(
        title="Mean intensity by pair (row speaks about column)",
        xaxis={"title": "target", "side": "bottom"},
        yaxis={"title": "speaker", "autorange": "reversed"},
        height=max(320, 22 * len(rows) + 120),
        margin={"l": 60, "r": 20, "t": 50, "b": 50},
    )
    return fig


def changes_figure(changes: pd.DataFrame, *, top: int = 10) -> go.Figure:
    """Horizontal bars: the pairs whose mean intensity rose most against the previous window."""
    if changes.empty:
        return empty_figure("Not enough statements in both windows to compare")
    part = changes.head(top).iloc[::-1]
    labels = [arrow(s, t) for s, t in zip(part["src"], part["tgt"], strict=True)]
    fig = _figure(
        go.Bar(
            x=part["change"].round(1),
            y=labels,
            orientation="h",
            name="change",
            marker={"color": [country_color(s) for s in part["src"]]},
            customdata=part[["before", "intensity"]].round(1).to_numpy(),
            hovertemplate="%{y}: %{customdata[0]} → %{customdata[1]}<extra></extra>",
        )
    )
    fig.update_layout(
        title="Largest rises against the previous window",
        xaxis={"title": "change in mean intensity"},
        height=max(260, 28 * len(part) + 100),
        **_LAYOUT,
    )
    return fig


def asymmetry_figure(gap: pd.DataFrame, a: str, b: str) -> go.Figure:
    """A→B minus B→A per bucket: bars above zero in A's colour, below in B's."""
    if gap.empty:
        return empty_figure(f"No bucket in which both {a} and {b} spoke about each other")
    ca, cb = pair_colors(a, b)
    fig = _figure(
        go.Bar(
            x=gap["period"],
            y=gap["gap"].round(1),
            name=f"{arrow(a, b)} minus {arrow(b, a)}",
            marker={"color": [ca if g >= 0 else cb for g in gap["gap"]]},
            customdata=gap[["ab", "ba"]].round(1).to_numpy(),
            hovertemplate=(
                f"{arrow(a, b)} %{{customdata[0]}} · {arrow(b, a)} %{{customdata[1]}}"
                "<extra>%{y:+.1f}</extra>"
            ),
        )
    )
    fig.add_hline(y=0, line={"color": ARTICLE_COLOR, "width": 1})
    fig.update_layout(
        title=f"Asymmetry: {arrow(a, b)} minus {arrow(b, a)} (above zero: {a} harsher)",
        yaxis={"title": "difference in mean intensity"},
        height=340,
        **_LAYOUT,
    )
    return fig


def terms_figure(terms: pd.DataFrame, src: str, tgt: str, color: str | None = None) -> go.Figure:
    """The scoring terms ``src`` uses most about ``tgt`` (horizontal bars of uses), in
    ``color`` (by default the speaker's country colour)."""
    if terms.empty:
        return empty_figure(f"No scoring terms in {arrow(src, tgt)} statements")
    part = terms.iloc[::-1]
    fig = _figure(
        go.Bar(
            x=part["uses"],
            y=part["term"],
            orientation="h",
            name=f"terms {arrow(src, tgt)}",
            marker={"color": color or country_color(src)},
            customdata=part[["category", "points"]].to_numpy(),
            hovertemplate="%{y} (%{customdata[0]}): %{x} uses<extra></extra>",
        )
    )
    fig.update_layout(
        title=f"Terms {arrow(src, tgt)} uses most",
        height=max(260, 24 * len(part) + 100),
        xaxis={"title": "uses"},
        **_LAYOUT,
    )
    return fig


def contributions_frame(contributions: str | list[dict[str, Any]] | None) -> pd.DataFrame:
    """The explanation's lines (``source``, ``category``, ``points``) from the stored JSON."""
    if isinstance(contributions, str):
        try:
            contributions = json.loads(contributions)
        except ValueError:
            contributions = []
    rows = [
        {
            "source": str(c.get("source", "")),
            "category": str(c.get("category", "")),
            "points": float(c.get("points", 0.0)),
        }
        for c in (contributions or [])
        if isinstance(c, dict)
    ]
    return pd.DataFrame(rows, columns=["source", "category", "points"])


def waterfall_figure(contributions: pd.DataFrame, intensity: float | None = None) -> go.Figure:
    """The score explanation: each contribution as a step, then the raw total. The intensity
    is the raw total clipped to 0–100."""
    if contributions.empty:
        return empty_figure("No explanation stored for this score")
    labels = [f"{s} ({c})" if c and c != s else s for s, c in zip(
        contributions["source"], contributions["category"], strict=True)]  # fmt: skip
    fig = _figure(
        go.Waterfall(
            x=[*labels, "raw total"],
            y=[*contributions["points"].round(2), 0],
            measure=["relative"] * len(labels) + ["total"],
            name="contributions",
            increasing={"marker": {"color": "#D55E00"}},
            decreasing={"marker": {"color": "#0072B2"}},
            totals={"marker": {"color": "#7F7F7F"}},
            hovertemplate="%{x}: %{y:+.2f}<extra></extra>",
        )
    )
    title = "How the score adds up"
    if intensity is not None:
        title += f" (intensity {intensity:.1f} = raw total clipped to 0–100)"
    fig.update_layout(title=title, height=380, showlegend=False, margin=_LAYOUT["margin"])
    return fig


def lexicon_figure(entries: pd.DataFrame) -> go.Figure:
    """Number of lexicon terms per category and their mean weight."""
    if entries.empty:
        return empty_figure("The lexicon is empty")
    agg = entries.groupby("category")["weight"].agg(["count", "mean"]).reset_index()
    fig = _figure(
        go.Bar(
            x=agg["category"],
            y=agg["count"],
            name="terms per category",
            marker={"color": [country_color(c.upper()[:3]) for c in agg["category"]]},
            customdata=agg["mean"].round(2),
            hovertemplate="%{x}: %{y} terms, mean weight %{customdata}<extra></extra>",
        )
    )
    fig.update_layout(title="Lexicon terms per category", height=320, **_LAYOUT)
    return fig
