"""Print layout undone: hard wraps, end-of-line hyphens, page numbers, running headers.

Every text here is written for the test in the shapes PDF extracts and plain-text exports of
speeches take (no corpus text)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tension.data.demo import iter_demo_articles
from tension.scoring import split_sentences
from tension.scoring.layout import clean_layout, wrap_width


def sentences(text: str) -> list[str]:
    return [" ".join(text[a:b].split()) for a, b in split_sentences(text)]


# A speech hard-wrapped at 72 columns, with a hyphenated word, a page break with its page
# number and running header in the middle of a sentence, and numbered paragraphs.
SPEECH = (
    "1. It is an honour for me to address this Assembly on behalf of my country\n"
    "and to congratulate you, Sir, on your election to the presidency of the\n"
    "seventy-fifth session. We are grateful to the Secretary-General for his\n"
    "tireless work and for the leadership he has shown in a difficult year. As\n"
    "Ambassador Silvio Rossi once told this body, the Organization is only as\n"
    "strong as the will of its members.\n"
    "\f"
    "A/75/PV.7                                                    20-12345\n"
    "\n"
    "2. At the outset allow me to convey to the delegations our deep concern\n"
    "about the continued occupation of our territories and the violation of\n"
    "the principles of inter-\n"
    "national law. The significant progress reached throughout the past year\n"
    "in the negotiations must not be lost.\n"
    "\n"
    "- 4 -\n"
    "\f"
    "A/75/PV.7                                                    20-12345\n"
    "\n"
    "3. We call on all parties to respect their obligations under the Charter\n"
    "and to return to the negotiating table without preconditions.\n"
    "\f"
    "A/75/PV.7                                                    20-12345\n"
    "\n"
    "4. Finally, my Government reaffirms its commitment to dialogue.\n"
)


def test_a_wrapped_speech_splits_into_whole_sentences() -> None:
    cleaned = clean_layout(SPEECH)
    assert "A/75/PV.7" not in cleaned and "- 4 -" not in cleaned
    assert sentences(cleaned) == [
        "It is an honour for me to address this Assembly on behalf of my country and to "
        "congratulate you, Sir, on your election to the presidency of the seventy-fifth "
        "session.",
        "We are grateful to the Secretary-General for his tireless work and for the "
        "leadership he has shown in a difficult year.",
        "As Ambassador Silvio Rossi once told this body, the Organization is only as strong "
        "as the will of its members.",
        "At the outset allow me to convey to the delegations our deep concern about the "
        "continued occupation of our territories and the violation of the principles of "
        "international law.",
        "The significant progress reached throughout the past year in the negotiations must "
        "not be lost.",
        "We call on all parties to respect their obligations under the Charter and to return "
        "to the negotiating table without preconditions.",
        "Finally, my Government reaffirms its commitment to dialogue.",
    ]


def test_paragraph_numbers_stay_in_the_text_but_out_of_sentences() -> None:
    cleaned = clean_layout(SPEECH)
    assert cleaned.startswith("1. It is an honour")
    assert "\n\n2. At the outset" in cleaned
    assert not any(s[:1].isdigit() for s in sentences(cleaned))


# Two columns of a PDF page, as an extractor gives them: the left column's lines, then the
# right one's, each about 40 characters wide, hyphenated, with a footer on each page.
TWO_COLUMNS = (
    "The Ministry of Foreign Affairs strong-\n"
    "ly condemns the shelling of civilian\n"
    "settlements along the border, which\n"
    "caused casualties among the local\n"
    "population. Such actions are a grave\n"
    "violation of international humanitar-\n"
    "ian law and of the ceasefire agree-\n"
    "ment signed by the parties.\n"
    "Press release No. 112/20\n"
    "\f"
    "We call on the international commu-\n"
    "nity to give a clear assessment of\n"
    "these provocations and to take mea-\n"
    "sures to prevent their recurrence.\n"
    "The responsibility for the escalation\n"
    "lies entirely with the other side.\n"
    "Press release No. 112/20\n"
    "\f"
    "Our country remains committed to a\n"
    "peaceful settlement of the conflict.\n"
    "Press release No. 112/20\n"
)


def test_two_column_text_joins_and_drops_its_footer() -> None:
    cleaned = clean_layout(TWO_COLUMNS)
    assert "Press release" not in cleaned
    assert sentences(cleaned) == [
        "The Ministry of Foreign Affairs strongly condemns the shelling of civilian "
        "settlements along the border, which caused casualties among the local population.",
        "Such actions are a grave violation of international humanitarian law and of the "
        "ceasefire agreement signed by the parties.",
        "We call on the international community to give a clear assessment of these "
        "provocations and to take measures to prevent their recurrence.",
        "The responsibility for the escalation lies entirely with the other side.",
        "Our country remains committed to a peaceful settlement of the conflict.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # hyphens: undone, unless the word is written with one elsewhere, the next part is
        # capitalised, or the first part is a prefix that keeps it
        ("the inter-\nnational community", "the international community"),
        ("the Secretary-\nGeneral spoke", "the Secretary-General spoke"),
        ("the right to self-\ndetermination", "the right to self-determination"),
        ("a co-operation. Our co-\noperation", "a co-operation. Our co-operation"),
        ("cooperation is key. Our co-\noperation", "cooperation is key. Our cooperation"),
        # a line that has not ended its sentence goes on, whatever the next line's case
        ("allow me to convey to\nthe President", "allow me to convey to the President"),
        ("my thanks go to Mr.\nSmith for his work.", "my thanks go to Mr. Smith for his work."),
        ("We thank the President,\nthe Council", "We thank the President, the Council"),
        ("the progress reached\nthroughout the year", "the progress reached throughout the year"),
        # headings, one paragraph a line, and lists stay as they are
        ("Drones crash near border\nAzerbaijan said it would respond.", None),
        ("The first paragraph ends here.\nThe second one starts.", None),
        ("We demand:\n1. A ceasefire.\n2. Talks.", None),
        ("Q: Will you respond?\nA: We will.", None),
        # a page number alone between paragraphs goes
        ("The end of a page.\n\n12\n\nThe next page.", "The end of a page.\n\nThe next page."),
        # a number inside a paragraph is no page number
        ("Casualties rose to\n12\nby the evening.", "Casualties rose to 12 by the evening."),
        # ligatures and soft hyphens from PDF fonts
        ("the ﬁrst conﬂict was un\u00adacceptable.", "the first conflict was unacceptable."),
    ],
)
def test_layout_cases(text: str, expected: str | None) -> None:
    assert clean_layout(text) == (text if expected is None else expected)


def test_a_running_header_between_paragraphs_goes_without_form_feeds() -> None:
    header = "STATEMENT BY THE MINISTRY OF FOREIGN AFFAIRS"
    paragraphs = [
        "The ministry expresses its concern about the situation.",
        "We urge restraint from all sides.",
        "The ministry will keep the public informed.",
    ]
    text = "\n\n".join(f"{header}\n\n{p}" for p in paragraphs)
    assert clean_layout(text) == "\n\n".join(paragraphs)


def test_a_heading_used_once_is_not_a_running_header() -> None:
    text = "Statement of the ministry\n\nWe urge restraint.\n\nWe will respond."
    assert clean_layout(text) == text


def test_wrap_width_needs_lines_of_one_width() -> None:
    wrapped = ["x" * 70, "x" * 68, "x" * 71, "x" * 69, "x" * 20]
    assert wrap_width(wrapped) == 71
    assert wrap_width(["x" * 300, "x" * 40, "x" * 520, "x" * 90]) is None  # one paragraph a line
    assert wrap_width(["x" * 70, "x" * 70]) is None  # too few lines to tell


def test_the_demo_corpus_has_no_print_layout_to_undo() -> None:
    for article in iter_demo_articles():
        assert clean_layout(article["text"]) == article["text"], article["id"]


_WORDS = st.sampled_from(
    ["Iran", "said", "the", "inter-", "national", "12", "to", "We", "call.", "A/75/PV.7",
     "self-", "Q:", "1.", "“", "”", "\f", "\n", "\n\n", "Mr.", "of", "law."]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, max_size=40).map(" ".join))
def test_cleaning_is_idempotent_and_keeps_every_word(text: str) -> None:
    once = clean_layout(text)
    assert clean_layout(once) == once
    # no word is invented: every word of the result comes from the text (hyphenated
    # halves joined, page furniture dropped)
    source = "".join(text.replace("-", "").split())
    for word in once.replace("-", "").split():
        assert word in source, word
