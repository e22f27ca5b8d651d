"""The words of an alert: the pair with its countries' names, the figure, the rule, links to
the dashboard view and to the statements behind it, and the three most intense statements.

Links are built on the ``dashboard_url`` setting with the filters the pages read from their
URL (``/timeline?pair=...&from=...&to=...``, ``/statements?src=...&tgt=...&order=intensity``),
so a click opens the same view the figure was computed on. Plain text (apprise sends it to
e-mail, chat and webhooks alike); a quote is cut at :data:`QUOTE_CHARS` characters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from tension.data.monitor.evaluate import Finding, records
from tension.data.monitor.rules import RuleSet
from tension.data.store import queries as q
from tension.data.store.reader import StoreReader
from tension.scoring.countries import country_name

QUOTES = 3
QUOTE_CHARS = 300


@dataclass(frozen=True, slots=True)
class Message:
    title: str
    body: str
    link: str
    statements_link: str
    quotes: list[dict[str, Any]] = field(default_factory=list)


def direction_label(src: str, tgt: str) -> str:
    """``"Azerbaijan → Iran (AZE→IRN)"``."""
    return f"{country_name(src)} → {country_name(tgt)} ({src}→{tgt})"


def dashboard_links(base_url: str, finding: Finding, bucket: str) -> tuple[str, str]:
    """The timeline view (the finding's period and as long again before it, for context)
    and the statements of the finding's period, most intense first."""
    base = base_url.rstrip("/")
    days = (finding.end - finding.start).days + 1
    since: date = finding.start - timedelta(days=days)
    pair = "-".join(sorted((finding.src, finding.tgt)))
    timeline = {"pair": pair, "from": since, "to": finding.end, "bucket": bucket}
    listed = {
        "src": finding.src,
        "tgt": finding.tgt,
        "from": finding.start,
        "to": finding.end,
        "order": "intensity",
    }
    return (
        f"{base}/timeline?{urlencode({k: str(v) for k, v in timeline.items()})}",
        f"{base}/statements?{urlencode({k: str(v) for k, v in listed.items()})}",
    )


def top_statements(
    reader: StoreReader, finding: Finding, limit: int = QUOTES
) -> list[dict[str, Any]]:
    """The ``limit`` most intense distinct statements of ``src`` about ``tgt`` in the
    finding's period: ``published``, ``speaker``, ``intensity``, ``text``."""
    frame = q.pair_statements(
        reader,
        finding.src,
        finding.tgt,
        start=finding.start,
        end=finding.end,
        limit=limit,
        order="intensity",
    )
    frame = frame[frame["src"] == finding.src].head(limit)
    out = []
    for row in records(frame):
        text = " ".join(str(row["text"] or "").split())
        if len(text) > QUOTE_CHARS:
            text = text[: QUOTE_CHARS - 1].rstrip() + "…"
        out.append(
            {
                "published": str(row["published"]) if row["published"] is not None else "",
                "speaker": str(row["speaker"] or "unnamed"),
                "intensity": round(float(row["intensity"]), 1),
                "text": text,
            }
        )
    return out


def compose(reader: StoreReader, finding: Finding, rules: RuleSet, base_url: str) -> Message:
    """The alert message of ``finding`` (its rule looked up in ``rules``)."""
    rule = next(r for r in rules.rules if r.name == finding.rule)
    bucket = str(rule.params.get("bucket", "week"))
    link, statements_link = dashboard_links(base_url, finding, bucket)
    quotes = top_statements(reader, finding)
    who = direction_label(finding.src, finding.tgt)
    title = f"Tension alert: {who} — {finding.rule} ({finding.kind})"
    lines = [
        f"Pair: {who}",
        f"Figure: {finding.figure}",
        f"Rule: {finding.rule} ({finding.kind}): {rule.describe()}",
        f"Dashboard: {link}",
        f"Statements: {statements_link}",
    ]
    if quotes:
        lines += ["", "Most intense statements:"]
        for i, quote in enumerate(quotes, 1):
            lines.append(
                f"{i}. {quote['published']} · {quote['speaker']} · {quote['intensity']:.1f}: "
                f'"{quote["text"]}"'
            )
    lines += ["", "An indicator of rhetoric, not a prediction of events."]
    return Message(title, "\n".join(lines), link, statements_link, quotes)
