"""Characters that hide a hostile word from matching without showing (issue 13, item 8):
zero-width spaces and joiners, soft hyphens, and Cyrillic or Greek look-alike letters inside
a Latin word. Before the fix they took a text's score from 100 to 24-27; now the word is
matched, its explanation points at the word as written, and scores are unchanged."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tension import scoring
from tension.scoring.normalise import INVISIBLE, NormalisedText, fold, normalise

CLEAN = (
    "Azerbaijan accused Iran of an act of aggression. "
    '"We will respond with force to any attack," the Azerbaijani defence minister said.'
)
HOSTILE = ("aggression", "force", "attack")


def _hide(word: str, how: str) -> str:
    if how == "zero-width":
        return "\u200b".join(word)
    if how == "soft hyphen":
        return word[:2] + "\u00ad" + word[2:]
    if how == "joiners":
        return word[:1] + "\u200d\u2060" + word[1:-1] + "\ufeff" + word[-1:]
    if how == "cyrillic":
        return word.replace("a", "\u0430").replace("e", "\u0435").replace("o", "\u043e")
    if how == "greek":
        return word.replace("o", "\u03bf").replace("i", "\u03b9")
    raise AssertionError(how)


@pytest.mark.parametrize("how", ["zero-width", "soft hyphen", "joiners", "cyrillic", "greek"])
def test_a_hidden_hostile_word_scores_as_the_plain_word(how: str) -> None:
    text = CLEAN
    for word in HOSTILE:
        text = text.replace(word, _hide(word, how))
    assert text != CLEAN
    plain, hidden = scoring.analyze(CLEAN), scoring.analyze(text)
    assert hidden.score.intensity == plain.score.intensity > 60
    assert [s.score.intensity for s in hidden.statements] == [
        s.score.intensity for s in plain.statements
    ]
    # the explanation points at the words as they are written in the text
    spans = [(t.term, normalise(text[t.start : t.end])) for t in hidden.score.terms]
    assert spans == [(t.term, normalise(CLEAN[t.start : t.end])) for t in plain.score.terms]
    assert any(_hide("aggression", how) in text[t.start : t.end] for t in hidden.score.terms)


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("\u0430ggr\u0435ssion", "aggression"),  # Cyrillic а and е in a Latin word
        ("ATT\u0410CK", "attack"),  # capital Cyrillic А
        ("\u0440\u043e\u0441\u0441\u0438\u044f", "\u0440\u043e\u0441\u0441\u0438\u044f"),  # Russian
        ("\u03bf\u03b9\u03ba\u03bf\u03c2", "\u03bf\u03b9\u03ba\u03bf\u03c2"),  # Greek stays
        ("war\u00adfare", "warfare"),
        ("no\u200b war", "no war"),
        ("no \u200b war", "no war"),
        ("caf\u00e9 cr\u00e8me", "caf\u00e9 cr\u00e8me"),  # accents are not look-alikes
    ],
)
def test_normalise_folds_only_hidden_characters_and_mixed_words(written: str, folded: str) -> None:
    assert normalise(written) == folded
    assert NormalisedText(written).text == folded
    assert fold(written) == folded or " " in written


_LETTERS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(_LETTERS, min_size=1, max_size=8),
    hidden=st.lists(st.tuples(st.integers(0, 200), st.sampled_from(INVISIBLE)), max_size=6),
)
def test_offsets_map_back_through_taken_out_characters(
    words: list[str], hidden: list[tuple[int, str]]
) -> None:
    """Inserting invisible characters anywhere changes no normalised text, and every
    normalised word maps back to the original span that holds it."""
    plain = " ".join(words)
    text = plain
    for at, char in sorted(hidden, reverse=True):
        at %= len(text) + 1
        text = text[:at] + char + text[at:]
    norm = NormalisedText(text)
    assert norm.text == NormalisedText(plain).text
    start = 0
    for word in norm.text.split(" "):
        end = start + len(word)
        if word:
            a, b = norm.orig(start), norm.orig(end - 1) + 1
            assert "".join(c for c in text[a:b] if c not in INVISIBLE) == word
        start = end + 1
