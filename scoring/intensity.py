"""Rhetoric intensity, 0-100, with its explanation.

How the number is made (every piece is one :class:`~tension.scoring.types.Contribution`, and they
add up to :attr:`~tension.scoring.types.Score.raw`; ``intensity`` is ``raw`` through the smooth
bound :func:`bound`, 0-100, strictly increasing, never 100)::

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

Limits: English only (:mod:`tension.scoring.language` tells callers which texts are not);
a "sentence" of VADER is whatever the splitter returns (run-on text
over 2,000 characters is scored in chunks); the score of a text is not the mean of its
sentences' scores (hits add up, with repetition damped).
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import Protocol

from tension.scoring.context import ContextMatcher, tokens
from tension.scoring.countries import country_words
from tension.scoring.lexicon import Lexicon, LexiconTerm, load_lexicon
from tension.scoring.matching import Match, Matcher
from tension.scoring.normalise import NormalisedText, normalise
from tension.scoring.rules import RuleSet
from tension.scoring.sentences import split_sentences
from tension.scoring.sentiment import SentimentCache
from tension.scoring.types import Contribution, Score, Spans, TermHit

__all__ = [
    "SCORER_VERSION",
    "EachPart",
    "Scorer",
    "TextScorer",
    "bound",
    "default_scorer",
    "score_text",
    "sentence_spans",
]

SCORER_VERSION = "1.3.0"
"""Version of the scoring method (rules and formula) and of the attribution of statements;
the lexicon has its own version. 1.2.0: whole-document speakers (kind ``document``),
transcripts, print layout undone before splitting, speakers must name someone. 1.3.0 (issue
11): the CAMEO vocabulary (bare entries and verbs in context), fitted weights, threat scope,
one threat / one event, the "negative is not tension" gate, positive sentiment, the smooth
bound instead of the clip at 100; texts not in English are stored unscored."""

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
    """A sentence (or the part of it inside a range) with its VADER sentiment."""

    start: int
    end: int
    compound: float
    neg: float
    pos: float
    gated: bool = False  # its negativity is not conflict (see _SentenceContext.quiet)
    gate: str | None = None  # the gate that silenced it, for the explanation
    escalating: bool = False  # holds an escalation term: no positive sentiment


@dataclass(slots=True)
class _SentenceContext:
    """What one sentence holds that changes how its hits and its negativity count."""

    excluded: bool = False  # an exclusion-context word (sport, films): escalation scores 0
    target: bool = False  # names a country or a governing actor
    deescalation: bool = False  # a de-escalation term
    sympathy: bool = False  # a sympathy term (condolences)
    grim: bool = False  # a sympathy term, or a de-escalation phrase of negative words
    cue: bool = False  # an escalation term that is not a topic word ("military")
    quiet: bool = False  # its negativity is not conflict: no sentiment points
    escalating: bool = False  # an escalation term: its positive words are no de-escalation
    gate: str | None = None  # gated as a disaster, epidemic, ... (see rules.py)


@dataclass(slots=True)
class _Hit:
    """A lexicon hit, the sentence it is in (index into the sentence spans, -1: none) and the
    rules that fired on it, ``(rule, factor)`` in the order they apply."""

    match: Match
    sentence: int
    fired: list[tuple[str, float]]


def bound(raw: float, k: float = 60.0, softness: float = 2.0) -> float:
    """The intensity 0-100 of a raw sum: ``100 * g / (g + k)`` with the softplus
    ``g = softness * ln(1 + exp(raw / softness))``, rounded to 2 decimals.

    Smooth and strictly increasing (before rounding): ``g`` is about ``raw`` above a few
    points and tends to 0 below 0, so cooperative text still ranks below neutral text (raw 0
    -> 2.26, raw -10 -> 0.02); ``k`` is the raw sum that reads 50. With the shipped settings one
    force term (raw 28) reads 31.8, raw 150 71.4, raw 1,000 94.3, raw 10,000 99.4: a pile of
    terms never reaches 100 (at 2 decimals, not before raw ~12 million), so different
    statements do not tie at the top. Limit: rounding to 2 decimals ties raw sums closer
    than the rounding step (about 0.001 points near raw 10, 0.5 near raw 1,000).
    """
    x = raw / softness
    g = softness * (x + math.log1p(math.exp(-x))) if x > 0 else softness * math.log1p(math.exp(x))
    return round(100.0 * g / (g + k), 2) + 0.0


def _points(hit: _Hit) -> float:
    """A hit's points after the rules that fired on it so far."""
    w = hit.match.term.weight
    for _, f in hit.fired:
        w *= f
    return w


