"""Settings: explicit value > environment variable > default."""

from __future__ import annotations

from pathlib import Path

import pytest

from tension.data.errors import SettingsError
from tension.data.settings import SETTINGS, default_store_dir, resolve


def test_explicit_beats_env_beats_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TENSION_DB", str(tmp_path / "env"))
    assert resolve("db") == tmp_path / "env"
    assert resolve("db", str(tmp_path / "cli")) == tmp_path / "cli"
    monkeypatch.delenv("TENSION_DB")
    assert resolve("db") == default_store_dir()


def test_typed_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TENSION_PORT", "9000")
    assert resolve("port") == 9000
    monkeypatch.setenv("TENSION_PORT", "")
    assert resolve("port") == 8501


@pytest.mark.parametrize(
    ("env", "raw", "message"),
    [
        ("TENSION_PORT", "eighty", "TENSION_PORT='eighty': not a valid int for the port setting"),
        ("TENSION_WORKERS", "2.5", "TENSION_WORKERS='2.5': not a valid int for the workers"),
        (
            "TENSION_FETCH_DEADLINE",
            "inf",
            "TENSION_FETCH_DEADLINE='inf': not a valid duration for the fetch_deadline setting",
        ),
        ("TENSION_FETCH_DEADLINE", "nan", "not a valid duration"),
        ("TENSION_FETCH_DEADLINE", "0", "not a valid duration"),
    ],
)
def test_bad_typed_env_value_is_a_one_line_settings_error(
    monkeypatch: pytest.MonkeyPatch, env: str, raw: str, message: str
) -> None:
    monkeypatch.setenv(env, raw)
    name = next(s.name for s in SETTINGS.values() if s.env == env)
    with pytest.raises(SettingsError, match=message.replace(".", r"\.")):
        resolve(name)


def test_the_cli_reports_a_bad_env_value_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from tension.cli import cli

    monkeypatch.setenv("TENSION_WORKERS", "many")
    result = CliRunner().invoke(cli, ["ingest", "nothing-here.txt"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "Error: TENSION_WORKERS='many': not a valid int for the workers setting"
    ]


def test_every_setting_has_help_and_env() -> None:
    for setting in SETTINGS.values():
        assert setting.help.endswith(".")
        assert setting.env == f"TENSION_{setting.name.upper()}"


def test_default_store_is_under_user_data_dir() -> None:
    assert default_store_dir().name == "store"
    assert "tension-dashboard" in str(default_store_dir())
