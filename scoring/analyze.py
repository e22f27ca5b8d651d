"""Article-level analysis: main countries, their pairs, statements and the article score.

``analyze`` does each piece of work once: sentences are split once, countries matched once
(one automaton pass over the text), each sentence scored once and reused by its statement.
"""

from __future__ import annotations

import datetime as dt
from itertools import combinations
from typing import Any

from scoring.countries import find_countries
from scoring.officials import Officials
from scoring.sentences import split_sentences
from scoring.statements import (
    NEUTRAL,
    Scorer,
    _default_scorer,
    extract_statements,
    rank_countries,
    score_sentences,
)
from scoring.types import ArticleAnalysis, Score

__all__ = ["analyze", "article_pairs"]


def article_pairs(countries: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Undirected pairs among ``countries``, each sorted, in a stable order."""
    return tuple(sorted({tuple(sorted(p)) for p in combinations(countries, 2)}))  # type: ignore[misc]


def _article_score(text: str, scorer: Any, sentence_scores: list[Score]) -> Score:
    if scorer is None:
        return NEUTRAL
    return scorer.score(text)


def analyze(
    text: str,
    *,
    title: str | None = None,
    date: dt.date | None = None,
    scorer: Scorer | None = None,
    officials: Officials | None = None,
) -> ArticleAnalysis:
    """Analyse one article: main countries (title and first paragraph weigh more), their
    undirected pairs, one statement per sentence, and the scorer's score of the whole text."""
    if scorer is None:
        scorer = _default_scorer()
    spans = split_sentences(text)
    mentions = find_countries(text, date, officials)
    title_mentions = find_countries(title, date, officials) if title else ()
    main = rank_countries(mentions, text, title_mentions)
    scores = score_sentences(text, spans, scorer)
    statements = extract_statements(
        text,
        date,
        title,
        scorer,
        officials=officials,
        mentions=mentions,
        spans=spans,
        scores=scores,
        main=main,
    )
    return ArticleAnalysis(
        countries=main,
        pairs=article_pairs(main),
        mentions=mentions,
        statements=statements,
        score=_article_score(text, scorer, scores),
    )
