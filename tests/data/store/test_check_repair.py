"""Fault injection: publish, damage one kind of file, and show ``tension check`` finding it
and ``tension repair`` recovering everything that was intact (issue 13, item 6).

Before the fix a truncated Parquet file broke every page and ``export`` with a traceback,
and a deleted batch silently dropped its rows (export exited 0 with fewer rows).
"""

from __future__ import annotations

import json
import shlex
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tension.data.errors import StoreError
from tension.data.store import StoreReader
from tests.helpers import run_tension, write_articles

N = 24
BATCH = 4


@dataclass(frozen=True)
class Original:
    store: Path
    inputs: Path
    batches: list[str]
    articles: set[tuple[str, float]]
    statements: set[tuple[str, int, float]]
    quarantine: int


def _rows(store: Path) -> tuple[set[tuple[str, float]], set[tuple[str, int, float]], int]:
    reader = StoreReader(store)
    try:
        arts = reader.rows("SELECT article_id, round(intensity, 6) FROM articles")
        sts = reader.rows("SELECT article_id, idx, round(intensity, 6) FROM statements")
        assert len(arts) == len(set(arts)) and len(sts) == len(set(sts)), "duplicates"
        quarantined = int(reader.scalar("SELECT count(*) FROM quarantine"))
        return set(arts), set(sts), quarantined  # type: ignore[arg-type]
    finally:
        reader.close()


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> Original:
    root = tmp_path_factory.mktemp("faults")
    inputs = write_articles(root / "in", N)
    (inputs / "zz-broken.json").write_text("{nope", encoding="utf-8")
    store = root / "store"
    done = run_tension("ingest", str(inputs), "--db", str(store), "--batch-size", str(BATCH))
    assert done.returncode == 0, done.stderr
    manifest = json.loads((store / "manifest.json").read_text(encoding="utf-8"))
    arts, sts, quarantined = _rows(store)
    assert len(arts) == N and quarantined == 1
    return Original(store, inputs, manifest["batches"], arts, sts, quarantined)


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _garble(path: Path) -> None:
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    for i in range(middle - 64, middle + 64):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))


def _foreign(store: Path, batches: list[str]) -> None:
    """Someone's files inside the store's own folders."""
    (store / "batches" / "holiday-photos").mkdir()
    (store / "batches" / "holiday-photos" / "beach.jpg").write_bytes(b"\xff\xd8")
    (store / "staging" / "notes.txt").write_text("mine", encoding="utf-8")


@dataclass(frozen=True)
class Fault:
    name: str
    damage: Callable[[Path, list[str]], None]
    found: str  # what tension check says
    lost_batch: int | None  # index of the batch whose articles cannot be kept
    batch_fault: bool = True  # readers keep serving the other batches


