"""Fired alerts, kept in the store: ``alerts.json`` beside the manifest, written like it
(temporary file, fsync, atomic rename) under ``alerts.lock`` (``flock``), so ``tension watch``,
a cron ``tension alerts`` and the dashboard's acknowledgements never lose each other's
changes.

**Episodes.** A rule met by a directed pair fires *one* alert when it starts to hold; while
later evaluations still find it, nothing new fires; once it no longer holds, the alert is
ended, and the next time it holds is a new alert. So a pair that stays hot for a month is
one alert, not thirty, and a restart changes nothing (the open episodes are in the file).

**Delivery.** Every alert records the targets (apprise URLs, by a hash: the URLs hold
tokens) that have it. A run sends each alert to every target that does not have it yet, so a
failed send (the error and the attempts are recorded) is retried on the next run, and a
target that got it never gets it again. A process killed between a target's acceptance and
the write that records it sends that one message again on the next run: at least once, and
exactly once otherwise.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from tension.data.errors import StoreError
from tension.data.monitor.evaluate import Finding, evaluate
from tension.data.monitor.message import Message, compose
from tension.data.monitor.rules import RuleSet
from tension.data.store.layout import ALERTS, ALERTS_LOCK, STORE_MARK, write_json_atomic
from tension.data.store.reader import StoreReader

STATE_VERSION = 1


class NotifyError(Exception):
    """A target did not accept an alert (the message says why)."""


@dataclass(slots=True)
class Alert:
    """One fired alert: the finding, the message as it is sent (fixed when it fired, so a
    retry sends the same words), and what happened to it since."""

    id: str
    key: str
    rule: str
    kind: str
    src: str
    tgt: str
    start: str
    end: str
    value: float
    n: int
    figure: str
    fired_at: str
    title: str
    body: str
    link: str
    statements_link: str
    quotes: list[dict[str, Any]] = field(default_factory=list)
    active: bool = True
    ended_at: str | None = None
    delivered: list[str] = field(default_factory=list)
    attempts: int = 0
    last_error: str | None = None
    acknowledged_at: str | None = None
    acknowledged_by: str | None = None

    @property
    def acknowledged(self) -> bool:
        return self.acknowledged_at is not None


@dataclass(frozen=True, slots=True)
class Target:
    """A place alerts go: ``send(title, body)`` raises :class:`NotifyError` when refused.
    ``id`` is stable for the same destination and safe to store (no secret in it)."""

    id: str
    label: str
    send: Callable[[str, str], None]


@dataclass(slots=True)
class RunReport:
    """What one evaluation did: alerts that fired, ended, were delivered (to every target)
    and those that some target refused (with the reason)."""

    fired: list[Alert] = field(default_factory=list)
    ended: list[Alert] = field(default_factory=list)
    delivered: list[Alert] = field(default_factory=list)
    failed: list[tuple[Alert, str]] = field(default_factory=list)
    pending: int = 0


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _path(root: Path) -> Path:
    return Path(root).expanduser() / ALERTS


@contextlib.contextmanager
def locked(root: Path | str) -> Iterator[None]:
    """Hold the store's alert lock (another process waits for it)."""
    folder = Path(root).expanduser()
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ALERTS_LOCK, "a+", encoding="utf-8") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def read_alerts(root: Path | str) -> list[Alert]:
    """Every alert of the store, oldest first (none when it has no ``alerts.json``).

    Raises :class:`StoreError` for a file this program did not write or cannot read: it is
    never silently reset (that would send every open alert again)."""
    path = _path(Path(root))
    try:
        doc = json.loads(path.read_bytes())
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as exc:
        raise StoreError(f"{path}: the alert state is unreadable or garbled ({exc})") from exc
    try:
        if doc.get("store") != STORE_MARK:
            raise TypeError("not written by tension-dashboard")
        if int(doc["version"]) > STATE_VERSION:
            raise TypeError("written by a newer version")
        return [Alert(**item) for item in doc["alerts"]]
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise StoreError(f"{path}: not the store's alert state ({exc})") from exc


