"""Test data shared by several test packages (plain constants and functions, no fixtures)."""

from __future__ import annotations

import base64
import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa
import pytest

from tension.data.model import ARTICLE_SCHEMA, QUARANTINE_SCHEMA, STATEMENT_SCHEMA

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
APP = REPO / "dashboard" / "app.py"
ARTIFACTS = REPO / "test-artifacts"
"""Where browser tests write their screenshots (one per fixed defect, at least)."""

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
    """What the local server answers on one path. ``drip``: seconds between bytes of the
    response (the status line and headers too, unless not ``drip_headers``);
    ``fail_first``: answer that many requests with ``fail_status`` first; ``hang_up``:
    close the connection without answering."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    drip: float = 0.0
    drip_headers: bool = True
    fail_first: int = 0
    fail_status: int = 503
    hang_up: bool = False


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


# ---------------------------------------------------------------------------------------------
# The dashboard tests' data and readers of the figures a page sends

EVIL = (
    'Minister said: <script>alert("x")</script> <img src=x onerror="alert(1)"> '
    "[click here](http://evil.example/) and **bold** we warned them."
)
EVIL_PAIR = ("ARM", "AZE")


def evil_batch() -> dict[str, pa.Table]:
    """One article whose statement is hostile text, between ARM and AZE, plus a quarantined
    input whose name is hostile too."""
    start = EVIL.index("warned")
    span = {"start": start, "end": start + len("warned")}
    terms = [{"term": "warned", "category": "threat", "weight": 18.0, **span}]
    contributions = [
        {"source": "sentiment", "category": "sentiment", "points": 7.0, "start": -1, "end": -1},
        {"source": "warned", "category": "threat", "points": 18.0, **span},
    ]
    day = date(2016, 6, 1)
    article = {
        "article_id": "evil1",
        "title": "<b>Hostile</b> title",
        "published": day,
        "text": EVIL,
        "source": "evil.txt",
        "pairs": ["ARM-AZE"],
        "countries": ["ARM", "AZE"],
        "intensity": 25.0,
        "terms": "[]",
        "contributions": "[]",
    }
    statement = {
        "article_id": "evil1",
        "idx": 0,
        "start": 0,
        "end": len(EVIL),
        "text": EVIL,
        "kind": "quote",
        "speaker": "<i>Speaker</i>",
        "speaker_country": "ARM",
        "target_countries": ["AZE"],
        "published": day,
        "intensity": 25.0,
        "raw": 25.0,
        "terms": json.dumps(terms),
        "contributions": json.dumps(contributions),
    }
    quarantine = {
        "source": "<img src=x onerror=alert(2)>.pdf",
        "reason": "unsupported file type '.pdf'",
        "seen_at": datetime(2024, 1, 1, tzinfo=UTC),
    }
    return {
        "articles": pa.Table.from_pylist([article], schema=ARTICLE_SCHEMA),
        "statements": pa.Table.from_pylist([statement], schema=STATEMENT_SCHEMA),
        "quarantine": pa.Table.from_pylist([quarantine], schema=QUARANTINE_SCHEMA),
    }


def decode(values: Any) -> list[Any]:
    """A Plotly JSON array: a plain list, or ``{"dtype", "bdata"}`` (base64 of a typed array)."""
    if isinstance(values, dict) and "bdata" in values:
        raw = base64.b64decode(values["bdata"])
        return np.frombuffer(raw, dtype=np.dtype(values["dtype"])).tolist()
    return list(values)


def figures(at: Any) -> list[dict[str, Any]]:
    """The figure JSON of every Plotly chart on the page."""
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def trace_names(at: Any) -> list[str]:
    return [str(t.get("name")) for fig in figures(at) for t in fig["data"]]


# ---------------------------------------------------------------------------------------------
# Browser tests: waiting on Streamlit and Plotly (never on fixed sleeps), screenshots

READY = "[data-testid='stApp'][data-test-script-state='notRunning']"
TIMEOUT_MS = 45_000


@contextmanager
def server_log_on_failure(server: dict[str, Any]) -> Iterator[None]:
    """A failure inside shows the tail of the Streamlit server's log."""
    try:
        yield
    except Exception as exc:
        log = Path(server["log"]).read_text(errors="replace")[-4000:]
        pytest.fail(f"{type(exc).__name__}: {exc}\n--- streamlit log (tail) ---\n{log}")


def goto(page: Any, url: str, charts: int = 0) -> None:
    page.goto(url)
    wait_ready(page, charts)


