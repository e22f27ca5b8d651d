"""A briefing: one self-contained HTML file about one pair over a period.

It holds the title and dates, the pair timeline with its annotations (Plotly's JavaScript
inlined, so the file opens offline and sends nothing anywhere), the asymmetry (each side's
mean with its interval and count), the most intense statements of each side with the
explanation of each score, the annotations, the method and the caveat that this is an
indicator of rhetoric, not a prediction.

The numbers come from :func:`tension.dashboard.pairview.pair_view` and
:func:`tension.dashboard.pairview.side` through the caller's ``fetch``: the same functions
the Pair timeline and Compare pages show, so a briefing says what the dashboard says for
the same pair, dates, bucket and smoothing. Every text that came from outside (statements,
speakers, notes, titles) is HTML-escaped.
"""

from __future__ import annotations

import html
from datetime import UTC, date, datetime
from typing import Any

import pandas as pd
import plotly.io as pio

from tension.dashboard import names
from tension.dashboard.figures import (
    contributions_frame,
    explanation_steps,
    pair_timeline_figure,
)
from tension.dashboard.pairview import Fetch, Side, pair_view, side
from tension.data.store import queries as q

TOP = 5
"""Statements quoted per side."""
CAVEAT = (
    "Rhetoric intensity is an indicator of how words were used in the stored sources, not a "
    "prediction of events: a harsh month of statements says nothing on its own about what "
    "governments will do."
)
METHOD = (
    "Each statement is scored 0–100 from the words it uses (a lexicon of escalating and "
    "de-escalating terms with weights, plus a sentiment score, VADER); the explanation below "
    "each quoted statement lists what added or took away points. Means count each distinct "
    "statement once: a syndicated copy or a background sentence repeated in later articles is "
    "one statement. Intervals are 95% Student-t intervals of a mean (honest from about ten "
    "statements); a mean of fewer than {min_n} statements is not flagged as a spike. The "
    "chart's line pools the statements of the last {smooth} {bucket}s; diamonds mark spikes "
    "(robust z-score of at least 3.5 against the 12 {bucket}s before)."
)


def briefing_name(a: str, b: str, start: date, end: date) -> str:
    """``briefing-AZE-IRN-2024-01-01-2024-03-31.html``."""
    return f"briefing-{a}-{b}-{start}-{end}.html"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _num(value: float, digits: int = 1) -> str:
    return "—" if value != value else f"{value:.{digits}f}"


def _side_row(s: Side) -> str:
    interval = f"{_num(s.low)}–{_num(s.high)}" if s.n > 1 else "no interval"
    return (
        f'<tr data-direction="{_e(s.src)}→{_e(s.tgt)}"><td>{_e(names.direction(s.src, s.tgt))}</td>'
        f'<td class="mean">{_num(s.mean)}</td><td>{_e(interval)}</td>'
        f'<td class="n">{s.n}</td></tr>'
    )


def _explanation(row: dict[str, Any] | None) -> str:
    if row is None:
        return ""
    steps = explanation_steps(contributions_frame(row.get("contributions")), str(row["text"]))
    if steps.empty:
        return "<p class='why'>No scored word: the score is the sentiment alone.</p>"
    items = "".join(
        f"<li>{_e(step)}: {points:+.1f}</li>"
        for step, points in zip(steps["step"], steps["points"], strict=True)
    )
    raw = row.get("raw")
    total = f" (raw total {float(raw):.1f}, scaled to {float(row['intensity']):.1f})" if raw else ""
    return f"<p class='why'>Why this score{_e(total)}:</p><ul class='why'>{items}</ul>"


def _statements(fetch: Fetch, a: str, b: str, start: date, end: date) -> str:
    rows = fetch(q.pair_statements, a, b, start=start, end=end, limit=TOP, order="intensity")
    parts = []
    for src, tgt in ((a, b), (b, a)):
        mine = rows[rows["src"] == src] if not rows.empty else rows
        parts.append(f"<h3>What {_e(names.country(src))} said about {_e(names.country(tgt))}</h3>")
        if mine.empty:
            parts.append("<p>No statement in this period.</p>")
            continue
        total = int(mine["total"].iloc[0])
        parts.append(f"<p>The {len(mine)} most intense of {total} distinct statements.</p>")
        for r in mine.itertuples(index=False):
            speaker = r.speaker if isinstance(r.speaker, str) and r.speaker else "unnamed"
            when = r.published if pd.notna(r.published) else "undated"
            detail = fetch(q.statement, str(r.article_id), int(r.idx))
            source = ""
            if detail is not None and (detail.get("title") or detail.get("outlet")):
                source = f" · {detail.get('outlet') or ''} {detail.get('title') or ''}".rstrip()
            who = names.country(r.speaker_country)
            parts.append(
                '<div class="statement">'
                f'<p class="meta">{_e(when)} · {_e(speaker)} ({_e(who)})'
                f" · score <b>{r.intensity:.1f}</b>{_e(source)}</p>"
                f"<blockquote>{_e(r.text)}</blockquote>{_explanation(detail)}</div>"
            )
    return "\n".join(parts)


