"""Intensity scores: expected orderings, context rules, explanations and the seed articles."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import pytest

from tension.scoring import SCORER_VERSION, Score, Scorer, default_scorer, load_lexicon, score_text
from tension.scoring.intensity import bound
from tension.scoring.sentences import split_sentences
from tests.helpers import shared_path

NEUTRAL = [
    "The foreign ministers met in Geneva on Tuesday.",
    "The report was published on the ministry's website.",
]
SPORT_AND_CULTURE = [
    "Liverpool's attack tore through the defence and the striker scored twice in the derby.",
    "Supermarkets are locked in a price war over milk.",
    "The film 'Act of War' premiered at the festival to strong reviews.",
    "Veterans gathered for the anniversary of the battle at the memorial.",
    "He was taken to hospital after a heart attack.",
]
FRIENDLY = [
    "Azerbaijan and Iran are neighborly and friendly countries, the minister said.",
    "We call for dialogue, restraint and de-escalation.",
    "The president offered his condolences to the families of the victims.",
]
CONCERN = ["We regret the decision and are concerned about the situation."]
PROTEST = [
    "The ministry summoned the ambassador to protest the violation of sovereignty.",
    "We strongly condemn these provocative and unacceptable actions.",
]
THREAT = [
    "They warned of retaliatory measures and threatened sanctions if the ultimatum is ignored.",
    "The attacks will not go unanswered, the defence ministry said.",
]
FORCE = [
    "The president called the strike a groundless act of terror and aggression and vowed a reply.",
    "The army launched an attack and the country declared war after the act of aggression.",
]


def _max(scores: list[Score]) -> float:
    return max(s.raw for s in scores)  # raw: strong texts all reach intensity 100


def _min(scores: list[Score]) -> float:
    return min(s.raw for s in scores)


def test_tiers_order_texts(scorer: Scorer) -> None:
    groups = [NEUTRAL + SPORT_AND_CULTURE + FRIENDLY, CONCERN, PROTEST, FORCE]
    scored = [[scorer.score(t) for t in g] for g in groups]
    for lower, higher in itertools.pairwise(scored):
        assert _max(lower) < _min(higher), (lower, higher)


@pytest.mark.parametrize(
    "tiers",
    [
        [
            "We regret the decision.",
            "We condemn the decision.",
            "They issued an ultimatum.",
            "It was an act of aggression.",
        ],
        [
            "They voiced concern.",
            "They summoned the ambassador.",
            "They imposed an embargo.",
            "They retaliated.",
        ],
        [
            "A statement was issued.",
            "A statement of concern was issued.",
            "A statement of protest was issued.",
            "A warning was issued.",
            "An attack was launched.",
        ],
    ],
)
def test_single_cue_tiers(scorer: Scorer, tiers: list[str]) -> None:
    raws = [scorer.score(t).raw for t in tiers]
    assert raws == sorted(raws) and len(set(raws)) == len(raws), list(zip(tiers, raws, strict=True))


@pytest.mark.parametrize("text", NEUTRAL + SPORT_AND_CULTURE + FRIENDLY)
def test_non_conflict_scores_low(scorer: Scorer, text: str) -> None:
    assert scorer.score(text).intensity < 5


@pytest.mark.parametrize("text", FORCE + THREAT)
def test_conflict_scores_high(scorer: Scorer, text: str) -> None:
    assert scorer.score(text).intensity >= 40


@pytest.mark.parametrize(
    ("lower", "higher"),
    [
        ("This is not a provocation.", "This is a provocation."),
        ("There is no threat to the region.", "There is a threat to the region."),
        ("We condemn the move.", "We strongly condemn the move."),
        ("They reject it.", "They categorically reject it."),
        ("A possible attack was discussed.", "An attack was discussed."),
        ("Iran denied launching a drone attack.", "Iran launched a drone attack."),
        ("Condolences to the families of those killed.", "Those people were killed."),
        ("The striker led the attack in the derby.", "The army led the attack."),
        ("A price war hit retailers.", "A war hit the region."),
        ("We call for dialogue.", "We call for a meeting."),
        ("There can be a dialogue.", "There can be no dialogue."),
        ("This provocation must stop.", "This provocation by Iran must stop."),
        ("This provocation must stop.", "this provocation by the kyiv authorities must stop."),
        ("The peace process is in ruins.", "The peace process is in ruins and bad."),
    ],
)
def test_context_rules(scorer: Scorer, lower: str, higher: str) -> None:
    assert scorer.score(lower).raw < scorer.score(higher).raw


def test_target_rule_aims_escalation_at_a_named_country(scorer: Scorer) -> None:
    s = scorer.score("This provocation by Iran must stop.")
    assert ("target", "rule") in [(c.source, c.category) for c in s.contributions]
    plain = scorer.score("This provocation must stop.")
    assert s.escalation == pytest.approx(1.5 * plain.escalation)
    # not for a denied or negated act, nor beside words of dialogue or friendship
    for text, word in (
        ("Iran denied launching a drone attack.", "attack"),
        ("This is not a provocation by Iran.", "provocation"),
        ("An attack on friendly Iran.", "attack"),
        ("Us and them: an attack.", "attack"),  # "us" is a pronoun, not the United States
    ):
        at = text.index(word)
        fired = [c.source for c in scorer.score(text).contributions if c.start == at]
        assert fired and "target" not in fired, text


def test_only_grief_and_grim_peace_phrases_silence_negativity(scorer: Scorer) -> None:
    def sentiment(text: str) -> float:
        return sum(c.points for c in scorer.score(text).contributions if c.category == "sentiment")

    assert sentiment("The cessation of hostilities was announced.") == 0
    assert sentiment("Condolences on this terrible loss.") == 0
    assert sentiment("The peace talks failed miserably and ended in disaster.") > 0


def test_punctuation_alone_is_not_a_sentence(scorer: Scorer) -> None:
    assert scorer.score("killed.;!").raw == scorer.score("  killed.;! \n").raw


def test_rule_contributions_are_explained(scorer: Scorer) -> None:
    s = scorer.score("This is not a provocation.")
    assert [(c.source, c.category) for c in s.contributions] == [
        ("provocation*", "criticism"),
        ("negation", "rule"),
    ]
    (hit,) = s.terms
    assert hit.weight == pytest.approx(sum(c.points for c in s.contributions))
    assert hit.weight < 0 and s.intensity < bound(0)  # below neutral text, above 0
    text = "We strongly condemn it."
    s = scorer.score(text)
    assert [c.source for c in s.contributions if c.category != "sentiment"] == [
        "condemn*",
        "intensifier",
    ]
    c = s.contributions[-1]
    assert text[c.start : c.end] == "condemn"


def test_denial_is_not_itself_an_attack(scorer: Scorer) -> None:
    s = scorer.score("Iran denied launching a drone attack on Azerbaijan.")
    sources = [c.source for c in s.contributions]
    assert "denial" in sources
    (attack,) = [h for h in s.terms if h.term == "attack"]
    assert attack.weight < 10


def test_repetition_is_damped(scorer: Scorer) -> None:
    one = scorer.score("War.")
    three = scorer.score("War. War. War.")
    assert one.escalation < three.escalation < 2 * one.escalation
    assert [c.source for c in three.contributions].count("repetition") == 2


def test_explanation_adds_up_and_points_at_text(scorer: Scorer) -> None:
    text = (
        "The ministry summoned the ambassador. It warned that the attacks will not go "
        "unanswered. Still, we call for dialogue and offer condolences."
    )
    s = scorer.score(text)
    assert math.fsum(c.points for c in s.contributions) == s.raw
    assert s.intensity == bound(s.raw)
    for c in s.contributions:
        assert 0 <= c.start < c.end <= len(text)
    for h in s.terms:
        assert text[h.start : h.end].lower().startswith(h.term.rstrip("*").split(" ")[0])
    assert s.escalation > 0 > s.deescalation
    assert s.escalation + s.deescalation == pytest.approx(
        sum(c.points for c in s.contributions if c.category != "sentiment")
    )
    assert s.lexicon_version == load_lexicon().version
    assert -1 <= s.compound <= 1 and 0 <= s.neg <= 1 and 0 <= s.pos <= 1


def test_sentiment_is_per_sentence_not_whole_text(scorer: Scorer) -> None:
    one = scorer.score("The situation is bad.")
    many = scorer.score(" ".join(["The situation is bad."] * 20))
    # whole-text VADER would run to -0.98; per sentence it stays the sentence's own value,
    # and only the three most negative sentences count (weights 0.5, 0.3, 0.2)
    assert many.compound == pytest.approx(one.compound)
    assert many.raw == pytest.approx(one.raw / 0.5)


def test_score_spans_and_score_many_agree_with_score(scorer: Scorer) -> None:
    text = "They threatened war. We call for restraint. The talks went well."
    spans = split_sentences(text)
    assert scorer.score_spans(text, spans) == scorer.score(text)
    per_sentence = scorer.score_many(text, spans, spans)
    assert [s.intensity for s in per_sentence] == [
        scorer.score(text[a:b]).intensity for a, b in spans
    ]
    whole, first = scorer.score_many(text, [(0, len(text)), spans[0]], spans)
    assert whole == scorer.score(text)
    assert first.terms and all(h.end <= spans[0][1] for h in first.terms)


def test_empty_and_blank_text() -> None:
    for text in ("", "   \n\n  "):
        s = score_text(text)
        assert (s.intensity, s.raw, s.contributions) == (bound(0), 0, ())


def test_default_scorer_is_shared_and_versioned() -> None:
    assert default_scorer() is default_scorer()
    assert SCORER_VERSION
    assert score_text("war").lexicon_version == default_scorer().version


def test_user_lexicon_changes_the_score() -> None:
    base = score_text("They are warmongers.")
    custom = Scorer(load_lexicon('[terms.criticism]\n"warmonger*" = 20\n')).score(
        "They are warmongers."
    )
    assert custom.raw == pytest.approx(base.raw + 20)
    assert custom.lexicon_version != base.lexicon_version


def _seed_sentences(shared: Path) -> list[str]:
    seeds = sorted((shared / "seeds").glob("*.txt"))
    assert seeds, f"no seed articles in {shared / 'seeds'}"
    out: list[str] = []
    for path in seeds:
        text = path.read_text(encoding="utf-8")
        out.extend(text[a:b] for a, b in split_sentences(text))
    return out


def _find(sentences: list[str], phrase: str) -> list[str]:
    found = [s for s in sentences if phrase.lower() in s.lower()]
    assert found, f"no seed sentence contains {phrase!r}"
    return found


def test_seed_articles(scorer: Scorer, shared_dir: Path) -> None:
    sentences = _seed_sentences(shared_dir)
    hostile = _find(sentences, "groundless act of terror and aggression") + _find(
        sentences, "will not go unanswered"
    )
    calm = _find(sentences, "neighborly and friendly") + _find(sentences, "condolence")
    hostile_scores = [scorer.score(s).intensity for s in hostile]
    calm_scores = [scorer.score(s).intensity for s in calm]
    # the calm bar is raw 15 as it was under the clip at 100 (bound(15) = 20.0)
    assert min(hostile_scores) >= 50, hostile_scores
    assert max(calm_scores) <= bound(15), calm_scores
    assert min(hostile_scores) - max(calm_scores) >= 40


def test_seed_articles_score_whole(scorer: Scorer, shared_dir: Path) -> None:
    for path in sorted((shared_dir / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        s = scorer.score(text)
        assert 0 <= s.intensity <= 100
        assert math.fsum(c.points for c in s.contributions) == s.raw


def _eval_module():  # eval/ is a folder of scripts, not a package
    import importlib.util

    path = Path(__file__).resolve().parents[2] / "eval" / "score_unscon.py"
    spec = importlib.util.spec_from_file_location("score_unscon", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_mann_whitney_auc() -> None:
    auc = _eval_module().auc
    assert auc([1, 2, 3, 4], [False, False, True, True]) == 1.0
    assert auc([4, 3, 2, 1], [False, False, True, True]) == 0.0
    assert auc([1, 1, 1, 1], [False, True, False, True]) == 0.5
    assert auc([0.1, 0.4, 0.35, 0.8], [False, False, True, True]) == 0.75


def test_unscon_auc_beats_vader(shared_dir: Path) -> None:
    module = _eval_module()
    shared_path("data", "unscon", module.CSV.name)
    result = module.evaluate(module.load())
    assert result["all"]["n"] == 2377 and result["all"]["conflict"] == 681
    for name in ("all", "tuning", "held-out"):
        assert result[name]["intensity"] > result[name]["vader"] + 0.05, result


def test_topic_words_count_fully_only_near_threat_or_act_words(scorer: Scorer) -> None:
    alone = scorer.score("The military parade was held.")
    assert [c.source for c in alone.contributions] == ["military", "topic alone"]
    assert alone.raw == pytest.approx(2.0)
    near = scorer.score("Military threats grow.")
    (military,) = [h for h in near.terms if h.term == "military"]
    assert military.weight == 4.0


def test_sports_sentences_add_no_negativity_even_without_terms(scorer: Scorer) -> None:
    assert scorer.score("The team lost badly in the derby.").raw == 0
    assert scorer.score("The team lost badly.").raw > 0  # plain negativity still counts


def test_caller_spans_may_overlap_or_repeat(scorer: Scorer) -> None:
    text = "War. War."
    (s,) = scorer.score_many(text, [(0, len(text))], [(0, 4), (0, 4), (5, 9)])
    assert 0 < s.intensity <= 100
    assert math.fsum(c.points for c in s.contributions) == s.raw
