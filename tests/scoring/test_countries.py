"""Country mentions: names, demonyms, capitals, institutions, officials and every ambiguity rule."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tension.scoring import find_countries, load_officials
from tension.scoring.countries import country_name, default_matcher
from tension.scoring.officials import OfficialsError


def codes(text: str, date: dt.date | None = None) -> list[str]:
    return [m.code for m in find_countries(text, date)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # names, official names, short forms
        ("Azerbaijan and Iran traded accusations.", ["AZE", "IRN"]),
        ("The Islamic Republic of Iran replied.", ["IRN"]),
        ("Talks between the Russian Federation and the United States.", ["RUS", "USA"]),
        ("The U.S. and the UK agreed.", ["USA", "GBR"]),
        ("Turkey, also called Türkiye, hosted the summit.", ["TUR", "TUR"]),
        ("Kosovo, Taiwan and Palestine were on the agenda.", ["XKX", "TWN", "PSE"]),
        ("Ivory Coast and Côte d'Ivoire are one country.", ["CIV", "CIV"]),
        # demonyms
        ("Azerbaijani troops and Iranian drones.", ["AZE", "IRN"]),
        ("An Azeri official spoke.", ["AZE"]),
        # capitals and seats of government as metonyms
        ("Baku summoned the envoy while Tehran stayed silent.", ["AZE", "IRN"]),
        ("The Kremlin said the White House was wrong.", ["RUS", "USA"]),
        # institutions
        ("Iran's general staff denied it.", ["IRN"]),
        # officials
        ("Aliyev spoke to Araghchi before Erdogan called.", ["AZE", "IRN", "TUR"]),
        # Niger vs Nigeria
        ("Niger and Nigeria share a border.", ["NER", "NGA"]),
        ("The Nigerien junta and Nigerian officials met.", ["NER", "NGA"]),
        # Guinea family
        (
            "Guinea, Guinea-Bissau, Equatorial Guinea and Papua New Guinea.",
            ["GIN", "GNB", "GNQ", "PNG"],
        ),
        # Congo
        ("The Democratic Republic of Congo accused Rwanda.", ["COD", "RWA"]),
        ("The Republic of the Congo and Brazzaville.", ["COG", "COG"]),
        ("Fighting in Congo spread.", ["COD"]),
        ("Brazzaville said Congo would not take sides.", ["COG", "COG"]),
        ("Kinshasa said Congo would respond.", ["COD", "COD"]),
        # Korea
        ("North Korea fired a missile; South Korea protested.", ["PRK", "KOR"]),
        ("Korea's exports rose.", ["KOR"]),
        ("Pyongyang said Korea would never disarm.", ["PRK", "PRK"]),
        ("North Korean troops and South Korean police.", ["PRK", "KOR"]),
        ("Korean troops crossed.", ["KOR"]),
        # Georgia the country
        (
            "Georgia accused Russia of occupying its territory; Tbilisi protested.",
            ["GEO", "RUS", "GEO"],
        ),
        ("Georgian Prime Minister Irakli Kobakhidze spoke.", ["GEO", "GEO"]),
        # Jordan the country
        ("Jordan closed its airspace.", ["JOR"]),
        ("Talks ended in Istanbul. Israel's envoy left.", ["ISR"]),
        ("King Abdullah of Jordan met Israeli officials in Amman.", ["JOR", "JOR", "ISR", "JOR"]),
        # Chad the country
        ("Chad expelled French troops.", ["TCD", "FRA"]),
        # Washington as government
        ("Washington imposed new sanctions on Iran.", ["USA", "IRN"]),
        ("Officials in Washington, D.C. said so.", ["USA"]),
    ],
)
def test_finds_countries(text: str, expected: list[str]) -> None:
    assert codes(text) == expected


@pytest.mark.parametrize(
    ("text", "not_expected"),
    [
        # Georgia the US state
        ("Voters in Atlanta, Georgia went to the polls.", "GEO"),
        ("The governor of Georgia signed the bill.", "GEO"),
        ("Georgia Tech won the game.", "GEO"),
        # Jordan as a person's name
        ("Michael Jordan retired in 2003.", "JOR"),
        ("Jordan Peterson gave a talk.", "JOR"),
        # Chad as a first name
        ("Chad Smith played the drums.", "TCD"),
        ("The company hired Chad Johnson.", "TCD"),
        # turkey the bird, china the porcelain
        ("We ate turkey and served it on fine china.", "TUR"),
        ("We ate turkey and served it on fine china.", "CHN"),
        # Niger river and delta, Nigeria never matched inside Nigerien
        ("Oil spills in the Niger Delta.", "NER"),
        ("Nigerien troops patrolled.", "NGA"),
        # Guinea inside other names
        ("Papua New Guinea held elections.", "GIN"),
        ("Guinea-Bissau held elections.", "GIN"),
        ("A guinea pig escaped.", "GIN"),
        ("The island of New Guinea is large.", "GIN"),
        # Washington the state, the newspaper, the person
        ("Wildfires spread in Washington state.", "USA"),
        ("Rain again in Seattle, Washington today.", "USA"),
        ("The Washington Post reported it.", "USA"),
        ("George Washington crossed the river.", "USA"),
        ("Denzel Washington won an award.", "USA"),
        # Congo river, Korean war
        ("They sailed up the Congo River.", "COD"),
        ("Veterans of the Korean War met.", "KOR"),
        # Azeri population inside Iran is an ethnic group, not Azerbaijan
        ("Iran has a large Azeri population in the north.", "AZE"),
        ("Ethnic Azeris make up a quarter of Iran.", "AZE"),
        ("Azerbaijanis in Iran protested.", "AZE"),
        ("The president has an Azeri father.", "AZE"),
        # "us" is not the US
        ("Tell us what happened.", "USA"),
        # New Mexico is not Mexico
        ("Drought in New Mexico.", "MEX"),
    ],
)
def test_ambiguous_names_are_not_countries_here(text: str, not_expected: str) -> None:
    assert not_expected not in codes(text)


def test_offsets_point_at_the_text() -> None:
    text = "On Monday Azerbaijan’s Foreign Ministry said Tehran lied."
    mentions = find_countries(text)
    for m in mentions:
        assert text[m.start : m.end] == m.text
    first = mentions[0]
    assert (first.code, first.text, first.via) == (
        "AZE",
        "Azerbaijan’s Foreign Ministry",
        "institution",
    )
    assert [m.via for m in mentions] == ["institution", "capital"]


def test_via_says_how_each_mention_was_recognised() -> None:
    vias = {m.text: m.via for m in find_countries("Iran, Iranian, Tehran, Araghchi, the Kremlin.")}
    assert vias == {
        "Iran": "name",
        "Iranian": "demonym",
        "Tehran": "capital",
        "Araghchi": "official",
        "the Kremlin": "institution",
    }


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (dt.date(2020, 6, 1), []),  # before Pezeshkian took office
        (dt.date(2025, 6, 1), ["IRN"]),
        (None, ["IRN"]),
    ],
)
def test_officials_with_a_date_range_depend_on_the_article_date(
    date: dt.date | None, expected: list[str]
) -> None:
    assert codes("Pezeshkian spoke.", date) == expected


def test_raisi_counts_only_while_in_office() -> None:
    assert codes("Raisi spoke.", dt.date(2022, 1, 1)) == ["IRN"]
    assert codes("Raisi spoke.", dt.date(2025, 1, 1)) == []


def test_an_office_can_move_a_person_to_no_country() -> None:
    assert codes("Rutte said.", dt.date(2023, 1, 1)) == ["NLD"]
    assert codes("Rutte said.", dt.date(2025, 1, 1)) == []  # NATO chief: no country
    assert codes("Guterres said.") == []


def test_users_extend_officials_with_their_own_toml() -> None:
    extra = """
