"""Click options built from :data:`tension.data.settings.SETTINGS`, so help and env vars agree."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import click

from tension.data.scorers import ScorerSpec
from tension.data.settings import SETTINGS, resolve

F = Callable[..., Any]


class DateParam(click.ParamType):
    """A date option, read by :func:`tension.data.ingest.dates.parse_date` like every other
    date input; a bad value is a usage error naming the option."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from tension.data.ingest.dates import parse_date

        try:
            return parse_date(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


DATE = DateParam()


class FiniteFloat(click.ParamType):
    """A finite number of at least ``minimum`` (click's FloatRange lets ``nan`` through)."""

    name = "number"

    def __init__(self, minimum: float) -> None:
        self.minimum = minimum

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            number = float(value)
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a number", param, ctx)
        if not math.isfinite(number) or number < self.minimum:
            self.fail(f"{value!r} is not a finite number of at least {self.minimum:g}", param, ctx)
        return number


FINITE_MINUTES = FiniteFloat(0.01)


def setting_option(name: str, *flags: str) -> Callable[[F], F]:
    """``--NAME`` option documented from the setting; the value is resolved by the caller."""
    s = SETTINGS[name]
    ptype: Any = click.Path(path_type=str) if s.type.__name__ == "Path" else s.type
    return click.option(
        s.flag,
        *flags,
        type=ptype,
        default=None,
        help=f"{s.help} [env {s.env}; default: {s.default_text()}]",
    )


def scorer_options(fn: F) -> F:
    """``--lexicon`` and ``--officials``: what a command scores and attributes with."""
    return setting_option("lexicon")(setting_option("officials")(fn))


def resolve_spec(lexicon: str | None, officials: str | None) -> ScorerSpec:
    """The scorer spec of the resolved ``--lexicon``/``--officials`` settings (files read and
    checked now; a bad file is a named error the CLI prints as one line)."""
    from tension.data.scorers import scorer_spec

    return scorer_spec(resolve("lexicon", lexicon), resolve("officials", officials))


def executor_options(fn: F) -> F:
    """``--workers`` and ``--scheduler``: where a command's scoring runs."""
    return setting_option("workers")(setting_option("scheduler")(fn))


def feed_options(fn: F) -> F:
    """``--feed`` and ``--feeds``: the feeds a command reads (see ``commands.ingest.feed_list``)."""
    fn = click.option(
        "--feeds",
        "feeds_file",
        multiple=True,
        type=click.Path(dir_okay=False),
        help="An OPML file or a list of feed URLs, one a line.",
    )(fn)
    return click.option(
        "--feed", multiple=True, metavar="URL", help="An RSS or Atom feed (repeatable)."
    )(fn)


allow_private_option = click.option(
    "--allow-private", is_flag=True, help="Also fetch private, loopback and link-local addresses."
)


def open_executor(workers: int | None, scheduler: str | None, spec: ScorerSpec) -> Any:
    """The executor of the resolved ``--workers``/``--scheduler`` settings (a context manager),
    its worker processes set up with the scorer of ``spec``.

    A scheduler that cannot be reached is a one-line error, not a traceback."""
    from tension.data.executor import make_executor

    address = resolve("scheduler", scheduler)
    try:
        return make_executor(int(resolve("workers", workers)), address, setup=spec.warm)
    except (OSError, TimeoutError) as exc:
        raise click.ClickException(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
