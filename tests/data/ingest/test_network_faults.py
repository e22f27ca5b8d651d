"""A slow, broken or hostile server cannot hang or crash a run, and a passing failure is
not remembered forever (issue 13, items 3, 4 and 5; the address check of item 8).

Reproductions, each of which failed before the fix: a server sending 1 byte/s never timed
out (the time-out was per read) and held the writer lock meanwhile; ``tension ingest a1.txt
'http://127.0.0.1:99999/x'`` printed a ValueError traceback and stored nothing; a feed entry
with such a link made ``tension watch`` exit in its first round; a page that answered 503
once was quarantined and never fetched again.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tension.data.ingest import Document, Rejected, ingest_documents, read_feeds, read_urls, web
from tension.data.ingest.state import MAX_ATTEMPTS, RETRY_AFTER
from tension.data.store import StoreReader, StoreWriter
from tests.helpers import REPO, LocalServer, Route, article_text, html_page, run_tension

BAD_PORT = "http://127.0.0.1:99999/x"


def _rss(server: LocalServer, links: list[str]) -> bytes:
    items = "".join(f"<item><title>E</title><link>{link}</link></item>" for link in links)
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>'
    ).encode()


def _article_file(folder: Path, i: int) -> Path:
    path = folder / f"a{i}.txt"
    path.write_text(f"Date: 2024-03-0{i % 9 + 1}\n\n{article_text(i)}", encoding="utf-8")
    return path


# -- item 3: a total deadline, and no lock while fetching -----------------------------------


@pytest.mark.parametrize("what", ["body", "headers"])
def test_a_server_dripping_a_byte_a_second_is_cut_at_the_deadline(
    server: LocalServer, what: str
) -> None:
    body = html_page("Slow", article_text(1))
    # quick headers then a byte a second, or even the status line a byte a second
    server.routes["/slow"] = Route(body, drip=1.0, drip_headers=what == "headers")
    started = time.monotonic()
    with pytest.raises(web.FetchError, match=r"took longer than the 2 s deadline") as err:
        web.fetch(server.url("/slow"), allow_private=True, timeout=5, deadline=2)
    assert time.monotonic() - started < 4
    assert err.value.transient


def test_a_slow_fetch_does_not_hold_the_store_and_the_rest_is_stored(
    server: LocalServer, tmp_path: Path
) -> None:
    """Ingest A waits on a dripping server; ingest B into the same store finishes meanwhile;
    A stops at its deadline, keeps its file and quarantines the URL as transient."""
    server.routes["/drip"] = Route(html_page("T", article_text(2)) * 20, drip=1.0)
    store = tmp_path / "store"
    env = {**os.environ, "PYTHONPATH": str(REPO), "TENSION_FETCH_DEADLINE": "8"}
    a = subprocess.Popen(
        [sys.executable, "-m", "tension.cli", "ingest", str(_article_file(tmp_path, 1)),
         server.url("/drip"), "--db", str(store), "--allow-private"],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while not server.hits.get("/drip") and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.hits.get("/drip") == 1, "ingest A never fetched"
        b = run_tension("ingest", str(_article_file(tmp_path, 3)), "--db", str(store))
        assert b.returncode == 0, b.stderr
        assert a.poll() is None, "A finished first: the test proves nothing"
        assert "waiting for the store's writer lock" not in b.stderr
        _out, err = a.communicate(timeout=60)
    finally:
        a.kill()
    assert a.returncode == 0, err
    assert "took longer than the 8 s deadline" in err
    reader = StoreReader(store)
    assert reader.scalar("SELECT count(*) FROM articles") == 2
    assert reader.rows("SELECT retry FROM quarantine") == [(True,)]


def test_a_waiting_writer_says_who_holds_the_lock_and_since_when(tmp_path: Path) -> None:
    store = tmp_path / "store"
    with StoreWriter(store):
        proc = subprocess.Popen(
            [sys.executable, "-m", "tension.cli", "ingest", str(_article_file(tmp_path, 4)),
             "--db", str(store)],
            cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert proc.stderr is not None
        line = proc.stderr.readline()  # blocks until the ingest says it waits
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert line.startswith("waiting for the store's writer lock, held by ")
    assert f"pid {os.getpid()} on {socket.gethostname()}, since 20" in line


# -- item 4: one malformed URL is one quarantine line ---------------------------------------


def test_a_malformed_url_is_quarantined_and_the_rest_of_the_run_is_stored(tmp_path: Path) -> None:
    store = tmp_path / "store"
    done = run_tension("ingest", str(_article_file(tmp_path, 5)), BAD_PORT, "--db", str(store))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert f"quarantined: {BAD_PORT}: malformed URL (Port out of range 0-65535)" in done.stderr
    assert StoreReader(store).scalar("SELECT count(*) FROM articles") == 1


@pytest.mark.parametrize(
    "url", [BAD_PORT, "http://[::1/x", "http://", "https://exa mple.org:80:80/", "gopher://x/"]
)
def test_malformed_urls_are_refused_with_a_reason(url: str) -> None:
    (item,) = list(read_urls([url]))
    assert isinstance(item, Rejected) and not item.transient
    assert item.reason.startswith(("malformed URL", "only http and https")), item.reason


def test_watch_goes_on_past_a_feed_entry_with_a_malformed_link(
    server: LocalServer, tmp_path: Path
) -> None:
    server.routes["/good"] = Route(html_page("Good", article_text(6)))
    server.routes["/rss"] = Route(
        _rss(server, [BAD_PORT, server.url("/good")]), content_type="application/rss+xml"
    )
    store = tmp_path / "store"
    done = run_tension(
        "watch", "--feed", server.url("/rss"), "--rounds", "2", "--every", "0.01",
        "--allow-private", "--db", str(store),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.count("malformed URL") == 1  # refused once, for good
    assert StoreReader(store).scalar("SELECT count(*) FROM articles") == 1
    assert server.hits["/good"] == 1


# -- item 5: transient failures are retried with backoff, permanent ones are not ------------


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def _poll(server: LocalServer, store: Path, clock: Clock) -> list[Rejected]:
    items = read_feeds([server.url("/rss")], store, allow_private=True, clock=clock)
    return ingest_documents(store, items, clock=clock).quarantined


def test_a_page_that_fails_once_is_fetched_again_on_a_later_poll(
    server: LocalServer, tmp_path: Path
) -> None:
    server.routes["/flaky"] = Route(html_page("Flaky", article_text(7)), fail_first=1)
    server.routes["/gone"] = Route(status=404)
    server.routes["/rss"] = Route(_rss(server, [server.url("/flaky"), server.url("/gone")]))
    store, clock = tmp_path / "store", Clock()

    first = {r.source.rsplit("/", 1)[1]: r for r in _poll(server, store, clock)}
    assert first["flaky"].transient and first["flaky"].reason.startswith("HTTP 503")
    assert not first["gone"].transient and first["gone"].reason == "HTTP 404 Not Found"

    clock.now += RETRY_AFTER / 2  # too soon: the backoff holds it back
    assert _poll(server, store, clock) == []
    assert server.hits["/flaky"] == 1

    clock.now += RETRY_AFTER
    assert _poll(server, store, clock) == []
    assert server.hits["/flaky"] == 2
    assert server.hits["/gone"] == 1  # refused for good: never fetched again
    titles = StoreReader(store).rows("SELECT title FROM articles")
    assert titles == [("Flaky",)]


def test_transient_failures_end_for_good_after_the_last_attempt(
    server: LocalServer, tmp_path: Path
) -> None:
    server.routes["/down"] = Route(status=503)
    server.routes["/rss"] = Route(_rss(server, [server.url("/down")]))
    store, clock = tmp_path / "store", Clock()
    for attempt in range(1, MAX_ATTEMPTS + 1):
        (refused,) = _poll(server, store, clock)
        assert refused.transient == (attempt < MAX_ATTEMPTS)
        clock.now += RETRY_AFTER * 2**attempt
    assert refused.reason.endswith(f"(gave up after {MAX_ATTEMPTS} attempts)")
    clock.now += timedelta(days=30)
    assert _poll(server, store, clock) == []
    assert server.hits["/down"] == MAX_ATTEMPTS


def test_a_server_that_hangs_up_is_a_transient_failure(server: LocalServer) -> None:
    server.routes["/hangup"] = Route(hang_up=True)
    (item,) = list(read_urls([server.url("/hangup")], allow_private=True))
    assert isinstance(item, Rejected) and item.transient, item
    assert item.reason.startswith("cannot fetch")


# -- item 8: addresses that are not public, however they are written -------------------------


@pytest.mark.parametrize(
    "address",
    [
        "100.64.0.1",  # shared address space (carrier NAT)
        "100.100.100.200",  # a cloud metadata address inside it
        "10.1.2.3",
        "169.254.169.254",
        "::ffff:10.0.0.1",  # IPv4-mapped
        "2002:a00:1::1",  # 6to4 of 10.0.0.1
        "2002:6440:1::1",  # 6to4 of 100.64.0.1
        "2001:0:4136:e378:8000:63bf:f5ff:fffe",  # Teredo, client 10.0.0.1
        "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
        "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
        "fd00::1",
    ],
)
def test_addresses_that_embed_a_private_one_are_refused(address: str) -> None:
    assert web.private_reason(ipaddress.ip_address(address)) is not None
    host = f"[{address}]" if ":" in address else address
    (item,) = list(read_urls([f"http://{host}/latest/meta-data"]))
    assert isinstance(item, Rejected) and "private or local address" in item.reason, item


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"])
def test_public_addresses_pass(address: str) -> None:
    assert web.private_reason(ipaddress.ip_address(address)) is None


def test_a_document_is_still_read_from_a_good_url(server: LocalServer) -> None:
    server.routes["/ok"] = Route(html_page("Fine", article_text(8)))
    (doc,) = list(read_urls([server.url("/ok")], allow_private=True))
    assert isinstance(doc, Document) and doc.title == "Fine"
