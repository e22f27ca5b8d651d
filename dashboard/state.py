"""Filters kept in the URL query string, so a view can be shared as a link.

Values are parsed and validated here (never unpickled or evaluated): anything that does not
parse falls back to the default, so a hand-edited link cannot break a page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

import streamlit as st

_PAIR = re.compile(r"^[A-Z]{3}-[A-Z]{3}$")


def get_choice(key: str, allowed: Iterable[str], default: str) -> str:
    value = st.query_params.get(key)
    return value if value in set(allowed) else default


def get_pair(key: str, allowed: Iterable[str], default: str | None) -> str | None:
    value = st.query_params.get(key, "")
    value = value.upper()
    if _PAIR.match(value) and value in set(allowed):
        return value
    return default


def get_date(key: str, default: date | None) -> date | None:
    value = st.query_params.get(key)
    if not value:
        return default
    try:
        return date.fromisoformat(value)
    except ValueError:
        return default


def put(**values: object) -> None:
    """Write filters to the URL (None removes a key); only changed keys are touched."""
    for key, value in values.items():
        if value is None:
            if key in st.query_params:
                del st.query_params[key]
            continue
        text = value.isoformat() if isinstance(value, date) else str(value)
        if st.query_params.get(key) != text:
            st.query_params[key] = text