def wait_ready(page: Any, charts: int = 0) -> None:
    """The script has finished its run and at least ``charts`` Plotly charts are drawn."""
    page.wait_for_selector(READY, timeout=TIMEOUT_MS, state="attached")
    if charts:
        # a drawn chart: a Plotly root with its data and an SVG (each chart has several
        # .main-svg layers, so counting those would be satisfied by half the charts)
        page.wait_for_function(
            """n => Array.from(document.querySelectorAll('.js-plotly-plot')).filter(
                el => el.data && el.data.length && el.querySelector('.main-svg')
            ).length >= n""",
            arg=charts,
            timeout=TIMEOUT_MS,
        )


def wait_url(page: Any, *parts: str, absent: tuple[str, ...] = ()) -> None:
    """The address bar's query holds every ``parts`` (``"bucket=day"``) and none of
    ``absent``; then the run that wrote it has finished."""
    page.wait_for_function(
        """([want, gone]) => want.every(p => location.search.includes(p))
            && gone.every(p => !location.search.includes(p))""",
        arg=[list(parts), list(absent)],
        timeout=TIMEOUT_MS,
    )
    wait_ready(page)


def wait_chart(page: Any, title_part: str) -> None:
    """A drawn chart whose title contains ``title_part``."""
    page.wait_for_function(
        """t => Array.from(document.querySelectorAll('.js-plotly-plot')).some(
            el => el._fullLayout && el.querySelector('.main-svg')
                && String((el._fullLayout.title || {}).text || '').includes(t))""",
        arg=title_part,
        timeout=TIMEOUT_MS,
    )


def shot(page: Any, name: str, *, docs: bool = False, focus: Any = None) -> None:
    """A screenshot in ``test-artifacts/`` (and ``docs/screenshots/`` with
    ``UPDATE_SCREENSHOTS=1`` when ``docs``); ``focus`` (a locator) is scrolled into view
    first: Streamlit scrolls inside its main block, so a "full page" shot is one screen."""
    if focus is not None:
        focus.scroll_into_view_if_needed()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    if docs and os.environ.get("UPDATE_SCREENSHOTS") == "1":
        out = REPO / "docs" / "screenshots"
        out.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out / f"{name}.png"))


def plotly_traces(page: Any) -> list[dict[str, Any]]:
    """Name, type and number of points of every trace drawn in the page."""
    result: list[dict[str, Any]] = page.evaluate(
        """() => Array.from(document.querySelectorAll('.js-plotly-plot')).flatMap(
            el => (el._fullData || el.data || []).map(t => ({
                name: t.name, type: t.type,
                n: t.y ? (t.y.length ?? Object.keys(t.y).length) : 0,
            })))"""
    )
    return result


def run_tension(
    *args: str, timeout: float = 120, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``tension ARGS...`` in a subprocess, as a user runs it (output captured as text)."""
    return subprocess.run(
        [sys.executable, "-m", "tension.cli", *args],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO), **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def write_articles(folder: Path, n: int, start: int = 0) -> Path:
    """``n`` dated .txt articles of :func:`article_text` in ``folder`` (created)."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + n):
        (folder / f"a{i:03d}.txt").write_text(
            f"Date: 2024-03-{i % 28 + 1:02d}\n\n{article_text(i)}\n", encoding="utf-8"
        )
    return folder


# -- browser helpers for the monitoring pages ------------------------------------------------


def pick_option(page: Any, label: str, typed: str) -> None:
    """Pick the option of the select box ``label`` whose text contains ``typed``."""
    box = page.get_by_role("combobox", name=label, exact=True)
    box.click()
    page.keyboard.type(typed)
    page.get_by_role("option").filter(has_text=typed).first.click()


def pick_radio(page: Any, option: str) -> None:
    """Click the radio option whose label contains ``option``."""
    page.locator("[data-testid='stRadio'] label").filter(has_text=option).first.click()


def grid_rows(page: Any, which: int = 0, columns: int | None = None) -> list[list[str]]:
    """The visible rows of the ``which``-th table of the page as a person reads them (the
    grid's accessible cells), waiting until the grid has drawn its first row."""
    grid = page.locator("[data-testid='stDataFrame']").nth(which)
    grid.locator("td").first.wait_for(state="attached", timeout=TIMEOUT_MS)
    rows = grid.locator("tbody tr")
    out = []
    for i in range(rows.count()):
        cells = rows.nth(i).locator("td").all_inner_texts()
        out.append(cells[:columns] if columns else cells)
    return [r for r in out if any(c.strip() for c in r)]


def click_grid_row(page: Any, row: int, which: int = 0) -> None:
    """Click the selection box of row ``row`` (0 = first) of the ``which``-th table."""
    grid = page.locator("[data-testid='stDataFrame']").nth(which)
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 17 + 35 * row)


