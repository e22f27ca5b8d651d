"""Dashboard benchmark: a synthetic store of a million statements, every page's data and figures.

``run(n_statements)`` writes a synthetic store (200 directed pairs, i.e. both directions of
100 country pairs, over 10 years; generated directly as Arrow tables and published with
:class:`tension.data.store.StoreWriter` in a few batches), then times, for each page, what the
server does before anything reaches the browser: the same store queries and figure builders
the page calls, and the figures' JSON as Streamlit serialises them.

* **cold**: the first call in a fresh process (imports done, nothing else): a new reader
  opens the store, builds its per-pair daily pre-aggregates and answers.
* **warm**: the median of ``repeats`` calls in that process after one warm-up call, with
  Streamlit's result caches bypassed: the uncached cost of a rerun with new filters (a
  rerun with the same filters is answered from ``tension.dashboard.store``'s caches).
  ``compare_new_pair`` opens a different pair on every call (so it pays the scan that
  materialises a pair's statements); the other pages keep their default choices.
* **memory**: the peak resident set of one process that serves every page in turn on one
  reader, as the app does (``app_rss_mb``), and of each page's own process (``rss_mb``).

The store is generated in this process; every measurement runs in a child process, so the
generator's memory is not counted. Run it alone::

    python -m bench.dashboard_bench 1000000            # generate, measure, delete
    python -m bench.dashboard_bench 1000000 --store /tmp/s --keep   # reuse a store
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import plotly.io as pio
import pyarrow as pa

from tension.dashboard import analysis, figures
from tension.dashboard.highlight import highlighted_block
from tension.data.model import ARTICLE_SCHEMA, STATEMENT_SCHEMA
from tension.data.store import StoreReader, StoreWriter
from tension.data.store import queries as q

TARGETS = {"warm_ms": 300.0, "cold_ms": 2000.0, "rss_mb": 1024.0}

COUNTRIES = [
    *("AZE", "ARM", "IRN", "TUR", "RUS", "UKR", "USA", "CHN", "TWN", "JPN"),
    *("KOR", "PRK", "IND", "PAK", "ISR", "PSE", "SAU", "YEM", "GBR", "FRA"),
    *("DEU", "POL", "SRB", "XKX", "GRC", "EGY", "ETH", "SDN", "VEN", "COL"),
]

# (text with {s} for the speaker's country, {t} for the target's; terms: (word, category, weight))
_TEMPLATES: tuple[tuple[str, tuple[tuple[str, str, float], ...]], ...] = (
    ("{s} officials said talks with {t} would continue next week.", ()),
    ("The minister of {s} warned {t} of consequences.", (("warned", "threat", 18.0),)),
    (
        "{s} accused {t} of provocation and threatened retaliation.",
        (("accused", "accusation", 8.0), ("threatened", "threat", 24.0)),
    ),
    (
        "{s} welcomed the agreement with {t} as a step toward peace.",
        (("peace", "cooperation", -6.0),),
    ),
    (
        "{s} condemned the attack and said {t} bears full responsibility.",
        (("condemned", "disapproval", 10.0), ("attack", "force", 20.0)),
    ),
    ("{s} called on {t} to return to dialogue.", (("dialogue", "cooperation", -4.0),)),
    (
        "{s} announced sanctions against {t} after the missile test.",
        (("sanctions", "coercion", 22.0), ("missile", "force", 12.0)),
    ),
    ("A spokesperson for {s} rejected claims made by {t}.", (("rejected", "rejection", 12.0),)),
)
_LEVELS = 21  # the base sentiment line is quantised so the explanations are a few hundred strings


def _template_rows(code_s: str, code_t: str) -> list[tuple[str, str, str, float]]:
    """For one direction: (text, terms JSON, contributions JSON, raw) per template and level."""
    rows = []
    for text_t, hits in _TEMPLATES:
        text = text_t.format(s=code_s, t=code_t)
        terms, contribs, raw = [], [], 0.0
        for word, cat, weight in hits:
            start = text.index(word)
            span = {"start": start, "end": start + len(word)}
            terms.append({"term": word, "category": cat, "weight": weight, **span})
            contribs.append({"source": word, "category": cat, "points": weight, **span})
            raw += weight
        for level in range(_LEVELS):
            base = 5.0 + 2.0 * level
            sentiment = {"source": "sentiment", "category": "sentiment", "points": base}
            lines = [{**sentiment, "start": -1, "end": -1}, *contribs]
            rows.append((text, json.dumps(terms), json.dumps(lines), base + raw))
    return rows


def _conform(columns: dict[str, pa.Array], schema: pa.Schema, n: int) -> pa.Table:
    """A table of ``schema`` from the generated columns; columns not generated are null (so
    the generator keeps working when the data model gains a column)."""
    arrays = [columns[f.name] if f.name in columns else pa.nulls(n, f.type) for f in schema]
    return pa.Table.from_arrays(arrays, schema=schema)


def generate_store(
    root: Path | str,
    n_statements: int = 1_000_000,
    *,
    n_pairs: int = 200,
    years: int = 10,
    seed: int = 7,
    batches: int = 4,
    per_article: int = 4,
    first_day: date = date(2015, 1, 1),
) -> Path:
    """Write a synthetic store at ``root``: ``n_statements`` over ``n_pairs`` directed pairs
    (both directions of ``n_pairs // 2`` undirected pairs) and ``years`` years."""
    rng = np.random.default_rng(seed)
    root = Path(root)
    undirected: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    while len(undirected) < max(1, n_pairs // 2):
        a, b = rng.choice(len(COUNTRIES), 2, replace=False)
        key = tuple(sorted((COUNTRIES[a], COUNTRIES[b])))
        if key not in seen:
            seen.add(key)  # type: ignore[arg-type]
            undirected.append(key)  # type: ignore[arg-type]
    # one table of explanation strings per direction: direction d uses rows [d*K, (d+1)*K)
    per_dir = len(_TEMPLATES) * _LEVELS
    texts, terms, contribs, raws = [], [], [], []
    for a, b in undirected:
        for s, t in ((a, b), (b, a)):
            for text, tj, cj, raw in _template_rows(s, t):
                texts.append(text)
                terms.append(tj)
                contribs.append(cj)
                raws.append(raw)
    texts_a, terms_a, contribs_a = pa.array(texts), pa.array(terms), pa.array(contribs)
    raws_a = np.asarray(raws)
    n_days = int(365.25 * years)
    n_articles = max(1, n_statements // per_article)
    pair_base = rng.integers(0, 8, len(undirected))  # some pairs run hotter than others
    per_batch = -(-n_articles // batches)
    with StoreWriter(root) as writer:
        for bi in range(batches):
            lo, hi = bi * per_batch, min(n_articles, (bi + 1) * per_batch)
            if lo >= hi:
                break
            n_art = hi - lo
            art_pair = rng.integers(0, len(undirected), n_art)
            art_day = rng.integers(0, n_days, n_art)
            # occasional hot periods: a pair's level jumps for a few weeks
            season = ((art_day // 45 + art_pair) % 17 == 0).astype(np.int64) * 8
            n_st = n_art * per_article
            st_art = np.repeat(np.arange(n_art), per_article)
            st_dir = rng.integers(0, 2, n_st)
            p = art_pair[st_art]
            tmpl = rng.integers(0, len(_TEMPLATES), n_st)
            level = np.clip(
                pair_base[p] + season[st_art] + rng.integers(-3, 4, n_st), 0, _LEVELS - 1
            )
            row = (2 * p + st_dir) * per_dir + tmpl * _LEVELS + level
            idx = pa.array(row)
            raw = raws_a[row]
            intensity = np.clip(raw, 0, 100).round(2)
            s_code = np.where(st_dir == 0, 0, 1)
            codes = np.array(undirected)  # shape (pairs, 2)
            spk = codes[p, s_code]
            tgt = codes[p, 1 - s_code]
            days = pa.array(
                (np.datetime64(first_day) + art_day[st_art].astype("timedelta64[D]")).astype(
                    "datetime64[D]"
                )
            )
            aids = np.char.add("syn", (lo + st_art).astype(str))
            # a reference at the end makes each statement distinct (the store counts a
            # repeated text of the same direction once) and leaves the term offsets alone
            nth = np.tile(np.arange(per_article), n_art).astype(str)
            refs = np.char.add(np.char.add(np.char.add(" (report ", aids), "."), nth)
            refs = np.char.add(refs, ")")
            text = pa.compute.binary_join_element_wise(texts_a.take(idx), pa.array(refs), "")
            offsets = pa.array(np.arange(0, n_st + 1, dtype=np.int32))
            statements = _conform(
                {
                    "article_id": pa.array(aids),
                    "idx": pa.array(np.tile(np.arange(per_article, dtype=np.int32), n_art)),
                    "start": pa.array(np.zeros(n_st, dtype=np.int32)),
                    "end": pa.compute.utf8_length(text).cast(pa.int32()),
                    "text": text,
                    "kind": pa.array(np.where(tmpl % 3 == 0, "reported", "quote")),
                    "speaker": pa.array(np.char.add("Spokesperson of ", spk)),
                    "speaker_country": pa.array(spk),
                    "target_countries": pa.ListArray.from_arrays(offsets, pa.array(tgt)),
                    "published": days,
                    "intensity": pa.array(intensity),
                    "raw": pa.array(raw),
                    "compound": pa.array(np.zeros(n_st)),
                    "neg": pa.array(np.zeros(n_st)),
                    "pos": pa.array(np.zeros(n_st)),
                    "escalation": pa.array(np.maximum(raw - 5, 0)),
                    "deescalation": pa.array(np.zeros(n_st)),
                    "terms": terms_a.take(idx),
                    "contributions": contribs_a.take(idx),
                    "lexicon_version": pa.array(np.full(n_st, "synthetic")),
                    "scorer_version": pa.array(np.full(n_st, "synthetic")),
                },
                STATEMENT_SCHEMA,
                n_st,
            )
            art_int = intensity.reshape(n_art, per_article).mean(axis=1).round(2)
            a_codes = codes[art_pair]
            art_days = pa.array(
                (np.datetime64(first_day) + art_day.astype("timedelta64[D]")).astype(
                    "datetime64[D]"
                )
            )
            pair_keys = np.char.add(np.char.add(a_codes[:, 0], "-"), a_codes[:, 1])
            a_offsets = pa.array(np.arange(0, n_art + 1, dtype=np.int32))
            c_offsets = pa.array(np.arange(0, 2 * n_art + 1, 2, dtype=np.int32))
            articles = _conform(
                {
                    "article_id": pa.array(np.char.add("syn", np.arange(lo, hi).astype(str))),
                    "url": pa.nulls(n_art, pa.string()),
                    "outlet": pa.array(np.full(n_art, "Synthetic Wire")),
                    "title": pa.array(np.char.add("Synthetic report on ", pair_keys)),
                    "published": art_days,
                    "text": pa.array(np.char.add("Synthetic article about ", pair_keys)),
                    "source": pa.array(np.full(n_art, "synthetic")),
                    "ingested_at": pa.array(
                        np.full(n_art, np.datetime64("2025-01-01T00:00:00", "s")),
                        pa.timestamp("s", tz="UTC"),
                    ),
                    "countries": pa.ListArray.from_arrays(c_offsets, pa.array(a_codes.reshape(-1))),
                    "pairs": pa.ListArray.from_arrays(a_offsets, pa.array(pair_keys)),
                    "intensity": pa.array(art_int),
                    "raw": pa.array(art_int),
                    "compound": pa.array(np.zeros(n_art)),
                    "neg": pa.array(np.zeros(n_art)),
                    "pos": pa.array(np.zeros(n_art)),
                    "escalation": pa.array(art_int),
                    "deescalation": pa.array(np.zeros(n_art)),
                    "terms": pa.array(np.full(n_art, "[]")),
                    "contributions": pa.array(np.full(n_art, "[]")),
                    "lexicon_version": pa.array(np.full(n_art, "synthetic")),
                    "scorer_version": pa.array(np.full(n_art, "synthetic")),
                },
                ARTICLE_SCHEMA,
                n_art,
            )
            writer.publish({"articles": articles, "statements": statements})
    return root


# ---------------------------------------------------------------------------------------------
# What each page computes on the server (the same calls the pages make, without Streamlit).


def _json(fig: Any) -> None:
    """What ``st.plotly_chart`` does with a figure before it is sent."""
    pio.to_json(fig, validate=False)


def _overview(reader: StoreReader) -> None:
    info = q.summary(reader)
    end = info.last_date or date.today()
    start = end - timedelta(days=89)  # the page's default window: the last 90 days
    _json(figures.matrix_figure(q.pair_matrix(reader, start, end)))
    _json(figures.changes_figure(q.pair_changes(reader, start, end)))
    weekly = q.directed_series(reader, [], start=start - timedelta(weeks=16), end=end)
    analysis.latest_spikes(weekly, start, limit=15)
    q.pair_counts(reader)


def _busiest(reader: StoreReader) -> tuple[str, str]:
    a, b = str(q.pair_counts(reader)["pair"].iloc[0]).split("-")
    return a, b


def _timeline(reader: StoreReader) -> None:
    info = q.summary(reader)
    a, b = _busiest(reader)
    start, end = info.first_date, info.last_date  # the page's default: everything
    directed = q.directed_series(reader, [(a, b), (b, a)], start=start, end=end, bucket="week")
    art = analysis.rolling(q.article_series(reader, a, b, start=start, end=end), 4)
    marked = analysis.mark_spikes(
        analysis.rolling(directed, 4, by=["src", "tgt"]), by=["src", "tgt"]
    )
    _json(figures.pair_timeline_figure(marked, {f"{a}–{b}": art}))
    # the statements behind the default point: the latest week of the first direction
    period = marked[(marked["src"] == a) & (marked["tgt"] == b)]["period"].max()
    first = pd.Timestamp(period).date()
    q.statements(
        reader,
        q.StatementFilter(src=a, tgt=b, start=first, end=first + timedelta(days=6)),
        limit=100,
        order="intensity",
    )


def _compare(reader: StoreReader, rank: int = 0) -> None:
    info = q.summary(reader)
    a, b = str(q.pair_counts(reader)["pair"].iloc[rank]).split("-")
    start, end = info.first_date, info.last_date
    series = q.directed_series(reader, [(a, b), (b, a)], start=start, end=end, bucket="month")
    _json(figures.asymmetry_figure(analysis.asymmetry(series, a, b), a, b))
    rows = q.pair_statements(reader, a, b, start=start, end=end, limit=20, order="intensity")
    terms = q.pair_top_terms(reader, a, b, start=start, end=end, limit=12)
    for src, tgt in ((a, b), (b, a)):
        for row in rows[rows["src"] == src].itertuples(index=False):
            highlighted_block(str(row.text), row.terms if isinstance(row.terms, str) else None)
        _json(figures.terms_figure(terms[terms["src"] == src], src, tgt))


_NEXT_PAIR = [0]


def _compare_new_pair(reader: StoreReader) -> None:
    """The compare page opened on a pair this reader has not kept (the next of the 40
    busiest each call, more than :data:`tension.data.store.queries.PAIR_TABLES_KEPT`): includes
    the one scan that materialises the pair's statements."""
    _NEXT_PAIR[0] += 1
    pairs = len(q.pair_counts(reader))
    _compare(reader, _NEXT_PAIR[0] % min(40, pairs))


def _statements(reader: StoreReader) -> None:
    q.summary(reader)
    q.countries(reader)
    q.pair_counts(reader)
    where = q.StatementFilter(text="sanctions", min_intensity=30.0)
    q.statement_count(reader, where)
    rows = q.statements(reader, where, limit=100)
    detail = q.statement(reader, str(rows["article_id"].iloc[0]), int(rows["idx"].iloc[0]))
    assert detail is not None
    highlighted_block(str(detail["text"]), detail["terms"])  # type: ignore[arg-type]
    contributions = figures.contributions_frame(detail["contributions"])  # type: ignore[arg-type]
    _json(figures.waterfall_figure(contributions, float(detail["intensity"])))  # type: ignore[arg-type]


def _add_data(reader: StoreReader) -> None:
    q.summary(reader)
    q.quarantine(reader, 500)


def _lexicon(reader: StoreReader) -> None:
    """No store query: the scorer of the settings (built once per process and spec, as the
    page gets it), the live score of the default text and the two charts."""
    from tension.dashboard import lexicon as lex

    scorer = lex.spec().build().scorer
    text = "The minister warned that any provocation would be met with force."
    score = scorer.score(text)
    highlighted_block(text, [asdict(t) for t in score.terms])
    contributions = figures.contributions_frame([asdict(c) for c in score.contributions])
    _json(figures.waterfall_figure(contributions, score.intensity))
    _json(figures.lexicon_figure(lex.entries(scorer.lexicon)))


PAGES: dict[str, Callable[[StoreReader], None]] = {
    "overview": _overview,
    "timeline": _timeline,
    "compare": _compare,
    "compare_new_pair": _compare_new_pair,
    "statements": _statements,
    "add_data": _add_data,
    "lexicon": _lexicon,
}


def _peak_rss_mb() -> float:
    """This process's peak resident set. ``VmHWM`` belongs to the process's own memory map,
    so (unlike ``ru_maxrss``, which a child inherits from the process that forked it) it does
    not count the generator's memory in the measuring children."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def _ms(since: float) -> float:
    return round((time.perf_counter() - since) * 1000, 1)


def measure_page(root: Path | str, name: str, repeats: int = 7) -> dict[str, float]:
    """In this process: ``cold_ms`` (first call, on a new reader), ``warm_ms`` (median of
    ``repeats`` after one warm-up call), ``max_warm_ms`` and the process's ``rss_mb``."""
    page = PAGES[name]
    t0 = time.perf_counter()
    reader = StoreReader(root)
    page(reader)
    cold = _ms(t0)
    page(reader)  # warm-up
    warm = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        page(reader)
        warm.append(_ms(t0))
    reader.close()
    return {
        "cold_ms": cold,
        "warm_ms": round(statistics.median(warm), 1),
        "max_warm_ms": max(warm),
        "rss_mb": round(_peak_rss_mb(), 1),
    }


def measure_app(root: Path | str, rounds: int = 3) -> dict[str, float]:
    """In this process: every page in turn on one reader, ``rounds`` times (the app's
    memory: one process, one reader per store, every page visited)."""
    reader = StoreReader(root)
    t0 = time.perf_counter()
    for _ in range(rounds):
        for page in PAGES.values():
            page(reader)
    reader.close()
    return {"all_pages_ms": _ms(t0), "rss_mb": round(_peak_rss_mb(), 1)}


def _child(args: list[str]) -> dict[str, Any]:
    """Run ``python -m bench.dashboard_bench --child ...`` and return its JSON answer."""
    cmd = [sys.executable, "-m", "bench.dashboard_bench", "--child", *args]
    here = Path(__file__).resolve().parents[1]
    env = dict(
        os.environ, PYTHONPATH=os.pathsep.join([str(here), os.environ.get("PYTHONPATH", "")])
    )
    done = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=here, env=env)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def measure(root: Path | str, repeats: int = 7) -> dict[str, Any]:
    """Each page in its own fresh process (cold, warm, peak memory), then one process that
    serves every page (the app's peak memory). ``{"pages": {...}, "app": {...}}``."""
    pages = {name: _child([str(root), name, str(repeats)]) for name in PAGES}
    return {"pages": pages, "app": _child([str(root), "*app*", "3"])}


def run(n_statements: int = 1_000_000, *, store: Path | str | None = None) -> dict[str, Any]:
    """Generate a synthetic store of ``n_statements`` (in a temporary folder, or at
    ``store`` when given and kept; an existing store there is reused) and time every page.

    Keys: ``n_statements``, ``generate_s``, ``store_mb``, ``pages`` (per page ``cold_ms``,
    ``warm_ms``, ``max_warm_ms``, ``rss_mb``), ``app_rss_mb`` (one process serving every
    page), ``peak_rss_mb`` (the largest of those: what the targets are checked against),
    ``targets``, ``ok``, ``load_avg`` (the machine's 1-minute load before and after) and
    ``cpus``."""
    with tempfile.TemporaryDirectory(prefix="tension-dash-bench-") as tmp:
        root = Path(store) if store is not None else Path(tmp)
        t0 = time.perf_counter()
        if not (root / "manifest.json").exists():
            generate_store(root, n_statements)
        generated = time.perf_counter() - t0
        size = sum(f.stat().st_size for f in root.rglob("*") if f.is_file())
        load_before = os.getloadavg()[0]
        result = measure(root)
        load_after = os.getloadavg()[0]
    pages: dict[str, dict[str, float]] = result["pages"]
    app = result["app"]
    rss = max([app["rss_mb"], *(p["rss_mb"] for p in pages.values())])
    ok = rss < TARGETS["rss_mb"] and all(
        p["warm_ms"] < TARGETS["warm_ms"] and p["cold_ms"] < TARGETS["cold_ms"]
        for p in pages.values()
    )
    return {
        "n_statements": n_statements,
        "generate_s": round(generated, 2),
        "store_mb": round(size / 1e6, 1),
        "pages": pages,
        "app_rss_mb": app["rss_mb"],
        "peak_rss_mb": rss,
        "targets": TARGETS,
        "ok": ok,
        # other work on the machine slows every figure: the 1-minute load before and after
        "load_avg": [round(load_before, 2), round(load_after, 2)],
        "cpus": os.cpu_count(),
    }


def table(result: dict[str, Any]) -> str:
    """The figures as a Markdown table."""
    lines = [
        f"{result['n_statements']:,} statements (store {result['store_mb']} MB); "
        f"load average {result['load_avg'][0]} → {result['load_avg'][1]} on {result['cpus']} CPUs",
        "",
        "| page | cold ms | warm ms (median) | warm ms (max) | peak MB |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, p in result["pages"].items():
        lines.append(
            f"| {name} | {p['cold_ms']} | {p['warm_ms']} | {p['max_warm_ms']} | {p['rss_mb']} |"
        )
    lines.append(f"| all pages, one process | | | | {result['app_rss_mb']} |")
    t = result["targets"]
    lines += [
        "",
        f"Targets: warm < {t['warm_ms']:.0f} ms, cold < {t['cold_ms']:.0f} ms, "
        f"memory < {t['rss_mb']:.0f} MB: {'met' if result['ok'] else 'NOT met'}.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        root, name, repeats = argv[1], argv[2], int(argv[3])
        app = name == "*app*"
        out = measure_app(root, repeats) if app else measure_page(root, name, repeats)
        print(json.dumps(out))
        return 0
    p = argparse.ArgumentParser(
        prog="python -m bench.dashboard_bench", description=__doc__.splitlines()[0]
    )
    p.add_argument("statements", nargs="?", type=int, default=1_000_000)
    p.add_argument("--store", help="generate the store here and keep it (reused when present)")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = p.parse_args(argv)
    result = run(args.statements, store=args.store)
    print(json.dumps(result, indent=1) if args.json else table(result))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
