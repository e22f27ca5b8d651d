"""The Alerts page in a real browser: open an alert from its link, acknowledge it, and see
the acknowledgement, the counts and the address bar say so."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tension.dashboard.names import direction
from tension.data.monitor import load_rules, read_alerts, run
from tests.helpers import TIMEOUT_MS, goto, server_log_on_failure, shot, wait_ready

pytestmark = [pytest.mark.browser, pytest.mark.slow]

RULES = (
    '[watchlists]\nw = ["RUS-UKR"]\n\n'
    '[rules.war-of-words]\nwatchlist = "w"\nkind = "level"\nabove = 20\n'
)
AS_OF = date(2025, 6, 30)  # a hostile month of the demo corpus


def test_acknowledge_an_alert(page: Any, server: dict[str, Any]) -> None:
    store = server["store"]
    report = run(store, load_rules(RULES), [], base_url=server["url"], as_of=AS_OF)
    fired = {(a.src, a.tgt): a for a in read_alerts(store) if a.rule == "war-of-words"}
    assert set(fired) == {("RUS", "UKR"), ("UKR", "RUS")}, report
    alert = fired[("RUS", "UKR")]
    with server_log_on_failure(server):
        goto(page, f"{server['url']}/alerts?alert={alert.id}")
        heading = page.get_by_text(f"{direction('RUS', 'UKR')} · war-of-words", exact=True)
        heading.wait_for(timeout=TIMEOUT_MS)
        assert page.get_by_text(f"Figure: {alert.figure}").is_visible()
        assert page.get_by_text("2 alert(s) fired, 2 not acknowledged").is_visible()
        assert page.locator("blockquote").count() == 3
        page.get_by_label("Your name (optional)").fill("Dana")
        page.get_by_role("button", name="Acknowledge").click()
        done = page.get_by_text("by Dana.")
        done.wait_for(timeout=TIMEOUT_MS)
        wait_ready(page)
        assert done.inner_text().startswith("Acknowledged 20")
        assert page.get_by_text("2 alert(s) fired, 1 not acknowledged").is_visible()
        assert page.get_by_role("button", name="Acknowledge").count() == 0
        assert f"alert={alert.id}" in page.url and "acked=" not in page.url
        stored = {a.id: a for a in read_alerts(store)}
        assert stored[alert.id].acknowledged_by == "Dana"
        assert not stored[fired[("UKR", "RUS")].id].acknowledged
        shot(page, "alerts", focus=done)
