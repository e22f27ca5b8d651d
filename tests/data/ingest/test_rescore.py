"""Rescoring after a lexicon change: in place, versioned, nothing fetched, readers unharmed."""

from __future__ import annotations

import json
import threading
from datetime import date
from pathlib import Path

import pytest

from tension import scoring
from tension.data.ingest import Document, Rejected, ingest_documents
from tension.data.ingest.rescore import rescore_store
from tension.data.scorers import ScorerSpec, scorer_spec
from tension.data.store import StoreReader
from tests.helpers import QUILL_TEXT, article_text, write_quill_officials

USER_LEXICON = """
[terms.threat]
"provocation*" = 40
"""


SPEC = ScorerSpec(USER_LEXICON, "my.toml")


def test_rescore_replaces_scores_in_place_with_the_new_versions(tmp_path: Path) -> None:
    docs: list[Document | Rejected] = [
        Document(text=article_text(i), source=f"s{i}", published=date(2024, 1, i + 1))
        for i in range(7)
    ]
    docs.append(Rejected("bad.txt", "empty file"))
    ingest_documents(tmp_path, docs, batch_size=3)
    reader = StoreReader(tmp_path)
    before = reader.df("SELECT article_id, intensity, lexicon_version FROM articles")
    n_statements = reader.scalar("SELECT count(*) FROM statements")
    old_batches = json.loads((tmp_path / "manifest.json").read_text())["batches"]

    errors: list[BaseException] = []
    stop = threading.Event()

    def read_loop() -> None:
        r = StoreReader(tmp_path)
        while not stop.is_set():
            try:
                assert r.scalar("SELECT count(*) FROM articles") == 7
            except BaseException as exc:
                errors.append(exc)
                return

    t = threading.Thread(target=read_loop)
    t.start()
    try:
        report = rescore_store(tmp_path, spec=SPEC)
    finally:
        stop.set()
        t.join()
    assert not errors, errors
    assert report.articles == 7 and report.batches == len(old_batches)
    after = reader.df("SELECT article_id, intensity, lexicon_version, scorer_version FROM articles")
    assert sorted(after["article_id"]) == sorted(before["article_id"])
    new_version = SPEC.build().lexicon_version
    assert set(after["lexicon_version"]) == {new_version} != set(before["lexicon_version"])
    assert set(after["scorer_version"]) == {str(scoring.SCORER_VERSION)}
    sts = reader.df("SELECT DISTINCT lexicon_version FROM statements")
    assert list(sts["lexicon_version"]) == [new_version]
    assert reader.scalar("SELECT count(*) FROM statements") == n_statements
    assert reader.scalar("SELECT count(*) FROM quarantine") == 1
    new_batches = json.loads((tmp_path / "manifest.json").read_text())["batches"]
    assert not set(new_batches) & set(old_batches)
    left = sorted(p.name for p in (tmp_path / "batches").iterdir())
    assert left == sorted([*new_batches, *(f"{b}.json" for b in new_batches)])  # and records
    assert after["intensity"].sum() > before["intensity"].sum()  # provocation now weighs more

    again = rescore_store(tmp_path, spec=SPEC)
    assert (again.batches, again.skipped) == (0, len(new_batches))
    back = rescore_store(tmp_path)  # the bundled lexicon again
    assert back.batches == len(new_batches)
    restored = reader.df("SELECT article_id, intensity FROM articles ORDER BY article_id")
    expected = before.sort_values("article_id")
    assert list(restored["intensity"].round(6)) == list(expected["intensity"].round(6))


