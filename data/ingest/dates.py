"""Dates: the one parser every date input goes through, and dates found in an article's text.

:func:`parse_date` reads every date a user or a source gives: the CLI's ``--date``,
``--start`` and ``--end``, ``date`` fields of JSON, JSON lines and CSV records (ingest and
``tension extract --jsonl``), ``Date:`` headers of text files, dates in HTML metadata, and
the dashboard's date query parameters. :func:`date_in_text` finds an explicit date near the
start of an article's text. Both read month names from one table.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}  # fmt: skip
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_M = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ISO = re.compile(r"\b(19\d\d|20\d\d)-(\d\d)-(\d\d)\b")
_DMY = re.compile(rf"\b(\d{{1,2}})\s+({_M})\.?\s+(19\d\d|20\d\d)\b", re.I)
_MDY = re.compile(rf"\b({_M})\.?\s+(\d{{1,2}}),?\s+(19\d\d|20\d\d)\b", re.I)
_HEAD_CHARS = 1500
_WEEKDAY_PREFIX = re.compile(
    r"^(?:" + "|".join(d[:3] for d in _WEEKDAYS) + r")[a-z]*\.?,?\s+", re.I
)
_NUMERIC_FORMATS = ("%Y/%m/%d", "%d.%m.%Y")
EXPECTED = "e.g. 2024-03-05, 2024-03-05T10:00:00Z, 5 March 2024, March 5, 2024 or 05.03.2024"
"""The forms :func:`parse_date` reads, as error messages list them."""


EARLIEST = date(1900, 1, 1)
"""The earliest publication date taken as true: older ones are typing slips or epochs."""


def implausible(day: date | None, today: date) -> str | None:
    """Why ``day`` cannot be a publication date (before :data:`EARLIEST`, or more than a day
    after ``today``: 9999-12-31, a year typed wrong), or None when it can. An article with
    such a date is stored undated, with this reason in the ingest's report."""
    if day is None:
        return None
    latest = today + timedelta(days=1)
    if EARLIEST <= day <= latest:
        return None
    return f"date {day.isoformat()} is outside {EARLIEST.isoformat()}..{latest.isoformat()}"


def _make(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def parse_date(value: object) -> date | None:
    """The date in ``value``: a ``date`` or ``datetime`` as it is, or text in one of these
    forms (case-insensitive, surrounding space ignored):

    - ISO 8601, a date or a date and time (``2024-03-05``, ``2024-03-05T10:00:00+03:00``,
      ``...Z``): the date as written, whatever the offset;
    - ``2024/03/05`` and ``05.03.2024`` (day first);
    - ``5 March 2024``, ``5 Mar 2024``, ``March 5, 2024``, ``Mar. 5 2024``, optionally after
      a weekday (``Tuesday, 5 March 2024``), years 1900–2099;
    - e-mail and RSS dates (``Tue, 05 Mar 2024 10:00:00 GMT``).

    Slashed day-month orders (``03/05/2024``) are refused: they are read both ways.
    Returns None for None and blank text; raises ``ValueError`` for anything else, with a
    message that quotes the text and lists the forms (callers prefix the input's name).
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        return None
    found = _parse_text(text)
    if found is None:
        raise ValueError(f"not a date: {text[:40]!r} (expected {EXPECTED})")
    return found


def _parse_text(text: str) -> date | None:
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    for fmt in _NUMERIC_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    written = _WEEKDAY_PREFIX.sub("", text)
    if m := _DMY.fullmatch(written):
        return _make(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
    if m := _MDY.fullmatch(written):
        return _make(int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2)))
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


def date_in_text(text: str) -> date | None:
    """The first explicit date near the start of ``text`` (ISO, ``5 March 2024``,
    ``March 5, 2024``), or None. Only the first 1,500 characters are searched: a date
    further down is more often a past event than the publication date."""
    head = text[:_HEAD_CHARS]
    found: list[tuple[int, date]] = []
    for m in _ISO.finditer(head):
        d = _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            found.append((m.start(), d))
    for m in _DMY.finditer(head):
        d = _make(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
        if d:
            found.append((m.start(), d))
    for m in _MDY.finditer(head):
        d = _make(int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2)))
        if d:
            found.append((m.start(), d))
    return min(found)[1] if found else None