FAULTS = [
    Fault(
        "truncated articles",
        lambda s, b: _truncate(s / "batches" / b[2] / "articles.parquet"),
        "articles.parquet is",
        2,
    ),
    Fault(
        "garbled articles",
        lambda s, b: _garble(s / "batches" / b[3] / "articles.parquet"),
        "articles.parquet does not match the checksum",
        3,
    ),
    Fault(
        "garbled statements",
        lambda s, b: _garble(s / "batches" / b[1] / "statements.parquet"),
        "statements.parquet does not match the checksum",
        None,  # rebuilt from the intact articles
    ),
    Fault(
        "truncated quarantine",
        lambda s, b: _truncate(s / "batches" / b[-1] / "quarantine.parquet"),
        "quarantine.parquet is",
        None,
    ),
    Fault(
        "deleted batch",
        lambda s, b: shutil.rmtree(s / "batches" / b[4]),
        "its folder is missing",
        4,
    ),
    Fault(
        "deleted manifest",
        lambda s, b: (s / "manifest.json").unlink(),
        "manifest.json: is missing",
        None,
        batch_fault=False,
    ),
    Fault(
        "garbled manifest",
        lambda s, b: (s / "manifest.json").write_text('{"schema_version": 3, "bat', "utf-8"),
        "not a Tension Dashboard manifest",
        None,
        batch_fault=False,
    ),
    Fault(
        "foreign folder",
        _foreign,
        "batches/holiday-photos: not a batch of this store",
        None,
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize("fault", FAULTS, ids=[f.name for f in FAULTS])
def test_check_finds_each_fault_and_repair_keeps_everything_intact(
    original: Original, tmp_path: Path, fault: Fault
) -> None:
    store = tmp_path / "store"
    shutil.copytree(original.store, store)
    db = ("--db", str(store))
    assert run_tension("check", *db).returncode == 0
    fault.damage(store, original.batches)

    found = run_tension("check", *db)
    assert found.returncode == 1, found.stdout
    assert fault.found in found.stdout, found.stdout
    assert "Traceback" not in found.stderr

    lost_ids: set[str] = set()
    if fault.lost_batch is not None:
        lost_ids = _ids(original, original.batches[fault.lost_batch])
    if fault.batch_fault:
        reader = StoreReader(store)  # one damaged batch: the rest is served, the damage named
        arts = reader.rows("SELECT count(*) FROM articles")[0][0]
        assert len(reader.damaged) == (0 if fault.name == "foreign folder" else 1)
        exported = run_tension("export", str(tmp_path / "out"), *db)
        if reader.damaged:
            assert exported.returncode == 1 and "is damaged" in exported.stderr
            assert arts < N or fault.lost_batch is None
        else:
            assert exported.returncode == 0
        assert "Traceback" not in exported.stderr
    else:
        with pytest.raises(StoreError):
            StoreReader(store).rows("SELECT count(*) FROM articles")

    repaired = run_tension("repair", *db)
    assert repaired.returncode == 0, repaired.stderr
    assert "Backup of everything taken out" in repaired.stdout, repaired.stdout
    again = run_tension("check", *db)
    assert again.returncode == 0, again.stdout

    arts, sts, quarantined = _rows(store)
    assert arts == {a for a in original.articles if a[0] not in lost_ids}
    assert {s for s in sts if s[0] not in lost_ids} == {
        s for s in original.statements if s[0] not in lost_ids
    }
    assert sts == {s for s in original.statements if s[0] not in lost_ids}
    expected_quarantine = 0 if fault.name == "truncated quarantine" else original.quarantine
    assert quarantined == expected_quarantine

    backup = next((store / "repairs").iterdir())
    assert (backup / "REPORT.txt").read_text(encoding="utf-8").strip()
    if fault.name == "foreign folder":
        assert (backup / "batches" / "holiday-photos" / "beach.jpg").read_bytes() == b"\xff\xd8"
        assert (backup / "staging" / "notes.txt").read_text(encoding="utf-8") == "mine"

    if lost_ids:  # the repair said what was dropped and how to ingest it again: do that
        assert f"dropped {BATCH} articles" in repaired.stdout
        command = next(
            line.strip() for line in repaired.stdout.splitlines() if "tension ingest" in line
        )
        args = shlex.split(command)[1:]
        redo = run_tension(*args, *db)
        assert redo.returncode == 0, redo.stderr
        assert _rows(store)[0] == original.articles
        assert run_tension("check", *db).returncode == 0


def _ids(original: Original, bid: str) -> set[str]:
    """The article ids of one of the original store's batches."""
    import pyarrow.parquet as pq

    path = original.store / "batches" / bid / "articles.parquet"
    return set(pq.read_table(path, columns=["article_id"])["article_id"].to_pylist())


def test_repair_of_a_healthy_store_changes_nothing(original: Original, tmp_path: Path) -> None:
    store = tmp_path / "store"
    shutil.copytree(original.store, store)
    before = sorted(p.relative_to(store) for p in store.rglob("*"))
    done = run_tension("repair", "--db", str(store))
    assert done.returncode == 0 and "nothing to repair" in done.stdout
    assert sorted(p.relative_to(store) for p in store.rglob("*")) == before
