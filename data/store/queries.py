"""The store's query functions: everything the dashboard and ``tension export`` ask.

Pages never write SQL; they call these. Each returns a small pandas DataFrame whose columns
are documented on the function. Dates are inclusive; ``None`` means unbounded.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

import duckdb
import pandas as pd

from tension.data.model import undirected_pair
from tension.data.store.explain import aligned
from tension.data.store.reader import StoreReader
from tension.data.store.sql import (
    COUNTED_ONCE,
    REPEAT_KEY,
    first_telling,
    speaks_about,
    within,
)

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
    # one row, computed once per published state of the store (every page asks for it)
    table = reader.derived(
        "_summary",
        """
        SELECT (SELECT count(*) FROM articles) AS articles,
               (SELECT count(*) FROM statements) AS statements,
               (SELECT min(published) FROM articles) AS first_date,
               (SELECT max(published) FROM articles) AS last_date,
               (SELECT count(*) FROM quarantine) AS quarantined
        """,
    )
    row = reader.df(f"SELECT * FROM {table}").iloc[0]

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
    """Undirected pairs with dated data: columns ``pair`` ("AZE-IRN"), ``a``, ``b``,
    ``statements`` (directed statements either way), ``articles``; busiest first."""
    directed, articles = directed_totals(reader), article_totals(reader)
    table = reader.derived(  # a few hundred rows, asked for by every page
        "_pair_counts",
        f"""
        WITH st AS (
            SELECT least(src, tgt) || '-' || greatest(src, tgt) AS pair, sum(n) AS statements
            FROM {directed} GROUP BY 1
        ), ar AS (
            SELECT pair, sum(n) AS articles FROM {articles} GROUP BY 1
        )
        SELECT coalesce(st.pair, ar.pair) AS pair,
               coalesce(st.statements, 0)::BIGINT AS statements,
               coalesce(ar.articles, 0)::BIGINT AS articles
        FROM st FULL OUTER JOIN ar ON st.pair = ar.pair
        """,
    )
    frame = reader.df(f"SELECT * FROM {table} ORDER BY statements + articles DESC, pair")
    frame["a"] = frame["pair"].str.slice(0, 3)
    frame["b"] = frame["pair"].str.slice(4, 7)
    return frame[["pair", "a", "b", "statements", "articles"]]


# ---------------------------------------------------------------------------------------------
# Pre-aggregates: one scan of the statements per published state of the store.

_DAILY = "_daily_directed"
_DAILY_ARTICLES = "_daily_articles"


def daily_directed(reader: StoreReader) -> str:
    """Name of the table of statements per day and directed pair: ``src``, ``tgt``, ``day``,
    ``n``, ``total`` (sum of intensity), ``sq`` (sum of squares), ``peak`` (max).

    Every series, total and matrix of directed statements reads this table: each syndicated
    story counts once (:data:`tension.data.store.sql.COUNTED_ONCE`), so does each repeated
    statement (its first dated telling: :func:`tension.data.store.sql.first_telling`);
    undated statements and statements about the speaker's own country are left out."""
    return reader.derived(
        _DAILY,
        f"""
        SELECT speaker_country AS src, tgt, published AS day, count(*)::INTEGER AS n,
               sum(intensity) AS total, sum(intensity * intensity) AS sq,
               max(intensity) AS peak
        FROM (
            SELECT speaker_country, unnest(target_countries) AS tgt, published, intensity
            FROM statements
            WHERE speaker_country IS NOT NULL AND published IS NOT NULL
              AND intensity IS NOT NULL AND {COUNTED_ONCE}
            QUALIFY {first_telling()}
        )
        WHERE tgt IS NOT NULL AND tgt <> speaker_country
        GROUP BY ALL
        ORDER BY src, tgt, day
        """,
    )


