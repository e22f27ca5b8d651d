"""Alert targets through apprise: one URL per target (``json://host/path``,
``mailto://user:pass@example.org``, ``slack://...``, ``tgram://...``; see apprise's list of
services), as the ``notify`` setting (``TENSION_NOTIFY``) gives them, separated by spaces or
new lines.

Each URL is its own target: one that refuses a message does not stop the others, and a
retry goes only to the targets that lack it (:mod:`tension.data.monitor.alerts`). Every send
is bounded by apprise's connect and read time-outs (``cto``/``rto`` URL parameters: 4 s each
unless the URL says otherwise; no retries unless the URL asks). Nothing but the URL decides
where a message goes: a test points ``json://127.0.0.1:PORT`` at a local server.
"""

from __future__ import annotations

import hashlib
import logging

from tension.data.errors import SettingsError
from tension.data.monitor.alerts import NotifyError, Target


def split_urls(text: str | None) -> list[str]:
    """The URLs of a ``notify`` value (whitespace separated; commas belong to URLs)."""
    return list(dict.fromkeys((text or "").split()))


def apprise_targets(text: str | None) -> list[Target]:
    """One :class:`Target` per URL of ``text``. Raises :class:`SettingsError` naming a URL
    that apprise does not know (shown with its secrets masked where apprise can)."""
    import apprise

    out = []
    for url in split_urls(text):
        plugin = apprise.Apprise.instantiate(url)
        if plugin is None:
            shown = url.split("://", 1)[0] + "://…" if "://" in url else url[:40]
            raise SettingsError(f"notify: {shown!r} is not an apprise URL this version knows")
        label = plugin.url(privacy=True)
        out.append(
            Target(
                id=hashlib.sha256(url.encode()).hexdigest()[:16],
                label=label.split("?", 1)[0],
                send=_sender(plugin, label.split("?", 1)[0]),
            )
        )
    return out


def _sender(plugin: object, label: str):  # type: ignore[no-untyped-def]
    import apprise

    def send(title: str, body: str) -> None:
        with apprise.LogCapture(level=logging.WARNING) as log:
            ok = plugin.notify(body=body, title=title)  # type: ignore[attr-defined]
        if not ok:
            lines = [line.split(" - ", 2)[-1] for line in log.getvalue().splitlines() if line]
            raise NotifyError(lines[-1] if lines else f"{label} refused the message")

    return send
