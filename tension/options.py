"""Click options built from :data:`data.settings.SETTINGS`, so help and env vars agree."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from data.settings import SETTINGS

F = Callable[..., Any]


def setting_option(name: str, *flags: str) -> Callable[[F], F]:
    """``--NAME`` option documented from the setting; the value is resolved by the caller."""
    s = SETTINGS[name]
    ptype: Any = click.Path(path_type=str) if s.type.__name__ == "Path" else s.type
    return click.option(
        f"--{name}",
        *flags,
        type=ptype,
        default=None,
        help=f"{s.help} [env {s.env}; default: {s.default_text()}]",
    )
