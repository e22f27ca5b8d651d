"""``tension dashboard``: the settings its pages read reach the Streamlit process, and
stopping the command stops the server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tension.commands.dashboard import page_env
from tests.helpers import REPO, free_port, streamlit_server


def test_options_and_inherited_variables_reach_the_pages(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TENSION_LEXICON", str(tmp_path / "env-lexicon.toml"))
    env = page_env(db=str(tmp_path / "db"), lexicon=None, officials=str(tmp_path / "o.toml"))
    assert env["TENSION_DB"] == str(tmp_path / "db")
    assert env["TENSION_LEXICON"] == str(tmp_path / "env-lexicon.toml")  # inherited
    assert env["TENSION_OFFICIALS"] == str(tmp_path / "o.toml")  # the option
    env = page_env(db=None, lexicon=str(tmp_path / "cli.toml"), officials=None)
    assert env["TENSION_LEXICON"] == str(tmp_path / "cli.toml")  # the option wins
    assert "TENSION_OFFICIALS" not in env
    assert env["TENSION_DB"]  # the default store, resolved here


def test_stopping_tension_dashboard_stops_its_server(tmp_path: Path) -> None:
    """A signal to ``tension dashboard`` reaches Streamlit: before, the command waited on a
    child server that lived on, orphaned, when the command was terminated."""
    port = free_port()
    cmd = [sys.executable, "-m", "tension.cli", "dashboard", "--port", str(port),
           "--db", str(tmp_path / "db")]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with streamlit_server(cmd, port=port, log=tmp_path / "log", cwd=REPO, env=env):
        pass  # started, answered its health check, then terminated by the helper
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) != 0:
                return
        time.sleep(0.2)
    leftover = subprocess.run(["pgrep", "-f", f"server.port={port}"], capture_output=True)
    for pid in leftover.stdout.split():
        os.kill(int(pid), 15)
    raise AssertionError(f"a server still listens on port {port} after the command stopped")
