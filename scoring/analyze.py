"""Article-level analysis: main countries, their pairs, statements and the article score.

``analyze`` does each piece of work once: sentences are split once, countries matched once
(one automaton pass over the text), and the scorer scores every statement and the whole text
in one call (the shipped scorer matches the text once and runs each sentence through VADER
once for both).
"""

from __future__ import annotations

import datetime as dt
from itertools import combinations

from tension.scoring.countries import find_countries
from tension.scoring.intensity import TextScorer, default_scorer
from tension.scoring.officials import Officials
from tension.scoring.statements import (
    attribute_statements,
    rank_countries,
    resolve_speaker,
    sentence_spans,
    statement_spans,
)
from tension.scoring.types import ArticleAnalysis, DocumentSpeaker

__all__ = ["analyze", "article_pairs"]


def article_pairs(countries: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Undirected pairs among ``countries``, each sorted, in a stable order."""
    return tuple(sorted({tuple(sorted(p)) for p in combinations(countries, 2)}))  # type: ignore[misc]


def analyze(
    text: str,
    *,
    title: str | None = None,
    date: dt.date | None = None,
    scorer: TextScorer | None = None,
    officials: Officials | None = None,
    speaker: DocumentSpeaker | None = None,
) -> ArticleAnalysis:
    """Analyse one article: main countries (title and first paragraph weigh more), their
    undirected pairs, one statement per sentence, and the scorer's score of the whole text.

    ``speaker`` is the document's own speaker when it is one speaker's words (a speech, an
    official statement, a briefing): see :func:`tension.scoring.extract_statements`.

    ``scorer`` defaults to :func:`tension.scoring.intensity.default_scorer`; a function that
    scores one text at a time serves wrapped in :class:`tension.scoring.intensity.EachPart`.
    """
    sentences = sentence_spans(text)
    mentions = find_countries(text, date, officials)
    title_mentions = find_countries(title, date, officials) if title else ()
    main = rank_countries(mentions, text, title_mentions)
    parts = statement_spans(text, sentences, mentions)
    *scores, article_score = (scorer or default_scorer()).score_many(
        text, [*parts, (0, len(text))], sentences
    )
    return ArticleAnalysis(
        countries=main,
        pairs=article_pairs(main),
        mentions=mentions,
        statements=attribute_statements(
            text,
            parts,
            scores,
            mentions,
            title_mentions,
            speaker=resolve_speaker(speaker, date, officials),
        ),
        score=article_score,
    )