def daily_articles(reader: StoreReader) -> str:
    """Name of the table of articles per day and undirected pair: ``pair``, ``day``, ``n``,
    ``total``, ``sq`` (each syndicated story once)."""
    return reader.derived(
        _DAILY_ARTICLES,
        f"""
        SELECT pair, published AS day, count(*)::INTEGER AS n, sum(intensity) AS total,
               sum(intensity * intensity) AS sq
        FROM (
            SELECT unnest(pairs) AS pair, published, intensity FROM articles
            WHERE published IS NOT NULL AND intensity IS NOT NULL AND {COUNTED_ONCE}
        )
        WHERE pair IS NOT NULL
        GROUP BY ALL
        ORDER BY pair, day
        """,
    )


def directed_totals(reader: StoreReader) -> str:
    """Name of the table of totals per directed pair (``src``, ``tgt``, ``n``), from the daily
    aggregate: what the pickers and counts need, in a few hundred rows."""
    daily = daily_directed(reader)
    return reader.derived(
        "_directed_totals",
        f"SELECT src, tgt, sum(n)::BIGINT AS n FROM {daily} GROUP BY ALL",
    )


def article_totals(reader: StoreReader) -> str:
    """Name of the table of dated articles per undirected pair (``pair``, ``n``)."""
    daily = daily_articles(reader)
    return reader.derived(
        "_article_totals", f"SELECT pair, sum(n)::BIGINT AS n FROM {daily} GROUP BY ALL"
    )


_SD = (
    "CASE WHEN sum(n) > 1 THEN sqrt(greatest(sum(sq) - sum(total) * sum(total) / sum(n), 0)"
    " / (sum(n) - 1)) END"
)
"""The sample standard deviation of the statements behind an aggregate of daily rows."""


def _check_bucket(bucket: str) -> None:
    if bucket not in BUCKETS:
        raise ValueError(f"bucket must be one of {', '.join(BUCKETS)}, not {bucket!r}")


def countries(reader: StoreReader) -> list[str]:
    """Every country that speaks or is spoken about in a directed pair, sorted."""
    table = directed_totals(reader)
    frame = reader.df(
        f"SELECT DISTINCT src AS c FROM {table} UNION SELECT DISTINCT tgt FROM {table}"
    )
    return sorted(str(c) for c in frame["c"].dropna())


def pair_matrix(
    reader: StoreReader, start: date | None = None, end: date | None = None
) -> pd.DataFrame:
    """Mean statement intensity per directed pair between ``start`` and ``end``.

    Columns: ``src`` (speaker's country), ``tgt`` (country spoken about), ``intensity``
    (mean over statements), ``sd`` (their sample standard deviation; null below two),
    ``n`` (statements)."""
    table = daily_directed(reader)
    return reader.df(
        f"""
        SELECT src, tgt, sum(total) / sum(n) AS intensity, {_SD} AS sd, sum(n)::BIGINT AS n
        FROM {table}
        WHERE {within("day")}
        GROUP BY ALL ORDER BY src, tgt
        """,
        {"start": start, "end": end},
    )


def pair_changes(reader: StoreReader, start: date, end: date, *, min_n: int = 2) -> pd.DataFrame:
    """How each directed pair's mean intensity moved from the previous window of the same
    length (the days just before ``start``) to ``start``..``end``.

    Columns: ``src``, ``tgt``, ``intensity`` (this window), ``before`` (previous window),
    ``change`` (``intensity - before``), ``n``, ``n_before``, ``sd``, ``sd_before`` (sample
    standard deviations, for a test of the change:
    :func:`tension.data.stats.welch_change`). Only pairs with at least ``min_n``
    statements in both windows (two at least, for a standard deviation); largest raw change
    first — rank by a test, not by this order."""
    days = (end - start).days + 1
    prev_start = start - timedelta(days=days)
    table = daily_directed(reader)
    return reader.df(
        f"""
        WITH w AS (
            SELECT src, tgt,
                   sum(total) FILTER (WHERE day >= $start) AS t_now,
                   sum(n) FILTER (WHERE day >= $start) AS n_now,
                   sum(sq) FILTER (WHERE day >= $start) AS q_now,
                   sum(total) FILTER (WHERE day < $start) AS t_before,
                   sum(n) FILTER (WHERE day < $start) AS n_before,
                   sum(sq) FILTER (WHERE day < $start) AS q_before
            FROM {table}
            WHERE day >= $prev AND day <= $end
            GROUP BY ALL
        )
        SELECT src, tgt, t_now / n_now AS intensity, t_before / n_before AS before,
               t_now / n_now - t_before / n_before AS change,
               n_now::BIGINT AS n, n_before::BIGINT AS n_before,
               sqrt(greatest(q_now - t_now * t_now / n_now, 0) / (n_now - 1)) AS sd,
               sqrt(greatest(q_before - t_before * t_before / n_before, 0) / (n_before - 1))
                   AS sd_before
        FROM w
        WHERE n_now >= greatest($min_n, 2) AND n_before >= greatest($min_n, 2)
        ORDER BY change DESC, src, tgt
        """,
        {"start": start, "end": end, "prev": prev_start, "min_n": min_n},
    )


