"""Showing an ingest's progress and summary in a terminal (rich): the CLI's side of
:class:`tension.data.ingest.IngestReport`."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from tension.data.ingest.pipeline import IngestReport

MAX_LINES = 50
"""Reasons and undated sources listed one per line before the rest is summarised."""

_UNPRINTABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f"  # C0 and C1 controls: ESC sequences, new lines, bells
    "\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"  # direction marks
)


def printable(text: object) -> str:
    """``text`` safe to print on a terminal: control characters (ESC sequences, new lines)
    and bidirectional overrides (U+202E) written as escapes such as ``\\x1b`` and
    ``\\u202e``. File names, URLs and server messages go through this before printing."""
    return _UNPRINTABLE.sub(lambda m: _escape(m.group()), str(text))


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


@contextmanager
def ingest_progress(
    console: Console, total: int | None = None
) -> Iterator[Callable[[IngestReport], None]]:
    """A live bar with counts of new / duplicate / quarantined (``total`` inputs when known);
    a no-op when the console is not a terminal."""
    with Progress(
        SpinnerColumn(),
        BarColumn(),
        TextColumn("{task.completed} read"),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as bar:
        task = bar.add_task("starting", total=total)

        def update(report: IngestReport) -> None:
            bar.update(
                task,
                completed=report.seen,
                description=(
                    f"new {report.new} · duplicate {report.duplicate} · "
                    f"quarantined {len(report.quarantined)}"
                ),
            )

        yield update


def summary_lines(report: IngestReport, limit: int = MAX_LINES) -> list[str]:
    """One line per refused input and per undated article (at most ``limit`` of each)."""
    lines = [f"quarantined: {item}" for item in report.quarantined[:limit]]
    if len(report.quarantined) > limit:
        reasons = Counter(item.reason.split(" (")[0] for item in report.quarantined[limit:])
        lines += [f"quarantined: {n} more: {reason}" for reason, n in reasons.most_common()]
    lines += [f"undated (kept without a date): {s}" for s in report.undated[:limit]]
    if len(report.undated) > limit:
        lines.append(f"undated: {len(report.undated) - limit} more")
    lines += [f"note: {note}" for note in report.notes[:limit]]
    if len(report.notes) > limit:
        lines.append(f"notes: {len(report.notes) - limit} more")
    return [printable(line) for line in lines]


def print_summary(console: Console, report: IngestReport, *, store: str) -> None:
    table = Table(title=f"Ingest into {store}", show_header=True)
    for name in ("new", "of which syndicated", "duplicate", "statements", "undated"):
        table.add_column(name, justify="right")
    table.add_column("quarantined", justify="right", style="red" if report.quarantined else None)
    table.add_row(
        str(report.new),
        str(report.syndicated),
        str(report.duplicate),
        str(report.statements),
        str(len(report.undated)),
        str(len(report.quarantined)),
    )
    console.print(table)
    for line in summary_lines(report):
        console.print(line, markup=False, highlight=False, soft_wrap=True)
