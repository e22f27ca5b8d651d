"""Statements: quotes of every style, reported speech, speakers carried over, targets."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tension.scoring import (
    DocumentSpeaker,
    EachPart,
    Score,
    Statement,
    analyze,
    extract_statements,
    find_countries,
)
from tension.scoring.statements import _plausible, attribute_statements, quote_spans


def _length_score(text: str) -> Score:
    """A text's length as its score, so tests can check which text each statement was given."""
    return Score(
        intensity=float(len(text)),
        raw=0,
        compound=0,
        neg=0,
        pos=0,
        escalation=0,
        deescalation=0,
    )


SCORER = EachPart(_length_score)


def said(text: str, **kw: object) -> list[tuple[str | None, str | None, tuple[str, ...], str]]:
    out = extract_statements(text, scorer=SCORER, **kw)  # type: ignore[arg-type]
    return [(s.speaker, s.speaker_country, s.target_countries, s.kind) for s in out]


def attributed(text: str, **kw: object) -> list[tuple[str | None, tuple[str, ...]]]:
    return [(c, t) for _, c, t, k in said(text, **kw) if k != "narration"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # curly quotes, speaker after the quote
        ("“Moscow will pay for this,” Zelensky said.", [("UKR", ("RUS",))]),
        # straight quotes
        ('"Moscow will pay for this," Zelensky said.', [("UKR", ("RUS",))]),
        # British single quotes, apostrophes inside
        ("‘Moscow’s lies won’t work,’ Zelensky said.", [("UKR", ("RUS",))]),
        # guillemets
        ("«Moscow will pay,» Zelensky said.", [("UKR", ("RUS",))]),
        # inverted: said X
        ("“Kyiv is lying,” said Maria Zakharova.", [("RUS", ("UKR",))]),
        # speaker before a colon
        ("Lavrov told reporters: “Ukraine started this.”", [("RUS", ("UKR",))]),
        # quote fragment inside a sentence
        ("Erdogan called the Israeli strikes “an outrage” on Monday.", [("TUR", ("ISR",))]),
        # quote split around "he said"
        (
            "“We warned Tehran,” Aliyev said. “Nobody listened.”",
            [("AZE", ("IRN",)), ("AZE", ("IRN",))],
        ),
        ("“We warned Tehran,” he said, “and nobody listened.”", []),  # no antecedent: narration
    ],
)
def test_quote_styles(text: str, expected: list[tuple[str, tuple[str, ...]]]) -> None:
    got = attributed(text)
    if not expected:
        assert all(country is None for country, _ in got)
    else:
        assert got == expected


def test_quote_running_over_paragraphs_keeps_its_speaker() -> None:
    text = (
        "Israeli Prime Minister Benjamin Netanyahu said: “We will respond to Iran with force.\n\n"
        "“Hezbollah will also learn that lesson.”\n\n"
        "Lebanese officials did not comment."
    )
    rows = said(text)
    assert rows[0][1:] == ("ISR", ("IRN",), "quote")
    assert rows[1][1] == "ISR" and rows[1][3] == "quote"
    assert rows[2] == (None, None, ("LBN",), "narration")


def test_single_quotes_and_apostrophes() -> None:
    text = "The country’s envoy said ‘we won’t back down’ and left. Others’ views differ."
    assert [text[a:b] for a, b in quote_spans(text)] == ["‘we won’t back down’"]


def test_quote_spans_handle_paragraph_runs_and_both_marks() -> None:
    text = 'He said “one two.\n\n“three.” And "four".'
    spans = quote_spans(text)
    assert [text[a:b] for a, b in spans] == ["“one two.", "“three.”", '"four"']


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia accused Ukraine of shelling the plant.", [("RUS", ("UKR",))]),
        ("China urged the Philippines to withdraw its ships.", [("CHN", ("PHL",))]),
        ("Iran vowed to punish Israel.", [("IRN", ("ISR",))]),
        ("Pakistan said that India had violated the ceasefire.", [("PAK", ("IND",))]),
        (
            "In a statement, Egypt's Foreign Ministry said Ethiopia had acted alone.",
            [("EGY", ("ETH",))],
        ),
        ("The Kremlin denied that Russian jets entered Estonian airspace.", [("RUS", ("EST",))]),
        ("Seoul warned Pyongyang against further launches.", [("KOR", ("PRK",))]),
        ("According to Venezuela's government, Guyana provoked the incident.", [("VEN", ("GUY",))]),
        (
            "Serbia, a close partner of Russia, has repeatedly condemned Kosovo.",
            [("SRB", ("XKX",))],
        ),
    ],
)
def test_reported_speech(text: str, expected: list[tuple[str, tuple[str, ...]]]) -> None:
    assert attributed(text) == expected
    assert said(text)[0][3] == "reported"


