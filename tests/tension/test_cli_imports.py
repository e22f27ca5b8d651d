"""Commands are loaded on demand: ``tension score`` and ``tension extract`` never import the
store's DuckDB, pyarrow or pandas (they cost a third of a second at every call)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO

HEAVY = ("pandas", "duckdb", "pyarrow")

_PROBE = """
import json, sys
from tension.cli import cli
try:
    cli.main(sys.argv[1:], prog_name="tension", standalone_mode=False)
finally:
    print("loaded:", json.dumps(sorted(m for m in {heavy!r} if m in sys.modules)), file=sys.stderr)
"""


def _loaded(*args: str, stdin: str = "") -> list[str]:
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE.format(heavy=HEAVY), *args],
        input=stdin,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    line = next(x for x in proc.stderr.splitlines() if x.startswith("loaded: "))
    loaded: list[str] = json.loads(line.removeprefix("loaded: "))
    return loaded


@pytest.mark.parametrize(
    ("args", "stdin"),
    [
        (["score", "We condemn this reckless provocation"], ""),
        (["score", "--jsonl"], '{"text": "Talks resume in Geneva"}\n'),
        (["extract", "--jsonl", "-"], '{"text": "Iran warned Israel on Monday.", "id": 1}\n'),
        (["score", "--help"], ""),
    ],
)
def test_scoring_commands_do_not_load_the_store_libraries(args: list[str], stdin: str) -> None:
    assert _loaded(*args, stdin=stdin) == []


def test_the_probe_sees_a_command_that_needs_the_store(tmp_path: Path) -> None:
    # `tension ingest` writes Parquet with pyarrow: the probe must notice
    (tmp_path / "a.txt").write_text("Iran warned Israel on Monday.\n", encoding="utf-8")
    loaded = _loaded("ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "store"))
    assert "pyarrow" in loaded
