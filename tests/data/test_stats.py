"""Intervals and the test of change behind "Rising", against scipy's own implementations."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats as sps

from tension.data import stats


def test_t_interval_matches_scipy() -> None:
    rng = np.random.default_rng(7)
    for n in (2, 3, 10, 200):
        x = rng.gamma(2.0, 10.0, n)
        low, high = stats.t_interval(x.mean(), x.std(ddof=1), n)
        ref = sps.t.interval(0.95, n - 1, loc=x.mean(), scale=sps.sem(x))
        np.testing.assert_allclose([low, high], ref)


@pytest.mark.parametrize("n", [0, 1])
def test_no_interval_below_two_statements(n: int) -> None:
    low, high = stats.t_interval(50.0, 0.0, n)
    assert np.isnan(low) and np.isnan(high)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.floats(0, 100), min_size=2, max_size=40),
    st.lists(st.floats(0, 100), min_size=2, max_size=40),
)
def test_welch_matches_scipy(now: list[float], before: list[float]) -> None:
    a, b = np.asarray(now), np.asarray(before)
    test = stats.welch_change(len(a), a.mean(), a.std(ddof=1), len(b), b.mean(), b.std(ddof=1))
    assert 0.0 <= float(test.p_rise) <= 1.0 and 0.0 <= float(test.p) <= 1.0
    if a.std() == 0 and b.std() == 0:
        assert (float(test.t) == 0) == (a.mean() == b.mean())
        return
    ref = sps.ttest_ind(a, b, equal_var=False, alternative="greater")
    np.testing.assert_allclose(float(test.t), ref.statistic, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(float(test.p_rise), ref.pvalue, rtol=1e-6, atol=1e-9)
    assert float(test.low) <= float(test.diff) <= float(test.high)


def test_pooling_round_trips_the_sums() -> None:
    groups = [[1.0, 2.0, 3.0], [10.0], [4.0, 4.0]]
    n, total, sq = stats.pooled(
        [len(g) for g in groups],
        [np.mean(g) for g in groups],
        [np.std(g, ddof=1) if len(g) > 1 else np.nan for g in groups],
    )
    mean, sd = stats.from_sums(n.sum(), total.sum(), sq.sum())
    everything = [x for g in groups for x in g]
    np.testing.assert_allclose([mean, sd], [np.mean(everything), np.std(everything, ddof=1)])


def test_min_count_comes_from_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TENSION_MIN_COUNT", raising=False)
    assert stats.min_count() == 5
    monkeypatch.setenv("TENSION_MIN_COUNT", "12")
    assert stats.min_count() == 12
    monkeypatch.setenv("TENSION_MIN_COUNT", "0")
    assert stats.min_count() == 1