def test_he_added_and_the_ministry_said_carry_the_speaker_over() -> None:
    text = (
        "Armenian Prime Minister Nikol Pashinyan accused Azerbaijan of massing troops. "
        "He added: “We will defend every village.” "
        "The Foreign Ministry said Baku was preparing an offensive. "
        "It also summoned the ambassador."
    )
    rows = said(text)
    assert rows[0][:3] == ("Armenian Prime Minister Nikol Pashinyan", "ARM", ("AZE",))
    assert rows[1][1:] == ("ARM", ("AZE",), "quote")  # he -> Pashinyan; target carried
    assert rows[2][1:3] == ("ARM", ("AZE",))  # the ministry -> Armenia's
    assert rows[3][3] == "narration"  # "summoned" is not speech


def test_he_picks_the_last_person_not_the_last_body() -> None:
    text = (
        "Greek Prime Minister Kyriakos Mitsotakis's office said Turkey had sent survey ships. "
        "Turkish Defense Minister Yasar Guler said Greece was the aggressor. "
        "The ministry said the ships would stay. "
        "He said Athens should talk instead."
    )
    rows = said(text)
    assert [r[1] for r in rows] == ["GRC", "TUR", "TUR", "TUR"]
    assert rows[3][2] == ("GRC",)


@pytest.mark.parametrize(
    "text",
    [
        "“Tehran is testing Baku,” said Anna Lind, an analyst at a London consultancy.",
        "Witnesses said Iranian drones flew low over the border.",
        "Analysts said Russia and Ukraine were far from a deal.",
        "Tom Reyes, a professor at a university in Ankara, said Turkey would mediate.",
    ],
)
def test_speakers_with_no_country_feed_no_pairs(text: str) -> None:
    rows = said(text)
    spoken = [r for r in rows if r[3] != "narration"]
    assert spoken, rows
    assert all(r[1] is None for r in spoken)
    assert all(r[0] for r in spoken)


def test_the_speaker_is_in_the_clause_of_the_verb() -> None:
    text = (
        "The statement from Beijing came hours after Japan's prime minister said Tokyo would act."
    )
    assert attributed(text) == [("JPN", ("CHN",))]


def test_a_second_country_answering_in_the_same_sentence_gets_its_own_statement() -> None:
    text = (
        "Ukraine's military said it shot down 40 Russian drones overnight, "
        "while Moscow said its forces had captured a village."
    )
    statements = extract_statements(text, scorer=SCORER)
    assert [(s.speaker_country, s.target_countries) for s in statements] == [
        ("UKR", ("RUS",)),
        ("RUS", ("UKR",)),
    ]
    assert statements[1].text == "Moscow said its forces had captured a village."
    assert statements[0].text.endswith("overnight")
    for s in statements:
        assert s.score.intensity == len(s.text)  # each part scored on its own


def test_same_country_or_pronoun_clauses_stay_in_one_statement() -> None:
    text = "Azerbaijan accused Iran of an attack, and it vowed to retaliate."
    assert len(extract_statements(text, scorer=SCORER)) == 1
    text = "Iran said the drones were not its own, while Tehran said it wanted calm."
    assert len(extract_statements(text, scorer=SCORER)) == 1


def test_a_byline_is_not_a_statement() -> None:
    assert said("Jane Roe reported from Kyiv, Ukraine.")[0][3] == "narration"


def test_narration_is_kept_with_no_speaker_and_its_mentions_as_targets() -> None:
    rows = said("Drones crashed near the border between Iran and Azerbaijan.")
    assert rows == [(None, None, ("IRN", "AZE"), "narration")]


def test_targets_never_hold_the_speaker_country_and_fall_back_to_the_counterpart() -> None:
    text = (
        "Azerbaijan accused Iran of a drone strike on Nakhchivan. "
        "Iran's military denied the claim. "
        "Azerbaijan's Defense Ministry said Azerbaijan would defend Azerbaijani land. "
        "Iran said its own forces were on alert."
    )
    for s in extract_statements(text, scorer=SCORER):
        assert s.speaker_country not in s.target_countries
    rows = said(text)
    assert rows[1][1:3] == ("IRN", ("AZE",))
    assert rows[2][1:3] == ("AZE", ("IRN",))
    assert rows[3][1:3] == ("IRN", ("AZE",))


def test_addressee_of_a_call_is_not_a_target() -> None:
    text = "Macron called Zelensky to condemn the Russian strikes."
    assert attributed(text) == [("FRA", ("RUS",))]


def test_speaker_country_depends_on_the_article_date() -> None:
    text = "Pezeshkian said Israel would regret the attack."
    assert attributed(text, date=dt.date(2025, 1, 1)) == [("IRN", ("ISR",))]
    # before he took office the name is nobody's official: no country
    assert attributed(text, date=dt.date(2020, 1, 1)) == [(None, ("ISR",))]


