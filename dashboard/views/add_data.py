"""Add data: upload files, paste text, or give URLs and feeds — the same ingest as the CLI,
with progress and a summary of what was new, duplicate or quarantined."""

from __future__ import annotations

import importlib
import re
import tempfile
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

import tension.data.ingest as ingest
from tension.dashboard import store, ui
from tension.data.errors import DataError
from tension.data.settings import resolve

st.title("Add data")
st.caption(
    f"Everything added here goes into the store at {ui.md_escape(str(store.store_path()))}, "
    "exactly as "
    "`tension ingest` would put it: already-stored texts count as duplicates, unreadable "
    "inputs are quarantined with a reason."
)

_SAFE_NAME = re.compile(r"[^A-Za-z0-9_.-]+")


def _api(name: str, module: str) -> Any:
    """``tension.data.ingest.<name>`` (or from its sub-module while it is not re-exported), or
    None."""
    found = getattr(ingest, name, None)
    if found is None:
        try:
            found = getattr(importlib.import_module(module), name, None)
        except ImportError:
            found = None
    return found


def _uploads(files: list[Any]) -> Iterator[Any]:
    """Documents from uploaded files, through the ingest's reader for uploads."""
    reader = _api("read_upload", "tension.data.ingest.files")
    for f in files:
        raw = f.getvalue()
        if reader is not None:
            yield from reader(f.name, raw)
            continue
        # older data.ingest: hand the bytes to the file reader under a cleaned name
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / (_SAFE_NAME.sub("_", Path(f.name).name) or "upload.txt")
            path.write_bytes(raw)
            for item in ingest.read_paths([path]):
                yield _rename(item, str(path), f.name)


def _rename(item: Any, tmp: str, name: str) -> Any:
    """Report an upload under its own name, not the temporary path it was read from."""
    if isinstance(item, ingest.Rejected):
        return ingest.Rejected(item.source.replace(tmp, name), item.reason)
    from dataclasses import replace

    return replace(item, source=item.source.replace(tmp, name))


def _pasted(text: str, title: str, when: date | None) -> Iterable[Any]:
    reader = _api("read_text_input", "tension.data.ingest.files")
    if reader is not None:
        return list(reader(text, title=title or None, date=when))
    return [ingest.Document(text=text, source="pasted text", title=title or None, published=when)]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _run(items: Iterable[Any], label: str) -> None:
    from tension.data.scorers import make_scorer

    try:
        lexicon = resolve("lexicon")
        scorer = make_scorer(lexicon) if lexicon else None
    except Exception as exc:  # a broken user lexicon must not take the page down
        ui.error(f"The lexicon could not be loaded: {exc}")
        return
    bar = st.progress(0.0, text=f"Ingesting {label}…")

    def progress(report: Any) -> None:
        done = report.new + report.duplicate + len(report.quarantined)
        bar.progress(min(1.0, done / max(done + 1, 10)), text=f"{done} read, {report.new} new")

    try:
        report = ingest.ingest_documents(
            store.store_path(), items, scorer=scorer, progress=progress
        )
    except DataError as exc:
        bar.empty()
        ui.error(str(exc))
        return
    bar.progress(1.0, text="Done")
    store.clear()
    st.session_state["last_report"] = {
        "new": report.new,
        "duplicate": report.duplicate,
        "statements": report.statements,
        "quarantined": [(r.source, r.reason) for r in report.quarantined],
        "undated": list(report.undated),
    }


tab_files, tab_text, tab_urls = st.tabs(["Upload files", "Paste text", "URLs and feeds"])
with tab_files:
    files = st.file_uploader(
        "Text, HTML, Markdown or JSON-lines files", accept_multiple_files=True, key="uploads"
    )
    if st.button("Ingest the files", disabled=not files, type="primary"):
        _run(_uploads(list(files or [])), f"{len(files or [])} files")
with tab_text:
    pasted = st.text_area("Article or statement text", height=200, max_chars=200_000)
    t1, t2 = st.columns(2)
    title = t1.text_input("Title (optional)", max_chars=300)
    when = t2.date_input("Published (optional)", value=None)
    if st.button("Ingest the text", disabled=not pasted.strip(), type="primary"):
        _run(_pasted(pasted, title, when), "the pasted text")
with tab_urls:
    urls = st.text_area("Article URLs, one per line", height=120)
    feeds = st.text_area("RSS or Atom feed URLs, one per line", height=80)
    st.caption("Only public http(s) addresses are fetched; private and loopback ones are refused.")
    read_urls = _api("read_urls", "tension.data.ingest.web")
    read_feeds = _api("read_feeds", "tension.data.ingest.feeds")
    if read_urls is None or read_feeds is None:
        st.caption("Fetching URLs needs a newer data.ingest (read_urls, read_feeds).")
    elif st.button("Fetch and ingest", disabled=not (urls.strip() or feeds.strip())):
        items: list[Any] = []
        try:
            if urls.strip():
                items.extend(read_urls(_lines(urls)))
            if feeds.strip():
                items.extend(read_feeds(_lines(feeds), store.store_path()))
        except DataError as exc:
            ui.error(str(exc))
        else:
            _run(items, "the URLs")

report = st.session_state.get("last_report")
if report:
    st.subheader("Last ingest")
    m1, m2, m3, m4 = st.columns(4)
    m1.metric("New articles", report["new"])
    m2.metric("Duplicates", report["duplicate"])
    m3.metric("Statements", report["statements"])
    m4.metric("Quarantined", len(report["quarantined"]))
    if report["quarantined"]:
        ui.plain_table(
            pd.DataFrame(report["quarantined"], columns=["source", "reason"]), width="stretch"
        )
    if report["undated"]:
        st.warning(
            f"{len(report['undated'])} article(s) had no publication date: they are stored but "
            "left out of every time series."
        )

st.subheader("Quarantine")
rows = store.query("quarantine", 500)
if rows.empty:
    st.caption("Nothing has been quarantined.")
else:
    st.caption(f"Inputs refused by past ingests, newest first ({len(rows)} shown).")
    ui.plain_table(rows, width="stretch")
    st.download_button(
        "Download data (CSV): quarantine",
        rows.to_csv(index=False).encode("utf-8"),
        file_name="quarantine.csv",
        mime="text/csv",
    )
