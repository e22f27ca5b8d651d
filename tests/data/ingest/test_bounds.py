"""Bounded work per document (issue 13, item 2): a huge document is stored whole but scored
in part, with the cut reported; the ways the bound is kept cheap give the same results as
the plain ways. (Peak memory is measured by ``python -m bench.run --sections memory``.)"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tension.data.ingest import Document, ingest_documents, read_paths
from tension.data.ingest.documents import clean_text
from tension.data.ingest.files import _text_document
from tension.data.ingest.normalise import article_id, normalise_text
from tension.data.ingest.rows import MAX_SCORED_CHARS, MAX_STATEMENTS, scored_part
from tension.data.store import StoreReader
from tests.helpers import article_text


def test_a_long_document_is_stored_whole_and_scored_in_part(tmp_path: Path) -> None:
    body = " ".join(article_text(i) for i in range(1200))  # about 400,000 characters
    assert len(body) > 2 * MAX_SCORED_CHARS
    src = tmp_path / "long.txt"
    src.write_text(f"Date: 2024-03-01\n\n{body}\n", encoding="utf-8")
    report = ingest_documents(tmp_path / "store", read_paths([src]))
    part = scored_part(body)
    assert len(part) <= MAX_SCORED_CHARS and body.startswith(part) and body[len(part)] == " "
    assert [str(n) for n in report.notes] == [
        f"{src}: scored the first {len(part):,} of {len(body):,} characters "
        "(the rest is stored, not scored)"
    ]
    reader = StoreReader(tmp_path / "store")
    assert reader.scalar("SELECT length(text) FROM articles") == len(body)
    assert reader.scalar('SELECT max("end") FROM statements') <= len(part)


def test_a_document_of_many_statements_keeps_the_first_ones(tmp_path: Path) -> None:
    said = " ".join(f"Iran warned Baku {i}." for i in range(7000))  # 7,000 sentences
    assert len(said) < MAX_SCORED_CHARS
    report = ingest_documents(tmp_path, [Document(text=said, source="q")])
    statements = StoreReader(tmp_path).scalar("SELECT count(*) FROM statements")
    assert statements == MAX_STATEMENTS == report.statements
    (note,) = report.notes
    assert note.message.startswith(f"kept the first {MAX_STATEMENTS:,} of ")


_SPACE = re.compile(r"\s+")


def _plain_id(text: str) -> str:
    """The article id as it was computed before pieces: the whole text at once."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate({0x2018: "'", 0x2019: "'", 0x201C: '"', 0x201D: '"'})
    folded = _SPACE.sub(" ", text).strip().casefold()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()[:20]


_TRICKY = st.lists(
    st.sampled_from(
        [*"ab Z9\t\n\r .,", "\u00a0", "\u2019", "\u201c", "\u0308", "e\u0301", "\ufb01",
         "\u03a3", "\u03c2", "\u0130", "\u3000", "\u00bd", "\u00a8", "\u2028", "\x85",
         "\x1c"]
    ),
    max_size=120,
).map("".join)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(text=_TRICKY, piece=st.sampled_from([1, 2, 5, 13, 10**9]))
def test_an_article_id_hashed_in_pieces_is_the_id_of_the_whole(text: str, piece: int) -> None:
    """Stored ids must not change: a long text hashed a piece at a time gets the id the
    whole text always had."""
    assert article_id(text, piece) == _plain_id(text)
    assert normalise_text(text) == _SPACE.sub(" ", unicodedata.normalize("NFKC", text).translate(
        {0x2018: "'", 0x2019: "'", 0x201C: '"', 0x201D: '"'})).strip().casefold()  # fmt: skip


def _split_header(text: str) -> tuple[str, dict[str, str]]:
    """The header rule as it was written first (splitlines and join), then the layout
    cleaning every text gets."""
    keys = {"title", "date", "url", "outlet", "speaker", "country"}
    meta: dict[str, str] = {}
    lines = text.splitlines()
    start = 0
    for i, line in enumerate(lines):
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() in keys and value.strip():
            meta[key.strip().lower()] = value.strip()
            continue
        if meta and not line.strip():
            start = i + 1
        break
    return clean_text("\n".join(lines[start:]) if meta else text), meta


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["Title: T", "Outlet: O", "URL: http://x", "\n", "\r\n", "\r", "\u2028", " ",
             "# Head", "body text", "x:y", "\x85", "  \n", "\t", "\n\n"]
        ),
        max_size=12,
    )
)  # fmt: skip
def test_header_lines_are_read_without_splitting_the_whole_text(pieces: list[str]) -> None:
    text = "".join(pieces)
    body, meta = _split_header(text)
    doc = _text_document("a.txt", text, None)
    if not body:
        assert not isinstance(doc, Document)
        return
    assert isinstance(doc, Document)
    assert (doc.text, doc.title, doc.url, doc.outlet) == (
        body, meta.get("title"), meta.get("url"), meta.get("outlet")
    )  # fmt: skip
