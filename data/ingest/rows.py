"""Turning scoring results into the store's rows (see :mod:`tension.data.model`)."""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import UTC, datetime
from typing import Any

import pyarrow as pa

from tension.data.ingest.dates import implausible
from tension.data.ingest.documents import Document
from tension.data.model import ARTICLE_SCHEMA, QUARANTINE_SCHEMA, STATEMENT_SCHEMA, undirected_pair
from tension.data.scorers import ScorerSpec
from tension.scoring import SCORER_VERSION, ArticleAnalysis, Contribution, Score, TermHit

# Field names of the explanation records. Their fields are plain str/int/float, so a shallow
# dict gives exactly dataclasses.asdict's JSON without its recursive deep copies (which were a
# third of an ingest's time).
_TERM_FIELDS = tuple(f.name for f in fields(TermHit))
_CONTRIBUTION_FIELDS = tuple(f.name for f in fields(Contribution))


def _records(items: tuple[Any, ...], names: tuple[str, ...], offset: int = 0) -> str:
    """The JSON list of ``items``; ``start``/``end`` moved back by ``offset`` (a span that
    points at no text, ``-1``, stays ``-1``)."""
    records = [{n: getattr(x, n) for n in names} for x in items]
    if offset:
        for r in records:
            if r["start"] >= 0:
                r["start"] -= offset
                r["end"] -= offset
    return json.dumps(records, ensure_ascii=False)


def score_columns(score: Score, *, offset: int = 0) -> dict[str, Any]:
    """The score columns of a row. ``offset`` is where the row's text starts in the text
    that was scored: a statement is scored inside its article (so context rules see the
    whole sentence), but the offsets of its ``terms`` and ``contributions`` are stored
    relative to the statement's own ``text``, the text every page shows and highlights."""
    return {
        "intensity": score.intensity,
        "raw": score.raw,
        "compound": score.compound,
        "neg": score.neg,
        "pos": score.pos,
        "escalation": score.escalation,
        "deescalation": score.deescalation,
        "terms": _records(score.terms, _TERM_FIELDS, offset),
        "contributions": _records(score.contributions, _CONTRIBUTION_FIELDS, offset),
        "lexicon_version": score.lexicon_version,
        "scorer_version": str(SCORER_VERSION),
    }


def article_row(
    doc: Document,
    aid: str,
    analysis: ArticleAnalysis,
    *,
    url: str | None,
    now: datetime,
    officials_version: str | None,
) -> dict[str, Any]:
    return {
        "article_id": aid,
        "url": url,
        "outlet": doc.outlet,
        "title": doc.title,
        "published": doc.published,
        "text": doc.text,
        "source": doc.source,
        "ingested_at": now,
        "countries": list(analysis.countries),
        "pairs": _pairs(analysis),
        **score_columns(analysis.score),
        "officials_version": officials_version,
    }


def _pairs(analysis: ArticleAnalysis) -> list[str]:
    return [undirected_pair(a, b) for a, b in analysis.pairs]


def statement_rows(
    doc: Document, aid: str, analysis: ArticleAnalysis, *, canonical_id: str | None
) -> list[dict[str, Any]]:
    """One row per statement of ``analysis``; ``canonical_id`` is the article's story id."""
    return [
        {
            "article_id": aid,
            "idx": i,
            "start": st.start,
            "end": st.end,
            "text": st.text,
            "kind": st.kind,
            "speaker": st.speaker,
            "speaker_country": st.speaker_country,
            "target_countries": list(st.target_countries),
            "published": doc.published,
            **score_columns(st.score, offset=st.start),
            "canonical_id": canonical_id,
        }
        for i, st in enumerate(analysis.statements)
    ]


def tables(articles: list[dict[str, Any]], statements: list[dict[str, Any]]) -> dict[str, pa.Table]:
    """The ``articles`` and ``statements`` tables of these rows."""
    return {
        "articles": pa.Table.from_pylist(articles, schema=ARTICLE_SCHEMA),
        "statements": pa.Table.from_pylist(statements, schema=STATEMENT_SCHEMA),
    }


def concat(parts: list[dict[str, pa.Table]]) -> dict[str, pa.Table]:
    """The ``articles`` and ``statements`` tables of several tasks' results, in order."""
    return {
        name: pa.concat_tables([part[name] for part in parts])
        for name in ("articles", "statements")
    }


def quarantine_table(rows: list[dict[str, Any]]) -> pa.Table:
    """The ``quarantine`` table of these rows (``source``, ``reason``, ``seen_at``)."""
    return pa.Table.from_pylist(rows, schema=QUARANTINE_SCHEMA)


IngestRecord = tuple[Document, str, str, Any, str | None, datetime]
"""A new document as the ingest planned it: ``(document, article_id, canonical_id, minhash
signature, normalised url, ingest time)``."""


def ingest_tables(records: list[IngestRecord], spec: ScorerSpec) -> dict[str, pa.Table]:
    """Score ``records`` with the scorer of ``spec`` and build their ``articles`` and
    ``statements`` tables.

    The ingest's unit of work on any executor: a worker returns Arrow tables, which travel
    back far more cheaply than the analyses themselves and are what the store publishes.
    """
    analyzer = spec.build()
    articles: list[dict[str, Any]] = []
    statements: list[dict[str, Any]] = []
    for doc, aid, canonical, sig, url, now in records:
        analysis = analyzer.analyze(
            doc.text, title=doc.title, date=doc.published, speaker=doc.document_speaker
        )
        row = article_row(
            doc, aid, analysis, url=url, now=now, officials_version=analyzer.officials_version
        )
        row.update(
            canonical_id=canonical, minhash=sig, speaker=doc.speaker, speaker_country=doc.country
        )
        articles.append(row)
        statements.extend(statement_rows(doc, aid, analysis, canonical_id=canonical))
    return tables(articles, statements)


def rescore_tables(rows: list[dict[str, Any]], spec: ScorerSpec) -> dict[str, pa.Table]:
    """Score stored article ``rows`` again with the scorer of ``spec``: their ``articles``
    (every stored column kept, the scores and what scoring derived replaced) and
    ``statements`` tables. The rescore's unit of work on any executor. A stored date
    outside the plausible range (:func:`tension.data.ingest.dates.implausible`; stored by
    a version before the check) becomes null, as an ingest would store it now."""
    analyzer = spec.build()
    today = datetime.now(UTC).date()
    articles: list[dict[str, Any]] = []
    statements: list[dict[str, Any]] = []
    for row in rows:
        published = row["published"] if implausible(row["published"], today) is None else None
        doc = Document(
            text=row["text"] or "",
            source=row["source"] or "",
            title=row["title"],
            published=published,
            speaker=row.get("speaker"),
            country=row.get("speaker_country"),
        )
        analysis = analyzer.analyze(
            doc.text, title=doc.title, date=doc.published, speaker=doc.document_speaker
        )
        row = {
            **row,
            "published": published,
            **score_columns(analysis.score),
            "countries": list(analysis.countries),
            "pairs": _pairs(analysis),
            "officials_version": analyzer.officials_version,
        }
        articles.append(row)
        aid = row["article_id"]
        statements.extend(statement_rows(doc, aid, analysis, canonical_id=row["canonical_id"]))
    return tables(articles, statements)
