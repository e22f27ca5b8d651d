"""``tension dashboard``: the settings its pages read reach the Streamlit process."""

from __future__ import annotations

from pathlib import Path

import pytest

from tension.commands.dashboard import page_env


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
