"""Rescoring after a lexicon change: in place, versioned, nothing fetched, readers unharmed."""

from __future__ import annotations

import json
import threading
from datetime import date
from pathlib import Path

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
