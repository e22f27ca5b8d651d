"""The Parquet-batch store: atomic publishing, idempotence, readers that never block."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pyarrow as pa
import pytest

from tension.data.errors import StoreError
from tension.data.model import ARTICLE_SCHEMA, SCHEMA_VERSION, STATEMENT_SCHEMA
from tension.data.store import StoreReader, StoreWriter
from tension.data.store.queries import article_series, directed_series, pair_counts, summary


def _article(aid: str, day: date, pairs: list[str], intensity: float) -> dict[str, object]:
    return {
        "article_id": aid,
        "published": day,
        "text": f"text of {aid}",
        "pairs": pairs,
        "countries": [p for pair in pairs for p in pair.split("-")],
        "intensity": intensity,
    }


def _statement(
    aid: str, idx: int, day: date, src: str | None, tgt: list[str], x: float
) -> dict[str, object]:
    return {
        "article_id": aid,
        "idx": idx,
        "published": day,
        "speaker_country": src,
        "target_countries": tgt,
        "intensity": x,
        "kind": "quote",
        "text": "said something",
    }


def _tables(n: int, offset: int = 0) -> dict[str, pa.Table]:
    arts = [
        _article(f"a{i}", date(2024, 1, 1 + i % 28), ["AZE-IRN"], 10.0 * (i % 5))
        for i in range(offset, offset + n)
    ]
    sts = [
        _statement(
            f"a{i}",
            0,
            date(2024, 1, 1 + i % 28),
            "AZE" if i % 2 else "IRN",
            ["IRN" if i % 2 else "AZE"],
            50.0,
        )
        for i in range(offset, offset + n)
    ]
    return {
        "articles": pa.Table.from_pylist(arts, schema=ARTICLE_SCHEMA),
        "statements": pa.Table.from_pylist(sts, schema=STATEMENT_SCHEMA),
    }


def test_empty_store_reads_as_empty(tmp_path: Path) -> None:
    info = summary(StoreReader(tmp_path / "nothing-here"))
    assert (info.articles, info.statements, info.first_date) == (0, 0, None)
    assert pair_counts(StoreReader(tmp_path)).empty


def test_publish_is_visible_to_an_open_reader(tmp_path: Path) -> None:
    reader = StoreReader(tmp_path)
    assert summary(reader).articles == 0
    with StoreWriter(tmp_path) as w:
        w.publish(_tables(10))
    assert summary(reader).articles == 10
    with StoreWriter(tmp_path) as w:
        w.publish(_tables(5, offset=10))
    assert summary(reader).articles == 15
    assert summary(reader).statements == 15


def test_same_batch_twice_is_stored_once(tmp_path: Path) -> None:
    with StoreWriter(tmp_path) as w:
        first = w.publish(_tables(4))
        second = w.publish(_tables(4))
    assert first == second
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["batches"] == [first]
    assert manifest["schema_version"] == SCHEMA_VERSION
    assert summary(StoreReader(tmp_path)).articles == 4


def test_replacing_a_batch_swaps_it_in_one_step(tmp_path: Path) -> None:
    with StoreWriter(tmp_path) as w:
        old = w.publish(_tables(3))
        assert old
        new = w.publish(_tables(6), replaces=[old])
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["batches"] == [new]
    assert not (tmp_path / "batches" / old).exists()
    assert summary(StoreReader(tmp_path)).articles == 6


def test_leftovers_of_a_killed_writer_are_swept_and_ignored(tmp_path: Path) -> None:
    """Only staging folders carrying the writer's mark are swept; a folder without it and a
    batch folder the manifest does not list are left for tension check and repair."""
    with StoreWriter(tmp_path) as w:
        w.publish(_tables(2))
    marked = tmp_path / "staging" / "half-written"
    marked.mkdir()
    (marked / ".tension-staging").write_text("pid 1")
    (marked / "articles.parquet").write_bytes(b"PAR1 garbage")
    unmarked = tmp_path / "staging" / "someone-elses"
    unmarked.mkdir()
    orphan = tmp_path / "batches" / ("0" * 20)
    orphan.mkdir()
    (orphan / "articles.parquet").write_bytes(b"garbage")
    assert summary(StoreReader(tmp_path)).articles == 2  # readers only follow the manifest
    with StoreWriter(tmp_path):
        pass
    assert sorted(p.name for p in (tmp_path / "staging").iterdir()) == ["someone-elses"]
    assert orphan.exists()


def test_known_ids_come_from_published_batches(tmp_path: Path) -> None:
    with StoreWriter(tmp_path) as w:
        assert w.known_article_ids() == set()
        w.publish(_tables(3))
        assert w.known_article_ids() == {"a0", "a1", "a2"}


def test_series_split_directions_and_articles(tmp_path: Path) -> None:
    with StoreWriter(tmp_path) as w:
        w.publish(_tables(20))
    reader = StoreReader(tmp_path)
    both = [("AZE", "IRN"), ("IRN", "AZE")]
    directed = directed_series(reader, both, bucket="month").set_index("src")
    assert directed.loc["AZE", "n"] == 10 and directed.loc["IRN", "n"] == 10
    assert directed.loc["AZE", "tgt"] == "IRN"
    assert directed.loc["AZE", "intensity"] == pytest.approx(50.0)
    articles = article_series(reader, "IRN", "AZE", bucket="month")  # either order
    assert articles["n"].tolist() == [20]
    assert articles["intensity"].iloc[0] == pytest.approx(20.0)  # 0, 10, 20, 30, 40 each 4x
    assert directed["period"].astype(str).eq("2024-01-01").all()


def test_series_respect_dates_and_reject_a_bad_bucket(tmp_path: Path) -> None:
    with StoreWriter(tmp_path) as w:
        w.publish(_tables(20))
    reader = StoreReader(tmp_path)
    day = date(2024, 1, 5)
    both = [("AZE", "IRN"), ("IRN", "AZE")]
    one = directed_series(reader, both, start=day, end=day, bucket="day")
    assert one["n"].tolist() == [1]  # one statement and one article that day
    assert article_series(reader, "AZE", "IRN", start=day, end=day, bucket="day")["n"].tolist() == [
        1
    ]
    assert directed_series(reader, [("AZE", "TUR")]).empty
    assert article_series(reader, "AZE", "TUR").empty
    with pytest.raises(ValueError, match="bucket"):
        directed_series(reader, both, bucket="year")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="bucket"):
        article_series(reader, "AZE", "IRN", bucket="year")  # type: ignore[arg-type]


def test_foreign_or_newer_manifest_is_refused(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text('{"schema_version": 999, "batches": []}')
    with pytest.raises(StoreError, match="newer version"):
        StoreReader(tmp_path)
    (tmp_path / "manifest.json").write_text("not json")
    with pytest.raises(StoreError, match="not a Tension Dashboard manifest"):
        StoreWriter(tmp_path)


def test_store_path_that_is_a_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x")
    with pytest.raises(StoreError, match="is a file"):
        StoreWriter(target)


def test_publish_outside_context_manager_fails(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError):
        StoreWriter(tmp_path).publish(_tables(1))


def test_manifest_is_replaced_not_rewritten_in_place(tmp_path: Path) -> None:
    with StoreWriter(tmp_path) as w:
        w.publish(_tables(1))
        inode = os.stat(tmp_path / "manifest.json").st_ino
        w.publish(_tables(1, offset=5))
    assert os.stat(tmp_path / "manifest.json").st_ino != inode
