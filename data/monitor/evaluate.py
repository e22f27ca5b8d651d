"""Evaluate alert rules over the store: which watched directed pairs meet a rule *now*.

"Now" is the latest publication date in the store (as on the Overview), or ``as_of``. Each
kind reuses the definition a page shows, so an alert and the page it links to agree:

- ``level``: the timeline's rolling mean (:func:`tension.data.series.rolling`) of the last
  ``window`` calendar buckets up to now, from at least ``min_n`` statements, above ``above``.
- ``change``: the Overview's "Rising" test (:func:`tension.data.store.queries.pair_changes`
  then :func:`tension.data.series.ranked_rises`): the mean of the last ``days`` days against
  the ``days`` before, a one-sided Welch test below ``alpha``, ``min_n`` statements a side.
- ``spike``: the timeline's robust z-score (:func:`tension.data.series.mark_spikes`) in one
  of the last ``within`` buckets.
- ``changepoint``: PELT (``ruptures``, least-squares cost) on the means of the non-empty
  buckets of the last ``history`` buckets, scaled by their standard deviation (floor
  :data:`tension.data.series.MIN_SCALE` points), so ``penalty`` does not depend on the units;
  fires when the last change point found lies in the last ``within`` buckets, the mean rose
  across it, and at least ``min_n`` statements follow it. Bucket means weigh alike whatever
  their counts: a limit of the method, which ``min_n`` and ``min_size`` temper.

Pure over the store's query API: nothing is written here (:mod:`tension.data.monitor.alerts`
keeps the state).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd

from tension.data import series
from tension.data.monitor.rules import Rule, RuleSet
from tension.data.store import queries as q
from tension.data.store.reader import StoreReader


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of ``frame`` as dicts (values untyped, as pandas gives them)."""
    return [{str(k): v for k, v in r.items()} for r in frame.to_dict("records")]


@dataclass(frozen=True, slots=True)
class Finding:
    """A rule met by one directed pair. ``start``..``end`` is the period behind ``value``
    (the figure: a mean, a change or a z-score) and ``n`` its statements; ``figure`` says it
    in words."""

    rule: str
    kind: str
    src: str
    tgt: str
    start: date
    end: date
    value: float
    n: int
    figure: str

    @property
    def key(self) -> str:
        """What makes two findings the same episode: the rule and the direction."""
        return f"{self.rule}|{self.src}>{self.tgt}"


def watched_pairs(reader: StoreReader, rule: Rule) -> list[tuple[str, str]]:
    """The directed pairs of the store the rule's watchlist names, sorted."""
    table = q.directed_totals(reader)
    present = [(str(s), str(t)) for s, t in reader.rows(f"SELECT src, tgt FROM {table}")]
    return sorted(p for p in present if any(s.matches(*p) for s in rule.subjects))


def _buckets_back(end: date, bucket: str, count: int) -> date:
    """The first day of the bucket ``count - 1`` buckets before the one holding ``end``."""
    first = series.bucket_start(end, bucket)
    if bucket == "day":
        return first - timedelta(days=count - 1)
    if bucket == "week":
        return first - timedelta(weeks=count - 1)
    return (pd.Timestamp(first) - pd.DateOffset(months=count - 1)).date()


def _calendar_series(
    reader: StoreReader, pairs: list[tuple[str, str]], start: date, end: date, bucket: str
) -> pd.DataFrame:
    frame = q.directed_series(reader, pairs, start=start, end=end, bucket=bucket)  # type: ignore[arg-type]
    return series.on_calendar(frame, bucket, start, end, by=["src", "tgt"])


def _level(
    reader: StoreReader, rule: Rule, pairs: list[tuple[str, str]], end: date
) -> list[Finding]:
    p = rule.params
    start = _buckets_back(end, p["bucket"], p["window"])
    full = _calendar_series(reader, pairs, start, end, p["bucket"])
    if full.empty:
        return []
    rolled = series.rolling(full, p["window"], by=["src", "tgt"])
    last = rolled[rolled["period"] == series.bucket_start(end, p["bucket"])]
    out = []
    for row in records(last):
        mean, n = float(row["mean_roll"]), int(row["n_roll"])
        if n >= p["min_n"] and mean > p["above"]:
            out.append(
                Finding(
                    rule.name,
                    rule.kind,
                    str(row["src"]),
                    str(row["tgt"]),
                    start,
                    end,
                    mean,
                    n,
                    f"mean intensity {mean:.1f} from {start} to {end} ({n} statements), "
                    f"above {p['above']:g}",
                )
            )
    return out


