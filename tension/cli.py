"""Entry point of the ``tension`` command.

Every module in :mod:`tension.commands` that defines a module-level ``command`` (a
``click.Command``, named like its module) is a command, so a new command is one new file.
A command's module is imported only when that command runs (or help lists it), so
``tension score`` does not pay for the store's DuckDB, pyarrow and pandas. Named errors from
the library become one-line messages (``Error: ...``) here and nowhere else.
"""

from __future__ import annotations

import importlib
import pkgutil

import click

import tension.commands
from tension.data.errors import DataError


def _command_modules() -> dict[str, str]:
    """Command name -> module, without importing the modules (``export_all.py`` would be
    ``export-all``)."""
    return {
        info.name.replace("_", "-"): f"tension.commands.{info.name}"
        for info in pkgutil.iter_modules(tension.commands.__path__)
        if not info.name.startswith("_")
    }


class _Group(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *_command_modules()})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        found = super().get_command(ctx, cmd_name)
        if found is not None:
            return found
        module = _command_modules().get(cmd_name)
        if module is None:
            return None
        command = getattr(importlib.import_module(module), "command", None)
        if not isinstance(command, click.Command):
            return None
        self.add_command(command, cmd_name)
        return command

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except DataError as exc:
            raise click.ClickException(str(exc)) from exc
        except ValueError as exc:  # LexiconError and other named input errors
            if type(exc).__module__.startswith(("tension.scoring", "tension.data")):
                raise click.ClickException(str(exc)) from exc
            raise


@click.group(
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(package_name="tension-dashboard")
def cli() -> None:
    """Tension Dashboard: rhetoric intensity between countries, from news and statements.

    \b
    Quick start:
      tension demo            # load the illustrative demo corpus
      tension dashboard       # open the dashboard on http://127.0.0.1:8501
    """


def commands() -> dict[str, click.Command]:
    """Every command by name (imports every command module: for help and tests)."""
    ctx = click.Context(cli)
    found = {name: cli.get_command(ctx, name) for name in cli.list_commands(ctx)}
    return {name: c for name, c in found.items() if c is not None}


def main() -> None:
    cli.main(prog_name="tension")


if __name__ == "__main__":  # pragma: no cover
    main()
