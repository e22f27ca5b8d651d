"""The benchmark's own articles: news copy of about 5 KB, generated, deterministic.

Each article is about two or three countries: a headline, a dateline paragraph, direct
quotes from officials (curly and straight quotes), reported speech, narration, background
and filler paragraphs about unrelated matters. About 15% of the articles are syndicated
near-copies of an earlier one (another outlet's headline, a paragraph dropped, a sentence
added, a word changed), the way wire copy reappears. Everything comes from ``random.Random``
with a fixed seed: the same ``n`` gives the same articles on every machine.

Two styles (``style=``):

- ``"composed"`` (the default): every sentence is composed from a grammar of clauses and
  a vocabulary of some thousand words and names (:mod:`bench.grammar`), so sentences almost
  never repeat across articles (:func:`distinct_share` measures it), as in real news; a
  per-sentence cache cannot flatter the figures.
- ``"pool"``: sentences drawn from a few dozen fixed templates (the corpus of the first
  benchmarks: its sentences repeat across articles, which caches love).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from bench import grammar

__all__ = ["STYLES", "Article", "distinct_share", "generate", "iter_articles"]

Style = Literal["composed", "pool"]
STYLES: tuple[Style, ...] = ("composed", "pool")

COUNTRIES = [
    # name, demonym, capital, a speaker title
    ("Iran", "Iranian", "Tehran", "Foreign Minister"),
    ("Azerbaijan", "Azerbaijani", "Baku", "President"),
    ("Armenia", "Armenian", "Yerevan", "Prime Minister"),
    ("Russia", "Russian", "Moscow", "Foreign Ministry spokeswoman"),
    ("Ukraine", "Ukrainian", "Kyiv", "Defence Minister"),
    ("China", "Chinese", "Beijing", "Foreign Ministry spokesman"),
    ("Japan", "Japanese", "Tokyo", "Chief Cabinet Secretary"),
    ("India", "Indian", "New Delhi", "External Affairs Minister"),
    ("Pakistan", "Pakistani", "Islamabad", "Foreign Office spokeswoman"),
    ("Turkey", "Turkish", "Ankara", "Foreign Minister"),
    ("Greece", "Greek", "Athens", "government spokesman"),
    ("Israel", "Israeli", "Jerusalem", "Defence Minister"),
    ("Egypt", "Egyptian", "Cairo", "Foreign Minister"),
    ("Ethiopia", "Ethiopian", "Addis Ababa", "Prime Minister"),
    ("Venezuela", "Venezuelan", "Caracas", "Defence Minister"),
    ("Colombia", "Colombian", "Bogota", "President"),
    ("Serbia", "Serbian", "Belgrade", "President"),
    ("Poland", "Polish", "Warsaw", "Foreign Minister"),
    ("Germany", "German", "Berlin", "Chancellor"),
    ("France", "French", "Paris", "Foreign Minister"),
]

FIRST = grammar.FIRST[:14]  # the grammar's lists begin with these names
LAST = grammar.LAST[:12]  # the grammar's lists begin with these names
OUTLETS = ["Wire Service One", "Daily Ledger", "Evening Courier", "Global Desk", "Metro Post"]

HOT_QUOTES = [
    "We will respond decisively to any provocation against our territory.",
    "This reckless escalation threatens the security of the entire region!",
    "They are spreading lies and hatred, and the world must condemn it.",
    "Our patience is not unlimited, and they should not test it.",
    "Any attack on our soldiers will be met with a crushing response.",
    "These sanctions are an act of economic warfare and we reject them completely.",
    "We hold them fully responsible for the killing of civilians.",
    "Is this how a neighbour behaves? It is hostile, dangerous and unacceptable.",
    "The military drills on our border are a grave threat, not a routine exercise.",
    "We warn them: an invasion would be a catastrophic mistake.",
]
CALM_QUOTES = [
    "We are ready to resume talks without preconditions.",
    "Dialogue is the only way forward, and we welcome the proposal.",
    "Both sides agreed to keep the channels of communication open.",
    "We hope the ceasefire holds and that trade can recover soon.",
    "Our delegation had a constructive and friendly meeting in {capital}.",
    "We are not interested in confrontation; we want good relations.",
    "The agreement is a good step, but much work remains to be done.",
    "We thank our partners for their support and their patience.",
]
REPORTED = [
    "{speaker} said {country} had violated the agreement and would bear the consequences.",
    "{speaker} accused {country} of massing troops near the border.",
    "{speaker} told reporters that relations with {country} were at their lowest point.",
    "{speaker} said the talks with {country} had been useful but difficult.",
    "{speaker} warned that {country} was playing a dangerous game.",
    "{speaker} denied that {country} had been consulted about the deployment.",
    "According to {speaker}, {country} had agreed to a prisoner exchange.",
]
NARRATION = [
    "Tensions between {a} and {b} have risen sharply since the spring.",
    "{a_dem} and {b_dem} officials met in {cap} on {weekday} for a second round of talks.",
    "The border between {a} and {b} has been closed to trucks for {n} weeks.",
    "Analysts said the dispute could disrupt shipping routes used by both countries.",
    "{a} recalled its ambassador from {b_cap} last month.",
    "About {n}{m}0 people protested outside the {b_dem} embassy in {a_cap} on {weekday}.",
    "The incident followed {n} drone flights near the frontier since {weekday}.",
    "Neither government has published casualty figures for the {n} days of fighting.",
    "Diplomats from third countries urged both sides to show restraint.",
    "The {a_dem} defence ministry released footage it said showed the exercise.",
]
FILLER = [
    "In other news, the central bank left interest rates unchanged at its meeting on {weekday}.",
    "Fuel prices rose by {n} per cent over the month, according to official data.",
    "The national football team won its qualifier {n} goals to {m}.",
    "A new bridge over the river is expected to open before the end of the year.",
    "Heavy rain caused flooding in {n} villages near {cap}, but no one was hurt.",
    "The film festival opened with a comedy about a family wedding.",
    "Exports of fruit and vegetables increased by {m}.{n} per cent in the quarter.",
    "Schools will reopen next week after the holiday, the education ministry said.",
    "The city council approved a plan to plant {n},{m}00 trees.",
    "Tourism numbers in {cap} reached {n}{m} per cent of their level before the pandemic.",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    title: str
    text: str
    published: date
    outlet: str
    url: str
    copy_of: str | None = None

    def record(self) -> dict[str, Any]:
        """As a JSON record the ingest reads (``text``, ``title``, ``date``, ...)."""
        return {
            "id": self.id,
            "title": self.title,
            "text": self.text,
            "date": self.published.isoformat(),
            "outlet": self.outlet,
            "url": self.url,
        }


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _original(rng: random.Random, idx: int, target_chars: int) -> Article:
    """An article of sentences from the fixed pool (style ``"pool"``)."""
    k = rng.choice([2, 2, 2, 3])
    chosen = rng.sample(COUNTRIES, k)
    (a, a_dem, a_cap, _), (b, b_dem, b_cap, _) = chosen[0], chosen[1]
    day = date(2020, 1, 1) + timedelta(days=rng.randrange(365 * 6))
    slots = {
        "a": a,
        "b": b,
        "a_dem": a_dem,
        "b_dem": b_dem,
        "a_cap": a_cap,
        "b_cap": b_cap,
        "cap": rng.choice([a_cap, b_cap]),
        "weekday": rng.choice(WEEKDAYS),
    }

    def fill(template: str) -> str:
        extra = {"n": rng.randrange(2, 40), "m": rng.randrange(1, 10)}
        return template.format(**{**slots, **extra, "weekday": rng.choice(WEEKDAYS)})

    hot = rng.random() < 0.6
    title = rng.choice(
        [
            f"{a} warns {b} over border incident",
            f"{a} and {b} agree to hold new talks",
            f"{a_dem} minister accuses {b} of escalation",
            f"Talks between {a} and {b} stall",
        ]
    )
    paras: list[str] = [
        f"{a_cap.upper()}, {slots['weekday']} — "
        + fill(rng.choice(NARRATION))
        + " "
        + fill(rng.choice(NARRATION))
    ]
    while sum(len(p) for p in paras) < target_chars:
        roll = rng.random()
        side = rng.choice(chosen)
        other = rng.choice([c for c in chosen if c is not side])
        speaker = f"{side[0]}'s {side[3]} {_person(rng)}"
        if roll < 0.3:
            pool = HOT_QUOTES if (hot or rng.random() < 0.2) else CALM_QUOTES
            quote = rng.choice(pool).format(capital=other[2])
            if rng.random() < 0.5:
                paras.append(f"“{quote}” {speaker} said.")
            else:
                paras.append(f'{speaker} said in a statement: "{quote}"')
        elif roll < 0.5:
            paras.append(
                rng.choice(REPORTED).format(speaker=speaker, country=other[0])
                + " "
                + fill(rng.choice(NARRATION))
            )
        elif roll < 0.8:
            paras.append(" ".join(fill(rng.choice(NARRATION)) for _ in range(2)))
        else:
            paras.append(" ".join(fill(rng.choice(FILLER)) for _ in range(2)))
    outlet = rng.choice(OUTLETS)
    aid = f"bench-{idx:07d}"
    return Article(
        id=aid,
        title=title,
        text="\n\n".join(paras),
        published=day,
        outlet=outlet,
        url=f"https://bench.invalid/{aid}",
    )


def _near_copy(rng: random.Random, idx: int, src: Article) -> Article:
    paras = src.text.split("\n\n")
    if len(paras) > 3 and rng.random() < 0.6:
        del paras[rng.randrange(1, len(paras))]
    if rng.random() < 0.5:
        paras.append(f"This report was updated by {rng.choice(OUTLETS)}.")
    if rng.random() < 0.5:
        i = rng.randrange(len(paras))
        paras[i] = paras[i].replace(" said", " stated", 1)
    aid = f"bench-{idx:07d}"
    return Article(
        id=aid,
        title=src.title + rng.choice(["", " (update)", " - report"]),
        text="\n\n".join(paras),
        published=src.published + timedelta(days=rng.choice([0, 0, 1])),
        outlet=rng.choice(OUTLETS),
        url=f"https://bench.invalid/{aid}",
        copy_of=src.id,
    )


def _composed(rng: random.Random, idx: int, target_chars: int) -> Article:
    """An article of sentences composed by :mod:`bench.grammar` (style ``"composed"``)."""
    k = rng.choice([2, 2, 2, 3])
    chosen = rng.sample(COUNTRIES, k)
    day = date(2020, 1, 1) + timedelta(days=rng.randrange(365 * 6))
    story = grammar.Story(rng, chosen)
    title = story.headline()
    paras = [
        f"{chosen[0][2].upper()}, {rng.choice(WEEKDAYS)} — {story.narration()} {story.narration()}"
    ]
    while sum(len(p) for p in paras) < target_chars:
        roll = rng.random()
        if roll < 0.3:
            paras.append(story.quote_paragraph())
        elif roll < 0.5:
            paras.append(f"{story.reported()} {story.narration()}")
        elif roll < 0.8:
            paras.append(" ".join(story.narration() for _ in range(rng.choice([2, 2, 3]))))
        else:
            paras.append(" ".join(story.filler() for _ in range(2)))
    aid = f"bench-{idx:07d}"
    return Article(
        id=aid,
        title=title,
        text="\n\n".join(paras),
        published=day,
        outlet=rng.choice(OUTLETS),
        url=f"https://bench.invalid/{aid}",
    )


def iter_articles(
    n: int,
    *,
    seed: int = 2026,
    target_chars: int = 5000,
    syndicated: float = 0.15,
    style: Style = "composed",
) -> Iterator[Article]:
    """``n`` articles of ``style``; a ``syndicated`` share of them are near-copies of recent
    originals."""
    if style not in STYLES:
        raise ValueError(f"unknown corpus style {style!r} (one of {', '.join(STYLES)})")
    make = _composed if style == "composed" else _original
    rng = random.Random(seed)
    recent: list[Article] = []
    for idx in range(n):
        if recent and rng.random() < syndicated:
            yield _near_copy(rng, idx, rng.choice(recent))
            continue
        art = make(rng, idx, target_chars)
        recent.append(art)
        if len(recent) > 200:
            recent.pop(0)
        yield art


def generate(n: int, **kwargs: Any) -> list[Article]:
    """:func:`iter_articles` as a list."""
    return list(iter_articles(n, **kwargs))


def distinct_share(articles: list[Article], split: Any) -> float:
    """Distinct sentences over all sentences of the originals (near-copies repeat their
    source by design), with ``split(text) -> [(start, end), ...]``."""
    seen: set[str] = set()
    total = 0
    for a in articles:
        if a.copy_of is None:
            for s, e in split(a.text):
                seen.add(a.text[s:e])
                total += 1
    return len(seen) / total if total else 1.0
