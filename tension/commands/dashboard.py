"""``tension dashboard``: start the Streamlit app on the store."""

from __future__ import annotations

import importlib.util
import os
import sys
import tomllib
from importlib.resources import files
from pathlib import Path

import click

from tension.data.settings import SETTINGS, resolve
from tension.options import scorer_options, setting_option


def app_path() -> Path:
    """Where the installed ``tension.dashboard`` package keeps its Streamlit entry point."""
    spec = importlib.util.find_spec("tension.dashboard")
    assert spec is not None and spec.origin is not None
    return Path(spec.origin).with_name("app.py")


def server_options() -> dict[str, object]:
    """The Streamlit options of the packaged ``tension/dashboard/config.toml``, flattened to
    ``{"server.headless": True, ...}``."""
    raw = files("tension.dashboard").joinpath("config.toml").read_text(encoding="utf-8")
    return {
        f"{section}.{key}": value
        for section, options in tomllib.loads(raw).items()
        for key, value in options.items()
    }


def _flag_value(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def streamlit_args(host: str, port: int) -> list[str]:
    """The ``streamlit run`` command line: the packaged options as flags, then host and port.
    Streamlit runs through :mod:`tension.dashboard.serve`, which loads what the pages need
    before the first visitor arrives."""
    args = [sys.executable, "-m", "tension.dashboard.serve", "run", str(app_path())]
    for name, value in server_options().items():
        args.append(f"--{name}={_flag_value(value)}")
    return [*args, f"--server.address={host}", f"--server.port={port}"]


def page_env(**options: object) -> dict[str, str]:
    """This process's environment with the resolved settings the pages read (``db``,
    ``lexicon``, ``officials``, ``min_count``, ``fetch_deadline``, ``rules``): an option given
    here wins over the inherited variable."""
    env = dict(os.environ)
    for name, value in options.items():
        resolved = resolve(name, value)
        if resolved:
            env[SETTINGS[name].env] = str(resolved)
    return env


@click.command("dashboard")
@setting_option("db")
@setting_option("fetch_deadline")
@setting_option("host")
@setting_option("port")
@setting_option("min_count")
@setting_option("rules")
@scorer_options
def command(
    db: str | None,
    fetch_deadline: float | None,
    host: str | None,
    port: int | None,
    min_count: int | None,
    rules: str | None,
    lexicon: str | None,
    officials: str | None,
) -> None:
    """Start the dashboard on the store and print its URL.

    \b
    Example:
      tension dashboard --db ./mystore --port 8502
    """
    env = page_env(
        db=db,
        lexicon=lexicon,
        officials=officials,
        min_count=min_count,
        fetch_deadline=fetch_deadline,
        rules=rules,
    )
    h, p = resolve("host", host), resolve("port", port)
    click.echo(f"Tension Dashboard on http://{h}:{p}  (store: {env['TENSION_DB']})")
    sys.stdout.flush()
    args = streamlit_args(h, p)
    # become the server rather than wait for it: a signal to this process (Ctrl-C, kill,
    # a service manager stopping it) then reaches Streamlit instead of leaving it orphaned
    os.execve(args[0], args, env)
