"""The generated CAMEO data file: up to date, and its entries read right (inflections, synonym
sets, pattern nouns, context-only verbs, ambiguous lemmas)."""

from __future__ import annotations

import os
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tools import build_cameo
from tools.build_cameo import BuildError, Curation, build
from tools.cameo import parse_dictionary, parse_goldstein

DATA = build_cameo.OUT
LICENSE = DATA.with_name("LICENSE-cameo")


@cache
def _data() -> dict[str, Any]:
    return tomllib.loads(DATA.read_text(encoding="utf-8"))


def _category(form: str) -> str | None:
    for category, entries in _data()["terms"].items():
        if form in entries:
            return str(category)
    return None


def _contexts(lemma: str) -> list[dict[str, Any]]:
    data = _data()
    groups = {name for name, lemmas in data["groups"].items() if lemma in lemmas}
    return [e for e in data["context"]["entries"] if e["group"] in groups]


def test_committed_file_is_up_to_date() -> None:
    if not (build_cameo.CAMEO_DIR / "CAMEO.2.0.txt").exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{build_cameo.CAMEO_DIR} is missing, and CI must have ../shared")
        pytest.skip("../shared/data/cameo is not beside this checkout")
    assert DATA.read_text(encoding="utf-8") == build_cameo.generate(), (
        "scoring/data/cameo.toml is out of date: run python -m tools.build_cameo"
    )


def test_header_names_sources_licence_and_how_to_regenerate() -> None:
    head = DATA.read_text(encoding="utf-8")[:3000]
    for needle in ("PETRARCH2", "Open Event Data Alliance", "Andreas Beger", "MIT",
                   "LICENSE-cameo", "python -m tools.build_cameo"):  # fmt: skip
        assert needle in head
    notice = LICENSE.read_text(encoding="utf-8")
    assert notice.count("Permission is hereby granted") == 2
    assert "Open Event Data" in notice and "Andreas Beger" in notice


@pytest.mark.parametrize(
    ("form", "category"),
    [
        # verbs with generated and listed inflections
        ("kidnapped", "force"), ("kidnaps", "force"), ("abducted", "force"),
        ("bombed", "force"), ("shelled", "force"), ("stormed", "force"), ("struck", "force"),
        ("demolished", "force"), ("massacred", "force"), ("ambushed", "force"),
        ("deported", "threat"), ("expelled", "threat"), ("arrested", "threat"),
        ("boycotted", "threat"), ("rioted", "protest"), ("mobilised", "threat"),
        ("accused", "criticism"), ("denounced", "criticism"), ("defied", "challenge"),
        ("fought", "force"), ("funded", "cooperation"), ("requested", "cooperation"),
        ("mediated", "deescalation"), ("ratified", "deescalation"), ("praised", "cooperation"),
        # nouns harvested from patterns, with plurals
        ("curfew", "threat"), ("curfews", "threat"), ("sanctions", "threat"),
        ("tear gas", "force"), ("gunfire", "force"), ("sit-in", "protest"),
        # members of the weapon synonym sets, as topic words
        ("grenade", "military"), ("mortars", "military"), ("howitzer", "military"),
        ("nerve gas", "military"), ("howitzers", "military"),
        # exclusion phrases hide a kept form used in another sense
        ("stormed out", "exclusion"), ("struck a chord", "exclusion"),
    ],
)  # fmt: skip
def test_entries(form: str, category: str) -> None:
    assert _category(form) == category


@pytest.mark.parametrize(
    "form",
    [
        # ambiguous lemmas never score as bare words
        "fire", "fired", "charge", "charged", "hit", "beat", "target", "demonstrate", "blast",
        # base forms that are nouns of another sense
        "storm", "storms", "shell", "strike", "torch", "bar", "butcher", "shot",
        # ordinary verbs of government business and feeling
        "march", "order", "need", "take", "give", "lead", "issue", "mourn", "fail", "delay",
        # idioms and nouns of official language
        "fight", "fights", "abuse", "abuses", "funds", "financing", "conflict",
        # not a word
        ",", "",
    ],
)  # fmt: skip
def test_left_out_as_bare_words(form: str) -> None:
    assert _category(form) is None


def test_context_only_verbs_keep_their_patterns() -> None:
    fire = _contexts("fire")
    assert any(e.get("after") == ["tear gas"] and e["category"] == "force" for e in fire)
    assert any(e.get("after") == ["&weapon"] and e["category"] != "exclusion" for e in fire)
    assert "fired" in _data()["verbs"]["fire"]
    set_fire = _contexts("set")
    assert any(e.get("after") == ["fire"] and e["category"] == "force" for e in set_fire)


def test_patterns_override_the_bare_verb() -> None:
    strike = _contexts("strike")
    deal = [e for e in strike if e.get("after") == ["deal"]]
    assert deal and deal[0]["category"] == "cooperation" and deal[0]["points"] < 0
    killed = [e for e in _contexts("kill") if e.get("after") == ["in", "accident"]]
    assert killed and killed[0]["category"] == "exclusion" and killed[0]["points"] == 0
    assert any(e.get("before") == ["earthquake"] for e in _contexts("kill"))


