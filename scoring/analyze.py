"""Article-level analysis: main countries, their pairs, statements and the article score.

``analyze`` does each piece of work once: sentences are split once, countries matched once
(one automaton pass over the text), each sentence scored once and reused by its statement.
"""

from __future__ import annotations

import datetime as dt
from itertools import combinations

from tension.scoring.countries import find_countries
from tension.scoring.officials import Officials
from tension.scoring.sentences import split_sentences
from tension.scoring.statements import (
    TextScorer,
    _default_scorer,
    extract_statements,
    rank_countries,
    statement_spans,
)
from tension.scoring.types import ArticleAnalysis, Score

__all__ = ["analyze", "article_pairs"]


def article_pairs(countries: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Undirected pairs among ``countries``, each sorted, in a stable order."""
    return tuple(sorted({tuple(sorted(p)) for p in combinations(countries, 2)}))  # type: ignore[misc]


def _scores(
    text: str, units: list[tuple[int, int]], spans: list[tuple[int, int]], scorer: TextScorer
) -> tuple[list[Score], Score]:
    """Statement scores and the whole-text score; with ``score_many`` the text is matched once
    and each sentence goes through VADER once for both."""
    many = getattr(scorer, "score_many", None)
    if many is not None:
        results = list(many(text, [*units, (0, len(text))], spans))
        return results[:-1], results[-1]
    return [scorer.score(text[a:b]) for a, b in units], scorer.score(text)


def analyze(
    text: str,
    *,
    title: str | None = None,
    date: dt.date | None = None,
    scorer: TextScorer | None = None,
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
    units = statement_spans(text, spans, mentions)
    scores, article_score = _scores(text, units, spans, scorer)
    statements = extract_statements(
        text,
        date,
        title,
        scorer,
        officials=officials,
        mentions=mentions,
        spans=units,
        scores=scores,
        title_mentions=title_mentions,
    )
    return ArticleAnalysis(
        countries=main,
        pairs=article_pairs(main),
        mentions=mentions,
        statements=statements,
        score=article_score,
    )
