"""Compose the illustrative demo corpus from the hand-written blocks in ``blocks.toml``.

Deterministic: one seeded :class:`random.Random` drives every choice, pairs and incidents are
visited in a fixed order, and the output is sorted by date before IDs are assigned. Run
``python -m tension.data.demo.build`` from the repository root to rewrite ``corpus.jsonl``;
``python -m tension.data.demo.build --check`` exits non-zero when the committed file is stale.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from importlib.resources import files
from pathlib import Path
from typing import Any

PHASES = ("calm", "spike", "deescalation")
SPIKE_DAYS = 14  # default length of a spike window after an incident
DEESC_DAYS = 35  # length of the de-escalation window after a spike
ACCORD_DAYS = 21  # length of the coverage window after an accord
QUIET_BEFORE = 7  # no calm articles this many days before an incident
# Wording that denies involvement; left out where the answering side was the one attacked.
DENIAL = re.compile(r"(?i)\b(den(y|ies|ied)|reject(s|ed)?|baseless|groundless|nothing to do)\b")


@dataclass(frozen=True)
class Slot:
    """One article to write: who speaks, about whom, when, and in which phase."""

    day: date
    pair: str
    speaker: str
    other: str
    phase: str  # calm | spike | deescalation
    role: str  # calm | spike_loud | spike_reply | deesc | accord
    incident: dict[str, Any] | None


def load_blocks() -> dict[str, Any]:
    """The parsed ``blocks.toml`` shipped beside this module."""
    raw = files("tension.data.demo").joinpath("blocks.toml").read_text(encoding="utf-8")
    return tomllib.loads(raw)


def _d(value: str) -> date:
    return date.fromisoformat(value)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _possessive(name: str) -> str:
    return name + ("'" if name.endswith("s") else "'s")


def _headline(title: str) -> str:
    """Headline style: "U.S. warns ..." rather than "The United States warns ..."."""
    return re.sub(r"^The United States\b", "U.S.", title)


def _month_starts(start: date, end: date) -> list[date]:
    out = []
    cur = start.replace(day=1)
    while cur <= end:
        out.append(cur)
        cur = (cur.replace(day=28) + timedelta(days=4)).replace(day=1)
    return out


def _poisson(rng: random.Random, lam: float) -> int:
    # Knuth's method; lam is small.
    limit, k, p = pow(2.718281828459045, -lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


class Composer:
    """Turns :class:`Slot` objects into article dicts using the blocks."""

    def __init__(self, blocks: dict[str, Any], rng: random.Random) -> None:
        self.b = blocks
        self.rng = rng
        self.countries: dict[str, Any] = blocks["country"]

    # -- people -------------------------------------------------------------------------

    def officials(self, code: str, day: date) -> list[dict[str, str]]:
        """Officials of ``code`` in office on ``day``."""
        out = []
        for o in self.countries[code]["officials"]:
            if "from" in o and day < _d(o["from"]):
                continue
            if "to" in o and day > _d(o["to"]):
                continue
            out.append(o)
        return out

    def fields(self, speaker: str, other: str, slot: Slot, topic: str) -> dict[str, str]:
        a, b = self.countries[speaker], self.countries[other]
        inc = slot.incident or {}
        return {
            "A": a["name"],
            "B": b["name"],
            "Aadj": a["adj"],
            "Badj": b["adj"],
            "Acap": a["cap"],
            "Bcap": b["cap"],
            "event": inc.get("event", ""),
            "short": inc.get("short", ""),
            "topic": topic,
            "day": slot.day.strftime("%A"),
        }

    def fill(self, template: str, f: dict[str, str], cap: bool = True) -> str:
        text = template.format(**f)
        text = re.sub(r"\b(the United States)'s\b", r"\1'", text)
        return _cap(text) if cap else text

    # -- attribution --------------------------------------------------------------------

    def quote(self, q: str, person: dict[str, str], adj: str, cap: str, o: str, c: str) -> str:
        """A quotation attributed to ``person`` in one of several wire styles."""
        comma = q[:-1] + "," if q.endswith(".") else q
        full = f"{adj} {person['role']} {person['name']}"
        style = self.rng.randrange(4)
        if style == 0:
            return f"{o}{comma}{c} {full} said."
        if style == 1:
            return f"{_cap(full)} said: {o}{q}{c}"
        if style == 2:
            return f"{o}{comma}{c} {full} told reporters in {cap}."
        return f"{_cap(full)} said in a statement: {o}{q}{c}"

    def body_quote(self, q: str, code: str, o: str, c: str) -> str:
        country = self.countries[code]
        body = self.rng.choice(country["bodies"])
        if self.rng.random() < 0.5:
            return f"{o}{q[:-1]},{c} the {country['adj']} {body} said in a statement."
        return f"{_cap(_possessive(country['name']))} {body} said in a statement: {o}{q}{c}"

    def speak(
        self, code: str, day: date, q: str, o: str, c: str, used: set[str]
    ) -> tuple[str, dict[str, str] | None]:
        people = [p for p in self.officials(code, day) if p["name"] not in used]
        country = self.countries[code]
        if people and self.rng.random() < 0.8:
            person = self.rng.choice(people)
            used.add(person["name"])
            return self.quote(q, person, country["adj"], country["cap"], o, c), person
        return self.body_quote(q, code, o, c), None

    # -- articles -----------------------------------------------------------------------

    def part(self, pair: dict[str, Any], section: str, role: str) -> list[str]:
        """Templates of ``section``/``role``, or the pair's own override when it has one."""
        override: list[str] | None = pair.get("override", {}).get(section, {}).get(role)
        return override if override else self.b[section][role]

    def part_for(self, pair: dict[str, Any], slot: Slot, section: str, role: str) -> list[str]:
        """Like :meth:`part`, without denials when the incident has ``no_denial`` set."""
        options = self.part(pair, section, role)
        if slot.incident is None or not slot.incident.get("no_denial"):
            return options
        kept = [t for t in options if not DENIAL.search(t)]
        return kept or options

    def pick(self, options: list[str], avoid: set[str]) -> str:
        left = [x for x in options if x not in avoid] or options
        choice = self.rng.choice(left)
        avoid.add(choice)
        return choice

    def compose(self, slot: Slot, outlet: str) -> dict[str, Any]:
        rng, b = self.rng, self.b
        pair = b["pair"][slot.pair]
        topic = rng.choice(pair["topics"])
        f = self.fields(slot.speaker, slot.other, slot, topic)
        g = self.fields(slot.other, slot.speaker, slot, topic)  # the other side's view
        curly = rng.random() < 0.5
        o, c = ("\u201c", "\u201d") if curly else ('"', '"')
        role = slot.role
        used_q: set[str] = set()
        used_people: set[str] = set()

        title = _headline(self.fill(rng.choice(self.part_for(pair, slot, "headline", role)), f))
        paras = [self.fill(rng.choice(self.part_for(pair, slot, "lede", role)), f)]

        q1 = self.fill(self.pick(self.part_for(pair, slot, "quote", role), used_q), f)
        first, person = self.speak(slot.speaker, slot.day, q1, o, c, used_people)
        paras.append(first)
        if person is not None and rng.random() < 0.6:
            q2 = self.fill(self.pick(self.part_for(pair, slot, "quote", role), used_q), f)
            paras.append(f"{person['he']} added: {o}{q2}{c}")

        if rng.random() < 0.5:
            body = rng.choice(self.countries[slot.speaker]["bodies"])
            clause = self.fill(
                rng.choice(self.part_for(pair, slot, "indirect", role)), f, cap=False
            )
            paras.append(f"{_cap(_possessive(f['A']))} {body} said in a statement that {clause}.")

        # The other side's voice.
        reply_role = {
            "calm": "calm",
            "spike_loud": "spike_reply",
            "spike_reply": "spike_loud",
            "deesc": "deesc",
            "accord": "accord",
        }[role]
        no_denial = bool((slot.incident or {}).get("no_denial"))
        if role == "spike_loud" and not no_denial and rng.random() < 0.3:
            paras.append(f"{f['Bcap']} denied the accusation.")
        elif role != "accord" or rng.random() < 0.8:
            rq = self.fill(self.pick(self.part_for(pair, slot, "quote", reply_role), used_q), g)
            said, _ = self.speak(slot.other, slot.day, rq, o, c, used_people)
            if role == "spike_reply" and said[:1].isalpha():
                said = "Earlier, " + (said[:1].lower() + said[1:] if said[:4] == "The " else said)
            paras.append(said)

        narr_key = {"calm": "calm", "spike": "spike", "deescalation": "deesc"}[slot.phase]
        if rng.random() < 0.6:
            paras.append(self.fill(rng.choice(self.part_for(pair, slot, "narration", narr_key)), f))

        third = pair.get("third")
        if third and slot.phase == "spike" and rng.random() < 0.35:
            tf = self.fields(third, slot.speaker, slot, topic)
            tf.update({"A": f["A"], "B": f["B"], "Acap": f["Acap"], "Bcap": f["Bcap"]})
            tq = self.fill(rng.choice(b["third"]["quote"]), tf)
            said, _ = self.speak(third, slot.day, tq, o, c, set())
            paras.append(said)
        elif rng.random() < 0.2:
            who = rng.choice(b["analyst"]["people"])
            aq = rng.choice(b["analyst"][narr_key])
            paras.append(f"{o}{aq[:-1]},{c} said {who['name']}, an analyst at {who['place']}.")

        if len(paras) < 3:
            left = [
                t
                for t in self.part_for(pair, slot, "narration", narr_key)
                if self.fill(t, f) not in paras
            ]
            paras.append(self.fill(rng.choice(left), f))
        if slot.incident is not None and slot.phase == "deescalation" and rng.random() < 0.5:
            paras.append(self.fill("Relations were strained by {event} earlier this year.", f))

        return {
            "date": slot.day.isoformat(),
            "title": title,
            "outlet": outlet,
            "text": "\n\n".join(paras),
            "pair": slot.pair,
            "phase": slot.phase,
            "_slot": slot,
            "_fields": f,
        }


