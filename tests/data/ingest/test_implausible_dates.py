"""Dates outside a plausible range are stored as undated, with the reason (issue 13, item
7). Before the fix an article dated 9999-12-31 was stored with that date: it broke the
pair timeline and moved the Overview's window to the year 9999."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from tension.data.ingest import Document, ingest_documents
from tension.data.ingest.dates import implausible
from tension.data.ingest.rescore import rescore_store
from tension.data.store import StoreReader, StoreWriter
from tension.data.store.integrity import read_current
from tests.helpers import article_text, run_tension

TODAY = date(2024, 5, 1)


@pytest.mark.parametrize(
    ("day", "ok"),
    [
        (None, True),
        (date(1900, 1, 1), True),
        (date(1899, 12, 31), False),
        (date(1066, 10, 14), False),
        (TODAY, True),
        (TODAY + timedelta(days=1), True),  # a time zone ahead
        (TODAY + timedelta(days=2), False),
        (date(9999, 12, 31), False),
    ],
)
def test_plausible_range(day: date | None, ok: bool) -> None:
    why = implausible(day, TODAY)
    assert (why is None) == ok
    if not ok:
        assert why == f"date {day} is outside 1900-01-01..2024-05-02"


def test_an_article_dated_9999_is_stored_undated_with_the_reason(tmp_path: Path) -> None:
    docs = [
        Document(text=article_text(1), source="far.txt", published=date(9999, 12, 31)),
        Document(text=article_text(2), source="old.txt", published=date(1066, 10, 14)),
        Document(text=article_text(3), source="fine.txt", published=date(2024, 4, 30)),
    ]
    clock = lambda: datetime(2024, 5, 1, 9, tzinfo=UTC)  # noqa: E731
    report = ingest_documents(tmp_path, docs, clock=clock)
    assert report.new == 3 and report.undated == ["far.txt", "old.txt"]
    assert [str(n) for n in report.notes] == [
        "far.txt: date 9999-12-31 is outside 1900-01-01..2024-05-02: kept without a date",
        "old.txt: date 1066-10-14 is outside 1900-01-01..2024-05-02: kept without a date",
    ]
    rows = StoreReader(tmp_path).rows("SELECT source, published FROM articles ORDER BY source")
    assert rows == [("far.txt", None), ("fine.txt", date(2024, 4, 30)), ("old.txt", None)]


def test_the_cli_reports_the_dropped_date(tmp_path: Path) -> None:
    src = tmp_path / "far.txt"
    src.write_text(f"Date: 9999-12-31\n\n{article_text(4)}", encoding="utf-8")
    done = run_tension("ingest", str(src), "--db", str(tmp_path / "store"))
    assert done.returncode == 0, done.stderr
    assert f"note: {src}: date 9999-12-31 is outside 1900-01-01.." in done.stderr


def test_rescore_undates_what_an_older_version_stored(tmp_path: Path) -> None:
    """A store written before the check holds a date of 9999: a forced rescore stores it as
    an ingest would now."""
    ingest_documents(tmp_path, [Document(text=article_text(5), source="a", published=TODAY)])
    with StoreWriter(tmp_path) as writer:
        (bid,) = writer.manifest().batches
        folder = writer.root / "batches" / bid
        tables = {
            name: read_current(folder / f"{name}.parquet", name)
            for name in ("articles", "statements")
        }
        for name, table in tables.items():
            column = table.schema.get_field_index("published")
            far = [date(9999, 12, 31)] * table.num_rows
            tables[name] = table.set_column(column, "published", [far])
        writer.publish(tables, replaces=[bid])
    reader = StoreReader(tmp_path)
    assert reader.rows("SELECT DISTINCT published FROM statements") == [(date(9999, 12, 31),)]
    rescore_store(tmp_path, force=True)
    assert reader.rows("SELECT published FROM articles") == [(None,)]
    assert reader.rows("SELECT DISTINCT published FROM statements") == [(None,)]


def test_a_document_keeps_notes_a_reader_gave_it(tmp_path: Path) -> None:
    doc = Document(text=article_text(6), source="x", notes=("decoded with replacement",))
    report = ingest_documents(tmp_path, [replace(doc)])
    assert [str(n) for n in report.notes] == ["x: decoded with replacement"]
