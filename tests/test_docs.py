"""The README and the CLI's help stay true to the code."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from tension.cli import cli, commands
from tension.data.settings import SETTINGS, settings_table

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_settings_table_is_generated_from_the_settings() -> None:
    text = README.read_text(encoding="utf-8")
    block = re.search(r"<!-- settings-table.*?-->\n(.*?)<!-- /settings-table -->", text, re.S)
    assert block, "README lost its settings table markers"
    assert block.group(1).strip() == settings_table().strip()


@pytest.mark.parametrize("name", sorted(commands()))
def test_each_command_takes_exactly_the_settings_that_name_it(name: str) -> None:
    options = {p.name for p in commands()[name].params if p.name in SETTINGS}
    assert options == {s.name for s in SETTINGS.values() if name in s.commands}


def test_readme_has_the_two_command_quick_start() -> None:
    text = README.read_text(encoding="utf-8")
    assert "make dashboard" in text and "make test" in text


@pytest.mark.parametrize("name", sorted(commands()))
def test_every_command_has_help_with_an_example(name: str) -> None:
    command = commands()[name]
    assert isinstance(command, click.Command)
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output, f"'tension {name} --help' has no example"


@pytest.mark.parametrize("name", sorted(commands()))
def test_every_command_is_in_the_readme(name: str) -> None:
    assert f"tension {name}" in README.read_text(encoding="utf-8")


def test_top_level_help_lists_commands() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in ("demo", "ingest", "score", "dashboard"):
        assert name in result.output
