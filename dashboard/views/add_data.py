"""Add data: upload files, paste text, or give URLs and feeds — the same ingest as the CLI,
with progress and a summary of what was new, duplicate or quarantined.

The ingest runs in a child process (:func:`tension.data.ingest.isolated.ingest_in_child`),
so the memory it needs is given back when it is done, and a bad input never takes the page
down: every refusal is a line in the report.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from tension.dashboard import lexicon, store, ui
from tension.data.errors import DataError
from tension.data.ingest import IngestReport, parse_country
from tension.data.ingest.isolated import IngestJob, ingest_in_child
from tension.data.settings import resolve
from tension.data.store import queries as q

st.title("Add data")
st.caption(
    f"Everything added here goes into the store at {ui.md_escape(str(store.store_path()))}, "
    "exactly as "
    "`tension ingest` would put it: already-stored texts count as duplicates, unreadable "
    "inputs are quarantined with a reason."
)


def _uploads(files: list[Any]) -> tuple[tuple[str, bytes], ...]:
    """Uploaded files as (name, content): reported under their own names."""
    return tuple((f.name, f.getvalue()) for f in files)


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def _run(job: IngestJob, label: str) -> None:
    try:
        spec = lexicon.spec()
    except (DataError, ValueError) as exc:  # a broken user file must not take the page down
        ui.error(f"The scorer could not be built: {exc}")
        return
    bar = st.progress(0.0, text=f"Ingesting {label}…")

    def progress(report: IngestReport) -> None:
        done = report.seen
        bar.progress(min(1.0, done / max(done + 1, 10)), text=f"{done} read, {report.new} new")

    def waiting(message: str) -> None:
        bar.progress(0.0, text=message)

    try:
        report = ingest_in_child(
            store.store_path(), job, spec=spec, progress=progress, on_wait=waiting
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
        "quarantined": [
            (r.source, r.reason + (" (retried later)" if r.transient else ""))
            for r in report.quarantined
        ],
        "undated": list(report.undated),
        "notes": [(n.source, n.message) for n in report.notes],
    }


def _speaker_fields(key: str) -> tuple[str | None, str | None, bool]:
    """The optional speaker and country of an official statement, speech or briefing:
    ``(speaker, country code, valid)``; an unknown country is shown as an error."""
    s1, s2 = st.columns(2)
    speaker = s1.text_input(
        "Speaker (optional)",
        max_chars=200,
        key=f"{key}_speaker",
        help="Who speaks in a whole statement, speech or briefing (e.g. Ministry of Foreign "
        "Affairs): its sentences that are nobody else's become this speaker's statements.",
    )
    country = s2.text_input(
        "Speaker's country (optional)",
        max_chars=100,
        key=f"{key}_country",
        help="A name or an ISO code: Azerbaijan, AZE or AZ.",
    )
    try:
        code = parse_country(country)
    except ValueError as exc:
        ui.error(f"Speaker's country: {exc}")
        return None, None, False
    return speaker.strip() or None, code, True


tab_files, tab_text, tab_urls = st.tabs(["Upload files", "Paste text", "URLs and feeds"])
with tab_files:
    files = st.file_uploader(
        "Text, Markdown, PDF, HTML, JSON, JSON-lines or CSV files",
        accept_multiple_files=True,
        key="uploads",
    )
    f_speaker, f_country, f_ok = _speaker_fields("files")
    if st.button("Ingest the files", disabled=not files or not f_ok, type="primary"):
        job = IngestJob(uploads=_uploads(list(files or [])), speaker=f_speaker, country=f_country)
        _run(job, f"{len(files or [])} files")
with tab_text:
    pasted = st.text_area("Article or statement text", height=200, max_chars=200_000)
    t1, t2 = st.columns(2)
    title = t1.text_input("Title (optional)", max_chars=300)
    when = t2.date_input("Published (optional)", value=None)
    p_speaker, p_country, p_ok = _speaker_fields("text")
    if st.button("Ingest the text", disabled=not pasted.strip() or not p_ok, type="primary"):
        job = IngestJob(
            text=pasted,
            title=title or None,
            published=when,
            speaker=p_speaker,
            country=p_country,
        )
        _run(job, "the pasted text")
with tab_urls:
    urls = st.text_area("Article URLs, one per line", height=120)
    feeds = st.text_area("RSS or Atom feed URLs, one per line", height=80)
    st.caption("Only public http(s) addresses are fetched; private and loopback ones are refused.")
    if st.button("Fetch and ingest", disabled=not (urls.strip() or feeds.strip())):
        deadline = float(resolve("fetch_deadline"))
        _run(IngestJob(urls=_lines(urls), feeds=_lines(feeds), deadline=deadline), "the URLs")

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
    if report.get("notes"):
        st.caption("Kept, with a remark:")
        ui.plain_table(pd.DataFrame(report["notes"], columns=["source", "remark"]), width="stretch")
    if report["undated"]:
        st.warning(
            f"{len(report['undated'])} article(s) had no publication date: they are stored but "
            "left out of every time series."
        )

st.subheader("Quarantine")
rows = store.query(q.quarantine, 500)
if rows.empty:
    st.caption("Nothing has been quarantined.")
else:
    st.caption(f"Inputs refused by past ingests, newest first ({len(rows)} shown).")
    ui.plain_table(rows, width="stretch")
    ui.csv_download("Download data (CSV): quarantine", rows, "quarantine.csv")
