"""Exporting statements, articles and per-pair series to CSV or Parquet, and story outlets.

Series count each story once (syndicated copies are left out through ``canonical_id``, see
:mod:`tension.data.model`). In CSV, list columns are joined with ``;``; the internal ``minhash``
signature is not exported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

import pandas as pd

from tension.data.errors import DataError
from tension.data.store.reader import StoreReader

Format = Literal["csv", "parquet"]
WHAT = ("statements", "articles", "series")
_PAIR = re.compile(r"^([A-Za-z]{3})([->])([A-Za-z]{3})$")
_CANONICAL = "(canonical_id IS NULL OR canonical_id = article_id)"


class ExportError(DataError):
    """An export option cannot be used (bad pair, unknown format)."""


@dataclass(frozen=True, slots=True)
class PairFilter:
    a: str
    b: str
    directed: bool


def parse_pair(text: str | None) -> PairFilter | None:
    """``"AZE-IRN"`` (both directions) or ``"AZE>IRN"`` (what AZE says about IRN)."""
    if not text:
        return None
    m = _PAIR.match(text.strip())
    if not m:
        raise ExportError(f"pair {text!r}: expected two ISO alpha-3 codes, e.g. AZE-IRN or AZE>IRN")
    return PairFilter(m.group(1).upper(), m.group(3).upper(), m.group(2) == ">")


def _has(reader: StoreReader, table: str, column: str) -> bool:
    reader.refresh()
    return column in reader.columns.get(table, frozenset())


def _dates(col: str, start: date | None, end: date | None) -> tuple[str, dict[str, object]]:
    where: list[str] = []
    params: dict[str, object] = {}
    if start:
        where.append(f"{col} >= $start")
        params["start"] = start
    if end:
        where.append(f"{col} <= $end")
        params["end"] = end
    return (" AND ".join(where) or "TRUE"), params


def statements_frame(
    reader: StoreReader,
    pair: PairFilter | None = None,
    start: date | None = None,
    end: date | None = None,
) -> pd.DataFrame:
    where, params = _dates("s.published", start, end)
    if pair:
        direct = "(s.speaker_country = $a AND list_contains(s.target_countries, $b))"
        back = "(s.speaker_country = $b AND list_contains(s.target_countries, $a))"
        where += f" AND ({direct}{'' if pair.directed else ' OR ' + back})"
        params.update(a=pair.a, b=pair.b)
    return reader.df(
        f"""
        SELECT s.* EXCLUDE (canonical_id), a.canonical_id, a.url, a.outlet, a.title
        FROM statements s LEFT JOIN (
            SELECT article_id, any_value(canonical_id) AS canonical_id, any_value(url) AS url,
                   any_value(outlet) AS outlet, any_value(title) AS title
            FROM articles GROUP BY article_id
        ) a USING (article_id)
        WHERE {where}
        ORDER BY s.published NULLS LAST, s.article_id, s.idx
        """
        if _has(reader, "statements", "canonical_id") and _has(reader, "articles", "canonical_id")
        else f"""
        SELECT s.* FROM statements s WHERE {where}
        ORDER BY s.published NULLS LAST, s.article_id, s.idx
        """,
        params,
    )


def articles_frame(
    reader: StoreReader,
    pair: PairFilter | None = None,
    start: date | None = None,
    end: date | None = None,
) -> pd.DataFrame:
    where, params = _dates("published", start, end)
    if pair:
        where += " AND list_contains(pairs, $pair)"
        params["pair"] = "-".join(sorted((pair.a, pair.b)))
    exclude = " EXCLUDE (minhash)" if _has(reader, "articles", "minhash") else ""
    return reader.df(
        f"SELECT *{exclude} FROM articles WHERE {where} ORDER BY published NULLS LAST, article_id",
        params,
    )


def series_frame(
    reader: StoreReader,
    pair: PairFilter | None = None,
    start: date | None = None,
    end: date | None = None,
) -> pd.DataFrame:
    """Per day and directed pair: statements (each story once), mean and max intensity."""
    where, params = _dates("published", start, end)
    if _has(reader, "statements", "canonical_id"):
        where += f" AND {_CANONICAL}"
    if pair:
        cond = "(source = $a AND target = $b)"
        if not pair.directed:
            cond += " OR (source = $b AND target = $a)"
        pair_where = f"WHERE {cond}"
        params.update(a=pair.a, b=pair.b)
    else:
        pair_where = ""
    return reader.df(
        f"""
        WITH s AS (
            SELECT published AS day, speaker_country AS source, unnest(target_countries) AS target,
                   intensity
            FROM statements
            WHERE {where} AND published IS NOT NULL AND speaker_country IS NOT NULL
              AND intensity IS NOT NULL
        )
        SELECT day, source || '>' || target AS pair, source, target,
               count(*)::BIGINT AS statements, avg(intensity) AS mean_intensity,
               max(intensity) AS max_intensity
        FROM s {pair_where}
        GROUP BY day, source, target
        ORDER BY day, pair
        """,
        params,
    )


def story_outlets(reader: StoreReader) -> pd.DataFrame:
    """Syndicated stories: ``canonical_id``, ``copies``, ``outlets`` (distinct, sorted)."""
    if not _has(reader, "articles", "canonical_id"):
        return pd.DataFrame(columns=["canonical_id", "copies", "outlets"])
    return reader.df(
        """
        SELECT canonical_id, count(DISTINCT article_id)::BIGINT AS copies,
               list_sort(list_distinct(list(outlet))) AS outlets
        FROM articles WHERE canonical_id IS NOT NULL
        GROUP BY canonical_id HAVING count(DISTINCT article_id) > 1
        ORDER BY copies DESC, canonical_id
        """
    )


def _for_csv(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object:
            out[col] = out[col].map(
                lambda v: (
                    ";".join(str(x) for x in v)
                    if hasattr(v, "__iter__") and not isinstance(v, str | bytes | dict)
                    else v
                )
            )
    return out


def export(
    reader: StoreReader,
    out_dir: Path | str,
    *,
    fmt: Format = "csv",
    what: tuple[str, ...] = WHAT,
    pair: str | None = None,
    start: date | None = None,
    end: date | None = None,
) -> dict[str, tuple[Path, int]]:
    """Write ``what`` into ``out_dir`` as ``<name>.<fmt>``; return path and row count of each."""
    if fmt not in ("csv", "parquet"):
        raise ExportError(f"format {fmt!r}: expected csv or parquet")
    unknown = set(what) - set(WHAT)
    if unknown:
        raise ExportError(f"unknown table {sorted(unknown)[0]!r} (known: {', '.join(WHAT)})")
    flt = parse_pair(pair)
    out = Path(out_dir).expanduser()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"{out}: cannot create the folder ({exc.strerror})") from exc
    builders = {"statements": statements_frame, "articles": articles_frame, "series": series_frame}
    written: dict[str, tuple[Path, int]] = {}
    for name in what:
        frame = builders[name](reader, flt, start, end)
        path = out / f"{name}.{fmt}"
        if fmt == "csv":
            _for_csv(frame).to_csv(path, index=False)
        else:
            frame.to_parquet(path, index=False)
        written[name] = (path, len(frame))
    return written
