"""``tension annotate``: add, list, edit and delete analysts' notes on dates and pairs."""

from __future__ import annotations

import re
from datetime import date

import click
from rich.console import Console

from tension.data.settings import resolve
from tension.options import DATE, setting_option
from tension.report import printable

_PAIR = re.compile(r"^([A-Za-z]{3})([->])([A-Za-z]{3})$")


def _pair(text: str | None) -> tuple[str | None, str | None, bool]:
    """``AZE-IRN`` (both ways) or ``AZE>IRN`` (one direction); none for every pair."""
    if not text:
        return None, None, False
    m = _PAIR.match(text.strip())
    if not m:
        raise click.BadParameter(
            f"{text!r}: expected two ISO alpha-3 codes, e.g. AZE-IRN or AZE>IRN",
            param_hint="--pair",
        )
    return m.group(1).upper(), m.group(3).upper(), m.group(2) == ">"


def _say(line: str) -> None:
    Console().print(printable(line), markup=False, highlight=False, soft_wrap=True)


def _wait(message: str) -> None:
    Console(stderr=True).print(printable(message), markup=False, highlight=False)


@click.group("annotate")
@setting_option("db")
@click.pass_context
def command(ctx: click.Context, db: str | None) -> None:
    """Notes on dates ("ceasefire signed"), for every pair or one pair: drawn on the pair
    timeline and compare charts, listed in briefings and exported with tension export.

    \b
    Examples:
      tension annotate add 2024-03-01 "Ceasefire signed" --pair ARM-AZE
      tension annotate add 2024-03-05 "Envoy recalled" --pair AZE>IRN
      tension annotate list --pair ARM-AZE
      tension annotate delete 3f2a9c01b7de
      tension annotate --db ./store list
    """
    ctx.obj = str(resolve("db", db))


@command.command("add")
@click.argument("day", type=DATE)
@click.argument("note")
@click.option("--pair", metavar="AZE-IRN|AZE>IRN", help="Only this pair (> for one direction).")
@click.pass_obj
def add_command(store: str, day: date, note: str, pair: str | None) -> None:
    """Add a note on DAY (YYYY-MM-DD). Example: tension annotate add 2024-03-01 "Talks"."""
    from tension.data.store import annotations as notes

    src, tgt, directed = _pair(pair)
    item = notes.add(store, notes.make(day, note, src, tgt, directed=directed), on_wait=_wait)
    _say(f"added {item.id}: {item.day} [{item.scope}] {item.note}")


@command.command("edit")
@click.argument("ident", metavar="ID")
@click.option("--day", type=DATE, help="New date.")
@click.option("--note", help="New note.")
@click.option("--pair", metavar="AZE-IRN|AZE>IRN", help="New pair ('all' for every pair).")
@click.pass_obj
def edit_command(
    store: str,
    ident: str,
    day: date | None,
    note: str | None,
    pair: str | None,
) -> None:
    """Change the note ID. Example: tension annotate edit 3f2a9c01b7de --note "Talks fail"."""
    from tension.data.store import annotations as notes

    old = next((x for x in notes.read(store) if x.id == ident), None)
    if old is None:
        raise notes.AnnotationError(f"annotation {ident!r}: not found")
    src, tgt, directed = (old.src, old.tgt, old.directed)
    if pair is not None:
        src, tgt, directed = (None, None, False) if pair == "all" else _pair(pair)
    new = notes.make(day or old.day, note or old.note, src, tgt, directed=directed, id=old.id)
    item = notes.edit(store, new, on_wait=_wait)
    _say(f"edited {item.id}: {item.day} [{item.scope}] {item.note}")


@command.command("list")
@click.option("--pair", metavar="AZE-IRN|AZE>IRN", help="Only notes shown on this pair's view.")
@click.option("--start", type=DATE, help="First day (inclusive).")
@click.option("--end", type=DATE, help="Last day (inclusive).")
@click.pass_obj
def list_command(store: str, pair: str | None, start: date | None, end: date | None) -> None:
    """List notes, oldest first. Example: tension annotate list --pair ARM-AZE."""
    from tension.data.store import annotations as notes

    src, tgt, directed = _pair(pair)
    items = notes.within(
        notes.read(store),
        pair=(src, tgt) if src and tgt else None,
        directed=directed,
        start=start,
        end=end,
    )
    for x in items:
        _say(f"{x.id}  {x.day}  [{x.scope}]  {x.note}")
    if not items:
        _say("no annotations")


@command.command("delete")
@click.argument("ident", metavar="ID")
@click.pass_obj
def delete_command(store: str, ident: str) -> None:
    """Delete the note ID. Example: tension annotate delete 3f2a9c01b7de."""
    from tension.data.store import annotations as notes

    item = notes.delete(store, ident, on_wait=_wait)
    _say(f"deleted {item.id}: {item.day} [{item.scope}] {item.note}")
