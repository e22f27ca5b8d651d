"""The Aho-Corasick matcher against a simple regex oracle, plus its boundary rules."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tension.scoring.lexicon import LexiconTerm, load_lexicon
from tension.scoring.matching import Matcher, WordAutomaton, leftmost_longest

WORDS = ["war", "peace", "deal", "de-escalation", "escalation", "act", "of", "attack", "a"]


def _terms(keys: list[str]) -> list[LexiconTerm]:
    out = []
    for k in dict.fromkeys(keys):
        prefix = k.endswith("*")
        out.append(LexiconTerm(k.rstrip("*"), "threat", "escalation", 1.0, prefix))
    return out


def _oracle(text: str, terms: list[LexiconTerm]) -> list[tuple[int, int]]:
    """Leftmost-longest whole-word matches, by brute force with one regex per term."""
    low = text.lower()
    patterns = []
    for t in terms:
        # any whitespace run joins the words of a phrase, except a blank line (a hard break)
        body = r"(?!\s*\n\s*\n)\s+".join(re.escape(w) for w in t.term.split(" "))
        if t.prefix:
            body += "[a-z0-9]*"
        patterns.append(re.compile(r"(?<![a-z0-9_-])" + body + r"(?![a-z0-9_-])"))
    out = []
    i = 0
    while i < len(low):
        ends = [m.end() for p in patterns if (m := p.match(low, i))]
        if ends:
            end = max(ends)
            out.append((i, end))
            i = end
        else:
            i += 1
    return out


def _spans(text: str, terms: list[LexiconTerm]) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in Matcher(terms).find(text)]


TERM_KEYS = st.lists(
    st.sampled_from(
        [
            "war",
            "wars",
            "war*",
            "peace",
            "peace deal",
            "deal",
            "escalation",
            "de-escalation",
            "act of war",
            "act",
            "attack*",
            "a",
            "of war",
            "esc*",
        ]
    ),
    min_size=1,
    max_size=8,
)
TEXT = st.lists(
    st.one_of(
        st.sampled_from([*WORDS, "warm", "toward", "attacks", "Attack", "PEACE", "warfare"]),
        st.sampled_from([" ", "  ", "\n", "\t", "-", ".", ", ", "_", "x"]),
    ),
    max_size=30,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(TERM_KEYS, TEXT)
def test_matcher_agrees_with_regex_oracle(keys: list[str], text: str) -> None:
    terms = _terms(keys)
    assert _spans(text, terms) == _oracle(text, terms)


def test_word_boundaries_and_longest_match() -> None:
    terms = _terms(["escalation", "de-escalation", "peace", "peace deal", "war", "price war"])
    text = "De-escalation now; a PEACE DEAL, peace, warm words, a price war and war."
    found = [(text[m.start : m.end], m.term.term) for m in Matcher(terms).find(text)]
    assert found == [
        ("De-escalation", "de-escalation"),
        ("PEACE DEAL", "peace deal"),
        ("peace", "peace"),
        ("price war", "price war"),
        ("war", "war"),
    ]


def test_escalation_inside_de_escalation_is_never_counted() -> None:
    terms = _terms(["escalation"])
    assert _spans("de-escalation and deescalation", terms) == []
    text = "escalation, escalation-free, (escalation)"
    assert [text[a:b] for a, b in _spans(text, terms)] == ["escalation", "escalation"]
    assert _spans(text, terms)[1][0] == text.index("(") + 1


def test_prefix_entries_cover_inflections() -> None:
    terms = _terms(["provocati*", "provok*"])
    text = "a provocation, provocative acts; they provoked us. Provocations!"
    assert [text[a:b] for a, b in _spans(text, terms)] == [
        "provocation",
        "provocative",
        "provoked",
        "Provocations",
    ]


def test_phrases_match_across_any_whitespace_and_keep_original_offsets() -> None:
    terms = _terms(["will not go unanswered"])
    text = "Attacks  will\nnot \t go   unanswered."
    (span,) = _spans(text, terms)
    assert text[span[0] : span[1]] == "will\nnot \t go   unanswered"


def test_offsets_survive_case_folding_that_changes_length() -> None:
    text = "İİ attack"  # "İ".lower() is two code points
    (span,) = _spans(text, _terms(["attack"]))
    assert text[span[0] : span[1]] == "attack"


def test_typographic_apostrophe_matches_straight_one() -> None:
    text = "We won’t tolerate it"
    (span,) = _spans(text, _terms(["won't tolerate"]))
    assert text[span[0] : span[1]] == "won’t tolerate"


def test_shipped_lexicon_finds_issue_phrases() -> None:
    matcher = Matcher(load_lexicon().terms)
    text = (
        "They summoned the ambassador over a violation of sovereignty; retaliatory measures "
        "will follow and the attacks will not go unanswered."
    )
    keys = [m.term.key for m in matcher.find(text)]
    assert keys == [
        "summoned the ambassador",
        "violation of sovereignty",
        "retaliatory measures",
        "attacks",
        "will not go unanswered",
    ]


def test_empty_lexicon_and_text() -> None:
    assert Matcher([]).find("war") == []
    assert Matcher(_terms(["war"])).find("") == []


@pytest.mark.parametrize(
    ("found", "ranked", "expected"),
    [
        ([], False, []),
        # leftmost wins over longer-but-later, longest wins among those starting together
        ([(2, 9, "b"), (0, 4, "a"), (0, 3, "c")], False, [(0, 4, "a")]),
        (
            [(0, 3, "a"), (3, 5, "b"), (4, 8, "c"), (8, 9, "d")],
            False,
            [(0, 3, "a"), (3, 5, "b"), (8, 9, "d")],
        ),
        # the same span twice: the first found, or with ranked the lowest value
        ([(0, 4, 7), (0, 4, 2)], False, [(0, 4, 7)]),
        ([(0, 4, 7), (0, 4, 2)], True, [(0, 4, 2)]),
        # order of the input does not matter otherwise
        ([(5, 6, 1), (0, 2, 2), (1, 3, 3)], True, [(0, 2, 2), (5, 6, 1)]),
    ],
)
def test_leftmost_longest_selection(
    found: list[tuple[int, int, object]], ranked: bool, expected: list[tuple[int, int, object]]
) -> None:
    assert leftmost_longest(found, ranked=ranked) == expected


@given(st.lists(st.tuples(st.integers(0, 30), st.integers(1, 8)), max_size=25))
@settings(max_examples=200, deadline=None)
def test_leftmost_longest_keeps_disjoint_longest_hits_and_drops_only_covered_ones(
    raw: list[tuple[int, int]],
) -> None:
    found = [(start, start + length, i) for i, (start, length) in enumerate(raw)]
    kept = leftmost_longest(found)
    assert all(a[1] <= b[0] for a, b in pairwise(kept))  # in order, disjoint
    for k in kept:  # the longest of the hits starting there
        assert all(h[1] <= k[1] for h in found if h[0] == k[0])
    for hit in set(found) - set(kept):  # a dropped hit starts inside a kept one
        assert any(k[0] <= hit[0] < k[1] for k in kept), hit


def test_word_automaton_finds_every_occurrence_and_looks_words_up() -> None:
    words = WordAutomaton([("war", 1), ("warn", 2), ("arn", 3)])
    assert sorted(words.hits("warning war")) == [(0, 3, 1), (0, 4, 2), (1, 4, 3), (8, 11, 1)]
    assert words.get("warn") == 2 and words.get("wa") is None
    assert list(WordAutomaton([]).hits("war")) == []
