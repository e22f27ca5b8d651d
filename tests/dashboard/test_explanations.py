"""A statement's explanation points into the statement's own text: every stored term hit
lands on the words it matched, so every statement with terms shows highlights."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tension.data.store import StoreReader
from tension.data.store import queries as q
from tension.data.store.explain import aligned


def _fits(text: str, term: str, start: int, end: int) -> bool:
    if not 0 <= start < end <= len(text):
        return False
    found = " ".join(text[start:end].split()).lower()
    want = " ".join(term.split()).lower()
    if want.endswith("]"):  # a context hit, "fired … tear gas [175]": its span is the verb
        want = want.split(" … ")[0].split(" ← ")[0].rsplit(" [", 1)[0]
    return found.startswith(want[:-1]) if want.endswith("*") else found == want


def test_stored_offsets_point_into_the_statement_text(demo_store: Path) -> None:
    reader = StoreReader(demo_store)
    rows = reader.df(
        "SELECT text, start, kind, terms, contributions FROM statements WHERE terms <> '[]'"
    )
    assert len(rows) > 1000
    assert (rows["start"] > 0).mean() > 0.5  # most statements do not open their article
    quotes = 0
    for text, _, kind, terms, contributions in rows.itertuples(index=False):
        for hit in json.loads(terms):
            assert _fits(text, hit["term"], hit["start"], hit["end"]), (text, hit)
        for line in json.loads(contributions):
            assert line["start"] == -1 or 0 <= line["start"] < line["end"] <= len(text)
        quotes += kind == "quote"
    assert quotes > 100


def test_the_detail_query_gives_words_and_spans(demo_store: Path) -> None:
    reader = StoreReader(demo_store)
    row = reader.df(
        "SELECT article_id, idx FROM statements WHERE kind = 'quote' AND start > 0 "
        "AND terms <> '[]' ORDER BY intensity DESC LIMIT 1"
    ).iloc[0]
    detail = q.statement(reader, str(row["article_id"]), int(row["idx"]))
    assert detail is not None
    for hit in detail["terms"]:
        assert detail["text"][hit["start"] : hit["end"]] == hit["word"] != ""


ARTICLE = "Intro sentence here. They warned of war and escalating threats."


def _legacy(offset: int) -> tuple[str, str, str]:
    """A statement stored the old way: offsets into the article, ``offset`` chars in."""
    text = ARTICLE[offset:]
    hits = [
        {"term": t, "category": "threat", "weight": 5.0, "start": m.start(), "end": m.end()}
        for t, pat in (("warn*", r"warned"), ("war", r"\bwar\b"), ("escalat*", r"escalating"))
        for m in [re.search(pat, ARTICLE)]
        if m
    ]
    lines = [
        {
            "source": h["term"],
            "category": "threat",
            "points": 5.0,
            "start": h["start"],
            "end": h["end"],
        }
        for h in hits
    ]
    lines.append(
        {"source": "sentiment", "category": "sentiment", "points": 1.0, "start": -1, "end": -1}
    )
    return text, json.dumps(hits), json.dumps(lines)


def test_rows_stored_with_article_offsets_are_aligned() -> None:
    offset = ARTICLE.index("They")
    text, terms, lines = _legacy(offset)
    out = aligned(text, offset, terms, lines)
    assert out.shifted
    assert [h["word"] for h in out.terms] == ["warned", "war", "escalating"]
    assert [c["start"] for c in out.contributions] == [5, 15, 23, -1]
    # a row already relative to its statement is left as it is
    again = aligned(text, offset, out.terms, out.contributions)
    assert not again.shifted and again.terms == out.terms


@pytest.mark.parametrize("bad", ["not json", None, "[1, 2]", '[{"term": "x"}]'])
def test_bad_stored_explanations_read_as_nothing(bad: str | None) -> None:
    out = aligned("some text", 3, bad, bad)
    assert out.terms == [] and all(isinstance(c, dict) for c in out.contributions)
