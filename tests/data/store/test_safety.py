"""No writer deletes or reads what is not its store's own (issue 13, item 1).

Each test is a reproduction: before the fix, ``tension ingest`` into a store that lost its
manifest deleted every batch (20 → 1), and a manifest entry ``../../victim`` made
``tension rescore --force`` read rows from outside the store and delete that folder.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tension.data.errors import StoreError
from tension.data.ingest import Document, ingest_documents
from tension.data.store import StoreReader, StoreWriter
from tension.data.store.queries import summary
from tests.helpers import article_text, run_tension, write_articles


def _batches(store: Path) -> list[str]:
    """The batch folders (each has its record ``<id>.json`` beside it)."""
    return sorted(p.name for p in (store / "batches").iterdir() if p.is_dir())


@pytest.fixture(scope="module")
def twenty(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of 20 one-article batches (copied by each test that damages it)."""
    root = tmp_path_factory.mktemp("twenty")
    store = root / "store"
    done = run_tension(
        "ingest", str(write_articles(root / "in", 20)), "--db", str(store), "--batch-size", "1"
    )
    assert done.returncode == 0, done.stderr
    assert len(_batches(store)) == 20
    return store


def _copy(store: Path, tmp_path: Path) -> Path:
    target = tmp_path / "store"
    shutil.copytree(store, target)
    return target


def _one_line_error(stderr: str) -> str:
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), stderr
    assert "Traceback" not in stderr
    return lines[0]


def test_ingest_into_a_store_without_its_manifest_is_refused_and_deletes_nothing(
    twenty: Path, tmp_path: Path
) -> None:
    store = _copy(twenty, tmp_path)
    (store / "manifest.json").unlink()
    one = tmp_path / "one.txt"
    one.write_text(article_text(99), encoding="utf-8")
    done = run_tension("ingest", str(one), "--db", str(store))
    assert done.returncode == 1
    line = _one_line_error(done.stderr)
    assert "no manifest.json" in line and "tension repair" in line
    assert len(_batches(store)) == 20
    assert not (store / "manifest.json").exists()
    with pytest.raises(StoreError, match=r"no manifest\.json"):
        summary(StoreReader(store))  # the dashboard says so instead of showing an empty store


@pytest.mark.parametrize("layout", ["batches", "staging"])
def test_a_folder_that_is_not_a_store_is_refused_and_left_as_it_is(
    tmp_path: Path, layout: str
) -> None:
    """``--db`` pointed at someone's folder that happens to hold ``batches/`` or
    ``staging/`` next to other files."""
    folder = tmp_path / "projects"
    (folder / layout / "keep-me").mkdir(parents=True)
    (folder / layout / "keep-me" / "notes.txt").write_text("mine", encoding="utf-8")
    (folder / "report.docx").write_bytes(b"PK\x03\x04")
    one = tmp_path / "one.txt"
    one.write_text(article_text(1), encoding="utf-8")
    done = run_tension("ingest", str(one), "--db", str(folder))
    assert done.returncode == 1
    assert "not a Tension Dashboard store" in _one_line_error(done.stderr)
    assert (folder / layout / "keep-me" / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in folder.iterdir()) == sorted([layout, "report.docx"])


def test_an_empty_folder_becomes_a_store(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    report = ingest_documents(folder, [Document(text=article_text(3), source="a")])
    assert report.new == 1
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["store"] == "tension-dashboard" and len(manifest["batches"]) == 1


def _victim(tmp_path: Path, store: Path) -> Path:
    """A folder outside the store that looks like a batch (a copy of one of its batches)."""
    victim = tmp_path / "victim"
    shutil.copytree(store / "batches" / _batches(store)[0], victim)
    return victim


def test_a_manifest_entry_outside_the_store_is_never_read_nor_deleted(
    twenty: Path, tmp_path: Path
) -> None:
    store = _copy(twenty, tmp_path)
    victim = _victim(tmp_path, store)
    before = sorted(p.name for p in victim.iterdir())
    manifest = json.loads((store / "manifest.json").read_text(encoding="utf-8"))
    manifest["batches"].append("../../victim")
    (store / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")

    done = run_tension("rescore", "--force", "--db", str(store))
    assert done.returncode == 1
    line = _one_line_error(done.stderr)
    assert "'../../victim'" in line and "tension repair" in line
    assert sorted(p.name for p in victim.iterdir()) == before

    reader = StoreReader(store)  # the reader serves the store's own 20 articles, no more
    assert summary(reader).articles == 20
    assert reader.damaged == {"../../victim": "the manifest entry is not a batch id"}


def test_a_batch_folder_that_links_outside_the_store_is_not_read(
    twenty: Path, tmp_path: Path
) -> None:
    store = _copy(twenty, tmp_path)
    victim = _victim(tmp_path, store)
    first = store / "batches" / _batches(store)[0]
    shutil.rmtree(first)
    first.symlink_to(victim, target_is_directory=True)
    reader = StoreReader(store)
    assert summary(reader).articles == 19
    assert "not a folder inside the store" in reader.damaged[first.name]
    with pytest.raises(StoreError, match="damaged"):
        StoreWriter(store).__enter__()
    assert victim.is_dir() and any(victim.iterdir())


def test_batch_files_carry_checksums_written_at_publish(tmp_path: Path) -> None:
    ingest_documents(tmp_path, [Document(text=article_text(i), source=f"s{i}") for i in range(3)])
    (bid,) = _batches(tmp_path)
    meta = json.loads((tmp_path / "batches" / f"{bid}.json").read_text(encoding="utf-8"))
    assert meta["batch"] == bid and meta["sources"] == ["s0", "s1", "s2"]
    articles = meta["files"]["articles.parquet"]
    path = tmp_path / "batches" / bid / "articles.parquet"
    assert articles["bytes"] == path.stat().st_size
    assert articles["rows"] == pq.read_metadata(path).num_rows == 3
    assert len(articles["sha256"]) == 64
