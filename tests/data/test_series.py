"""Smoothing, spikes and asymmetry: pure functions on the series the store returns."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
from scipy.special import stdtrit

from tension.data import series as analysis


def _series(values: list[float], src: str = "AZE", tgt: str = "IRN", n: int = 3) -> pd.DataFrame:
    start = date(2024, 1, 1)
    return pd.DataFrame(
        {
            "period": [pd.Timestamp(start + timedelta(weeks=i)) for i in range(len(values))],
            "src": src,
            "tgt": tgt,
            "intensity": values,
            "n": n,
        }
    )


def test_robust_z_flags_a_jump_against_the_previous_buckets_only() -> None:
    values = [10.0, 11, 9, 10, 12, 10, 50, 10, 11]
    z = analysis.mark_spikes(_series(values), window=12, min_history=4)["z"]
    assert np.isnan(z.iloc[:4]).all()  # not enough history yet
    assert z.iloc[6] == (50 - 10) / analysis.MIN_SCALE  # MAD 0.5*1.4826 < floor
    assert z.iloc[7] < 1  # the spike does not hide in its own baseline, nor inflate the next


def test_mark_spikes_needs_enough_statements() -> None:
    frame = _series([10, 11, 9, 10, 12, 10, 50], n=1)
    assert not analysis.mark_spikes(frame)["spike"].any()
    frame = _series([10, 11, 9, 10, 12, 10, 50], n=5)
    assert analysis.mark_spikes(frame)["spike"].tolist() == [False] * 6 + [True]


def test_spikes_do_not_mix_groups() -> None:
    a = _series([10, 10, 10, 10, 10, 10, 10], src="AZE")
    b = _series([90, 90, 90, 90, 90, 90, 90], src="IRN", tgt="AZE")
    marked = analysis.mark_spikes(pd.concat([b, a]), by=["src", "tgt"])
    assert not marked["spike"].any()
    assert set(marked["z"].dropna()) == {0.0}


def _statements(per_week: dict[int, list[float]], src: str = "AZE") -> pd.DataFrame:
    """A weekly series (week index -> the statements' scores), as the store returns it:
    only weeks with statements, each with its mean, sample sd and count."""
    start = date(2024, 1, 1)  # a Monday
    rows = []
    for week, scores in sorted(per_week.items()):
        arr = np.asarray(scores, dtype=float)
        rows.append(
            {
                "period": start + timedelta(weeks=week),
                "src": src,
                "tgt": "IRN",
                "intensity": arr.mean(),
                "sd": arr.std(ddof=1) if len(arr) > 1 else np.nan,
                "n": len(arr),
            }
        )
    return pd.DataFrame(rows)


def test_rolling_pools_the_statements_of_calendar_buckets() -> None:
    weeks = {0: [10.0, 20.0], 1: [30.0], 3: [5.0, 7.0, 9.0], 9: [50.0]}
    full = analysis.on_calendar(_statements(weeks), "week")
    assert len(full) == 10 and full["n"].tolist() == [2, 1, 0, 3, 0, 0, 0, 0, 0, 1]
    out = analysis.rolling(full, 3)
    for i in range(10):
        pooled = [x for w in range(i - 2, i + 1) for x in weeks.get(w, [])]
        if not pooled:
            assert np.isnan(out["mean_roll"].iloc[i]), i  # an empty window is a gap
            continue
        assert out["mean_roll"].iloc[i] == np.float64(np.mean(pooled)), i
        assert out["n_roll"].iloc[i] == len(pooled)
        if len(pooled) > 1:
            sd = np.std(pooled, ddof=1)
            half = stdtrit(len(pooled) - 1, 0.975) * sd / np.sqrt(len(pooled))
            np.testing.assert_allclose(out["roll_low"].iloc[i], np.mean(pooled) - half)
            np.testing.assert_allclose(out["roll_high"].iloc[i], np.mean(pooled) + half)


def test_a_value_does_not_carry_across_a_quiet_quarter() -> None:
    # the defect: a 4-bucket mean over non-empty buckets carried week 0 into week 16
    full = analysis.on_calendar(_statements({0: [80.0], 16: [10.0]}), "week")
    out = analysis.rolling(full, 4)
    assert out["mean_roll"].iloc[16] == 10.0
    assert out["mean_roll"].iloc[3] == 80.0 and np.isnan(out["mean_roll"].iloc[4:16]).all()


def test_on_calendar_spans_the_asked_dates_per_group() -> None:
    frame = pd.concat([_statements({2: [1.0]}), _statements({5: [2.0]}, src="IRN")])
    full = analysis.on_calendar(
        frame, "week", date(2024, 1, 3), date(2024, 2, 20), by=["src", "tgt"]
    )
    assert full.groupby("src").size().tolist() == [8, 8]
    assert full["period"].iloc[0] == date(2024, 1, 1)  # the week holding Jan 3
    months = analysis.calendar(date(2024, 1, 31), date(2024, 3, 1), "month")
    assert months == [date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 1)]
    assert analysis.bucket_end(date(2024, 2, 1), "month") == date(2024, 2, 29)


def test_spike_baseline_counts_calendar_buckets() -> None:
    # twelve quiet weeks long ago, then a jump: with the calendar the old weeks are out of
    # the 12-bucket baseline, so there is not enough history to call it a spike
    weeks = {w: [10.0, 10.0] for w in range(12)} | {40: [60.0, 60.0]}
    full = analysis.on_calendar(_statements(weeks), "week")
    assert not analysis.mark_spikes(full)["spike"].any()
    # right after them it is one
    weeks = {w: [10.0, 10.0] for w in range(12)} | {12: [60.0, 60.0]}
    full = analysis.on_calendar(_statements(weeks), "week")
    assert analysis.mark_spikes(full)["spike"].tolist()[-1]


def test_latest_spikes_need_the_minimum_count() -> None:
    weeks = {w: [10.0, 11.0] for w in range(8)} | {8: [90.0, 91.0]}
    frame = _statements(weeks)
    assert len(analysis.latest_spikes(frame, date(2024, 1, 1), min_n=2)) == 1
    assert analysis.latest_spikes(frame, date(2024, 1, 1), min_n=3).empty


def _changes(rows: list[tuple[str, list[float], list[float]]]) -> pd.DataFrame:
    out = []
    for src, now, before in rows:
        out.append(
            {
                "src": src,
                "tgt": "IRN",
                "intensity": np.mean(now),
                "before": np.mean(before),
                "change": np.mean(now) - np.mean(before),
                "n": len(now),
                "n_before": len(before),
                "sd": np.std(now, ddof=1),
                "sd_before": np.std(before, ddof=1),
            }
        )
    return pd.DataFrame(out)


def test_rising_ranks_by_a_test_and_hides_small_or_flat_pairs() -> None:
    rng = np.random.default_rng(1)
    steady_rise = ("AZE", list(20 + rng.normal(0, 2, 40)), list(10 + rng.normal(0, 2, 40)))
    noisy_big = ("ARM", [0.0, 100, 0, 100, 80, 20], [10.0, 30, 0, 40, 20, 20])
    flat = ("GEO", [5.0, 5.0, 5.0, 5.0, 5.0], [5.0, 5.0, 5.0, 5.0, 5.0])
    tiny = ("TUR", [90.0, 95.0], [1.0, 2.0])
    changes = _changes([noisy_big, steady_rise, flat, tiny])
    ranked = analysis.ranked_rises(changes, min_n=5)
    # the noisy pair's raw rise is larger, but only the steady one is beyond chance
    assert changes.set_index("src").loc["ARM", "change"] > 10
    assert ranked["src"].tolist() == ["AZE"]
    assert (ranked["low"] > 0).all() and (ranked["p"] < 0.05).all()
    assert "TUR" in analysis.ranked_rises(changes, min_n=2)["src"].tolist()
    assert "GEO" not in analysis.ranked_rises(changes, min_n=1)["src"].tolist()


def test_latest_spikes_newest_first() -> None:
    frame = pd.concat(
        [
            _series([10, 10, 11, 9, 10, 60, 10, 10, 70], src="AZE"),
            _series([5, 5, 5, 5, 5, 5, 5, 5, 5], src="IRN", tgt="AZE"),
        ]
    )
    spikes = analysis.latest_spikes(frame, date(2024, 1, 1))
    assert spikes["intensity"].tolist() == [70, 60]
    assert spikes["src"].tolist() == ["AZE", "AZE"]
    assert analysis.latest_spikes(frame, date(2024, 2, 15))["intensity"].tolist() == [70]


def test_asymmetry_only_where_both_spoke() -> None:
    ab = _series([30, 40, 50])
    ba = _series([10, 45], src="IRN", tgt="AZE")
    gap = analysis.asymmetry(pd.concat([ab, ba]), "AZE", "IRN")
    assert gap["gap"].tolist() == [20, -5]
