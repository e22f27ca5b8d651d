"""A small grammar of news sentences for the benchmark corpus (:mod:`bench.corpus`).

Each sentence is put together from several independent choices (who, a verb phrase, an
object with its adjective, a place, a time, a number, a trailing clause), so that two
articles almost never share a sentence, while the words stay those of reporting on
interstate tension: hostile and conciliatory vocabulary, officials with titles and names,
institutions, places, dates and figures. All of it was written for this benchmark.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

FIRST = [
    "Amir",
    "Lena",
    "Karim",
    "Sofia",
    "Daniel",
    "Mariam",
    "Viktor",
    "Anna",
    "Ravi",
    "Elif",
    "Tomas",
    "Nadia",
    "Jorge",
    "Irina",
    "Omar",
    "Leila",
    "Pavel",
    "Hana",
    "Marco",
    "Aylin",
    "Sergei",
    "Fatima",
    "Luis",
    "Ingrid",
    "Kenji",
    "Zainab",
    "Dmitri",
    "Chiara",
    "Ahmed",
    "Olga",
    "Felipe",
    "Noor",
    "Stefan",
    "Yara",
    "Mateo",
    "Katarina",
    "Bilal",
    "Agnieszka",
    "Tariq",
    "Helena",
    "Arjun",
    "Sina",
    "Milos",
    "Rania",
    "Hugo",
    "Dilnoza",
    "Emre",
    "Selin",
    "Andrei",
    "Maja",
    "Nikos",
    "Ines",
    "Rustam",
    "Petra",
    "Yusuf",
    "Clara",
]
LAST = [
    "Rahimi",
    "Novak",
    "Haddad",
    "Petrov",
    "Mehta",
    "Kaya",
    "Silva",
    "Ivanova",
    "Kowalski",
    "Osei",
    "Tanaka",
    "Moreau",
    "Aliyev",
    "Sargsyan",
    "Bondar",
    "Liang",
    "Sato",
    "Sharma",
    "Qureshi",
    "Demir",
    "Papadakis",
    "Levi",
    "Mansour",
    "Tesfaye",
    "Rojas",
    "Herrera",
    "Jovanovic",
    "Nowak",
    "Schmidt",
    "Laurent",
    "Karimov",
    "Grigoryan",
    "Shevchenko",
    "Wang",
    "Nakamura",
    "Rao",
    "Malik",
    "Yildiz",
    "Nikolaidis",
    "Cohen",
    "Farouk",
    "Bekele",
    "Mendoza",
    "Castillo",
    "Markovic",
    "Zielinski",
    "Weber",
    "Dubois",
    "Hosseini",
    "Mammadov",
    "Avetisyan",
    "Kovalenko",
    "Zhou",
    "Ito",
    "Iyer",
    "Butt",
    "Aydin",
]
INSTITUTIONS = (
    "defence ministry",
    "foreign ministry",
    "interior ministry",
    "army",
    "navy",
    "air force",
    "border guard",
    "coast guard",
    "parliament",
    "cabinet",
    "security council",
    "energy ministry",
    "trade ministry",
    "presidential office",
    "general staff",
    "emergency service",
)
TITLES = (
    "Foreign Minister",
    "Defence Minister",
    "Prime Minister",
    "President",
    "deputy foreign minister",
    "government spokeswoman",
    "government spokesman",
    "ambassador to the United Nations",
    "national security adviser",
    "army chief of staff",
    "Interior Minister",
    "parliament speaker",
)
HOT_ADJ = [
    "reckless",
    "hostile",
    "dangerous",
    "provocative",
    "aggressive",
    "illegal",
    "unprovoked",
    "brutal",
    "deliberate",
    "unacceptable",
    "outrageous",
    "cynical",
    "irresponsible",
    "criminal",
    "shameful",
]
CALM_ADJ = [
    "constructive",
    "friendly",
    "productive",
    "peaceful",
    "cautious",
    "positive",
    "frank",
    "useful",
    "respectful",
    "practical",
    "hopeful",
    "sincere",
    "balanced",
    "serious",
]
HOT_NOUNS = (
    "attack",
    "incursion",
    "provocation",
    "blockade",
    "bombardment",
    "sanctions",
    "threats",
    "violation of our airspace",
    "aggression",
    "shelling",
    "troop build-up",
    "seizure of the tanker",
    "missile test",
    "cyberattack",
    "raid",
    "ultimatum",
    "propaganda campaign",
    "military drills",
)
CALM_NOUNS = (
    "talks",
    "dialogue",
    "agreement",
    "ceasefire",
    "cooperation",
    "prisoner exchange",
    "visit",
    "negotiations",
    "truce",
    "partnership",
    "trade deal",
    "consultations",
    "summit",
    "memorandum",
    "settlement",
    "hotline",
)
TOPICS = (
    "gas pipeline",
    "fishing rights",
    "water sharing",
    "grain exports",
    "border crossing",
    "power grid",
    "railway link",
    "port fees",
    "visa rules",
    "oil field",
    "dam project",
    "refugee camps",
    "shipping lane",
    "customs checks",
    "mining licences",
    "electricity prices",
    "airline routes",
    "detained journalists",
    "missing fishermen",
    "river delta",
)
PLACES = (
    "near the northern border",
    "along the coast",
    "in the disputed valley",
    "around the port",
    "on the eastern frontier",
    "outside the capital",
    "close to the airport",
    "in the mountain passes",
    "off the southern islands",
    "at the main crossing point",
    "in the border villages",
    "across the river",
    "over the gulf",
    "in the industrial zone",
)
TIMES = (
    "on Monday",
    "on Tuesday",
    "on Wednesday",
    "on Thursday",
    "on Friday",
    "over the weekend",
    "last week",
    "earlier this month",
    "overnight",
    "in the early hours of Sunday",
    "since March",
    "late on Saturday",
    "two days ago",
    "at the start of the year",
    "this morning",
)
REPORT_VERBS = (
    "said",
    "told reporters",
    "wrote on social media",
    "told a news conference",
    "said in a televised address",
    "told parliament",
    "said in a statement",
    "told state television",
    "said after the meeting",
)
HOT_MODALS = (
    "will respond decisively to",
    "will not tolerate",
    "firmly reject",
    "strongly condemn",
    "hold them responsible for",
    "will not stay silent about",
    "warn against",
    "cannot accept",
    "demand an end to",
    "will answer",
)
CALM_MODALS = (
    "welcome",
    "are ready to resume",
    "hope to continue",
    "support",
    "are open to",
    "thank our partners for",
    "look forward to",
    "want to build on",
    "are committed to",
    "call for restraint and",
)
WE = ("We", "Our government", "Our country", "The ministry", "Our people", "This government")
REPORTED = (
    "{country} had violated the agreement on the {topic} and would bear the consequences",
    "{country} was massing troops {place}",
    "relations with {country} were at their lowest point in {n} years",
    "the talks with {country} on the {topic} had been {calm} but difficult",
    "{country} was playing a dangerous game over the {topic}",
    "{country} had not been consulted about the {hot} {place}",
    "{country} had agreed to a {calm_noun} on the {topic}",
    "{country} should expect {hot} sanctions if the {hot_noun} continued",
    "a {calm_noun} with {country} could be signed within {n} weeks",
)
NARRATION = (
    "The {dem} {inst} said it had recorded {n} {hot_noun} incidents {place} {time}.",
    "{dem} and {dem2} officials met in {cap} {time} for a round of {calm} {calm_noun}.",
    "The {topic} between {a} and {b} has been closed for {n} weeks.",
    "Analysts said the dispute over the {topic} could cost both economies {n} million dollars "
    "by {month}.",
    "{a} recalled its ambassador from {cap2} {time} over the {hot_noun}.",
    "About {n},{m}00 people protested outside the {dem2} embassy in {cap} {time}.",
    "The {dem} {inst} released footage it said showed the {hot_noun} {place}.",
    "Neither government has published figures for the {n} days of fighting {place}, {dem} "
    "media reported {time}.",
    "Diplomats from {n} countries urged {a} and {b} to settle the {topic} dispute.",
    "A {dem} delegation of {n} officials arrived in {cap2} {time} to discuss the {topic}.",
    "Satellite images showed {n} new positions {place}, according to {dem} media.",
    "The {dem2} {inst} denied reports of a {hot_noun} {place} {time}.",
)
FILLER = (
    "In other news, the central bank kept its main rate at {n}.{m} per cent {time}, citing "
    "{goods} prices.",
    "Fuel prices in {city} rose by {n}.{m} per cent in {month}, the statistics office said.",
    "The {city} {sport} team won its match against {cap2} {m} to {m2} {time}.",
    "A new {n}-metre bridge over the {river} river near {city} is expected to open in {month}.",
    "Heavy rain flooded {n} villages near {cap} {time}, and the {river} rose by {m} metres.",
    "The {n}th {city} film festival opened {time} with a comedy about a {family} {event}.",
    "Exports of {goods} to {cap2} increased by {m}.{n} per cent in {month}.",
    "Schools in {city} will reopen in {month} after repairs costing {n}.{m} million.",
    "The {city} council approved a plan to plant {n},{m}00 trees along the {river}.",
    "Hotel bookings in {cap} reached {n}{m} per cent of their level of {year}.",
)
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
SPORTS = ("football", "basketball", "volleyball", "handball", "water polo", "rugby")
RIVERS = ("Kura", "Sava", "Tisza", "Orontes", "Drin", "Aras", "Vardar", "Prut", "Neman")
CITIES = (
    "Alderport",
    "Bellmoor",
    "Corvan",
    "Dunmere",
    "Eskwood",
    "Farrowby",
    "Glenhaven",
    "Holmridge",
    "Ivesdale",
    "Kestrel Bay",
    "Larchfield",
    "Marrowgate",
)
FAMILY = ("large", "quarrelsome", "travelling", "musical", "farming", "royal", "tiny")
EVENTS = ("wedding", "reunion", "holiday", "funeral", "move abroad", "birthday", "harvest")
GOODS = ("fruit", "steel", "textiles", "wine", "fertiliser", "cars", "cotton", "cement")


class Story:
    """The sentences of one article about ``countries`` (``(name, demonym, capital, title)``)."""

    def __init__(self, rng: random.Random, countries: Sequence[tuple[str, str, str, str]]) -> None:
        self.rng = rng
        self.countries = list(countries)
        self.hot = rng.random() < 0.6

    def _pair(self) -> tuple[tuple[str, str, str, str], tuple[str, str, str, str]]:
        side = self.rng.choice(self.countries)
        other = self.rng.choice([c for c in self.countries if c is not side])
        return side, other

    def _slots(self) -> dict[str, object]:
        r = self.rng
        side, other = self._pair()
        return {
            "a": side[0],
            "b": other[0],
            "dem": side[1],
            "dem2": other[1],
            "cap": side[2],
            "cap2": other[2],
            "country": other[0],
            "inst": r.choice(INSTITUTIONS),
            "topic": r.choice(TOPICS),
            "place": r.choice(PLACES),
            "time": r.choice(TIMES),
            "hot": r.choice(HOT_ADJ),
            "calm": r.choice(CALM_ADJ),
            "hot_noun": r.choice(HOT_NOUNS),
            "calm_noun": r.choice(CALM_NOUNS),
            "n": r.randrange(2, 90),
            "m": r.randrange(1, 10),
            "m2": r.randrange(0, 5),
            "month": r.choice(MONTHS),
            "sport": r.choice(SPORTS),
            "river": r.choice(RIVERS),
            "city": r.choice(CITIES),
            "family": r.choice(FAMILY),
            "event": r.choice(EVENTS),
            "goods": r.choice(GOODS),
            "year": r.randrange(2009, 2020),
        }

    def speaker(self, side: tuple[str, str, str, str]) -> str:
        r = self.rng
        name = f"{r.choice(FIRST)} {r.choice(LAST)}"
        return r.choice(
            [
                f"{side[0]}'s {r.choice(TITLES)} {name}",
                f"{side[1]} {r.choice(TITLES)} {name}",
                f"{name}, the {side[1]} {r.choice(TITLES).lower()},",
            ]
        )

    def headline(self) -> str:
        s = self._slots()
        return self.rng.choice(
            [
                "{a} warns {b} over {hot_noun} {place}",
                "{a} and {b} agree to {calm_noun} on the {topic}",
                "{dem} minister accuses {b} of {hot} {hot_noun}",
                "Talks between {a} and {b} on the {topic} stall",
                "{a} and {b} trade blame over the {topic}",
            ]
        ).format(**s)

    def quote(self) -> str:
        r, s = self.rng, self._slots()
        if self.hot or r.random() < 0.2:
            text = (
                f"{r.choice(WE)} {r.choice(HOT_MODALS)} this {s['hot']} {s['hot_noun']} "
                f"{s['place']}"
            )
            tail = r.choice(
                [
                    "!",
                    ".",
                    ", and the world must see it for what it is.",
                    f": {s['n']} of our citizens were hurt {s['time']}.",
                    f"; our patience over the {s['topic']} has limits.",
                ]
            )
        else:
            text = f"{r.choice(WE)} {r.choice(CALM_MODALS)} a {s['calm']} {s['calm_noun']}"
            tail = r.choice(
                [
                    f" on the {s['topic']}.",
                    f" with {s['country']} {s['time']}.",
                    f", and {s['n']} experts will meet in {s['cap2']} next month.",
                    " that serves both our peoples.",
                ]
            )
        return text + tail

    def quote_paragraph(self) -> str:
        side, _ = self._pair()
        who, verb = self.speaker(side), self.rng.choice(REPORT_VERBS)
        quote = self.quote()
        if self.rng.random() < 0.5:
            return f"“{quote}” {who.rstrip(',')} {verb}."
        return f'{who} {verb}: "{quote}"'

    def reported(self) -> str:
        slots = self._slots()
        side = next(c for c in self.countries if c[0] == slots["a"])
        clause = self.rng.choice(REPORTED).format(**slots)
        verb = self.rng.choice(["said", "told reporters", "warned", "insisted", "claimed"])
        return f"{self.speaker(side)} {verb} that {clause}."

    def narration(self) -> str:
        return self.rng.choice(NARRATION).format(**self._slots())

    def filler(self) -> str:
        return self.rng.choice(FILLER).format(**self._slots())
