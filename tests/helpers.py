"""Test data shared by several test packages (plain constants and functions, no fixtures)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tension.data.ingest import Document

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

QUILL_TEXT = (
    "Marta Quill said on Monday that Iran's border drills were a dangerous provocation. "
    '"We will not accept threats from Tehran," Quill told reporters in the capital.'
)
"""An article of our own words whose speaker no bundled list knows: her statements have no
speaker country unless a user officials file names her."""

QUILL_OFFICIALS = '[[official]]\nnames = ["Marta Quill", "Quill"]\ncountry = "NOR"\n'
"""A user officials file that makes Marta Quill speak for Norway."""


def write_quill_officials(folder: Path) -> Path:
    """:data:`QUILL_OFFICIALS` written as ``officials.toml`` in ``folder``."""
    path = folder / "officials.toml"
    path.write_text(QUILL_OFFICIALS, encoding="utf-8")
    return path


def demo_documents(n: int | None = None) -> list[Document]:
    """The first ``n`` demo articles (all when None) as ingest documents, in date order."""
    from itertools import islice

    from tension.data.demo import iter_demo_articles
    from tension.data.ingest import Document, documents_from_records

    records = ((f"demo:{r['id']}", r) for r in islice(iter_demo_articles(), n))
    docs = [d for d in documents_from_records(records) if isinstance(d, Document)]
    assert n is None or len(docs) == n
    return docs


def shared_path(*parts: str) -> Path:
    """A file under ../shared, or skip the test when the folder is not beside the repo."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing, and CI must have ../shared")
        pytest.skip(f"{path} not found: ../shared is not beside this checkout")
    return path


def free_port() -> int:
    """A free TCP port on the loopback address."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def browser_available() -> None:
    """Skip (or, under CI=true, fail) when Chromium or Playwright is missing."""
    ci = os.environ.get("CI") == "true"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        if ci:
            pytest.fail("CI=true but the playwright package is not installed")
        pytest.skip("the playwright package is not installed")
    if not CHROMIUM.exists():
        if ci:
            pytest.fail(f"CI=true but {CHROMIUM} is missing: browser tests must run in CI")
        pytest.skip(f"{CHROMIUM} not found: browser tests need a system Chromium")


# -- small articles of our own words and a local HTTP server's routes --------------------

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


def html_page(title: str, text: str, published: str | None = None) -> bytes:
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    paras = "".join(f"<p>{s.strip()}.</p>" for s in text.split(".") if s.strip())
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>{meta}</head><body>"
        f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{paras}</article>"
        f"<footer>Copyright Example News</footer></body></html>"
    ).encode()


@contextlib.contextmanager
def streamlit_server(
    cmd: list[str], *, port: int, log: Path, cwd: Path, env: dict[str, str]
) -> Iterator[str]:
    """Run a dashboard command line that listens on ``port``; yield its URL once its health
    check answers (fail with its log when it exits or takes over a minute); stop it after."""
    url = f"http://127.0.0.1:{port}"
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                        if resp.status == 200:
                            break
                except OSError:
                    pass
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(
                        f"the dashboard did not start (exit {proc.poll()}); its log:\n"
                        + log.read_text(errors="replace")
                    )
                time.sleep(0.2)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
