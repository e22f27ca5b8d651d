"""The illustrative demo corpus: size, spread, arcs, both voices, determinism."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from datetime import date

import pytest

from tension.data.demo import DEMO_NOTICE, demo_corpus_path, iter_demo_articles
from tension.data.demo.build import dumps, generate, load_blocks

KEYS = {"id", "date", "title", "outlet", "url", "text", "pair", "phase"}


@pytest.fixture(scope="module")
def articles() -> list[dict[str, str]]:
    return list(iter_demo_articles())


def test_size_pairs_and_span(articles: list[dict[str, str]]) -> None:
    assert len(articles) >= 300
    assert len({a["pair"] for a in articles}) >= 8
    first, last = date.fromisoformat(articles[0]["date"]), date.fromisoformat(articles[-1]["date"])
    assert (last - first).days >= 3 * 365


def test_records_are_well_formed(articles: list[dict[str, str]]) -> None:
    dates = []
    for a in articles:
        assert set(a) == KEYS, a["id"]
        assert all(isinstance(v, str) and v for v in a.values()), a["id"]
        dates.append(date.fromisoformat(a["date"]))
        assert a["phase"] in {"calm", "spike", "deescalation"}
        assert a["url"].startswith("https://demo.tension-dashboard.invalid/")
        assert "(illustrative)" in a["outlet"]
        paragraphs = a["text"].split("\n\n")
        assert 3 <= len(paragraphs) <= 8, a["id"]
    assert dates == sorted(dates)


def test_ids_urls_and_texts_unique(articles: list[dict[str, str]]) -> None:
    assert [a["id"] for a in articles] == [f"demo-{i:04d}" for i in range(1, len(articles) + 1)]
    assert len({a["url"] for a in articles}) == len(articles)
    assert len({a["text"] for a in articles}) == len(articles)
    assert len({(a["title"], a["text"]) for a in articles}) == len(articles)


def test_every_pair_has_calm_and_spike(articles: list[dict[str, str]]) -> None:
    phases: dict[str, set[str]] = defaultdict(set)
    for a in articles:
        phases[a["pair"]].add(a["phase"])
    for pair, seen in phases.items():
        assert {"calm", "spike", "deescalation"} <= seen, pair


def test_spikes_are_louder_than_calm_in_volume(articles: list[dict[str, str]]) -> None:
    """Spikes are short and dense; calm stretches are long and sparse."""
    per_pair: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for a in articles:
        per_pair[a["pair"]][a["phase"]].add(a["date"][:7])
        counts[a["pair"]][a["phase"]] += 1
    for pair in per_pair:
        spike_rate = counts[pair]["spike"] / len(per_pair[pair]["spike"])
        calm_rate = counts[pair]["calm"] / len(per_pair[pair]["calm"])
        assert spike_rate > calm_rate, pair


def _speaker_patterns(code: str) -> list[re.Pattern[str]]:
    country = load_blocks()["country"][code]
    names = {o["name"] for o in country["officials"]}
    words = [re.escape(n) for n in sorted(names)]
    words += [re.escape(f"the {country['adj']} {b}") for b in country["bodies"]]
    words += [re.escape(f"{country['name']}'s {b}") for b in country["bodies"]]
    return [re.compile(rf"(?i)\b{w}\b") for w in words]


def test_both_sides_speak_in_every_pair(articles: list[dict[str, str]]) -> None:
    blocks = load_blocks()
    by_pair: dict[str, list[str]] = defaultdict(list)
    for a in articles:
        by_pair[a["pair"]].append(a["text"])
    assert set(by_pair) == set(blocks["pair"])
    for pair, texts in by_pair.items():
        spec = blocks["pair"][pair]
        for code in (spec["a"], spec["b"]):
            patterns = _speaker_patterns(code)
            attributed = [
                t for t in texts if any(p.search(t) for p in patterns) and re.search(r"\bsaid\b", t)
            ]
            # a voice in a good share of the pair's coverage, not a one-off
            assert len(attributed) >= len(texts) // 4, (pair, code, len(attributed))


def test_officials_are_quoted_only_while_in_office(articles: list[dict[str, str]]) -> None:
    blocks = load_blocks()
    for pair, spec in blocks["pair"].items():
        for code in (spec["a"], spec["b"]):
            country = blocks["country"][code]
            for official in country["officials"]:
                role_name = f"{country['adj']} {official['role']} {official['name']}"
                # names shared by several tenures (same person, same role) are skipped
                same = [
                    o
                    for o in country["officials"]
                    if o["name"] == official["name"] and o["role"] == official["role"]
                ]
                if len(same) > 1:
                    continue
                for a in articles:
                    if a["pair"] != pair or role_name not in a["text"]:
                        continue
                    if "from" in official:
                        assert a["date"] >= official["from"], (a["id"], role_name)
                    if "to" in official:
                        assert a["date"] <= official["to"], (a["id"], role_name)


def test_some_syndicated_near_copies(articles: list[dict[str, str]]) -> None:
    """A few stories appear in more than one outlet, with the body after the lead shared."""
    bodies: dict[str, set[str]] = defaultdict(set)
    for a in articles:
        bodies[a["text"].split("\n\n", 1)[1]].add(a["outlet"])
    shared = sum(1 for outlets in bodies.values() if len(outlets) > 1)
    assert 0.02 * len(articles) <= shared <= 0.1 * len(articles)


def test_committed_corpus_matches_generator() -> None:
    """Determinism: the committed corpus is exactly what build.py writes."""
    expected = dumps(generate())
    assert demo_corpus_path().read_text(encoding="utf-8") == expected
    assert dumps(generate()) == expected


def test_notice_says_illustrative() -> None:
    assert "illustrative" in DEMO_NOTICE.lower()
    assert "not real reporting" in DEMO_NOTICE.lower()


def test_lines_are_plain_json_objects() -> None:
    for line in demo_corpus_path().read_text(encoding="utf-8").splitlines():
        assert isinstance(json.loads(line), dict)


ESCALATION = re.compile(
    r"(?i)aggression|retaliat|condemn|red line|accus|summon|threat|decisive response"
    r"|will not go unanswered|cost it dearly|consequences"
)


def test_spikes_use_escalation_language_and_calm_does_not(articles: list[dict[str, str]]) -> None:
    share: dict[str, list[bool]] = defaultdict(list)
    for a in articles:
        share[a["phase"]].append(bool(ESCALATION.search(a["text"])))
    rate = {phase: sum(hits) / len(hits) for phase, hits in share.items()}
    assert rate["spike"] > 0.8, rate
    assert rate["calm"] < 0.1, rate
    assert rate["deescalation"] < rate["spike"], rate