def record_outside_requests(page: Any, base: str) -> list[str]:
    """A list that fills with every request the page makes outside ``base`` (the test
    server): a page meant to work offline must leave it empty."""
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url) if not r.url.startswith(base) else None)
    return asked


def wait_grid_cell(page: Any, text: str | list[str], which: int = 0) -> None:
    """Wait until the first column of the ``which``-th table reads ``text`` in its first row
    (or, given a list, reads the list from its first row on, as far as rows are drawn): a
    table redraws after the script run that changed it has finished."""
    want = [text] if isinstance(text, str) else list(text)
    page.wait_for_function(
        """([which, want]) => {
            const grid = document.querySelectorAll("[data-testid='stDataFrame']")[which];
            if (!grid) return false;
            const firsts = Array.from(grid.querySelectorAll('tbody tr'))
                .map(tr => tr.querySelector('td'))
                .filter(td => td && td.innerText.trim())
                .map(td => td.innerText.trim());
            const n = Math.min(firsts.length, want.length);
            return n > 0 && want.slice(0, n).every((w, i) => firsts[i] === w);
        }""",
        arg=[which, want],
        timeout=TIMEOUT_MS,
    )


# ---------------------------------------------------------------------------------------------
# Monitoring: statements of the United States about China and back, each distinct


US_CHINA_FIRST = date(2024, 1, 1)  # a Monday
US_CHINA_CALM_WEEKS = 16
US_CHINA_HOSTILE_WEEKS = 3
US_CHINA_HOSTILE_FROM = US_CHINA_FIRST + timedelta(weeks=US_CHINA_CALM_WEEKS)
US_CHINA_LAST = US_CHINA_HOSTILE_FROM + timedelta(weeks=US_CHINA_HOSTILE_WEEKS, days=-1)
"""The span of the ``us_china_store`` fixture (see tests/conftest.py)."""


def us_china_documents() -> list[Document]:
    """The ``us_china_store``'s articles: 16 calm weeks, then 3 hostile weeks of the United
    States about China (China stays calm); 3 statements a week of the United States, 5 when
    hostile (four hostile, one calm), and 2 of China."""
    docs = []
    i = 0
    for week in range(US_CHINA_CALM_WEEKS + US_CHINA_HOSTILE_WEEKS):
        monday = US_CHINA_FIRST + timedelta(weeks=week)
        hostile = week >= US_CHINA_CALM_WEEKS
        for k in range(5 if hostile else 3):
            docs.append(us_china_document(i, monday + timedelta(days=k), hostile=hostile and k < 4))
            i += 1
        for k in range(2):
            day = monday + timedelta(days=k)
            docs.append(us_china_document(i, day, hostile=False, speaker="CHN"))
            i += 1
    return docs


def us_china_document(i: int, day: date, *, hostile: bool, speaker: str = "USA") -> Document:
    """One short dated article in which ``speaker`` ("USA" or "CHN") speaks about the other;
    ``i`` numbers it, so no two are the same statement (and, under ten words, they are never
    taken for syndicated copies of one another)."""
    from tension.data.ingest import Document

    who, other = ("Washington", "Beijing") if speaker == "USA" else ("Beijing", "Washington")
    if hostile:
        text = f"{who} accused {other} of a dangerous provocation in incident {i}."
    else:
        text = f"{who} welcomed talks with {other} on trade, round {i}."
    return Document(text=text, source=f"test:uschina-{i}", title=f"Report {i}", published=day)


@dataclass
class Recorder:
    """A loopback HTTP server: GET answers from ``pages`` (path → (body, content type)),
    POST is recorded in ``posts`` (path, content type, body) and answered 200, unless the
    path's entry in ``fail_posts`` says how many more POSTs to answer 500."""

    base: str
    pages: dict[str, tuple[bytes, str]]
    posts: list[tuple[str, str, bytes]] = field(default_factory=list)
    fail_posts: dict[str, int] = field(default_factory=dict)

    def bodies(self, path: str) -> list[bytes]:
        return [body for p, _, body in self.posts if p == path]


@contextmanager
def recorder(pages: dict[str, tuple[bytes, str]] | None = None) -> Iterator[Recorder]:
    """A :class:`Recorder` on 127.0.0.1 (a free port) for the block's duration."""
    import http.server
    import threading

    state = Recorder("", dict(pages or {}))
    lock = threading.Lock()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            found = state.pages.get(self.path)
            if found is None:
                self.send_error(404)
                return
            body, kind = found
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            with lock:
                failing = state.fail_posts.get(self.path, 0)
                if failing:
                    state.fail_posts[self.path] = failing - 1
                else:
                    state.posts.append((self.path, self.headers.get("Content-Type", ""), body))
            self.send_response(500 if failing else 200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
