"""Memory under large inputs (issue 13, item 2): ``python -m bench.run --sections memory``.

- **Ingest**: peak RSS of ``ingest_documents`` over 1,000 generated articles (JSON lines,
  about 5 KB each), then over the same plus one article of :data:`BIG_MB` MB (a ``.txt``
  file of generated article text: sentences, quotes, countries), each in a fresh process.
  The difference is what the largest document costs; per MB of its text it is the
  "constant" the README documents. Before the per-document bounds it was about 230 MB of
  RSS per MB of text.
- **Dashboard**: RSS of a running ``tension dashboard`` (Streamlit) server before and
  after a :data:`UPLOAD_MB` MB upload (gzipped text) through the Add data page, driven by
  Chromium through Playwright; and its peak. Needs ``playwright`` and ``/usr/bin/chromium``
  (skipped with the reason otherwise).

``python -m bench.memory_bench`` runs both alone and prints JSON.
"""

from __future__ import annotations

import gzip
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
NORMAL = 1000
BIG_MB = 40
UPLOAD_MB = 4
CHROMIUM = Path("/usr/bin/chromium")


def _article_text(min_bytes: int, seed: int = 0) -> str:
    """Generated article text (bench corpus articles run together) of at least
    ``min_bytes`` bytes."""
    from bench.corpus import iter_articles

    parts: list[str] = []
    size = 0
    for i, art in enumerate(iter_articles(10**9)):
        if size >= min_bytes:
            break
        text = art.text.replace("\n", " ")
        parts.append(f"{text} (part {seed}-{i})")
        size += len(text) + 2
    return "\n\n".join(parts)


def write_inputs(folder: Path, *, normal: int = NORMAL, big_mb: float = 0) -> Path:
    """``normal`` generated articles as JSON lines, and a ``big.txt`` of ``big_mb`` MB."""
    from bench.corpus import iter_articles

    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "articles.jsonl").open("w", encoding="utf-8") as out:
        for art in iter_articles(normal):
            out.write(json.dumps(art.record(), ensure_ascii=False) + "\n")
    if big_mb:
        text = _article_text(int(big_mb * 2**20), seed=7)
        (folder / "big.txt").write_text(f"Date: 2024-02-01\n\n{text}\n", encoding="utf-8")
    return folder


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_ingest(files: str, store: str) -> dict[str, Any]:
    """One ingest in this (fresh) process: its report and peak RSS."""
    from tension.data.ingest import ingest_documents, read_paths

    t0 = time.perf_counter()
    report = ingest_documents(store, read_paths([files]))
    return {
        "articles": report.new,
        "statements": report.statements,
        "notes": [str(n) for n in getattr(report, "notes", [])][:5],
        "seconds": time.perf_counter() - t0,
        "peak_rss_mb": _peak_mb(),
    }


def _run_child(fn: str, **kwargs: Any) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "bench.memory_bench", "--child", fn, json.dumps(kwargs)]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, check=False)
    if proc.returncode != 0:
        return {"error": (proc.stderr.strip().splitlines() or ["failed"])[-1]}
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def ingest_memory(tmp: Path, *, normal: int = NORMAL, big_mb: float = BIG_MB) -> dict[str, Any]:
    """Peak RSS of an ingest without and with one ``big_mb`` MB article."""
    plain = write_inputs(tmp / "plain", normal=normal)
    with_big = write_inputs(tmp / "big", normal=normal, big_mb=big_mb)
    base = _run_child("child_ingest", files=str(plain), store=str(tmp / "store-plain"))
    big = _run_child("child_ingest", files=str(with_big), store=str(tmp / "store-big"))
    out: dict[str, Any] = {
        "normal_articles": normal,
        "big_mb": big_mb,
        "without": base,
        "with": big,
    }
    if "peak_rss_mb" in base and "peak_rss_mb" in big:
        extra = big["peak_rss_mb"] - base["peak_rss_mb"]
        out["extra_mb"] = extra
        out["extra_mb_per_mb"] = extra / big_mb
    return out


# -- the dashboard ---------------------------------------------------------------------------


def _listening(port: int) -> int:
    """The id of the process listening on ``port`` on this machine (the dashboard server)."""
    import psutil

    for conn in psutil.net_connections(kind="tcp"):
        listens = conn.status == psutil.CONN_LISTEN and conn.laddr and conn.laddr.port == port
        if listens and conn.pid is not None:
            return int(conn.pid)
    raise RuntimeError(f"nothing listens on port {port}")


def _rss(pid: int) -> dict[str, float]:
    """VmRSS and VmHWM (peak) of a process, in MB."""
    out: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = int(value.split()[0]) / 1024
    return out


def dashboard_memory(tmp: Path, *, upload_mb: float = UPLOAD_MB) -> dict[str, Any]:
    """RSS of a dashboard server before and after an upload of ``upload_mb`` MB of text."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"skipped": "the playwright package is not installed"}
    if not CHROMIUM.exists():
        return {"skipped": f"{CHROMIUM} not found"}
    from tension.commands.dashboard import streamlit_args
    from tension.data.ingest import ingest_documents, read_paths
    from tests.helpers import free_port, streamlit_server

    store = tmp / "dash-store"
    ingest_documents(store, read_paths([write_inputs(tmp / "dash-in", normal=300)]))
    upload = tmp / "upload.txt.gz"
    text = _article_text(int(upload_mb * 2**20), seed=11)
    upload.write_bytes(gzip.compress(f"Date: 2024-02-02\n\n{text}\n".encode()))
    port = free_port()
    env = {**os.environ, "TENSION_DB": str(store), "PYTHONPATH": str(REPO)}
    cmd = streamlit_args("127.0.0.1", port)
    result: dict[str, Any] = {"upload_mb": upload_mb, "upload_gz_kb": upload.stat().st_size / 1024}
    with (
        streamlit_server(cmd, port=port, log=tmp / "streamlit.log", cwd=REPO, env=env) as url,
        sync_playwright() as pw,
    ):
        server = _listening(port)  # the Streamlit process itself
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox"]
        )
        page = browser.new_page()
        for name in ("overview", "add_data"):  # the pages warm the server up
            page.goto(f"{url}/{name}")
            page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']")
            time.sleep(1.0)
        result["before"] = _rss(server)
        page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(upload))
        page.get_by_text(upload.name).first.wait_for(timeout=120_000)
        t0 = time.perf_counter()
        page.get_by_role("button", name="Ingest the files").click()
        page.locator("[data-testid='stMetric']", has_text="New articles").wait_for(
            timeout=1_200_000
        )
        result["ingest_seconds"] = time.perf_counter() - t0
        time.sleep(2.0)
        result["after"] = _rss(server)
        page.goto(f"{url}/overview")
        page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']")
        time.sleep(1.0)
        result["after_next_page"] = _rss(server)
        browser.close()
    return result


def run(
    *, normal: int = NORMAL, big_mb: float = BIG_MB, upload_mb: float = UPLOAD_MB
) -> dict[str, Any]:
    tmp = Path(tempfile.mkdtemp(prefix="tension-memory-"))
    try:
        return {
            "ingest": ingest_memory(tmp, normal=normal, big_mb=big_mb),
            "dashboard": dashboard_memory(tmp, upload_mb=upload_mb),
        }
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        fn = {"child_ingest": child_ingest}[argv[1]]
        print(json.dumps(fn(**json.loads(argv[2]))))
        return 0
    print(json.dumps(run(), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