def directed_series(
    reader: StoreReader,
    pairs: list[tuple[str, str]],
    *,
    start: date | None = None,
    end: date | None = None,
    bucket: Bucket = "week",
) -> pd.DataFrame:
    """Per bucket, for each directed pair in ``pairs`` (``(src, tgt)``; empty means all):
    ``period`` (the bucket's first day: weeks start on Monday), ``src``, ``tgt``,
    ``intensity`` (mean), ``sd`` (sample standard deviation of the statements in the bucket;
    null below two), ``peak`` (max) and ``n``. Buckets without statements are absent (see
    :func:`tension.data.series.on_calendar`)."""
    _check_bucket(bucket)
    table = daily_directed(reader)
    params: dict[str, object] = {"start": start, "end": end}
    where = ""
    if pairs:
        # plain equalities on the sort key (src, tgt): the scan skips other pairs' row groups
        ors = []
        for i, (s, t) in enumerate(dict.fromkeys(pairs)):
            ors.append(f"(src = $s{i} AND tgt = $t{i})")
            params |= {f"s{i}": s, f"t{i}": t}
        where = f" AND ({' OR '.join(ors)})"
    return reader.df(
        f"""
        SELECT CAST(date_trunc('{bucket}', day) AS DATE) AS period, src, tgt,
               sum(total) / sum(n) AS intensity, {_SD} AS sd,
               max(peak) AS peak, sum(n)::BIGINT AS n
        FROM {table}
        WHERE {within("day")}{where}
        GROUP BY ALL ORDER BY src, tgt, period
        """,
        params,
    )


def article_series(
    reader: StoreReader,
    a: str,
    b: str,
    *,
    start: date | None = None,
    end: date | None = None,
    bucket: Bucket = "week",
) -> pd.DataFrame:
    """Per bucket, articles about the undirected pair A–B: ``period``, ``intensity``, ``sd``
    (sample standard deviation; null below two), ``n``."""
    _check_bucket(bucket)
    table = daily_articles(reader)
    return reader.df(
        f"""
        SELECT CAST(date_trunc('{bucket}', day) AS DATE) AS period,
               sum(total) / sum(n) AS intensity, {_SD} AS sd, sum(n)::BIGINT AS n
        FROM {table}
        WHERE pair = $pair AND {within("day")}
        GROUP BY ALL ORDER BY period
        """,
        {"pair": undirected_pair(a, b), "start": start, "end": end},
    )


@dataclass(frozen=True, slots=True)
class StatementFilter:
    """What the statements page (and the drill-downs) can ask for; every field optional.

    ``pair`` is an undirected pair (both directions); ``src``/``tgt`` a direction;
    ``country`` matches either side; ``speaker`` and ``text`` are case-insensitive
    substrings; ``kinds`` keeps statements of these kinds (``document``, ``quote``,
    ``reported``; empty or None: all). ``attributed`` (the default) keeps only statements
    whose speaker's country is known — those that can feed a country pair; False lists the
    others too (analysts, witnesses, unnamed sources)."""

    pair: tuple[str, str] | None = None
    src: str | None = None
    tgt: str | None = None
    country: str | None = None
    speaker: str | None = None
    start: date | None = None
    end: date | None = None
    min_intensity: float | None = None
    max_intensity: float | None = None
    text: str | None = None
    kinds: tuple[str, ...] | None = None
    attributed: bool = True


