"""``tension extract``: who speaks about whom in articles (statements, speakers, targets)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click

from tension.data.ingest.dates import parse_date
from tension.options import DATE, resolve_spec, scorer_options
from tension.scoring.language import detect_language, not_scored_reason

if TYPE_CHECKING:  # scoring loads country tables: import it only when the command runs
    from tension.data.scorers import Analyzer
    from tension.scoring import ArticleAnalysis, Statement

_SNIPPET = 90


def _statement_dict(s: Statement) -> dict[str, Any]:
    return {
        "speaker": s.speaker,
        "speaker_country": s.speaker_country,
        "target_countries": list(s.target_countries),
        "kind": s.kind,
        "start": s.start,
        "end": s.end,
        "text": s.text,
        "intensity": s.score.intensity,
    }


def _record(ident: Any, result: ArticleAnalysis) -> dict[str, Any]:
    return {
        "id": ident,
        "countries": list(result.countries),
        "pairs": [list(p) for p in result.pairs],
        "statements": [_statement_dict(s) for s in result.statements],
    }


def _unscored_record(ident: Any, language: str) -> dict[str, Any]:
    return {
        "id": ident,
        "language": language,
        "not_scored": not_scored_reason(language),
        "countries": [],
        "pairs": [],
        "statements": [],
    }


def _readable(name: str, result: ArticleAnalysis, narration: bool) -> Iterator[str]:
    pairs = ", ".join(f"{a}-{b}" for a, b in result.pairs) or "none"
    yield f"{name}: countries {', '.join(result.countries) or 'none'}; pairs {pairs}"
    for s in result.statements:
        if s.kind == "narration" and not narration:
            continue
        who = s.speaker or "-"
        direction = f"{s.speaker_country or '?'} -> {','.join(s.target_countries) or '?'}"
        snippet = " ".join(s.text.split())
        if len(snippet) > _SNIPPET:
            snippet = snippet[: _SNIPPET - 3] + "..."
        yield f"  {s.kind:<9} {s.score.intensity:6.1f}  {who} ({direction})  {snippet}"


def _jsonl(stream: TextIO, name: str, analyzer: Analyzer) -> Iterator[dict[str, Any]]:
    for n, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        where = f"{name} line {n}"
        try:
            record = json.loads(line)
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise TypeError
        except (json.JSONDecodeError, TypeError):
            click.echo(f"{where}: skipped, not a JSON object with a text field", err=True)
            continue
        try:
            date = parse_date(record.get("date"))
        except ValueError as exc:
            click.echo(f"{where}: field 'date': {exc}; skipped", err=True)
            continue
        title = record.get("title") if isinstance(record.get("title"), str) else None
        language = detect_language(record["text"])
        if language is not None:
            yield _unscored_record(record.get("id", n), language)
            continue
        result = analyzer.analyze(record["text"], title=title, date=date)
        yield _record(record.get("id", n), result)


@click.command("extract")
@click.argument("files", nargs=-1, type=click.Path(allow_dash=True, dir_okay=False))
@click.option(
    "--jsonl",
    is_flag=True,
    help="Read JSON lines ('text', optional 'date', 'id', 'title') from FILES or stdin ('-') "
    "and write one JSON object per input line.",
)
@click.option(
    "--date",
    type=DATE,
    help="Article date for plain-text FILES (it decides which officials are in office).",
)
@scorer_options
@click.option("--narration", is_flag=True, help="Also list sentences that are no one's statement.")
def command(
    files: tuple[str, ...],
    jsonl: bool,
    date: dt.date | None,
    lexicon: str | None,
    officials: str | None,
    narration: bool,
) -> None:
    """Show who speaks about whom in FILES: each statement's kind, intensity, speaker,
    speaker country and target countries. A text surely not in English is shown as "not
    scored (language xx)".

    \b
    Examples:
      tension extract article.txt
      tension extract --date 2026-03-05 --narration article.txt
      tension extract --jsonl - < articles.jsonl > statements.jsonl
      tension extract --officials my-officials.toml article.txt
    """
    analyzer = resolve_spec(lexicon, officials).build()
    sources = files or ("-",)
    if jsonl:
        for source in sources:
            if source == "-":
                rows = _jsonl(sys.stdin, "stdin", analyzer)
                for row in rows:
                    click.echo(json.dumps(row, ensure_ascii=False))
            else:
                with open(source, encoding="utf-8") as stream:
                    for row in _jsonl(stream, source, analyzer):
                        click.echo(json.dumps(row, ensure_ascii=False))
        return
    for source in sources:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
        language = detect_language(text)
        if language is not None:
            name = "stdin" if source == "-" else source
            click.echo(f"{name}: {not_scored_reason(language)}")
            continue
        result = analyzer.analyze(text, date=date)
        for line in _readable("stdin" if source == "-" else source, result, narration):
            click.echo(line)
