"""An ingest in a child process: what the dashboard's Add data page runs.

A long-lived process (the Streamlit server) must not keep what one ingest needed: Python
rarely gives memory back to the system, so a 4 MB upload that needed 500 MB while it was
scored would keep the server at that size for good. Here the reading, fetching, scoring and
publishing happen in a fresh process (``spawn``) that exits when the ingest is done, so the
server's memory returns to where it was; progress and the report come back over a pipe.

:class:`IngestJob` says what to ingest as a value that travels: uploaded files (name and
bytes), pasted text, URLs, feeds.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from tension.data.errors import DataError
from tension.data.executor import exit_with_parent
from tension.data.ingest.documents import Document, Rejected, with_speaker
from tension.data.ingest.feeds import read_feeds
from tension.data.ingest.files import read_text_input, read_upload
from tension.data.ingest.pipeline import IngestReport, Progress, ingest_documents
from tension.data.ingest.web import DEADLINE, read_urls
from tension.data.scorers import ScorerSpec

_PROGRESS_EVERY = 0.25
"""Seconds between progress messages from the child."""


class IngestFailed(DataError):
    """The ingest in the child process stopped with an error (the message says which)."""


@dataclass(frozen=True, slots=True)
class IngestJob:
    """What to ingest: ``uploads`` (file name and content), ``text`` (with an optional
    ``title`` and ``published`` date), ``urls`` and ``feeds``; fetched within ``deadline``
    seconds each, public addresses only unless ``allow_private``. ``speaker`` and
    ``country`` go to the uploads and the text that name none (an official statement)."""

    uploads: tuple[tuple[str, bytes], ...] = ()
    text: str | None = None
    title: str | None = None
    published: date | None = None
    urls: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    allow_private: bool = False
    deadline: float = DEADLINE
    speaker: str | None = None
    country: str | None = None

    def items(self, store: Path | str) -> Iterator[Document | Rejected]:
        """The job's inputs, in order: uploads, text, URLs, then feeds' new entries."""
        for name, raw in self.uploads:
            yield from with_speaker(read_upload(name, raw), self.speaker, self.country)
        if self.text is not None:
            yield from read_text_input(
                self.text,
                title=self.title,
                date=self.published,
                speaker=self.speaker,
                country=self.country,
            )
        yield from read_urls(self.urls, allow_private=self.allow_private, deadline=self.deadline)
        if self.feeds:
            yield from read_feeds(
                self.feeds, store, allow_private=self.allow_private, deadline=self.deadline
            )


def _child(store: str, job: IngestJob, spec: ScorerSpec, conn: Connection, parent: int) -> None:
    exit_with_parent(parent)  # a dashboard killed outright takes its ingest with it
    last = 0.0

    def progress(report: IngestReport) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last >= _PROGRESS_EVERY:
            last = now
            conn.send(("progress", report))

    try:
        report = ingest_documents(
            store,
            job.items(store),
            spec=spec,
            progress=progress,
            on_wait=lambda message: conn.send(("wait", message)),
        )
    except DataError as exc:
        conn.send(("error", str(exc)))
    except Exception as exc:  # anything else: one line for the page, not a dead pipe
        conn.send(("error", f"the ingest failed ({type(exc).__name__}: {exc})"))
    else:
        conn.send(("done", report))
    finally:
        conn.close()


def ingest_in_child(
    store: Path | str,
    job: IngestJob,
    *,
    spec: ScorerSpec | None = None,
    progress: Progress | None = None,
    on_wait: Callable[[str], None] | None = None,
) -> IngestReport:
    """Run ``job`` into the store at ``store`` in a child process and return its report.

    ``progress`` gets a report now and then, ``on_wait`` a line when the ingest waits for
    another writer. Raises :class:`IngestFailed` (or the data layer's one-line error) when
    the ingest fails, and when the child dies without a report (killed, out of memory)."""
    ctx = multiprocessing.get_context("spawn")
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(
        target=_child,
        args=(str(store), job, spec or ScorerSpec(), send, os.getpid()),
        daemon=True,
    )
    child.start()
    send.close()
    try:
        while True:
            try:
                kind, value = _receive(receive)
            except EOFError:
                child.join()
                raise IngestFailed(
                    f"the ingest stopped without a report (exit code {child.exitcode})"
                ) from None
            if kind == "progress" and progress is not None:
                progress(value)
            elif kind == "wait" and on_wait is not None:
                on_wait(value)
            elif kind == "error":
                raise IngestFailed(value)
            elif kind == "done":
                report: IngestReport = value
                return report
    finally:
        receive.close()
        child.join(timeout=5)
        if child.is_alive():  # only when the caller stopped waiting (an exception here)
            child.kill()
            child.join()


def _receive(conn: Connection) -> tuple[str, Any]:
    message: tuple[str, Any] = conn.recv()
    return message