def _as_dates(frame: pd.DataFrame) -> pd.DataFrame:
    """``published`` as ``datetime.date`` (DuckDB hands DATE columns to pandas as timestamps)."""
    if "published" in frame.columns:
        frame["published"] = [
            None if pd.isna(v) else pd.Timestamp(v).date() for v in frame["published"]
        ]
    return frame


def _statement_where(f: StatementFilter) -> tuple[str, dict[str, object]]:
    clauses = ["s.speaker_country IS NOT NULL"] if f.attributed else ["true"]
    params: dict[str, object] = {}
    if f.pair is not None:
        a, b = f.pair
        clauses.append(f"({speaks_about('pa', 'pb')} OR {speaks_about('pb', 'pa')})")
        params |= {"pa": a, "pb": b}
    if f.src is not None:
        clauses.append("s.speaker_country = $src")
        params["src"] = f.src
    if f.tgt is not None:
        clauses.append("list_contains(s.target_countries, $tgt)")
        params["tgt"] = f.tgt
    if f.country is not None:
        clauses.append(
            "(s.speaker_country = $country OR list_contains(s.target_countries, $country))"
        )
        params["country"] = f.country
    if f.speaker:
        clauses.append("contains(lower(coalesce(s.speaker, '')), lower($speaker))")
        params["speaker"] = f.speaker
    if f.start is not None or f.end is not None:
        clauses.append(within("s.published"))
        params |= {"start": f.start, "end": f.end}
    if f.min_intensity is not None:
        clauses.append("s.intensity >= $lo")
        params["lo"] = f.min_intensity
    if f.max_intensity is not None:
        clauses.append("s.intensity <= $hi")
        params["hi"] = f.max_intensity
    if f.text:
        clauses.append("contains(lower(s.text), lower($q))")
        params["q"] = f.text
    if f.kinds:
        clauses.append("list_contains($kinds, s.kind)")
        params["kinds"] = list(f.kinds)
    return " AND ".join(clauses), params


def _order_by(order: Literal["recent", "intensity"], prefix: str = "") -> str:
    """Newest first or most intense first; ties in a fixed order."""
    p = prefix
    recent, intense = f"{p}published DESC NULLS LAST", f"{p}intensity DESC"
    first = (recent, intense) if order == "recent" else (intense, recent)
    return f"{first[0]}, {first[1]}, {p}article_id, {p}idx"


STATEMENT_COLUMNS = (
    "article_id",
    "idx",
    "published",
    "speaker",
    "speaker_country",
    "targets",
    "intensity",
    "kind",
    "text",
    "terms",
)


def statements(
    reader: StoreReader,
    where: StatementFilter = StatementFilter(),
    *,
    limit: int = 200,
    offset: int = 0,
    order: Literal["recent", "intensity"] = "recent",
) -> pd.DataFrame:
    """Statements matching ``where`` (by default only those with a speaker's country), newest
    first or most intense first; every copy and every repeat is listed. Columns: see
    :data:`STATEMENT_COLUMNS` (``targets`` is the target codes joined with ", "; ``terms``
    the JSON list of scoring terms as stored)."""
    sql, params = _statement_where(where)
    params |= {"limit": int(limit), "offset": int(offset)}
    return _as_dates(
        reader.df(
            f"""
        SELECT s.article_id, s.idx, s.published, s.speaker, s.speaker_country,
               array_to_string(s.target_countries, ', ') AS targets, s.intensity, s.kind,
               s.text, s.terms
        FROM statements s
        WHERE {sql}
        ORDER BY {_order_by(order, "s.")}
        LIMIT $limit OFFSET $offset
        """,
            params,
        )
    )


