"""The Alerts page through AppTest: the list, an alert opened from the URL, acknowledging it
(kept in the store), and the rules editor that checks before it saves."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from tension.data.monitor import load_rules, read_alerts, run

RULES = (
    '[watchlists]\nw = ["CHN-USA"]\n\n'
    '[rules.hot]\nwatchlist = "w"\nkind = "level"\nabove = 30\nwindow = 2\nmin_n = 5\n\n'
    '[rules.rising]\nwatchlist = "w"\nkind = "change"\ndays = 21\nmin_n = 5\n'
)


@pytest.fixture()
def alerted(us_china_store: Path, tmp_path: Path) -> Path:
    root = tmp_path / "store"
    shutil.copytree(us_china_store, root)
    report = run(root, load_rules(RULES), [], base_url="http://dash.test")
    assert len(report.fired) == 2
    return root


def _ok(at: Any) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def _table(at: Any) -> Any:
    return at.dataframe[0].value


def test_the_page_lists_alerts_and_opens_one(open_page: Any, alerted: Path) -> None:
    at = open_page(alerted, "alerts")
    _ok(at)
    table = _table(at)
    assert sorted(table["rule"]) == ["hot", "rising"]
    assert set(table["pair"]) == {"USA→CHN (United States → China)"}
    assert all(s.startswith("open · not sent yet") for s in table["status"])
    assert "2 alert(s) fired, 2 not acknowledged" in at.caption[0].value
    hot = next(a for a in read_alerts(alerted) if a.rule == "hot")
    at = open_page(alerted, "alerts", alert=hot.id)
    _ok(at)
    assert at.subheader[0].value == "USA→CHN (United States → China) · hot"
    texts = [t.value for t in at.text]
    assert f"Figure: {hot.figure}" in texts
    quotes = [m.value for m in at.markdown if m.value.startswith(">")]
    assert len(quotes) == 3 and "dangerous provocation" in quotes[0]
    at.button(key="alerts.statements").click().run()
    _ok(at)
    assert at.query_params["src"] == "USA" and at.query_params["tgt"] == "CHN"
    assert at.query_params["from"] == hot.start and at.query_params["order"] == "intensity"


def test_acknowledging_keeps_it_in_the_store_and_hides_it(open_page: Any, alerted: Path) -> None:
    hot = next(a for a in read_alerts(alerted) if a.rule == "hot")
    at = open_page(alerted, "alerts", alert=hot.id)
    at.text_input(key="alerts.who").input("Dana").run()
    at.button(key="alerts.ack").click().run()
    _ok(at)
    stored = {a.id: a for a in read_alerts(alerted)}[hot.id]
    assert stored.acknowledged_by == "Dana" and stored.acknowledged_at
    assert any("Acknowledged" in s.value and "by Dana" in s.value for s in at.success)
    assert list(_table(at)["rule"]) == ["rising"]  # acknowledged ones are hidden...
    at.toggle(key="alerts.acked").set_value(True).run()
    assert sorted(_table(at)["rule"]) == ["hot", "rising"]  # ...until asked for
    assert at.query_params["acked"] == "1" and at.query_params["alert"] == hot.id


def test_a_bad_alert_id_in_the_url_is_ignored(open_page: Any, alerted: Path) -> None:
    at = open_page(alerted, "alerts", alert="../../etc")
    _ok(at)
    assert not at.subheader or at.subheader[0].value == "Rules"


def test_the_rules_editor_checks_before_it_saves(
    open_page: Any, alerted: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(RULES, encoding="utf-8")
    monkeypatch.setenv("TENSION_RULES", str(path))
    at = open_page(alerted, "alerts")
    _ok(at)
    box = at.text_area(key="alerts.rules")
    assert box.value == RULES
    bad = RULES.replace("above = 30", "above = 300")
    box.input(bad).run()
    at.button(key="alerts.save").click().run()
    assert [e.value.replace("\\", "") for e in at.error] == [  # shown escaped, as text
        f"{path} line 7: rule 'hot': above must be a number from 0 to 100, got int 300"
    ]
    assert path.read_text(encoding="utf-8") == RULES  # not saved
    good = RULES.replace("above = 30", "above = 35")
    at.text_area(key="alerts.rules").input(good).run()
    at.button(key="alerts.check").click().run()
    assert any(s.value.startswith("Valid: 1 watchlist(s), 2 rule(s)") for s in at.success)
    assert path.read_text(encoding="utf-8") == RULES  # checking does not save
    at.button(key="alerts.save").click().run()
    _ok(at)
    assert any(
        s.value.startswith("Saved: 1 watchlist(s), 2 rule(s): hot, rising") for s in at.success
    )
    assert path.read_text(encoding="utf-8") == good


def test_without_alerts_or_rules_the_page_says_what_to_do(
    open_page: Any, empty_store: Path
) -> None:
    at = open_page(empty_store, "alerts")
    _ok(at)
    infos = " ".join(i.value for i in at.info)
    assert "tension watch --rules FILE" in infos and "No rules file" in infos
