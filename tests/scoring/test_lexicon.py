"""The lexicon file: format, user overrides, versioning and error messages."""

from __future__ import annotations

import hashlib
import tomllib
from importlib import resources

import pytest

from tension.scoring import LexiconError, Scorer, load_lexicon
from tension.scoring.lexicon import base_lexicon


def test_base_lexicon_is_versioned_tiered_data() -> None:
    lex = load_lexicon()
    assert lex is base_lexicon()  # built once
    raw = tomllib.loads(
        resources.files("tension.scoring").joinpath("data/lexicon.toml").read_text()
    )
    assert lex.version == raw["version"]
    kinds = dict(lex.categories)
    assert kinds["force"] == kinds["threat"] == kinds["concern"] == "escalation"
    assert kinds["deescalation"] == kinds["cooperation"] == "deescalation"
    # tiers: concern < criticism/protest < threat < force (typical entries)
    w = {t.key: t.weight for t in lex.terms}
    assert w["regret"] < w["condemn*"] < w["ultimatum*"] < w["act of aggression"]
    assert w["concern"] < w["summoned the ambassador"] < w["retaliat*"]
    for key in (
        "dialogue",
        "restraint",
        "condolence*",
        "neighborly",
        "neighbourly",
        "cessation of hostilities",
        "de-escalation",
        "agreement",
    ):
        assert w[key] < 0, key
    assert w["price war"] == 0


def test_user_lexicon_adds_changes_and_removes_terms() -> None:
    user = """
[categories]
insult = "escalation"

[terms.insult]
"warmonger*" = 15

[terms.threat]
"ultimatum*" = 30          # changed weight

[remove]
terms = ["war", "concern"]

[rules]
intensifier_factor = 2.0
"""
    lex = load_lexicon(user, source="my.toml")
    w = {t.key: t for t in lex.terms}
    assert w["warmonger*"].category == "insult" and w["warmonger*"].weight == 15
    assert w["ultimatum*"].weight == 30
    assert "war" not in w and "concern" not in w
    assert lex.rules.intensifier_factor == 2.0
    digest = hashlib.sha256(user.encode()).hexdigest()[:8]
    assert lex.version == f"{load_lexicon().version}+{digest}"

    score = Scorer(lex).score("Warmongers issued an ultimatum. War.")
    # (plus the CAMEO event "issued … ultimatum [139]", counted once with the ultimatum)
    assert [h.term for h in score.terms if "[" not in h.term] == ["warmonger*", "ultimatum*"]
    assert score.lexicon_version == lex.version


def test_user_lexicon_can_move_a_term_to_another_category() -> None:
    lex = load_lexicon('[terms.concern]\n"war" = 3\n')
    (war,) = [t for t in lex.terms if t.key == "war"]
    assert (war.category, war.weight) == ("concern", 3)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[terms.threat]\n"sabre-rattling" = 20\n"saber" = "high"\n',
            "my.toml line 3: weight must be a finite number, got 'high'",
        ),
        (
            "\n[terms.threat]\nwarn = true\n",
            "my.toml line 3: weight must be a finite number, got bool True",
        ),
        (
            '[terms.nonsense]\n"x" = 1\n',
            "my.toml line 1: unknown category 'nonsense' (declare it in [categories] first)",
        ),
        (
            '[categories]\n\nrude = "bad"\n',
            "my.toml line 3: category 'rude': kind must be one of escalation, deescalation, "
            "exclusion, got 'bad'",
        ),
        (
            '[terms.force]\n"hug" = -5\n',
            "my.toml line 2: 'hug': escalation weights must be >= 0, got -5 "
            "(put it in a deescalation category)",
        ),
        (
            '[terms.cooperation]\n"friendly" = 4\n',
            "my.toml line 2: 'friendly': deescalation weights must be <= 0, got 4",
        ),
        (
            '[remove]\nterms = ["no such word"]\n',
            "my.toml line 2: cannot remove 'no such word': no such term",
        ),
        (
            '[rules]\nhedge_factor = "low"\n',
            "my.toml line 2: hedge_factor must be a finite number, got 'low'",
        ),
        # non-finite numbers (TOML nan and inf) everywhere a number is read: a NaN factor
        # scored hostile text 0 and stored NaN
        ("[rules]\nhedge_factor = nan\n", "my.toml line 2: hedge_factor must be a finite number"),
        ("[rules]\nintensifier_factor = inf\n", "my.toml line 2: intensifier_factor must be"),
        ("[rules]\nrepetition_factor = -inf\n", "my.toml line 2: repetition_factor must be"),
        (
            "[rules]\nsentiment_weights = [1.0, nan]\n",
            "my.toml line 2: sentiment_weights must be a list of finite numbers",
        ),
        ('[terms.threat]\n"x" = nan\n', "my.toml line 2: weight must be a finite number"),
        ('[terms.threat]\n"x" = inf\n', "my.toml line 2: weight must be a finite number"),
        (
            "[rules]\nnegation_window = 99\n",
            "my.toml line 2: negation_window must be a whole number from 0 to 20, got int 99",
        ),
        ('[rules]\nnegators = "not"\n', "my.toml line 2: negators must be a list of strings"),
        ("[rules]\nsarcasm = 1\n", "my.toml line 2: unknown rule setting 'sarcasm'"),
        (
            '[terms.threat]\n"*" = 3\n',
            "my.toml line 2: bad term '*': a term needs letters or digits and may end with one "
            "'*' only",
        ),
        ('version = "9"\n', "my.toml line 1: a user lexicon has no version"),
        ("[extras]\na = 1\n", "my.toml line 1: unknown section 'extras'"),
    ],
)
def test_bad_user_lexicon_names_line_and_problem(text: str, message: str) -> None:
    with pytest.raises(LexiconError) as err:
        load_lexicon(text, source="my.toml")
    assert str(err.value).startswith(message)
    assert isinstance(err.value, ValueError)


def test_toml_syntax_error_names_the_line() -> None:
    with pytest.raises(LexiconError, match=r"^my\.toml line 3: "):
        load_lexicon('[terms.threat]\n"a" = 1\n"b" = = 2\n', source="my.toml")


def test_default_source_name() -> None:
    with pytest.raises(LexiconError, match=r"^<user lexicon> line 1: "):
        load_lexicon("[terms.threat\n")


def test_empty_user_lexicon_changes_only_the_version() -> None:
    lex = load_lexicon("", source="empty.toml")
    assert lex.terms == load_lexicon().terms
    assert lex.version.startswith(load_lexicon().version + "+")
