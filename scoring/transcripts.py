"""Transcripts: press conferences, briefings and interviews, turn by turn.

A turn starts a line with a label and a colon. Recognised layouts (labels from the
``[transcript]`` table of ``data/speech.toml``, any case):

- ``Q:`` / ``A:`` and ``Question:`` / ``Answer:``: questions and the answers of the person
  the document names as its speaker;
- ``MODERATOR:``, ``JOURNALIST:``, ``HOST:`` ...: someone asking or chairing;
- a named speaker before a colon: ``Mao Ning:``, ``MR. PRICE:``, ``Foreign Minister Lavrov
  (through an interpreter):``; outlets asking questions at a briefing (``Reuters:``) have
  labels of this shape too, so which named labels speak for a country is decided with the
  document's speaker and the countries the labels name (see
  :mod:`tension.scoring.statements`).

A text is a transcript when at least two turns are found and either a question or answer
label is among them or some named label opens two turns or more (so a single "Note:" line or
an article quoting one "President Aliyev: ..." line is not one).

Limits: a turn label must start its line; a turn runs to the next label, so an unlabelled
paragraph after a turn belongs to it; labels of more than six words are not recognised.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise
from typing import Literal

from tension.scoring.datafiles import words

__all__ = ["TURN_LABEL", "Turn", "TurnRole", "find_turns", "turn_at", "within_turns"]

TURN_LABEL = re.compile(
    r"(?P<label>[A-Z][\w.'’\-]*"
    r"(?:[ \t]+(?:[A-Z][\w.'’\-]*|of|the|for|de|del|da|al|bin|ibn|van|von|la|le)){0,5}"
    r"(?:[ \t]+\([^()\n]{1,60}\))?)[ \t]*:[ \t]+(?=\S)"
)
"""A turn's label at the start of a line (match at the line's first character)."""

_LINE_LABEL = re.compile(r"^[ \t]*" + TURN_LABEL.pattern, re.M)

TurnRole = Literal["question", "answer", "named"]


@dataclass(frozen=True, slots=True)
class Turn:
    """One turn of a transcript: the label ``text[start:body]`` (colon included) and the
    words ``text[body:end]``; ``end`` is where the next turn starts."""

    start: int
    body: int
    end: int
    label: str
    role: TurnRole


@dataclass(frozen=True, slots=True)
class _Labels:
    question: frozenset[str]
    answer: frozenset[str]
    not_labels: frozenset[str]


@cache
def _labels() -> _Labels:
    def w(key: str) -> frozenset[str]:
        return frozenset(x.lower() for x in words("speech.toml", "transcript", key))

    return _Labels(w("question_labels"), w("answer_labels"), w("not_labels"))


def _role(label: str) -> TurnRole | None:
    key = re.sub(r"\s*\(.*\)$", "", label).strip().rstrip(".").lower()
    labels = _labels()
    if key in labels.not_labels:
        return None
    if key in labels.question:
        return "question"
    if key in labels.answer:
        return "answer"
    return "named"


@lru_cache(maxsize=8)
def find_turns(text: str) -> tuple[Turn, ...]:
    """The turns of ``text`` in order, or ``()`` when it is not a transcript."""
    found: list[tuple[int, int, str, TurnRole]] = []
    for m in _LINE_LABEL.finditer(text):
        label = m.group("label")
        role = _role(label)
        if role is not None:
            found.append((m.start("label"), m.end(), label, role))
    if len(found) < 2:
        return ()
    named = [f[2].lower() for f in found if f[3] == "named"]
    generic = any(f[3] != "named" for f in found)
    if not generic and not any(named.count(x) >= 2 for x in set(named)):
        return ()
    ends = [f[0] for f in found[1:]] + [len(text)]
    return tuple(
        Turn(start, body, end, label, role)
        for (start, body, label, role), end in zip(found, ends, strict=True)
    )


def turn_at(turns: tuple[Turn, ...], pos: int) -> Turn | None:
    """The turn whose words or label hold ``pos`` (None before the first turn)."""
    i = bisect.bisect_right([t.start for t in turns], pos) - 1
    return turns[i] if i >= 0 and pos < turns[i].end else None


def within_turns(
    spans: list[tuple[int, int]], turns: tuple[Turn, ...], text: str
) -> list[tuple[int, int]]:
    """``spans`` (sentences) cut where turns start, without the turns' labels: a sentence
    never runs from one speaker's turn into the next, nor holds a label."""
    if not turns:
        return spans
    cuts = sorted({t.start for t in turns} | {t.body for t in turns})
    labels = [(t.start, t.body) for t in turns]
    out: list[tuple[int, int]] = []
    for start, end in spans:
        points = [start, *(c for c in cuts if start < c < end), end]
        for a, b in pairwise(points):
            i = bisect.bisect_right(labels, (a, len(text))) - 1
            if i >= 0 and labels[i][0] <= a < labels[i][1]:
                a = labels[i][1]  # inside a label: keep what follows it
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if a < b:
                out.append((a, b))
    return out
