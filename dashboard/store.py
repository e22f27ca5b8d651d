"""The dashboard's door to the store: one reader per store folder, bounded result caches."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from data.settings import resolve
from data.store import StoreReader
from data.store import queries as q

CACHE_TTL_S = 5
"""New batches show up within this many seconds while an ingest runs elsewhere."""


def store_path() -> Path:
    return Path(resolve("db"))


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


@st.cache_data(ttl=CACHE_TTL_S, max_entries=64, show_spinner=False)
def _summary(path: str, stamp: str) -> q.StoreSummary:
    return q.summary(_reader(path))


def summary() -> q.StoreSummary:
    return _summary(str(store_path()), _stamp())


@st.cache_data(ttl=CACHE_TTL_S, max_entries=64, show_spinner=False)
def _pair_counts(path: str, stamp: str) -> pd.DataFrame:
    return q.pair_counts(_reader(path))


def pair_counts() -> pd.DataFrame:
    return _pair_counts(str(store_path()), _stamp())


@st.cache_data(ttl=CACHE_TTL_S, max_entries=256, show_spinner=False)
def _pair_series(
    path: str, stamp: str, a: str, b: str, start: date | None, end: date | None, bucket: q.Bucket
) -> pd.DataFrame:
    return q.pair_series(_reader(path), a, b, start=start, end=end, bucket=bucket)


def pair_series(
    a: str, b: str, start: date | None, end: date | None, bucket: q.Bucket
) -> pd.DataFrame:
    return _pair_series(str(store_path()), _stamp(), a, b, start, end, bucket)
