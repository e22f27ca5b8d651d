"""Speed and memory benchmarks: ``python -m bench.run`` (``make bench``).

Sections (``--sections``, comma-separated; all by default):

- ``baseline``: vaderSentiment's ``polarity_scores`` on each sentence of the articles, one
  process (sentences split beforehand; the split is timed apart).
- ``ours``: ``tension.scoring.analyze`` on each article, one process (the whole pipeline, with the
  scorer's own sentiment analyser, :class:`tension.scoring.vader.VaderAnalyzer`).
- ``parallel``: the same through :class:`tension.data.executor.LocalExecutor` with
  ``--workers`` processes (2 by default), timed once the workers are up. Beside the wall-time
  ratio to one process, the CPU seconds the workers spent on the articles give the ratio
  the pool reaches when each worker has a core of its own (the wall-time ratio is only
  meaningful on an otherwise idle machine: the load average is recorded with each section).
- ``ingest``: JSONL files to a published store with :func:`tension.data.ingest.ingest_documents`,
  at 10k and 100k articles (``--ingest-sizes``; about half an hour for 100k on one core),
  with peak memory (RSS) of the ingesting process and its ratio between the sizes.

Articles are ``--corpus composed`` by default (:mod:`bench.corpus`: sentences composed from a
grammar, 99% of them distinct, as in real news, so per-sentence caches do not flatter the
ratio); ``--corpus pool`` is the older corpus of sentences drawn from a small pool.
- ``tension.dashboard``: :func:`bench.dashboard_bench.run` at 1M and 10M statements, when present.
- ``browser``: time to first chart and to a control's effect in Chromium
  (:mod:`bench.browser_bench`), on the demo store and a generated 1M-statement store
  (100k with ``--quick``).
- ``memory``: :mod:`bench.memory_bench`: peak RSS of an ingest of 1,000 articles with and
  without one 40 MB article, and a dashboard server's RSS before and after a 4 MB upload.

Every measurement runs in a fresh child process (cold caches, its own peak memory). Figures
go to ``bench/results.json`` and ``bench/RESULTS.md``. ``--quick`` uses small sizes.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SECTIONS = ("baseline", "ours", "parallel", "ingest", "dashboard", "browser", "memory")


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (pool workers, once joined):
    unlike wall time, it does not grow when other work shares the cores."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- child sections ------------------------------------------------------------------------


def _child_baseline(n: int, style: str = "composed") -> dict[str, Any]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from bench.corpus import distinct_share, generate
    from tension.scoring.sentences import split_sentences

    arts = generate(n, style=style)  # type: ignore[arg-type]
    t0 = time.perf_counter()
    sentences = [a.text[s:e] for a in arts for s, e in split_sentences(a.text)]
    split_s = time.perf_counter() - t0
    vader = SentimentIntensityAnalyzer()
    t0 = time.perf_counter()
    for s in sentences:
        vader.polarity_scores(s)
    secs = time.perf_counter() - t0
    return {
        "articles": n,
        "sentences": len(sentences),
        "seconds": secs,
        "articles_per_s": n / secs,
        "sentences_per_s": len(sentences) / secs,
        "split_seconds": split_s,
        "split_articles_per_s": n / split_s,
        "distinct_sentence_share": distinct_share(arts, split_sentences),
    }


def _child_fast_vader(n: int, style: str = "composed") -> dict[str, Any]:
    from bench.corpus import generate
    from tension.scoring.sentences import split_sentences
    from tension.scoring.vader import vader_analyzer

    arts = generate(n, style=style)  # type: ignore[arg-type]
    sentences = [a.text[s:e] for a in arts for s, e in split_sentences(a.text)]
    vader = vader_analyzer()
    t0 = time.perf_counter()
    for s in sentences:
        vader.polarity_scores(s)
    secs = time.perf_counter() - t0
    return {"articles": n, "seconds": secs, "articles_per_s": n / secs}


def _own_cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def _child_ours(n: int, style: str = "composed") -> dict[str, Any]:
    from bench.corpus import generate
    from tension import scoring
    from tension.scoring.batch import warm

    arts = generate(n, style=style)  # type: ignore[arg-type]
    warm()
    cpu0 = _own_cpu()
    t0 = time.perf_counter()
    statements = 0
    for a in arts:
        statements += len(scoring.analyze(a.text, title=a.title, date=a.published).statements)
    secs = time.perf_counter() - t0
    cpu = _own_cpu() - cpu0
    return {
        "articles": n,
        "statements": statements,
        "seconds": secs,
        "cpu_seconds": cpu,
        "articles_per_s": n / secs,
        "articles_per_cpu_s": n / cpu,
    }


def count_statements(records: list[dict[str, Any]], scorer: Any = None) -> int:
    """The parallel section's task: :func:`tension.scoring.batch.analyze_batch`, returning only the
    number of statements, as the one-process section keeps only that number (the ingest
    section measures the workers' real output, Arrow tables, end to end)."""
    from tension.scoring.batch import analyze_batch

    return sum(len(a.statements) for a in analyze_batch(records, scorer=scorer))


def timed_count(records: list[dict[str, Any]]) -> tuple[int, int, float]:
    """The parallel section's task: :func:`count_statements`, with the worker's pid and the
    CPU seconds it has used so far (start-up included), so the parent can tell the CPU spent
    on the articles from the CPU spent starting up."""
    return count_statements(records), os.getpid(), _own_cpu()


def _child_parallel(n: int, workers: int, style: str = "composed") -> dict[str, Any]:
    from bench.corpus import generate
    from tension.data.executor import LocalExecutor, map_groups

    arts = generate(n, style=style)  # type: ignore[arg-type]
    records = [{"text": a.text, "title": a.title, "published": a.published} for a in arts]
    t_start = time.perf_counter()
    with LocalExecutor(workers) as ex:
        # pool up, each worker warm: a worker runs its start-up before its first task
        warm = [(None, [r]) for r in records[: 4 * workers]]
        at_start: dict[int, float] = {}
        for _, parts in map_groups(ex, warm, timed_count):
            for _, pid, cpu in parts:
                at_start[pid] = max(cpu, at_start.get(pid, 0.0))
        ready = time.perf_counter()
        statements = 0
        at_end: dict[int, float] = {}
        for _, parts in map_groups(ex, [(None, records)], timed_count, chunk=8):
            for count, pid, cpu in parts:
                statements += count
                at_end[pid] = max(cpu, at_end.get(pid, 0.0))
        secs = time.perf_counter() - ready
    work_cpu = sum(cpu - at_start.get(pid, 0.0) for pid, cpu in at_end.items())
    return {
        "articles": n,
        "workers": workers,
        "workers_used": len(at_end),
        "statements": statements,
        "seconds": secs,
        "startup_seconds": ready - t_start,
        "startup_cpu_seconds": sum(at_start.values()),
        "work_cpu_seconds": work_cpu,
        "articles_per_s": n / secs,
        "articles_per_cpu_s": n / work_cpu if work_cpu else None,
    }


def _child_ingest(files: str, store: str, workers: int) -> dict[str, Any]:
    from tension.data.executor import make_executor
    from tension.data.ingest import ingest_documents, read_paths

    rss_before = _peak_rss_mb()
    executor = make_executor(workers)
    kwargs: dict[str, Any] = {"executor": executor}
    cpu0 = _cpu_seconds()
    t0 = time.perf_counter()
    try:
        report = ingest_documents(store, read_paths([files]), **kwargs)
    finally:
        executor.close()
    secs = time.perf_counter() - t0
    cpu = _cpu_seconds() - cpu0
    return {
        "articles": report.new,
        "duplicates": report.duplicate,
        "statements": report.statements,
        "batches": len(report.batches),
        "seconds": secs,
        "cpu_seconds": cpu,
        "articles_per_s": report.new / secs,
        "rss_after_imports_mb": rss_before,
        "peak_rss_mb": _peak_rss_mb(),
        "workers": executor.workers,
    }


def _child_dashboard(n: int) -> dict[str, Any]:
    from bench import dashboard_bench

    t0 = time.perf_counter()
    out: dict[str, Any] = dashboard_bench.run(n)
    # out["peak_rss_mb"] is the app's own peak, measured in the page processes; this
    # wrapper's peak also holds the store generator, so it is kept under another name.
    return {
        **out,
        "statements": n,
        "total_seconds": time.perf_counter() - t0,
        "wrapper_peak_rss_mb": _peak_rss_mb(),
    }


def _child_browser(n: int) -> dict[str, Any]:
    from bench import browser_bench

    return browser_bench.run(n)


CHILDREN: dict[str, Callable[..., dict[str, Any]]] = {
    "browser": _child_browser,
    "baseline": _child_baseline,
    "fast_vader": _child_fast_vader,
    "ours": _child_ours,
    "parallel": _child_parallel,
    "ingest": _child_ingest,
    "dashboard": _child_dashboard,
}


def _in_child(section: str, **kwargs: Any) -> dict[str, Any]:
    cmd = [
        sys.executable,
        "-m",
        "bench.run",
        "--child",
        section,
        "--child-args",
        json.dumps(kwargs),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=HERE.parent, check=False)
    if proc.returncode != 0:
        return {"error": proc.stderr.strip().splitlines()[-1:] or ["failed"]}
    return json.loads(proc.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _say(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# -- the run -------------------------------------------------------------------------------


def _write_files(n: int, folder: Path, per_file: int = 1000, style: str = "composed") -> None:
    from bench.corpus import iter_articles

    folder.mkdir(parents=True, exist_ok=True)
    out = None
    for i, art in enumerate(iter_articles(n, style=style)):  # type: ignore[arg-type]
        if i % per_file == 0:
            if out:
                out.close()
            out = (folder / f"part-{i // per_file:05d}.jsonl").open("w", encoding="utf-8")
        assert out is not None
        out.write(json.dumps(art.record(), ensure_ascii=False) + "\n")
    if out:
        out.close()


def run(
    args: argparse.Namespace, save: Callable[[dict[str, Any]], object] = lambda r: None
) -> dict[str, Any]:
    """The sections ``args`` names; ``save`` is given the figures so far after each long
    measurement (an interrupted run keeps what it finished)."""
    cores = os.cpu_count() or 1
    sections = [s.strip() for s in args.sections.split(",") if s.strip()]
    n = args.articles or (200 if args.quick else 2000)
    results: dict[str, Any] = {
        "machine": {
            "cores": cores,
            "python": platform.python_version(),
            "platform": platform.platform(),
            "load_average_at_start": list(os.getloadavg()),
        },
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "quick": bool(args.quick),
        "articles": n,
        "corpus": args.corpus,
    }
    style = args.corpus

    def measured(section: str, **kwargs: Any) -> dict[str, Any]:
        load = list(os.getloadavg())
        return {**_in_child(section, **kwargs), "load_average_at_start": load}

    if "baseline" in sections:
        _say(f"baseline: vaderSentiment by sentence, {n} articles")
        results["baseline"] = measured("baseline", n=n, style=style)
        results["fast_vader_only"] = measured("fast_vader", n=n, style=style)
    if "ours" in sections:
        _say(f"ours, one process: {n} articles")
        results["ours_one_process"] = measured("ours", n=n, style=style)
    if "parallel" in sections:
        _say(f"ours, {args.workers} workers: {n} articles")
        results["ours_parallel"] = measured("parallel", n=n, workers=args.workers, style=style)
    base = results.get("baseline", {}).get("articles_per_s")
    one = results.get("ours_one_process", {})
    par = results.get("ours_parallel", {})
    ratios: dict[str, float] = {}
    if base:
        for key in ("ours_one_process", "fast_vader_only"):
            if results.get(key, {}).get("articles_per_s"):
                ratios[f"{key}_vs_baseline"] = results[key]["articles_per_s"] / base
    if one.get("articles_per_s") and par.get("articles_per_s"):
        ratios["parallel_vs_one_process"] = par["articles_per_s"] / one["articles_per_s"]
    if one.get("articles_per_cpu_s") and par.get("articles_per_cpu_s"):
        # each worker on a core of its own: workers x (its articles per CPU second)
        ratios["parallel_vs_one_process_cpu"] = (
            par["workers_used"] * par["articles_per_cpu_s"] / one["articles_per_cpu_s"]
        )
    results["ratios"] = ratios
    if "ingest" in sections:
        sizes = [int(s) for s in args.ingest_sizes.split(",")] if args.ingest_sizes else None
        sizes = sizes or ([200, 1000] if args.quick else [10_000, 100_000])
        results["ingest"] = {}
        tmp = Path(tempfile.mkdtemp(prefix="tension-bench-"))
        try:
            for size in sizes:
                _say(f"ingest: {size} articles")
                files = tmp / f"files-{size}"
                _write_files(size, files, style=style)
                store = tmp / f"store-{size}"
                r = measured(
                    "ingest", files=str(files), store=str(store), workers=args.ingest_workers
                )
                r["load_average_at_end"] = list(os.getloadavg())
                r["files_mb"] = sum(p.stat().st_size for p in files.iterdir()) / 1e6
                results["ingest"][str(size)] = r
                save(results)
                shutil.rmtree(files, ignore_errors=True)
                shutil.rmtree(store, ignore_errors=True)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        ing = results["ingest"]
        keys = sorted(ing, key=int)
        for small, big in pairwise(keys):
            if "seconds" in ing[small] and "seconds" in ing[big]:
                ratios[f"ingest_time_{big}_vs_{small}"] = (
                    ing[big]["seconds"] / ing[small]["seconds"]
                )
            if ing[small].get("cpu_seconds") and ing[big].get("cpu_seconds"):
                ratios[f"ingest_cpu_{big}_vs_{small}"] = (
                    ing[big]["cpu_seconds"] / ing[small]["cpu_seconds"]
                )
            if ing[small].get("peak_rss_mb") and ing[big].get("peak_rss_mb"):
                ratios[f"ingest_peak_rss_{big}_vs_{small}"] = (
                    ing[big]["peak_rss_mb"] / ing[small]["peak_rss_mb"]
                )
    if "dashboard" in sections:
        if not (HERE / "dashboard_bench.py").exists():
            results["dashboard"] = {"skipped": "bench/dashboard_bench.py is not there yet"}
        else:
            sizes = [100_000, 1_000_000] if args.quick else [1_000_000, 10_000_000]
            results["dashboard"] = {}
            for size in sizes:
                _say(f"dashboard: {size} statements")
                results["dashboard"][str(size)] = _in_child("dashboard", n=size)
    if "browser" in sections:
        size = 100_000 if args.quick else 1_000_000
        _say(f"browser: demo store and {size} statements, in Chromium")
        results["browser"] = _in_child("browser", n=size)
    if "memory" in sections:
        from bench import memory_bench

        _say("memory: an ingest with one 40 MB article; the dashboard before and after an upload")
        big = 4 if args.quick else memory_bench.BIG_MB
        results["memory"] = {
            "measured": datetime.now(UTC).isoformat(timespec="seconds"),
            "load_average_at_start": list(os.getloadavg()),
            **memory_bench.run(normal=200 if args.quick else memory_bench.NORMAL, big_mb=big),
        }
    results["finished"] = datetime.now(UTC).isoformat(timespec="seconds")
    return results


def _fmt(x: Any, digits: int = 1) -> str:
    return f"{x:,.{digits}f}" if isinstance(x, int | float) else "–"


def markdown(r: dict[str, Any]) -> str:
    """The figures of one run as a readable page."""
    m = r["machine"]
    lines = [
        "# Benchmark results",
        "",
        f"Run {r['started']} → {r.get('finished', '?')} on {m['cores']} cores, Python "
        f"{m['python']} ({m['platform']}); load average at start "
        f"{', '.join(f'{x:.1f}' for x in m['load_average_at_start'])}. "
        f"{'Quick run. ' if r.get('quick') else ''}"
        f"Throughput sections: {r['articles']:,} generated articles of about 5 KB "
        f"(`bench/corpus.py`, corpus `{r.get('corpus', 'pool')}`"
        + (
            f", {r['baseline']['distinct_sentence_share']:.1%} of the originals' sentences distinct"
            if r.get("baseline", {}).get("distinct_sentence_share")
            else ""
        )
        + ", 15% syndicated near-copies). Regenerate with `make bench`.",
        "",
        "## Scoring throughput (articles/s, same articles, same run)",
        "",
        "| What | articles/s | × baseline |",
        "|---|---:|---:|",
    ]
    base = r.get("baseline", {}).get("articles_per_s")
    rows = [
        ("Baseline: vaderSentiment by sentence, 1 process", "baseline"),
        ("tension.scoring.vader by sentence, 1 process", "fast_vader_only"),
        ("Ours: the whole pipeline, 1 process", "ours_one_process"),
        (
            f"Ours: the whole pipeline, {r.get('ours_parallel', {}).get('workers', '?')} workers",
            "ours_parallel",
        ),
    ]
    for label, key in rows:
        aps = r.get(key, {}).get("articles_per_s")
        ratio = aps / base if aps and base else None
        lines.append(f"| {label} | {_fmt(aps)} | {_fmt(ratio, 2)} |")
    ratios = r.get("ratios", {})
    if "parallel_vs_one_process" in ratios:
        par = r["ours_parallel"]
        load = par.get("load_average_at_start") or []
        lines += [
            "",
            f"{par['workers']} workers vs one process: "
            f"{ratios['parallel_vs_one_process']:.2f}× in wall time (load average "
            f"{', '.join(f'{x:.1f}' for x in load)} at the start of that section, on "
            f"{m['cores']} cores)"
            + (
                f"; {ratios['parallel_vs_one_process_cpu']:.2f}× from the CPU seconds the "
                "workers spent on the articles (the ratio when each worker has a core of "
                f"its own); starting the pool took {par['startup_seconds']:.1f} s "
                f"({par['startup_cpu_seconds']:.1f} CPU s)"
                if "parallel_vs_one_process_cpu" in ratios
                else ""
            )
            + ".",
        ]
    if base:
        b = r["baseline"]
        lines += [
            "",
            f"Baseline: {b['sentences']:,} sentences, {_fmt(b['sentences_per_s'], 0)} "
            f"sentences/s; splitting them (not in the baseline's time) ran at "
            f"{_fmt(b['split_articles_per_s'])} articles/s.",
        ]
    if "ingest" in r:
        lines += [
            "",
            "## Ingest end to end (JSONL files → published store)",
            "",
            "Scoring on "
            + ", ".join(sorted({str(g.get("workers", "?")) for g in r["ingest"].values()}))
            + " worker(s); peak RSS is the ingesting (main) process's: with workers it holds "
            "the reading, de-duplication and publishing, not the scoring.",
            "",
            "| Articles | seconds | CPU seconds | articles/s | statements | peak RSS MB "
            "| RSS after imports MB |",
            "|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for size, g in sorted(r["ingest"].items(), key=lambda kv: int(kv[0])):
            lines.append(
                f"| {int(size):,} | {_fmt(g.get('seconds'))} | {_fmt(g.get('cpu_seconds'))} "
                f"| {_fmt(g.get('articles_per_s'))} "
                f"| {_fmt(g.get('statements'), 0)} | {_fmt(g.get('peak_rss_mb'), 0)} "
                f"| {_fmt(g.get('rss_after_imports_mb'), 0)} |"
            )
        for size, g in sorted(r["ingest"].items(), key=lambda kv: int(kv[0])):
            if g.get("load_average_at_start"):
                lines.append(
                    f"\n{int(size):,} articles: load average "
                    f"{', '.join(f'{x:.1f}' for x in g['load_average_at_start'])} at the start, "
                    f"{', '.join(f'{x:.1f}' for x in g.get('load_average_at_end', []))} at the end"
                )
        for k, v in ratios.items():
            if k.startswith(("ingest_time_", "ingest_cpu_", "ingest_peak_rss_")):
                lines.append(f"\n{k.replace('_', ' ')}: {v:.2f}×")
    if "dashboard" in r:
        lines += ["", "## Dashboard queries", ""]
        d = r["dashboard"]
        if "skipped" in d:
            lines.append(f"Skipped: {d['skipped']}.")
        else:
            lines += [
                "Server-side time to build each page's data and figures (the calls the pages",
                "make, without Streamlit's caches): cold = first call in a fresh process, warm =",
                "median after warm-up. Targets at 1M statements: warm < 300 ms, cold < 2 s,",
                "memory < 1 GB (`python -m bench.dashboard_bench 1000000` runs one size alone).",
                "",
            ]
            for size, g in d.items():
                lines += [
                    f"### {int(size):,} statements ({_fmt(g.get('store_mb'))} MB store; "
                    f"targets {'met' if g.get('ok') else 'NOT met'}; "
                    f"load average {g.get('load_avg')})",
                    "",
                    "| page | cold ms | warm ms | max warm ms | peak RSS MB |",
                    "|---|---:|---:|---:|---:|",
                ]
                for page, t in g.get("pages", {}).items():
                    lines.append(
                        f"| {page} | {_fmt(t.get('cold_ms'), 0)} | {_fmt(t.get('warm_ms'), 0)} "
                        f"| {_fmt(t.get('max_warm_ms'), 0)} | {_fmt(t.get('rss_mb'), 0)} |"
                    )
                lines += [
                    "",
                    f"All pages in one process: peak {_fmt(g.get('app_rss_mb'), 0)} MB.",
                    "",
                ]
    if "browser" in r:
        lines += _browser_markdown(r["browser"])
    if "memory" in r:
        lines += _memory_lines(r["memory"])
    return "\n".join(lines) + "\n"


def _browser_markdown(b: dict[str, Any]) -> list[str]:
    from bench.browser_bench import TARGETS

    lines = [
        "",
        "## Time to first chart, in the browser",
        "",
        "Headless Chromium through Playwright against the server `tension dashboard` starts",
        "(`bench/browser_bench.py`,",
        "`python -m bench.run --sections browser`). first = a new tab on a server that has not",
        "answered the page yet; repeat = another new tab of the same browser profile (its",
        "parts: page loaded, script started, script run; the rest is Plotly drawing); change =",
        "median time from a click on a control to the chart redrawn; floor = a bare Streamlit",
        "page with one 3-point Plotly chart and a radio, timed the same way (what Streamlit",
        "and Plotly.js cost in this browser before a page does anything). Goals on the demo",
        "store:",
        f"first chart under {TARGETS['first_ms']:.0f} ms, a change under "
        f"{TARGETS['change_ms']:.0f} ms. Wall times; the load average is the machine's at the "
        "start of each store's run.",
        "",
    ]
    if "error" in b:
        return [*lines, f"Failed: {b['error']}."]
    for store, g in b.items():
        lines += [
            f"### {store} store (load average {g.get('load_avg')}; goals "
            f"{'met' if g.get('ok') else 'NOT met'})",
            "",
            "| page | first ms | repeat ms | load ms | script starts ms | script ms "
            "| change ms | figure KB |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for page, t in g.get("pages", {}).items():
            lines.append(
                f"| {page} | {_fmt(t.get('first_ms'), 0)} | {_fmt(t.get('repeat_ms'), 0)} "
                f"| {_fmt(t.get('repeat_load_ms'), 0)} "
                f"| {_fmt(t.get('repeat_script_start_ms'), 0)} "
                f"| {_fmt(t.get('repeat_script_ms'), 0)} | {_fmt(t.get('change_ms'), 0)} "
                f"| {_fmt(t.get('figure_kb'))} |"
            )
        if fl := g.get("floor"):
            lines.append(
                f"| floor: one 3-point chart, no data | {_fmt(fl.get('first_ms'), 0)} "
                f"| {_fmt(fl.get('repeat_ms'), 0)} | {_fmt(fl.get('repeat_load_ms'), 0)} "
                f"| {_fmt(fl.get('repeat_script_start_ms'), 0)} "
                f"| {_fmt(fl.get('repeat_script_ms'), 0)} | {_fmt(fl.get('change_ms'), 0)} | – |"
            )
        lines.append("")
    return lines


def _memory_lines(m: dict[str, Any]) -> list[str]:
    ing, dash = m.get("ingest", {}), m.get("dashboard", {})
    without, with_big = ing.get("without", {}), ing.get("with", {})
    lines = [
        "",
        "## Memory under large inputs",
        "",
        f"Measured {m.get('measured', '?')}"
        + (
            f" (load average at start {', '.join(f'{x:.1f}' for x in m['load_average_at_start'])})"
            if m.get("load_average_at_start")
            else ""
        )
        + "; `python -m bench.run --sections memory --merge` runs this section alone.",
        "",
        f"Ingest of {ing.get('normal_articles', '?'):,} generated articles (one process), "
        f"peak RSS: {_fmt(without.get('peak_rss_mb'), 0)} MB; the same plus one "
        f"{ing.get('big_mb', '?')} MB article: {_fmt(with_big.get('peak_rss_mb'), 0)} MB, "
        f"so the largest document cost {_fmt(ing.get('extra_mb'), 0)} MB, "
        f"{_fmt(ing.get('extra_mb_per_mb'))} MB per MB of its text (it is stored whole, its "
        "first 200,000 characters scored).",
    ]
    if "skipped" in dash or "error" in dash:
        lines += ["", f"Dashboard: {dash.get('skipped') or dash.get('error')}."]
    elif dash:
        before, after, later = dash["before"], dash["after"], dash["after_next_page"]
        lines += [
            "",
            f"Dashboard server RSS before a {dash['upload_mb']} MB upload "
            f"({_fmt(dash['upload_gz_kb'], 0)} KB gzipped) on the Add data page: "
            f"{_fmt(before['VmRSS'], 0)} MB; after it: {_fmt(after['VmRSS'], 0)} MB; after "
            f"the next page: {_fmt(later['VmRSS'], 0)} MB; the server's peak: "
            f"{_fmt(later['VmHWM'], 0)} MB (the ingest runs in a child process; it took "
            f"{_fmt(dash['ingest_seconds'])} s).",
        ]
    return lines


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="small sizes (a minute or two)")
    p.add_argument("--sections", default=",".join(SECTIONS), help="comma-separated sections")
    p.add_argument("--articles", type=int, default=0, help="articles for throughput sections")
    p.add_argument(
        "--corpus",
        choices=["composed", "pool"],
        default="composed",
        help="composed: unrepeated sentences (default); pool: sentences from a small pool",
    )
    p.add_argument(
        "--workers", type=int, default=2, help="processes of the parallel section (default 2)"
    )
    p.add_argument(
        "--ingest-sizes", default="", help="articles per ingest run (default 10000,100000)"
    )
    p.add_argument(
        "--ingest-workers",
        type=int,
        default=1,
        help="workers for the ingest (0 = one per core; peak RSS is the main process's)",
    )
    p.add_argument("--out", default=str(HERE / "results.json"), help="results JSON path")
    p.add_argument(
        "--merge", action="store_true", help="keep the other sections of an existing results file"
    )
    p.add_argument("--child", help=argparse.SUPPRESS)
    p.add_argument("--child-args", default="{}", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        print(json.dumps(CHILDREN[args.child](**json.loads(args.child_args)), default=str))
        return 0
    out = Path(args.out)
    previous = json.loads(out.read_text(encoding="utf-8")) if args.merge and out.exists() else None
    throughput = {"baseline", "ours", "parallel"} & set(args.sections.split(","))

    def save(results: dict[str, Any]) -> dict[str, Any]:
        if previous is not None:
            results = dict(results)
            if not throughput:  # the run's header describes the throughput sections
                for key in ("machine", "started", "quick", "articles", "corpus"):
                    if key in previous:
                        results.pop(key, None)
            kept = previous.get("ratios", {})
            if "ingest" in results:  # the sizes of this run replace the earlier ones
                kept = {k: v for k, v in kept.items() if not k.startswith("ingest_")}
            ratios = {**kept, **results.pop("ratios", {})}
            results = {**previous, **results, "ratios": ratios}
            if "parallel" in throughput:  # the names of figures before the 2-worker section
                results.pop("ours_all_cores", None)
                ratios.pop("all_cores_vs_one_process", None)
        out.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
        out.with_name("RESULTS.md").write_text(markdown(results), encoding="utf-8")
        return results

    print(markdown(save(run(args, save))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
