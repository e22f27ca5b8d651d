"""The data model, documented in one place.

Everything the store keeps is one of three records. Countries are ISO 3166-1 alpha-3 codes
(``AZE``, ``IRN``, ``TUR``); a directed pair is written ``"AZE>IRN"`` (speaker's country, then
the country spoken about) and an undirected pair ``"AZE-IRN"`` (codes sorted).

**Article** — one news article or official statement as it was ingested.
    ``article_id`` (hash of the normalised text, see
    :func:`tension.data.ingest.normalise.article_id`),
    ``url`` (normalised: tracking parameters dropped), ``outlet``, ``title``, ``published``
    (date, or null when no date could be found: such articles are kept and reported, never
    given today's date), ``text``, ``source`` (the file or URL it came from), ``ingested_at``;
    what scoring derived from it: ``countries`` (main countries, most important first) and
    ``pairs`` (undirected pairs among them) and the article's :class:`Score` columns.
    Since schema 2: ``canonical_id`` — syndicated copies (the same wire story, lightly edited,
    in several outlets) share the ``article_id`` of the first copy stored; **series count a
    story once**, with the one filter :data:`tension.data.store.sql.COUNTED_ONCE` (null
    ``canonical_id``: batches written before schema 2), and the outlets that ran a story are
    those of the articles sharing its ``canonical_id``; ``minhash`` — the near-duplicate signature
    (see :mod:`tension.data.ingest.dedupe`); ``speaker``/``speaker_country`` — the author of an
    official statement, speech or briefing when the source names one (record fields, text
    headers, ``--speaker``/``--country``, the UN General Debate file names): its statements
    that are nobody else's are this speaker's, and a rescore keeps them so.
    Since schema 3: ``officials_version`` — which officials list attributed the article's
    statements: null for the bundled list, ``user-<12 hex>`` for it plus a user officials file
    (see :class:`tension.data.scorers.Analyzer`).
    Since schema 5: ``language`` — null for a text that was scored (English, or not surely
    another language); an ISO 639-1 code (``"fr"``) for a text that is surely in another
    language (:func:`tension.scoring.language.detect_language`): it is stored "not scored
    (language fr)", its score columns null and no statements, so it stays out of every
    series. Rows of older schemas read as null (scored).

**Statement** — a quote, reported speech, a document's own sentence or narration inside an
    article. ``article_id``, ``idx`` (position in the article), ``start``/``end`` (character
    offsets into the article text), ``text``, ``kind`` (``quote`` / ``reported`` /
    ``document``: a sentence of a document that is its speaker's own words, a speech, a
    statement, a spokesperson's answer — since scorer version 1.2.0 / ``narration``),
    ``speaker`` (a person or a body, or null), ``speaker_country`` (null for speakers that speak
    for no country: analysts, witnesses — they never feed a pair), ``target_countries`` (never
    the speaker's own), ``published`` (copied from the article, for fast series), and the
    statement's :class:`Score` columns. Since schema 2: ``canonical_id``, copied from the
    article, so series filter statements without a join.

**Score** (columns on both records) — ``intensity`` 0–100; ``raw`` (the unbounded sum of the
    contributions); VADER ``compound``/``neg``/``pos`` aggregated per sentence; ``escalation``
    and ``deescalation`` points; ``terms`` (JSON list of ``{term, category, weight, start,
    end}``, offsets into the record's own ``text``: a statement's are relative to the
    statement, not its article — rows written before that rule are aligned when read, see
    :func:`tension.data.store.explain.aligned`); ``contributions`` (JSON list of the
    explanation's lines, which add up to ``raw``); ``lexicon_version`` and ``scorer_version``.

**Quarantine** — an input that was refused: ``source``, ``reason`` (one line), ``seen_at``.
    Since schema 4: ``retry`` — true for a transient failure (a server error, a time-out):
    the source is tried again on a later poll, with backoff; null or false: refused for good.

Storage: see :mod:`tension.data.store` for how these land in Parquet batches and how the dashboard
reads them while an ingest writes.
"""

from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = 5
"""Bumped whenever a column changes. Columns are only ever added, and nothing rewrites older
batches: a reader shows the columns a batch lacks as null (see
:mod:`tension.data.store.reader`), the writer publishes new batches in the current schema
beside them, and ``tension rescore`` rewrites the batches it rescores (an old batch whose
versions are current is left as it is). A store written by a newer schema is refused.

History: 1 — first release; 2 — articles gain ``canonical_id``, ``minhash``, ``speaker``,
``speaker_country``; statements gain ``canonical_id``; 3 — articles gain
``officials_version``; 4 — quarantine gains ``retry``; 5 — articles gain ``language``."""

_SCORE_FIELDS = [
    pa.field("intensity", pa.float64()),
    pa.field("raw", pa.float64()),
    pa.field("compound", pa.float64()),
    pa.field("neg", pa.float64()),
    pa.field("pos", pa.float64()),
    pa.field("escalation", pa.float64()),
    pa.field("deescalation", pa.float64()),
    pa.field("terms", pa.string()),
    pa.field("contributions", pa.string()),
    pa.field("lexicon_version", pa.string()),
    pa.field("scorer_version", pa.string()),
]

ARTICLE_SCHEMA = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("url", pa.string()),
        pa.field("outlet", pa.string()),
        pa.field("title", pa.string()),
        pa.field("published", pa.date32()),
        pa.field("text", pa.string()),
        pa.field("source", pa.string()),
        pa.field("ingested_at", pa.timestamp("s", tz="UTC")),
        pa.field("countries", pa.list_(pa.string())),
        pa.field("pairs", pa.list_(pa.string())),
        *_SCORE_FIELDS,
        pa.field("canonical_id", pa.string()),
        pa.field("minhash", pa.list_(pa.int64())),
        pa.field("speaker", pa.string()),
        pa.field("speaker_country", pa.string()),
        pa.field("officials_version", pa.string()),
        pa.field("language", pa.string()),
    ]
)

STATEMENT_SCHEMA = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("idx", pa.int32()),
        pa.field("start", pa.int32()),
        pa.field("end", pa.int32()),
        pa.field("text", pa.string()),
        pa.field("kind", pa.string()),
        pa.field("speaker", pa.string()),
        pa.field("speaker_country", pa.string()),
        pa.field("target_countries", pa.list_(pa.string())),
        pa.field("published", pa.date32()),
        *_SCORE_FIELDS,
        pa.field("canonical_id", pa.string()),
    ]
)

QUARANTINE_SCHEMA = pa.schema(
    [
        pa.field("source", pa.string(), nullable=False),
        pa.field("reason", pa.string()),
        pa.field("seen_at", pa.timestamp("s", tz="UTC")),
        pa.field("retry", pa.bool_()),
    ]
)

TABLES: dict[str, pa.Schema] = {
    "articles": ARTICLE_SCHEMA,
    "statements": STATEMENT_SCHEMA,
    "quarantine": QUARANTINE_SCHEMA,
}


def undirected_pair(a: str, b: str) -> str:
    """``"AZE-IRN"``: the two codes sorted, so both directions share one key."""
    x, y = sorted((a, b))
    return f"{x}-{y}"
