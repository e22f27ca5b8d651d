"""Rhetoric intensity, 0-100, with its explanation.

How the number is made (every piece is one :class:`~tension.scoring.types.Contribution`, and they
add up to :attr:`~tension.scoring.types.Score.raw`; ``intensity`` is ``raw`` clipped to 0-100)::

    raw = sentiment            VADER per sentence, negativity = max(0, -compound); the three
                               most negative sentences count 0.5 / 0.3 / 0.2 x 20 points.
                               A sentence of condolences (grief, not hostility) or with a
                               de-escalation phrase of negative words ("cessation of
                               hostilities") whose de-escalation outweighs its escalation,
                               or one with a GPR exclusion (sport, films), adds none.
        + lexicon hits         tiered points from ``data/lexicon.toml`` (concern ~5,
                               criticism ~18, threat ~20, force ~30; de-escalation < 0)
        + rule adjustments     negation, intensifier, hedge, denial, sympathy, exclusion,
                               target, repetition (see :mod:`tension.scoring.rules`)

Properties (property-tested): bounded; deterministic; case and spacing do not matter;
appending a sentence with an escalation term never lowers the score and appending one with
a de-escalation term never raises it (every rule is sentence-local and the sentiment term is
a weighted sum of the *largest* sentence negativities, which can only grow).

Matching (:mod:`tension.scoring.matching`): one Aho-Corasick automaton over the normalised
text finds every entry; a hit must start and end on a word boundary (letters, digits, ``_``
and ``-`` are word characters, so "de-escalation" never also counts "escalation"), and
overlapping hits keep the leftmost, then longest ("peace deal" over "peace", "price war"
over "war").

Limits: English only; a "sentence" of VADER is whatever the splitter returns (run-on text
over 2,000 characters is scored in chunks); the score of a text is not the mean of its
sentences' scores (hits add up, with repetition damped).
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import Protocol

from tension.scoring.countries import country_words
from tension.scoring.lexicon import Lexicon, LexiconTerm, load_lexicon
from tension.scoring.matching import Match, Matcher
from tension.scoring.normalise import normalise
from tension.scoring.rules import RuleSet
from tension.scoring.sentences import split_sentences
from tension.scoring.sentiment import SentimentCache
from tension.scoring.types import Contribution, Score, TermHit

__all__ = [
    "SCORER_VERSION",
    "EachPart",
    "Scorer",
    "TextScorer",
    "default_scorer",
    "score_text",
    "sentence_spans",
]

SCORER_VERSION = "1.1.0"
"""Version of the scoring method (rules and formula); the lexicon has its own version."""

_CONTEXT = "(exclusion context)"  # category of the [rules] exclusion_context words
_TARGET = "(target)"  # category of the [rules] targets words
_UNAIMED = frozenset({"negation", "denial", "sympathy", "exclusion"})
_COUNTRIES = "@countries"  # in [rules] targets: every country name, demonym and capital


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text``, the same whatever its letter case.

    The splitter looks at capital letters; splitting an upper-cased copy (same length, so the
    same offsets) makes the spans, and so the score, independent of case, and on news copy
    it splits as the original does. A piece with no letter or digit joins the sentence
    it follows.
    """
    if not text.strip():
        return []
    upper = text.upper()
    if len(upper) != len(text):  # "ß" upper-cases to two code points: keep those as they are
        upper = "".join(u if len(u := c.upper()) == 1 else c for c in text)
    spans: list[tuple[int, int]] = []
    for a, b in split_sentences(upper):
        # a "sentence" of punctuation alone (";!" after "killed.") belongs to the one before:
        # the splitter cuts there or not depending on the spacing around it
        if spans and spans[-1][1] == a and not any(c.isalnum() for c in text[a:b]):
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    return spans


@dataclass(slots=True)
class _Sentence:
    start: int
    end: int
    compound: float
    neg: float
    pos: float
    gated: bool = False  # de-escalation wins, or excluded (sport, "price war"): no negativity


def _r(x: float) -> float:
    return round(x, 6) + 0.0