def _write(root: Path, alerts: list[Alert]) -> None:
    body = {
        "store": STORE_MARK,
        "version": STATE_VERSION,
        "alerts": [asdict(a) for a in alerts],
    }
    write_json_atomic(_path(root), body)


def _alert(finding: Finding, message: Message, fired_at: str, seq: int) -> Alert:
    """A new alert; ``seq`` (its place in the state) keeps ids unique even for two
    episodes of one rule and pair fired within the same second."""
    key = f"{finding.key}|{finding.start}|{fired_at}|{seq}"
    digest = hashlib.sha256(key.encode()).hexdigest()
    return Alert(
        id=digest[:16],
        key=finding.key,
        rule=finding.rule,
        kind=finding.kind,
        src=finding.src,
        tgt=finding.tgt,
        start=finding.start.isoformat(),
        end=finding.end.isoformat(),
        value=round(finding.value, 4),
        n=finding.n,
        figure=finding.figure,
        fired_at=fired_at,
        title=message.title,
        body=message.body,
        link=message.link,
        statements_link=message.statements_link,
        quotes=message.quotes,
    )


def run(
    root: Path | str,
    rules: RuleSet,
    targets: list[Target],
    *,
    base_url: str,
    as_of: date | None = None,
) -> RunReport:
    """Evaluate ``rules`` on the store at ``root``, record new and ended alerts, and send
    every alert that a target lacks to it. Returns what happened; a refused send is in
    ``failed`` and is retried by the next run."""
    root = Path(root).expanduser()
    report = RunReport()
    if not root.is_dir():  # no store yet: nothing to evaluate, and no folder is made
        return report
    with locked(root):
        alerts = read_alerts(root)
        findings: list[Finding] = []
        reader = None
        if (root / "manifest.json").exists():
            reader = StoreReader(root)
        try:
            if reader is not None:
                findings = evaluate(reader, rules, as_of=as_of)
            open_ = {a.key: a for a in alerts if a.active}
            now = _now()
            seen = set()
            for finding in findings:
                seen.add(finding.key)
                if finding.key in open_:
                    continue
                assert reader is not None
                message = compose(reader, finding, rules, base_url)
                alert = _alert(finding, message, now, len(alerts))
                alerts.append(alert)
                report.fired.append(alert)
            for key, alert in open_.items():
                if key not in seen:
                    alert.active, alert.ended_at = False, now
                    report.ended.append(alert)
        finally:
            if reader is not None:
                reader.close()
        if report.fired or report.ended:
            _write(root, alerts)
        for alert in alerts:
            if alert.acknowledged:  # an analyst has seen it: never sent after that
                continue
            missing = [t for t in targets if t.id not in alert.delivered]
            if not missing:
                continue
            errors = []
            for target in missing:
                try:
                    target.send(alert.title, alert.body)
                except NotifyError as exc:
                    errors.append(f"{target.label}: {exc}")
                    continue
                alert.delivered.append(target.id)
            alert.attempts += 1
            alert.last_error = "; ".join(errors) or None
            _write(root, alerts)
            if errors:
                report.failed.append((alert, alert.last_error or ""))
            else:
                report.delivered.append(alert)
        report.pending = sum(1 for a in alerts if not a.acknowledged and report_missing(a, targets))
    return report


def report_missing(alert: Alert, targets: list[Target]) -> bool:
    """True when some target has not got ``alert`` yet."""
    return any(t.id not in alert.delivered for t in targets)


def acknowledge(root: Path | str, alert_id: str, by: str | None = None) -> Alert:
    """Mark alert ``alert_id`` acknowledged (now, by ``by``); already acknowledged alerts
    keep their first acknowledgement. Raises :class:`StoreError` for an unknown id."""
    root = Path(root).expanduser()
    with locked(root):
        alerts = read_alerts(root)
        for alert in alerts:
            if alert.id == alert_id:
                if alert.acknowledged_at is None:
                    alert.acknowledged_at = _now()
                    alert.acknowledged_by = (by or "").strip()[:80] or None
                    _write(root, alerts)
                return alert
    raise StoreError(f"no alert {alert_id!r} in {root}")
