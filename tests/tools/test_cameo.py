"""Reading the CAMEO dictionary format and the Goldstein table (small made-up inputs)."""

from __future__ import annotations

import re

import pytest

from tools.cameo import CameoFormatError, Slot, parse_dictionary, parse_goldstein, primary_code

SAMPLE = """\
# a comment line
&WEAPON
+ROCKET
+TEAR_GAS_

&DOER_
+AGENT

---  HURT   [180]  ---
+BEAT_UP {+BEATS_UP +BEAT_UP +BEATING_UP } [182]
INJURE   # a trailing comment
MAIM {MAIMS, MAIMED, MAIMING}
SMITE {SMITES SMOTE SMITTEN SMITING} [190]
- * (IN ACCIDENT)                  [---]   # INJURE
- &WEAPON *                        [183]   # MAIM
- * {POLICE OFFICER} (WITH &WEAPON) [042:043]  # SMITE
- $ * + (AT ^)                     [:110]
- *SEVERELY                        [190]

---  GREET   [---]---
HAIL ; old style comment
- * DECISION [051]

######## TRANSFORMATIONS ##########
~ a (a b HURT) SAY = a b 015
"""


def test_blocks_verbs_and_codes() -> None:
    d = parse_dictionary(SAMPLE)
    assert [b.name for b in d.blocks] == ["hurt", "greet"]
    hurt, greet = d.blocks
    assert hurt.code == "180" and greet.code == "---"
    verbs = {v.lemma: v for v in hurt.verbs}
    assert verbs["beat up"].forms == ("beats up", "beat up", "beating up")
    assert verbs["beat up"].code == "182"
    assert verbs["injure"].forms is None and verbs["injure"].code is None
    assert verbs["maim"].forms == ("maims", "maimed", "maiming")  # commas between forms
    assert verbs["smite"].code == "190"
    assert [v.lemma for v in greet.verbs] == ["hail"]  # ";" comment dropped


def test_patterns() -> None:
    hurt = parse_dictionary(SAMPLE).blocks[0]
    p = {x.line: x for x in hurt.patterns}
    null, weapon, phrase, actors, glued = (p[n] for n in sorted(p))
    assert null.code == "---" and null.after == (Slot("in"), Slot("accident"))
    assert null.verb_hint == "injure"
    assert weapon.before == (Slot("&weapon"),) and weapon.after == ()
    assert phrase.after == (Slot("police officer"), Slot("with"), Slot("&weapon"))
    assert phrase.code == "042"  # first of a:b
    assert actors.code == "110"  # [:110]
    assert [s.is_actor for s in actors.before + actors.after] == [True, True, False, True]
    assert glued.after == (Slot("severely"),)  # "*SEVERELY": the star is its own token


def test_synsets_and_plural_marks() -> None:
    d = parse_dictionary(SAMPLE)
    assert d.synsets["&weapon"] == ("rocket", "tear gas")
    assert "tear gas" in d.no_plural and "rocket" not in d.no_plural
    assert "&doer" in d.no_plural  # label ending with "_"


def test_transformations_are_not_read() -> None:
    d = parse_dictionary(SAMPLE)
    assert all("say" not in {v.lemma for v in b.verbs} for b in d.blocks)


@pytest.mark.parametrize(
    ("raw", "code"),
    [("190", "190"), ("042:043", "042"), (":110", "110"), ("---", "---"), ("080!", "080")],
)
def test_primary_code(raw: str, code: str) -> None:
    assert primary_code(raw) == code


@pytest.mark.parametrize("raw", ["", ":", "abc", "19x"])
def test_bad_codes(raw: str) -> None:
    with pytest.raises(CameoFormatError):
        primary_code(raw)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("INJURE\n", "before the first verb block"),
        ("---  X   [180]  ---\nINJURE HURT\n", "line 2: cannot read verb line"),
        ("---  X   [180]  ---\nINJURE\n- * * [180]\n", "line 3: a pattern needs exactly one"),
        ("---  X   [180]  ---\nINJURE\n- * ROCKET\n", "line 3: pattern without a [code]"),
        ("# nothing\n", "no verb block"),
    ],
)
def test_format_errors_name_the_line(text: str, message: str) -> None:
    with pytest.raises(CameoFormatError, match=re.escape(message)):
        parse_dictionary(text)


def test_goldstein_table() -> None:
    table = parse_goldstein("code,name,goldstein,root_code\n18,ASSAULT,-9,18\n181,Abduct,-9,18\n")
    assert table["181"].weight == -9.0 and table["181"].root == "18"
    with pytest.raises(CameoFormatError, match="columns"):
        parse_goldstein("code,weight\n18,-9\n")
    with pytest.raises(CameoFormatError, match="line 2"):
        parse_goldstein("code,name,goldstein,root_code\n18,ASSAULT,-19,18\n")
    with pytest.raises(CameoFormatError, match="bad weight"):
        parse_goldstein("code,name,goldstein,root_code\n18,ASSAULT,high,18\n")