def schedule(blocks: dict[str, Any], rng: random.Random) -> list[Slot]:
    """Every article slot of every pair, in a deterministic order."""
    meta = blocks["meta"]
    start, end = _d(meta["start"]), _d(meta["end"])
    slots: list[Slot] = []
    for key in sorted(blocks["pair"]):
        pair = blocks["pair"][key]
        sides = (pair["a"], pair["b"])
        busy: list[tuple[date, date]] = []
        for inc in pair["incidents"]:
            d0 = _d(inc["date"])
            if inc["kind"] == "accord":
                for i in range(inc["deesc_n"]):
                    day = d0 + timedelta(days=0 if i < 2 else rng.randrange(ACCORD_DAYS))
                    speaker = sides[i % 2] if i < 2 else rng.choice(sides)
                    other = sides[1] if speaker == sides[0] else sides[0]
                    slots.append(Slot(day, key, speaker, other, "deescalation", "accord", inc))
                busy.append((d0 - timedelta(days=QUIET_BEFORE), d0 + timedelta(ACCORD_DAYS)))
                continue
            days = inc.get("days", SPIKE_DAYS)
            loud = sides[0] if inc["loud"] == "a" else sides[1]
            quiet = sides[1] if loud == sides[0] else sides[0]
            for i in range(inc["spike_n"]):
                offset = 0 if i == 0 else int(days * rng.random() ** 1.6)
                # the incident day opens with the loud side; the other side answers next
                loud_turn = i == 0 or (i > 1 and rng.random() < 0.62)
                speaker = loud if loud_turn else quiet
                other = quiet if speaker == loud else loud
                role = "spike_loud" if speaker == loud else "spike_reply"
                slots.append(Slot(d0 + timedelta(offset), key, speaker, other, "spike", role, inc))
            for i in range(inc["deesc_n"]):
                day = d0 + timedelta(days + 1 + rng.randrange(DEESC_DAYS))
                speaker = sides[i % 2] if i < 2 else rng.choice(sides)
                other = sides[1] if speaker == sides[0] else sides[0]
                slots.append(Slot(day, key, speaker, other, "deescalation", "deesc", inc))
            busy.append((d0 - timedelta(QUIET_BEFORE), d0 + timedelta(days + 1 + DEESC_DAYS)))
        for month in _month_starts(start, end):
            for _ in range(_poisson(rng, meta["calm_per_month"])):
                day = month + timedelta(days=rng.randrange(28))
                if day > end or any(lo <= day <= hi for lo, hi in busy):
                    continue
                speaker = rng.choice(sides)
                other = sides[1] if speaker == sides[0] else sides[0]
                slots.append(Slot(day, key, speaker, other, "calm", "calm", None))
    return [s for s in slots if start <= s.day <= end]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].rstrip("-")


