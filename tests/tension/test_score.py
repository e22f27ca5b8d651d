"""``tension score``: readable lines, JSON, JSON lines, stdin, user lexicons and errors."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from tension.cli import cli

HOSTILE = "We will not tolerate this act of aggression"
CALM = "We offer our sincere condolences and call for dialogue"


def test_readable_line_shows_score_and_terms_from_stdin() -> None:
    result = CliRunner().invoke(cli, ["score", "-"], input=HOSTILE + "\n")
    assert result.exit_code == 0, result.output
    line = result.output.strip()
    score = float(line.split()[0])
    assert 0 < score <= 100
    assert "aggression" in line


def test_arguments_are_scored_in_order_and_hostile_beats_calm() -> None:
    result = CliRunner().invoke(cli, ["score", "--json", HOSTILE, CALM])
    assert result.exit_code == 0, result.output
    rows = [json.loads(x) for x in result.output.splitlines()]
    assert [r["text"] for r in rows] == [HOSTILE, CALM]
    assert rows[0]["intensity"] > rows[1]["intensity"]
    for row in rows:
        assert set(row) >= {"intensity", "sentiment", "escalation", "deescalation", "terms"}
        for term in row["terms"]:
            assert set(term) == {"term", "category", "weight", "start", "end"}
            assert row["text"][term["start"] : term["end"]]


def test_jsonl_passes_other_fields_through_and_reports_bad_lines() -> None:
    stdin = "\n".join(
        [json.dumps({"id": 7, "text": HOSTILE}), "not json", json.dumps({"text": 5}), ""]
    )
    result = CliRunner().invoke(cli, ["score", "--jsonl"], input=stdin)
    assert result.exit_code == 0, result.output
    out = [json.loads(x) for x in result.stdout.splitlines()]
    assert len(out) == 1 and out[0]["id"] == 7 and out[0]["intensity"] > 0
    assert "stdin line 2: skipped" in result.stderr
    assert "stdin line 3: skipped" in result.stderr


def test_missing_lexicon_file_is_a_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["score", "--lexicon", str(tmp_path / "nope.toml"), "x"])
    assert result.exit_code == 1
    assert result.output.strip().startswith("Error:")
    assert "nope.toml" in result.output and len(result.output.strip().splitlines()) == 1


FRENCH = (
    "Le ministère des Affaires étrangères a convoqué l'ambassadeur et a exigé des "
    "explications après les frappes de drones contre l'aéroport de la capitale."
)


def test_text_not_in_english_is_shown_not_scored() -> None:
    result = CliRunner().invoke(cli, ["score", FRENCH, "Kremlin warns Kyiv."])
    assert result.exit_code == 0, result.output
    first, second = result.output.splitlines()
    assert "not scored (language fr)" in first and first.lstrip().startswith("-")
    assert "warn*" in second and "raw" in second
    result = CliRunner().invoke(cli, ["score", "--json", FRENCH])
    record = json.loads(result.output)
    assert record["intensity"] is None and record["language"] == "fr"
    assert record["not_scored"] == "not scored (language fr)"