def test_every_reference_resolves() -> None:
    data = _data()
    for e in data["context"]["entries"]:
        assert e["group"] in data["groups"]
        for word in e.get("before", []) + e.get("after", []):
            assert not word.startswith("&") or word in data["sets"], word
        assert e["category"] in {*(t["category"] for t in data["tiers"]), "exclusion"}
        assert (e["points"] == 0) == (e["category"] == "exclusion")
    for lemmas in data["groups"].values():
        assert all(lemma in data["verbs"] for lemma in lemmas)
    assert data["sets"]["&weapon"] and "rockets" in data["sets"]["&weapon"]
    assert "tear gases" not in data["sets"]["&weapon"]  # TEAR_GAS_ takes no plural


def test_points_follow_goldstein_within_a_tier() -> None:
    data = _data()
    scale = next(t["scale"] for t in data["tiers"] if t["category"] == "force")
    force = data["terms"]["force"]
    # 20x and 181 above the tier floor (18 points before the fitted scale)
    assert force["massacred"] >= force["abducted"] > round(18.0 * scale, 1)
    assert force["bombed"] == round(30.0 * scale, 1)  # 190, Goldstein -10: top of the tier
    threat = _data()["terms"]["threat"]
    assert threat["deported"] < force["abducted"]  # 174 (-5) below 181 (-9)
    for category, entries in _data()["terms"].items():
        if category in {"deescalation", "cooperation"}:
            assert all(p < 0 for p in entries.values())
        elif category == "exclusion":
            assert all(p == 0 for p in entries.values())
        else:
            assert all(p > 0 for p in entries.values())


SAMPLE = """\
&WEAPON
+ROCKET

---  HURT   [190]  ---
ATTACK
BLOW {BLOWS BLEW BLOWN BLOWING}
- * (IN ACCIDENT)  [---]
- * DEAL           [057]
- &WEAPON *        [195]

---  MOVE   [---]  ---
SEND
- * TROOPS [154]
"""
GOLDSTEIN = """\
code,name,goldstein,root_code
057,Sign,8,05
15,POSTURE,-7.2,15
154,Mobilize,-7.2,15
19,FIGHT,-10,19
190,Fight,-10,19
195,Air,-10,19
"""
CURATION = """\
[[tiers]]
category = "force"
roots = ["19"]
goldstein = [-7.0, -10.0]
points = [18.0, 30.0]

[[tiers]]
category = "threat"
roots = ["15"]
goldstein = [-4.0, -8.0]
points = [12.0, 22.0]

[[tiers]]
category = "cooperation"
roots = ["05"]
goldstein = [3.0, 8.0]
points = [-3.0, -8.0]
scale = 2.0

[verbs]
cooperation_keep = []
[verbs.drop]
generic = ["blow"]
[verbs.forms]
[verbs.exclusions]
phrases = ["attack dog"]

[nouns]
force = []
topic_sets = ["&weapon"]
topic_drop = []

[gate]
"""  # fmt: skip


def test_build_on_a_small_dictionary() -> None:
    built = build(parse_dictionary(SAMPLE), parse_goldstein(GOLDSTEIN),
                  Curation.from_toml(CURATION))  # fmt: skip
    assert built.terms["force"] == {"attack": 30.0, "attacks": 30.0, "attacked": 30.0,
                                    "attacking": 30.0}  # fmt: skip
    assert built.terms["military"] == {"rocket": 6.0, "rockets": 6.0}
    assert built.terms["exclusion"] == {"attack dog": 0.0}
    entries = {(tuple(e.get("before", [])), tuple(e.get("after", []))): e for e in built.context}
    # the null pattern and the deal pattern change the bare verb: kept for "attack" only
    # (blow is not a bare word, so a null reading changes nothing for it)
    assert built.groups[str(entries[((), ("in", "accident"))]["group"])] == ("attack",)
    deal = entries[((), ("deal",))]
    assert built.groups[str(deal["group"])] == ("attack", "blow")
    assert deal["category"] == "cooperation" and deal["points"] == -16.0  # scale 2
    # same tier as the bare verb: needed only by the verb that is not bare
    assert built.groups[str(entries[(("&weapon",), ())]["group"])] == ("blow",)
    # a [---] block's verb is kept only with its pattern
    assert "send" not in str(built.terms)
    assert built.groups[str(entries[((), ("troops",))]["group"])] == ("send",)


def test_curation_cannot_add_words_cameo_lacks() -> None:
    bad = CURATION.replace('generic = ["blow"]', 'generic = ["blow", "teleport"]')
    with pytest.raises(BuildError, match="teleport"):
        build(parse_dictionary(SAMPLE), parse_goldstein(GOLDSTEIN), Curation.from_toml(bad))
    bad = CURATION.replace("force = []", 'force = ["rocket"]')
    with pytest.raises(BuildError, match="rocket"):
        build(parse_dictionary(SAMPLE), parse_goldstein(GOLDSTEIN), Curation.from_toml(bad))


def test_check_mode_reports_a_stale_file(tmp_path: Path) -> None:
    if not (build_cameo.CAMEO_DIR / "CAMEO.2.0.txt").exists():
        pytest.skip("../shared/data/cameo is not beside this checkout")
    out = tmp_path / "cameo.toml"
    out.write_text("stale\n", encoding="utf-8")
    assert build_cameo.main(["--check", "--out", str(out)]) == 1
    assert build_cameo.main(["--out", str(out)]) == 0
    assert build_cameo.main(["--check", "--out", str(out)]) == 0
