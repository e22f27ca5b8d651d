"""``tension demo``: load the illustrative demo corpus."""

from __future__ import annotations

import click
from rich.console import Console

from tension.data.demo import DEMO_NOTICE, iter_demo_articles
from tension.data.ingest import documents_from_records, ingest_documents
from tension.data.settings import resolve
from tension.options import resolve_spec, scorer_options, setting_option
from tension.report import ingest_progress, print_summary, printable


@click.command("demo")
@setting_option("db")
@scorer_options
@click.option("--if-empty", is_flag=True, help="Do nothing when the store already has articles.")
def command(db: str | None, lexicon: str | None, officials: str | None, if_empty: bool) -> None:
    """Load the demo corpus (illustrative articles written for this project) into the store.

    \b
    Example:
      tension demo --db ./demo-store
    """
    from tension.data.store import StoreReader
    from tension.data.store.queries import summary

    store = resolve("db", db)
    console = Console(stderr=True)
    if if_empty and summary(StoreReader(store)).articles:
        console.print(f"Store {store} already has data; demo not loaded.", markup=False)
        return
    spec = resolve_spec(lexicon, officials)
    console.print(DEMO_NOTICE, markup=False)
    records = ((f"demo:{r['id']}", r) for r in iter_demo_articles())
    with ingest_progress(console) as progress:
        report = ingest_documents(
            store,
            documents_from_records(records),
            spec=spec,
            progress=progress,
            on_wait=lambda message: console.print(
                printable(message), markup=False, highlight=False, soft_wrap=True
            ),
        )
    print_summary(console, report, store=str(store))
