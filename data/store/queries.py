"""The store's query functions: everything the dashboard and ``tension export`` ask.

Pages never write SQL; they call these. Each returns a small pandas DataFrame whose columns
are documented on the function. Dates are inclusive; ``None`` means unbounded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

import pandas as pd

from data.model import undirected_pair
from data.store.reader import StoreReader

Bucket = Literal["day", "week", "month"]
BUCKETS: tuple[Bucket, ...] = ("day", "week", "month")


@dataclass(frozen=True, slots=True)
class StoreSummary:
    articles: int
    statements: int
    first_date: date | None
    last_date: date | None
    quarantined: int
    last_ingest: str


def summary(reader: StoreReader) -> StoreSummary:
    """Counts and the date span of what is stored."""
    row = reader.df(
        """
        SELECT (SELECT count(*) FROM articles) AS articles,
               (SELECT count(*) FROM statements) AS statements,
               (SELECT min(published) FROM articles) AS first_date,
               (SELECT max(published) FROM articles) AS last_date,
               (SELECT count(*) FROM quarantine) AS quarantined
        """
    ).iloc[0]

    def _date(value: object) -> date | None:
        if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
            return None
        return pd.Timestamp(value).date()  # type: ignore[arg-type]

    return StoreSummary(
        articles=int(row["articles"]),
        statements=int(row["statements"]),
        first_date=_date(row["first_date"]),
        last_date=_date(row["last_date"]),
        quarantined=int(row["quarantined"]),
        last_ingest=reader.manifest.updated_at,
    )


def pair_counts(reader: StoreReader) -> pd.DataFrame:
    """Undirected pairs with data: columns ``pair`` ("AZE-IRN"), ``a``, ``b``,
    ``statements`` (directed statements either way), ``articles``; busiest first."""
    frame = reader.df(
        """
        WITH directed AS (
            SELECT speaker_country AS s, unnest(target_countries) AS t
            FROM statements WHERE speaker_country IS NOT NULL
        ), st AS (
            SELECT least(s, t) || '-' || greatest(s, t) AS pair, count(*) AS statements
            FROM directed WHERE s <> t GROUP BY 1
        ), ar AS (
            SELECT unnest(pairs) AS pair, count(*) AS articles FROM articles GROUP BY 1
        )
        SELECT coalesce(st.pair, ar.pair) AS pair,
               coalesce(st.statements, 0) AS statements,
               coalesce(ar.articles, 0) AS articles
        FROM st FULL OUTER JOIN ar ON st.pair = ar.pair
        ORDER BY statements + articles DESC, pair
        """
    )
    frame["a"] = frame["pair"].str.slice(0, 3)
    frame["b"] = frame["pair"].str.slice(4, 7)
    return frame[["pair", "a", "b", "statements", "articles"]]


def pair_series(
    reader: StoreReader,
    a: str,
    b: str,
    *,
    start: date | None = None,
    end: date | None = None,
    bucket: Bucket = "week",
) -> pd.DataFrame:
    """Mean intensity per time bucket for one pair, in both directions and at article level.

    Columns: ``period`` (start of the bucket), ``series`` (``"A→B"``, ``"B→A"`` with the
    codes, or ``"articles A–B"``), ``direction`` (``"AB"``, ``"BA"`` or ``"article"``),
    ``intensity`` (mean), ``n`` (how many statements or articles). Undated articles are left
    out (they cannot be placed on a time axis).
    """
    if bucket not in BUCKETS:
        raise ValueError(f"bucket must be one of {', '.join(BUCKETS)}, not {bucket!r}")
    pair = undirected_pair(a, b)
    frame = reader.df(
        f"""
        WITH s AS (
            SELECT published, intensity,
                   CASE WHEN speaker_country = $a THEN 'AB' ELSE 'BA' END AS direction
            FROM statements
            WHERE published IS NOT NULL
              AND ((speaker_country = $a AND list_contains(target_countries, $b))
                OR (speaker_country = $b AND list_contains(target_countries, $a)))
            UNION ALL
            SELECT published, intensity, 'article' AS direction
            FROM articles
            WHERE published IS NOT NULL AND list_contains(pairs, $pair)
        )
        SELECT CAST(date_trunc('{bucket}', published) AS DATE) AS period, direction,
               avg(intensity) AS intensity, count(*) AS n
        FROM s
        WHERE ($start IS NULL OR published >= $start) AND ($end IS NULL OR published <= $end)
        GROUP BY ALL
        ORDER BY period, direction
        """,
        {"a": a, "b": b, "pair": pair, "start": start, "end": end},
    )
    labels = {"AB": f"{a}→{b}", "BA": f"{b}→{a}", "article": f"articles {a}–{b}"}
    frame["series"] = frame["direction"].map(labels)
    return frame[["period", "series", "direction", "intensity", "n"]]
