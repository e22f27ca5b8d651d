"""Turning scoring results into the store's rows (see :mod:`tension.data.model`).

Bounded work per document: a document is stored whole, but only its first
:data:`MAX_SCORED_CHARS` characters are scored (cut at a space) and at most
:data:`MAX_STATEMENTS` of its statements are stored; each cut is reported as a note
(``scored the first 200,000 of 41,943,040 characters``). A 45 MB CSV field used to become
1.27 million statements and 10 GB of memory. Rows are turned into Arrow one document at a
time, so a batch never holds more than one document's Python rows.
"""

from __future__ import annotations

import json
from dataclasses import fields, replace
from datetime import UTC, datetime
from typing import Any

import pyarrow as pa

from tension.data.ingest.dates import implausible
from tension.data.ingest.documents import Document
from tension.data.model import ARTICLE_SCHEMA, QUARANTINE_SCHEMA, STATEMENT_SCHEMA, undirected_pair
from tension.data.scorers import ScorerSpec
from tension.scoring import SCORER_VERSION, ArticleAnalysis, Contribution, Score, TermHit
from tension.scoring.language import detect_language, not_scored_reason

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


MAX_SCORED_CHARS = 200_000
"""Characters of one document that are scored (about 30,000 words: a long speech or a
press-conference transcript); the rest is stored, not scored."""
MAX_STATEMENTS = 5_000
"""Statements of one document that are stored; the rest are dropped (reported)."""
NOTES = "notes"
"""The key of the notes table in a scoring task's result (``source``, ``message``)."""
_NOTES_SCHEMA = pa.schema([pa.field("source", pa.string()), pa.field("message", pa.string())])


def scored_part(text: str) -> str:
    """The part of ``text`` that is scored: all of it, or its first
    :data:`MAX_SCORED_CHARS` characters cut back to the last whitespace."""
    if len(text) <= MAX_SCORED_CHARS:
        return text
    head = text[:MAX_SCORED_CHARS]
    cut = max(head.rfind(" "), head.rfind("\n"))
    return head[:cut] if cut > MAX_SCORED_CHARS // 2 else head


def _limited(analyzer: Any, doc: Document, notes: list[dict[str, str]]) -> ArticleAnalysis:
    """``analyzer``'s analysis of the scored part of ``doc``, at most :data:`MAX_STATEMENTS`
    statements; each cut is a note."""
    part = scored_part(doc.text)
    if len(part) < len(doc.text):
        notes.append(
            {
                "source": doc.source,
                "message": f"scored the first {len(part):,} of {len(doc.text):,} characters "
                "(the rest is stored, not scored)",
            }
        )
    analysis: ArticleAnalysis = analyzer.analyze(
        part, title=doc.title, date=doc.published, speaker=doc.document_speaker
    )
    if len(analysis.statements) > MAX_STATEMENTS:
        notes.append(
            {
                "source": doc.source,
                "message": f"kept the first {MAX_STATEMENTS:,} of "
                f"{len(analysis.statements):,} statements",
            }
        )
        analysis = replace(analysis, statements=analysis.statements[:MAX_STATEMENTS])
    return analysis


def unscored_columns(lexicon_version: str) -> dict[str, Any]:
    """The score columns of a text that is not scored (another language): null scores, the
    versions that judged it (so a rescore with the same versions leaves it alone)."""
    return {
        **{name: None for name in ("intensity", "raw", "compound", "neg", "pos")},
        **{name: None for name in ("escalation", "deescalation", "terms", "contributions")},
        "lexicon_version": lexicon_version,
        "scorer_version": str(SCORER_VERSION),
    }


def _language(analyzer: Any, doc: Document, notes: list[dict[str, str]]) -> str | None:
    """The language of ``doc`` when it is surely not English (then a note says it is not
    scored), else None."""
    language = detect_language(doc.text)
    if language is not None:
        notes.append({"source": doc.source, "message": not_scored_reason(language)})
    return language


