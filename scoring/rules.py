"""Context rules: how the words around a lexicon hit change its points.

Every rule looks only inside the hit's sentence, so appending a sentence never changes the
points of hits before it. The word lists and factors are in ``[rules]`` of
``data/lexicon.toml`` (a user lexicon may replace them). Examples with the shipped settings:

- negation: a negator up to 2 words before the hit: escalation x -0.25, de-escalation
  x -0.5. "this is not a provocation" -> provocation 12 -> -3; "there can be no dialogue"
  -> dialogue -8 -> +4.
- intensifier: up to 2 words before: x 1.5. "we strongly condemn" -> condemn 12 -> 18;
  "a groundless act of terror" -> 35 -> 52.5.
- hedge: up to 3 words before: x 0.6. "a possible attack" -> attack 28 -> 16.8.
- denial: a denial verb up to 6 words before: x 0.3 (the denied act is not itself an act;
  the denial verb scores on its own as a challenge). "Iran denied launching a drone attack"
  -> attack 28 -> 8.4.
- sympathy: a force term in a sentence that also holds a sympathy term (condolences) is
  the event mourned: x 0.2. "condolences to the families of those killed" -> killed 18 -> 3.6.
- exclusion (Geopolitical Risk index): escalation hits in a sentence about sport, films,
  books, music, games, anniversaries or memorials score 0. "Salah led the attack in the
  derby" -> attack 28 -> 0. Phrases such as "price war" or "heart attack" are lexicon
  entries of weight 0 that hide the conflict word inside them.
- topic alone: a topic word (categories ``military``, ``sovereignty``) in a sentence with no
  other escalation term: x 0.5 ("the military parade" -> military 4 -> 2).
- target (event data: conflict is directed, from a source actor to a target): an escalation
  hit in a sentence that names a country (name, demonym, capital, any case) or a governing
  actor ("authorities", "government") x 1.5; not for a negated, denied, mourned or excluded
  hit, nor in a sentence that also holds a de-escalation term. "This provocation must stop"
  -> provocation 12; "This provocation by Iran must stop" -> 18; "An attack on friendly
  Iran" -> attack 28 (no target: friendly).
- repetition: the n-th hit of the same entry in one text counts 0.5^(n-1).
- threatened (Geopolitical Risk index: threats and acts are different things): a force hit
  up to 4 words after a threat word (warn*, threat*, vow*, menac*) is threatened, not done:
  x 0.6, down into the threat tier. "warned of retaliatory steps" -> retaliat* 30 -> 18.
- one threat / one event (in :mod:`tension.scoring.intensity`, they pair two hits): a
  threatened act and the threat word before it, and a CAMEO verb in context and a hit on its
  pattern words of the same category ("issued … ultimatum" and "ultimatum"), count once, at
  the larger of the two: the other gets x 0.
- gate ("negative is not tension"; the GPR index leaves such topics out): a sentence that
  names a disaster, an epidemic, an accident, crime news or sport, and holds no conflict cue
  (a hit of force, threat, protest or military, not negated or denied, other than a word of
  harm such as "killed"), adds no negativity and its escalation hits score 0, each with a
  line "gate (disaster)". "Three people were killed in the earthquake" -> killed 0, and no
  sentiment; "an airstrike hit the camp after the flood" keeps its points.

Each rule that fires becomes its own :class:`~tension.scoring.types.Contribution` (its ``points``
are the change it made), so an explanation reads "attack +28, negation -35".
Limits: negation scope is a fixed word window, not a parse ("not only ... but also"
counts as negation); double negation is not handled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tension.scoring.lexicon import LexiconTerm, Rules
from tension.scoring.normalise import fold

__all__ = ["RuleSet", "words_before"]

_WORD = re.compile(r"[^\W_](?:[\w'\-]*[^\W_])?")


def words_before(text: str, start: int, limit: int, lower_bound: int) -> list[str]:
    """The last ``limit`` words of ``text[lower_bound:start]``, lower-cased."""
    if limit <= 0:
        return []
    lo = max(lower_bound, start - 24 * limit - 40)
    piece = fold(text[lo:start])
    words = _WORD.findall(piece)
    if lo > lower_bound and words and piece[:1].isalnum():
        words = words[1:]  # first word may be cut
    return words[-limit:]


class _WordSet:
    """Single words and multi-word phrases of one rule list, for fast lookups."""

    __slots__ = ("keyed", "phrases", "words")

    def __init__(self, entries: tuple[str, ...]) -> None:
        self.words = frozenset(e for e in entries if e and " " not in e)
        self.phrases = tuple(e for e in entries if " " in e)
        # each phrase by its first word, padded as it is looked for in the joined words
        self.keyed = tuple((p.split(" ", 1)[0], f" {p} ") for p in self.phrases)

    def in_sentence(self, present: set[str], words: list[str]) -> bool:
        """:meth:`any_in` for the words of a sentence (single words, no spaces: a phrase
        can only occur where its first word does), with ``present`` the set of ``words``."""
        if not self.words.isdisjoint(present):
            return True
        candidates = [padded for first, padded in self.keyed if first in present]
        if not candidates:
            return False
        joined = " " + " ".join(words) + " "
        return any(padded in joined for padded in candidates)

    def any_in(self, words: list[str]) -> bool:
        if not words:
            return False
        if not self.words.isdisjoint(words):
            return True
        if self.phrases:
            joined = " " + " ".join(words) + " "
            return any(f" {p} " in joined for p in self.phrases)
        return False


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The rules of one lexicon, prepared for fast lookups."""

    rules: Rules
    negators: _WordSet
    intensifiers: _WordSet
    hedges: _WordSet
    denials: _WordSet
    threat_exact: frozenset[str]
    threat_stems: tuple[str, ...]
    gates: tuple[tuple[str, _WordSet], ...]
    harm: frozenset[str]

    @classmethod
    def build(cls, rules: Rules) -> RuleSet:
        return cls(
            rules=rules,
            negators=_WordSet(rules.negators),
            intensifiers=_WordSet(rules.intensifiers),
            hedges=_WordSet(rules.hedges),
            denials=_WordSet(rules.denials),
            threat_exact=frozenset(w for w in rules.threat_words if not w.endswith("*")),
            threat_stems=tuple(w.rstrip("*") for w in rules.threat_words if w.endswith("*")),
            gates=tuple((kind, _WordSet(words)) for kind, words in rules.gates if words),
            harm=frozenset(rules.harm_words),
        )

    def gate_of(self, words: list[str]) -> str | None:
        """The gate kind (``"disaster"``, ...) of a sentence of ``words`` (its words as
        :data:`tension.scoring.lexicon.WORD` finds them), if any."""
        if not words or not self.gates:
            return None
        present = set(words)
        for kind, words_of_kind in self.gates:
            if words_of_kind.in_sentence(present, words):
                return kind
        return None

    def _threatened(self, before: list[str]) -> bool:
        window = before[-self.rules.threat_window :] if self.rules.threat_window else []
        return any(w in self.threat_exact or w.startswith(self.threat_stems) for w in window)

    def factors(
        self, text: str, start: int, sentence_start: int, term: LexiconTerm
    ) -> list[tuple[str, float]]:
        """The word-window rules firing for a hit at ``start``: ``(rule, factor)`` in order."""
        r = self.rules
        widest = max(
            r.negation_window,
            r.intensifier_window,
            r.hedge_window,
            r.denial_window,
            r.threat_window,
        )
        before = words_before(text, start, widest, sentence_start)
        fired: list[tuple[str, float]] = []
        if not before:
            return fired
        if r.negation_window and self.negators.any_in(before[-r.negation_window :]):
            factor = (
                r.negation_factor_deescalation if term.kind == "deescalation" else r.negation_factor
            )
            fired.append(("negation", factor))
            return fired  # a negated hit is not also intensified or hedged
        if (
            term.kind == "escalation"
            and r.denial_window
            and self.denials.any_in(before[-r.denial_window :])
        ):
            fired.append(("denial", r.denial_factor))
        if r.intensifier_window and self.intensifiers.any_in(before[-r.intensifier_window :]):
            fired.append(("intensifier", r.intensifier_factor))
        if (
            term.kind == "escalation"
            and r.hedge_window
            and self.hedges.any_in(before[-r.hedge_window :])
        ):
            fired.append(("hedge", r.hedge_factor))
        if term.category == "force" and r.threat_factor != 1.0 and self._threatened(before):
            fired.append(("threatened", r.threat_factor))
        return fired
