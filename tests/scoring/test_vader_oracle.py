"""``tension.scoring.vader.VaderAnalyzer`` against the installed vaderSentiment as an oracle.

Exact equality of all four numbers on a generated set of 24,000 sentences built to hit every
rule (negations, "no", "but", capitals, punctuation, emoji, idioms, special cases, "kind of",
"least", boosters one to three words back) and on hypothesis strings.
"""

from __future__ import annotations

import random
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    NEGATE,
    SENTIMENT_LADEN_IDIOMS,
    SPECIAL_CASES,
    SentimentIntensityAnalyzer,
)

from tension.scoring.vader import VaderAnalyzer, vader_analyzer


@cache
def oracle() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


@cache
def vocabulary() -> list[str]:
    """Words weighted towards the ones the rules look at."""
    lex = sorted(oracle().lexicon)
    rng = random.Random(7)
    plain = [
        "the",
        "a",
        "of",
        "to",
        "in",
        "and",
        "minister",
        "said",
        "army",
        "border",
        "talks",
        "country",
        "forces",
        "said",
        "that",
        "it",
        "this",
        "so",
        "never",
        "without",
        "doubt",
        "at",
        "very",
        "least",
        "or",
        "nor",
        "no",
        "kind",
        "sort",
        "just",
        "enough",
        "be",
        "was",
        "is",
        "are",
        "were",
        "been",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
    ]
    multi = [w for k in [*SPECIAL_CASES, *SENTIMENT_LADEN_IDIOMS, *BOOSTER_DICT] for w in k.split()]
    return (
        rng.sample(lex, 1500)
        + list(BOOSTER_DICT) * 2
        + list(NEGATE) * 2
        + multi * 3
        + plain * 8
        + ["but", "BUT", "But", "least", "no", "No", "NO", "kind of", "sort of"] * 20
    )


_EMOJI = ["😁", "💘", "💋", "😡", "🙂", "👍🏽", "🇺🇸", "☹", "♥", "😂😂"]
_PUNCT = [".", "!", "!!", "!!!!!", "?", "??", "???", "????", ",", ";", ":)", ":(", ":D", "'", '"']


def _word(rng: random.Random, vocab: list[str]) -> str:
    w = rng.choice(vocab)
    r = rng.random()
    if r < 0.12:
        w = w.upper()
    elif r < 0.2:
        w = w.capitalize()
    if rng.random() < 0.1:
        w = rng.choice(_PUNCT) + w if rng.random() < 0.3 else w + rng.choice(_PUNCT)
    if rng.random() < 0.03:
        w = rng.choice(_EMOJI) + (w if rng.random() < 0.5 else "")
    return w


def generated_sentences(count: int, seed: int = 20240) -> list[str]:
    rng = random.Random(seed)
    vocab = vocabulary()
    out = []
    for _ in range(count):
        n = rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 10, 14, 20, 30, 60])
        words = [_word(rng, vocab) for _ in range(n)]
        if rng.random() < 0.1 and words:
            words.insert(rng.randrange(len(words)), rng.choice(list(SPECIAL_CASES)))
        if rng.random() < 0.1 and words:
            words.insert(rng.randrange(len(words)), rng.choice(list(SENTIMENT_LADEN_IDIOMS)))
        sep = rng.choice([" ", " ", " ", "  ", "\t", "\n", " \u00a0"])
        text = sep.join(words)
        if rng.random() < 0.3:
            text += rng.choice(_PUNCT)
        if rng.random() < 0.05:
            text = f"  {text}  "
        out.append(text)
    return out


FIXED = [
    "",
    " ",
    "VADER is smart, handsome, and funny.",
    "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!",
    "VADER is not smart, handsome, nor funny.",
    "At least it isn't a horrible book.",
    "The book was only kind of good.",
    "The plot was good, but the characters are uncompelling and the dialog is not great.",
    "Today only kinda sux! But I'll get by, lol",
    "Make sure you :) or :D today!",
    "Catch utf-8 emoji such as 💘 and 💋 and 😁",
    "Not bad at all",
    "Sentiment analysis has never been this good!",
    "With VADER, sentiment analysis is the shit!",
    "On the other hand, VADER is quite bad ass",
    "Without a doubt, excellent idea.",
    "Roger Dodger is one of the least compelling variations on this theme.",
    "Roger Dodger is at least compelling as a variation on the theme.",
    "good good good but good good bad bad",
    "no good no bad no or nor great",
    "The minister warned that the attack was a grave threat, but talks continue.",
    "😁😁x😁 😁",
    "İSTANBUL ANGRY ıs good",
]


def _same(text: str, fast: VaderAnalyzer) -> None:
    expected = oracle().polarity_scores(text)
    got = fast.polarity_scores(text)
    assert got == expected, text
    assert list(got) == list(expected)


@pytest.mark.parametrize("text", FIXED)
def test_known_examples(text: str) -> None:
    _same(text, vader_analyzer())


def test_generated_corpus_of_24k_sentences_is_identical() -> None:
    fast = vader_analyzer()
    sentences = generated_sentences(24_000)
    mismatches = [
        (s, oracle().polarity_scores(s), fast.polarity_scores(s))
        for s in sentences
        if oracle().polarity_scores(s) != fast.polarity_scores(s)
    ]
    assert not mismatches, mismatches[:5]


def test_generated_corpus_covers_the_rules() -> None:
    sentences = generated_sentences(24_000)
    joined = [s.lower() for s in sentences]
    for needle in ["but", "least", "kind of", "never", "without", "n't", "!!", "???", "😁"]:
        assert sum(needle in s for s in joined) > 50, needle
    assert sum(any(k in s for k in SPECIAL_CASES) for s in joined) > 100
    assert sum(s != s.lower() and s.isupper() is False for s in sentences) > 1000


_vocab_words = st.sampled_from(
    [
        "good",
        "bad",
        "not",
        "no",
        "but",
        "very",
        "kind",
        "of",
        "least",
        "at",
        "never",
        "so",
        "this",
        "without",
        "doubt",
        "the",
        "shit",
        "bomb",
        "isn't",
        "GREAT",
        "Horrible",
        "kinda",
        ":)",
        "😁",
        "!",
        "?",
        "or",
        "nor",
        "cut",
        "mustard",
        "hand",
        "to",
        "mouth",
        "sort",
        "just",
        "enough",
        "yeah",
        "right",
        "war",
        "peace",
    ]
)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_vocab_words, st.sampled_from([" ", "", "  ", ".", ", ", "! "]))))
def test_hypothesis_rule_words(parts: list[tuple[str, str]]) -> None:
    _same("".join(w + sep for w, sep in parts), vader_analyzer())


@settings(max_examples=1500, deadline=None)
@given(st.text())
def test_hypothesis_any_unicode(text: str) -> None:
    _same(text, vader_analyzer())


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcGOOD !?.,'😁💘 \n\tİı:)(")), max_size=80))
def test_hypothesis_small_alphabet(text: str) -> None:
    _same(text, vader_analyzer())


def test_rejects_non_text() -> None:
    with pytest.raises(TypeError):
        vader_analyzer().polarity_scores(b"bytes")  # type: ignore[arg-type]
