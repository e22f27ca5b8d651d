"""``tension export``: statements, articles, per-pair series and annotations to CSV or
Parquet."""

from __future__ import annotations

import sys
from datetime import date

import click
from rich.console import Console

from tension.data.settings import resolve
from tension.options import DATE, setting_option
from tension.report import printable


@click.command("export")
@click.argument("out_dir", type=click.Path(file_okay=False))
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "parquet"]), default="csv", show_default=True
)
@click.option("--pair", metavar="AZE-IRN|AZE>IRN", help="Only this pair (> for one direction).")
@click.option("--start", type=DATE, help="First day (inclusive).")
@click.option("--end", type=DATE, help="Last day (inclusive).")
@click.option(
    "--what",
    type=click.Choice(["statements", "articles", "series", "annotations"]),
    multiple=True,
    help="Tables to write (repeatable; default all four).",
)
@setting_option("db")
def command(
    out_dir: str,
    fmt: str,
    pair: str | None,
    start: date | None,
    end: date | None,
    what: tuple[str, ...],
    db: str | None,
) -> None:
    """Write statements, articles, per-pair daily series and annotations into OUT_DIR.

    Series count each syndicated story once. List columns are joined with ';' in CSV. A
    damaged batch is left out and named, and the exit status is then 1.

    \b
    Examples:
      tension export out/ --pair AZE-IRN --start 2024-01-01
      tension export out/ --format parquet --what series
    """
    from tension.data.store import StoreReader
    from tension.data.store.export import WHAT, export

    store = resolve("db", db)
    reader = StoreReader(store)
    written = export(
        reader,
        out_dir,
        fmt=fmt,  # type: ignore[arg-type]
        what=what or WHAT,
        pair=pair,
        start=start,
        end=end,
    )
    console = Console()
    for name, (path, rows) in written.items():
        console.print(printable(f"{name}: {rows} rows → {path}"), markup=False, highlight=False)
    if reader.damaged:
        errors = Console(stderr=True)
        for bid, problem in reader.damaged.items():
            errors.print(
                printable(f"Error: batch {bid} is damaged ({problem}): its rows are not exported"),
                markup=False,
                highlight=False,
            )
        errors.print("Run `tension check`, then `tension repair`.", markup=False)
        sys.exit(1)
