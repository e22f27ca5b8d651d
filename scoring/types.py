"""Result types shared by every part of ``tension.scoring``.

All results are small frozen dataclasses so they can be hashed, compared in tests and
turned into plain dicts (``dataclasses.asdict``) for JSON or Parquet.

Offsets are Python string indices (code points) into the text that was scored, half open:
``text[start:end]`` is the matched span.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

Spans = Sequence[tuple[int, int]]
"""Spans of one text, ``(start, end)`` offsets, half open (sentences, statements, ranges)."""

StatementKind = Literal["quote", "reported", "narration", "document"]
"""How a statement reached the article: a direct quote, reported speech, narration (no one's
statement), or ``document``: a sentence of a document that is its speaker's own words as a
whole (a speech, a press release, a spokesperson's answers in a briefing)."""

STATEMENT_KINDS: tuple[StatementKind, ...] = ("document", "quote", "reported", "narration")
"""Every statement kind, the document's own words first."""


@dataclass(frozen=True, slots=True)
class DocumentSpeaker:
    """Who speaks in a whole document: a speech, an official statement, a press release, the
    answers of a briefing. ``label`` names the speaker ("Ministry of Foreign Affairs", "Maria
    Zakharova"); ``country`` is an ISO 3166-1 alpha-3 code. Either may be missing: a
    country's speech without a named speaker, or a speaker whose country scoring finds in
    the label ("Azerbaijan's Foreign Ministry") or in the officials list."""

    label: str | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class TermHit:
    """One lexicon entry found in the text.

    ``weight`` is the entry's weight after context rules (negation, intensifiers...), so it is
    exactly the number of intensity points the hit contributes.
    """

    term: str
    category: str
    weight: float
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Contribution:
    """One line of a score's explanation.

    ``source`` is what earned the points: a matched term (``"act of terror"``), a rule
    (``"negation"``) or a component (``"sentiment"``). ``start``/``end`` point at the text that
    earned it, or are both ``-1`` for components not tied to one span (the base sentiment).
    The contributions of a :class:`Score` always add up to :attr:`Score.raw`.
    """

    source: str
    category: str
    points: float
    start: int = -1
    end: int = -1


@dataclass(frozen=True, slots=True)
class Score:
    """The rhetoric intensity of one text, with everything needed to explain it.

    - ``intensity``: 0-100, ``raw`` through the smooth bound
      (:func:`tension.scoring.intensity.bound`: strictly increasing, 50 at raw 60, never
      100), rounded to 2 decimals.
    - ``raw``: the unbounded sum of ``contributions``.
    - ``compound``/``neg``/``pos``: VADER sentiment aggregated over the text's sentences.
    - ``escalation``/``deescalation``: total points from each lexicon (deescalation <= 0).
    - ``lexicon_version``: identifies the lexicon (and user overrides) that produced the score.
    """

    intensity: float
    raw: float
    compound: float
    neg: float
    pos: float
    escalation: float
    deescalation: float
    terms: tuple[TermHit, ...] = ()
    contributions: tuple[Contribution, ...] = ()
    lexicon_version: str = ""


@dataclass(frozen=True, slots=True)
class CountryMention:
    """A place in the text that refers to a country (ISO 3166-1 alpha-3 ``code``).

    ``via`` says how it was recognised: ``name``, ``demonym``, ``capital``, ``institution`` or
    ``official``.
    """

    code: str
    start: int
    end: int
    text: str
    via: str = "name"


@dataclass(frozen=True, slots=True)
class Statement:
    """A quote, reported speech, a document's own sentence or narration, attributed (when
    possible) to a speaker.

    ``speaker_country`` is ``None`` for speakers that speak for no country (an outside
    analyst, witnesses); such statements never feed country pairs. ``target_countries`` never
    contains ``speaker_country``.
    """

    start: int
    end: int
    text: str
    kind: StatementKind
    speaker: str | None
    speaker_country: str | None
    target_countries: tuple[str, ...]
    score: Score


@dataclass(frozen=True, slots=True)
class ArticleAnalysis:
    """Everything ``tension.scoring`` derives from one article.

    ``countries`` are the countries the article is mainly about, most important first;
    ``pairs`` are the undirected pairs among them, each sorted alphabetically.
    """

    countries: tuple[str, ...]
    pairs: tuple[tuple[str, str], ...]
    mentions: tuple[CountryMention, ...]
    statements: tuple[Statement, ...]
    score: Score
    extra: dict[str, str] = field(default_factory=dict, compare=False)
