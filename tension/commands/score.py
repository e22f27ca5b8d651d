"""``tension score``: score texts and show the terms that drove each score."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

import click

from tension.data.scorers import scorer_spec
from tension.data.settings import resolve
from tension.options import setting_option
from tension.scoring.language import detect_language, not_scored_reason


def _score_dict(score: Any) -> dict[str, Any]:
    return {
        "intensity": score.intensity,
        "raw": score.raw,
        "sentiment": score.compound,
        "escalation": score.escalation,
        "deescalation": score.deescalation,
        "terms": [asdict(t) for t in score.terms],
        "lexicon_version": score.lexicon_version,
    }


def _unscored_dict(language: str) -> dict[str, Any]:
    return {"intensity": None, "language": language, "not_scored": not_scored_reason(language)}


def _unscored_readable(text: str, language: str) -> str:
    snippet = " ".join(text.split())
    if len(snippet) > 60:
        snippet = snippet[:57] + "..."
    return f"{'-':>6}  {snippet}  [{not_scored_reason(language)}]"


def _readable(text: str, score: Any) -> str:
    terms = ", ".join(f"{t.term} ({t.weight:+g} {t.category})" for t in score.terms) or "no terms"
    snippet = " ".join(text.split())
    if len(snippet) > 60:
        snippet = snippet[:57] + "..."
    return (
        f"{score.intensity:6.1f}  {snippet}  "
        f"[raw {score.raw:+.1f}; {terms}; sentiment {score.compound:+.2f}]"
    )


def _texts(args: tuple[str, ...]) -> Iterator[str]:
    if args == ("-",) or not args:
        for line in sys.stdin:
            if line.strip():
                yield line.rstrip("\n")
    else:
        yield from args


@click.command("score")
@click.argument("texts", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Write one JSON object per text.")
@click.option(
    "--jsonl",
    is_flag=True,
    help="Read JSON lines with a 'text' field from stdin; other fields are passed through.",
)
@setting_option("lexicon")
def command(texts: tuple[str, ...], as_json: bool, jsonl: bool, lexicon: str | None) -> None:
    """Score TEXTS (or one text per line of stdin with '-') for rhetoric intensity, 0-100.

    Only English is scored: a text surely in another language is shown as "not scored
    (language xx)" (JSON: intensity null, a "language" and a "not_scored" field).

    \b
    Examples:
      tension score "We will not tolerate this act of aggression"
      echo "We offer our condolences" | tension score -
      tension score --jsonl < statements.jsonl > scored.jsonl
    """
    scorer = scorer_spec(resolve("lexicon", lexicon)).build().scorer
    if jsonl:
        for n, line in enumerate(sys.stdin, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                text = record["text"]
                if not isinstance(text, str):
                    raise TypeError
            except (json.JSONDecodeError, KeyError, TypeError):
                click.echo(
                    f"stdin line {n}: skipped, not a JSON object with a text field", err=True
                )
                continue
            language = detect_language(text)
            scored = _unscored_dict(language) if language else _score_dict(scorer.score(text))
            click.echo(json.dumps({**record, **scored}, ensure_ascii=False))
        return
    for text in _texts(texts):
        language = detect_language(text)
        if language is not None:
            if as_json:
                out = {"text": text, **_unscored_dict(language)}
                click.echo(json.dumps(out, ensure_ascii=False))
            else:
                click.echo(_unscored_readable(text, language))
            continue
        score = scorer.score(text)
        if as_json:
            click.echo(json.dumps({"text": text, **_score_dict(score)}, ensure_ascii=False))
        else:
            click.echo(_readable(text, score))
