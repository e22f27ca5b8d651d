"""``tension report``: a self-contained HTML briefing on one pair over a period."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from tension.data.settings import resolve
from tension.options import DATE, setting_option
from tension.report import printable

_PAIR = re.compile(r"^([A-Za-z]{3})-([A-Za-z]{3})$")


@click.command("report")
@click.option("--pair", required=True, metavar="AZE-IRN", help="The pair (both directions).")
@click.option("--start", type=DATE, help="First day (inclusive; default the store's first).")
@click.option("--end", type=DATE, help="Last day (inclusive; default the store's last).")
@click.option(
    "--bucket",
    type=click.Choice(["day", "week", "month"]),
    default="week",
    show_default=True,
    help="Bucket of the chart, as on the Pair timeline page.",
)
@click.option(
    "--smooth",
    type=click.IntRange(1, 12),
    default=4,
    show_default=True,
    help="Rolling mean over this many buckets, as on the Pair timeline page.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default briefing-A-B-START-END.html here).",
)
@setting_option("db")
@setting_option("min_count")
def command(
    pair: str,
    start: date | None,
    end: date | None,
    bucket: str,
    smooth: int,
    out: Path | None,
    db: str | None,
    min_count: int | None,
) -> None:
    """Write a briefing on one pair: one HTML file that opens offline (Plotly inside), with
    the pair's chart and annotations, each side's mean and count, the most intense statements
    with their explanations, the method and its caveat. Its numbers are the dashboard's for
    the same pair, dates, bucket and smoothing.

    \b
    Examples:
      tension report --pair ARM-AZE --start 2024-01-01 --end 2024-06-30
      tension report --pair AZE-IRN --out briefing.html --bucket month
    """
    from tension.dashboard.briefing import briefing_html, briefing_name
    from tension.dashboard.stats import min_count as resolve_min_count
    from tension.data.store import StoreReader
    from tension.data.store import queries as q

    m = _PAIR.match(pair.strip())
    if not m:
        raise click.BadParameter(
            f"{pair!r}: expected two ISO alpha-3 codes, e.g. AZE-IRN", param_hint="--pair"
        )
    a, b = m.group(1).upper(), m.group(2).upper()
    if a == b:
        raise click.BadParameter(f"{pair!r}: a pair needs two countries", param_hint="--pair")
    reader = StoreReader(resolve("db", db))
    info = q.summary(reader)
    if info.first_date is None or info.last_date is None:
        raise click.ClickException(f"{reader.root}: the store has no dated article yet")
    start = start or info.first_date
    end = end or info.last_date
    if start > end:
        raise click.BadParameter(f"{start} is after {end}", param_hint="--start")

    def fetch(fn: Any, *args: Any, **kwargs: Any) -> Any:
        return fn(reader, *args, **kwargs)

    text = briefing_html(
        fetch,
        a,
        b,
        start=start,
        end=end,
        bucket=bucket,
        smooth=smooth,
        min_n=resolve_min_count(min_count),
    )
    path = out or Path(briefing_name(a, b, start, end))
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"{path}: cannot write ({exc.strerror})") from exc
    Console().print(
        printable(f"briefing on {a}-{b}, {start} – {end}: {path} ({len(text) // 1024:,} KB)"),
        markup=False,
        highlight=False,
    )
