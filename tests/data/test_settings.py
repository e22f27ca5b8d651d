"""Settings: explicit value > environment variable > default."""

from __future__ import annotations

from pathlib import Path

import pytest

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


def test_bad_typed_env_value_fails_loudly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TENSION_PORT", "eighty")
    with pytest.raises(ValueError):
        resolve("port")


def test_every_setting_has_help_and_env() -> None:
    for setting in SETTINGS.values():
        assert setting.help.endswith(".")
        assert setting.env == f"TENSION_{setting.name.upper()}"


def test_default_store_is_under_user_data_dir() -> None:
    assert default_store_dir().name == "store"
    assert "tension-dashboard" in str(default_store_dir())
