"""``--workers`` and ``--scheduler`` on the commands that score: same store whatever runs it."""

from __future__ import annotations

import json
from itertools import islice
from pathlib import Path

import distributed
import pytest
from click.testing import CliRunner

from tension.cli import cli
from tension.data.store import StoreReader

CORPUS = Path(__file__).resolve().parents[2] / "data" / "demo" / "corpus.jsonl"
QUERY = (
    "SELECT article_id, canonical_id, intensity, raw, countries, pairs FROM articles "
    "ORDER BY article_id"
)
STATEMENTS = "SELECT * FROM statements ORDER BY article_id, start"


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    path = tmp_path / "in.jsonl"
    with CORPUS.open(encoding="utf-8") as f:
        path.write_text("".join(islice(f, 12)), encoding="utf-8")
    return path


def _ingest(inputs: Path, db: Path, *options: str) -> tuple[list, list]:
    result = CliRunner().invoke(cli, ["ingest", str(inputs), "--db", str(db), *options])
    assert result.exit_code == 0, result.output
    reader = StoreReader(db)
    return (
        reader.df(QUERY).to_dict("records"),
        reader.df(STATEMENTS).to_dict("records"),
    )


def test_ingest_with_two_workers_stores_what_one_process_stores(
    inputs: Path, tmp_path: Path
) -> None:
    one = _ingest(inputs, tmp_path / "one", "--workers", "1", "--batch-size", "5")
    two = _ingest(inputs, tmp_path / "two", "--workers", "2", "--batch-size", "5")
    assert len(one[0]) == 12 and one[1]
    assert json.dumps(two, default=str, sort_keys=True) == json.dumps(
        one, default=str, sort_keys=True
    )


def test_workers_and_scheduler_come_from_the_environment_too(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tension.data.executor import LocalExecutor, SerialExecutor
    from tension.data.scorers import ScorerSpec
    from tension.options import open_executor

    monkeypatch.setenv("TENSION_WORKERS", "2")
    with open_executor(None, None, ScorerSpec()) as ex:
        assert isinstance(ex, LocalExecutor) and ex.workers == 2
    with open_executor(1, None, ScorerSpec()) as ex:  # the option wins over the environment
        assert isinstance(ex, SerialExecutor)


def test_help_shows_the_options() -> None:
    for name in ("ingest", "rescore", "watch"):
        result = CliRunner().invoke(cli, [name, "--help"])
        assert "--workers" in result.output and "--scheduler" in result.output, name


@pytest.mark.timeout(180)
def test_ingest_and_rescore_on_a_scheduler_store_what_one_process_stores(
    inputs: Path, tmp_path: Path
) -> None:
    one = _ingest(inputs, tmp_path / "one", "--workers", "1", "--batch-size", "5")
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=False,  # threads: quick to start; the data tests cover worker processes
        dashboard_address=None,
        host="127.0.0.1",
        protocol="tcp",  # the address a user passes: tcp://HOST:PORT
    ) as cluster:
        address = cluster.scheduler_address
        assert address.startswith("tcp://127.0.0.1:")
        db = tmp_path / "cluster"
        there = _ingest(inputs, db, "--scheduler", address, "--batch-size", "5")
        result = CliRunner().invoke(
            cli, ["rescore", "--db", str(db), "--force", "--scheduler", address]
        )
        assert result.exit_code == 0, result.output
        assert "Rescored 12 articles" in result.output
    assert json.dumps(there, default=str, sort_keys=True) == json.dumps(
        one, default=str, sort_keys=True
    )
    reader = StoreReader(db)
    rescored = (reader.df(QUERY).to_dict("records"), reader.df(STATEMENTS).to_dict("records"))
    assert json.dumps(rescored, default=str, sort_keys=True) == json.dumps(
        one, default=str, sort_keys=True
    )