def _unscored(
    doc: Document, aid: str, analyzer: Any, now: datetime, language: str
) -> dict[str, Any]:
    return {
        "article_id": aid,
        "outlet": doc.outlet,
        "title": doc.title,
        "published": doc.published,
        "text": doc.text,
        "source": doc.source,
        "ingested_at": now,
        "countries": [],
        "pairs": [],
        **unscored_columns(analyzer.scorer.version),
        "officials_version": analyzer.officials_version,
        "language": language,
    }


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


class _Tables:
    """The ``articles``, ``statements`` and notes tables of one task, built one document
    at a time (each document's rows become Arrow right away)."""

    def __init__(self) -> None:
        self.articles: list[pa.RecordBatch] = []
        self.statements: list[pa.RecordBatch] = []
        self.notes: list[dict[str, str]] = []

    def add(self, article: dict[str, Any], statements: list[dict[str, Any]]) -> None:
        self.articles.append(pa.RecordBatch.from_pylist([article], schema=ARTICLE_SCHEMA))
        if statements:
            self.statements.append(pa.RecordBatch.from_pylist(statements, schema=STATEMENT_SCHEMA))

    def result(self) -> dict[str, pa.Table]:
        return {
            "articles": pa.Table.from_batches(self.articles, schema=ARTICLE_SCHEMA),
            "statements": pa.Table.from_batches(self.statements, schema=STATEMENT_SCHEMA),
            NOTES: pa.Table.from_pylist(self.notes, schema=_NOTES_SCHEMA),
        }


def concat(parts: list[dict[str, pa.Table]]) -> dict[str, pa.Table]:
    """The ``articles``, ``statements`` and notes tables of several tasks' results, in
    order."""
    return {
        name: pa.concat_tables([part[name] for part in parts])
        for name in ("articles", "statements", NOTES)
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
    back far more cheaply than the analyses themselves and are what the store publishes
    (with a :data:`NOTES` table of the cuts made to bound the work, see the module).
    """
    analyzer = spec.build()
    out = _Tables()
    for doc, aid, canonical, sig, url, now in records:
        language = _language(analyzer, doc, out.notes)
        if language is not None:
            row = _unscored(doc, aid, analyzer, now, language)
            row.update(
                url=url,
                canonical_id=canonical,
                minhash=sig,
                speaker=doc.speaker,
                speaker_country=doc.country,
            )
            out.add(row, [])
            continue
        analysis = _limited(analyzer, doc, out.notes)
        row = article_row(
            doc, aid, analysis, url=url, now=now, officials_version=analyzer.officials_version
        )
        row.update(
            canonical_id=canonical, minhash=sig, speaker=doc.speaker, speaker_country=doc.country
        )
        out.add(row, statement_rows(doc, aid, analysis, canonical_id=canonical))
    return out.result()


def rescore_tables(rows: list[dict[str, Any]], spec: ScorerSpec) -> dict[str, pa.Table]:
    """Score stored article ``rows`` again with the scorer of ``spec``: their ``articles``
    (every stored column kept, the scores and what scoring derived replaced) and
    ``statements`` tables. The rescore's unit of work on any executor. A stored date
    outside the plausible range (:func:`tension.data.ingest.dates.implausible`; stored by
    a version before the check) becomes null, as an ingest would store it now."""
    analyzer = spec.build()
    today = datetime.now(UTC).date()
    out = _Tables()
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
        language = _language(analyzer, doc, out.notes)
        if language is not None:
            row = {
                **row,
                "published": published,
                **unscored_columns(analyzer.scorer.version),
                "countries": [],
                "pairs": [],
                "officials_version": analyzer.officials_version,
                "language": language,
            }
            out.add(row, [])
            continue
        analysis = _limited(analyzer, doc, out.notes)
        row = {
            **row,
            "published": published,
            "language": None,
            **score_columns(analysis.score),
            "countries": list(analysis.countries),
            "pairs": _pairs(analysis),
            "officials_version": analyzer.officials_version,
        }
        aid = row["article_id"]
        out.add(row, statement_rows(doc, aid, analysis, canonical_id=row["canonical_id"]))
    return out.result()
