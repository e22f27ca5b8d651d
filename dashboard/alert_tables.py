"""Pure builders of what the Alerts page shows: the table of fired alerts and an alert's
status, from :class:`tension.data.monitor.Alert` records (no Streamlit here)."""

from __future__ import annotations

import pandas as pd

from tension.dashboard import names
from tension.data.monitor import Alert


def utc(stamp: str | None) -> str:
    """``"2026-12-08 01:27:10"`` for a stored ISO time in UTC (``""`` for None)."""
    return (stamp or "").replace("T", " ").removesuffix("+00:00")[:19]


COLUMNS = ["fired (UTC)", "rule", "kind", "pair", "figure", "status", "acknowledged"]


def status(alert: Alert) -> str:
    """``"open"`` (the rule still holds) or ``"ended"``, then ``"sent to n target(s)"``,
    ``"not sent after n attempt(s): <error>"`` (retried by the next run) or ``"not sent
    yet"`` (no target was set when it fired, or no run has sent it yet)."""
    episode = "open" if alert.active else "ended"
    if alert.last_error:
        sent = f"not sent after {alert.attempts} attempt(s): {alert.last_error}"
    elif alert.delivered:
        sent = f"sent to {len(alert.delivered)} target(s)"
    else:
        sent = "not sent yet"
    return f"{episode} · {sent}"


def alerts_table(alerts: list[Alert], *, acknowledged: bool) -> pd.DataFrame:
    """Newest first; acknowledged alerts only when ``acknowledged``. Columns:
    :data:`COLUMNS` and ``id`` (hidden by the page, used to pick a row)."""
    shown = [a for a in alerts if acknowledged or not a.acknowledged]
    shown.sort(key=lambda a: (a.fired_at, a.id), reverse=True)
    rows = [
        {
            "fired (UTC)": utc(a.fired_at),
            "rule": a.rule,
            "kind": a.kind,
            "pair": names.direction(a.src, a.tgt),
            "figure": a.figure,
            "status": status(a),
            "acknowledged": (
                utc(a.acknowledged_at) + (f" by {a.acknowledged_by}" if a.acknowledged_by else "")
            ),
            "id": a.id,
        }
        for a in shown
    ]
    return pd.DataFrame(rows, columns=[*COLUMNS, "id"])
