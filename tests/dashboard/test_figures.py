"""Figure builders: data frames in, named traces out."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from tension.dashboard import analysis, figures
from tension.dashboard.colors import (
    PALETTE,
    category_color,
    country_color,
    pair_colors,
    series_colors,
    with_alpha,
)


def test_colours_are_stable_and_distinct_within_a_pair() -> None:
    assert country_color("aze") == country_color("AZE") in PALETTE
    for a, b in (("IRN", "ISR"), ("AZE", "ARM"), ("USA", "CHN")):
        ca, cb = pair_colors(a, b)
        assert ca != cb
    assert with_alpha("#0072B2", 0.5) == "rgba(0, 114, 178, 0.5)"
    assert category_color("threat") == category_color("threat")


def test_series_colours_follow_the_pair_and_never_repeat() -> None:
    keys = [("AZE", "IRN"), ("IRN", "AZE"), ("ARM", "AZE"), ("AZE", "ARM"), ("GEO", "RUS")]
    colours = series_colors(keys)
    assert len(set(colours.values())) == len(keys)
    # a direction keeps its colour whatever else is shown beside it
    assert series_colors(keys[:1])[keys[0]] == colours[keys[0]] == country_color("AZE")


def _matrix() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "src": ["AZE", "IRN"],
            "tgt": ["IRN", "TUR"],
            "intensity": [40.0, 90.0],
            "n": [30, 2],
            "ci_low": [35.0, np.nan],
            "ci_high": [45.0, np.nan],
        }
    )


def test_matrix_is_square_and_greys_small_counts() -> None:
    fig = figures.matrix_figure(_matrix(), min_n=5)
    heat, grey, cells = fig.data
    assert list(heat.x) == list(heat.y) == ["AZE", "IRN", "TUR"]
    assert heat.z[0][1] == 40.0
    # IRN→TUR has 2 statements: not coloured (its 90 would be the brightest cell), grey
    assert np.isnan(heat.z[1][2]) and grey.z[1][2] == 1.0 and np.isnan(grey.z[0][1])
    assert heat.zmax == 40.0
    # every cell with data can be clicked and names its countries, count and interval
    assert list(zip(cells.y, cells.x, strict=True)) == [("AZE", "IRN"), ("IRN", "TUR")]
    assert list(cells.customdata[0][:5]) == [30, 35.0, 45.0, "Azerbaijan", "Iran"]
    assert "below the minimum" in cells.customdata[1][5]
    assert fig.layout.xaxis.dtick == 1 and fig.layout.yaxis.dtick == 1  # no dropped label
    assert figures.matrix_figure(_matrix(), min_n=1).data[0].z[1][2] == 90.0
    assert figures.matrix_figure(_matrix().iloc[0:0]).layout.annotations  # empty: a message


def _lines(*rows: tuple[str, str, float, int, int]) -> pd.DataFrame:
    return figures.contributions_frame(
        [{"source": s, "category": c, "points": p, "start": a, "end": b} for s, c, p, a, b in rows]
    )


def test_waterfall_has_one_bar_per_named_step_and_adds_up() -> None:
    text = "They warned of war and then warned again."
    lines = _lines(
        ("sentiment", "sentiment", 4.5, 0, 41),
        ("warn*", "threat", 20.0, 5, 11),
        ("target", "rule", 10.0, 5, 11),
        ("war", "force", 30.0, 15, 18),
        ("target", "rule", 15.0, 15, 18),
        ("warn*", "threat", 20.0, 28, 34),
        ("repetition", "rule", -10.0, 28, 34),
        ("target", "rule", 5.0, 28, 34),
    )
    steps = figures.explanation_steps(lines, text)
    # the three "target (rule)" lines stay with their own words: no bar merges them
    assert steps["step"].tolist() == [
        "sentiment",
        "warned (threat)",
        "war (force)",
        "warned (threat) #2",
    ]
    assert steps["points"].tolist() == [4.5, 30.0, 45.0, 15.0]
    assert "repetition: -10.00" in steps["detail"].iloc[3]
    fig = figures.waterfall_figure(lines, 94.5, text)
    trace = fig.data[0]
    assert list(trace.measure) == ["relative"] * 4 + ["total", "absolute"]
    assert list(trace.x)[-2:] == ["raw total", "intensity (0–100)"]
    assert sum(trace.y[:-2]) == 94.5 == trace.y[-1]
    # hover shows the step's own points, not a running total
    assert [c[0] for c in trace.customdata] == [
        "+4.50",
        "+30.00",
        "+45.00",
        "+15.00",
        "+94.50",
        "94.50",
    ]
    over = figures.waterfall_figure(_lines(("war", "force", 130.0, 0, 3)), 100.0, "war")
    assert over.data[0].y[-1] == 100.0 and "raw 130.00" in over.layout.title.text
    assert figures.contributions_frame("not json").empty


def test_a_score_with_nothing_matched_still_shows_its_raw_zero_and_the_bounds_floor() -> None:
    from tension.scoring.intensity import bound

    floor = bound(0.0)
    fig = figures.waterfall_figure(figures.contributions_frame("[]"), floor, "A calm line.")
    assert list(fig.data[0].x) == ["raw total", "intensity (0–100)"]
    assert list(fig.data[0].y) == [0.0, floor] and floor > 0
    assert "raw 0.00" in fig.layout.title.text and "no term" in fig.layout.title.text
    # without a stored intensity there is nothing to explain
    empty = figures.waterfall_figure(figures.contributions_frame("[]"))
    assert not empty.data


def test_changes_figure_shows_the_interval_and_p() -> None:
    changes = pd.DataFrame(
        {
            "src": ["AZE"],
            "tgt": ["IRN"],
            "intensity": [30.0],
            "before": [10.0],
            "change": [20.0],
            "n": [12],
            "n_before": [9],
            "low": [12.0],
            "high": [28.0],
            "p": [0.0012],
        }
    )
    bar = figures.changes_figure(changes).data[0]
    assert list(bar.y) == ["AZE→IRN"]
    assert list(bar.error_x.array) == [8.0] and list(bar.error_x.arrayminus) == [8.0]
    assert bar.customdata[0][6] == "0.0012"
    assert figures.changes_figure(changes.iloc[0:0], min_n=5).layout.annotations


def test_terms_figure_splits_escalation_and_shows_words() -> None:
    terms = pd.DataFrame(
        {
            "side": ["escalation", "de-escalation"],
            "word": ["escalating", "dialogue"],
            "term": ["escalat*", "dialogue"],
            "category": ["threat", "cooperation"],
            "uses": [3, 2],
            "points": [60.0, -8.0],
        }
    )
    up, down = figures.terms_figure(terms, "AZE", "IRN").data
    assert up.name == "escalation terms AZE→IRN" and down.name == "de-escalation terms AZE→IRN"
    assert list(up.y) == ["escalating "] and list(down.y) == ["dialogue"]
    assert list(down.x) == [-2]


def _timeline(periods: list[date], n: list[int], bucket: str = "week") -> go.Figure:
    frame = pd.DataFrame(
        {"period": periods, "src": "AZE", "tgt": "IRN", "intensity": 30.0, "sd": 5.0, "n": n}
    )
    frame.loc[frame["n"] == 0, ["intensity", "sd"]] = np.nan
    full = analysis.rolling(analysis.with_interval(frame), 1, by=["src", "tgt"])
    full["spike"] = False
    return figures.pair_timeline_figure(full, {}, bucket=bucket)


def test_timeline_lines_and_bands_break_at_empty_buckets() -> None:
    days = [date(2024, 1, 1) + timedelta(weeks=i) for i in range(5)]
    fig = _timeline(days, [3, 4, 0, 5, 6])
    by_name = {t.name: t for t in fig.data}
    line = by_name["AZE→IRN rolling mean"]
    assert np.isnan(line.y[2]) and line.connectgaps is False
    band = by_name["AZE→IRN interval"]
    assert list(band.x).count(None) == 1  # two polygons, none bridging the empty week
    assert len(by_name["AZE→IRN"].x) == 4  # no marker for the empty week


def test_one_bucket_axis_is_labelled_with_dates() -> None:
    fig = _timeline([date(2026, 6, 22)], [3])
    axis = fig.layout.xaxis2
    assert axis.tickformat == "%Y-%m-%d" and axis.type == "date"
    assert list(axis.range) == ["2026-06-15", "2026-06-29"]
    assert _timeline([date(2026, 6, 1)], [3], "month").layout.xaxis2.tickformat == "%b %Y"
