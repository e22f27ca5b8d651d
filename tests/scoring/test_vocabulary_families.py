"""The hand-made families added for issue 11's vocabulary breadth (lexicon 2026.12.08.4-5).

Each family is checked on its own words (the category the hit lands in) and on negatives:
sentences where the family's letters occur without its sense, or where an exclusion must hide
the conflict word inside a name of the institutional response to violence.
"""

from __future__ import annotations

import pytest

from tension.scoring import Scorer

NEUTRAL = "The committee met on Tuesday."


def _categories(scorer: Scorer, text: str) -> dict[str, str]:
    """The scoring hits of ``text``: term -> category."""
    return {h.term: h.category for h in scorer.score(text).terms if h.weight}


# -- families that add escalation: (sentence, term that must score, its category) ------------

FAMILIES = [
    # conflict states (concern tier)
    ("Thousands of families were displaced by the fighting in the north.", "displaced", "concern"),
    ("The displacement of villagers continued for a third week.", "displacement", "concern"),
    ("Talks remain in deadlock over the disputed district.", "deadlock*", "concern"),
    ("Negotiators reported a stalemate on the prisoner exchange.", "stalemate*", "concern"),
    ("The two delegations reached an impasse on Friday.", "impasse", "concern"),
    ("Unrest spread to three provinces overnight.", "unrest", "concern"),
    ("Insecurity along the highway has halted trade.", "insecurity", "concern"),
    ("Deep mistrust divides the parties.", "mistrust", "concern"),
    ("They cited a lack of trust between the two services.", "lack of trust", "concern"),
    ("Authorities imposed restrictions on aid workers.", "restrictions on", "concern"),
    # unequal treatment and incitement (criticism tier)
    ("The minority faces systematic discrimination in hiring.", "discriminat*", "criticism"),
    ("Officials were accused of discriminating against returnees.", "discriminat*", "criticism"),
    ("The broadcaster aired hate speech against the community.", "hate speech", "criticism"),
    ("There is no justification for these arrests.", "no justification", "criticism"),
    ("The blockade was imposed without justification.", "without justification", "criticism"),
    ("The new law seeks to stifle independent media.", "stifle*", "criticism"),
    # the forces and targets of an operation (topic words)
    ("Security forces surrounded the campus.", "security forces", "military"),
    ("Rebels took the airport road.", "rebels", "military"),
    ("Drones struck an ammunition depot near the front.", "ammunition depot*", "military"),
    ("Missiles hit the air base before dawn.", "air base*", "military"),
    # air-war strikes in verb form, at the rung of "drone strike*" (force)
    ("Drones struck a fuel depot overnight.", "drones struck", "force"),
    ("A drone hit the radar station.", "drone hit", "force"),
    ("Missiles struck the port city.", "missiles struck", "force"),
    ("Warplanes bombed the bridge.", "warplanes bombed", "force"),
]


@pytest.mark.parametrize(("text", "term", "category"), FAMILIES)
def test_each_family_scores_in_its_tier(
    scorer: Scorer, text: str, term: str, category: str
) -> None:
    hits = _categories(scorer, text)
    assert hits.get(term) == category, hits
    assert scorer.score(text).intensity > scorer.score(NEUTRAL).intensity


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("The refinery raised its output in May.", "force"),  # a target word alone is a topic
        ("The airfield reopened to charter flights.", "force"),
        ("Hate mail is a problem for celebrities, she said.", "criticism"),  # not "hate speech"
        ("The rebel yell echoed through the stadium stands.", "force"),
        ("Her drone footage won the photography prize.", "force"),  # drone, no strike verb
    ],
)
def test_negatives_do_not_score_as_the_family(scorer: Scorer, text: str, absent: str) -> None:
    assert absent not in _categories(scorer, text).values(), _categories(scorer, text)


def test_a_target_word_alone_stays_at_its_topic_share(scorer: Scorer) -> None:
    alone = scorer.score("The refinery raised its output in May.")
    struck = scorer.score("Drones struck the refinery in May.")
    assert alone.intensity < 10 < struck.intensity


def test_the_ladder_holds_between_the_new_families(scorer: Scorer) -> None:
    def points(term: str) -> float:
        entry = scorer.lexicon.get(term)
        assert entry is not None, term
        return entry.weight

    assert points("deadlock*") < points("discriminat*") < points("drones struck")
    assert points("drones struck") == points("drone strike*")


# -- exclusions: names of the institutional response to violence ----------------------------

EXCLUDED = [
    "The ministry published its counter-terrorism strategy.",
    "A counterterrorism unit held a training course.",
    "Parliament passed an anti-terrorism law in 2003.",
    "The working group on terrorist financing met in Vienna.",
    "States must cooperate in the fight against terrorism.",
    "The war crimes tribunal delivered its judgement.",
    "The report on children and armed conflict was presented.",
    "Every State shall prevent and suppress the funding of such acts.",
    "The convention on the suppression of terrorism entered into force.",
]


@pytest.mark.parametrize("text", EXCLUDED)
def test_names_of_the_response_to_violence_are_not_acts(scorer: Scorer, text: str) -> None:
    hits = _categories(scorer, text)
    assert not {"force", "threat"} & set(hits.values()), hits


@pytest.mark.parametrize(
    ("excluded", "act"),
    [
        ("The counter-terrorism strategy was published.", "The terrorism wave continued."),
        ("The war crimes tribunal sat in The Hague.", "War crimes were committed in the town."),
        ("States must prevent and suppress such acts.", "Police moved to suppress the protest."),
    ],
)
def test_the_conflict_word_outside_the_name_still_scores(
    scorer: Scorer, excluded: str, act: str
) -> None:
    assert scorer.score(act).intensity > scorer.score(excluded).intensity + 5


def test_acts_beside_an_excluded_name_still_score(scorer: Scorer) -> None:
    text = "Counter-terrorism police detained three suspects."
    hits = _categories(scorer, text)
    assert "detained" in hits and hits["detained"] in {"force", "threat"}, hits


# -- assistance vocabulary lowers ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The agency offered technical assistance to the electoral commission.",
        "The two ministries signed a memorandum of understanding.",
        "The programme supports capacity building for local courts.",
        "Both services agreed on information sharing at the border.",
        "Experts exchanged best practices on disaster preparedness.",
    ],
)
def test_assistance_vocabulary_lowers(scorer: Scorer, text: str) -> None:
    s = scorer.score(text)
    assert s.deescalation < 0
    assert "cooperation" in _categories(scorer, text).values()
