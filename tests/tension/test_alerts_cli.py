"""``tension watch --rules`` and ``tension alerts`` on the demo store, as a user runs them:
a local feed brings hostile statements of the United States about China, a level rule and a
change rule fire, and every alert reaches each apprise target (``json://`` and ``form://``
pointed at a local webhook) exactly once, across restarts and a target that fails first."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import parse_qs

from tension.data.monitor import read_alerts
from tests.helpers import Recorder, html_page, recorder, run_tension

ARTICLES = {
    "/a1": (
        "2026-06-29",
        "Washington accused Beijing of reckless and dangerous provocation near the strait on "
        'Monday. "We will not tolerate these threats, and any aggression will be met with '
        'force," the State Department spokesman said.',
    ),
    "/a2": (
        "2026-06-29",
        "The United States condemned China for an aggressive blockade drill around the island. "
        '"This hostile escalation is a grave threat to peace," the White House said.',
    ),
    "/a3": (
        "2026-06-30",
        "The United States warned China that its incursions were an unacceptable provocation. "
        '"We will defend our allies against this aggression," the Pentagon said.',
    ),
}

RULES = """\
[watchlists]
us_china = ["CHN-USA"]

[rules.us-china-hot]
watchlist = "us_china"
kind = "level"
above = 20
window = 4
min_n = 3

[rules.us-china-rising]
watchlist = "us_china"
kind = "change"
days = 60
min_n = 3
"""

EXPECTED = {("us-china-hot", "USA", "CHN"), ("us-china-rising", "USA", "CHN")}


def _site(server: Recorder) -> None:
    items = "".join(
        f"<item><title>Story {path}</title><link>{server.base}{path}</link></item>"
        for path in ARTICLES
    )
    server.pages["/rss"] = (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}'
        "</channel></rss>".encode(),
        "application/rss+xml",
    )
    for path, (day, text) in ARTICLES.items():
        server.pages[path] = (html_page(f"Story {path}", text, day), "text/html; charset=utf-8")


def test_watch_and_alerts_send_each_demo_alert_once(demo_store: Path, tmp_path: Path) -> None:
    db = tmp_path / "store"
    shutil.copytree(demo_store, db)
    rules = tmp_path / "rules.toml"
    rules.write_text(RULES, encoding="utf-8")
    with recorder() as server:
        _site(server)
        server.fail_posts["/flaky"] = 2  # the first two sends to this target fail
        port = server.base.rsplit(":", 1)[1]
        notify = (
            f"json://127.0.0.1:{port}/json-hook form://127.0.0.1:{port}/form-hook "
            f"json://127.0.0.1:{port}/flaky"
        )
        common = [
            "--db",
            str(db),
            "--rules",
            str(rules),
            "--notify",
            notify,
            "--dashboard-url",
            "http://dash.test:8501",
        ]

        # the demo store alone: its last weeks are calm, nothing fires
        done = run_tension("alerts", *common)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "fired:" not in done.stdout and server.posts == []

        watch = ["watch", "--feed", f"{server.base}/rss", "--allow-private", "--rounds", "1"]
        done = run_tension(*watch, *common)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "new 3" in done.stderr, done.stderr
        assert done.stdout.count("fired: ") == 2, done.stdout
        assert done.stdout.count("not sent (retried next time)") == 2, done.stdout
        fired = {(a.rule, a.src, a.tgt) for a in read_alerts(db)}
        assert fired == EXPECTED
        assert len(server.bodies("/json-hook")) == 2 and len(server.bodies("/form-hook")) == 2
        assert server.bodies("/flaky") == []

        # a restart of watch: nothing fires again; the failed target gets its two alerts
        done = run_tension(*watch, *common)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "fired: " not in done.stdout and done.stdout.count("sent: ") == 2, done.stdout
        # and a cron run afterwards: nothing at all
        done = run_tension("alerts", *common)
        assert done.returncode == 0 and done.stdout == "", done.stdout + done.stderr

        for path in ("/json-hook", "/form-hook", "/flaky"):
            assert len(server.bodies(path)) == 2, path
        messages = [json.loads(b) for b in server.bodies("/json-hook")]
        forms = [parse_qs(b.decode()) for b in server.bodies("/form-hook")]
        assert sorted(m["title"] for m in messages) == sorted(f["title"][0] for f in forms)
        assert [json.loads(b)["title"] for b in server.bodies("/flaky")] == [
            m["title"] for m in messages
        ]

    alerts = {a.rule: a for a in read_alerts(db)}
    for message in messages:
        rule = next(r for r in alerts if f"— {r} (" in message["title"])
        alert = alerts[rule]
        body = message["message"]
        assert "United States → China (USA→CHN)" in message["title"]
        assert f"Figure: {alert.figure}" in body
        assert f"Rule: {rule} (" in body
        assert "Dashboard: http://dash.test:8501/timeline?pair=CHN-USA&from=" in body
        assert (
            "Statements: http://dash.test:8501/statements?src=USA&tgt=CHN&from="
            f"{alert.start}&to=2026-06-30&order=intensity" in body
        )
        assert len(alert.quotes) == 3
        for quote in alert.quotes:
            assert f'"{quote["text"]}"' in body
    assert alerts["us-china-hot"].value > 20
    assert "rose from" in alerts["us-china-rising"].figure

    # the store with its alert state is still a sound store
    done = run_tension("check", "--db", str(db))
    assert done.returncode == 0, done.stdout + done.stderr


def test_alerts_needs_a_rules_file_and_reports_a_bad_one(tmp_path: Path) -> None:
    done = run_tension("alerts", "--db", str(tmp_path / "db"))
    assert done.returncode == 2 and "no rules file" in done.stderr
    bad = tmp_path / "rules.toml"
    bad.write_text('[watchlists]\nw = ["USA-XYZ"]\n', encoding="utf-8")
    done = run_tension("alerts", "--db", str(tmp_path / "db"), "--rules", str(bad))
    assert done.returncode == 1
    assert f"Error: {bad} line 2: watchlist 'w': unknown country code 'XYZ'" in done.stderr
    done = run_tension(
        "watch", "--feed", "http://127.0.0.1:9/rss", "--rules", str(bad), "--rounds", "1"
    )
    assert done.returncode == 1 and "unknown country code 'XYZ'" in done.stderr
    good = tmp_path / "good.toml"
    good.write_text("", encoding="utf-8")
    done = run_tension("alerts", "--rules", str(good), "--notify", "nosuch://x")
    assert done.returncode == 1 and "is not an apprise URL" in done.stderr
