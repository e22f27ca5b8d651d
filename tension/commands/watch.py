"""``tension watch``: poll feeds every N minutes and ingest their new entries until stopped."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import click
from rich.console import Console

from tension.commands.alerts import run_alerts
from tension.commands.ingest import feed_list
from tension.data.errors import DataError
from tension.data.ingest import ingest_documents, read_feeds
from tension.data.monitor import apprise_targets, read_rules
from tension.data.settings import resolve
from tension.options import (
    FINITE_MINUTES,
    allow_private_option,
    executor_options,
    feed_options,
    open_executor,
    resolve_spec,
    scorer_options,
    setting_option,
)
from tension.report import printable


@click.command("watch")
@feed_options
@click.option(
    "--every",
    type=FINITE_MINUTES,
    default=15.0,
    show_default=True,
    help="Minutes between polls.",
)
@click.option("--rounds", type=click.IntRange(1), default=None, help="Stop after N polls.")
@allow_private_option
@setting_option("db")
@setting_option("fetch_deadline")
@setting_option("rules")
@setting_option("notify")
@setting_option("dashboard_url")
@scorer_options
@executor_options
def command(
    feed: tuple[str, ...],
    feeds_file: tuple[str, ...],
    every: float,
    rounds: int | None,
    allow_private: bool,
    db: str | None,
    fetch_deadline: float | None,
    rules: str | None,
    notify: str | None,
    dashboard_url: str | None,
    lexicon: str | None,
    officials: str | None,
    workers: int | None,
    scheduler: str | None,
) -> None:
    """Poll feeds and ingest new entries every N minutes, until stopped (Ctrl-C).

    Each poll publishes its own batch: the dashboard shows new articles within seconds.
    A feed that fails is reported and retried on the next poll; an article page that fails
    for a passing reason (a server error, a time-out) is retried on later polls with a
    growing wait, one that fails for good (404, not a page) is quarantined once.

    With --rules, the alert rules are evaluated after every poll (as `tension alerts` does)
    and each new alert is sent once to every --notify target; a failed send is retried
    after the next poll.

    \b
    Examples:
      tension watch --feed https://example.org/rss.xml --every 30
      tension watch --feeds my-feeds.opml
      tension watch --feeds my-feeds.opml --rules rules.toml --notify "json://localhost/hook"
    """
    feeds = feed_list(feed, feeds_file)
    if not feeds:
        raise click.UsageError("no feeds: give --feed URL or --feeds FILE")
    store = resolve("db", db)
    spec = resolve_spec(lexicon, officials)
    deadline = float(resolve("fetch_deadline", fetch_deadline))
    if (rules_path := resolve("rules", rules)) is not None:
        read_rules(rules_path)  # a bad rules file stops watch before the first poll
        apprise_targets(resolve("notify", notify))
    console = Console(stderr=True)
    done = 0
    try:
        with open_executor(workers, scheduler, spec) as executor:  # one pool for every poll
            while True:
                report = ingest_documents(
                    store,
                    read_feeds(feeds, store, allow_private=allow_private, deadline=deadline),
                    spec=spec,
                    executor=executor,
                    on_wait=lambda message: console.print(
                        printable(message), markup=False, highlight=False, soft_wrap=True
                    ),
                )
                stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")
                console.print(
                    f"{stamp} new {report.new} · duplicate {report.duplicate} · "
                    f"quarantined {len(report.quarantined)}",
                    markup=False,
                    highlight=False,
                )
                for item in report.quarantined:
                    later = " (retried on a later poll)" if item.transient else ""
                    console.print(
                        printable(f"  quarantined: {item}{later}"),
                        markup=False,
                        highlight=False,
                        soft_wrap=True,
                    )
                if rules_path is not None:
                    try:
                        run_alerts(str(store), str(rules_path), notify, dashboard_url)
                    except DataError as exc:  # a rules file broken since: keep watching
                        console.print(printable(f"alerts: {exc}"), markup=False, highlight=False)
                done += 1
                if rounds is not None and done >= rounds:
                    return
                time.sleep(every * 60)
    except KeyboardInterrupt:
        console.print("stopped", markup=False)