def _marker(term: LexiconTerm) -> bool:
    """A word that only marks its sentence (exclusion context, target), not an entry."""
    return term.category in (_CONTEXT, _TARGET)


def _r(x: float) -> float:
    return round(x, 6) + 0.0


class TextScorer(Protocol):
    """What the analysis needs from a scorer: one score for each of several parts of a text.

    ``ranges`` are the parts (``(start, end)``: the statements, the whole text); ``sentences``
    are the sentence spans of ``text``, the context the shipped :class:`Scorer` gives its
    rules (it matches the text once for all parts). A scorer of one text at a time serves
    through :class:`EachPart`.
    """

    def score_many(self, text: str, ranges: Spans, sentences: Spans | None = None) -> list[Score]:
        """One Score per range of ``text``, in order."""


@dataclass(frozen=True, slots=True)
class EachPart:
    """A :class:`TextScorer` made of a function that scores one text (``score(text)``): each
    part is scored on its own, with no context from the rest of the text and no shared work.

    ``analyze(text, scorer=EachPart(my_model.score))``; tests and evaluations use it to see
    which text each statement was given, or to skip scoring.
    """

    score: Callable[[str], Score]

    def score_many(self, text: str, ranges: Spans, sentences: Spans | None = None) -> list[Score]:
        """``score(text[start:end])`` for each range, in order."""
        return [self.score(text[a:b]) for a, b in ranges]


