"""The one date parser every date input goes through: accepted forms, refusals, and that the
CLI options and record fields all use it."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from tension.cli import cli
from tension.data.ingest import Document, Rejected, ingest_documents, read_upload
from tension.data.ingest.dates import parse_date
from tests.helpers import QUILL_TEXT

D = date(2024, 3, 5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-05", D),
        ("  2024-03-05 ", D),
        ("2024-03-05T10:00:00Z", D),
        ("2024-03-05T23:30:00-05:00", D),  # the date as written, whatever the offset
        ("2024-03-05 10:00", D),
        ("20240305", D),
        ("2024/03/05", D),
        ("05.03.2024", D),
        ("5 March 2024", D),
        ("5 march 2024", D),
        ("05 Mar 2024", D),
        ("5 Mar. 2024", D),
        ("March 5, 2024", D),
        ("Mar 5 2024", D),
        ("Tuesday, 5 March 2024", D),
        ("Tue, 05 Mar 2024 10:00:00 GMT", D),
        ("Tue, 05 Mar 2024 23:59:59 -0500", D),
        ("29 February 2024", date(2024, 2, 29)),
        ("", None),
        ("   ", None),
        (None, None),
    ],
)
def test_accepted_forms(text: str | None, expected: date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "someday", "yesterday", "2024", "March 2024", "5 March", "03/05/2024", "5/3/2024",
        "31 February 2024", "29 February 2023", "2024-13-01", "2024-02-30", "5 Marsh 2024",
        "March 5, 24", "12", "1/2/3", "5 3 2024", "2024-03-05 and more",
    ],
)  # fmt: skip
def test_refusals_quote_the_text_and_list_the_forms(text: str) -> None:
    with pytest.raises(ValueError) as err:
        parse_date(text)
    message = str(err.value)
    assert message.startswith(f"not a date: {text!r} (expected e.g. 2024-03-05")
    assert "5 March 2024" in message and "\n" not in message


def test_date_objects_pass_through() -> None:
    assert parse_date(D) == D
    assert parse_date(datetime(2024, 3, 5, 23, 0, tzinfo=timezone(timedelta(hours=-5)))) == D


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
def test_every_written_form_of_a_date_reads_back(day: date) -> None:
    month = day.strftime("%B")
    for text in (
        day.isoformat(),
        f"{day.isoformat()}T12:00:00Z",
        f"{day.day} {month} {day.year}",
        f"{day.day} {month[:3]} {day.year}",
        f"{month} {day.day}, {day.year}",
        day.strftime("%d.%m.%Y"),
        day.strftime("%Y/%m/%d"),
        f"{day.strftime('%A')}, {day.day} {month} {day.year}",
    ):
        assert parse_date(text) == day, text


def _run(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), input=stdin)
    return result.exit_code, result.output


@pytest.mark.parametrize(
    "args",
    [
        ["ingest", "x.txt", "--date"],
        ["export", "out", "--start"],
        ["export", "out", "--end"],
        ["extract", "-", "--date"],
    ],
    ids=lambda a: f"{a[0]} {a[-1]}",
)
def test_a_bad_date_option_is_a_usage_error_naming_the_option(args: list[str]) -> None:
    code, out = _run(*args, "someday", stdin="x")
    assert code == 2, out
    assert f"Invalid value for '{args[-1]}': not a date: 'someday' (expected e.g." in out


def test_the_written_forms_work_on_export_and_extract(tmp_path: Path) -> None:
    """(``tension ingest --date`` with a written date: ``tests/tension/test_ingest_cli.py``.)"""
    src = tmp_path / "u.txt"
    src.write_text(QUILL_TEXT)
    db = str(tmp_path / "db")
    ingest_documents(db, [Document(text=QUILL_TEXT, source="u.txt", published=D)])
    code, out = _run("export", str(tmp_path / "out"), "--db", db, "--start", "March 5, 2024",
                     "--end", "05.03.2024", "--what", "articles")  # fmt: skip
    assert code == 0 and "articles: 1 rows" in out, out
    code, out = _run("export", str(tmp_path / "out"), "--db", db, "--start", "6 March 2024")
    assert code == 0 and "articles: 0 rows" in out, out
    code, out = _run("extract", "--date", "5 March 2024", str(src))
    assert code == 0 and "Marta Quill" in out, out


def test_record_fields_and_headers_use_the_same_parser() -> None:
    lines = [{"text": "One.", "date": "5 March 2024"}, {"text": "Two.", "date": "someday"}]
    jsonl = "\n".join(json.dumps(r) for r in lines).encode()
    good, bad = read_upload("in.jsonl", jsonl)
    assert isinstance(good, Document) and good.published == D
    assert isinstance(bad, Rejected) and bad.reason.startswith(
        "field 'date': not a date: 'someday'"
    )
    csv = b'text,date\n"One.","March 5, 2024"\n'
    (row,) = read_upload("in.csv", csv)
    assert isinstance(row, Document) and row.published == D
    (text,) = read_upload("a.txt", b"Date: Tue, 05 Mar 2024 10:00:00 GMT\n\nBody text.")
    assert isinstance(text, Document) and text.published == D
    code, out = _run("extract", "--jsonl", "-", stdin=json.dumps(lines[1]))
    assert code == 0
    assert "stdin line 1: field 'date': not a date: 'someday' (expected e.g." in out
