"""Property tests of the intensity score (hypothesis)."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tension.scoring import Scorer, load_lexicon
from tension.scoring.intensity import bound, default_scorer

LEX = load_lexicon()
ESCALATION = sorted(t.term for t in LEX.terms if t.kind == "escalation" and t.weight > 0)
DEESCALATION = sorted(t.term for t in LEX.terms if t.kind == "deescalation" and t.weight < 0)

VOCAB = [
    "the",
    "ministry",
    "said",
    "not",
    "no",
    "strongly",
    "may",
    "denied",
    "we",
    "they",
    "attack",
    "war",
    "price",
    "condemn",
    "dialogue",
    "friendly",
    "condolences",
    "killed",
    "provocation",
    "threat",
    "sanctions",
    "Iran",
    "Azerbaijan",
    "striker",
    "film",
    "peace",
    "deal",
    "de-escalation",
    "escalation",
    "will",
    "go",
    "unanswered",
    "act",
    "of",
    "terror",
    "aggression",
    "summoned",
    "ambassador",
    "good",
    "bad",
    "very",
    "happy",
    "horrible",
]
WORDS = st.lists(
    st.one_of(st.sampled_from(VOCAB), st.sampled_from([".", ",", "!", "?", ";"])),
    max_size=40,
)


def _join(tokens: list[str]) -> str:
    out = ""
    for tok in tokens:
        out += tok if tok in ".,!?;" else (" " + tok if out else tok)
    return out


PROSE = WORDS.map(_join)
ANY_TEXT = st.text(
    alphabet=st.characters(codec=None, exclude_categories=["Cs"]), max_size=400
) | st.text(max_size=200)

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _scorer() -> Scorer:
    return default_scorer()


@FAST
@given(ANY_TEXT)
def test_any_unicode_is_bounded_and_explained(text: str) -> None:
    s = _scorer().score(text)
    assert 0 <= s.intensity <= 100
    assert s.intensity == bound(s.raw)
    assert math.fsum(c.points for c in s.contributions) == s.raw
    for c in s.contributions:
        assert 0 <= c.start < c.end <= len(text)


@FAST
@given(PROSE)
def test_deterministic(text: str) -> None:
    assert _scorer().score(text) == _scorer().score(text)
    assert Scorer(LEX, cache_size=4).score(text) == _scorer().score(text)


@FAST
@given(PROSE)
def test_contributions_sum_to_raw(text: str) -> None:
    s = _scorer().score(text)
    assert math.fsum(c.points for c in s.contributions) == s.raw
    assert math.isclose(
        math.fsum(h.weight for h in s.terms),
        math.fsum(c.points for c in s.contributions if c.category != "sentiment"),
        abs_tol=1e-6,
    )


@FAST
@given(PROSE, st.sampled_from(ESCALATION))
def test_adding_an_escalation_phrase_never_lowers(text: str, phrase: str) -> None:
    before = _scorer().score(text)
    after = _scorer().score(text + "\n\n" + phrase.capitalize() + ".")
    assert after.raw >= before.raw - 1e-9
    assert after.intensity >= before.intensity


@FAST
@given(PROSE, st.sampled_from(DEESCALATION))
def test_adding_a_deescalation_phrase_never_raises(text: str, phrase: str) -> None:
    before = _scorer().score(text)
    after = _scorer().score(text + "\n\n" + phrase.capitalize() + ".")
    assert after.raw <= before.raw + 1e-9
    assert after.intensity <= before.intensity


@FAST
@given(PROSE, st.sampled_from(["upper", "lower", "swapcase", "title"]))
def test_case_does_not_matter(text: str, how: str) -> None:
    changed = getattr(text, how)()
    assert _scorer().score(changed).raw == _scorer().score(text).raw


@FAST
@given(PROSE, st.sampled_from(["  ", "\t", " \t ", "   "]))
def test_spacing_does_not_matter(text: str, space: str) -> None:
    changed = "  " + text.replace(" ", space) + " \n"
    assert _scorer().score(changed).raw == _scorer().score(text).raw


@pytest.mark.slow
@pytest.mark.timeout(300)  # a hang guard (quadratic work would never finish), not a speed goal
def test_one_megabyte_string_returns_a_score() -> None:
    chunk = "Ceci n'est pas une guerre 🙂 \u202eمرحبا\u202c \x00\x07 attack war peace\n"
    text = (chunk * (1_000_000 // len(chunk) + 1))[:1_000_000]
    s = _scorer().score(text)
    assert 0 <= s.intensity <= 100
    run_on = "war " * 250_000  # no sentence breaks at all
    assert 0 <= _scorer().score(run_on).intensity <= 100


@FAST
@given(PROSE, st.lists(st.tuples(st.integers(-5, 300), st.integers(-5, 300)), max_size=5))
def test_score_many_takes_any_ranges(text: str, ranges: list[tuple[int, int]]) -> None:
    scores = _scorer().score_many(text, ranges)
    assert len(scores) == len(ranges)
    for (lo, hi), s in zip(ranges, scores, strict=True):
        assert 0 <= s.intensity <= 100
        assert math.fsum(c.points for c in s.contributions) == s.raw
        for c in s.contributions:
            assert max(0, lo) <= c.start < c.end <= min(len(text), hi)