class Scorer:
    """Scores texts with one lexicon; build once and reuse (it is thread-safe to share).

    ``cache_size`` bounds the per-sentence VADER cache (syndicated copies repeat sentences).
    """

    def __init__(self, lexicon: Lexicon | None = None, cache_size: int = 65536) -> None:
        self.lexicon = lexicon if lexicon is not None else load_lexicon()
        self.version = self.lexicon.version
        # exclusion-context words and target words (who a sentence is about, when the target
        # rule is on) ride in the same automaton as the lexicon: one pass finds everything
        rules = self.lexicon.rules
        targets: list[str] = []
        if rules.target_factor != 1.0:
            for entry in rules.targets:
                targets.extend(sorted(country_words()) if entry == _COUNTRIES else [entry])
        taken = {(t.term, t.prefix) for t in self.lexicon.terms}
        context: dict[tuple[str, bool], LexiconTerm] = {}
        for category, entries in ((_CONTEXT, rules.exclusion_context), (_TARGET, targets)):
            for entry in entries:
                term, prefix = normalise(entry).rstrip("*").strip(), entry.endswith("*")
                if term and (term, prefix) not in taken and (term, prefix) not in context:
                    context[(term, prefix)] = LexiconTerm(term, category, "exclusion", 0.0, prefix)
        self.matcher = Matcher(self.lexicon.terms + tuple(context.values()))
        self.context = ContextMatcher(self.lexicon.context, self.lexicon.context_window)
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

    def score_spans(self, text: str, sentences: Spans) -> Score:
        """Score ``text`` whose ``sentences`` (spans ``(start, end)``, in order) are known."""
        return self.score_many(text, [(0, len(text))], sentences)[0]

    def score_many(self, text: str, ranges: Spans, sentences: Spans | None = None) -> list[Score]:
        """Score several parts of one text (the statements of an article), one Score each.

        The text is matched once and each sentence goes through VADER once (the cache
        serves repeats); a part that cuts a sentence gets VADER on its own piece. Offsets in
        the results are offsets into ``text``. ``sentences`` are the sentence spans of
        ``text`` (split here when None). Context rules see the whole sentence around a hit.

        The steps: match the text, locate each hit in its sentence (with the word-window
        rules of :mod:`tension.scoring.rules` and what the sentence holds), apply the
        sentence rules (exclusion, sympathy, topic alone, target), gate the sentences whose
        negativity is not conflict, then assemble each range from its sentences and hits.
        """
        if sentences is None:
            sentences = sentence_spans(text)
        spans = sorted((max(0, a), min(len(text), b)) for a, b in sentences if b > a)
        matches: list[Match] = []
        gates: dict[int, str] = {}
        objects: dict[int, list[tuple[int, int]]] = {}
        if spans:
            norm = NormalisedText(text)
            words, offsets = tokens(norm.text)
            breaks, deltas = norm.breaks, norm.deltas  # norm.orig, inlined: one call per word
            starts = [o + deltas[bisect_right(breaks, o) - 1] for o in offsets]
            ends = [
                o + n + deltas[bisect_right(breaks, o + n - 1) - 1]
                for o, n in zip(offsets, map(len, words), strict=True)
            ]
            sentence_words = []
            for a, b in spans:
                lo, hi = bisect_left(starts, a), bisect_left(starts, b)
                sentence_words.append((lo, words[lo:hi]))
            matches = self.matcher.find(text, norm)
            matches, objects = self._with_context(matches, sentence_words, starts, ends)
            for si, (_, ws) in enumerate(sentence_words):
                kind = self.rules.gate_of(ws)
                if kind is not None:
                    gates[si] = kind
        hits, contexts = self._locate(text, spans, matches)
        self._apply_sentence_rules(text, hits, contexts, gates)
        self._one_event(hits, objects)
        self._gate(hits, contexts)
        return self._score_ranges(text, ranges, spans, hits, contexts)

    # -- the steps of score_many -----------------------------------------------------------

    def _with_context(
        self,
        matches: list[Match],
        sentence_words: list[tuple[int, list[str]]],
        starts: list[int],
        ends: list[int],
    ) -> tuple[list[Match], dict[int, list[tuple[int, int]]]]:
        """``matches`` with the context entries of each sentence merged in (see
        :mod:`tension.scoring.context`). A context match replaces the hit on the same word
        ("struck a deal" is cooperation, "killed in an accident" scores nothing); where a
        longer entry holds the verb ("opened fire") that entry stands; elsewhere it is a new
        hit. The object words are not consumed: they score on their own ("fired … rockets":
        the act and the weapon), except that a verb and an object of the same category are
        one event (see :meth:`_one_event`). Also returns the spans of each context hit's
        pattern words, by the hit's start."""
        objects: dict[int, list[tuple[int, int]]] = {}
        if not self.context:
            return matches, objects
        added: list[Match] = []
        replaced: dict[int, Match | None] = {}  # index into matches -> new match (None: gone)
        by_start = {m.start: i for i, m in enumerate(matches) if not _marker(m.term)}
        term_starts = sorted(by_start)
        for lo, sentence in sentence_words:
            for cm in self.context.find(sentence):
                start, end = starts[lo + cm.first], ends[lo + cm.last]
                k = bisect_left(term_starts, end)
                overlap = []  # hits do not overlap: scan back to the first that ends before
                for j in range(k - 1, -1, -1):
                    if matches[by_start[term_starts[j]]].end <= start:
                        break
                    overlap.append(by_start[term_starts[j]])
                e = cm.entry
                term = LexiconTerm(cm.label, e.category, e.kind, e.weight, False, e.source)
                if e.kind != "exclusion":
                    objects[start] = [(starts[lo + x], ends[lo + y]) for x, y in cm.objects]
                if overlap:
                    if len(overlap) != 1:
                        continue
                    old = matches[overlap[0]]
                    if (old.start, old.end) != (start, end) or old.term.kind == "exclusion":
                        continue  # a longer entry holds the verb, or hides it: it stands
                    replaced[overlap[0]] = (
                        None if e.kind == "exclusion" else Match(start, end, term)
                    )
                elif e.kind != "exclusion":
                    added.append(Match(start, end, term))
        if not added and not replaced:
            return matches, objects
        kept = [replaced.get(i, m) for i, m in enumerate(matches)]
        merged = [m for m in kept if m is not None] + added
        merged.sort(key=lambda m: (m.start, -m.end))
        return merged, objects

    @staticmethod
    def _one_event(hits: list[_Hit], objects: dict[int, list[tuple[int, int]]]) -> None:
        """A context hit and a hit on its pattern words of the same category are one event
        ("issued … ultimatum" and "ultimatum", "fired … tear gas" and "tear gas"): the
        smaller of the two gets ``one event`` x 0. A weapon of the topic tier beside an act
        ("fired … rockets" and "rocket*" of category force are one; "grenades", military,
        is not) counts on its own."""
        if not objects:
            return
        by_start = {h.match.start: h for h in hits if h.sentence >= 0}
        starts = sorted(by_start)
        for start, spans in objects.items():
            verb = by_start.get(start)
            if verb is None or " [" not in verb.match.term.term:
                continue
            for a, b in spans:
                k = bisect_left(starts, a)
                while k < len(starts) and starts[k] < b:
                    obj = by_start[starts[k]]
                    k += 1
                    if obj.match.term.category != verb.match.term.category:
                        continue
                    pair = (verb, obj)
                    if any(r == "one event" for h in pair for r, _ in h.fired):
                        continue
                    smaller = min(pair, key=lambda h: abs(_points(h)))
                    if _points(smaller) != 0:
                        smaller.fired.append(("one event", 0.0))

    def _locate(
        self, text: str, spans: list[tuple[int, int]], matches: list[Match]
    ) -> tuple[list[_Hit], dict[int, _SentenceContext]]:
        """Each match in its sentence, with the word-window rules that fire on it, and the
        context of every sentence a match is in. Exclusion-context and target words only
        mark their sentence; a match outside every sentence is its own context."""
        starts = [a for a, _ in spans]
        topics = self.rules.rules.topic_categories
        hits: list[_Hit] = []
        contexts: dict[int, _SentenceContext] = {}
        for m in matches:
            si = bisect_right(starts, m.start) - 1
            if si < 0 or m.start >= spans[si][1]:
                hits.append(_Hit(m, -1, []))
                continue
            ctx = contexts.get(si)
            if ctx is None:
                ctx = contexts[si] = _SentenceContext()
            term = m.term
            if term.category == _CONTEXT:
                ctx.excluded = True
                continue
            if term.category == _TARGET:
                ctx.target = True
                continue
            if term.kind == "deescalation":
                ctx.deescalation = True
                if term.category == "sympathy":
                    ctx.sympathy = True
                if term.category == "sympathy" or term in self._grim:
                    ctx.grim = True
            elif term.kind == "escalation" and term.category not in topics:
                ctx.cue = True
            if term.kind == "escalation":
                ctx.escalating = True
            hits.append(_Hit(m, si, self.rules.factors(text, m.start, spans[si][0], term)))
        return hits, contexts

    def _apply_sentence_rules(
        self,
        text: str,
        hits: list[_Hit],
        contexts: dict[int, _SentenceContext],
        gates: dict[int, str],
    ) -> None:
        """The rules that look at a hit's whole sentence, on escalation hits: the gate
        (a disaster, an epidemic, an accident, crime or sport, with no conflict cue), exclusion
        (a sports report), sympathy (a mourned act of force), topic alone (Geopolitical Risk
        proximity: "military" counts fully only beside a threat or act word) and target."""
        rules = self.rules.rules
        topics = rules.topic_categories
        if gates:
            cues = set(rules.gate_cue_categories)
            cued: set[int] = set()
            for hit in hits:
                term = hit.match.term
                if (
                    hit.sentence in gates
                    and term.category in cues
                    and all(f > 0 for _, f in hit.fired)
                    and normalise(text[hit.match.start : hit.match.end]) not in self.rules.harm
                ):
                    cued.add(hit.sentence)
            for si, kind in gates.items():
                if si not in cued:
                    ctx = contexts.get(si)
                    if ctx is None:
                        ctx = contexts[si] = _SentenceContext()
                    ctx.gate = kind
        for hit in hits:
            term = hit.match.term
            if term.kind != "escalation" or hit.sentence < 0:
                continue
            ctx = contexts[hit.sentence]
            fired = hit.fired
            if ctx.gate is not None:
                fired.append((f"gate ({ctx.gate})", 0.0))
                continue
            if ctx.excluded:
                fired.append(("exclusion", 0.0))
            elif ctx.sympathy and term.category == "force":
                fired.append(("sympathy", rules.sympathy_factor))
            elif term.category in topics and not ctx.cue:
                fired.append(("topic alone", rules.topic_alone_factor))
            # a denied, negated or mourned act is not aimed at the target named beside it, and
            # a sentence that also speaks of dialogue or friendship is not simply against it
            if ctx.target and not ctx.deescalation and not any(r in _UNAIMED for r, _ in fired):
                fired.append(("target", rules.target_factor))
        self._one_threat(text, hits)

    def _one_threat(self, text: str, hits: list[_Hit]) -> None:
        """A threatened act and the threat word before it ("warned of retaliatory steps")
        are one threat: the smaller of the two (points after their rules) gets ``one
        threat`` x 0. Taking the larger, never the sum, keeps the score monotone: adding the
        threatened act to "they warned" never lowers it."""
        last_threat: dict[int, _Hit] = {}  # sentence -> the latest threat-word hit
        stems = self.rules.threat_stems
        exact = self.rules.threat_exact
        for hit in hits:
            if hit.sentence < 0:
                continue
            term = hit.match.term
            word = normalise(text[hit.match.start : hit.match.end])
            if term.kind == "escalation" and (word in exact or word.startswith(stems)):
                last_threat[hit.sentence] = hit
            elif any(r == "threatened" for r, _ in hit.fired):
                threat = last_threat.get(hit.sentence)
                if threat is None or any(r == "one threat" for r, _ in threat.fired):
                    continue
                smaller = min((threat, hit), key=lambda h: _points(h))
                if _points(smaller) > 0:
                    smaller.fired.append(("one threat", 0.0))

    def _gate(self, hits: list[_Hit], contexts: dict[int, _SentenceContext]) -> None:
        """Mark the sentences whose negativity is not conflict (``quiet``): those with an
        exclusion-context word or a GPR exclusion entry ("price war"), and a sentence of
        condolences, or with a de-escalation phrase made of negative words ("cessation of
        hostilities"), unless its escalation outweighs its de-escalation: its negativity is
        grief or the words of the phrase. Other de-escalation words do not silence a
        sentence: "the peace process has been wrecked" is as negative as it reads."""
        net: dict[int, float] = {}  # points of the hits of each sentence with de-escalation
        for hit in hits:
            si = hit.sentence
            if si < 0:
                continue
            ctx = contexts[si]
            if hit.match.term.kind == "exclusion":
                ctx.quiet = True
            if ctx.deescalation:
                w = hit.match.term.weight
                for _, f in hit.fired:
                    w *= f
                net[si] = net.get(si, 0.0) + w
        for si, ctx in contexts.items():
            if ctx.excluded or ctx.gate or (ctx.grim and si in net and net[si] <= 0):
                ctx.quiet = True

    def _score_ranges(
        self,
        text: str,
        ranges: Spans,
        spans: list[tuple[int, int]],
        hits: list[_Hit],
        contexts: dict[int, _SentenceContext],
    ) -> list[Score]:
        """One Score per range, from the sentences (or sentence pieces) and hits inside it.

        Each range looks only at the spans and hits that can fall inside it: both are in
        start order, so bisection finds them (an article has as many statements as
        sentences, and scanning all of them per statement was quadratic).
        """
        starts = [a for a, _ in spans]
        ends = [b for _, b in spans]
        ends_sorted = all(x <= y for x, y in pairwise(ends))  # spans do not overlap
        hit_starts = [h.match.start for h in hits]  # matches come leftmost first
        sentiment = self.sentiment.sentence
        # a hit's explanation lines depend only on the hit and on how many earlier hits of
        # its term the range holds: the whole-text score reuses what the statements built
        explained: dict[tuple[int, int], tuple[list[Contribution], TermHit]] = {}
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
                c, neg, pos = sentiment(text[pa:pb])
                ctx = contexts.get(si)
                if ctx is None:
                    sentences.append(_Sentence(pa, pb, c, neg, pos))
                else:
                    sentences.append(
                        _Sentence(pa, pb, c, neg, pos, ctx.quiet, ctx.gate, ctx.escalating)
                    )
            inside = [
                h
                for h in hits[bisect_left(hit_starts, lo) : bisect_left(hit_starts, hi)]
                if h.match.end <= hi
            ]
            results.append(self._assemble(sentences, inside, explained))
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
        hits: list[_Hit],
        explained: dict[tuple[int, int], tuple[list[Contribution], TermHit]],
    ) -> Score:
        """The Score of one range from its sentences and hits; ``explained`` keeps each hit's
        explanation lines (by hit and repetition count) for the other ranges."""
        rules = self.lexicon.rules
        contributions: list[Contribution] = []
        # sentiment: weighted sum of the largest sentence negativities
        negs = [((0.0 if s.gated else max(0.0, -s.compound)), s) for s in sentences]
        negs.sort(key=lambda p: (-p[0], p[1].start, p[1].end))
        for weight, (negativity, s) in zip(rules.sentiment_weights, negs, strict=False):
            points = _r(rules.sentiment_points * weight * negativity)
            if points > 0:
                contributions.append(Contribution("sentiment", "sentiment", points, s.start, s.end))
        for s in sentences:  # say why a negative sentence added nothing
            if s.gate is not None and s.compound < 0:
                contributions.append(
                    Contribution(f"gate ({s.gate})", "sentiment", 0.0, s.start, s.end)
                )
        # positivity as de-escalation, the mirror of the sentiment term: the most positive
        # sentences that hold no escalation term ("we welcome the strikes" is no softening)
        if rules.positive_sentiment_points:
            poss = [(max(0.0, s.compound), s) for s in sentences if not (s.escalating or s.gated)]
            poss.sort(key=lambda p: (-p[0], p[1].start, p[1].end))
            for weight, (positivity, s) in zip(rules.sentiment_weights, poss, strict=False):
                points = _r(rules.positive_sentiment_points * weight * positivity)
                if points > 0:
                    contributions.append(
                        Contribution("positive sentiment", "sentiment", -points, s.start, s.end)
                    )
        term_hits: list[TermHit] = []
        seen: dict[tuple[str, bool], int] = {}
        for hit in hits:
            t = hit.match.term
            if t.kind == "exclusion":
                continue
            key = (t.term, t.prefix)
            n = seen.get(key, 0)
            seen[key] = n + 1
            done = explained.get((id(hit), n))
            if done is None:
                done = explained[(id(hit), n)] = self._hit_lines(hit.match, hit.fired, n)
            contributions.extend(done[0])
            term_hits.append(done[1])
        raw = math.fsum(c.points for c in contributions) + 0.0
        intensity = bound(raw, rules.bound_k, rules.bound_softness)
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
