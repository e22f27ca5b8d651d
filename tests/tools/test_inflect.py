"""The inflection generator of the CAMEO build: spelling rules, table-driven, with negatives."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tools.inflect import noun_plural, verb_forms

# lemma -> every form the generator must give (order: lemma, -s, past, -ing)
REGULAR = [
    ("attack", ("attack", "attacks", "attacked", "attacking")),
    ("bomb", ("bomb", "bombs", "bombed", "bombing")),
    ("seize", ("seize", "seizes", "seized", "seizing")),  # e dropped before -ing
    ("demolish", ("demolish", "demolishes", "demolished", "demolishing")),  # -es after sh
    ("fix", ("fix", "fixes", "fixed", "fixing")),
    ("carry", ("carry", "carries", "carried", "carrying")),  # consonant + y
    ("deploy", ("deploy", "deploys", "deployed", "deploying")),  # vowel + y stays
    ("ban", ("ban", "bans", "banned", "banning")),  # one syllable CVC doubles
    ("stab", ("stab", "stabs", "stabbed", "stabbing")),
    ("quit", ("quit", "quits", "quitted", "quitting")),  # qu is a consonant
    ("regret", ("regret", "regrets", "regretted", "regretting")),  # stressed last syllable
    ("kidnap", ("kidnap", "kidnaps", "kidnapped", "kidnapping")),
    ("occur", ("occur", "occurs", "occurred", "occurring")),
    ("panic", ("panic", "panics", "panicked", "panicking")),  # c -> ck
    ("die", ("die", "dies", "died", "dying")),  # ie -> ying
    ("free", ("free", "frees", "freed", "freeing")),  # ee keeps its e
    ("dye", ("dye", "dyes", "dyed", "dyeing")),
    ("singe", ("singe", "singes", "singed", "singeing")),
    ("veto", ("veto", "vetoes", "vetoed", "vetoing")),  # consonant + o
    ("blow up", ("blow up", "blows up", "blowed up", "blowing up")),  # phrase: first word
    (
        "cancel",  # British doubles a final l, American does not: both are in print
        ("cancel", "cancels", "canceled", "cancelled", "canceling", "cancelling"),
    ),
]

# lemma -> forms that must NOT be generated (the classic mistakes)
NEGATIVE = [
    ("visit", {"visitted", "visitting"}),  # unstressed last syllable: no doubling
    ("target", {"targetted", "targetting"}),
    ("open", {"openned", "openning"}),
    ("offer", {"offerred"}),
    ("vow", {"vowwed", "vowwing"}),  # w, x, y never double
    ("fix", {"fixxed", "fixs"}),
    ("deploy", {"deploied", "deploies"}),
    ("seize", {"seizeing", "seizeed"}),
    ("agree", {"agreing", "agreeed"}),
    ("storm", {"stormmed"}),
    ("shell", {"shellled"}),
    ("bar", {"bared", "baring"}),  # would be forms of "bare"
    ("plan", {"planed", "planing"}),  # would be forms of "plane"
]


@pytest.mark.parametrize(("lemma", "forms"), REGULAR)
def test_regular_forms(lemma: str, forms: tuple[str, ...]) -> None:
    assert verb_forms(lemma) == forms


@pytest.mark.parametrize(("lemma", "wrong"), NEGATIVE)
def test_no_wrong_forms(lemma: str, wrong: set[str]) -> None:
    assert not wrong & set(verb_forms(lemma))


@pytest.mark.parametrize(
    ("lemma", "listed", "expected"),
    [
        # a listed past replaces the regular one; -s and -ing are added when not listed
        ("strike", ("strikes", "struck", "striking"), ("strike", "strikes", "struck", "striking")),
        (
            "blow",
            ("blow", "blown", "blew", "blowing"),
            ("blow", "blows", "blown", "blew", "blowing"),
        ),
        ("slay", ("slays", "slain", "slaying"), ("slay", "slays", "slain", "slaying")),
        ("put", ("puts", "putting"), ("put", "puts", "putting")),
        ("killed and", (), ("killed and",)),  # {}: this phrase only
    ],
)
def test_listed_irregular_forms(
    lemma: str, listed: tuple[str, ...], expected: tuple[str, ...]
) -> None:
    assert verb_forms(lemma, listed) == expected
    assert "striked" not in verb_forms("strike", ("strikes", "struck", "striking"))


@pytest.mark.parametrize(
    ("noun", "plural"),
    [
        ("curfew", "curfews"),
        ("tear gas", "tear gases"),
        ("militia", "militias"),
        ("city", "cities"),
        ("convoy", "convoys"),  # vowel + y: no -ies
        ("crash", "crashes"),
        ("blitz", "blitzes"),
    ],
)
def test_noun_plural(noun: str, plural: str) -> None:
    assert noun_plural(noun) == plural


@pytest.mark.parametrize("bad", ["", "   "])
def test_empty_input_is_an_error(bad: str) -> None:
    with pytest.raises(ValueError):
        verb_forms(bad)
    with pytest.raises(ValueError):
        noun_plural(bad)


@given(st.from_regex(r"[a-z]{2,12}", fullmatch=True))
def test_forms_start_with_the_lemma_and_share_its_stem(lemma: str) -> None:
    forms = verb_forms(lemma)
    assert forms[0] == lemma
    assert len(set(forms)) == len(forms)
    stem = lemma[:-2] if len(lemma) > 2 else lemma[:1]
    assert all(f.startswith(stem) for f in forms)
    assert any(f.endswith("ing") for f in forms)
    assert any(f.endswith("s") for f in forms[1:])
