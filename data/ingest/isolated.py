"""An ingest in a child process: what the dashboard's Add data page runs.

A long-lived process (the Streamlit server) must not keep what one ingest needed: Python
rarely gives memory back to the system, so a 4 MB upload that needed 500 MB while it was
scored would keep the server at that size for good. Here the reading, fetching, scoring and
publishing happen in a fresh ``python -m tension.data.ingest.isolated`` that exits when the
ingest is done, so the server's memory returns to where it was; the job goes to it on its
standard input, progress and the report come back as pickles over a pipe of their own.
(Not ``multiprocessing``'s spawn: it runs the parent's ``__main__`` again in the child, and
under Streamlit that is the page script.)

:class:`IngestJob` says what to ingest as a value that travels: uploaded files (name and
bytes), pasted text, URLs, feeds.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO

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


def _child(store: str, job: IngestJob, spec: ScorerSpec, out: IO[bytes]) -> None:
    last = 0.0

    def send(kind: str, value: object) -> None:
        pickle.dump((kind, value), out)
        out.flush()

    def progress(report: IngestReport) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last >= _PROGRESS_EVERY:
            last = now
            send("progress", report)

    try:
        report = ingest_documents(
            store,
            job.items(store),
            spec=spec,
            progress=progress,
            on_wait=lambda message: send("wait", message),
        )
    except DataError as exc:
        send("error", str(exc))
    except Exception as exc:  # anything else: one line for the page, not a dead pipe
        send("error", f"the ingest failed ({type(exc).__name__}: {exc})")
    else:
        send("done", report)


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
    read_fd, write_fd = os.pipe()
    child = subprocess.Popen(
        [sys.executable, "-m", "tension.data.ingest.isolated", str(write_fd), str(os.getpid())],
        stdin=subprocess.PIPE,
        pass_fds=(write_fd,),
    )
    os.close(write_fd)
    try:
        assert child.stdin is not None
        with child.stdin:
            pickle.dump((str(store), job, spec or ScorerSpec()), child.stdin)
        with os.fdopen(read_fd, "rb") as messages:
            read_fd = -1
            while True:
                try:
                    kind, value = pickle.load(messages)
                except EOFError:
                    child.wait()
                    raise IngestFailed(
                        f"the ingest stopped without a report (exit code {child.returncode})"
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
        if read_fd >= 0:
            os.close(read_fd)
        try:
            child.wait(timeout=5)
        except subprocess.TimeoutExpired:  # only when the caller stopped waiting
            child.kill()
            child.wait()


def main(argv: list[str]) -> int:
    """The child: read the job from standard input, report on file descriptor ``argv[0]``,
    and exit as soon as process ``argv[1]`` (the dashboard) is gone."""
    out_fd, parent = int(argv[0]), int(argv[1])
    exit_with_parent(parent)  # a dashboard killed outright takes its ingest with it
    store, job, spec = pickle.load(sys.stdin.buffer)
    with os.fdopen(out_fd, "wb") as out:
        _child(store, job, spec, out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
