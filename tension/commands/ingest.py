"""``tension ingest``: read files, folders, URLs and feeds, score them, publish them."""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Iterator
from datetime import date

import click
from rich.console import Console

from tension.data.ingest import (
    Document,
    Rejected,
    feed_urls_from_file,
    ingest_documents,
    parse_column_map,
    parse_country,
    read_feeds,
    read_paths,
    read_urls,
    with_speaker,
)
from tension.data.settings import resolve
from tension.options import (
    DATE,
    allow_private_option,
    executor_options,
    feed_options,
    open_executor,
    resolve_spec,
    scorer_options,
    setting_option,
)
from tension.report import ingest_progress, print_summary, printable


def _is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def gather(
    sources: tuple[str, ...],
    feeds: list[str],
    store: object,
    *,
    columns: dict[str, str],
    default_date: date | None,
    allow_private: bool,
    deadline: float,
    speaker: str | None = None,
    country: str | None = None,
) -> Iterator[Document | Rejected]:
    """Every input, in order: files and folders, then URLs (both with ``speaker`` and
    ``country`` where they name none), then feeds' new entries."""
    paths = [s for s in sources if not _is_url(s)]
    urls = [s for s in sources if _is_url(s)]
    yield from with_speaker(
        read_paths(paths, columns=columns, default_date=default_date), speaker, country
    )
    for item in with_speaker(
        read_urls(urls, allow_private=allow_private, deadline=deadline), speaker, country
    ):
        if isinstance(item, Document) and item.published is None and default_date:
            item = dataclasses.replace(item, published=default_date)
        yield item
    if feeds:
        yield from read_feeds(
            feeds,
            store,  # type: ignore[arg-type]
            allow_private=allow_private,
            deadline=deadline,
        )


def feed_list(feed: tuple[str, ...], feeds_file: tuple[str, ...]) -> list[str]:
    out = list(feed)
    for path in feeds_file:
        try:
            out += feed_urls_from_file(path)
        except OSError as exc:
            raise click.ClickException(f"{path}: cannot read ({exc.strerror})") from exc
    return out


@click.command("ingest")
@click.argument("sources", nargs=-1)
@feed_options
@click.option(
    "--columns",
    metavar="FIELD=COLUMN,...",
    help="Column names of CSV/JSON inputs, e.g. text=body,date=published_at.",
)
@click.option("--date", "date_", type=DATE, help="Date for inputs that have none.")
@click.option(
    "--speaker",
    metavar="NAME",
    help="Who speaks in every file, folder and URL given that names nobody (a speech, a press "
    "release, a briefing): their sentences become this speaker's statements.",
)
@click.option(
    "--country",
    metavar="COUNTRY",
    help="The speaker's country for those inputs: a name or an ISO code (AZE, AZ, Azerbaijan).",
)
@allow_private_option
@click.option("--strict", is_flag=True, help="Exit non-zero when anything was quarantined.")
@click.option("--batch-size", type=click.IntRange(1), default=200, show_default=True,
              help="Documents per all-or-nothing batch.")  # fmt: skip
@setting_option("db")
@setting_option("fetch_deadline")
@scorer_options
@executor_options
def command(
    sources: tuple[str, ...],
    feed: tuple[str, ...],
    feeds_file: tuple[str, ...],
    columns: str | None,
    date_: date | None,
    speaker: str | None,
    country: str | None,
    allow_private: bool,
    strict: bool,
    batch_size: int,
    db: str | None,
    fetch_deadline: float | None,
    lexicon: str | None,
    officials: str | None,
    workers: int | None,
    scheduler: str | None,
) -> None:
    """Ingest SOURCES (files, folders, http(s) URLs) and feeds into the store.

    Files: .txt .md .pdf .html .htm .json .jsonl .csv, also compressed (.gz .bz2 .xz);
    folders are read recursively, a folder of the UN General Debate Corpus
    (AZE_75_2020.txt: country, session, year) as its countries' speeches. A document with a
    speaker or country (--speaker/--country, a record's fields, a text file's header) is that
    speaker's statement. See docs/input-formats.md. Re-running is safe: what is already
    stored counts as duplicate, a feed's seen entries are skipped. Bad inputs are quarantined
    with a one-line reason and the rest goes on; the exit status is 1 only when nothing could
    be ingested (or, with --strict, when anything was quarantined).

    \b
    Examples:
      tension ingest articles/ statements.jsonl
      tension ingest export.csv --columns text=body,date=published_at
      tension ingest statement.pdf --speaker "Ministry of Foreign Affairs" --country AZE
      tension ingest "UNGDC 1946-2023/"
      tension ingest https://example.org/news/story.html
      tension ingest --feed https://example.org/rss.xml --feeds my-feeds.opml
      tension ingest archive/ --workers 4
      tension ingest archive/ --scheduler tcp://scheduler.example.org:8786
    """
    try:
        column_map = parse_column_map(columns)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="'--columns'") from exc
    try:
        country_code = parse_country(country)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="'--country'") from exc
    feeds = feed_list(feed, feeds_file)
    if not sources and not feeds:
        raise click.UsageError("nothing to ingest: give files, folders, URLs or --feed")
    store = resolve("db", db)
    spec = resolve_spec(lexicon, officials)
    console = Console(stderr=True)
    items = gather(
        sources,
        feeds,
        store,
        columns=column_map,
        default_date=date_,
        allow_private=allow_private,
        speaker=(speaker or "").strip() or None,
        country=country_code,
        deadline=float(resolve("fetch_deadline", fetch_deadline)),
    )
    with open_executor(workers, scheduler, spec) as executor, ingest_progress(console) as progress:
        report = ingest_documents(
            store,
            items,
            spec=spec,
            progress=progress,
            batch_size=batch_size,
            executor=executor,
            on_wait=lambda message: console.print(
                printable(message), markup=False, highlight=False, soft_wrap=True
            ),
        )
    print_summary(console, report, store=str(store))
    if report.seen == 0:
        console.print("Nothing new to ingest.", markup=False)
        return
    if not report.ok or (strict and report.quarantined):
        sys.exit(1)
