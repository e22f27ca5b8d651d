"""``tension watch``: poll feeds every N minutes and ingest their new entries until stopped."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import click
from rich.console import Console

from tension.commands.ingest import feed_list
from tension.data.ingest import ingest_documents, read_feeds
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

    \b
    Examples:
      tension watch --feed https://example.org/rss.xml --every 30
      tension watch --feeds my-feeds.opml
    """
    feeds = feed_list(feed, feeds_file)
    if not feeds:
        raise click.UsageError("no feeds: give --feed URL or --feeds FILE")
    store = resolve("db", db)
    spec = resolve_spec(lexicon, officials)
    deadline = float(resolve("fetch_deadline", fetch_deadline))
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
                done += 1
                if rounds is not None and done >= rounds:
                    return
                time.sleep(every * 60)
    except KeyboardInterrupt:
        console.print("stopped", markup=False)
