"""Export of statements, articles and per-pair series, filtered by pair and dates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from tension.data.ingest import Document, ingest_documents
from tension.data.store import StoreReader
from tension.data.store.export import ExportError, export, parse_pair
from tension.data.store.queries import directed_series, pair_counts, pair_matrix
from tests.helpers import article_text, wire_story


@pytest.fixture
def store(tmp_path: Path) -> Path:
    root = tmp_path / "store"
    docs = [
        Document(text=article_text(i), source=f"s{i}", published=date(2024, 1, 1 + i))
        for i in range(10)
    ]
    docs += [
        Document(text=wire_story(o, e), source=o, outlet=o, published=date(2024, 2, 1))
        for e, o in enumerate(["A", "B", "C"])
    ]
    ingest_documents(root, docs)
    return root


def test_csv_and_parquet_hold_the_same_rows(store: Path, tmp_path: Path) -> None:
    reader = StoreReader(store)
    csv = export(reader, tmp_path / "csv")
    pq = export(reader, tmp_path / "pq", fmt="parquet")
    for name in ("statements", "articles", "series"):
        assert csv[name][1] == pq[name][1] > 0
        assert len(pd.read_csv(csv[name][0])) == len(pd.read_parquet(pq[name][0]))
    arts = pd.read_csv(csv["articles"][0])
    assert "minhash" not in arts.columns and "canonical_id" in arts.columns
    assert arts["pairs"].dropna().str.contains("-").all()  # lists joined with ';'


def test_pair_and_date_filters(store: Path, tmp_path: Path) -> None:
    reader = StoreReader(store)
    both = export(reader, tmp_path / "b", pair="AZE-IRN", what=("statements", "series"))
    sts = pd.read_csv(both["statements"][0])
    assert set(sts["speaker_country"]) <= {"AZE", "IRN"}
    series = pd.read_csv(both["series"][0])
    assert set(series["pair"]) <= {"AZE>IRN", "IRN>AZE"} and len(series)
    arts = export(reader, tmp_path / "a", fmt="parquet", pair="IRN-AZE", what=("articles",))
    pairs = pd.read_parquet(arts["articles"][0])["pairs"]
    assert len(pairs) and all("AZE-IRN" in list(p) for p in pairs)
    one = export(reader, tmp_path / "o", pair="AZE>IRN", what=("series",))
    assert set(pd.read_csv(one["series"][0])["pair"]) == {"AZE>IRN"}
    jan = export(reader, tmp_path / "j", start=date(2024, 1, 3), end=date(2024, 1, 5))
    days = pd.read_csv(jan["articles"][0])["published"]
    assert sorted(days) == ["2024-01-03", "2024-01-04", "2024-01-05"]


def test_series_count_a_syndicated_story_once(store: Path, tmp_path: Path) -> None:
    reader = StoreReader(store)
    out = export(reader, tmp_path / "s", pair="AZE-IRN", start=date(2024, 2, 1), what=("series",))
    series = pd.read_csv(out["series"][0])
    story = reader.scalar(
        "SELECT count(*) FROM statements s, unnest(s.target_countries) t(x) "
        "WHERE s.published = DATE '2024-02-01' AND s.article_id = s.canonical_id "
        "AND s.speaker_country IN ('AZE', 'IRN') AND t.x IN ('AZE', 'IRN')"
    )
    assert series["statements"].sum() == story > 0


def test_exported_series_are_the_dashboard_series(store: Path, tmp_path: Path) -> None:
    reader = StoreReader(store)
    out = export(reader, tmp_path / "s", fmt="parquet", what=("series",))
    exported = pd.read_parquet(out["series"][0])
    shown = directed_series(reader, [], bucket="day")
    assert len(exported) == len(shown) > 0
    mine = exported.set_index(["source", "target", exported["day"].astype(str)]).sort_index()
    theirs = shown.set_index(["src", "tgt", shown["period"].astype(str)]).sort_index()
    assert mine["statements"].tolist() == theirs["n"].tolist()
    assert mine["mean_intensity"].tolist() == theirs["intensity"].tolist()
    assert mine["max_intensity"].tolist() == theirs["peak"].tolist()
    matrix = pair_matrix(reader).set_index(["src", "tgt"])
    per_pair = exported.groupby(["source", "target"])["statements"].sum()
    assert per_pair.to_dict() == matrix["n"].to_dict()
    # the overview's and pickers' counts (both directions of each pair)
    assert int(exported["statements"].sum()) == int(pair_counts(reader)["statements"].sum())


def test_bad_options_are_named() -> None:
    with pytest.raises(ExportError, match="expected two ISO alpha-3 codes"):
        parse_pair("Azerbaijan-Iran")
    assert parse_pair("aze>irn") is not None