def statement_count(reader: StoreReader, where: StatementFilter = StatementFilter()) -> int:
    """How many statements match ``where`` (every copy of a syndicated story, as
    :func:`statements` lists them)."""
    sql, params = _statement_where(where)
    return int(reader.scalar(f"SELECT count(*) FROM statements s WHERE {sql}", params) or 0)


def statement(reader: StoreReader, article_id: str, idx: int) -> dict[str, Any] | None:
    """One statement with its article's title, outlet, URL and source, or None.

    Keys: the statement's columns plus ``title``, ``outlet``, ``url``, ``source``;
    ``terms`` and ``contributions`` are lists of dicts whose offsets point into the
    statement's ``text`` (:func:`tension.data.store.explain.aligned`)."""
    frame = reader.df(
        """
        SELECT s.article_id, s.idx, s.start, s.published, s.speaker, s.speaker_country,
               array_to_string(s.target_countries, ', ') AS targets, s.kind, s.text,
               s.intensity, s.raw, s.compound, s.escalation, s.deescalation, s.terms,
               s.contributions, s.lexicon_version, a.title, a.outlet, a.url, a.source
        FROM statements s LEFT JOIN articles a USING (article_id)
        WHERE s.article_id = $aid AND s.idx = $idx
        LIMIT 1
        """,
        {"aid": article_id, "idx": int(idx)},
    )
    if frame.empty:
        return None
    row = {str(k): v for k, v in _as_dates(frame).iloc[0].to_dict().items()}
    text = str(row["text"] or "")
    explained = aligned(text, row["start"], row["terms"], row["contributions"])
    row["terms"], row["contributions"] = explained.terms, explained.contributions
    return row


def unscored(reader: StoreReader, limit: int = 500) -> pd.DataFrame:
    """Articles stored "not scored" because they are surely not in English, newest first:
    ``article_id``, ``title``, ``source``, ``published``, ``language``, ``reason``
    (``"not scored (language fr)"``). They are in no series (their intensity is null)."""
    return reader.df(
        """
        SELECT article_id, title, source, published, language,
               'not scored (language ' || language || ')' AS reason
        FROM articles
        WHERE language IS NOT NULL
        ORDER BY published DESC NULLS LAST, article_id
        LIMIT $n
        """,
        {"n": int(limit)},
    )


def quarantine(reader: StoreReader, limit: int = 500) -> pd.DataFrame:
    """Inputs that were refused, newest first: ``source``, ``reason``, ``seen_at``.

    One row per distinct source and reason (the earliest time it was seen): an ingest never
    stores a refusal twice, and this holds for stores where an older version did."""
    return reader.df(
        """
        SELECT source, reason, min(seen_at) AS seen_at
        FROM quarantine
        GROUP BY source, reason
        ORDER BY seen_at DESC, source, reason
        LIMIT $n
        """,
        {"n": int(limit)},
    )


def pair_statements(
    reader: StoreReader,
    a: str,
    b: str,
    *,
    start: date | None = None,
    end: date | None = None,
    limit: int = 20,
    order: Literal["recent", "intensity"] = "recent",
) -> pd.DataFrame:
    """The first ``limit`` statements of A about B *and* of B about A, in one scan; a
    syndicated copy or a repeated statement (:func:`tension.data.store.sql.first_telling`)
    is listed once, at its first telling.

    Columns: ``src``, ``tgt``, ``total`` (how many distinct statements that side has in the
    period), ``tellings`` (how often the statement was told, copies included) and those of
    :func:`statements`, ``terms`` as a list of dicts with offsets into ``text``."""
    frame = _on_pair_rows(
        reader,
        a,
        b,
        lambda table: (
            f"""
        SELECT * EXCLUDE (rank) FROM (
            SELECT src, tgt, article_id, idx, published, speaker, speaker_country, targets,
                   intensity, kind, text, terms, start, tellings,
                   row_number() OVER (PARTITION BY src ORDER BY {_order_by(order)}) AS rank,
                   count(*) OVER (PARTITION BY src) AS total
            FROM {table}
            WHERE first AND {within("published")}
        )
        WHERE rank <= $limit
        ORDER BY src, rank
        """
        ),
        {"start": start, "end": end, "limit": int(limit)},
    )
    frame["terms"] = [  # type: ignore[assignment]
        aligned(str(t or ""), a, h).terms
        for t, a, h in zip(frame["text"], frame["start"], frame["terms"], strict=True)
    ]
    return _as_dates(frame.drop(columns=["start"]))


