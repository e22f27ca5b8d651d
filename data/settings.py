"""Settings, declared once: name, default, help and environment variable.

The CLI builds its options from these, the dashboard reads them through :func:`resolve`, and
the README's settings table is generated from :data:`SETTINGS` (a test checks it is current).
Precedence: an explicit value (CLI option) > environment variable > default.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from tension.data.errors import SettingsError


def default_store_dir() -> Path:
    """The store folder used when neither ``--db`` nor ``TENSION_DB`` is given."""
    return Path(platformdirs.user_data_dir("tension-dashboard", appauthor=False)) / "store"


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting. ``commands`` are the ``tension`` commands that take it as ``--NAME`` (a
    test checks them against the CLI); ``pages`` the dashboard pages that read it (from the
    environment ``tension dashboard`` passes on)."""

    name: str
    env: str
    default: Callable[[], Any]
    help: str
    commands: tuple[str, ...]
    type: Callable[[str], Any] = str
    pages: tuple[str, ...] = ()

    @property
    def flag(self) -> str:
        """The CLI option: ``--fetch-deadline`` for ``fetch_deadline``."""
        return "--" + self.name.replace("_", "-")

    def default_text(self) -> str:
        value = self.default()
        return "(none)" if value is None else str(value)


def _none() -> None:
    return None


def duration(text: str | float) -> float:
    """A duration in seconds: a finite number above zero (``nan`` and ``inf`` are refused)."""
    value = float(text)
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"not a number of seconds above zero: {text!r}")
    return value


def _fetch_deadline() -> float:
    from tension.data.ingest.web import DEADLINE

    return DEADLINE


_SCORING = ("ingest", "watch", "rescore", "demo")
"""The commands that score and store: they take the store, the lexicon and the officials.
(``repair`` takes them too: it rebuilds damaged statements by scoring intact articles.)"""

SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting(
            "db",
            "TENSION_DB",
            default_store_dir,
            "Folder of the store (Parquet batches plus a manifest listing them).",
            (*_SCORING, "export", "check", "repair", "dashboard", "alerts", "annotate", "report"),
            Path,
            ("every page",),
        ),
        Setting(
            "lexicon",
            "TENSION_LEXICON",
            _none,
            "A user lexicon TOML that adds, reweights or removes terms of the bundled one.",
            (*_SCORING, "repair", "score", "extract", "dashboard"),
            Path,
            ("Add data", "Lexicon"),
        ),
        Setting(
            "officials",
            "TENSION_OFFICIALS",
            _none,
            "A TOML of extra officials ([[official]] names, country, optional from/to dates) "
            "that attribute statements; they win over bundled entries of the same name.",
            (*_SCORING, "repair", "extract", "dashboard"),
            Path,
            ("Add data", "Lexicon"),
        ),
        Setting(
            "min_count",
            "TENSION_MIN_COUNT",
            lambda: 5,
            "Fewest distinct statements behind a mean before the dashboard colours it, ranks "
            "it as rising or flags it as a spike (smaller samples are greyed, with their "
            "count); each page can change it for the view.",
            ("dashboard", "report"),
            int,
            ("Overview", "Pair timeline", "Ranking", "Country", "Map"),
        ),
        Setting(
            "fetch_deadline",
            "TENSION_FETCH_DEADLINE",
            _fetch_deadline,
            "Seconds one URL or feed fetch may take in all (redirects, headers and body, however "
            "slowly a server sends them); a slower server is quarantined and retried later.",
            ("ingest", "watch", "dashboard"),
            duration,
            ("Add data",),
        ),
        Setting(
            "rules",
            "TENSION_RULES",
            _none,
            "The alert rules TOML (watchlists and rules: see README, Monitoring); without "
            "one nothing is watched.",
            ("watch", "alerts", "dashboard"),
            Path,
            ("Alerts",),
        ),
        Setting(
            "notify",
            "TENSION_NOTIFY",
            _none,
            "Where alerts are sent: apprise URLs, one per target, separated by spaces "
            "(json://host/hook, mailto://..., slack://...); without any, alerts are only "
            "stored and listed.",
            ("watch", "alerts"),
        ),
        Setting(
            "dashboard_url",
            "TENSION_DASHBOARD_URL",
            lambda: "http://127.0.0.1:8501",
            "The dashboard's address as the people alerted reach it: alert links start with it.",
            ("watch", "alerts"),
        ),
        Setting(
            "host",
            "TENSION_HOST",
            lambda: "127.0.0.1",
            "Address the dashboard binds to.",
            ("dashboard",),
        ),
        Setting(
            "port", "TENSION_PORT", lambda: 8501, "Port of the dashboard.", ("dashboard",), int
        ),
        Setting(
            "workers",
            "TENSION_WORKERS",
            lambda: 0,
            "Processes that score an ingest, watch or rescore: 0 = one per CPU core, "
            "1 = in process.",
            ("ingest", "watch", "rescore"),
            int,
        ),
        Setting(
            "scheduler",
            "TENSION_SCHEDULER",
            _none,
            "A Dask scheduler (tcp://HOST:8786) whose workers score an ingest, watch or rescore "
            "instead of this machine; wins over --workers.",
            ("ingest", "watch", "rescore"),
        ),
    )
}


def resolve(name: str, explicit: Any = None) -> Any:
    """The value of setting ``name``: ``explicit`` if given, else its env var, else the default."""
    setting = SETTINGS[name]
    if explicit is not None:
        return setting.type(explicit) if isinstance(explicit, str) else explicit
    raw = os.environ.get(setting.env)
    if raw not in (None, ""):
        try:
            return setting.type(raw)
        except ValueError:
            kind = getattr(setting.type, "__name__", "value")
            raise SettingsError(
                f"{setting.env}={raw!r}: not a valid {kind} for the {name} setting"
            ) from None
    return setting.default()


def settings_table() -> str:
    """A Markdown table of every setting, as the README shows it."""
    lines = [
        "| Setting | CLI option | Environment variable | Default | Meaning | Used by |",
        "|---|---|---|---|---|---|",
    ]
    for s in SETTINGS.values():
        default = "platform data dir /store" if s.name == "db" else s.default_text()
        if s.name == "workers":
            default = "0 (one per CPU core)"
        used = ", ".join(f"`{c}`" for c in s.commands)
        if s.pages:
            used += f"; pages: {', '.join(s.pages)}"
        lines.append(f"| {s.name} | `{s.flag}` | `{s.env}` | {default} | {s.help} | {used} |")
    return "\n".join(lines)
