"""The CAMEO vocabulary in the scorer (issue 11): inflections, synonym sets, pattern nouns,
context-only verbs, ambiguous lemmas, precedence, the gate, threat scope, one event, the
bound without ties, the issue's sentences and the loader's [context] checks."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tension.scoring import LexiconError, Scorer, load_lexicon
from tension.scoring.intensity import bound, default_scorer
from tension.scoring.types import Score


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return default_scorer()


def _context(score: Score) -> list[tuple[str, str]]:
    """(label, category) of the context hits of a score."""
    return [(h.term, h.category) for h in score.terms if " [" in h.term]


def _cameo(scorer: Scorer, score: Score) -> set[str]:
    """Categories of the CAMEO hits (bare or in context) that scored."""
    out = set()
    for h in score.terms:
        term = scorer.lexicon.get(h.term)
        if h.weight and (" [" in h.term or (term is not None and term.source == "cameo")):
            out.add(h.category)
    return out


# -- vocabulary ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("forms", "category"),
    [
        (["kidnap", "kidnaps", "kidnapped", "kidnapping"], "force"),
        (["abduct", "abducts", "abducted", "abducting"], "force"),
        (["deport", "deports", "deported", "deporting"], "threat"),
        (["expel", "expels", "expelled", "expelling"], "threat"),
        (["boycott", "boycotts", "boycotted", "boycotting"], "threat"),
        (["riot", "riots", "rioted", "rioting"], "protest"),
    ],
)
def test_inflections_are_generated(scorer: Scorer, forms: list[str], category: str) -> None:
    for form in forms:
        term = scorer.lexicon.get(form)
        assert term is not None and term.category == category and term.source == "cameo", form


@pytest.mark.parametrize(
    "text",
    [
        "Rebels fired rockets at the town.",
        "Rebels fired mortars toward the town.",
        "Rebels fired missiles at the base.",
        "Rebels fired grenades at the patrol.",
    ],
)
def test_synonym_sets_expand_the_patterns(scorer: Scorer, text: str) -> None:
    s = scorer.score(text)
    assert "force" in {c for _, c in _context(s)}, s.terms
    assert s.intensity >= 30


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("A curfew was declared in the capital.", "threat"),
        ("Troops used tear gas on the crowd.", "force"),
        ("Arson destroyed the party office.", "force"),
        ("Heavy gunfire was heard near the border.", "force"),
        ("The deportation of the activists began.", "threat"),
        ("Students held a sit-in outside parliament.", "protest"),
    ],
)
def test_nouns_harvested_from_patterns_score(scorer: Scorer, text: str, category: str) -> None:
    assert category in _cameo(scorer, scorer.score(text)), scorer.score(text).terms


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        ("Police fired tear gas at the demonstrators.", "force"),
        ("Soldiers fired at the crowd.", "force"),
        ("The president fired the interior minister.", None),
        ("The company fired its chief executive on Monday.", None),
        ("Rebels burned the village to the ground.", "force"),
        ("They burned the midnight oil before the summit.", None),
        ("The two governments struck a deal on gas prices.", "cooperation"),
        ("The senator blasted the decision.", "criticism"),
        ("A blast of cold air hit the city.", None),
    ],
)
def test_context_only_verbs_and_ambiguous_lemmas(
    scorer: Scorer, text: str, expect: str | None
) -> None:
    found = {c for _, c in _context(scorer.score(text))}
    if expect is None:
        assert not found, _context(scorer.score(text))
        assert scorer.score(text).raw < 10
    else:
        assert expect in found, _context(scorer.score(text))


def test_a_context_hit_reads_as_verb_and_pattern(scorer: Scorer) -> None:
    s = scorer.score("Police fired tear gas at the crowd.")
    labels = [label for label, _ in _context(s)]
    assert "fired … tear gas [175]" in labels
    (hit,) = [h for h in s.terms if h.term == "fired … tear gas [175]"]
    assert "Police fired tear gas at the crowd."[hit.start : hit.end] == "fired"


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("They stormed out of the meeting.", None),
        ("The film struck a chord with viewers.", None),
        ("Three climbers were struck by lightning.", None),
        ("Protesters stormed the parliament.", "force"),
        ("Artillery struck the city overnight.", "force"),
    ],
)
def test_narrowed_forms_and_exclusions(scorer: Scorer, text: str, reading: str | None) -> None:
    cats = _cameo(scorer, scorer.score(text))
    assert (reading in cats) if reading else not cats, scorer.score(text).terms


def test_cameo_takes_a_word_up_the_ladder_but_not_down(scorer: Scorer) -> None:
    lex = scorer.lexicon
    abducted = lex.get("abducted")
    assert abducted is not None and (abducted.category, abducted.source) == ("force", "cameo")
    assert lex.get("abduct*") is not None and lex.get("abduct*").source == "hand"  # type: ignore[union-attr]
    s = scorer.score("They abducted the mayor.")
    assert [h.term for h in s.terms] == ["abducted"]  # the exact CAMEO form beats the prefix
    # a CAMEO form that a hand-made entry matches on the same or a higher rung is not loaded
    assert lex.get("warned") is None and lex.get("warn*") is not None


def test_negated_and_hedged_context_hits_follow_the_rules(scorer: Scorer) -> None:
    plain = scorer.score("Police fired rubber bullets at the crowd.")
    negated = scorer.score("Police never fired rubber bullets at the crowd.")
    denied = scorer.score("Police denied they fired rubber bullets at the crowd.")
    assert negated.raw < plain.raw and denied.raw < plain.raw
    rules = {c.source for c in negated.contributions if c.category == "rule"}
    assert "negation" in rules


# -- the gate: negative is not tension ------------------------------------------------------

GATED = [
    ("The earthquake killed 300 people and destroyed thousands of homes.", "disaster"),
    ("Floods have killed dozens and left thousands homeless.", "disaster"),
    ("A cholera outbreak has killed dozens in the camps.", "epidemic"),
    ("The pandemic left millions dead and economies in ruins.", "epidemic"),
    ("Two workers were killed in an accident at the plant.", "accident"),
    ("The plane crash killed all 150 people on board.", "accident"),
    ("The robbery left two dead and police are hunting the gang.", "crime"),
    ("The striker was injured in the derby and the league suspended the match.", "sport"),
]
NOT_GATED = [
    "The airstrike killed 30 people in the flood-hit town.",
    "Militants attacked the village after the earthquake, killing 12.",
    "Police fired tear gas at protesters angry over the cholera outbreak.",
    "Thirty people were killed when troops opened fire on the crowd after the storm.",
]


@pytest.mark.parametrize(("text", "kind"), GATED)
def test_disaster_epidemic_accident_crime_and_sport_score_low(
    scorer: Scorer, text: str, kind: str
) -> None:
    s = scorer.score(text)
    assert s.intensity < 5, s.contributions
    assert any(c.source == f"gate ({kind})" for c in s.contributions) or s.raw <= 0


@pytest.mark.parametrize("text", NOT_GATED)
def test_conflict_beside_a_disaster_word_still_scores(scorer: Scorer, text: str) -> None:
    s = scorer.score(text)
    assert not any(c.source.startswith("gate") for c in s.contributions), s.contributions
    assert s.intensity >= 30


def test_the_gate_is_sentence_local(scorer: Scorer) -> None:
    quake = "The earthquake killed 300 people."
    attack = "Hours later, the army shelled the border villages."
    assert scorer.score(f"{quake} {attack}").raw == pytest.approx(
        scorer.score(quake).raw + scorer.score(attack).raw, abs=1e-6
    )


# -- threat scope, one threat, one event -------------------------------------------------------


def test_a_threatened_act_is_one_threat(scorer: Scorer) -> None:
    s = scorer.score("They warned of an attack.")
    sources = [c.source for c in s.contributions]
    assert "threatened" in sources and "one threat" in sources
    done = scorer.score("They launched an attack.")
    assert s.raw < done.raw
    assert s.raw >= scorer.score("They warned.").raw  # the larger of the pair, never less


def test_a_verb_and_its_object_of_one_category_are_one_event(scorer: Scorer) -> None:
    s = scorer.score("They issued an ultimatum.")
    assert "one event" in [c.source for c in s.contributions]
    assert s.raw == pytest.approx(scorer.score("It was an ultimatum.").raw, abs=1e-6)


# -- the issue's sentences --------------------------------------------------------------------

STORM = "Protesters stormed the French embassy in Niamey and set fire to its gates."
STRIKE = "Ukraine's drones struck an oil refinery deep inside Russia."
ABDUCTION = "Militants abducted dozens of civilians and fired thousands of rockets."
SUMMONED = "Russia summoned the Finnish ambassador and warned of retaliatory steps."


@pytest.mark.parametrize("text", [STORM, ABDUCTION])
def test_the_issue_sentences_score_as_force(scorer: Scorer, text: str) -> None:
    s = scorer.score(text)
    assert "force" in _cameo(scorer, s), s.terms
    assert s.intensity >= 30


def test_the_drone_strike_scores_as_an_air_war_strike(scorer: Scorer) -> None:
    # "drones struck" is the verb form of the hand-made "drone strike*" (force, 29.9): it
    # takes that rung instead of CAMEO's generic "struck"
    s = scorer.score(STRIKE)
    first = next((h.term, h.category) for h in s.terms if h.weight)
    assert first == ("drones struck", "force")
    assert s.intensity >= 30


@pytest.mark.parametrize("text", [STORM, STRIKE, ABDUCTION])
def test_acts_of_force_outrank_a_summons_and_a_warning(scorer: Scorer, text: str) -> None:
    assert scorer.score(text).intensity >= scorer.score(SUMMONED).intensity


# -- the bound: no ties at 100 ----------------------------------------------------------------

ACTS = [
    "Troops shelled the border town.",
    "Rebels kidnapped three engineers.",
    "The army bombed the bridge.",
    "Militias burned the market.",
    "Gunmen attacked the convoy.",
    "Police fired tear gas at students.",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(ACTS), min_size=0, max_size=12), st.sampled_from(ACTS))
def test_more_escalation_is_strictly_higher_below_saturation(
    sentences: list[str], extra: str
) -> None:
    scorer = default_scorer()
    text = " ".join(sentences)
    before = scorer.score(text)
    after = scorer.score(f"{text} {extra}".strip())
    assert after.raw > before.raw
    if before.raw < 500:
        assert after.intensity > before.intensity


@given(st.floats(-5, 1000), st.floats(2, 1000))
def test_distinct_raw_sums_give_distinct_intensities(raw: float, step: float) -> None:
    assert bound(raw) < bound(raw + step) < 100


def test_hostile_texts_no_longer_tie_at_100(scorer: Scorer) -> None:
    texts = [" ".join(ACTS[:n]) for n in range(2, len(ACTS) + 1)]
    values = [scorer.score(t).intensity for t in texts]
    assert values == sorted(values) and len(set(values)) == len(values) and values[-1] < 100


# -- the loader: [context] entries in a user file -----------------------------------------------


def test_a_user_file_adds_context_entries() -> None:
    lex = load_lexicon(
        """
