"""The fitting procedure of eval/ (issue 11): AUC, weight recovery on synthetic data, the
ladder groups and the feature groups of the shipped scorer's lines. eval/ is a folder of
scripts: loaded by path."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

import pytest

EVAL = Path(__file__).resolve().parents[2] / "eval"


def _module(name: str) -> ModuleType:
    if str(EVAL) not in sys.path:
        sys.path.insert(0, str(EVAL))
    return importlib.import_module(name)


def test_auc_matches_the_mann_whitney_of_score_unscon() -> None:
    auc = _module("fit_weights").auc
    assert auc([1, 2, 3, 4], [False, False, True, True]) == 1.0
    assert auc([1, 1, 1, 1], [False, True, False, True]) == 0.5
    assert auc([0.1, 0.4, 0.35, 0.8], [False, False, True, True]) == 0.75
    with pytest.raises(ValueError):
        auc([1, 2], [True, True])


def test_fit_recovers_known_weights() -> None:
    """On synthetic features drawn from the model itself, the fit finds its weights again
    (new parts freely; a weight of today's scorer stays near 1 under a strong penalty)."""
    np = pytest.importorskip("numpy")
    fw = _module("fit_weights")
    rng = np.random.default_rng(7)
    groups = ("cameo:force", "cameo:force|rule:target", "hand:force", "sentiment:positive")
    n = 4000
    x = np.column_stack(
        [
            rng.exponential(10, n) * (rng.random(n) < 0.5),
            rng.exponential(5, n) * (rng.random(n) < 0.3),
            rng.exponential(10, n) * (rng.random(n) < 0.5),
            -rng.exponential(5, n) * (rng.random(n) < 0.5),
        ]
    )
    true = {"cameo:force": 0.5, "hand:force": 1.0, "rule:target": 1.0, "sentiment:positive": 2.0}
    raw = x @ np.array([fw.weight_of(g, true) for g in groups])
    y = (rng.random(n) < 1 / (1 + np.exp(-(0.1 * raw - 1.5)))).astype(float)
    f = fw.Features(groups, x, y, ("tuning",) * n)
    got = fw.fit(f, 0.001)
    ratio = got["cameo:force"] / got["hand:force"]
    assert 0.4 < ratio < 0.6, got
    assert 1.6 < got["sentiment:positive"] / got["hand:force"] < 2.4, got
    strong = fw.fit(f, 10.0)  # today's weights barely move, new ones still fit
    assert abs(strong["hand:force"] - 1) < 0.05 and strong["cameo:force"] < 0.75, strong


def test_ladder_groups_keep_categories_together() -> None:
    lg = _module("fit_weights").ladder_group
    assert lg("hand:force") == lg("hand:concern") == "hand:escalation"
    assert lg("cameo:cooperation") == "cameo:deescalation"
    assert lg("hand:threat|rule:target") == "hand:escalation|rule:target"
    assert lg("sentiment") == "sentiment"


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ("Police fired tear gas at the crowd.", {"cameo:force", "cameo:force|rule:one event"}),
        ("We warmly welcome the talks.", {"sentiment:positive", "hand:cooperation"}),
        ("Iran warned of an attack.", {"hand:threat", "hand:force|rule:one threat"}),
    ],
)
def test_every_line_of_the_shipped_scorer_has_a_group(text: str, groups: set[str]) -> None:
    from tension.scoring import default_scorer

    fw = _module("fit_weights")
    scorer = default_scorer()
    s = scorer.score(text)
    got = fw.line_groups(s, scorer)
    assert groups <= set(got), got
    assert sum(got.values()) == pytest.approx(s.raw)  # weights of 1 give the score back
