"""The phase-2 prototype of eval/: the issue's sentences, the gate (with negatives), context
entries, the bound and the seed statements. eval/ is a folder of scripts: loaded by path."""

from __future__ import annotations

import importlib
import math
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

EVAL = Path(__file__).resolve().parents[2] / "eval"
SEEDS = EVAL.parents[1] / "shared" / "seeds"


def _module(name: str) -> ModuleType:
    if str(EVAL) not in sys.path:
        sys.path.insert(0, str(EVAL))
    return importlib.import_module(name)


@pytest.fixture(scope="module")
def proto():  # type: ignore[no-untyped-def]
    return _module("cameo_prototype").Prototype.proposed()


def _sources(score) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(line.source, line.group) for line in score.lines]


STORM = "Protesters stormed the French embassy in Niamey and set fire to its gates."
STRIKE = "Ukraine's drones struck an oil refinery deep inside Russia."
ABDUCTION = "Militants abducted dozens of civilians and fired thousands of rockets."
SUMMONED = "Russia summoned the Finnish ambassador and warned of retaliatory steps."


@pytest.mark.parametrize(
    ("text", "words"),
    [(STORM, {"stormed", "set [180]"}), (STRIKE, {"struck"}),
     (ABDUCTION, {"abducted", "fired [194]"})],
)  # fmt: skip
def test_issue_sentences_score_as_force(proto, text: str, words: set[str]) -> None:  # type: ignore[no-untyped-def]
    s = proto.score(text)
    force = {src for src, group in _sources(s) if group == "cameo:force"}
    assert words <= force, _sources(s)
    assert s.intensity >= 30


def test_abduction_outranks_the_summoned_ambassador(proto) -> None:  # type: ignore[no-untyped-def]
    abduction, summoned = proto.score(ABDUCTION), proto.score(SUMMONED)
    assert abduction.raw > summoned.raw
    # the retaliation was threatened, not done
    assert ("threatened", "hand:force|rule:threatened") in _sources(summoned)


GATED = [
    ("The earthquake killed 300 people and destroyed thousands of homes.", "disaster"),
    ("Floods have killed dozens and left thousands homeless.", "disaster"),
    ("A cholera outbreak has killed dozens in the camps.", "epidemic"),
    ("Two workers were killed in an accident at the plant.", "accident"),
    ("The robbery left two dead and police are hunting the gang.", "crime"),
    ("The striker was injured in the derby and the league suspended the match.", "sport"),
]
NOT_GATED = [  # the same harm with a conflict cue, or no gate word at all
    "The airstrike killed 30 people in the flood-hit town.",
    "Militants attacked the village after the earthquake, killing 12.",
    "Police fired tear gas at protesters after the match was cancelled.",
    "Thirty people were killed when troops opened fire on the crowd.",
]


@pytest.mark.parametrize(("text", "kind"), GATED)
def test_negative_is_not_tension(proto, text: str, kind: str) -> None:  # type: ignore[no-untyped-def]
    s = proto.score(text)
    assert kind in s.gated or s.raw <= 0, _sources(s)
    assert s.intensity < 5


@pytest.mark.parametrize("text", NOT_GATED)
def test_conflict_is_not_gated(proto, text: str) -> None:  # type: ignore[no-untyped-def]
    s = proto.score(text)
    assert not s.gated, _sources(s)
    assert s.intensity >= 30


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        ("Police fired tear gas at the demonstrators.", "cameo:force"),
        ("The company fired its chief executive on Monday.", None),  # the other "fire"
        ("The two governments struck a deal on gas prices.", "cameo:cooperation"),
        ("Soldiers burned houses in the village.", "cameo:force"),
        ("They burned the midnight oil before the summit.", None),  # no pattern object
        ("The authorities imposed a curfew on the city.", "cameo:threat"),
    ],
)
def test_context_entries(proto, text: str, expect: str | None) -> None:  # type: ignore[no-untyped-def]
    groups = {group for src, group in _sources(proto.score(text)) if "[" in src}
    if expect is None:
        assert not groups, _sources(proto.score(text))
    else:
        assert expect in groups, _sources(proto.score(text))


def test_fire_an_official_is_not_force(proto) -> None:  # type: ignore[no-untyped-def]
    assert proto.score("The president fired the interior minister.").raw < 10


@pytest.mark.parametrize(
    "text",
    ["Ukraine's drones struck a refinery.", "The talks collapsed.", "We welcome the deal."],
)
def test_score_is_the_weighted_sum_of_its_lines(proto, text: str) -> None:  # type: ignore[no-untyped-def]
    module = _module("cameo_prototype")
    s = proto.score(text)
    total = math.fsum(module.weight_of(x.group, proto.weights) * x.points for x in s.lines)
    assert s.raw == pytest.approx(total)
    assert s.intensity == module.bound(s.raw)


def test_bound_has_no_ceiling() -> None:
    bound = _module("cameo_prototype").bound
    values = [bound(r) for r in (-50, -10, 0, 10, 28, 100, 1000, 10_000, 100_000)]
    assert values == sorted(values) and len(set(values)) == len(values)
    assert values[-1] < 100 and values[0] >= 0
    assert bound(0) < 5


@given(st.floats(-200, 5000), st.floats(0.5, 500))
def test_bound_is_monotone(a: float, d: float) -> None:
    bound = _module("cameo_prototype").bound
    assert 0 <= bound(a) <= bound(a + d) < 100


def _shared() -> Path:
    if not SEEDS.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{SEEDS} is missing, and CI must have ../shared")
        pytest.skip("../shared/seeds not found")
    return SEEDS.parent


def test_seed_statements_still_read_right(proto) -> None:  # type: ignore[no-untyped-def]
    """The very checks of today's scorer on the seed articles (tests/scoring/test_intensity.py),
    run on the prototype; and no two different seed sentences tie at the top any more."""
    from tests.scoring.test_intensity import _seed_sentences
    from tests.scoring.test_intensity import test_seed_articles as seed_checks

    seed_checks(proto, _shared())
    top = sorted((proto.score(s).intensity for s in _seed_sentences(_shared())), reverse=True)
    assert len(set(top[:8])) == 8 and top[0] < 100


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
