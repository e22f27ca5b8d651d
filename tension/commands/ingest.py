"""``tension ingest``: read files and folders, score them, publish them to the store."""

from __future__ import annotations

import sys

import click
from rich.console import Console

from data.ingest import ingest_documents, read_paths
from data.report import ingest_progress, print_summary
from data.scorers import make_scorer
from data.settings import resolve
from tension.options import setting_option


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@setting_option("db")
@setting_option("lexicon")
@click.option("--strict", is_flag=True, help="Exit non-zero when anything was quarantined.")
def command(paths: tuple[str, ...], db: str | None, lexicon: str | None, strict: bool) -> None:
    """Ingest PATHS (files or folders: .txt, .md, .jsonl) into the store.

    Re-running is safe: articles already stored are counted as duplicates. Bad inputs are
    quarantined with a reason and the rest of the batch goes on.

    \b
    Examples:
      tension ingest articles/
      tension ingest --db ./mystore statements.jsonl report.md
    """
    store = resolve("db", db)
    scorer = make_scorer(resolve("lexicon", lexicon))
    console = Console(stderr=True)
    with ingest_progress(console) as progress:
        report = ingest_documents(store, read_paths(paths), scorer=scorer, progress=progress)
    print_summary(console, report, store=str(store))
    if not report.ok or (strict and report.quarantined):
        sys.exit(1)
