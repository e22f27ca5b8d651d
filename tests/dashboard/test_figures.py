"""Figure builders: data frames in, named traces out."""

from __future__ import annotations

import json

import pandas as pd

from tension.dashboard import figures
from tension.dashboard.colors import PALETTE, category_color, country_color, pair_colors, with_alpha


def test_colours_are_stable_and_distinct_within_a_pair() -> None:
    assert country_color("aze") == country_color("AZE") in PALETTE
    for a, b in (("IRN", "ISR"), ("AZE", "ARM"), ("USA", "CHN")):
        ca, cb = pair_colors(a, b)
        assert ca != cb
    assert with_alpha("#0072B2", 0.5) == "rgba(0, 114, 178, 0.5)"
    assert category_color("threat") == category_color("threat")


def test_matrix_is_square_over_every_country() -> None:
    matrix = pd.DataFrame(
        {"src": ["AZE", "IRN"], "tgt": ["IRN", "TUR"], "intensity": [40.0, 10.0], "n": [3, 1]}
    )
    fig = figures.matrix_figure(matrix)
    heat = fig.data[0]
    assert list(heat.x) == list(heat.y) == ["AZE", "IRN", "TUR"]
    assert heat.z[0][1] == 40.0 and heat.z[1][2] == 10.0
    assert figures.matrix_figure(matrix.iloc[0:0]).layout.annotations  # empty: a message


def test_waterfall_adds_up_to_raw() -> None:
    contributions = figures.contributions_frame(
        json.dumps(
            [
                {"source": "sentiment", "category": "sentiment", "points": 4.5},
                {"source": "threat*", "category": "threat", "points": 20.0},
                {"source": "negation", "category": "rule", "points": -3.0},
            ]
        )
    )
    fig = figures.waterfall_figure(contributions, 21.5)
    trace = fig.data[0]
    assert trace.type == "waterfall"
    assert list(trace.measure) == ["relative"] * 3 + ["total"]
    assert list(trace.x)[-1] == "raw total"
    assert sum(trace.y[:-1]) == 21.5
    assert figures.contributions_frame("not json").empty


def test_changes_and_terms_figures() -> None:
    changes = pd.DataFrame(
        {"src": ["AZE"], "tgt": ["IRN"], "intensity": [30.0], "before": [10.0], "change": [20.0]}
    )
    assert list(figures.changes_figure(changes).data[0].y) == ["AZE→IRN"]
    terms = pd.DataFrame({"term": ["attack"], "category": ["force"], "uses": [3], "points": [60.0]})
    assert figures.terms_figure(terms, "AZE", "IRN").data[0].name == "terms AZE→IRN"