_STYLE = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:1100px;
margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
h1{font-size:1.6em;margin-bottom:.2em} h2{margin-top:1.6em;border-bottom:1px solid #ddd}
table{border-collapse:collapse} td,th{padding:.3em .8em;border-bottom:1px solid #eee;
text-align:left} .statement{border-left:3px solid #ccc;padding:.2em 1em;margin:1em 0}
blockquote{margin:.4em 0;font-style:italic} .meta{color:#555;margin:.2em 0}
.why{font-size:.9em;color:#444;margin:.2em 0} .caveat{background:#fff6e0;padding:.8em 1em;
border-left:4px solid #e0a800}
"""


def briefing_html(
    fetch: Fetch,
    a: str,
    b: str,
    *,
    start: date,
    end: date,
    bucket: str = "week",
    smooth: int = 4,
    min_n: int = 5,
    generated: datetime | None = None,
) -> str:
    """The briefing on A–B from ``start`` to ``end`` as one HTML document (a few MB: the
    Plotly library is inside). ``bucket``, ``smooth`` and ``min_n`` are the timeline's
    controls; ``fetch`` asks the store (see :mod:`tension.dashboard.pairview`)."""
    pair = "-".join(sorted((a, b)))
    view = pair_view(fetch, [pair], start=start, end=end, bucket=bucket, smooth=smooth, min_n=min_n)
    series = fetch(q.directed_series, [(a, b), (b, a)], start=start, end=end, bucket=bucket)
    sides = [side(series, a, b), side(series, b, a)]
    title = f"{_e(names.pair(pair))}, {start} – {end}, by {bucket}"
    fig = pair_timeline_figure(
        view.directed, view.articles, bucket=bucket, title=title, notes=view.notes
    )
    chart = pio.to_html(
        fig,
        full_html=False,
        include_plotlyjs=True,
        include_mathjax=False,
        config={"displaylogo": False, "responsive": True},
        div_id="timeline",
    )
    when = (generated or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC")
    gap = sides[0].mean - sides[1].mean
    if sides[0].n and sides[1].n:
        harsher = a if gap > 0 else b
        lead = (
            f"{names.name(harsher)} was the harsher side by {abs(gap):.1f} points"
            if abs(gap) >= 0.05
            else "Both sides were equally intense"
        )
    else:
        lead = "Only one side spoke about the other in this period"
    if view.notes.empty:
        notes_html = "<p>No annotation in these dates.</p>"
    else:
        notes_html = (
            "<ul>"
            + "".join(
                f"<li>{_e(d)} [{_e(s)}]: {_e(n)}</li>"
                for d, s, n in zip(
                    view.notes["day"], view.notes["scope"], view.notes["note"], strict=True
                )
            )
            + "</ul>"
        )
    method = METHOD.format(min_n=min_n, smooth=smooth, bucket=bucket)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(f"Briefing: {names.pair(pair)}, {start} – {end}")}</title>
<style>{_STYLE}</style></head>
<body>
<h1>Briefing: {_e(names.pair(pair))}</h1>
<p class="dates">{_e(start)} – {_e(end)} · by {_e(bucket)} · generated {_e(when)}</p>
<p class="caveat"><b>Caveat.</b> {_e(CAVEAT)}</p>
<h2>Asymmetry</h2>
<p>{_e(lead)} (mean intensity of each side's statements about the other, 0–100).</p>
<table id="asymmetry"><thead><tr><th>direction</th><th>mean</th><th>95% interval</th>
<th>statements</th></tr></thead><tbody>{"".join(_side_row(s) for s in sides)}</tbody></table>
<h2>Timeline</h2>
{chart}
<h2>Annotations</h2>
{notes_html}
<h2>Most intense statements</h2>
{_statements(fetch, a, b, start, end)}
<h2>Method</h2>
<p>{_e(method)}</p>
<p class="caveat">{_e(CAVEAT)}</p>
</body></html>
"""
