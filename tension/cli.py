"""Entry point of the ``tension`` command.

Every module in :mod:`tension.commands` that defines a module-level ``command`` (a
``click.Command``) is registered here, so a new command is one new file. Named errors from
the library become one-line messages (``Error: ...``) here and nowhere else.
"""

from __future__ import annotations

import importlib
import pkgutil

import click

import tension.commands
from tension.data.errors import DataError


class _Group(click.Group):
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


def _register() -> None:
    for info in pkgutil.iter_modules(tension.commands.__path__):
        module = importlib.import_module(f"tension.commands.{info.name}")
        command = getattr(module, "command", None)
        if isinstance(command, click.Command):
            cli.add_command(command)


_register()


def main() -> None:
    cli.main(prog_name="tension")


if __name__ == "__main__":  # pragma: no cover
    main()
