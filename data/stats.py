"""Uncertainty of the means the pages show: intervals, a test of change, a minimum count.

Pure functions over numbers or arrays (numpy broadcasting), so any page (and the monitoring
pages to come) can use them. A mean of intensity is a mean over statements, whose scores
are far from normal (many zeros, a long tail): the t interval and Welch's test are the usual
large-sample approximations and are honest enough from about ten statements; below the
minimum count (:func:`min_count`) a mean is shown greyed and never ranked.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.special import stdtr, stdtrit

from tension.data.settings import resolve

LEVEL = 0.95
"""Confidence level of every interval shown."""


def min_count(value: object = None) -> int:
    """The minimum number of statements behind a mean before it is coloured, ranked or
    flagged as a spike: the ``min_count`` setting (``TENSION_MIN_COUNT``), at least 1."""
    return max(1, int(resolve("min_count", value)))


def t_interval(
    mean: npt.ArrayLike,
    sd: npt.ArrayLike,
    n: npt.ArrayLike,
    level: float = LEVEL,
) -> tuple[np.ndarray, np.ndarray]:
    """Student-t interval ``(low, high)`` of a mean of ``n`` values with sample standard
    deviation ``sd``; NaN where ``n < 2`` (no spread to judge from). Not clipped."""
    mean_a = np.asarray(mean, dtype=float)
    sd_a = np.nan_to_num(np.asarray(sd, dtype=float), nan=0.0)
    n_a = np.asarray(n, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        ok = n_a >= 2
        df = np.where(ok, n_a - 1, 1.0)
        half = stdtrit(df, 0.5 + level / 2) * sd_a / np.sqrt(np.where(ok, n_a, 1.0))
        half = np.where(ok, half, np.nan)
    return mean_a - half, mean_a + half


def pooled(
    n: npt.ArrayLike, mean: npt.ArrayLike, sd: npt.ArrayLike
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sums ``(n, total, sum of squares)`` behind bucket means, to pool buckets."""
    n_a = np.asarray(n, dtype=float)
    mean_a = np.nan_to_num(np.asarray(mean, dtype=float))
    sd_a = np.nan_to_num(np.asarray(sd, dtype=float))
    total = mean_a * n_a
    sq = np.where(n_a > 1, (n_a - 1) * sd_a * sd_a, 0.0) + n_a * mean_a * mean_a
    return n_a, total, sq


def from_sums(
    n: npt.ArrayLike, total: npt.ArrayLike, sq: npt.ArrayLike
) -> tuple[np.ndarray, np.ndarray]:
    """``(mean, sample sd)`` from sums; NaN mean where ``n == 0``, NaN sd where ``n < 2``."""
    n_a = np.asarray(n, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(n_a > 0, total / np.where(n_a > 0, n_a, 1.0), np.nan)
        var = (sq - n_a * np.nan_to_num(mean) ** 2) / np.where(n_a > 1, n_a - 1, 1.0)
        sd = np.where(n_a > 1, np.sqrt(np.clip(var, 0, None)), np.nan)
    return mean, sd


@dataclass(frozen=True, slots=True)
class Change:
    """Welch's test of a change of mean (arrays, one entry per series).

    ``diff`` = now − before; ``low``/``high`` its interval at :data:`LEVEL`; ``t`` the
    statistic, ``df`` the Welch–Satterthwaite degrees of freedom; ``p_rise`` the one-sided
    p-value of "the mean rose" (small = a rise unlikely to be chance), ``p`` two-sided."""

    diff: np.ndarray
    low: np.ndarray
    high: np.ndarray
    t: np.ndarray
    df: np.ndarray
    p_rise: np.ndarray
    p: np.ndarray


def welch_change(
    n_now: npt.ArrayLike,
    mean_now: npt.ArrayLike,
    sd_now: npt.ArrayLike,
    n_before: npt.ArrayLike,
    mean_before: npt.ArrayLike,
    sd_before: npt.ArrayLike,
    level: float = LEVEL,
) -> Change:
    """Welch's unequal-variance t test of ``mean_now - mean_before`` from summary numbers.

    Needs two statements a side (NaN otherwise). When both sides have no spread at all the
    test is undefined: a zero difference then gets ``t = 0``, ``p = 1``; any other an
    infinite ``t`` (certain, but only as certain as the count allows — the page hides small
    counts)."""
    n1, m1, s1 = (np.asarray(v, dtype=float) for v in (n_now, mean_now, sd_now))
    n0, m0, s0 = (np.asarray(v, dtype=float) for v in (n_before, mean_before, sd_before))
    s1, s0 = np.nan_to_num(s1), np.nan_to_num(s0)
    ok = (n1 >= 2) & (n0 >= 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        v1 = s1 * s1 / np.where(ok, n1, 1.0)
        v0 = s0 * s0 / np.where(ok, n0, 1.0)
        se = np.sqrt(v1 + v0)
        diff = m1 - m0
        flat = se == 0
        t = np.where(flat, np.where(diff == 0, 0.0, np.sign(diff) * np.inf), diff / se)
        df = np.where(
            flat,
            n1 + n0 - 2,
            (v1 + v0) ** 2
            / (v1 * v1 / np.where(ok, n1 - 1, 1.0) + v0 * v0 / np.where(ok, n0 - 1, 1.0)),
        )
        df = np.where(ok, np.maximum(df, 1.0), np.nan)
        p_rise = 1.0 - stdtr(df, t)
        p = 2.0 * (1.0 - stdtr(df, np.abs(t)))
        half = stdtrit(df, 0.5 + level / 2) * se
    nan = np.where(ok, 0.0, np.nan)
    return Change(
        diff=diff + nan,
        low=diff - half + nan,
        high=diff + half + nan,
        t=t + nan,
        df=df,
        p_rise=p_rise + nan,
        p=np.clip(p, 0.0, 1.0) + nan,
    )
