"""``tension rescore``: recompute stored scores after a lexicon change."""

from __future__ import annotations

import click
from rich.console import Console

from tension.data.ingest.rescore import rescore_store
from tension.data.settings import resolve
from tension.options import (
    executor_options,
    open_executor,
    resolve_spec,
    scorer_options,
    setting_option,
)
from tension.report import printable


@click.command("rescore")
@setting_option("db")
@scorer_options
@click.option(
    "--force",
    is_flag=True,
    help="Also rescore batches already scored by this lexicon, officials and scorer.",
)
@executor_options
def command(
    db: str | None,
    lexicon: str | None,
    officials: str | None,
    force: bool,
    workers: int | None,
    scheduler: str | None,
) -> None:
    """Recompute every stored score and attribution with the current lexicon and officials,
    in place of the old ones.

    Uses the texts already in the store: nothing is fetched again. Batches already scored
    with this lexicon, officials file and scorer version are skipped. The dashboard keeps
    working meanwhile and switches to the new scores batch by batch.

    \b
    Examples:
      tension rescore --lexicon my-lexicon.toml
      tension rescore --officials my-officials.toml
      tension rescore --force
      tension rescore --scheduler tcp://scheduler.example.org:8786
    """
    store = resolve("db", db)
    spec = resolve_spec(lexicon, officials)
    console = Console(stderr=True)
    with open_executor(workers, scheduler, spec) as executor, console.status("rescoring") as status:
        report = rescore_store(
            store,
            spec=spec,
            force=force,
            progress=lambda r: status.update(f"rescored {r.articles} articles"),
            executor=executor,
            on_wait=lambda message: console.print(
                printable(message), markup=False, highlight=False, soft_wrap=True
            ),
        )
    console.print(
        f"Rescored {report.articles} articles ({report.statements} statements) in "
        f"{report.batches} batches; {report.skipped} batches already up to date.",
        markup=False,
        highlight=False,
    )