[[official]]
names = ["Jane Example", "Example"]
country = "NOR"
from = 2024-01-01
to = 2024-12-31
"""
    officials = load_officials(extra)
    assert [m.code for m in find_countries("Example said.", dt.date(2024, 5, 1), officials)] == [
        "NOR"
    ]
    assert find_countries("Example said.", dt.date(2026, 5, 1), officials) == ()
    assert find_countries("Example said.") == ()  # the default list is untouched
    assert officials.country_of("aliyev") == "AZE"


def test_a_user_entry_can_hand_an_office_to_someone_new() -> None:
    extra = """
[[official]]
names = ["Smithers"]
country = "GBR"
to = 2020-12-31
[[official]]
names = ["Smithers"]
country = "CAN"
from = 2021-01-01
"""
    officials = load_officials(extra)
    assert officials.country_of("Smithers", dt.date(2019, 1, 1)) == "GBR"
    assert officials.country_of("Smithers", dt.date(2022, 1, 1)) == "CAN"
    assert officials.country_of("Smithers") == "CAN"  # no date: the latest holder


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[[official]]\nnames = []\ncountry = 'AZE'", "'names' must be a non-empty list"),
        (
            "[[official]]\nnames = ['X']\ncountry = 'Azerbaijan'",
            "extra officials line 3: official #1: 'country' 'Azerbaijan' is not an ISO 3166",
        ),
        (
            "[[official]]\nnames = ['X']\ncountry = 'AZE'\nfrom = 'soon'",
            "extra officials line 4: official #1: 'from': 'soon' is not an ISO date",
        ),
        ("[[official]\n", "extra officials line 1: "),
        # each of these gave a traceback (AttributeError) or was accepted before
        (
            "[[official]]\nnames = ['X']\ncountry = 'ZZZ'",
            "extra officials line 3: official #1: 'country' 'ZZZ' is not an ISO 3166 alpha-3 "
            'code (such as IRN or AZE; "" for an international body)',
        ),
        (
            "[[official]]\nnames = ['A']\ncountry = 'AZE'\n\n[[official]]\nnames = ['B']\n"
            "country = 'QQQ'",
            "extra officials line 7: official #2: 'country' 'QQQ'",
        ),
        ("official = 'Quill'", "extra officials line 1: 'official' must be [[official]] tables"),
        ("[official]\nnames = ['X']\ncountry = 'AZE'", "'official' must be [[official]] tables"),
        ("official = [1, 2]", "official #1: each official must be a table"),
        (
            "[[official]]\nname = ['X']\ncountry = 'AZE'",
            "extra officials line 2: official #1: unknown key 'name' (expected names, country,",
        ),
        ("[people]\nx = 1", "extra officials line 1: unknown section 'people'"),
        ("[[official]]\nnames = ['X']\ncountry = 7", "'country' must be an ISO alpha-3 code"),
        (
            "[[official]]\nnames = ['X']\ncountry = 'AZE'\nfrom = 2024-01-01\nto = 2023-01-01",
            "extra officials line 5: official #1: 'to' is before 'from'",
        ),
    ],
)
def test_bad_officials_toml_is_a_named_error(toml: str, message: str) -> None:
    with pytest.raises(OfficialsError, match=re.escape(message)):
        load_officials(toml)


def test_known_codes_in_any_case_and_international_bodies_are_accepted() -> None:
    extra = (
        "[[official]]\nnames = ['Vjosa Test']\ncountry = 'xkx'\n"
        "[[official]]\nnames = ['Envoy Test']\ncountry = ''\n"
    )
    officials = load_officials(extra)
    assert officials.country_of("Vjosa Test") == "XKX"
    assert [o.country for o in officials.by_name()["envoy test"]] == [""]  # no country


def test_equal_officials_lists_share_one_matcher() -> None:
    extra = '[[official]]\nnames = ["Jane Roe"]\ncountry = "FRA"\n'
    a, b = load_officials(extra), load_officials(extra)
    assert a is not b and a == b and hash(a) == hash(b)
    assert default_matcher(a) is default_matcher(b)
    assert load_officials() != a
    assert default_matcher(load_officials()) is not default_matcher(a)


def test_country_names_are_readable() -> None:
    assert country_name("IRN") == "Iran"
    assert country_name("XKX") == "Kosovo"
    assert country_name("COD") != "Congo, The Democratic Republic of the"


_WORDS = st.sampled_from(
    ["Iran", "said", "the", "Azerbaijan", "Georgia", "Jordan", "Chad", "Tehran", "’s", ",", "."]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, max_size=30).map(" ".join))
def test_mentions_are_ordered_non_overlapping_and_exact(text: str) -> None:
    mentions = find_countries(text)
    last = -1
    for m in mentions:
        assert text[m.start : m.end] == m.text
        assert m.start >= last
        last = m.end
        assert re.fullmatch(r"[A-Z]{3}", m.code)


# Unambiguous names whose spelling nests inside another (Niger/Nigeria, Sudan/South Sudan...):
# the automaton must agree with a plain leftmost-longest regex over the same names.
_ORACLE_NAMES = {
    "Niger": "NER", "Nigeria": "NGA", "Sudan": "SDN", "South Sudan": "SSD",
    "Guinea": "GIN", "Guinea-Bissau": "GNB", "Equatorial Guinea": "GNQ",
    "Papua New Guinea": "PNG", "Dominica": "DMA", "Dominican Republic": "DOM",
    "Samoa": "WSM", "American Samoa": "ASM", "Central African Republic": "CAF",
    "South Africa": "ZAF", "Iran": "IRN", "Iraq": "IRQ", "Oman": "OMN", "Mali": "MLI",
    "Somalia": "SOM", "India": "IND", "Indonesia": "IDN", "Austria": "AUT",
    "Australia": "AUS", "Slovakia": "SVK", "Slovenia": "SVN",
}  # fmt: skip
_ORACLE = re.compile(
    r"(?<!\w)("
    + "|".join(re.escape(n) for n in sorted(_ORACLE_NAMES, key=len, reverse=True))
    + r")(?!\w)"
)
_FILLER = st.sampled_from([" and ", ", ", " with ", ". ", " near ", " of the ", "-"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(sorted(_ORACLE_NAMES)), _FILLER), max_size=12))
def test_automaton_agrees_with_a_regex_oracle(parts: list[tuple[str, str]]) -> None:
    text = "Talks: " + "".join(name + sep for name, sep in parts)
    expected = [_ORACLE_NAMES[m.group(1)] for m in _ORACLE.finditer(text)]
    assert codes(text) == expected
