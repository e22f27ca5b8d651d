"""Idempotent re-ingest in any order, URL normalisation, syndicated copies counted once."""

from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq

from tension.data.ingest import Document, Rejected, ingest_documents, normalise_url
from tension.data.ingest.dedupe import signature, similarity
from tension.data.store import StoreReader, StoreWriter
from tension.data.store.export import ExportFilter, series_frame
from tension.data.store.queries import pair_counts, summary
from tension.data.store.sql import COUNTED_ONCE
from tests.helpers import article_text, wire_story


def _items() -> list[Document | Rejected]:
    docs: list[Document | Rejected] = [
        Document(text=article_text(i), source=f"s{i}", published=date(2024, 1, 1 + i))
        for i in range(8)
    ]
    docs.append(Rejected("bad.txt", "empty file"))
    return docs


def _state(store: Path) -> tuple[list[str], list[tuple[object, ...]], int]:
    reader = StoreReader(store)
    arts = reader.df("SELECT article_id, canonical_id, intensity FROM articles ORDER BY article_id")
    sts = reader.scalar("SELECT count(*) FROM statements")
    q = reader.df("SELECT source, reason FROM quarantine ORDER BY source")
    return (
        list(arts["article_id"]),
        [tuple(r) for r in arts.itertuples(index=False)] + [tuple(r) for r in q.itertuples()],
        int(sts),
    )


def test_ingesting_twice_in_any_order_leaves_the_store_identical(tmp_path: Path) -> None:
    items = _items()
    a = tmp_path / "a"
    first = ingest_documents(a, items, batch_size=3)
    manifest = (a / "manifest.json").read_text()
    before = _state(a)
    shuffled = items[:]
    random.Random(7).shuffle(shuffled)
    again = ingest_documents(a, shuffled, batch_size=2)
    assert (first.new, again.new, again.duplicate) == (8, 0, 8)
    assert _state(a) == before
    assert (
        json.loads((a / "manifest.json").read_text())["batches"] == json.loads(manifest)["batches"]
    )
    b = tmp_path / "b"  # the other order into a fresh store: the same content
    ingest_documents(b, shuffled, batch_size=5)
    assert _state(b) == before


def test_same_text_with_other_spacing_or_quotes_is_a_duplicate(tmp_path: Path) -> None:
    text = article_text(2)
    variant = "  " + text.replace(" ", "  \n").replace('"', "\u201c") + "\n"
    report = ingest_documents(
        tmp_path, [Document(text=text, source="x"), Document(text=variant, source="y")]
    )
    assert (report.new, report.duplicate) == (1, 1)


def test_urls_are_normalised() -> None:
    url = "HTTPS://News.Example.org/a/story?utm_source=x&b=2&a=1&fbclid=z#comments"
    assert normalise_url(url) == "https://news.example.org/a/story?a=1&b=2"


def test_syndicated_copies_are_one_story_with_their_outlets(tmp_path: Path) -> None:
    outlets = ["Wire A", "Daily B", "Herald C", "Times D"]
    docs = [
        Document(text=wire_story(o, edit=i), source=o, outlet=o, published=date(2024, 2, 1))
        for i, o in enumerate(outlets)
    ]
    other = Document(text=article_text(4), source="other", published=date(2024, 2, 1))
    sigs = [signature(d.text) for d in docs]
    assert all(s is not None for s in sigs)
    assert similarity(sigs[0], sigs[1]) > 0.5  # type: ignore[arg-type]
    report = ingest_documents(tmp_path, [*docs, other])
    assert (report.new, report.syndicated) == (5, 3)
    reader = StoreReader(tmp_path)
    arts = reader.df("SELECT article_id, canonical_id, outlet FROM articles")
    stories = arts.groupby("canonical_id")["article_id"].nunique()
    assert sorted(stories) == [1, 4]  # the other article stands alone
    story = stories.idxmax()
    assert sorted(arts[arts["canonical_id"] == story]["outlet"]) == sorted(outlets)
    # statements carry the story's id, and the series count the story once
    per_story = reader.df(
        "SELECT count(DISTINCT canonical_id) AS n FROM statements "
        "WHERE canonical_id = article_id AND speaker_country = 'AZE'"
    )
    series = series_frame(reader, ExportFilter())
    aze = series[(series["source"] == "AZE") & (series["target"] == "IRN")]
    one_copy = reader.scalar(
        "SELECT count(*) FROM statements s, unnest(s.target_countries) t(target) "
        "WHERE s.article_id = s.canonical_id AND s.speaker_country = 'AZE' AND t.target = 'IRN'"
    )
    all_copies = reader.scalar(
        "SELECT count(*) FROM statements s, unnest(s.target_countries) t(target) "
        "WHERE s.speaker_country = 'AZE' AND t.target = 'IRN'"
    )
    assert int(per_story["n"][0]) <= 1
    assert one_copy >= 1 and all_copies >= 3 * one_copy
    assert int(aze["statements"].sum()) == one_copy


def test_a_later_copy_finds_its_story_in_the_store(tmp_path: Path) -> None:
    ingest_documents(tmp_path, [Document(text=wire_story("Wire A"), source="a")])
    report = ingest_documents(tmp_path, [Document(text=wire_story("Daily B", 3), source="b")])
    assert report.syndicated == 1
    ids = StoreReader(tmp_path).df("SELECT DISTINCT canonical_id FROM articles")
    assert len(ids) == 1


def test_batches_of_schema_1_are_read_beside_new_ones(tmp_path: Path) -> None:
    """An old batch (no canonical_id, minhash...) is read beside new ones, the columns it
    lacks as null, and is left out of near-duplicate detection (it has no signatures)."""
    from tension.data.model import ARTICLE_SCHEMA

    ingest_documents(tmp_path, [Document(text=wire_story("Old"), source="old")])
    (bid,) = json.loads((tmp_path / "manifest.json").read_text())["batches"]
    path = tmp_path / "batches" / bid / "articles.parquet"
    old = pq.read_table(path).drop_columns(
        ["canonical_id", "minhash", "speaker", "speaker_country"]
    )
    pq.write_table(old.replace_schema_metadata({b"tension_schema_version": b"1"}), path)
    said = path.with_name("statements.parquet")
    old_said = pq.read_table(said).drop_columns(["canonical_id"])
    pq.write_table(old_said.replace_schema_metadata({b"tension_schema_version": b"1"}), said)
    (path.parent.parent / f"{bid}.json").unlink()  # batches of schema 1 had no record
    alone = StoreReader(tmp_path)  # only the old batch: its missing columns read as null
    frame = alone.df("SELECT * FROM articles")
    assert list(frame.columns) == ARTICLE_SCHEMA.names
    assert frame[["canonical_id", "minhash", "officials_version"]].isna().all().all()
    assert summary(alone).articles == 1 and pair_counts(alone).empty  # undated: no series
    report = ingest_documents(tmp_path, [Document(text=article_text(1), source="new")])
    assert report.new == 1
    reader = StoreReader(tmp_path)
    frame = reader.df("SELECT * FROM articles ORDER BY source")
    assert list(frame.columns) == ARTICLE_SCHEMA.names
    assert list(frame["source"]) == ["new", "old"]
    assert frame["canonical_id"].isna().tolist() == [False, True]
    assert frame["minhash"].isna().tolist() == [False, True]
    with StoreWriter(tmp_path) as w:
        assert len(w.signatures()) == 1
    # the series count the old article (null canonical_id counts as its own story)
    assert reader.scalar("SELECT count(*) FROM articles WHERE " + COUNTED_ONCE) == 2
