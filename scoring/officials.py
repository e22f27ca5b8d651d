"""Leaders and officials and the country they speak for, with optional dates in office.

The list ships as ``scoring/data/officials.toml``; users add their own entries as TOML text in
the same format (``load_officials(extra_toml)``): the caller reads the file, this module only
parses text. Offices change hands, so an entry may carry ``from``/``to`` dates: with an
article date, only entries in office on that date count; without one, the entry with the
latest start wins.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cache, cached_property

from tension.scoring.datafiles import data_text

__all__ = ["Official", "Officials", "OfficialsError", "load_officials"]


class OfficialsError(ValueError):
    """The officials TOML is malformed (the message says where)."""


@dataclass(frozen=True, slots=True)
class Official:
    """One person (or office holder) and the country they speak for."""

    names: tuple[str, ...]
    country: str
    start: dt.date | None = None
    end: dt.date | None = None

    def in_office(self, date: dt.date | None) -> bool:
        if date is None:
            return True
        if self.start is not None and date < self.start:
            return False
        return not (self.end is not None and date > self.end)


@dataclass(frozen=True)
class Officials:
    """An immutable list of officials with a name index. Hashable, so matchers can cache it."""

    entries: tuple[Official, ...]

    def __hash__(self) -> int:
        # every find_countries() looks its matcher up by the officials list: hash it once,
        # not each of its entries on every call
        return self._hash

    @cached_property
    def _hash(self) -> int:
        return hash(self.entries)

    def by_name(self) -> dict[str, tuple[Official, ...]]:
        return _index(self)

    def country_of(self, name: str, date: dt.date | None = None) -> str | None:
        """The country ``name`` speaks for on ``date`` (case-insensitive), or ``None``."""
        return resolve(self.by_name().get(name.lower(), ()), date) or None


@cache
def _index(officials: Officials) -> dict[str, tuple[Official, ...]]:
    index: dict[str, list[Official]] = {}
    for entry in officials.entries:
        for name in entry.names:
            index.setdefault(name.lower(), []).append(entry)
    return {k: tuple(v) for k, v in index.items()}


def resolve(entries: tuple[Official, ...], date: dt.date | None) -> str | None:
    """Pick the country among entries sharing one name, for an article dated ``date``.

    ``""`` means an official of an international body (no country); ``None`` nobody in office.
    """
    live = [e for e in entries if e.in_office(date)]
    if not live:
        return None
    if date is None:
        live.sort(key=lambda e: e.start or dt.date.min, reverse=True)
    return live[0].country


def _as_date(value: object, where: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            raise OfficialsError(f"{where}: {value!r} is not an ISO date") from exc
    raise OfficialsError(f"{where}: {value!r} is not a date")


def parse_officials(toml_text: str, origin: str = "officials") -> tuple[Official, ...]:
    """Parse ``[[official]]`` tables (``names``, ``country``, optional ``from``/``to``)."""
    try:
        doc = tomllib.loads(toml_text)
    except tomllib.TOMLDecodeError as exc:
        raise OfficialsError(f"{origin}: {exc}") from exc
    out: list[Official] = []
    for i, row in enumerate(doc.get("official", [])):
        where = f"{origin}: official #{i + 1}"
        names = row.get("names")
        country = row.get("country")
        if isinstance(names, str):
            names = [names]
        if not names or not all(isinstance(n, str) and n.strip() for n in names):
            raise OfficialsError(f"{where}: 'names' must be a non-empty list of strings")
        if not (
            isinstance(country, str)
            and (country == "" or (len(country) == 3 and country.isalpha()))
        ):
            raise OfficialsError(f"{where}: 'country' must be an ISO alpha-3 code (or \"\")")
        start = _as_date(row.get("from"), where)
        end = _as_date(row.get("to"), where)
        if start and end and end < start:
            raise OfficialsError(f"{where}: 'to' is before 'from'")
        out.append(Official(tuple(n.strip() for n in names), country.upper(), start, end))
    return tuple(out)


@cache
def _builtin() -> tuple[Official, ...]:
    return parse_officials(data_text("officials.toml"), "scoring/data/officials.toml")


def load_officials(extra_toml: str | None = None) -> Officials:
    """The shipped officials, plus the entries in ``extra_toml`` (TOML text) when given.

    User entries come first, so for a name both lists hold, the user's entry wins when both
    are in office.
    """
    extra = parse_officials(extra_toml, "extra officials") if extra_toml else ()
    return Officials(extra + _builtin())


@cache
def default_officials() -> Officials:
    return load_officials(None)
