"""``tension repair``: take damaged batches and stray folders out of the store (into a
backup), keep everything intact, rebuild the manifest when it is lost."""

from __future__ import annotations

import click
from rich.console import Console

from tension.data.settings import resolve
from tension.options import resolve_spec, scorer_options, setting_option
from tension.report import printable


@click.command("repair")
@setting_option("db")
@scorer_options
def command(db: str | None, lexicon: str | None, officials: str | None) -> None:
    """Repair the store after `tension check` found damage.

    Damaged batches and stray folders are moved into repairs/<time>/ inside the store (a
    backup: nothing is deleted); what was intact in a damaged batch is published again
    (statements are rebuilt from intact article texts with --lexicon and --officials);
    a lost or garbled manifest is rebuilt from the batches' own records. Prints exactly
    what was dropped and the command that ingests it again; the same goes to REPORT.txt
    in the backup. A healthy store is left unchanged.

    \b
    Example:
      tension check --db ./store || tension repair --db ./store
    """
    from tension.data.ingest.rescore import rebuild_batch
    from tension.data.store.repair import repair_store

    store = resolve("db", db)
    spec = resolve_spec(lexicon, officials)
    console = Console()
    report = repair_store(
        store,
        rebuild=rebuild_batch(spec),
        on_wait=lambda msg: console.print(
            printable(msg), markup=False, highlight=False, soft_wrap=True
        ),
    )
    for line in report.lines():
        console.print(printable(line), markup=False, highlight=False, soft_wrap=True)
