"""Showing an ingest's progress and summary in a terminal (rich)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from data.ingest.pipeline import IngestReport


@contextmanager
def ingest_progress(console: Console) -> Iterator[Callable[[IngestReport], None]]:
    """A live line with counts of new / duplicate / quarantined; a no-op when not a terminal."""
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as bar:
        task = bar.add_task("ingesting", total=None)

        def update(report: IngestReport) -> None:
            bar.update(
                task,
                description=(
                    f"new {report.new} · duplicate {report.duplicate} · "
                    f"quarantined {len(report.quarantined)}"
                ),
            )

        yield update


def print_summary(console: Console, report: IngestReport, *, store: str) -> None:
    table = Table(title=f"Ingest into {store}", show_header=True)
    table.add_column("new", justify="right")
    table.add_column("duplicate", justify="right")
    table.add_column("statements", justify="right")
    table.add_column("undated", justify="right")
    table.add_column("quarantined", justify="right")
    table.add_row(
        str(report.new),
        str(report.duplicate),
        str(report.statements),
        str(len(report.undated)),
        str(len(report.quarantined)),
    )
    console.print(table)
    for source in report.undated[:20]:
        console.print(f"undated (kept without a date): {source}", markup=False, highlight=False)
    for item in report.quarantined:
        console.print(f"quarantined: {item}", markup=False, highlight=False)