def _change(
    reader: StoreReader, rule: Rule, pairs: list[tuple[str, str]], end: date
) -> list[Finding]:
    p = rule.params
    start = end - timedelta(days=p["days"] - 1)
    rises = series.ranked_rises(
        q.pair_changes(reader, start, end, min_n=p["min_n"]), min_n=p["min_n"], alpha=p["alpha"]
    )
    wanted = set(pairs)
    out = []
    for row in records(rises):
        if (row["src"], row["tgt"]) not in wanted:
            continue
        before_start = start - timedelta(days=p["days"])
        out.append(
            Finding(
                rule.name,
                rule.kind,
                str(row["src"]),
                str(row["tgt"]),
                start,
                end,
                float(row["change"]),
                int(row["n"]),
                f"mean intensity rose from {row['before']:.1f} ({before_start} to "
                f"{start - timedelta(days=1)}, {row['n_before']} statements) to "
                f"{row['intensity']:.1f} ({start} to {end}, {row['n']} statements): "
                f"+{row['change']:.1f} (95% interval {row['low']:+.1f} to {row['high']:+.1f}, "
                f"p = {row['p']:.3g})",
            )
        )
    return out


def _spike(
    reader: StoreReader, rule: Rule, pairs: list[tuple[str, str]], end: date
) -> list[Finding]:
    p = rule.params
    start = _buckets_back(end, p["bucket"], p["window"] + p["within"])
    full = _calendar_series(reader, pairs, start, end, p["bucket"])
    if full.empty:
        return []
    marked = series.mark_spikes(
        full, by=["src", "tgt"], window=p["window"], threshold=p["threshold"], min_n=p["min_n"]
    )
    recent_from = _buckets_back(end, p["bucket"], p["within"])
    hits = marked[marked["spike"] & (marked["period"] >= recent_from)]
    out = []
    for (src, tgt), rows in hits.groupby(["src", "tgt"], sort=True):
        row = rows.sort_values("period").iloc[-1]
        first = row["period"]
        last = min(series.bucket_end(first, p["bucket"]), end)
        out.append(
            Finding(
                rule.name,
                rule.kind,
                str(src),
                str(tgt),
                first,
                last,
                float(row["z"]),
                int(row["n"]),
                f"mean intensity {row['intensity']:.1f} in the {p['bucket']} of {first} "
                f"({int(row['n'])} statements), robust z-score {row['z']:.1f} against the "
                f"{p['window']} {p['bucket']}s before",
            )
        )
    return out


def _changepoint(
    reader: StoreReader, rule: Rule, pairs: list[tuple[str, str]], end: date
) -> list[Finding]:
    import ruptures as rpt

    p = rule.params
    start = _buckets_back(end, p["bucket"], p["history"])
    full = _calendar_series(reader, pairs, start, end, p["bucket"])
    recent_from = _buckets_back(end, p["bucket"], p["within"])
    out = []
    for (src, tgt), rows in full.groupby(["src", "tgt"], sort=True):
        rows = rows[rows["n"] > 0].sort_values("period")
        y = rows["intensity"].to_numpy(dtype=float)
        if len(y) < 2 * p["min_size"]:
            continue
        scale = max(float(np.std(y)), series.MIN_SCALE)
        algo = rpt.Pelt(model="l2", min_size=p["min_size"], jump=1).fit((y - y.mean()) / scale)
        breaks = [b for b in algo.predict(pen=p["penalty"]) if b < len(y)]
        if not breaks:
            continue
        at = breaks[-1]
        prev = breaks[-2] if len(breaks) > 1 else 0
        periods = list(rows["period"])
        since = periods[at]
        after = rows.iloc[at:]
        before = rows.iloc[prev:at]
        n_after = int(after["n"].sum())
        mean_after = float((after["intensity"] * after["n"]).sum() / n_after)
        mean_before = float((before["intensity"] * before["n"]).sum() / before["n"].sum())
        if since < recent_from or n_after < p["min_n"] or mean_after <= mean_before:
            continue
        out.append(
            Finding(
                rule.name,
                rule.kind,
                str(src),
                str(tgt),
                since,
                end,
                mean_after,
                n_after,
                f"the mean intensity shifted from {mean_before:.1f} ({periods[prev]} to "
                f"{series.bucket_end(periods[at - 1], p['bucket'])}) to {mean_after:.1f} "
                f"since the {p['bucket']} of {since} ({n_after} statements)",
            )
        )
    return out


_KINDS = {"level": _level, "change": _change, "spike": _spike, "changepoint": _changepoint}


def evaluate(reader: StoreReader, rules: RuleSet, *, as_of: date | None = None) -> list[Finding]:
    """Every finding of every rule at ``as_of`` (default: the latest date in the store),
    in rule order then pair order. An empty store, or one without dates, finds nothing."""
    end = as_of or q.summary(reader).last_date
    if end is None:
        return []
    out: list[Finding] = []
    for rule in rules.rules:
        pairs = watched_pairs(reader, rule)
        if pairs:
            out.extend(_KINDS[rule.kind](reader, rule, pairs, end))
    return out
