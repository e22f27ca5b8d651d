"""The dashboard keeps reading while another process ingests: no errors, no lock, counts grow."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from tension.data.store import StoreReader
from tension.data.store.queries import pair_counts, quarantine, summary
from tests.helpers import REPO, article_text


def _folder(root: Path, start: int, n: int) -> Path:
    root.mkdir()
    for i in range(start, start + n):
        (root / f"a{i:03d}.txt").write_text(f"Date: 2024-05-{i % 28 + 1:02d}\n\n{article_text(i)}")
    (root / "bad.txt").write_bytes(b"")
    return root


def _ingest(src: Path, store: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tension.cli", "ingest", str(src), "--db", str(store),
         "--batch-size", "3"],
        cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def test_reader_queries_in_a_loop_while_two_processes_ingest(tmp_path: Path) -> None:
    store = tmp_path / "store"
    reader = StoreReader(store)  # opened before anything exists, like a dashboard left open
    writers = [
        _ingest(_folder(tmp_path / "in1", 0, 30), store),
        _ingest(_folder(tmp_path / "in2", 30, 30), store),  # waits for the writer lock
    ]
    seen: list[int] = []
    errors: list[BaseException] = []
    deadline = time.monotonic() + 120
    while any(w.poll() is None for w in writers) and time.monotonic() < deadline:
        try:
            n = summary(reader).articles
            pair_counts(reader)
            quarantine(reader)
            seen.append(n)
        except Exception as exc:  # any error fails the test below, with its message
            errors.append(exc)
        time.sleep(0.02)
    outs = [w.communicate(timeout=60) for w in writers]
    assert all(w.returncode == 0 for w in writers), outs
    assert not errors, errors[:3]
    assert seen == sorted(seen), "counts went down"
    assert len(set(seen)) >= 3, f"new data was not seen while ingesting: {sorted(set(seen))}"
    # the reader shows the final state at the next query, within a moment
    assert summary(reader).articles == 60
    assert len(quarantine(reader)) == 2
