"""The dashboard's door to the store: one reader per store folder, bounded result caches.

Every page asks through :func:`query` (or the named helpers), which calls a function of
:mod:`tension.data.store.queries` (passed itself, so a typo fails type checks) and caches
its result keyed by the store's published state: a new batch changes the key, so fresh data
shows on the next rerun; ``ttl`` and ``max_entries`` bound the memory the caches can hold.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
import streamlit as st

from tension.data.settings import resolve
from tension.data.store import StoreReader
from tension.data.store import queries as q
from tension.data.store.layout import ANNOTATIONS

T = TypeVar("T")

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
    """Changes whenever the store publishes or an annotation changes: part of every cache
    key."""
    parts = []
    for name in ("manifest.json", ANNOTATIONS):
        try:
            st_ = (store_path() / name).stat()
        except FileNotFoundError:
            parts.append("none")
            continue
        parts.append(f"{st_.st_mtime_ns}:{st_.st_size}:{st_.st_ino}")
    return "empty" if parts[0] == "none" else "/".join(parts)


@st.cache_data(ttl=CACHE_TTL_S, max_entries=256, show_spinner=False)
def _query(
    _fn: Callable[..., Any],
    name: str,
    path: str,
    stamp: str,
    args: tuple[Any, ...],
    kwargs: tuple[Any, ...],
) -> Any:
    # ``_fn`` is left out of the cache key (leading underscore); ``name`` stands for it
    return _fn(_reader(path), *args, **dict(kwargs))


def query(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``fn(reader, *args, **kwargs)`` for a function of :mod:`tension.data.store.queries`,
    cached."""
    key = tuple(sorted(kwargs.items()))
    result: T = _query(fn, fn.__name__, str(store_path()), _stamp(), args, key)
    return result


def summary() -> q.StoreSummary:
    return query(q.summary)


def pair_counts() -> pd.DataFrame:
    return query(q.pair_counts)


def damaged() -> dict[str, str]:
    """Batches the reader leaves out because they are damaged, with the reason (see
    :attr:`tension.data.store.StoreReader.damaged`)."""
    current = reader()
    current.refresh()
    return dict(current.damaged)


def clear() -> None:
    """Drop cached results (after an ingest from the Add data page)."""
    _query.clear()
