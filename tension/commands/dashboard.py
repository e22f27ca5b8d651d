"""``tension dashboard``: start the Streamlit app on the store."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import click

from data.settings import resolve
from tension.options import setting_option


def app_path() -> Path:
    """Where the installed ``dashboard`` package keeps its Streamlit entry point."""
    spec = importlib.util.find_spec("dashboard")
    assert spec is not None and spec.origin is not None
    return Path(spec.origin).with_name("app.py")


def streamlit_args(host: str, port: int) -> list[str]:
    """The ``streamlit run`` command line, with the safe defaults of .streamlit/config.toml."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app_path()),
        "--server.address",
        host,
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.enableXsrfProtection",
        "true",
        "--server.enableCORS",
        "true",
        "--server.maxUploadSize",
        "50",
        "--client.showErrorDetails",
        "false",
    ]


@click.command("dashboard")
@setting_option("db")
@setting_option("host")
@setting_option("port")
@setting_option("lexicon")
def command(db: str | None, host: str | None, port: int | None, lexicon: str | None) -> None:
    """Start the dashboard on the store and print its URL.

    \b
    Example:
      tension dashboard --db ./mystore --port 8502
    """
    env = dict(os.environ)
    env["TENSION_DB"] = str(resolve("db", db))
    lex = resolve("lexicon", lexicon)
    if lex:
        env["TENSION_LEXICON"] = str(lex)
    h, p = resolve("host", host), resolve("port", port)
    click.echo(f"Tension Dashboard on http://{h}:{p}  (store: {env['TENSION_DB']})")
    raise SystemExit(subprocess.call(streamlit_args(h, p), env=env))
