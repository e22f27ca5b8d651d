"""Transcripts: which texts are turn by turn, their turns and roles, sentences cut at turns."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tension.scoring import find_turns, split_sentences
from tension.scoring.transcripts import turn_at, within_turns


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Q: Will you answer?\nA: We will.", [("Q", "question"), ("A", "answer")]),
        (
            "QUESTION: And the border?\nANSWER: It is calm.",
            [("QUESTION", "question"), ("ANSWER", "answer")],
        ),
        (
            "MODERATOR: Welcome.\nMR. PRICE: Thank you.\nMODERATOR: Questions?",
            [("MODERATOR", "question"), ("MR. PRICE", "named"), ("MODERATOR", "question")],
        ),
        (
            "Li Wen: First.\nExample Wire: Why?\nLi Wen: Because.",
            [("Li Wen", "named"), ("Example Wire", "named"), ("Li Wen", "named")],
        ),
        (
            "Foreign Minister Lavrov (through an interpreter): Yes.\nQ: Really?",
            [("Foreign Minister Lavrov (through an interpreter)", "named"), ("Q", "question")],
        ),
    ],
)
def test_transcript_turns(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(t.label, t.role) for t in find_turns(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Note: the figures are provisional.\nThe ministry said talks would go on.",
        "President Aliyev: a profile.\nHe has led the country since 2003.",  # one named turn
        "Azerbaijan said: we will respond. Iran said: we deny it.",  # no label at a line start
        "The answer is clear: we will not accept it.\nOur position: unchanged.",
        "Source: Example Wire\nDate: today",
        "",
    ],
)
def test_texts_that_are_no_transcripts(text: str) -> None:
    assert find_turns(text) == ()


def test_turns_cover_the_text_after_the_first_label() -> None:
    text = "Briefing of 5 May\n\nQ: One?\nA: Two.\n\nMore of the answer.\nQ: Three?"
    turns = find_turns(text)
    assert [text[t.start : t.body] for t in turns] == ["Q: ", "A: ", "Q: "]
    assert turns[1].end == turns[2].start and turns[-1].end == len(text)
    assert turn_at(turns, 0) is None  # the heading before the first turn
    assert turn_at(turns, text.index("More")) == turns[1]


_LINES = st.sampled_from(
    ["Q: Will Iran answer?", "A: We will. Iran must stop.", "MODERATOR: Next.", "Li Wen: No.",
     "Li Wen: Never, and we mean it", "Plain line without a label.", "Note: none", ""]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINES, max_size=12).map("\n".join))
def test_sentences_cut_at_turns_hold_no_label_and_stay_in_one_turn(text: str) -> None:
    turns = find_turns(text)
    spans = within_turns(split_sentences(text), turns, text)
    last = 0
    for a, b in spans:
        assert last <= a < b <= len(text)
        assert not text[a].isspace() and not text[b - 1].isspace()
        last = b
        for t in turns:
            assert not (t.start <= a < t.body), "a sentence starts inside a label"
            assert not (a < t.start < b), "a sentence runs into the next turn"