def generate(blocks: dict[str, Any] | None = None) -> list[dict[str, str]]:
    """The whole corpus as a list of article dicts, sorted by date, with IDs and URLs."""
    blocks = load_blocks() if blocks is None else blocks
    meta = blocks["meta"]
    rng = random.Random(meta["seed"])
    composer = Composer(blocks, rng)
    outlets: list[str] = meta["outlets"]
    articles: list[dict[str, Any]] = []
    seen: set[str] = set()
    for slot in schedule(blocks, rng):
        for _attempt in range(20):
            art = composer.compose(slot, rng.choice(outlets))
            if art["text"] not in seen:
                break
        seen.add(art["text"])
        articles.append(art)

    # Syndicated near-copies: the same story in another outlet, new headline and lead.
    n_copies = round(len(articles) * meta["syndicated_share"])
    for src in rng.sample(articles, n_copies):
        copy = dict(src)
        copy["outlet"] = rng.choice([x for x in outlets if x != src["outlet"]])
        copy["date"] = (_d(src["date"]) + timedelta(days=rng.randrange(2))).isoformat()
        slot, cf = src["_slot"], src["_fields"]
        pair = blocks["pair"][src["pair"]]
        paras = src["text"].split("\n\n")
        ledes = [composer.fill(t, cf) for t in composer.part_for(pair, slot, "lede", slot.role)]
        heads = [
            _headline(composer.fill(t, cf))
            for t in composer.part_for(pair, slot, "headline", slot.role)
        ]
        new_ledes = [x for x in ledes if x != paras[0]]
        if new_ledes:
            paras[0] = rng.choice(new_ledes)
        copy["title"] = rng.choice([h for h in heads if h != src["title"]] or heads)
        copy["text"] = "\n\n".join(paras)
        if copy["text"] in seen:
            continue
        seen.add(copy["text"])
        articles.append(copy)

    articles.sort(key=lambda a: (a["date"], a["pair"], a["title"], a["text"]))
    out: list[dict[str, str]] = []
    for i, art in enumerate(articles, start=1):
        ident = f"demo-{i:04d}"
        out.append(
            {
                "id": ident,
                "date": art["date"],
                "title": art["title"],
                "outlet": art["outlet"],
                "url": f"https://demo.tension-dashboard.invalid/{ident}-{_slug(art['title'])}",
                "text": art["text"],
                "pair": art["pair"],
                "phase": art["phase"],
            }
        )
    return out


def dumps(articles: list[dict[str, str]]) -> str:
    """JSON Lines, one article per line, UTF-8 characters kept as they are."""
    return "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles)


def corpus_file() -> Path:
    return Path(__file__).with_name("corpus.jsonl")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if corpus.jsonl is stale")
    args = parser.parse_args(argv)
    text = dumps(generate())
    path = corpus_file()
    if args.check:
        ok = path.exists() and path.read_text(encoding="utf-8") == text
        print(f"{path}: {'up to date' if ok else 'STALE - run python -m tension.data.demo.build'}")
        return 0 if ok else 1
    path.write_text(text, encoding="utf-8")
    print(f"wrote {text.count(chr(10))} articles to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