[context]
entries = [
  { verbs = ["jammed", "jamming"], after = ["&aircraft"], code = "user-1", category = "force", points = 20 },
]
"""  # noqa: E501
    )
    s = Scorer(lex).score("The navy jammed the drones over the strait.")
    assert ("jammed … drones [user-1]", "force") in _context(s)
    assert not _context(Scorer(lex).score("The printer jammed again."))


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ('{ group = "no such group", after = ["x"], category = "force", points = 1 }',
         "unknown verb group 'no such group'"),
        ('{ verbs = ["hit"], after = ["&nonesuch"], category = "force", points = 1 }',
         "unknown synonym set '&nonesuch'"),
        ('{ verbs = ["hit"], after = ["x"], category = "force", points = -3 }',
         "escalation points must be >= 0"),
        ('{ verbs = ["hit"], after = ["x"], category = "cooperation", points = 3 }',
         "deescalation points must be <= 0"),
        ('{ verbs = ["hit"], after = ["x"], category = "nonsense", points = 3 }',
         "unknown category 'nonsense'"),
        ('{ verbs = ["hit"], category = "force", points = 3 }', "needs 'before' or 'after'"),
        ('{ verbs = ["hit"], after = ["x"], category = "force", points = 3, colour = 1 }',
         "unknown key 'colour'"),
        ('{ verbs = ["hit"], group = "kill", after = ["x"], category = "force", points = 3 }',
         "exactly one of 'group'"),
    ],
)  # fmt: skip
def test_bad_context_entries_name_their_line(entry: str, message: str) -> None:
    text = f'[context]\nentries = [\n  {{ verbs = ["hit"], after = ["x"], category = "force", points = 1 }},\n  {entry},\n]\n'  # noqa: E501
    with pytest.raises(LexiconError) as err:
        load_lexicon(text, "my.toml")
    assert str(err.value).startswith("my.toml line 4: context entry 2: "), err.value
    assert message in str(err.value)


def test_seed_sentences_at_the_top_do_not_tie(shared_dir: Path) -> None:
    from tests.scoring.test_intensity import _seed_sentences

    scorer = default_scorer()
    top = sorted((scorer.score(s).intensity for s in _seed_sentences(shared_dir)), reverse=True)
    assert len(set(top[:8])) == 8 and top[0] < 100, top[:8]
