"""analyze(): main countries by count and position, pairs, statements and the article score."""

from __future__ import annotations

import datetime as dt

from tension.scoring import ArticleAnalysis, EachPart, Score, analyze
from tension.scoring.analyze import article_pairs

ARTICLE = (
    "Armenia accused Azerbaijan of shelling border villages on Monday.\n\n"
    "“This aggression will not go unanswered,” Armenian Prime Minister Nikol Pashinyan said. "
    "Baku denied the charge and said Armenian troops fired first.\n\n"
    "Russia, which keeps peacekeepers in the region, urged restraint. "
    "France said it was concerned. An analyst said the truce was fragile."
)


class _LengthScorer:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def score(self, text: str) -> Score:
        self.calls.append(text)
        return Score(
            intensity=min(100.0, len(text) / 10), raw=0, compound=0, neg=0, pos=0,
            escalation=0, deescalation=0,
        )  # fmt: skip


def test_main_countries_and_pairs() -> None:
    result = analyze(ARTICLE)
    assert isinstance(result, ArticleAnalysis)
    assert result.countries[:2] == ("ARM", "AZE")
    assert ("ARM", "AZE") in result.pairs
    assert all(a < b for a, b in result.pairs)
    assert "FRA" not in result.countries  # one late mention is not what the article is about


def test_title_and_first_paragraph_weigh_more() -> None:
    text = "Officials met on Monday.\n\nIran and Iraq were mentioned. Iran again. Iraq again."
    assert analyze(text).countries[:2] == ("IRN", "IRQ")
    titled = analyze(text, title="Iraq warns over water")
    assert titled.countries[0] == "IRQ"


def test_statements_cover_every_sentence_in_order() -> None:
    result = analyze(ARTICLE)
    starts = [s.start for s in result.statements]
    assert starts == sorted(starts)
    assert len(result.statements) == 6
    kinds = [s.kind for s in result.statements]
    assert kinds[0] == "reported" and kinds[1] == "quote"
    assert result.statements[2].speaker_country == "AZE"
    assert result.statements[-1].speaker_country is None  # the analyst


def test_each_sentence_is_scored_once_and_the_article_by_the_scorer() -> None:
    scorer = _LengthScorer()
    result = analyze(ARTICLE, scorer=EachPart(scorer.score))
    sentence_texts = [s.text for s in result.statements]
    assert scorer.calls == [*sentence_texts, ARTICLE]
    assert result.score.intensity == min(100.0, len(ARTICLE) / 10)


def test_default_scorer_gives_real_scores() -> None:
    result = analyze(ARTICLE)
    assert result.score.lexicon_version
    hostile = result.statements[1].score.intensity
    calm = result.statements[4].score.intensity
    assert hostile > calm


def test_date_reaches_the_officials() -> None:
    text = "Raisi said Israel would pay. Israel said nothing."
    assert analyze(text, date=dt.date(2023, 1, 1)).statements[0].speaker_country == "IRN"
    assert analyze(text, date=dt.date(2025, 1, 1)).statements[0].speaker_country is None


def test_empty_text() -> None:
    result = analyze("")
    assert (result.countries, result.pairs, result.statements) == ((), (), ())


def test_article_pairs_are_sorted_and_unique() -> None:
    assert article_pairs(("IRN", "AZE", "ISR")) == (("AZE", "IRN"), ("AZE", "ISR"), ("IRN", "ISR"))
    assert article_pairs(("IRN",)) == ()


def test_a_one_sentence_text_is_about_the_countries_it_names() -> None:
    result = analyze("Tehran accused Washington of lying.")
    assert set(result.countries) == {"IRN", "USA"}
    assert result.pairs == (("IRN", "USA"),)
