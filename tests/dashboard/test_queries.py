"""The store queries the pages use, on a small synthetic store."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pyarrow as pa

from tension.data.model import ARTICLE_SCHEMA, STATEMENT_SCHEMA
from tension.data.store import StoreReader, StoreWriter
from tension.data.store import queries as q
from tension.data.store.sql import REPEAT_MIN_CHARS


def test_matrix_and_series_agree_with_the_raw_statements(synthetic_store: Path) -> None:
    reader = StoreReader(synthetic_store)
    raw = reader.df(
        """
        SELECT speaker_country AS src, unnest(target_countries) AS tgt, published, intensity
        FROM statements
        """
    )
    matrix = q.pair_matrix(reader).set_index(["src", "tgt"])
    expected = raw.groupby(["src", "tgt"])["intensity"].agg(["mean", "count"])
    pd.testing.assert_series_equal(
        matrix["intensity"].sort_index(), expected["mean"].sort_index(), check_names=False
    )
    src, tgt = expected["count"].idxmax()
    series = q.directed_series(reader, [(src, tgt)], bucket="month")
    assert series["n"].sum() == expected.loc[(src, tgt), "count"]
    total = (series["intensity"] * series["n"]).sum() / series["n"].sum()
    assert abs(total - expected.loc[(src, tgt), "mean"]) < 1e-9


def test_statement_count_matches_a_count_in_python(synthetic_store: Path) -> None:
    reader = StoreReader(synthetic_store)
    raw = reader.df("SELECT speaker_country, target_countries, published FROM statements")
    rows = [
        (src, list(tgt), None if pd.isna(day) else pd.Timestamp(day).date())
        for src, tgt, day in raw.itertuples(index=False)
    ]
    pair = q.pair_counts(reader).iloc[0]
    a, b = str(pair["a"]), str(pair["b"])
    start, end = date(2015, 6, 1), date(2016, 6, 1)

    def says(src: str, tgt: str) -> list[tuple[str, list[str], date | None]]:
        return [r for r in rows if r[0] == src and tgt in r[1]]

    def dated(found: list[tuple[str, list[str], date | None]], last: date | None) -> int:
        return sum(1 for r in found if r[2] and r[2] >= start and (last is None or r[2] <= last))

    cases = [
        (q.StatementFilter(src=a, tgt=b, start=start, end=end), dated(says(a, b), end)),
        (q.StatementFilter(pair=(a, b), start=start), dated(says(a, b) + says(b, a), None)),
        (q.StatementFilter(country=b), len([r for r in rows if r[0] and (b == r[0] or b in r[1])])),
        (q.StatementFilter(src="XXX"), 0),
    ]
    for where, expected in cases:
        assert q.statement_count(reader, where) == expected, where
    assert cases[0][1] > 0 and cases[1][1] > cases[0][1]


def test_pair_changes_compare_equal_windows(synthetic_store: Path) -> None:
    reader = StoreReader(synthetic_store)
    changes = q.pair_changes(reader, date(2016, 1, 1), date(2016, 6, 30), min_n=1)
    assert not changes.empty
    assert (changes["change"] == changes["intensity"] - changes["before"]).all()
    assert changes["change"].is_monotonic_decreasing


def test_pair_statements_and_terms_cover_both_sides(synthetic_store: Path) -> None:
    reader = StoreReader(synthetic_store)
    pair = q.pair_counts(reader).iloc[0]
    a, b = pair["a"], pair["b"]
    rows = q.pair_statements(reader, a, b, limit=5, order="intensity")
    assert set(rows["src"]) == {a, b} and len(rows) == 10
    one = q.statements(reader, q.StatementFilter(src=a, tgt=b), limit=5, order="intensity")
    assert rows[rows["src"] == a]["intensity"].tolist() == one["intensity"].tolist()
    terms = q.pair_top_terms(reader, a, b, limit=3)
    said = q.statements(reader, q.StatementFilter(src=a, tgt=b), limit=100_000)
    counted: dict[tuple[str, str], list[float]] = {}
    for text, hits in zip(said["text"], said["terms"], strict=True):
        for hit in json.loads(hits):
            side = "escalation" if hit["weight"] >= 0 else "de-escalation"
            word = text[hit["start"] : hit["end"]].lower()  # the words, not the pattern
            uses = counted.setdefault((side, word), [0, 0.0])
            uses[0] += 1
            uses[1] += hit["weight"]
    mine = terms[terms["src"] == a]
    assert set(mine["tgt"]) == {b} and set(mine["side"]) == {"escalation", "de-escalation"}
    for side, part in mine.groupby("side"):
        words = [w for s, w in counted if s == side]
        top = sorted(words, key=lambda w: (-counted[side, w][0], -abs(counted[side, w][1]), w))
        assert part["word"].tolist() == top[:3], side
        assert part["uses"].tolist() == [counted[side, w][0] for w in top[:3]]


def test_text_search_is_literal(synthetic_store: Path) -> None:
    reader = StoreReader(synthetic_store)
    assert q.statement_count(reader, q.StatementFilter(text="%")) == 0
    assert q.statement_count(reader, q.StatementFilter(text="<script>")) == 1
    found = q.statements(reader, q.StatementFilter(text="SANCTIONS", min_intensity=20.0))
    assert found["text"].str.contains("sanctions").all() and (found["intensity"] >= 20).all()


def test_statement_detail_and_missing(synthetic_store: Path) -> None:
    reader = StoreReader(synthetic_store)
    detail = q.statement(reader, "evil1", 0)
    assert detail is not None and detail["title"] == "<b>Hostile</b> title"
    assert q.statement(reader, "nope", 0) is None
    assert q.quarantine(reader)["source"].tolist() == ["<img src=x onerror=alert(2)>.pdf"]


def test_syndicated_copies_count_once(tmp_path: Path) -> None:
    day = date(2024, 5, 1)
    articles = [
        {
            "article_id": aid,
            "published": day,
            "pairs": ["AZE-IRN"],
            "intensity": 10.0,
            "canonical_id": "first",
        }
        for aid in ("first", "copy")
    ]
    statements = [
        {
            "article_id": aid,
            "idx": 0,
            "published": day,
            "speaker_country": "AZE",
            "target_countries": ["IRN"],
            "intensity": 40.0,
            "text": "x",
            "canonical_id": "first",  # copied from the article (schema 2)
        }
        for aid in ("first", "copy")
    ]
    with StoreWriter(tmp_path) as writer:
        writer.publish(
            {
                "articles": pa.Table.from_pylist(articles, schema=ARTICLE_SCHEMA),
                "statements": pa.Table.from_pylist(statements, schema=STATEMENT_SCHEMA),
            }
        )
    reader = StoreReader(tmp_path)
    assert q.pair_matrix(reader)["n"].tolist() == [1]
    assert q.article_series(reader, "AZE", "IRN")["n"].tolist() == [1]
    assert len(q.statements(reader)) == 2  # lists still show every copy


def test_pair_tables_are_bounded_and_follow_new_batches(tmp_path: Path) -> None:
    from bench.dashboard_bench import generate_store
    from tension.data.store import StoreWriter
    from tests.helpers import evil_batch

    root = generate_store(tmp_path / "store", 3000, n_pairs=24, years=1, batches=1)
    reader = StoreReader(root)
    pairs = q.pair_counts(reader)
    assert len(pairs) > q.PAIR_TABLES_KEPT
    for a, b in zip(pairs["a"], pairs["b"], strict=True):
        rows = q.pair_statements(reader, a, b, limit=1000, order="recent")
        scanned = q.statement_count(reader, q.StatementFilter(pair=(a, b)))
        assert len(rows) == scanned > 0
        assert (rows.groupby("src")["total"].first().sum()) == scanned
    kept = reader.df(
        "SELECT count(*) AS n FROM duckdb_tables() WHERE starts_with(table_name, '_pair_rows_')"
    )
    assert int(kept["n"].iloc[0]) == q.PAIR_TABLES_KEPT
    # a quoted code cannot break out of the table's SQL
    assert q.pair_statements(reader, "A'B", "x') OR 1=1 --").empty
    # a new batch is seen by the next question about a pair already materialised
    a, b = "ARM", "AZE"
    before = q.statement_count(reader, q.StatementFilter(pair=(a, b)))
    q.pair_statements(reader, a, b)
    with StoreWriter(root) as writer:
        writer.publish(evil_batch())
    rows = q.pair_statements(reader, a, b, limit=1000)
    assert len(rows) == before + 1 and "evil1" in set(rows["article_id"])
    reader.close()


def _publish(root: Path, statements: list[dict[str, object]]) -> StoreReader:
    articles = [
        {"article_id": aid, "published": day, "pairs": ["AZE-IRN"], "intensity": 1.0}
        for aid, day in {(st["article_id"], st["published"]) for st in statements}
    ]
    with StoreWriter(root) as writer:
        writer.publish(
            {
                "articles": pa.Table.from_pylist(articles, schema=ARTICLE_SCHEMA),
                "statements": pa.Table.from_pylist(statements, schema=STATEMENT_SCHEMA),
            }
        )
    return StoreReader(root)


def test_a_repeated_statement_counts_once(tmp_path: Path) -> None:
    background = "Azerbaijan has long accused Iran of backing separatists."
    rows: list[dict[str, object]] = []
    for i, (text, src) in enumerate(
        [
            (background, "AZE"),
            ("  azerbaijan has LONG accused Iran of backing separatists ", "AZE"),  # recycled
            (background, "AZE"),
            (background, "IRN"),  # another speaker: another statement
            ("Azerbaijan warned Iran today.", "AZE"),
        ]
    ):
        rows.append(
            {
                "article_id": f"a{i}",
                "idx": 0,
                "published": date(2024, 5, 1 + i),
                "speaker_country": src,
                "target_countries": ["IRN"] if src == "AZE" else ["AZE"],
                "intensity": 10.0 * (i + 1),
                "text": text,
                "terms": "[]",
            }
        )
    reader = _publish(tmp_path, rows)
    matrix = q.pair_matrix(reader).set_index(["src", "tgt"])
    assert matrix.loc[("AZE", "IRN"), "n"] == 2  # the first telling and the new statement
    assert matrix.loc[("AZE", "IRN"), "intensity"] == (10.0 + 50.0) / 2
    assert matrix.loc[("IRN", "AZE"), "n"] == 1
    listed = q.pair_statements(reader, "AZE", "IRN", limit=10)
    aze = listed[listed["src"] == "AZE"]
    assert sorted(aze["article_id"]) == ["a0", "a4"] and aze["total"].iloc[0] == 2
    assert aze.set_index("article_id").loc["a0", "tellings"] == 3
    assert q.statement_count(reader, q.StatementFilter(src="AZE")) == 4  # lists show all


def test_a_short_formula_said_again_is_a_new_statement(tmp_path: Path) -> None:
    rows: list[dict[str, object]] = [
        {
            "article_id": f"a{i}",
            "idx": 0,
            "published": date(2024, 5, 1 + i),
            "speaker_country": "AZE",
            "target_countries": ["IRN"],
            "intensity": 30.0,
            "text": "We will respond.",  # shorter than REPEAT_MIN_CHARS
        }
        for i in range(3)
    ]
    assert len("we will respond") < REPEAT_MIN_CHARS
    assert q.pair_matrix(_publish(tmp_path, rows))["n"].tolist() == [3]


def test_statements_without_a_speaker_country_can_be_included(tmp_path: Path) -> None:
    rows = [
        {
            "article_id": f"a{i}",
            "idx": 0,
            "published": date(2024, 5, 1),
            "speaker_country": src,
            "target_countries": ["IRN"],
            "intensity": 10.0,
            "text": f"statement {i}",
        }
        for i, src in enumerate(["AZE", None, None])
    ]
    reader = _publish(tmp_path, rows)
    assert q.statement_count(reader, q.StatementFilter()) == 1
    assert q.statement_count(reader, q.StatementFilter(attributed=False)) == 3
    assert q.summary(reader).statements == 3
    assert len(q.statements(reader, q.StatementFilter(attributed=False, tgt="IRN"))) == 3
