"""Find the countries a text refers to, with character offsets.

Country names come from pycountry (name, official name, common name); ``data/countries.toml``
adds short forms, demonyms, capitals and seats of government used as metonyms ("Tehran",
"the Kremlin"), and officials come from ``data/officials.toml`` (see
:mod:`tension.scoring.officials`).
Everything goes into one Aho–Corasick automaton, built once per officials list, and a text
is scanned once (lower-cased), keeping leftmost-longest matches on word boundaries
(:mod:`tension.scoring.matching`).

Ambiguity rules (each has negative tests):
- every entry must start with a capital letter in the text ("turkey", "chad" never match) and
  all-capital short forms ("US", "DRC") must match exactly;
- phrases that merely contain a country word ("New Guinea", "Washington Post", "Korean War")
  are matched and dropped;
- names that are also personal names ("Jordan", "Chad", "Georgia") are dropped inside a
  person's name ("Michael Jordan", "Chad Smith");
- "Georgia" and "Washington" are dropped as US states ("Atlanta, Georgia", "Seattle,
  Washington", "the state of Georgia");
- a demonym naming an ethnic group or ancestry ("a large Azeri population", "ethnic
  Azeris", "Azerbaijanis in Iran", "an Azeri father") is not the country;
- bare "Congo"/"Korea"/"Korean" resolve from the rest of the text: the Republic of the Congo /
  North Korea when only that one is named unambiguously, else the DRC / South Korea.
Limits: English only; no coreference ("the country" is not a mention); a capital is always its
government ("Paris" the city counts as France).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import pycountry

from tension.scoring.datafiles import data_toml, words
from tension.scoring.matching import WordAutomaton, alternation, leftmost_longest
from tension.scoring.normalise import normalise
from tension.scoring.officials import Official, Officials, default_officials, resolve
from tension.scoring.types import CountryMention

__all__ = [
    "CountryMatcher",
    "country_code",
    "country_name",
    "country_words",
    "default_matcher",
    "find_countries",
]


@dataclass(frozen=True, slots=True)
class _Entry:
    key: str  # the entry as written in the data (original case)
    codes: tuple[str, ...]  # () = blocked phrase; 2+ = ambiguous
    via: str
    officials: tuple[Official, ...] = ()
    case: int = 0  # 0: first letter upper; 1: exact case ("US"); 2: "the X", X exact


def _case_mode(key: str) -> int:
    if key.startswith("the "):
        return 2
    if key.isupper() or (sum(ch.isupper() for ch in key) > 1 and "." in key):
        return 1
    return 0


_VIA_RANK = {
    "official": 0,
    "name": 1,
    "capital": 2,
    "institution": 2,
    "demonym": 3,
    "ambiguous": 4,
    "blocked": 5,
}


def _data() -> dict[str, Any]:
    return data_toml("countries.toml")


def _words(table: str, key: str) -> tuple[str, ...]:
    return words("countries.toml", table, key)


@cache
def _names() -> dict[str, str]:
    """alpha-3 code -> a short display name."""
    out: dict[str, str] = {}
    for c in pycountry.countries:
        out[c.alpha_3] = getattr(c, "common_name", None) or c.name
    for code, name in _data().get("extra_countries", {}).items():
        out[code] = name
    for code, aliases in _data()["aliases"].items():
        if code in out and "," in out[code]:
            out[code] = aliases[0]
    return out


def country_codes() -> frozenset[str]:
    """Every ISO 3166 alpha-3 code this package knows (pycountry's and its extra ones, such
    as XKX)."""
    return frozenset(_names())


def country_name(code: str) -> str:
    """A readable name for an alpha-3 code (the code itself when unknown)."""
    return _names().get(code, code)


@cache
def _codes() -> dict[str, str]:
    """Every way a user may name a country, lower-cased -> alpha-3: alpha-3 and alpha-2
    codes, pycountry's names, ``data/countries.toml``'s extra countries and aliases, and
    the alpha-3 codes of former countries (``SUN``, ``YUG``, ``CSK``, ``DDR``), which
    historical corpora such as the UN General Debate use."""
    out: dict[str, str] = {}
    for c in pycountry.historic_countries:
        out[c.alpha_3.lower()] = c.alpha_3
    for code, name in _pycountry_names():
        out.setdefault(name.lower(), code)
    for code, names in _data()["aliases"].items():
        for name in names:
            out.setdefault(name.lower(), code)
    for code, name in _data().get("extra_countries", {}).items():
        out[name.lower()] = code
        out[code.lower()] = code
    for c in pycountry.countries:
        out[c.alpha_3.lower()] = c.alpha_3
        out[c.alpha_2.lower()] = c.alpha_3
    return out


def country_code(value: str) -> str | None:
    """The ISO 3166-1 alpha-3 code of a country given by its alpha-3 or alpha-2 code or its
    name ("AZE", "az", "Azerbaijan", "Türkiye", "the United States"), any case; None when
    ``value`` names no country. Former countries are known by their alpha-3 code only."""
    key = " ".join(value.split()).strip(" .").lower()
    codes = _codes()
    return codes.get(key) or (codes.get(key[4:]) if key.startswith("the ") else None)


def _pycountry_names() -> list[tuple[str, str]]:
    ambiguous = set(_data().get("ambiguous", {}))
    out: list[tuple[str, str]] = []
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            name = getattr(c, attr, None)
            if not name:
                continue
            if ", " in name:
                base, _, rest = name.partition(", ")
                # "Iran, Islamic Republic of" -> "Islamic Republic of Iran" and "Iran".
                rest = rest[0].upper() + rest[1:]
                out.append((c.alpha_3, f"{rest} {base}"))
                if base not in ambiguous:
                    out.append((c.alpha_3, base))
            else:
                out.append((c.alpha_3, name))
                if name.startswith("the "):
                    out.append((c.alpha_3, name[4:]))
    return out


@cache
def country_words() -> frozenset[str]:
    """Lower-cased country names, short forms, demonyms, capitals and seats of government
    (pycountry and ``data/countries.toml``), for rules that match them in any case: so names
    that are ordinary words in lower case (``[common_words]``: "us", "turkey") are left out."""
    data = _data()
    out = {normalise(name) for _, name in _pycountry_names()}
    out.update(normalise(name) for name in data.get("ambiguous", {}))
    for section in ("aliases", "demonyms", "capitals", "seats"):
        for values in data.get(section, {}).values():
            for name in values if isinstance(values, list) else [values]:
                out.add(normalise(str(name)))
    common = frozenset(_words("common_words", "names"))
    return frozenset(w for w in out if w and w not in common)


def _boundary_ok(text: str, start: int, end: int) -> bool:
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
        return False
    return not (end < len(text) and (text[end].isalnum() or text[end] == "_"))


_WORD_BEFORE = re.compile(r"([A-Za-zÀ-ÿ'’.-]+)\s+$")
_WORD_AFTER = re.compile(r"^\s+([A-Za-zÀ-ÿ'’-]+)")
_SENT_START_BEFORE = re.compile(r"(^|[.!?\"“”:;\n—–(])\s*$")
_COMMON_FIRST = re.compile(r"(ing|ed|ly|ern|ful|ous|ic|al|ive)$")
_CITY_COMMA_BEFORE = re.compile(r"\b([A-Z][a-z]+),\s+$")


class CountryMatcher:
    """One automaton over every country name, demonym, capital, institution and official."""

    def __init__(self, officials: Officials) -> None:
        data = _data()
        entries: dict[str, _Entry] = {}

        def add(key: str, codes: tuple[str, ...], via: str, offs: tuple[Official, ...] = ()):
            low = key.lower()
            old = entries.get(low)
            if old is not None and _VIA_RANK[old.via] <= _VIA_RANK[via]:
                if old.via == via and old.codes != codes and via != "official":
                    merged = tuple(dict.fromkeys(old.codes + codes))
                    entries[low] = _Entry(key, merged, via, (), _case_mode(key))
                return
            entries[low] = _Entry(key, codes, via, offs, _case_mode(key))

        for phrase in data["blocked"]["phrases"]:
            add(phrase, (), "blocked")
        for key, codes in data.get("ambiguous", {}).items():
            add(key, tuple(codes), "ambiguous")
        for code, name in _pycountry_names():
            if name not in data.get("ambiguous", {}):
                add(name, (code,), "name")
        for code, names in data["aliases"].items():
            for name in names:
                add(name, (code,), "name")
        for code, names in data["demonyms"].items():
            for name in names:
                add(name, (code,), "demonym")
        for code, names in data["capitals"].items():
            for name in names:
                add(name, (code,), "capital")
        for code, names in data["seats"].items():
            for name in names:
                add(name, (code,), "institution")
        by_name = officials.by_name()
        for low, offs in by_name.items():
            add(offs[0].names[[n.lower() for n in offs[0].names].index(low)], (), "official", offs)

        self._words = WordAutomaton(entries.items())
        self._person_like = frozenset(_words("person_like", "names"))
        self._person_ok_after = frozenset(_words("person_like", "after_ok"))
        self._person_ok_before = frozenset(_words("person_like", "before_ok"))
        self._titles = frozenset(_words("titles", "words"))
        self._us_states = frozenset(_words("us_states", "names"))
        self._state_context = re.compile(rf"\b(?:{alternation(_words('us_states', 'context'))})\b")
        self._eth_after = frozenset(w.lower() for w in _words("ethnic_context", "after"))
        eth_before = (w.lower() for w in _words("ethnic_context", "before"))
        self._eth_before = tuple(sorted(eth_before, key=len, reverse=True))
        institutions = alternation(_words("institutions", "words"))
        self._institution = re.compile(rf"(['’]s\s+|\s)(?:{institutions})(?![\w])")

    # -- matching -------------------------------------------------------------------------

    def _raw(self, text: str) -> list[tuple[int, int, _Entry]]:
        low = text.lower()
        if len(low) != len(text):  # rare: characters whose lower case is longer
            low = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
        found: list[tuple[int, int, _Entry]] = []
        for start, end, entry in self._words.hits(low):
            if not _boundary_ok(text, start, end):
                continue
            case = entry.case
            if case == 0:
                if not text[start].isupper():
                    continue
            elif case == 1:
                if text[start:end] != entry.key:
                    continue
            elif text[start + 4 : end] != entry.key[4:]:
                continue
            found.append((start, end, entry))
        return leftmost_longest(found)

    def _is_person_part(self, text: str, start: int, end: int) -> bool:
        after = _WORD_AFTER.match(text[end : end + 40])
        if after:
            word = after.group(1)
            if word[0].isupper() and word not in self._person_ok_after and not self._is_place(word):
                return True
        before_text = text[max(0, start - 40) : start]
        before = _WORD_BEFORE.search(before_text)
        if before and not before.group(1).endswith("."):  # "...in Istanbul. Israel's"
            word = before.group(1)
            head = before_text[: before.start()]
            if (
                word
                and word[0].isupper()
                and word not in self._person_ok_before
                and not (_SENT_START_BEFORE.search(head) and _COMMON_FIRST.search(word))
                and not self._is_place(word)
            ):
                return True
        return False

    def _is_place(self, word: str) -> bool:
        entry = self._words.get(word.lower())
        return entry is not None and entry.via not in ("official", "blocked")

    def _other_first_name(self, text: str, start: int) -> bool:
        """ "Chad Johnson" is not "Boris Johnson": a capitalised word before a surname that is
        neither a title nor a place means another person (full names are entries of their own)."""
        before_text = text[max(0, start - 40) : start]
        before = _WORD_BEFORE.search(before_text)
        if not before or not before_text.endswith(" "):
            return False
        word = before.group(1)
        if not word[:1].isupper() or word.rstrip(".") in self._titles or self._is_place(word):
            return False
        head = before_text[: before.start()]
        return not (_SENT_START_BEFORE.search(head) and word in self._person_ok_before)

    def _is_us_state(self, text: str, start: int, end: int) -> bool:
        before = text[max(0, start - 30) : start]
        city = _CITY_COMMA_BEFORE.search(before)
        if city and not self._is_place(city.group(1)):
            return True
        window = text[max(0, start - 80) : end + 80]
        return bool(self._state_context.search(window))

    def _is_ethnic(self, text: str, start: int, end: int) -> bool:
        after = _WORD_AFTER.match(text[end : end + 30])
        if after and after.group(1).lower() in self._eth_after:
            return True
        if text[end : end + 9].lower() == "-speaking":
            return True
        before = text[max(0, start - 20) : start].lower().rstrip(" -")
        if any(before.endswith(w.rstrip("-")) for w in self._eth_before):
            return True
        # "Azerbaijanis in Iran": a people living in another country
        return bool(
            text[end - 1] == "s"
            and re.match(r"\s+in\s+[A-Z]", text[end : end + 8])
            and not text[start:end].endswith("ss")
        )

    def _institution_end(self, text: str, end: int, via: str) -> int:
        m = self._institution.match(text, end)
        if m is None or (m.group(1) == " " and via not in ("demonym", "name")):
            return end
        return m.end()

    def find(self, text: str, date: dt.date | None = None) -> tuple[CountryMention, ...]:
        pending: list[tuple[int, int, tuple[str, ...], str]] = []
        for start, end, entry in self._raw(text):
            via = entry.via
            if via == "blocked":
                continue
            key = text[start:end]
            if via == "official":
                if self._other_first_name(text, start):
                    continue
                code = resolve(entry.officials, date)
                if not code:  # nobody in office, or an official of no country
                    continue
                pending.append((start, end, (code,), via))
                continue
            if key in self._person_like and self._is_person_part(text, start, end):
                continue
            if key in self._us_states and self._is_us_state(text, start, end):
                continue
            if via in ("demonym", "ambiguous") and self._is_ethnic(text, start, end):
                continue
            pending.append((start, end, entry.codes, via))
        sure = {codes[0] for _, _, codes, _ in pending if len(codes) == 1}
        out: list[CountryMention] = []
        for start, end, codes, via in pending:
            if len(codes) > 1:
                first, second = codes[0], codes[1]
                code = second if (second in sure and first not in sure) else first
                via = "name"
            else:
                code = codes[0]
            new_end = end
            if via in ("name", "demonym", "capital"):
                new_end = self._institution_end(text, end, via)
                if new_end != end:
                    via = "institution"
            out.append(CountryMention(code, start, new_end, text[start:new_end], via))
        return tuple(out)


@cache
def _matcher_for(officials: Officials) -> CountryMatcher:
    return CountryMatcher(officials)


def default_matcher(officials: Officials | None = None) -> CountryMatcher:
    """The matcher for ``officials`` (default: the shipped list), built once and cached."""
    return _matcher_for(officials if officials is not None else default_officials())


def find_countries(
    text: str, date: dt.date | None = None, officials: Officials | None = None
) -> tuple[CountryMention, ...]:
    """Country mentions in ``text`` in order, as ISO alpha-3 codes with character offsets.

    ``date`` (the article's date) decides which officials are in office.
    """
    return default_matcher(officials).find(text, date)
