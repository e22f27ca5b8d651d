"""Exporting statements, articles, per-pair daily series and annotations to CSV or Parquet.

Series count each story once (syndicated copies are left out through ``canonical_id``, see
:data:`tension.data.store.sql.COUNTED_ONCE`): they are the dashboard's own daily series.
Statements and articles are exported with every copy. In CSV, list columns are joined with
``;``; the internal ``minhash`` signature is not exported.

CSV cells are safe to open in a spreadsheet: a text cell that begins with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return (which Excel, LibreOffice and Google Sheets would
run as a formula: ``=HYPERLINK(...)`` in an article's title) gets a leading ``'``, so it
shows as the text it is. Numbers are left as they are; Parquet is written unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

import pandas as pd

from tension.data.errors import DataError
from tension.data.model import undirected_pair
from tension.data.store.queries import daily_directed
from tension.data.store.reader import StoreReader
from tension.data.store.sql import speaks_about, within

Format = Literal["csv", "parquet"]
WHAT = ("statements", "articles", "series", "annotations")
_PAIR = re.compile(r"^([A-Za-z]{3})([->])([A-Za-z]{3})$")


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


@dataclass(frozen=True, slots=True)
class ExportFilter:
    """What to export: one pair (or all), from ``start`` to ``end`` (inclusive; None: open)."""

    pair: PairFilter | None = None
    start: date | None = None
    end: date | None = None

    def params(self) -> dict[str, object]:
        """``$start``, ``$end`` and, with a pair, ``$a`` and ``$b``."""
        pair = {"a": self.pair.a, "b": self.pair.b} if self.pair else {}
        return {"start": self.start, "end": self.end, **pair}


def statements_frame(reader: StoreReader, flt: ExportFilter) -> pd.DataFrame:
    """Every statement (every copy of a syndicated story, with its article's
    ``canonical_id``, ``url``, ``outlet`` and ``title``), oldest first."""
    where = within("s.published")
    if flt.pair:
        back = "" if flt.pair.directed else f" OR {speaks_about('b', 'a')}"
        where += f" AND ({speaks_about('a', 'b')}{back})"
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
        """,
        flt.params(),
    )


def articles_frame(reader: StoreReader, flt: ExportFilter) -> pd.DataFrame:
    """Every article (without the internal ``minhash`` signature), oldest first."""
    where = within("published")
    params: dict[str, object] = {"start": flt.start, "end": flt.end}
    if flt.pair:
        where += " AND list_contains(pairs, $pair)"
        params["pair"] = undirected_pair(flt.pair.a, flt.pair.b)
    return reader.df(
        f"SELECT * EXCLUDE (minhash) FROM articles WHERE {where} "
        "ORDER BY published NULLS LAST, article_id",
        params,
    )


def series_frame(reader: StoreReader, flt: ExportFilter) -> pd.DataFrame:
    """Per day and directed pair: ``statements``, ``mean_intensity``, ``max_intensity``; the
    dashboard's daily series (:func:`tension.data.store.queries.daily_directed`), so the
    numbers are the ones its charts show (each syndicated story once)."""
    where = within("day")
    if flt.pair:
        back = "" if flt.pair.directed else " OR (src = $b AND tgt = $a)"
        where += f" AND ((src = $a AND tgt = $b){back})"
    return reader.df(
        f"""
        SELECT day, src || '>' || tgt AS pair, src AS source, tgt AS target,
               n::BIGINT AS statements, total / n AS mean_intensity, peak AS max_intensity
        FROM {daily_directed(reader)}
        WHERE {where}
        ORDER BY day, pair
        """,
        flt.params(),
    )


def annotations_frame(reader: StoreReader, flt: ExportFilter) -> pd.DataFrame:
    """The analysts' annotations in the dates: with a pair, those that belong on its view
    (notes for every pair, the pair's both-ways notes, and with ``A>B`` that direction's;
    with ``A-B`` either direction's). Columns of
    :func:`tension.data.store.queries.annotations`."""
    from tension.data.store.queries import annotation_rows

    pair = (flt.pair.a, flt.pair.b) if flt.pair else None
    directed = bool(flt.pair and flt.pair.directed)
    return annotation_rows(reader, pair=pair, directed=directed, start=flt.start, end=flt.end)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """A text cell a spreadsheet would run as a formula, with a ``'`` in front; any other
    value as it is."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _for_csv(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col].dtype):
            out[col] = out[col].map(
                lambda v: neutralise(
                    ";".join(str(x) for x in v)
                    if hasattr(v, "__iter__") and not isinstance(v, str | bytes | dict)
                    else v
                )
            )
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """``frame`` as UTF-8 CSV, lists joined with ``;`` and formula-like text neutralised:
    what ``tension export`` writes and every dashboard download serves."""
    return _for_csv(frame).to_csv(index=False).encode("utf-8")


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
    flt = ExportFilter(parse_pair(pair), start, end)
    out = Path(out_dir).expanduser()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"{out}: cannot create the folder ({exc.strerror})") from exc
    builders: dict[str, Callable[[StoreReader, ExportFilter], pd.DataFrame]] = {
        "statements": statements_frame,
        "articles": articles_frame,
        "series": series_frame,
        "annotations": annotations_frame,
    }
    written: dict[str, tuple[Path, int]] = {}
    for name in what:
        frame = builders[name](reader, flt)
        path = out / f"{name}.{fmt}"
        if fmt == "csv":
            path.write_bytes(csv_bytes(frame))
        else:
            frame.to_parquet(path, index=False)
        written[name] = (path, len(frame))
    return written
