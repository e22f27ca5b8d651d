"""The two seed articles: every government statement goes to the right country and direction.

The seeds are read from ../shared at run time (never copied here); the test skips without them.
"""

from __future__ import annotations

import pytest

from tension.scoring import Statement, analyze, extract_statements
from tests.helpers import shared_path

AP = "000_0e8a900d626b4517.txt"  # drones on Nakhchivan (2026)
CPC = "004_861e8f243012dc2e.txt"  # warplane along the border (2023)


def _seed(name: str) -> str:
    return shared_path("seeds", name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def ap() -> tuple[Statement, ...]:
    return extract_statements(_seed(AP))


@pytest.fixture(scope="module")
def cpc() -> tuple[Statement, ...]:
    return extract_statements(_seed(CPC))


def _by_speaker(statements: tuple[Statement, ...], word: str) -> list[Statement]:
    found = [s for s in statements if s.speaker and word in s.speaker]
    assert found, f"no statement by a speaker matching {word!r}"
    return found


def _direction(s: Statement, source: str, target: str) -> None:
    assert s.speaker_country == source, (s.speaker, s.text[:80])
    assert target in s.target_countries, (s.speaker, s.target_countries, s.text[:80])


@pytest.mark.parametrize(
    ("speaker", "source", "target"),
    [
        ("Aliyev", "AZE", "IRN"),
        ("Azerbaijan’s Foreign Ministry", "AZE", "IRN"),
        ("Defense Ministry", "AZE", "IRN"),
        ("Baku", "AZE", "IRN"),
        ("general staff", "IRN", "AZE"),
        ("Tehran", "IRN", "AZE"),
        ("Erdogan", "TUR", "IRN"),
        ("Turkish Foreign Ministry", "TUR", "IRN"),
    ],
)
def test_ap_government_statements(
    ap: tuple[Statement, ...], speaker: str, source: str, target: str
) -> None:
    for s in _by_speaker(ap, speaker):
        _direction(s, source, target)


def test_ap_he_added_goes_to_aliyev(ap: tuple[Statement, ...]) -> None:
    added = [s for s in ap if s.text.startswith("He added") and "neighboring countries" in s.text]
    assert len(added) == 1
    assert added[0].speaker and "Aliyev" in added[0].speaker
    _direction(added[0], "AZE", "IRN")


def test_ap_analyst_speaks_for_no_country(ap: tuple[Statement, ...]) -> None:
    for s in _by_speaker(ap, "Bikarski"):
        assert s.speaker_country is None, s.text[:80]
    for s in ap:
        if "Bikarski" in s.text or "plausible target" in s.text:
            assert s.speaker_country is None, s.text[:80]


def test_ap_every_attributed_government_statement_is_azerbaijan_iran_or_turkey(
    ap: tuple[Statement, ...],
) -> None:
    expected = {"AZE": "IRN", "IRN": "AZE", "TUR": "IRN"}
    for s in ap:
        if s.kind == "narration" or s.speaker_country is None:
            continue
        _direction(s, s.speaker_country, expected[s.speaker_country])


@pytest.mark.parametrize(
    ("speaker", "source", "target"),
    [
        ("Azerbaijan’s Foreign Ministry", "AZE", "IRN"),
        ("Kanani", "IRN", "AZE"),
        ("Aliyev", "AZE", "IRN"),
        ("Ambassador in Israel", "AZE", "IRN"),
    ],
)
def test_cpc_government_statements(
    cpc: tuple[Statement, ...], speaker: str, source: str, target: str
) -> None:
    for s in _by_speaker(cpc, speaker):
        _direction(s, source, target)


def test_seed_articles_are_about_azerbaijan_and_iran() -> None:
    for name in (AP, CPC):
        result = analyze(_seed(name))
        assert result.countries[:2] in (("AZE", "IRN"), ("IRN", "AZE"))
        assert ("AZE", "IRN") in result.pairs