class TextScorer(Protocol):
    """What the analysis needs from a scorer: one score for each of several parts of a text.

    ``ranges`` are the parts (``(start, end)``: the statements, the whole text); ``sentences``
    are the sentence spans of ``text``, the context the shipped :class:`Scorer` gives its
    rules (it matches the text once for all parts). A scorer of one text at a time serves
    through :class:`EachPart`.
    """

    def score_many(
        self,
        text: str,
        ranges: Sequence[tuple[int, int]],
        sentences: Sequence[tuple[int, int]] | None = None,
    ) -> list[Score]: ...


@dataclass(frozen=True, slots=True)
class EachPart:
    """A :class:`TextScorer` made of a function that scores one text (``score(text)``): each
    part is scored on its own, with no context from the rest of the text and no shared work.

    ``analyze(text, scorer=EachPart(my_model.score))``; tests and evaluations use it to see
    which text each statement was given, or to skip scoring.
    """

    score: Callable[[str], Score]

    def score_many(
        self,
        text: str,
        ranges: Sequence[tuple[int, int]],
        sentences: Sequence[tuple[int, int]] | None = None,
    ) -> list[Score]:
        """``score(text[start:end])`` for each range, in order."""
        return [self.score(text[a:b]) for a, b in ranges]


class Scorer:
    """Scores texts with one lexicon; build once and reuse (it is thread-safe to share).

    ``cache_size`` bounds the per-sentence VADER cache (syndicated copies repeat sentences).
    """

    def __init__(self, lexicon: Lexicon | None = None, cache_size: int = 65536) -> None:
        self.lexicon = lexicon if lexicon is not None else load_lexicon()
        self.version = self.lexicon.version
        # exclusion-context words ride in the same automaton: one pass finds everything
        taken = {(t.term, t.prefix) for t in self.lexicon.terms}
        context: dict[tuple[str, bool], LexiconTerm] = {}
        for entry in self.lexicon.rules.exclusion_context:
            term, prefix = normalise(entry).rstrip("*").strip(), entry.endswith("*")
            if term and (term, prefix) not in taken:
                context[(term, prefix)] = LexiconTerm(term, _CONTEXT, "exclusion", 0.0, prefix)
        # target words (who a sentence is about) too, when the target rule is on
        targets: list[str] = []
        if self.lexicon.rules.target_factor != 1.0:
            for entry in self.lexicon.rules.targets:
                if entry == _COUNTRIES:
                    targets.extend(sorted(country_words()))
                else:
                    targets.append(entry)
        for entry in targets:
            term, prefix = normalise(entry).rstrip("*").strip(), entry.endswith("*")
            if term and (term, prefix) not in taken and (term, prefix) not in context:
                context[(term, prefix)] = LexiconTerm(term, _TARGET, "exclusion", 0.0, prefix)
        self.matcher = Matcher(self.lexicon.terms + tuple(context.values()))
        self.rules = RuleSet.build(self.lexicon.rules)
        self.sentiment = SentimentCache(cache_size)
        # de-escalation phrases made of words VADER reads as negative ("cessation of
        # hostilities"): like condolences, their sentence's negativity is not hostility
        self._grim = frozenset(
            t
            for t in self.lexicon.terms
            if t.kind == "deescalation" and self.sentiment.sentence(t.term)[0] < 0
        )

    # -- public API ------------------------------------------------------------------------

    def score(self, text: str) -> Score:
        """Score any text: a statement, a sentence or a whole article."""
        return self.score_spans(text, sentence_spans(text))

    def score_spans(self, text: str, spans: Sequence[tuple[int, int]]) -> Score:
        """Score ``text`` whose sentence ``spans`` (``(start, end)``, in order) are known."""
        return self.score_many(text, [(0, len(text))], spans)[0]

    def score_many(
        self,
        text: str,
        ranges: Sequence[tuple[int, int]],
        spans: Sequence[tuple[int, int]] | None = None,
    ) -> list[Score]:
        """Score several parts of one text (the statements of an article), one Score each.

        The text is matched once and each sentence goes through VADER once (the cache
        serves repeats); a part that cuts a sentence gets VADER on its own piece. Offsets in
        the results are offsets into ``text``. ``spans`` are the sentence spans of ``text``
        (split here when None). Context rules see the whole sentence around a hit.
        """
        if spans is None:
            spans = sentence_spans(text)
        spans = [(max(0, a), min(len(text), b)) for a, b in spans if b > a]
        spans.sort()
        starts = [a for a, _ in spans]
        matches = self.matcher.find(text) if spans else []
        # rule factors and sentence gating, per hit, from the whole sentence
        hit_info: list[tuple[Match, int, list[tuple[str, float]]]] = []
        excluded_sentences: set[int] = set()
        sympathy_sentences: set[int] = set()
        grim_sentences: set[int] = set()  # condolences, "cessation of hostilities"
        # sentences whose negativity is not conflict: de-escalation (condolences, "cessation
        # of hostilities"), GPR exclusions ("price war", a sports report)
        quiet_sentences: set[int] = set()
        deesc_sentences: set[int] = set()
        target_sentences: set[int] = set()  # sentences that name a country or an actor
        for m in matches:
            si = bisect_right(starts, m.start) - 1
            if si < 0 or m.start >= spans[si][1]:
                # outside every sentence span: its own context
                hit_info.append((m, -1, []))
                continue
            if m.term.category == _CONTEXT:
                excluded_sentences.add(si)
                continue
            if m.term.category == _TARGET:
                target_sentences.add(si)
                continue
            if m.term.kind == "deescalation":
                deesc_sentences.add(si)
                if m.term.category == "sympathy":
                    sympathy_sentences.add(si)
                if m.term.category == "sympathy" or m.term in self._grim:
                    grim_sentences.add(si)
            s_start = spans[si][0]
            hit_info.append((m, si, self.rules.factors(text, m.start, s_start, m.term)))
        # GPR proximity: topic words ("military", "border") count fully only in a sentence
        # that also holds a threat or act word
        topics = self.rules.rules.topic_categories
        cue_sentences = {
            si
            for m, si, _ in hit_info
            if m.term.kind == "escalation" and m.term.category not in topics
        }
        for m, si, fired in hit_info:
            if m.term.kind == "exclusion" and si >= 0:
                quiet_sentences.add(si)
            if m.term.kind != "escalation" or si < 0:
                continue
            if si in excluded_sentences:
                fired.append(("exclusion", 0.0))
                quiet_sentences.add(si)
            elif si in sympathy_sentences and m.term.category == "force":
                fired.append(("sympathy", self.rules.rules.sympathy_factor))
            elif m.term.category in topics and si not in cue_sentences:
                fired.append(("topic alone", self.rules.rules.topic_alone_factor))
            # a denied, negated or mourned act is not aimed at the target named beside it, and
            # a sentence that also speaks of dialogue or friendship is not simply against it
            if (
                si in target_sentences
                and si not in deesc_sentences
                and not any(r in _UNAIMED for r, _ in fired)
            ):
                fired.append(("target", self.rules.rules.target_factor))

        # a sentence of condolences, or with a de-escalation phrase made of negative words
        # ("cessation of hostilities"), is quiet unless its escalation outweighs its
        # de-escalation: its negativity is grief or the words of the phrase. Other
        # de-escalation words do not silence a sentence: "the peace process has been wrecked"
        # is as negative as it reads.
        net: dict[int, float] = {}
        for m, si, fired in hit_info:
            if si in deesc_sentences:
                w = m.term.weight
                for _, f in fired:
                    w *= f
                net[si] = net.get(si, 0.0) + w
        quiet_sentences.update(si for si, v in net.items() if v <= 0 and si in grim_sentences)
        quiet_sentences |= excluded_sentences
        # Each range looks only at the spans and hits that can fall inside it: spans and
        # hits are in start order, so bisection finds them (an article has as many
        # statements as sentences, and scanning all of them per statement was quadratic).
        ends = [b for _, b in spans]
        ends_sorted = all(x <= y for x, y in pairwise(ends))  # spans do not overlap
        hit_starts = [h[0].start for h in hit_info]  # matches come leftmost first
        sentence = self.sentiment.sentence
        # a hit's explanation lines depend only on the hit and on how many earlier hits of
        # its term the range holds: the whole-text score reuses what the statements built
        hit_cache: dict[tuple[int, int], tuple[list[Contribution], TermHit]] = {}
        results: list[Score] = []
        for lo, hi in ranges:
            lo, hi = max(0, lo), min(len(text), hi)
            sentences: list[_Sentence] = []
            first = bisect_right(ends, lo) if ends_sorted else 0
            for si in range(first, bisect_left(starts, hi)):
                a, b = spans[si]
                if b <= lo or a >= hi:
                    continue
                pa, pb = max(a, lo), min(b, hi)
                c, neg, pos = sentence(text[pa:pb])
                sentences.append(_Sentence(pa, pb, c, neg, pos, gated=si in quiet_sentences))
            hits = [
                h
                for h in hit_info[bisect_left(hit_starts, lo) : bisect_left(hit_starts, hi)]
                if h[0].end <= hi
            ]
            results.append(self._assemble(sentences, hits, hit_cache))
        return results

    # -- assembling one score --------------------------------------------------------------

    def _hit_lines(
        self, m: Match, fired: list[tuple[str, float]], n: int
    ) -> tuple[list[Contribution], TermHit]:
        """A hit's explanation lines (its weight, then one line per rule that changed it) and
        its term hit; ``n`` earlier hits of the same term in the text apply repetition."""
        t = m.term
        base = _r(t.weight)
        own = [Contribution(t.key, t.category, base, m.start, m.end)]
        current = base
        steps: list[tuple[str, float]] = []
        if n:
            steps.append(("repetition", self.lexicon.rules.repetition_factor**n))
        steps.extend(fired)
        for rule, factor in steps:
            new = _r(current * factor)
            if new != current:
                own.append(Contribution(rule, "rule", _r(new - current), m.start, m.end))
            current = new
        total = math.fsum(c.points for c in own)
        return own, TermHit(t.key, t.category, total, m.start, m.end)

    def _assemble(
        self,
        sentences: list[_Sentence],
        hits: list[tuple[Match, int, list[tuple[str, float]]]],
        cache: dict[tuple[int, int], tuple[list[Contribution], TermHit]] | None = None,
    ) -> Score:
        rules = self.lexicon.rules
        contributions: list[Contribution] = []
        # sentiment: weighted sum of the largest sentence negativities
        negs = [((0.0 if s.gated else max(0.0, -s.compound)), s) for s in sentences]
        negs.sort(key=lambda p: (-p[0], p[1].start, p[1].end))
        for weight, (negativity, s) in zip(rules.sentiment_weights, negs, strict=False):
            points = _r(rules.sentiment_points * weight * negativity)
            if points > 0:
                contributions.append(Contribution("sentiment", "sentiment", points, s.start, s.end))
        term_hits: list[TermHit] = []
        seen: dict[tuple[str, bool], int] = {}
        for hit in hits:
            m, _, fired = hit
            t = m.term
            if t.kind == "exclusion":
                continue
            key = (t.term, t.prefix)
            n = seen.get(key, 0)
            seen[key] = n + 1
            done = cache.get((id(hit), n)) if cache is not None else None
            if done is None:
                done = self._hit_lines(m, fired, n)
                if cache is not None:
                    cache[(id(hit), n)] = done
            contributions.extend(done[0])
            term_hits.append(done[1])
        raw = math.fsum(c.points for c in contributions) + 0.0
        intensity = round(min(100.0, max(0.0, raw)), 2) + 0.0
        n = len(sentences)
        return Score(
            intensity=intensity,
            raw=raw,
            compound=_r(sum(s.compound for s in sentences) / n) if n else 0.0,
            neg=_r(sum(s.neg for s in sentences) / n) if n else 0.0,
            pos=_r(sum(s.pos for s in sentences) / n) if n else 0.0,
            escalation=_r(math.fsum(h.weight for h in term_hits if h.weight > 0)),
            deescalation=_r(math.fsum(h.weight for h in term_hits if h.weight < 0)),
            terms=tuple(term_hits),
            contributions=tuple(contributions),
            lexicon_version=self.version,
        )


@cache
def default_scorer() -> Scorer:
    """The process-wide scorer with the shipped lexicon (built on first use)."""
    return Scorer()


def score_text(text: str) -> Score:
    """Score ``text`` with :func:`default_scorer`."""
    return default_scorer().score(text)
