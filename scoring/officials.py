"""Leaders and officials and the country they speak for, with optional dates in office.

The list ships as ``scoring/data/officials.toml``; users add their own entries as TOML text in
the same format (``load_officials(extra_toml)``): the caller reads the file, this module only
parses text. Offices change hands, so an entry may carry ``from``/``to`` dates: with an
article date, only entries in office on that date count; without one, the entry with the
latest start wins.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from tension.scoring.datafiles import Reporter, data_text, parse_toml

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


_KEYS = ("names", "country", "from", "to")
_ENTRY = re.compile(r"^\s*\[\[\s*official\s*\]\]")


class _Where:
    """Errors naming the line of entry ``index`` (0-based) of a file's ``[[official]]``
    tables, or of one of its keys."""

    def __init__(self, text: str, source: str, index: int) -> None:
        self.text, self.source, self.index = text, source, index

    def error(self, problem: str, key: str | None = None) -> OfficialsError:
        lines = self.text.splitlines()
        headers = [n for n, line in enumerate(lines) if _ENTRY.match(line)]
        line: int | None = None
        if self.index < len(headers):
            first = headers[self.index]
            line = first + 1
            stop = headers[self.index + 1] if self.index + 1 < len(headers) else len(lines)
            pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=") if key else None
            for n in range(first + 1, stop):
                if pattern is not None and pattern.match(lines[n]):
                    line = n + 1
                    break
        where = f"{self.source} line {line}" if line else self.source
        return OfficialsError(f"{where}: official #{self.index + 1}: {problem}")


def _as_date(value: object, key: str, where: _Where) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise where.error(f"{key!r}: {value!r} is not an ISO date", key) from None
    raise where.error(f"{key!r}: {value!r} is not a date", key)


def _names(row: dict[str, Any], where: _Where) -> tuple[str, ...]:
    """``names``: one string or a non-empty list of non-empty strings."""
    names = row.get("names")
    if isinstance(names, str):
        names = [names]
    if not names or not all(isinstance(n, str) and n.strip() for n in names):
        raise where.error("'names' must be a non-empty list of strings", "names")
    return tuple(n.strip() for n in names)


def _country(row: dict[str, Any], where: _Where) -> str:
    """``country``: a known ISO 3166 alpha-3 code (any case), or ``""`` for an official who
    speaks for no country (an international body)."""
    from tension.scoring.countries import country_codes  # countries needs this module

    country = row.get("country")
    if not isinstance(country, str):
        raise where.error(
            "'country' must be an ISO alpha-3 code (or \"\"), got " + repr(country), "country"
        )
    code = country.strip().upper()
    if code and code not in country_codes():
        raise where.error(
            f"'country' {country!r} is not an ISO 3166 alpha-3 code (such as IRN or AZE; "
            '"" for an international body)',
            "country",
        )
    return code


def _entry(row: Any, where: _Where) -> Official:
    """One ``[[official]]`` table, checked: only the known keys, names, country, dates."""
    if not isinstance(row, dict):
        raise where.error("each official must be a table ([[official]] with names = ...)")
    unknown = [k for k in row if k not in _KEYS]
    if unknown:
        raise where.error(
            f"unknown key {unknown[0]!r} (expected {', '.join(_KEYS)})", str(unknown[0])
        )
    names, country = _names(row, where), _country(row, where)
    start = _as_date(row.get("from"), "from", where)
    end = _as_date(row.get("to"), "to", where)
    if start and end and end < start:
        raise where.error("'to' is before 'from'", "to")
    return Official(names, country, start, end)


def parse_officials(toml_text: str, origin: str = "officials") -> tuple[Official, ...]:
    """Parse ``[[official]]`` tables (``names``, ``country``, optional ``from``/``to``).

    Raises :class:`OfficialsError` naming ``origin``, the line and the problem: TOML syntax,
    anything but ``[[official]]`` tables, unknown keys, a country that is not a known ISO
    alpha-3 code (``ZZZ``), dates that are not dates."""
    doc = parse_toml(toml_text, origin, OfficialsError)
    rep = Reporter(toml_text, origin, OfficialsError)
    for key, value in doc.items():
        if key != "official":
            raise rep.error(
                f"unknown section {key!r} (a file of [[official]] tables)",
                key if isinstance(value, dict) else "",
                None if isinstance(value, dict) else key,
            )
    rows = doc.get("official", [])
    if not isinstance(rows, list):
        table, name = ("official", None) if isinstance(rows, dict) else ("", "official")
        raise rep.error("'official' must be [[official]] tables, not one [official]", table, name)
    return tuple(_entry(row, _Where(toml_text, origin, i)) for i, row in enumerate(rows))


@cache
def _builtin() -> tuple[Official, ...]:
    return parse_officials(data_text("officials.toml"), "scoring/data/officials.toml")


def load_officials(extra_toml: str | None = None, source: str = "extra officials") -> Officials:
    """The shipped officials, plus the entries in ``extra_toml`` (TOML text) when given;
    ``source`` names it in errors (:func:`parse_officials`).

    User entries come first, so for a name both lists hold, the user's entry wins when both
    are in office.
    """
    extra = parse_officials(extra_toml, source) if extra_toml else ()
    return Officials(extra + _builtin())


@cache
def default_officials() -> Officials:
    return load_officials(None)
