"""Ingest and rescore on a process pool and on a two-worker Dask ``LocalCluster`` store exactly
what the in-process run stores: same batches, same articles, same statements, same scores
(ingest timestamps aside), with a user lexicon and a user officials file that have to reach
the workers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import distributed
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tension.data.executor import DaskExecutor, Executor, LocalExecutor
from tension.data.ingest import Document, Rejected, ingest_documents
from tension.data.ingest.rescore import rescore_store
from tension.data.scorers import ScorerSpec, scorer_spec
from tension.data.store.layout import BATCHES
from tests.helpers import QUILL_TEXT, demo_documents, write_quill_officials

BATCH = 9  # documents per published batch: several batches, the last one short
# A user lexicon that changes scores visibly: workers that ignored it would store other numbers.
USER_LEXICON = """
[terms.threat]
"talks" = 35
"minister*" = 20
"""
TIMESTAMPS = {"articles": "ingested_at", "quarantine": "seen_at"}


def _inputs() -> list[Document | Rejected]:
    docs: list[Document | Rejected] = list(demo_documents(30))
    first = docs[0]
    assert isinstance(first, Document)
    docs.insert(5, first)  # an exact duplicate: not scored again
    # a syndicated copy (a new byline on the same story): stored with the story's id
    docs.insert(12, Document(text="By a staff reporter. " + first.text, source="copy"))
    docs.insert(20, Rejected("broken.html", "no text"))
    docs.append(Document(text=first.text, source="again", published=None))  # duplicate, last
    docs.insert(25, Document(text=QUILL_TEXT, source="quill"))  # attributed by user officials
    return docs


def _stored(store: Path) -> dict[str, pa.Table]:
    """Every live batch's tables, in publication order, without ingest timestamps."""
    manifest = json.loads((store / "manifest.json").read_text(encoding="utf-8"))
    out: dict[str, list[pa.Table]] = {"articles": [], "statements": [], "quarantine": []}
    for bid in manifest["batches"]:
        for name, parts in out.items():
            path = store / BATCHES / bid / f"{name}.parquet"
            if path.exists():
                table = pq.read_table(path)
                if name in TIMESTAMPS:
                    table = table.drop_columns([TIMESTAMPS[name]])
                parts.append(table)
    return {name: pa.concat_tables(parts) for name, parts in out.items() if parts}


@pytest.fixture(scope="module")
def user_spec(tmp_path_factory: pytest.TempPathFactory) -> ScorerSpec:
    folder = tmp_path_factory.mktemp("settings")
    lexicon = folder / "my-lexicon.toml"
    lexicon.write_text(USER_LEXICON, encoding="utf-8")
    return scorer_spec(lexicon, write_quill_officials(folder))


def _run(store: Path, spec: ScorerSpec, executor: Executor | None) -> dict[str, Any]:
    report = ingest_documents(store, _inputs(), spec=spec, batch_size=BATCH, executor=executor)
    assert report.new == 32 and report.duplicate == 2 and report.syndicated >= 1
    assert len(report.quarantined) == 1
    return {"report": report, "tables": _stored(store)}


@pytest.fixture(scope="module")
def serial(tmp_path_factory: pytest.TempPathFactory, user_spec: ScorerSpec) -> dict[str, Any]:
    return _run(tmp_path_factory.mktemp("serial"), user_spec, None)


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        host="127.0.0.1",
        protocol="tcp",
    ) as local:
        yield local


def _same(got: dict[str, Any], expected: dict[str, Any]) -> None:
    assert len(got["report"].batches) == len(expected["report"].batches)
    assert got["report"].statements == expected["report"].statements
    assert set(got["tables"]) == set(expected["tables"]) == {"articles", "statements", "quarantine"}
    for name, table in expected["tables"].items():
        assert got["tables"][name].equals(table), name


def _quill(tables: dict[str, pa.Table]) -> tuple[set[Any], set[Any]]:
    """The speaker countries of Marta Quill's statements, and the officials versions stored."""
    statements = tables["statements"].to_pylist()
    quill = {s["speaker_country"] for s in statements if "Quill" in (s["speaker"] or "")}
    return quill, set(tables["articles"].column("officials_version").to_pylist())


def test_the_user_files_change_the_stored_scores_and_attribution(
    serial: dict[str, Any], user_spec: ScorerSpec, tmp_path: Path
) -> None:
    plain = ingest_documents(tmp_path, _inputs(), batch_size=BATCH)
    assert plain.statements == serial["report"].statements
    base = _stored(tmp_path)
    assert (
        base["articles"].column("intensity").to_pylist()
        != serial["tables"]["articles"].column("intensity").to_pylist()
    )
    assert _quill(base) == ({None}, {None})
    assert _quill(serial["tables"]) == ({"NOR"}, {user_spec.build().officials_version})


def test_process_pool_ingest_stores_what_the_serial_ingest_stores(
    serial: dict[str, Any], user_spec: ScorerSpec, tmp_path: Path
) -> None:
    with LocalExecutor(2, setup=user_spec.warm) as pool:
        pooled = _run(tmp_path, user_spec, pool)
    _same(pooled, serial)


@pytest.mark.timeout(180)
def test_dask_cluster_ingest_and_rescore_store_what_the_serial_run_stores(
    serial: dict[str, Any], user_spec: ScorerSpec, cluster: Any, tmp_path: Path
) -> None:
    with DaskExecutor(cluster.scheduler_address, setup=user_spec.warm) as ex:
        assert ex.workers == 2
        clustered = _run(tmp_path / "cluster", user_spec, ex)
        _same(clustered, serial)

        # rescore both stores with the bundled lexicon: on the cluster and here, same rows
        here = tmp_path / "here"
        ingest_documents(here, _inputs(), spec=user_spec, batch_size=BATCH)
        local = rescore_store(here)
        remote = rescore_store(tmp_path / "cluster", executor=ex)
    assert (remote.batches, remote.articles, remote.statements) == (
        local.batches,
        local.articles,
        local.statements,
    )
    assert remote.batches == len(serial["report"].batches)
    rescored_here, rescored_there = _stored(here), _stored(tmp_path / "cluster")
    for name, table in rescored_here.items():
        assert rescored_there[name].equals(table), name
    assert not rescored_here["articles"].equals(serial["tables"]["articles"])
    assert _quill(rescored_there) == ({None}, {None})  # the bundled officials again


def test_a_bad_user_lexicon_fails_before_anything_runs(tmp_path: Path) -> None:
    from tension.scoring import LexiconError

    bad = tmp_path / "bad.toml"
    bad.write_text('[terms.threat]\n"talks" = "high"\n', encoding="utf-8")
    with pytest.raises(LexiconError, match=r"bad\.toml"):
        scorer_spec(bad)
    with pytest.raises(LexiconError, match=r"bad\.toml"):
        ScorerSpec(bad.read_text(encoding="utf-8"), str(bad)).build()