def test_each_statement_reuses_its_sentence_score_and_offsets() -> None:
    text = "Iran said Israel lied. Israel said Iran lied."
    statements = extract_statements(text, scorer=SCORER)
    assert [type(s) for s in statements] == [Statement, Statement]
    for s in statements:
        assert text[s.start : s.end] == s.text
        assert s.score.intensity == len(s.text)


def test_scare_quotes_in_narration_do_not_take_a_speaker() -> None:
    text = (
        "Russia said Ukraine had attacked Belgorod. "
        "Observers noted the so-called “special operation” had entered its fourth year."
    )
    rows = said(text)
    assert rows[1][1] is None


def test_a_speech_belongs_to_its_speaker() -> None:
    text = (
        "We have warned Moscow many times. We said that the shelling must stop. "
        "It has not stopped. Ukraine said it would defend itself."
    )
    rows = said(text, speaker=DocumentSpeaker("the representative of France", "FRA"))
    assert [r[1] for r in rows] == ["FRA", "FRA", "FRA", "UKR"]
    assert [r[3] for r in rows] == ["document", "document", "document", "reported"]
    assert rows[0][2] == ("RUS",)
    assert rows[2][2] == ("RUS",)  # carried from the speaker's previous sentences
    assert said(text)[1][1] is None  # without a known author, "we" is nobody's country


def test_the_press_release_of_the_issue_is_azerbaijan_about_armenia() -> None:
    text = (
        "We condemn the shelling of our villages by the occupying forces. Armenia must "
        "withdraw its troops from our territory. We are ready for dialogue."
    )
    rows = said(text, speaker=DocumentSpeaker("Ministry of Foreign Affairs", "AZE"))
    assert rows == [("Ministry of Foreign Affairs", "AZE", ("ARM",), "document")] * 3
    assert {r[3] for r in said(text)} == {"narration"}  # without its speaker: nobody's


@pytest.mark.parametrize(
    ("speaker", "date", "expected"),
    [
        (DocumentSpeaker("Azerbaijan's Foreign Ministry"), None, ("Azerbaijan's Foreign Ministry", "AZE")),  # noqa: E501
        (DocumentSpeaker("Ilham Aliyev"), dt.date(2023, 3, 1), ("Ilham Aliyev", "AZE")),
        (DocumentSpeaker(None, "IRN"), None, ("Iran", "IRN")),
        (DocumentSpeaker("Ministry of Foreign Affairs"), None, ("Ministry of Foreign Affairs", None)),  # noqa: E501
    ],
)  # fmt: skip
def test_a_document_speaker_finds_its_country_in_its_label(
    speaker: DocumentSpeaker, date: dt.date | None, expected: tuple[str, str | None]
) -> None:
    text = "We will not accept this. Armenia must comply."
    rows = said(text, speaker=speaker, date=date)
    assert {(r[0], r[1]) for r in rows} == {expected}
    assert {r[3] for r in rows} == {"document"}


def test_quotes_of_others_inside_a_document_stay_theirs() -> None:
    text = (
        "Our country has always defended international law. Armenia's prime minister said "
        "last week that the border would stay closed. “We do not trust Baku,” he told "
        "reporters. We regret these words."
    )
    rows = said(text, speaker=DocumentSpeaker(None, "AZE"))
    assert [(r[1], r[3]) for r in rows] == [
        ("AZE", "document"),
        ("ARM", "reported"),
        ("ARM", "quote"),
        ("AZE", "document"),
    ]


def test_a_long_speech_does_not_chart_its_greetings_against_its_counterpart() -> None:
    greetings = " ".join(f"We thank delegation number {n} for its work." for n in range(20))
    text = f"Armenia occupies our land. Armenia must leave. {greetings}"
    rows = said(text, speaker=DocumentSpeaker(None, "AZE"))
    assert rows[0][2] == ("ARM",) and rows[2][2] == ("ARM",)  # carried just after
    assert rows[-1][2] == ()  # not the whole speech


_Q_AND_A = (
    "Q: Will Russia answer the new American sanctions?\n"
    "A: We will answer. The United States is making a grave mistake.\n"
    "MODERATOR: Next question, please.\n"
    "Question: What about Ukraine?\n"
    "Answer: Kyiv must stop its attacks on our cities."
)


def test_transcript_answers_are_the_spokespersons_and_questions_nobodys() -> None:
    out = extract_statements(
        _Q_AND_A, scorer=SCORER, speaker=DocumentSpeaker("Maria Zakharova", "RUS")
    )
    rows = [(s.text, s.speaker, s.speaker_country, s.target_countries, s.kind) for s in out]
    zakharova = ("Maria Zakharova", "RUS")
    assert rows == [
        ("Will Russia answer the new American sanctions?", None, None, ("RUS", "USA"), "narration"),
        ("We will answer.", *zakharova, ("USA",), "document"),  # what was asked
        ("The United States is making a grave mistake.", *zakharova, ("USA",), "document"),
        ("Next question, please.", None, None, (), "narration"),
        ("What about Ukraine?", None, None, ("UKR",), "narration"),
        ("Kyiv must stop its attacks on our cities.", *zakharova, ("UKR",), "document"),
    ]  # fmt: skip


