"""Smoothing, spikes and asymmetry: pure functions on the series the store returns."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

from tension.dashboard import analysis


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


def test_rolling_matches_pandas() -> None:
    values = [10.0, 20.0, 30.0, 5.0, 8.0]
    out = analysis.rolling(_series(values), 3)
    expected = pd.Series(values).rolling(3, min_periods=1).mean()
    np.testing.assert_allclose(out["mean_roll"], expected)
    sd = pd.Series(values).rolling(3, min_periods=2).std().fillna(0)
    np.testing.assert_allclose(out["sd_roll"], sd)


def test_latest_spikes_newest_first() -> None:
    frame = pd.concat(
        [
            _series([10, 10, 11, 9, 10, 60, 10, 10, 70], src="AZE"),
            _series([5, 5, 5, 5, 5, 5, 5, 5, 5], src="IRN", tgt="AZE"),
        ]
    )
    spikes = analysis.latest_spikes(frame, date(2024, 1, 1))
    assert spikes["intensity"].tolist() == [70, 60]
    assert analysis.latest_spikes(frame, date(2024, 2, 15))["intensity"].tolist() == [70]


def test_asymmetry_only_where_both_spoke() -> None:
    ab = _series([30, 40, 50])
    ba = _series([10, 45], src="IRN", tgt="AZE")
    gap = analysis.asymmetry(pd.concat([ab, ba]), "AZE", "IRN")
    assert gap["gap"].tolist() == [20, -5]
