"""Fixtures for the ingest tests: small generated articles and a local HTTP server."""

from __future__ import annotations

import contextlib
import http.server
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import LocalServer, Route, article_text


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder of a few .txt articles with date headers, one per file."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(6):
        (folder / f"a{i:02d}.txt").write_text(
            f"Title: Story {i}\nDate: 2024-03-{i + 1:02d}\n\n{article_text(i)}\n", encoding="utf-8"
        )
    return folder


@pytest.fixture
def server() -> Iterator[LocalServer]:
    routes: dict[str, Route] = {}
    hits: dict[str, int] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.split("?")[0]  # queries (tracking parameters) are ignored
            hits[path] = hits.get(path, 0) + 1
            route = routes.get(path)
            if route is None:
                self.send_error(404)
                return
            if route.delay:
                time.sleep(route.delay)
            if route.hang_up:
                self.close_connection = True
                return
            if hits[path] <= route.fail_first:
                self.send_error(route.fail_status)
                return
            if route.drip:
                self._drip(route)
                return
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            self.send_header("Content-Length", str(len(route.body)))
            for k, v in route.headers.items():
                self.send_header(k, v)
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(route.body)

        def _drip(self, route: Route) -> None:
            """The whole response a byte at a time (a server that never quite times out)."""
            head = (
                f"HTTP/1.1 {route.status} OK\r\nContent-Type: {route.content_type}\r\n"
                f"Content-Length: {len(route.body)}\r\n\r\n"
            ).encode()
            with contextlib.suppress(OSError):
                if not route.drip_headers:
                    self.wfile.write(head)
                    head = b""
                for byte in head + route.body:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(route.drip)

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield LocalServer(f"http://127.0.0.1:{httpd.server_address[1]}", routes, hits)
    finally:
        httpd.shutdown()
        httpd.server_close()
