"""kill -9 at random moments of an ingest: the store stays readable, a re-run completes it."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from tension.data.store import StoreReader
from tests.helpers import REPO, article_text


def _ingest_cmd(src: Path, store: Path) -> list[str]:
    return [
        sys.executable, "-m", "tension.cli", "ingest", str(src),
        "--db", str(store), "--batch-size", "2",
    ]  # fmt: skip


def _published(store: Path) -> int:
    try:
        return len(json.loads((store / "manifest.json").read_text())["batches"])
    except (OSError, ValueError):
        return 0


def _counts(store: Path) -> tuple[int, int, int, int]:
    reader = StoreReader(store)
    try:
        frame = reader.df("SELECT count(*) AS n, count(DISTINCT article_id) AS d FROM articles")
        st = reader.df(
            "SELECT count(*) AS n, count(DISTINCT (article_id, idx)) AS d FROM statements"
        )
        return int(frame.n[0]), int(frame.d[0]), int(st.n[0]), int(st.d[0])
    finally:
        reader.close()


def test_kill_9_at_random_points_then_rerun_completes_without_duplicates(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    n = 40
    for i in range(n):
        (src / f"a{i:02d}.txt").write_text(f"Date: 2024-04-{i % 28 + 1:02d}\n\n{article_text(i)}")
    (src / "z-bad.json").write_text("{broken")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    store = tmp_path / "store"
    rng = random.Random(int(os.environ.get("CRASH_SEED", "5")))
    killed_midway = 0
    for _ in range(3):
        proc = subprocess.Popen(
            _ingest_cmd(src, store), cwd=REPO, env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        # a random point: after a random number of further batches, plus a random delay
        target = _published(store) + rng.randint(0, 4)
        deadline = time.monotonic() + 60
        while _published(store) < target and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(rng.uniform(0.0, 0.2))
        if proc.poll() is None:
            killed_midway += 1
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        arts, distinct, sts, sts_distinct = _counts(store)  # readable after every kill
        assert arts == distinct and sts == sts_distinct
        assert arts <= n
    done = subprocess.run(
        _ingest_cmd(src, store), cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    arts, distinct, sts, sts_distinct = _counts(store)
    assert (arts, distinct) == (n, n)
    assert sts == sts_distinct
    # the same as an ingest never interrupted
    clean = tmp_path / "clean"
    subprocess.run(_ingest_cmd(src, clean), cwd=REPO, env=env, check=True, capture_output=True)
    assert _counts(clean) == _counts(store)
    reader = StoreReader(store)
    assert reader.scalar("SELECT count(*) FROM quarantine") == 1
    assert not any((store / "staging").iterdir())
    assert killed_midway >= 1, "no kill landed during the ingest; raise the corpus size"
