"""Fixtures for the ingest tests: small generated articles and a local HTTP server."""

from __future__ import annotations

import contextlib
import http.server
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

_PEOPLE = [
    ("Azerbaijan", "Iran"),
    ("Armenia", "Azerbaijan"),
    ("Turkey", "Greece"),
    ("India", "Pakistan"),
    ("China", "Japan"),
]
_VERBS = ["warned", "accused", "criticised", "threatened", "praised", "welcomed"]
_THINGS = ["border drills", "the pipeline deal", "troop movements", "the trade talks", "sanctions"]


def article_text(i: int, words: int = 0) -> str:
    """A small article of our own words, different for each ``i``."""
    a, b = _PEOPLE[i % len(_PEOPLE)]
    verb = _VERBS[i % len(_VERBS)]
    thing = _THINGS[(i // 3) % len(_THINGS)]
    lines = [
        f"The foreign ministry of {a} {verb} {b} on Monday over {thing}, item number {i}.",
        f'"We will respond to any provocation," the spokesman of {a} said about case {i}.',
        f"Officials in {b} said the remarks about {thing} were unhelpful, report {i} noted.",
        f"Analysts expect talks between {a} and {b} to resume after round {i * 7 + 3}.",
    ]
    return " ".join(lines)


def wire_story(outlet: str, edit: int = 0) -> str:
    """The same wire story as different outlets run it: lightly edited per ``edit``."""
    sentences = [
        "Azerbaijan accused Iran of staging provocative military drills near the shared border.",
        "The foreign ministry in Baku said the exercises threatened regional stability.",
        '"We will not tolerate threats to our sovereignty," the ministry spokesman said.',
        "Iran rejected the accusation and said the drills were routine and defensive.",
        "Tehran's envoy warned Baku against hosting foreign forces near the frontier.",
        "Diplomats from both countries are expected to meet in Geneva later this month.",
        "Trade between the neighbours has fallen sharply since the dispute began last year.",
        "Regional analysts said the row could delay a planned transit corridor agreement.",
    ]
    if edit:
        sentences[edit % len(sentences)] = sentences[edit % len(sentences)].replace(
            "said", "stated"
        )
    return " ".join(sentences) + f" ({outlet} contributed to this report.)"


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


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass
class LocalServer:
    """A tiny HTTP server on 127.0.0.1 (random port) answering from ``routes``."""

    base: str
    routes: dict[str, Route]
    hits: dict[str, int]

    def url(self, path: str) -> str:
        return self.base + path


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
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            self.send_header("Content-Length", str(len(route.body)))
            for k, v in route.headers.items():
                self.send_header(k, v)
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(route.body)

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


def html_page(title: str, text: str, published: str | None = None) -> bytes:
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    paras = "".join(f"<p>{s.strip()}.</p>" for s in text.split(".") if s.strip())
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>{meta}</head><body>"
        f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{paras}</article>"
        f"<footer>Copyright Example News</footer></body></html>"
    ).encode()
