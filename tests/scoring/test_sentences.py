"""Sentence splitting: offsets, quotes, abbreviations, headings, and speed."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tension.scoring import split_sentences


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iran fired. Israel replied.", ["Iran fired.", "Israel replied."]),
        # abbreviations do not end sentences
        (
            "The U.N. Security Council met on Feb. 28. Russia vetoed.",
            ["The U.N. Security Council met on Feb. 28.", "Russia vetoed."],
        ),
        (
            "Fire began at 10 p.m. on Monday. It ended.",
            ["Fire began at 10 p.m. on Monday.", "It ended."],
        ),
        # words nupunkt's model takes for abbreviations
        ("The U.S. and Iran met. Talks ended.", ["The U.S. and Iran met.", "Talks ended."]),
        ("Gen. Smith said so. Dr. Jones agreed.", ["Gen. Smith said so.", "Dr. Jones agreed."]),
        # "U.S." before a title stays in the sentence; at a real end it ends it
        (
            "U.S. Secretary of State Marco Rubio warned Venezuela. Caracas replied.",
            ["U.S. Secretary of State Marco Rubio warned Venezuela.", "Caracas replied."],
        ),
        ("Iran blamed the U.S. The talks ended.", ["Iran blamed the U.S.", "The talks ended."]),
        # quotes split around "he said"
        (
            "“We will respond,” he said. “Nobody listened.”",
            ["“We will respond,” he said.", "“Nobody listened.”"],
        ),
        ("“Is this war?” he asked. “No.”", ["“Is this war?” he asked.", "“No.”"]),
        # headings and blank lines are breaks; wrapped prose is not
        (
            "Drones crash near border\nAzerbaijan said it would respond.",
            ["Drones crash near border", "Azerbaijan said it would respond."],
        ),
        ("A heading\n\nBody text. More.", ["A heading", "Body text.", "More."]),
        (
            "This line is wrapped at a fixed width so the sentence goes on and then\ncontinues.",
            ["This line is wrapped at a fixed width so the sentence goes on and then\ncontinues."],
        ),
        ("", []),
        ("   \n\n  ", []),
        # paragraph numbers and list markers stay out of sentences
        ("12. We call for talks. We are ready.", ["We call for talks.", "We are ready."]),
        ("We demand:\n1. A ceasefire.\n2. Talks.", ["We demand:", "A ceasefire.", "Talks."]),
        ("• Iran fired.\n• Israel replied.", ["Iran fired.", "Israel replied."]),
        # a wrapped line is no heading, whatever its first letter or length
        (
            "We thank the Secretary-General for his report. As Silvio\nRossi said, we agree.",
            ["We thank the Secretary-General for his report.", "As Silvio\nRossi said, we agree."],
        ),
        (
            "At the outset allow me to convey to\nthe President our warm congratulations.",
            ["At the outset allow me to convey to\nthe President our warm congratulations."],
        ),
        (
            "The significant progress reached throughout\nEurope shows the way.",
            ["The significant progress reached throughout\nEurope shows the way."],
        ),
        # a fragment before a blank line belongs to the sentence it starts
        (
            "At the outset allow me to convey to\n\nthe President our thanks.",
            ["At the outset allow me to convey to\n\nthe President our thanks."],
        ),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


_PIECES = st.sampled_from(
    ["Iran said no.", "“We will act,” he said.", "U.S. forces", "\n\n", "\n", " ", "met.", "Then"]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=25).map(" ".join))
def test_spans_are_ordered_trimmed_and_cover_all_words(text: str) -> None:
    spans = split_sentences(text)
    last = 0
    for a, b in spans:
        assert last <= a < b <= len(text)
        assert not text[a].isspace() and not text[b - 1].isspace()
        last = b
    covered = "".join(text[a:b] for a, b in spans)
    assert "".join(covered.split()) == "".join(text.split())