def pair_top_terms(
    reader: StoreReader,
    a: str,
    b: str,
    *,
    start: date | None = None,
    end: date | None = None,
    limit: int = 15,
) -> pd.DataFrame:
    """The words each side of A–B uses most about the other that scored, escalating and
    de-escalating apart: ``src``, ``tgt``, ``side`` (``escalation`` for points added,
    ``de-escalation`` for points taken away), ``word`` (the words matched, lower case, not
    the lexicon's pattern), ``term`` (the lexicon entry), ``category``, ``uses``,
    ``points`` (their summed weight); at most ``limit`` words per side and direction, most
    used first. Each statement counts once (see :func:`pair_statements`)."""
    frame = _on_pair_rows(
        reader,
        a,
        b,
        lambda table: (
            f"""
        SELECT src, tgt, text, start, terms FROM {table}
        WHERE first AND terms IS NOT NULL AND terms <> '[]' AND {within("published")}
        """
        ),
        {"start": start, "end": end},
    )
    counted: dict[tuple[str, str, str], list[Any]] = {}
    for src, tgt, text, at, terms in frame.itertuples(index=False):
        for hit in aligned(str(text or ""), at, terms).terms:
            word = " ".join(hit["word"].lower().split()) or hit["term"].lower()
            side = "escalation" if hit["weight"] >= 0 else "de-escalation"
            entry = counted.setdefault(
                (str(src), side, word), [tgt, hit["term"], hit["category"], 0, 0.0]
            )
            entry[3] += 1
            entry[4] += hit["weight"]
    rows = [
        {
            "src": src,
            "tgt": e[0],
            "side": side,
            "word": word,
            "term": e[1],
            "category": e[2],
            "uses": e[3],
            "points": round(e[4], 2),
        }
        for (src, side, word), e in counted.items()
    ]
    columns = ["src", "tgt", "side", "word", "term", "category", "uses", "points"]
    out = pd.DataFrame(rows, columns=columns)
    if out.empty:
        return out
    out["mag"] = out["points"].abs()
    out = out.sort_values(
        ["src", "side", "uses", "mag", "word"], ascending=[True, False, False, False, True]
    )
    out = out.groupby(["src", "side"], sort=False).head(int(limit))
    return out.drop(columns=["mag"]).reset_index(drop=True)


PAIR_TABLES_KEPT = 8
"""How many pairs' statement tables a reader keeps (see :func:`pair_rows`)."""


