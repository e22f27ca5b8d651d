"""Filters kept in the URL query string, so a view can be shared as a link.

Values are parsed and validated here (never unpickled or evaluated): anything that does not
parse falls back to the default, so a hand-edited link cannot break a page.

How a control and the URL stay in step (:func:`seed`): every control has a ``key`` of its
own page (``"timeline.bucket"``), and its value is put in ``st.session_state`` from the URL
*once*, when the page is opened; the control is then created without ``index``/``value``,
so nothing about it changes from run to run, and the page writes its value back to the URL
with :func:`put`. A control whose ``index`` or ``value`` was recomputed from the URL on every
run was a new control to Streamlit each time the URL changed, and Streamlit reset it: the
second change of the same control was lost.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import TypeVar

import streamlit as st

from tension.data.ingest.dates import parse_date

_PAIR = re.compile(r"^[A-Z]{3}-[A-Z]{3}$")
_CODE = re.compile(r"^[A-Z]{3}$")
_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,128}$")
MAX_TEXT = 200
N = TypeVar("N", int, float)


def get_choice(key: str, allowed: Iterable[str], default: str) -> str:
    value = st.query_params.get(key)
    return value if value in set(allowed) else default


def get_pair(key: str, allowed: Iterable[str], default: str | None) -> str | None:
    value = st.query_params.get(key, "")
    value = value.upper()
    if _PAIR.match(value) and value in set(allowed):
        return value
    return default


def get_pairs(key: str, allowed: Iterable[str]) -> list[str]:
    """A comma-separated list of pairs, keeping only valid, allowed ones (at most 6)."""
    ok = set(allowed)
    raw = st.query_params.get(key, "")
    out: list[str] = []
    for part in raw.upper().split(","):
        if _PAIR.match(part) and part in ok and part not in out:
            out.append(part)
    return out[:6]


def get_choices(key: str, allowed: Iterable[str]) -> list[str]:
    """A comma-separated list of choices, keeping only allowed ones, in the allowed order."""
    given = set(st.query_params.get(key, "").split(","))
    return [a for a in allowed if a in given]


def get_country(key: str, allowed: Iterable[str]) -> str | None:
    value = st.query_params.get(key, "").upper()
    return value if _CODE.match(value) and value in set(allowed) else None


def get_date(key: str, default: date | None) -> date | None:
    try:
        return parse_date(st.query_params.get(key)) or default
    except ValueError:
        return default


def get_number(key: str, default: N, lo: N, hi: N) -> N:
    """A number of the type of ``default`` between ``lo`` and ``hi`` (inclusive)."""
    try:
        value = type(default)(st.query_params.get(key, ""))
    except ValueError:
        return default
    return value if lo <= value <= hi else default


def get_text(key: str) -> str:
    """Free text (a search box): control characters dropped, at most :data:`MAX_TEXT` chars."""
    value = st.query_params.get(key, "")
    return "".join(ch for ch in value if ch.isprintable())[:MAX_TEXT]


def get_id(key: str) -> str | None:
    value = st.query_params.get(key, "")
    return value if _ID.match(value) else None


def clamp_dates(
    start: date | None, end: date | None, first: date | None, last: date | None
) -> tuple[date | None, date | None]:
    """Keep a date range inside the data's span (date pickers refuse values outside it)."""
    if first is not None and (start is None or start < first):
        start = first
    if last is not None and (end is None or end > last):
        end = last
    if start is not None and last is not None and start > last:
        start = first
    if end is not None and first is not None and end < first:
        end = last
    if start is not None and end is not None and start > end:
        start, end = first, last
    return start, end


def seed(page: str, name: str, value: object) -> str:
    """The widget key of control ``name`` on ``page``; the first time the page runs with it
    (or after the page was left, when Streamlit drops the keys of controls not shown), its
    value is set to ``value`` — what the URL says, validated by a ``get_*`` function."""
    key = f"{page}.{name}"
    if key not in st.session_state:
        st.session_state[key] = value
    return key


def reseed(page: str, name: str, value: object) -> None:
    """Set control ``name`` of ``page`` to ``value`` before it is drawn (a drill-down that
    changes a control of the page it is on)."""
    st.session_state[f"{page}.{name}"] = value


def put(**values: object) -> None:
    """Write filters to the URL (None or "" removes a key); only changed keys are touched."""
    for key, value in values.items():
        if value is None or value == "":
            if key in st.query_params:
                del st.query_params[key]
            continue
        text = value.isoformat() if isinstance(value, date) else str(value)
        if st.query_params.get(key) != text:
            st.query_params[key] = text
