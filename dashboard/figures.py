"""Pure Plotly figure builders: data frames in, figures out (testable without a browser).

Every builder returns a ``go.Figure`` whose traces are named so a reader (and a test) can tell
them apart. Colours come from :mod:`tension.dashboard.colors` (one colour per country on every
page).
Values are rounded before they go into a figure: the JSON sent to the browser halves.
"""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from tension.dashboard import names
from tension.dashboard.colors import (
    ARTICLE_COLOR,
    country_color,
    pair_colors,
    series_colors,
    with_alpha,
)
from tension.scoring.intensity import bound

_LAYOUT: dict[str, Any] = {
    "margin": {"l": 50, "r": 20, "t": 90, "b": 40},
    # above the plot, under the title: never over the axis labels (nor in a PNG)
    "legend": {"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0, "xanchor": "left"},
}
_TICKS = {"day": "%Y-%m-%d", "week": "%Y-%m-%d", "month": "%b %Y"}
_STEP = {"day": 1, "week": 7, "month": 31}
GREY = "#BBBBBB"
"""Cells and bars below the minimum count."""
TEMPLATE = "none"
"""No Plotly template in the figure: Streamlit's theme (light or dark) styles the chart in the
browser, and copying Plotly's default template cost ~10 ms and ~6 KB per figure."""


def _title(text: str) -> dict[str, Any]:
    """A title at the top left, small enough that its first line and the modebar (top
    right) share a phone's width; details go on a second line after ``<br>``."""
    return {"text": text, "font": {"size": 14}, "x": 0, "xanchor": "left"}


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


def _r1(values: Any) -> np.ndarray:
    """Values rounded to one decimal as floats (NaN kept: Plotly draws it as a gap)."""
    return np.round(np.asarray(values, dtype=float), 1)


def _time_axis(periods: Any, bucket: str) -> dict[str, Any]:
    """A date axis labelled in days or months; one bucket alone gets a range around it, so
    Plotly does not zoom to hours and label it "00:00:00"."""
    axis: dict[str, Any] = {"type": "date", "tickformat": _TICKS.get(bucket, "%Y-%m-%d")}
    days = sorted({pd.Timestamp(p) for p in periods})
    if len(days) == 1:
        step = pd.Timedelta(days=_STEP.get(bucket, 7))
        axis["range"] = [str((days[0] - step).date()), str((days[0] + step).date())]
    return axis


def _band(x: np.ndarray, low: Any, high: Any) -> tuple[list[Any], list[Any]]:
    """One closed polygon per run of buckets where the interval exists, separated by None:
    a band never bridges a gap (a single filled trace would join across it)."""
    lo, hi = _r1(low), _r1(high)
    ok = ~(np.isnan(lo) | np.isnan(hi))
    bx: list[Any] = []
    by: list[Any] = []
    i = 0
    while i < len(x):
        if not ok[i]:
            i += 1
            continue
        j = i
        while j < len(x) and ok[j]:
            j += 1
        if bx:
            bx.append(None)
            by.append(None)
        bx += [*x[i:j], *x[i:j][::-1]]
        by += [*hi[i:j], *lo[i:j][::-1]]
        i = j
    return bx, by


def pair_timeline_figure(
    directed: pd.DataFrame,
    articles: dict[str, pd.DataFrame],
    *,
    show_raw: bool = True,
    show_band: bool = True,
    bucket: str = "week",
    title: str = "Rhetoric intensity",
    notes: pd.DataFrame | None = None,
) -> go.Figure:
    """The pair timeline: per directed series its bucket means (markers with their 95%
    interval), rolling mean (line) with its 95% interval (band), spikes (diamonds); each
    pair's article-level series dotted in the pair's colour; statements per bucket as bars
    beneath. Empty calendar buckets are NaN: lines and bands break there.

    ``directed`` (on the calendar, see :mod:`tension.dashboard.analysis`) has ``period``,
    ``src``, ``tgt``, ``intensity``, ``n``, ``ci_low``/``ci_high``, ``mean_roll``,
    ``n_roll``, ``roll_low``/``roll_high``, ``spike``; ``articles`` maps a pair label
    ("AZE–IRN") to its article series (``period``, ``mean_roll``, ``n``). Every trace of a
    direction has ``legendgroup = "SRC>TGT"``: a clicked point reports it with its ``x``
    (the bucket's start), so the page can list the statements behind it. ``notes``
    (analysts' annotations: ``day``, ``scope``, ``note``) are drawn as dashed vertical
    lines across both rows, each labelled with its note (see :func:`note_marks`).
    """
    # two rows sharing the time axis, laid out by hand: make_subplots and one validated
    # add_trace/update_layout per call cost ~100 ms a figure; one constructor call does not
    traces: list[Any] = []
    keys = sorted({(str(s), str(t)) for s, t in zip(directed["src"], directed["tgt"], strict=True)})
    ordered = sorted(keys, key=lambda k: ("-".join(sorted(k)), k))
    colors = series_colors(ordered)
    for (src, tgt), part in directed.groupby(["src", "tgt"], sort=True):
        src, tgt = str(src), str(tgt)
        color = colors[(src, tgt)]
        name = arrow(src, tgt)
        long = names.direction(src, tgt)
        group = f"{src}>{tgt}"  # a clicked point reports it: the page lists its statements
        x = part["period"].to_numpy()
        n = part["n"].to_numpy()
        has = n > 0
        if show_band and "roll_low" in part:
            bx, by = _band(x, part["roll_low"].clip(lower=0), part["roll_high"].clip(upper=100))
            if len(bx):
                _add(
                    traces,
                    go.Scatter(
                        x=bx,
                        y=by,
                        mode="lines",
                        line={"width": 0, "color": color},
                        fill="toself",
                        fillcolor=with_alpha(color, 0.15),
                        hoverinfo="skip",
                        name=f"{name} interval",
                        legendgroup=group,
                        showlegend=False,
                    ),
                    xaxis="x",
                    yaxis="y",
                )
        roll_ci = np.stack(
            [part["n_roll"].to_numpy(), _r1(part["roll_low"]), _r1(part["roll_high"])], axis=1
        )
        _add(
            traces,
            go.Scatter(
                x=x,
                y=_r1(part["mean_roll"]),
                name=f"{name} rolling mean",
                legendgroup=group,
                mode="lines",
                line={"color": color, "width": 2.5},
                connectgaps=False,
                customdata=roll_ci,
                hovertemplate=(
                    f"{long}<br>rolling mean %{{y:.1f}} · n=%{{customdata[0]}}"
                    "<br>95% interval %{customdata[1]}–%{customdata[2]}<extra></extra>"
                ),
            ),
            xaxis="x",
            yaxis="y",
        )
        if show_raw:
            mean = _r1(part["intensity"])
            low = _r1(part["ci_low"]) if "ci_low" in part else np.full(len(part), np.nan)
            high = _r1(part["ci_high"]) if "ci_high" in part else np.full(len(part), np.nan)
            _add(
                traces,
                go.Scatter(
                    x=x[has],
                    y=mean[has],
                    name=name,
                    legendgroup=group,
                    mode="markers",
                    marker={"color": color, "size": 7, "opacity": 0.6},
                    error_y={
                        "type": "data",
                        "array": np.nan_to_num(np.round(high - mean, 1))[has],
                        "arrayminus": np.nan_to_num(np.round(mean - low, 1))[has],
                        "color": with_alpha(color, 0.45),
                        "thickness": 1,
                        "width": 0,
                    },
                    customdata=np.stack([n, low, high], axis=1)[has],
                    hovertemplate=(
                        f"{long}<br>mean %{{y:.1f}} · n=%{{customdata[0]}}"
                        "<br>95% interval %{customdata[1]}–%{customdata[2]}<extra></extra>"
                    ),
                ),
                xaxis="x",
                yaxis="y",
            )
        spikes = part[part["spike"].fillna(False).astype(bool)] if "spike" in part else part[:0]
        if not spikes.empty:
            _add(
                traces,
                go.Scatter(
                    x=spikes["period"].to_numpy(),
                    y=_r1(spikes["intensity"]),
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
                    hovertemplate=f"{long}<br>spike: %{{y:.1f}} (n=%{{customdata}})<extra></extra>",
                ),
                xaxis="x",
                yaxis="y",
            )
        _add(
            traces,
            go.Bar(
                x=x[has],
                y=n[has],
                name=f"{name} statements",
                legendgroup=group,
                marker={"color": color, "opacity": 0.7},
                showlegend=False,
                hovertemplate=f"{long}<br>%{{y}} statements<extra></extra>",
            ),
            xaxis="x2",
            yaxis="y2",
        )
    for label, part in articles.items():
        if part.empty:
            continue
        a, _, b = label.partition("–")
        color = colors.get((a, b)) or colors.get((b, a)) or ARTICLE_COLOR
        _add(
            traces,
            go.Scatter(
                x=part["period"].to_numpy(),
                y=_r1(part["mean_roll"]),
                name=f"articles {label}",
                legendgroup=f"articles {label}",
                mode="lines",
                connectgaps=False,
                line={"color": color, "dash": "dot", "width": 1.5},
                customdata=part["n"].to_numpy(),
                hovertemplate="%{y:.1f} (n=%{customdata})<extra>%{fullData.name}</extra>",
            ),
            xaxis="x",
            yaxis="y",
        )
    axis = _time_axis(directed["period"] if not directed.empty else [], bucket)
    shapes, labels = note_marks(
        notes, top=0.985, periods=directed["period"] if not directed.empty else None
    )
    return go.Figure(
        data=traces,
        layout={
            "template": TEMPLATE,
            "shapes": shapes,
            "annotations": labels,
            "barmode": "group",
            "hovermode": "closest",
            "height": 620,
            **_LAYOUT,
            "title": {
                "text": title,
                "x": 0,
                "xanchor": "left",
                "y": 0.99,
                "yref": "container",
                "yanchor": "top",
            },
            "margin": {"l": 50, "r": 20, "t": 130, "b": 40},
            "xaxis": {
                **axis,
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
            "xaxis2": {**axis, "anchor": "y2", "domain": [0.0, 1.0]},
            "yaxis2": {"anchor": "x2", "domain": [0.0, 0.2496], "title": {"text": "statements"}},
        },
    )


NOTE_COLOR = "#7F3C8D"
"""Annotation lines and labels (a colour no country series uses)."""
NOTE_LABEL = 32
"""Characters of a note shown on a chart (the whole note on hover)."""


def plotly_text(text: object) -> str:
    """Untrusted text for a Plotly label: ``&``, ``<`` and ``>`` as entities (Plotly reads
    a few HTML tags in labels, such as ``<a href>``; a note must show as the text it is)."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def note_marks(
    notes: pd.DataFrame | None, *, top: float = 0.98, periods: Any = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Layout shapes and annotations for analysts' notes (``day``, ``note``, optionally
    ``scope``): a dashed vertical line across the plot at each note's day and a label at
    the top (the first :data:`NOTE_LABEL` characters; the date, scope and whole note on
    hover). Labels of notes close together are staggered over three heights; given the
    chart's ``periods``, a label in the right half reads leftwards from its line, so the
    chart's edge does not cut it. Text is escaped (:func:`plotly_text`)."""
    if notes is None or notes.empty:
        return [], []
    days = sorted(pd.Timestamp(str(p)) for p in periods) if periods is not None else []
    middle = days[0] + (days[-1] - days[0]) / 2 if days else None
    shapes: list[dict[str, Any]] = []
    labels: list[dict[str, Any]] = []
    for i, row in enumerate(notes.sort_values("day").itertuples(index=False)):
        day = str(pd.Timestamp(str(row.day)).date())
        note = str(row.note)
        short = note if len(note) <= NOTE_LABEL else note[: NOTE_LABEL - 1] + "…"
        scope = str(getattr(row, "scope", "") or "")
        shapes.append(
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": day,
                "x1": day,
                "y0": 0,
                "y1": 1,
                "line": {"color": NOTE_COLOR, "width": 1.5, "dash": "dash"},
                "name": f"note {day}",
            }
        )
        labels.append(
            {
                "x": day,
                "xref": "x",
                "yref": "paper",
                "y": top - 0.06 * (i % 3),
                "yanchor": "top",
                "xanchor": "right" if middle is not None and pd.Timestamp(day) > middle else "left",
                "text": plotly_text(f"▾ {short}"),
                "hovertext": plotly_text(
                    f"{day} · {scope} · {note}" if scope else f"{day} · {note}"
                ),
                "showarrow": False,
                "font": {"size": 11, "color": NOTE_COLOR},
                "bgcolor": "rgba(255,255,255,0.7)",
                "name": f"note {day}",
            }
        )
    return shapes, labels


def map_figure(
    partners: pd.DataFrame,
    country: str,
    direction: str,
    drawn: frozenset[str],
    *,
    min_n: int = 1,
    title: str | None = None,
) -> go.Figure:
    """A world map of ``country``'s ``direction`` ("outgoing": what it says about each
    country; "incoming": what each says about it) mean intensity, from ``partners`` (rows
    of :func:`tension.data.store.queries.country_partners`: ``partner``, ``intensity``,
    ``n``, ``direction``). Partners with fewer than ``min_n`` statements are grey (their
    count on hover), ``country`` itself is outlined in black, every other country of
    ``drawn`` (the codes the outlines hold: :func:`tension.dashboard.geo.mapped_codes`) is
    pale. Locations are ISO alpha-3; the page must give Plotly the ``topojsonURL`` of the
    outlines it serves (:func:`tension.dashboard.geo.plot_config`), or the browser fetches
    them from Plotly's CDN. Partners the map cannot draw are left out of it."""
    rows = partners[partners["direction"] == direction] if not partners.empty else partners
    rows = rows[rows["partner"].isin(drawn)] if not rows.empty else rows
    verb = "says about" if direction == "outgoing" else "is told by"
    head = title or f"What {names.name(country)} ({country}) {verb} each country"
    few = rows[rows["n"] < min_n] if not rows.empty else rows
    ok = rows[rows["n"] >= min_n] if not rows.empty else rows
    common = {"locationmode": "ISO-3", "marker": {"line": {"width": 0.4, "color": "#FFFFFF"}}}
    zmax = max(10.0, float(np.ceil(ok["intensity"].max()))) if not ok.empty else 10.0
    hover = (
        "%{customdata[0]} (%{location})<br>mean %{customdata[1]} · n=%{customdata[2]}"
        "%{customdata[3]}<extra></extra>"
    )

    def custom(frame: pd.DataFrame, note: str) -> np.ndarray:
        return np.stack(
            [
                [names.name(p) for p in frame["partner"]],
                _r1(frame["intensity"]),
                frame["n"].to_numpy(),
                [note] * len(frame),
            ],
            axis=1,
        )

    others = sorted(drawn - set(rows["partner"]) - {country}) if not rows.empty else sorted(drawn)
    traces: list[Any] = [
        go.Choropleth(
            locations=others,
            z=[0] * len(others),
            colorscale=[[0, "#E8E8E8"], [1, "#E8E8E8"]],
            showscale=False,
            hoverinfo="skip",
            name="no statements",
            **common,
        )
    ]
    if not few.empty:
        traces.append(
            go.Choropleth(
                locations=few["partner"].tolist(),
                z=[1] * len(few),
                colorscale=[[0, GREY], [1, GREY]],
                showscale=False,
                customdata=custom(few, " · below the minimum count"),
                hovertemplate=hover,
                name=f"fewer than {min_n} statements",
                **common,
            )
        )
    if not ok.empty:
        traces.append(
            go.Choropleth(
                locations=ok["partner"].tolist(),
                z=_r1(ok["intensity"]),
                zmin=0,
                zmax=zmax,
                colorscale="OrRd",  # not Cividis: its middle is the grey of small counts
                colorbar={"title": "mean"},
                customdata=custom(ok, ""),
                hovertemplate=hover,
                name="mean intensity",
                **common,
            )
        )
    if country in drawn:
        traces.append(
            go.Choropleth(
                locations=[country],
                z=[0],
                colorscale=[[0, "#FFFFFF"], [1, "#FFFFFF"]],
                showscale=False,
                locationmode="ISO-3",
                marker={"line": {"width": 2, "color": "#000000"}},
                hovertemplate=f"{plotly_text(names.country(country))}<extra></extra>",
                name=f"{country} (selected)",
            )
        )
    fig = _figure(traces)
    fig.update_layout(
        title=_title(f"{head}<br>grey: fewer than {min_n} statements · black outline: {country}"),
        geo={
            "showframe": False,
            "showcoastlines": False,
            "showland": False,
            "showcountries": False,
            "projection": {"type": "natural earth"},
            "lataxis": {"range": [-58, 85]},
            "bgcolor": "rgba(0,0,0,0)",
        },
        height=520,
        margin={"l": 0, "r": 0, "t": 60, "b": 0},
    )
    return fig


def matrix_figure(matrix: pd.DataFrame, *, min_n: int = 1, title: str | None = None) -> go.Figure:
    """Heatmap of mean intensity per directed pair: rows speaker country, columns target.

    ``matrix`` has ``src``, ``tgt``, ``intensity``, ``n`` and ``ci_low``/``ci_high``. Cells
    with fewer than ``min_n`` statements are grey (their mean is too uncertain to colour);
    the hover gives every cell's names, mean, count and 95% interval. Every label is drawn
    (``dtick`` 1), so a narrow screen does not drop every other country."""
    if matrix.empty:
        return empty_figure("No statements between countries in this window")
    rows = sorted(set(matrix["src"]) | set(matrix["tgt"]))

    def grid(column: str) -> np.ndarray:
        table = matrix.pivot(index="src", columns="tgt", values=column)
        return table.reindex(index=rows, columns=rows).to_numpy(dtype=float)

    z, n = grid("intensity"), np.nan_to_num(grid("n")).astype(int)
    low = grid("ci_low") if "ci_low" in matrix else np.full_like(z, np.nan)
    high = grid("ci_high") if "ci_high" in matrix else np.full_like(z, np.nan)
    few = (n > 0) & (n < min_n)
    label = np.array([[names.name(r)] * len(rows) for r in rows], dtype=object)
    custom = np.dstack(
        [n, _r1(low), _r1(high), label, label.T, np.where(few, " · below the minimum count", "")]
    )
    hover = (
        "%{y} → %{x}<br>%{customdata[3]} → %{customdata[4]}<br>mean %{text} · "
        "n=%{customdata[0]}%{customdata[5]}<br>95% interval %{customdata[1]}–%{customdata[2]}"
        "<extra></extra>"
    )
    text = np.where(n > 0, np.char.mod("%.1f", np.nan_to_num(z)), "")
    has = np.nonzero(n > 0)
    shown = np.where(few, np.nan, _r1(z))
    grey = np.where(few, 1.0, np.nan)
    zmax = max(
        10.0,
        float(np.ceil(np.nanmax(np.where(few, np.nan, z)) if (~few & (n > 0)).any() else 10.0)),
    )
    common = {"x": rows, "y": rows, "xgap": 1, "ygap": 1}
    fig = _figure(
        [
            go.Heatmap(
                z=shown,
                colorscale="Cividis",
                zmin=0,
                zmax=zmax,
                colorbar={"title": "mean"},
                hoverongaps=False,
                name="mean intensity",
                hoverinfo="skip",
                **common,
            ),
            go.Heatmap(
                z=grey,
                colorscale=[[0, GREY], [1, GREY]],
                showscale=False,
                hoverongaps=False,
                name=f"fewer than {min_n} statements",
                hoverinfo="skip",
                **common,
            ),
            # heatmaps report no click to Streamlit: one invisible marker per cell with
            # data does, and carries the hover
            go.Scatter(
                x=[rows[j] for i, j in zip(*has, strict=True)],
                y=[rows[i] for i, j in zip(*has, strict=True)],
                mode="markers",
                marker={"symbol": "square", "size": 16, "opacity": 0},
                customdata=custom[has],
                text=text[has],
                hovertemplate=hover,
                name="cells",
                showlegend=False,
            ),
        ]
    )
    fig.update_layout(
        title=_title(title or "Mean intensity by pair<br>row speaks about column"),
        xaxis={
            "title": "target",
            "side": "bottom",
            "dtick": 1,
            "tickangle": -90,
            "tickfont": {"size": 10},
        },
        yaxis={
            "title": "speaker",
            "autorange": "reversed",
            "dtick": 1,
            "tickfont": {"size": 10},
            "categoryorder": "array",
            "categoryarray": rows,
        },
        height=max(360, 20 * len(rows) + 160),
        margin={"l": 60, "r": 20, "t": 60, "b": 60},
    )
    return fig


def changes_figure(changes: pd.DataFrame, *, top: int = 10, min_n: int = 1) -> go.Figure:
    """Horizontal bars: the pairs whose mean intensity rose beyond chance against the previous
    window (see :func:`tension.dashboard.analysis.ranked_rises`), strongest evidence at the
    top, each with the 95% interval of its change and, on hover, the p-value."""
    if changes.empty:
        return empty_figure(
            f"No pair rose beyond chance (one-sided Welch test, p < 0.05, "
            f"at least {min_n} statements in both windows)"
        )
    part = changes.head(top).iloc[::-1]
    labels = [arrow(s, t) for s, t in zip(part["src"], part["tgt"], strict=True)]
    longs = [names.direction(s, t) for s, t in zip(part["src"], part["tgt"], strict=True)]
    change = _r1(part["change"])
    custom = np.stack(
        [
            _r1(part["before"]),
            _r1(part["intensity"]),
            part["n_before"].to_numpy(),
            part["n"].to_numpy(),
            _r1(part["low"]),
            _r1(part["high"]),
            [f"{p:.3g}" for p in part["p"]],
            longs,
        ],
        axis=1,
    )
    fig = _figure(
        go.Bar(
            x=change,
            y=labels,
            orientation="h",
            name="rise",
            marker={"color": [country_color(s) for s in part["src"]]},
            error_x={
                "type": "data",
                "array": np.round(part["high"].to_numpy() - change, 1),
                "arrayminus": np.round(change - part["low"].to_numpy(), 1),
                "color": ARTICLE_COLOR,
            },
            customdata=custom,
            hovertemplate=(
                "%{customdata[7]}<br>%{customdata[0]} (n=%{customdata[2]}) → %{customdata[1]} "
                "(n=%{customdata[3]})<br>rise %{x:+.1f}, 95% interval %{customdata[4]} to "
                "%{customdata[5]}<br>p = %{customdata[6]} (one-sided Welch)<extra></extra>"
            ),
        )
    )
    fig.update_layout(
        title=_title("Rises beyond chance<br>one-sided Welch test"),
        xaxis={"title": "rise in mean intensity (95% interval)"},
        yaxis={"dtick": 1},
        height=max(260, 30 * len(part) + 120),
        **_LAYOUT,
    )
    return fig


def asymmetry_figure(
    gap: pd.DataFrame, a: str, b: str, *, notes: pd.DataFrame | None = None
) -> go.Figure:
    """A→B minus B→A per bucket: bars above zero in A's colour, below in B's; ``notes``
    (annotations) as dashed vertical lines with their note (:func:`note_marks`)."""
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
    shapes, labels = note_marks(notes, top=0.98, periods=gap["period"])
    fig.update_layout(
        shapes=[*fig.layout.shapes, *shapes],
        annotations=labels,
        title=_title(f"Asymmetry: {arrow(a, b)} minus {arrow(b, a)}<br>above zero: {a} harsher"),
        yaxis={"title": "difference in mean intensity"},
        height=340,
        **_LAYOUT,
    )
    return fig


def terms_figure(terms: pd.DataFrame, src: str, tgt: str, color: str | None = None) -> go.Figure:
    """The words ``src`` uses most about ``tgt`` that scored: escalating words (points added)
    and de-escalating words (points taken away) as two sets of bars, each labelled with the
    words matched (the lexicon entry behind them on hover). ``terms`` as
    :func:`tension.data.store.queries.pair_top_terms` returns it, for one direction."""
    if terms.empty:
        return empty_figure(f"No scoring words in {arrow(src, tgt)} statements")
    traces = []
    for side, colour in (("escalation", "#D55E00"), ("de-escalation", "#0072B2")):
        part = terms[terms["side"] == side].iloc[::-1]
        if part.empty:
            continue
        traces.append(
            go.Bar(
                x=part["uses"] if side == "escalation" else -part["uses"],
                y=[f"{w} " if side == "escalation" else f"{w}" for w in part["word"]],
                orientation="h",
                name=f"{side} terms {arrow(src, tgt)}",
                marker={"color": colour},
                customdata=np.stack(
                    [part["term"], part["category"], part["points"].round(1), part["uses"]],
                    axis=1,
                ),
                hovertemplate=(
                    "%{y}: %{customdata[3]} uses, %{customdata[2]:+} points<br>lexicon entry "
                    "%{customdata[0]} (%{customdata[1]})<extra></extra>"
                ),
            )
        )
    fig = _figure(traces)
    fig.update_layout(
        title=_title(
            f"Words {arrow(src, tgt)} uses most<br>right: escalating, left: de-escalating"
        ),
        height=max(280, 22 * len(terms) + 120),
        xaxis={"title": "uses (de-escalating drawn left)"},
        yaxis={"dtick": 1},
        barmode="relative",
        **_LAYOUT,
    )
    return fig


def contributions_frame(contributions: str | list[dict[str, Any]] | None) -> pd.DataFrame:
    """The explanation's lines (``source``, ``category``, ``points``, ``start``, ``end``)
    from the stored JSON or a list of dicts."""
    if isinstance(contributions, str):
        try:
            contributions = json.loads(contributions)
        except ValueError:
            contributions = []
    rows = [
        {
            "source": str(c.get("source", "")),
            "category": str(c.get("category", "")),
            "points": float(c.get("points", 0.0) or 0.0),
            "start": int(c.get("start", -1) if c.get("start") is not None else -1),
            "end": int(c.get("end", -1) if c.get("end") is not None else -1),
        }
        for c in (contributions or [])
        if isinstance(c, dict)
    ]
    return pd.DataFrame(rows, columns=["source", "category", "points", "start", "end"])


def explanation_steps(contributions: pd.DataFrame, text: str | None = None) -> pd.DataFrame:
    """The waterfall's steps: one per named group of explanation lines.

    A term's line and the rule lines that follow it on the same span (repetition, negation,
    "target"...) form one step, named after the words matched (``text[start:end]`` when the
    text is given, else the lexicon entry) and its category; each sentiment line is its own
    step. Labels are unique (a word met twice gets "#2"), so Plotly never merges two steps.
    Columns: ``step``, ``points`` (the group's sum), ``detail`` (its lines, for the hover),
    ``start``, ``end``. The steps add up to the lines' sum: the score's raw total."""
    steps: list[dict[str, Any]] = []
    for rec in contributions.to_dict("records"):
        source, category = str(rec["source"]), str(rec["category"])
        points, start, end = float(rec["points"]), int(rec["start"]), int(rec["end"])
        last = steps[-1] if steps else None
        if (
            category == "rule"
            and last is not None
            and last["kind"] == "term"
            and (last["start"], last["end"]) == (start, end)
        ):
            last["lines"].append((source, points))
            continue
        if category == "sentiment":
            kind, label = "sentiment", "sentiment"
        elif category == "rule":
            kind, label = "rule", source
        else:
            kind = "term"
            word = ""
            if text is not None and 0 <= start < end <= len(text):
                word = " ".join(text[start:end].split())
            label = f"{word or source} ({category})"
        steps.append(
            {"kind": kind, "label": label, "start": start, "end": end, "lines": [(source, points)]}
        )
    seen: dict[str, int] = {}
    rows = []
    for step in steps:
        seen[step["label"]] = seen.get(step["label"], 0) + 1
        label = step["label"] + (f" #{seen[step['label']]}" if seen[step["label"]] > 1 else "")
        points = math.fsum(p for _, p in step["lines"])
        detail = "<br>".join(f"{src}: {p:+.2f}" for src, p in step["lines"])
        rows.append(
            {
                "step": label,
                "points": round(points, 2) + 0.0,
                "detail": detail,
                "start": step["start"],
                "end": step["end"],
            }
        )
    return pd.DataFrame(rows, columns=["step", "points", "detail", "start", "end"])


def waterfall_figure(
    contributions: pd.DataFrame, intensity: float | None = None, text: str | None = None
) -> go.Figure:
    """The score explanation: one bar per named step (:func:`explanation_steps`), then the
    raw total and the intensity (the raw total bounded to 0–100). Hover shows each step's
    own points and the lines it groups, never a running total."""
    if contributions.empty and intensity is None:
        return empty_figure("No explanation stored for this score")
    if contributions.empty:  # nothing matched: raw 0, and the bound's floor as intensity
        steps = pd.DataFrame({"step": [], "points": [], "detail": []})
    else:
        steps = explanation_steps(contributions, text)
    raw = round(math.fsum(steps["points"]), 2) + 0.0
    bounded = intensity if intensity is not None else bound(raw)
    x = [*steps["step"], "raw total", "intensity (0–100)"]
    y = [*steps["points"], 0.0, bounded]
    custom = [
        *steps["detail"],
        f"sum of the steps: {raw:+.2f}",
        f"raw {raw:+.2f} bounded to 0–100: 100·g/(g+60), g = softplus(raw)",
    ]
    own = [f"{v:+.2f}" for v in (*steps["points"], raw)] + [f"{bounded:.2f}"]
    fig = _figure(
        go.Waterfall(
            x=x,
            y=y,
            measure=["relative"] * len(steps) + ["total", "absolute"],
            name="contributions",
            increasing={"marker": {"color": "#D55E00"}},
            decreasing={"marker": {"color": "#0072B2"}},
            totals={"marker": {"color": "#7F7F7F"}},
            text=own,
            textposition="outside",
            customdata=np.stack([own, custom], axis=1),
            hovertemplate="%{x}: %{customdata[0]}<br>%{customdata[1]}<extra></extra>",
        )
    )
    fig.update_layout(
        title=_title(
            f"How the score adds up<br>raw {raw:.2f}, intensity {bounded:.1f} (bounded 0–100)"
            + ("; no term or sentiment line matched" if steps.empty else "")
        ),
        height=420,
        showlegend=False,
        margin={"l": 50, "r": 20, "t": 60, "b": 120},
        xaxis={"tickangle": -35},
    )
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
    fig.update_layout(title=_title("Lexicon terms per category"), height=320, **_LAYOUT)
    return fig
