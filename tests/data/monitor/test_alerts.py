"""Alerts kept in the store: one per episode, sent once to each target, retried after a
failed send, acknowledged, never reset by a damaged state file."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tension.data.errors import StoreError
from tension.data.monitor import NotifyError, Target, acknowledge, load_rules, read_alerts, run
from tests.helpers import US_CHINA_FIRST
from tests.helpers import US_CHINA_HOSTILE_FROM as HOSTILE_FROM

RULES = load_rules(
    '[watchlists]\nw = ["CHN-USA"]\n\n'
    '[rules.hot]\nwatchlist = "w"\nkind = "level"\nabove = 30\nwindow = 2\nmin_n = 5\n'
)
BASE = "http://dash.example:8501/"


class Inbox:
    """A target that records what it got; ``fail`` makes it refuse."""

    def __init__(self, name: str) -> None:
        self.got: list[tuple[str, str]] = []
        self.fail = False
        self.target = Target(id=name, label=name, send=self.send)

    def send(self, title: str, body: str) -> None:
        if self.fail:
            raise NotifyError("connection refused")
        self.got.append((title, body))


def test_an_alert_fires_and_is_sent_once_across_runs(us_china_copy: Path) -> None:
    inbox = Inbox("a")
    first = run(us_china_copy, RULES, [inbox.target], base_url=BASE)
    assert [(a.rule, a.src, a.tgt) for a in first.fired] == [("hot", "USA", "CHN")]
    assert len(inbox.got) == 1
    title, body = inbox.got[0]
    assert "United States → China (USA→CHN)" in title and "hot" in title
    alert = first.fired[0]
    assert f"Figure: {alert.figure}" in body
    assert "Rule: hot (level): rolling mean of 2 week(s) above 30" in body
    since = date.fromisoformat(alert.start) - (
        date.fromisoformat(alert.end) - date.fromisoformat(alert.start) + timedelta(days=1)
    )
    assert (
        f"Dashboard: http://dash.example:8501/timeline?pair=CHN-USA&from={since}"
        f"&to={alert.end}&bucket=week" in body
    )
    assert (
        f"Statements: http://dash.example:8501/statements?src=USA&tgt=CHN&from={alert.start}"
        f"&to={alert.end}&order=intensity" in body
    )
    assert len(alert.quotes) == 3
    assert [q["intensity"] for q in alert.quotes] == sorted(
        (q["intensity"] for q in alert.quotes), reverse=True
    )
    assert all("dangerous provocation" in q["text"] for q in alert.quotes)
    assert f'"{alert.quotes[0]["text"]}"' in body
    for _ in range(2):  # later runs, as after a restart: the episode is still open
        again = run(us_china_copy, RULES, [inbox.target], base_url=BASE)
        assert again.fired == [] and again.delivered == []
    assert len(inbox.got) == 1
    assert [a.id for a in read_alerts(us_china_copy)] == [alert.id]


def test_a_failed_send_is_retried_and_only_where_it_failed(us_china_copy: Path) -> None:
    good, flaky = Inbox("good"), Inbox("flaky")
    flaky.fail = True
    report = run(us_china_copy, RULES, [good.target, flaky.target], base_url=BASE)
    assert len(report.fired) == 1 and len(report.failed) == 1
    assert "flaky: connection refused" in report.failed[0][1]
    assert report.pending == 1
    (stored,) = read_alerts(us_china_copy)
    assert stored.delivered == ["good"] and stored.attempts == 1
    flaky.fail = False
    report = run(us_china_copy, RULES, [good.target, flaky.target], base_url=BASE)
    assert report.fired == [] and len(report.delivered) == 1 and report.pending == 0
    assert len(good.got) == 1 and len(flaky.got) == 1
    assert good.got == flaky.got  # the retry sends the words of the alert as it fired
    (stored,) = read_alerts(us_china_copy)
    assert stored.last_error is None and sorted(stored.delivered) == ["flaky", "good"]


def test_an_episode_ends_and_a_new_one_is_a_new_alert(us_china_copy: Path) -> None:
    calm = HOSTILE_FROM - timedelta(days=1)
    hot = HOSTILE_FROM + timedelta(days=10)
    assert run(us_china_copy, RULES, [], base_url=BASE, as_of=calm).fired == []
    first = run(us_china_copy, RULES, [], base_url=BASE, as_of=hot).fired
    ended = run(us_china_copy, RULES, [], base_url=BASE, as_of=calm).ended
    assert [a.id for a in ended] == [a.id for a in first]
    second = run(us_china_copy, RULES, [], base_url=BASE, as_of=hot).fired
    assert len(second) == 1 and second[0].id != first[0].id
    stored = read_alerts(us_china_copy)
    assert [a.active for a in stored] == [False, True]


def test_acknowledged_alerts_are_kept_and_not_sent(us_china_copy: Path) -> None:
    (alert,) = run(us_china_copy, RULES, [], base_url=BASE).fired
    acked = acknowledge(us_china_copy, alert.id, "  Dana  ")
    assert acked.acknowledged_by == "Dana" and acked.acknowledged_at
    again = acknowledge(us_china_copy, alert.id, "Someone else")
    assert again.acknowledged_by == "Dana"  # the first acknowledgement stands
    inbox = Inbox("late")
    report = run(us_china_copy, RULES, [inbox.target], base_url=BASE)
    assert inbox.got == [] and report.pending == 0
    with pytest.raises(StoreError, match="no alert 'nope'"):
        acknowledge(us_china_copy, "nope")


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b'{"alerts": []}',
        b'{"store": "tension-dashboard", "version": 99, "alerts": []}',
    ],
)
def test_a_damaged_state_is_an_error_not_a_reset(us_china_copy: Path, content: bytes) -> None:
    (us_china_copy / "alerts.json").write_bytes(content)
    with pytest.raises(StoreError, match=r"alerts\.json"):
        run(us_china_copy, RULES, [], base_url=BASE)
    assert (us_china_copy / "alerts.json").read_bytes() == content


def test_the_state_file_is_json_of_the_store(us_china_copy: Path) -> None:
    run(us_china_copy, RULES, [], base_url=BASE)
    doc = json.loads((us_china_copy / "alerts.json").read_text())
    assert doc["store"] == "tension-dashboard" and len(doc["alerts"]) == 1
    leftovers = [p.name for p in us_china_copy.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(days=st.lists(st.integers(min_value=90, max_value=140), min_size=1, max_size=5))
def test_alerts_fire_once_per_start_of_an_episode(
    us_china_store: Path, tmp_path_factory: pytest.TempPathFactory, days: list[int]
) -> None:
    """Whatever order evaluations come in, an alert fires exactly when a rule starts to hold
    for a pair (it did not hold at the previous evaluation), and never twice in a row."""
    from tension.data.monitor import evaluate
    from tension.data.store import StoreReader

    root = tmp_path_factory.mktemp("episodes") / "store"
    shutil.copytree(us_china_store, root)
    reader = StoreReader(us_china_store)
    held: set[str] = set()
    for offset in days:
        as_of = US_CHINA_FIRST + timedelta(days=offset)
        now = {f.key for f in evaluate(reader, RULES, as_of=as_of)}
        report = run(root, RULES, [], base_url=BASE, as_of=as_of)
        assert {a.key for a in report.fired} == now - held
        assert {a.key for a in report.ended} == held - now
        held = now
    stored = read_alerts(root)
    assert sum(a.active for a in stored) == len(held)
    assert len({a.id for a in stored}) == len(stored)  # ids are unique, even within a second


def test_two_runs_at_once_send_an_alert_once(us_china_copy: Path) -> None:
    """``tension watch`` and a cron ``tension alerts`` at the same moment: the alert lock
    makes the second wait, and it then finds the alert sent."""
    import threading

    sending = threading.Event()
    release = threading.Event()
    got: list[str] = []

    def slow_send(title: str, body: str) -> None:
        got.append(title)
        sending.set()
        release.wait(30)

    target = Target(id="slow", label="slow", send=slow_send)
    reports = []
    first = threading.Thread(
        target=lambda: reports.append(run(us_china_copy, RULES, [target], base_url=BASE))
    )
    first.start()
    assert sending.wait(30)  # the first run is inside its send, holding the lock
    second = threading.Thread(
        target=lambda: reports.append(run(us_china_copy, RULES, [target], base_url=BASE))
    )
    second.start()
    release.set()
    first.join(30)
    second.join(30)
    assert len(got) == 1 and len(reports) == 2
    assert sorted(len(r.fired) for r in reports) == [0, 1]
