"""Bad input never stops a batch and is never silently dropped; encodings are decoded right."""

from __future__ import annotations

import bz2
import gzip
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tension.data.ingest import Document, Rejected, ingest_documents, read_paths, read_upload
from tension.data.ingest.feeds import FeedError, parse_feed
from tension.data.store import StoreReader
from tension.data.store.queries import quarantine
from tests.helpers import article_text

RU = "Министр иностранных дел заявил, что переговоры о границе продолжатся на следующей неделе."
FR = "Le ministre a déclaré que la France était prête à négocier à Genève avec ses voisins."
DE = "Der Außenminister sagte, man müsse über die Lage an der Grenze sprechen, hieß es."


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (RU.encode("cp1251"), RU),
        (FR.encode("latin-1"), FR),
        (DE.encode("latin-1"), DE),
        (FR.encode("utf-16"), FR),  # with BOM
        (DE.encode("utf-16-be").join([b"\xfe\xff", b""]), DE),
        (b"\xef\xbb\xbf" + RU.encode("utf-8"), RU),
    ],
)
def test_encodings_are_decoded_right(raw: bytes, expected: str) -> None:
    (doc,) = list(read_upload("x.txt", raw))
    assert isinstance(doc, Document), doc
    assert doc.text == expected


def _bad_files(folder: Path) -> dict[str, str]:
    """Each bad kind → a fragment of the reason the user must see."""
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.md").write_bytes(b"  \n\n ")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (folder / "bomb.txt.gz").write_bytes(gzip.compress(b"a" * (60 << 20)))
    (folder / "corrupt.json.bz2").write_bytes(b"BZh9 this is not bzip2")
    (folder / "bad.jsonl").write_text('{"text": "fine line one."}\n{"text": broken\n')
    (folder / "bad.json").write_text('[{"text": "unterminated"')
    (folder / "bad.csv").write_text('text,date\n"good row.",2024-01-01\n"extra",2024-01-01,x\n')
    (folder / "notext.csv").write_text("title,date\nT,2024-01-01\n")
    (folder / "baddate.jsonl").write_text('{"text": "t.", "date": "yesterday-ish"}\n')
    (folder / "huge.html").write_bytes(
        b"<html><body><p>" + b"x " * (3 << 20) + b"</p></body></html>"
    )
    (folder / "deep.html").write_bytes(b"<html><body>" + b"<div>" * 5000 + b"hi" + b"</div>" * 5000)
    (folder / "nothing.html").write_bytes(
        b"<html><head><title>x</title></head><body><img src=a></body></html>"
    )
    return {
        "empty.txt": "empty file",
        "blank.md": "empty file",
        "binary.txt": "binary content",
        "bomb.txt.gz": "compression bomb",
        "corrupt.json.bz2": "corrupt .bz2",
        "bad.jsonl:2": "malformed JSON",
        "bad.json": "malformed JSON",
        "bad.csv:3": "malformed CSV (row has 3 fields, header has 2)",
        "notext.csv:2": "no 'text' field",
        "baddate.jsonl:1": "not a date",
        "huge.html": "over the 5 MB cap",
        "deep.html": "nested over",
        "nothing.html": "no main text",
    }


def test_every_bad_kind_is_quarantined_with_a_reason_and_the_batch_goes_on(
    tmp_path: Path,
) -> None:
    expected = _bad_files(tmp_path / "in")
    good = tmp_path / "in" / "good.txt"
    good.write_text(article_text(1))
    store = tmp_path / "store"
    report = ingest_documents(store, read_paths([tmp_path / "in"]), batch_size=3)
    assert report.new == 3  # good.txt, the good jsonl line, the good csv row
    reasons = {Path(r.source).name: r.reason for r in report.quarantined}
    for name, fragment in expected.items():
        assert name in reasons, f"{name} was dropped silently: {reasons}"
        assert fragment in reasons[name], (name, reasons[name])
    assert len(report.quarantined) == len(expected)
    rows = quarantine(StoreReader(store))
    assert list(rows.columns) == ["source", "reason", "seen_at"]
    assert {Path(s).name for s in rows["source"]} == set(expected)


def test_unreadable_file_is_quarantined(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("words")
    real = Path.read_bytes

    def deny(self: Path) -> bytes:
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", deny)  # also when the tests run as root
    (item,) = list(read_paths([path]))
    assert isinstance(item, Rejected)
    assert item.reason == "cannot read: Permission denied"


def test_reingesting_a_bad_file_does_not_duplicate_its_quarantine_row(tmp_path: Path) -> None:
    _bad_files(tmp_path / "in")
    store = tmp_path / "store"
    first = ingest_documents(store, read_paths([tmp_path / "in"]))
    n = len(quarantine(StoreReader(store)))
    again = ingest_documents(store, read_paths([tmp_path / "in"]))
    assert len(again.quarantined) == len(first.quarantined)  # still reported
    reader = StoreReader(store)
    assert len(quarantine(reader)) == n
    assert reader.scalar("SELECT count(*) FROM quarantine") == n  # not stored twice


def test_quarantine_rows_are_distinct_and_newest_first(tmp_path: Path) -> None:
    store = tmp_path / "store"
    day = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    ingest_documents(store, [Rejected("old.txt", "empty file")], clock=lambda: day)
    later = day + timedelta(seconds=1)
    ingest_documents(store, [Rejected("new.txt", "binary content")], clock=lambda: later)
    rows = quarantine(StoreReader(store), limit=10)
    assert list(rows["source"]) == ["new.txt", "old.txt"]
    assert len(quarantine(StoreReader(store), limit=1)) == 1


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>&xxe;</title>
<item><title>x</title><link>http://127.0.0.1/a</link></item></channel></rss>"""
LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
<rss version="2.0"><channel><title>&lol2;</title></channel></rss>"""


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (XXE, "DTD or entities; refused"),
        (LAUGHS, "DTD or entities; refused"),
        (b"<rss><channel><item><title>unclosed", "malformed feed XML"),
        (b"not xml at all", "malformed feed XML"),
        (b"<html><body>a page</body></html>", "not an RSS or Atom feed"),
        (bz2.compress(b"<rss/>"), "malformed feed XML"),
    ],
)
def test_malformed_and_hostile_feeds_are_refused(raw: bytes, reason: str) -> None:
    with pytest.raises(FeedError, match=reason.replace("(", r"\(")):
        parse_feed(raw)
