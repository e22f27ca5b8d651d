"""Dates written in an article's text: explicit ones, and weekdays relative to a known date."""

from __future__ import annotations

import re
from datetime import date, timedelta

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
_ON_DAY = re.compile(r"\bon\s+(" + "|".join(_WEEKDAYS) + r")\b", re.I)
_HEAD_CHARS = 1500


def _make(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
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


def weekday_before(text: str, known: date) -> date | None:
    """``"... said on Thursday"`` in an article published on ``known``: the latest such
    weekday on or before ``known`` (news reports the past week). None when no weekday."""
    m = _ON_DAY.search(text[:_HEAD_CHARS])
    if not m:
        return None
    wanted = _WEEKDAYS.index(m.group(1).lower())
    return known - timedelta(days=(known.weekday() - wanted) % 7)
