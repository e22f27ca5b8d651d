"""``tension extract``: readable lines, JSON lines from stdin and files, dates, officials, errors.

The command object is invoked directly, so these tests do not depend on the other commands.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from tension.commands.extract import command
from tests.helpers import write_quill_officials

ARTICLE = (
    "Azerbaijan accused Iran of a drone strike on Nakhchivan. "
    "“We will not tolerate this,” Aliyev said. "
    "Iran's military denied launching any drone. "
    "“The attack was likely deliberate,” said Lena Park, an analyst at a risk consultancy."
)


def test_command_is_named_extract_and_its_help_has_an_example() -> None:
    assert command.name == "extract"
    result = CliRunner().invoke(command, ["--help"])
    assert result.exit_code == 0
    assert "tension extract article.txt" in result.output


def test_readable_output_lists_statements_with_direction(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(command, [str(path)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"{path}: countries AZE, IRN; pairs AZE-IRN"
    assert any("Aliyev (AZE -> IRN)" in line and line.split()[0] == "quote" for line in lines)
    assert any("(IRN -> AZE)" in line and line.split()[0] == "reported" for line in lines)
    assert any("Lena Park (? -> " in line for line in lines)
    assert not any(line.split()[0] == "narration" for line in lines[1:])


def test_narration_flag_shows_every_sentence() -> None:
    result = CliRunner().invoke(command, ["--narration", "-"], input="Drones crashed in Iran.")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1].split()[0] == "narration"


def test_jsonl_from_stdin_writes_one_object_per_input_and_reports_bad_lines() -> None:
    stdin = "\n".join(
        [
            json.dumps({"id": "x1", "text": ARTICLE, "date": "2026-03-05"}),
            "not json",
            json.dumps({"text": 5}),
            json.dumps({"text": "Pezeshkian said Israel lied.", "date": "someday"}),
            json.dumps({"text": "Pezeshkian said Israel lied.", "date": "2025-02-01"}),
            "",
        ]
    )
    result = CliRunner().invoke(command, ["--jsonl", "-"], input=stdin)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["x1", 5]
    first = rows[0]
    assert set(first) == {"id", "countries", "pairs", "statements"}
    assert first["countries"] == ["AZE", "IRN"] and first["pairs"] == [["AZE", "IRN"]]
    st = first["statements"][1]
    assert set(st) == {
        "speaker", "speaker_country", "target_countries", "kind", "start", "end", "text",
        "intensity",
    }  # fmt: skip
    assert (st["speaker"], st["speaker_country"], st["target_countries"], st["kind"]) == (
        "Aliyev",
        "AZE",
        ["IRN"],
        "quote",
    )
    assert ARTICLE[st["start"] : st["end"]] == st["text"]
    assert rows[1]["statements"][0]["speaker_country"] == "IRN"
    assert "stdin line 2: skipped, not a JSON object with a text field" in result.stderr
    assert "stdin line 3: skipped" in result.stderr
    assert "stdin line 4: field 'date': not a date: 'someday' (expected e.g." in result.stderr
    assert result.stderr.rstrip().endswith("; skipped")


def test_jsonl_from_files_and_user_officials(tmp_path: Path) -> None:
    officials = write_quill_officials(tmp_path)
    data = tmp_path / "in.jsonl"
    data.write_text(json.dumps({"id": 1, "text": "Quill said Russia lied."}) + "\n", "utf-8")
    result = CliRunner().invoke(command, ["--jsonl", "--officials", str(officials), str(data)])
    assert result.exit_code == 0, result.output
    row = json.loads(result.stdout)
    assert row["statements"][0]["speaker_country"] == "NOR"
    assert row["statements"][0]["target_countries"] == ["RUS"]


def test_bad_date_option_is_a_usage_error() -> None:
    result = CliRunner().invoke(command, ["--date", "yesterday", "-"], input="x")
    assert result.exit_code == 2
    assert "Invalid value for '--date': not a date: 'yesterday'" in result.output


def test_a_text_not_in_english_is_shown_not_scored(tmp_path: Path) -> None:
    path = tmp_path / "fr.txt"
    path.write_text(
        "Le ministère des Affaires étrangères a convoqué l'ambassadeur et a exigé des "
        "explications après les frappes de drones contre l'aéroport de la capitale.",
        encoding="utf-8",
    )
    result = CliRunner().invoke(command, [str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"{path}: not scored (language fr)"
    line = json.dumps({"id": "a1", "text": path.read_text(encoding="utf-8")})
    result = CliRunner().invoke(command, ["--jsonl", "-"], input=line + "\n")
    record = json.loads(result.output)
    assert (record["language"], record["statements"]) == ("fr", [])