def test_a_briefing_with_named_turns_knows_the_spokesperson_from_the_journalists() -> None:
    text = (
        "Example Wire: Vietnam says foreign vessels entered its waters. What is your comment?\n"
        "Li Wen: The waters in question have always been part of China's territory. "
        "We urge Vietnam to stop its provocations.\n"
        "Daily Courier: Will there be talks?\n"
        "Li Wen: Our door to dialogue remains open, and Vietnam knows it."
    )
    out = extract_statements(text, scorer=SCORER, speaker=DocumentSpeaker(None, "CHN"))
    by_text = {s.text: (s.speaker, s.speaker_country, s.kind) for s in out}
    assert by_text["What is your comment?"] == (None, None, "narration")
    assert by_text["Will there be talks?"] == (None, None, "narration")
    assert by_text["We urge Vietnam to stop its provocations."] == ("China", "CHN", "document")
    assert all(not s.text.startswith(("Li Wen", "Example Wire")) for s in out)
    # the spokesperson named as the document's speaker: the same turns, under that name
    named = extract_statements(text, scorer=SCORER, speaker=DocumentSpeaker("Li Wen", "CHN"))
    assert {s.speaker for s in named if s.kind == "document"} == {"Li Wen"}


@pytest.mark.parametrize(
    "label",
    [
        "The significant progress reached throughout the year",
        "As Silvio",
        "At the outset allow me to convey to",
        "Nobody",
        "the report of the panel",
        "official figures",
        "the new sanctions",
    ],
)
def test_phrases_that_name_nobody_are_no_speakers(label: str) -> None:
    assert not _plausible(label)


@pytest.mark.parametrize(
    "label",
    [
        "Mario Bikarski",
        "Tehran",
        "Turkish officials",
        "Diplomats in both capitals",
        "a senior official",
        "the representative of France",
        "Iran's general staff of the armed forces",
        "NATO",
        "The European Union",
        "We",
        "he",
        "the ministry",
    ],
)
def test_persons_roles_institutions_governments_and_countries_are_speakers(label: str) -> None:
    assert _plausible(label)


_PIECES = st.sampled_from(
    [
        "Iran said", "Azerbaijan accused Iran of lying.", "“We will respond,”", "he added.",
        "Tehran", "Baku", "the ministry said", "Aliyev", "Analysts said", ".", ",", "\n\n",
        "“", "”", '"', "‘", "’", "Turkish officials urged calm.", "It",
    ]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=30).map(" ".join))
def test_statements_are_well_formed_on_any_text(text: str) -> None:
    statements = extract_statements(text, scorer=SCORER)
    last = 0
    for s in statements:
        assert last <= s.start < s.end <= len(text)
        assert text[s.start : s.end] == s.text
        assert s.speaker_country not in s.target_countries
        assert len(set(s.target_countries)) == len(s.target_countries)
        if s.kind == "narration":
            assert s.speaker is None and s.speaker_country is None
        last = s.end


def test_extract_statements_agrees_with_analyze() -> None:
    text = (
        "Ukraine's military said it shot down 40 Russian drones overnight, "
        "while Moscow said its forces had captured a village.\n\n"
        "“We will answer,” the ministry said. Kyiv denied it."
    )
    title = "Drones over Ukraine"
    assert extract_statements(text, title=title) == analyze(text, title=title).statements


def test_attribute_statements_takes_one_score_per_part() -> None:
    text = "Iran said Israel would pay. Israel said nothing."
    parts = [(0, 27), (28, 48)]
    mentions = find_countries(text)
    scores = [_length_score(text[a:b]) for a, b in parts]
    out = attribute_statements(text, parts, scores, mentions)
    assert [(s.text, s.speaker_country, s.score.intensity) for s in out] == [
        ("Iran said Israel would pay.", "IRN", 27.0),
        ("Israel said nothing.", "ISR", 20.0),
    ]
    with pytest.raises(ValueError, match="2 statement spans but 1 scores"):
        attribute_statements(text, parts, scores[:1], mentions)


def test_each_part_scores_each_range_on_its_own() -> None:
    seen: list[str] = []

    def score(text: str) -> Score:
        seen.append(text)
        return _length_score(text)

    scores = EachPart(score).score_many("abc def", [(0, 3), (4, 7), (0, 7)], [(0, 7)])
    assert [s.intensity for s in scores] == [3.0, 3.0, 7.0]
    assert seen == ["abc", "def", "abc def"]
