"""The dashboard's door to the store: one reader per store folder, bounded result caches.

Every page asks through :func:`query` (or the named helpers), which calls a function of
:mod:`tension.data.store.queries` and caches its result keyed by the store's published state: a new
batch changes the key, so fresh data shows on the next rerun; ``ttl`` and ``max_entries``
bound the memory the caches can hold.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from tension.data.settings import resolve
from tension.data.store import StoreReader
from tension.data.store import queries as q

CACHE_TTL_S = 300
"""Results expire after five minutes even when the store does not change (memory bound)."""


def store_path() -> Path:
    return Path(resolve("db")).expanduser()


@st.cache_resource(max_entries=4)
def _reader(path: str) -> StoreReader:
    # An in-memory DuckDB over Parquet files: it holds no lock on anything an ingest writes.
    return StoreReader(path)


def reader() -> StoreReader:
    return _reader(str(store_path()))


def _stamp() -> str:
    """Changes whenever the store publishes: part of every cache key."""
    manifest = store_path() / "manifest.json"
    try:
        st_ = manifest.stat()
    except FileNotFoundError:
        return "empty"
    return f"{st_.st_mtime_ns}:{st_.st_size}"


@st.cache_data(ttl=CACHE_TTL_S, max_entries=256, show_spinner=False)
def _query(name: str, path: str, stamp: str, args: tuple[Any, ...], kwargs: tuple[Any, ...]) -> Any:
    return getattr(q, name)(_reader(path), *args, **dict(kwargs))


def query(name: str, *args: Any, **kwargs: Any) -> Any:
    """``tension.data.store.queries.<name>(reader, *args, **kwargs)``, cached."""
    if not hasattr(q, name):
        raise AttributeError(f"tension.data.store.queries has no {name}")
    return _query(name, str(store_path()), _stamp(), args, tuple(sorted(kwargs.items())))


def summary() -> q.StoreSummary:
    result: q.StoreSummary = query("summary")
    return result


def pair_counts() -> pd.DataFrame:
    result: pd.DataFrame = query("pair_counts")
    return result


def clear() -> None:
    """Drop cached results (after an ingest from the Add data page)."""
    _query.clear()