def _on_pair_rows(
    reader: StoreReader, a: str, b: str, sql: Callable[[str], str], params: dict[str, object]
) -> pd.DataFrame:
    """Run ``sql(table)`` on the pair's table; once more if another session's query evicted
    the table in between (it is rebuilt)."""
    for attempt in range(2):
        try:
            return reader.df(sql(pair_rows(reader, a, b)), params)
        except duckdb.CatalogException:
            if attempt:
                raise
    raise AssertionError("unreachable")


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def pair_rows(reader: StoreReader, a: str, b: str) -> str:
    """Name of a table of every statement of A about B and of B about A (``src``, ``tgt``
    and the columns of :func:`statements`), built with one scan the first time the pair is
    asked for after a publish. The compare page's queries (any dates, order, limit) then
    read a few thousand rows instead of every statement. A reader keeps the
    :data:`PAIR_TABLES_KEPT` most recently used pairs.

    Also ``start`` (offset in the article, for :func:`tension.data.store.explain.aligned`),
    ``first`` (the statement's first telling: not a syndicated copy, not a repeat — see
    :func:`tension.data.store.sql.first_telling`) and ``tellings`` (how often it was
    told)."""
    key = hashlib.sha1(f"{a}\x00{b}".encode()).hexdigest()[:16]
    la, lb = _sql_text(a), _sql_text(b)
    return reader.derived(
        f"_pair_rows_{key}",
        f"""
        SELECT * EXCLUDE (counted, key), counted AND row_number() OVER (
                   PARTITION BY counted, key ORDER BY published NULLS LAST, article_id, idx
               ) = 1 AS first,
               count(*) OVER (PARTITION BY key) AS tellings
        FROM (
            SELECT speaker_country AS src,
                   CASE WHEN speaker_country = {la} THEN {lb} ELSE {la} END AS tgt,
                   article_id, idx, start, published, speaker, speaker_country,
                   array_to_string(target_countries, ', ') AS targets, intensity, kind, text,
                   terms, {COUNTED_ONCE} AS counted, ({REPEAT_KEY}) AS key
            FROM statements
            WHERE (speaker_country = {la} AND list_contains(target_countries, {lb}))
               OR (speaker_country = {lb} AND list_contains(target_countries, {la}))
        )
        """,
        group="pair_rows",
        keep=PAIR_TABLES_KEPT,
    )


# ---------------------------------------------------------------------------------------------
# Monitoring views: annotations, a country's partners

ANNOTATION_COLUMNS = (
    "id",
    "day",
    "scope",
    "src",
    "tgt",
    "directed",
    "note",
    "created_at",
    "updated_at",
)


def annotation_rows(
    reader: StoreReader,
    *,
    pair: tuple[str, str] | None = None,
    directed: bool = False,
    start: date | None = None,
    end: date | None = None,
) -> pd.DataFrame:
    """The analysts' annotations that belong on a view of ``pair`` (A–B both ways; A→B
    only when ``directed``; all when None) from ``start`` to ``end``, oldest first. Notes
    for every pair belong on every view. Columns: :data:`ANNOTATION_COLUMNS` (``scope`` is
    "all pairs", "AZE⇄IRN" or "AZE→IRN"). Read from the store's annotations file (see
    :mod:`tension.data.store.annotations`), not through DuckDB: it is a few kilobytes."""
    from tension.data.store import annotations as notes

    items = notes.within(
        notes.read(reader.root), pair=pair, directed=directed, start=start, end=end
    )
    rows = [{**x.to_json(), "day": x.day, "scope": x.scope} for x in items]
    return pd.DataFrame(rows, columns=list(ANNOTATION_COLUMNS))


def country_partners(
    reader: StoreReader,
    country: str,
    *,
    start: date | None = None,
    end: date | None = None,
) -> pd.DataFrame:
    """Everything ``country`` says and everything said about it, by partner, between
    ``start`` and ``end``: ``direction`` ("outgoing": ``country`` speaks about
    ``partner``; "incoming": ``partner`` speaks about ``country``), ``partner``, ``src``,
    ``tgt``, ``intensity`` (mean), ``sd``, ``peak``, ``n``; busiest first. The numbers are
    those of :func:`pair_matrix` (each distinct statement once)."""
    table = daily_directed(reader)
    return reader.df(
        f"""
        SELECT CASE WHEN src = $c THEN 'outgoing' ELSE 'incoming' END AS direction,
               CASE WHEN src = $c THEN tgt ELSE src END AS partner, src, tgt,
               sum(total) / sum(n) AS intensity, {_SD} AS sd, max(peak) AS peak,
               sum(n)::BIGINT AS n
        FROM {table}
        WHERE (src = $c OR tgt = $c) AND {within("day")}
        GROUP BY ALL
        ORDER BY direction DESC, n DESC, partner
        """,
        {"c": country, "start": start, "end": end},
    )
