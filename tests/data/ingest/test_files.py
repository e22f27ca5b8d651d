"""Files, folders, uploads and pasted text: every format, metadata and dates."""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path

import pytest

from tension.data.ingest import (
    Document,
    Rejected,
    ingest_documents,
    parse_column_map,
    read_bytes,
    read_paths,
    read_text_input,
    read_upload,
)
from tension.data.ingest.dates import date_in_text
from tension.data.store import StoreReader
from tests.helpers import article_text, html_page


def _docs(items: list[Document | Rejected]) -> list[Document]:
    assert all(isinstance(i, Document) for i in items), items
    return [i for i in items if isinstance(i, Document)]


def test_text_and_markdown_headers_and_titles() -> None:
    (doc,) = _docs(list(read_upload("a.txt", b"Title: T\nDate: 2024-03-05\nOutlet: X\n\nBody.")))
    assert (doc.title, doc.published, doc.outlet, doc.text) == ("T", date(2024, 3, 5), "X", "Body.")
    (md,) = _docs(list(read_upload("b.md", b"# Heading here\n\nSome text.")))
    assert md.title == "Heading here"


def test_html_main_text_metadata_and_date() -> None:
    raw = html_page("Border row", article_text(1), published="2024-02-10")
    (doc,) = _docs(list(read_upload("page.html", raw)))
    assert doc.title == "Border row"
    assert doc.published == date(2024, 2, 10)
    assert "foreign ministry" in doc.text
    assert "Copyright" not in doc.text and "World" not in doc.text  # boilerplate dropped


def test_json_array_jsonl_and_csv_records() -> None:
    arr = json.dumps([{"text": "One text.", "date": "2024-01-02", "speaker": "Minister"}])
    (a,) = _docs(list(read_upload("x.json", arr.encode())))
    assert a.published == date(2024, 1, 2) and a.speaker == "Minister"
    lines = b'{"text": "First."}\n\n{"text": "Second.", "outlet": "Y"}\n'
    assert [d.text for d in _docs(list(read_upload("x.jsonl", lines)))] == ["First.", "Second."]
    csv = b'text,title,date,url,outlet,speaker,country\n"Hi, there.",T,2024-05-01,http://e.org/a,O,S,AZE\n'
    (c,) = _docs(list(read_upload("x.csv", csv)))
    assert (c.text, c.title, c.url, c.outlet, c.speaker, c.country) == (
        "Hi, there.", "T", "http://e.org/a", "O", "S", "AZE",
    )  # fmt: skip


def test_column_map_renames_other_names() -> None:
    cols = parse_column_map("text=body, date=published_at")
    raw = b"body;published_at\nSome body text.;2024-06-01\n"
    (doc,) = _docs(list(read_bytes("feed.csv", raw, columns=cols)))
    assert (doc.text, doc.published) == ("Some body text.", date(2024, 6, 1))
    with pytest.raises(ValueError, match="unknown field 'bodyy'"):
        parse_column_map("bodyy=x")
    with pytest.raises(ValueError, match="expected FIELD=COLUMN"):
        parse_column_map("text")


def test_compressed_files_are_read() -> None:
    (doc,) = _docs(list(read_upload("a.jsonl.gz", gzip.compress(b'{"text": "Zipped."}\n'))))
    assert doc.text == "Zipped."


def test_folders_are_walked_recursively_and_skip_other_types(tmp_path: Path) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "deeper" / "b.txt").write_text("Deep text.")
    (tmp_path / "a.md").write_text("Top text.")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    docs = _docs(list(read_paths([tmp_path])))
    assert [d.text for d in docs] == ["Top text.", "Deep text."]
    (missing,) = list(read_paths([tmp_path / "nope"]))
    assert isinstance(missing, Rejected) and missing.reason == "no such file or folder"


def test_dates_from_text_and_default_and_none() -> None:
    assert date_in_text("BAKU, 14 March 2024 - The ministry said") == date(2024, 3, 14)
    assert date_in_text("Published March 3, 2023. Later on 2020-01-01") == date(2023, 3, 3)
    assert date_in_text("No date here at all") is None
    assert date_in_text("The minister said on Thursday") is None  # no guessing from weekdays
    (doc,) = _docs(list(read_bytes("a.txt", b"Text with no date.", default_date=date(2020, 1, 1))))
    assert doc.published == date(2020, 1, 1)
    (undated,) = _docs(list(read_upload("a.txt", b"Text with no date.")))
    assert undated.published is None


def test_undated_articles_are_kept_and_reported(tmp_path: Path) -> None:
    items = list(read_upload("u.txt", article_text(3).encode()))
    report = ingest_documents(tmp_path / "store", items)
    assert report.new == 1 and report.undated == ["u.txt"]
    frame = StoreReader(tmp_path / "store").df("SELECT published FROM articles")
    assert frame["published"].isna().all()  # never given today's date


def test_pasted_text() -> None:
    (doc,) = _docs(list(read_text_input("  Pasted words.  ", title="T", date=date(2024, 1, 1))))
    assert (doc.text, doc.title, doc.published, doc.source) == (
        "Pasted words.", "T", date(2024, 1, 1), "pasted text",
    )  # fmt: skip
    (bad,) = list(read_text_input("   "))
    assert isinstance(bad, Rejected)