def test_rescore_with_user_officials_changes_attribution_and_skips_what_is_current(
    tmp_path: Path,
) -> None:
    docs = [
        Document(text=article_text(i), source=f"s{i}", published=date(2024, 1, 9)) for i in range(4)
    ]
    docs.append(Document(text=QUILL_TEXT, source="quill", published=date(2024, 1, 9)))
    ingest_documents(tmp_path, docs, batch_size=2)
    reader = StoreReader(tmp_path)
    quill = "SELECT DISTINCT speaker_country FROM statements WHERE speaker LIKE '%Quill%'"
    assert reader.df(quill)["speaker_country"].isna().all()
    batches = len(json.loads((tmp_path / "manifest.json").read_text())["batches"])

    spec = scorer_spec(officials=write_quill_officials(tmp_path.parent))
    report = rescore_store(tmp_path, spec=spec)
    assert report.batches == batches  # same lexicon and scorer: the officials alone count
    assert list(reader.df(quill)["speaker_country"]) == ["NOR"]
    versions = reader.df("SELECT DISTINCT officials_version AS v FROM articles")
    assert list(versions["v"]) == [spec.build().officials_version]
    pairs = reader.df("SELECT DISTINCT pairs FROM articles WHERE source = 'quill'")
    assert list(pairs["pairs"][0]) == ["IRN-NOR"]

    assert rescore_store(tmp_path, spec=spec).batches == 0  # up to date
    assert rescore_store(tmp_path).batches == batches  # the bundled officials again
    assert reader.df(quill)["speaker_country"].isna().all()
    assert reader.df("SELECT DISTINCT officials_version AS v FROM articles")["v"].isna().all()


def test_rescore_brings_a_store_of_an_older_scorer_version_up_to_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store written by scorer 1.2.0 (the clip at 100, no CAMEO vocabulary, no language
    column) is rescored to the current version by ``tension rescore``'s path."""
    import pyarrow as pa

    from tension.data import model
    from tension.data.ingest import rows

    old_articles = pa.schema([f for f in model.ARTICLE_SCHEMA if f.name != "language"])
    monkeypatch.setattr(rows, "SCORER_VERSION", "1.2.0")
    monkeypatch.setattr(rows, "ARTICLE_SCHEMA", old_articles)
    monkeypatch.setitem(model.TABLES, "articles", old_articles)
    docs: list[Document | Rejected] = [
        Document(text=article_text(i), source=f"s{i}", published=date(2024, 1, i + 1))
        for i in range(4)
    ]
    ingest_documents(tmp_path, docs, batch_size=2)
    monkeypatch.undo()
    reader = StoreReader(tmp_path)
    before = reader.df("SELECT scorer_version, language FROM articles")
    assert set(before["scorer_version"]) == {"1.2.0"}
    assert before["language"].isna().all()  # the column an old store lacks reads as null

    report = rescore_store(tmp_path)
    assert report.articles == 4 and report.batches == 2
    after = reader.df("SELECT scorer_version, intensity FROM articles")
    assert set(after["scorer_version"]) == {str(scoring.SCORER_VERSION)} != {"1.2.0"}
    sts = reader.df("SELECT DISTINCT scorer_version FROM statements")
    assert list(sts["scorer_version"]) == [str(scoring.SCORER_VERSION)]
    assert (after["intensity"] < 100).all()
    assert rescore_store(tmp_path).batches == 0  # now current: nothing to do


def test_a_text_not_in_english_is_stored_unscored_and_kept_out_of_series(tmp_path: Path) -> None:
    french = (
        "Le ministère des Affaires étrangères a convoqué l'ambassadeur et a exigé des "
        "explications après les frappes de drones contre l'aéroport de la capitale. Il a "
        "dénoncé une violation grave de la souveraineté du pays et promis une réponse."
    )
    docs: list[Document | Rejected] = [
        Document(text=article_text(1), source="en.txt", published=date(2024, 1, 2)),
        Document(text=french, source="fr.txt", published=date(2024, 1, 3)),
    ]
    report = ingest_documents(tmp_path, docs)
    assert any("not scored (language fr)" in str(n) for n in report.notes), report.notes
    reader = StoreReader(tmp_path)
    rows = reader.df("SELECT source, language, intensity FROM articles ORDER BY source")
    assert list(rows["source"]) == ["en.txt", "fr.txt"]
    assert rows["language"].iloc[0] is None or rows["language"].isna().iloc[0]
    assert rows["language"].iloc[1] == "fr" and rows["intensity"].isna().iloc[1]
    assert reader.scalar("SELECT count(*) FROM statements s JOIN articles a USING (article_id) "
                         "WHERE a.source = 'fr.txt'") == 0  # fmt: skip
    from tension.data.store import queries as q

    unscored = q.unscored(reader)
    assert list(unscored["reason"]) == ["not scored (language fr)"]
    # a rescore judges it again and leaves it unscored
    rescore_store(tmp_path, spec=SPEC)
    again = reader.df("SELECT language, intensity FROM articles WHERE source = 'fr.txt'")
    assert again["language"].iloc[0] == "fr" and again["intensity"].isna().iloc[0]
