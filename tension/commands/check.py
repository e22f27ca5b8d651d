"""``tension check``: verify the store against its manifest and the checksums written at
publish."""

from __future__ import annotations

import sys

import click
from rich.console import Console

from tension.data.settings import resolve
from tension.options import setting_option
from tension.report import printable


@click.command("check")
@setting_option("db")
def command(db: str | None) -> None:
    """Check the store: the manifest, and every batch's files (present, sizes, checksums
    written at publish, Parquet schema, rows); also what does not belong in it.

    Changes nothing. Exits 1 when something needs `tension repair`, 0 when all is well.
    Reads every file once: about a second per few hundred MB.

    \b
    Example:
      tension check --db ./store
    """
    from tension.data.store.check import Severity, check_store

    store = resolve("db", db)
    report = check_store(store)
    console = Console()
    for finding in report.findings:
        console.print(printable(finding), markup=False, highlight=False, soft_wrap=True)
    live = len(report.intact) + len(report.damaged)
    damaged = sum(f.severity is Severity.DAMAGE for f in report.findings)
    stray = sum(f.severity is Severity.STRAY for f in report.findings)
    if report.ok:
        console.print(
            printable(f"{store}: OK, {live} batches intact"), markup=False, highlight=False
        )
        return
    console.print(
        printable(
            f"{store}: {damaged} damaged, {stray} not belonging; {len(report.intact)} of "
            f"{live} listed batches intact. Run `tension repair` (it keeps a backup)."
        ),
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
    sys.exit(1)
