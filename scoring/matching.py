"""Finding word-list entries in text: one Aho–Corasick pass, then leftmost-longest selection.

Every word list of the package is matched this way: the lexicon (:class:`Matcher`), country
names, demonyms, capitals and officials (:mod:`tension.scoring.countries`) and speech verbs
(:mod:`tension.scoring.statements`). Each caller decides what a word boundary is and which
hits count (letter case, prefixes); :func:`leftmost_longest` then keeps, of overlapping hits,
the one that starts first and, of those starting together, the longest ("peace deal" over
"peace", "Islamic Republic of Iran" over "Iran", "called for" over "called").

The lexicon matcher works on :class:`~tension.scoring.normalise.NormalisedText`: a hit must
start and end on a word boundary, where letters, digits, ``_`` and ``-`` are word
characters, so "de-escalation" never also counts "escalation".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import ahocorasick

from tension.scoring.lexicon import LexiconTerm
from tension.scoring.normalise import NormalisedText

__all__ = ["Match", "Matcher", "WordAutomaton", "alternation", "leftmost_longest"]

V = TypeVar("V")


def _by_span(hit: tuple[int, int, Any]) -> tuple[int, int]:
    return hit[0], -hit[1]


def _by_span_then_value(hit: tuple[int, int, Any]) -> tuple[int, int, Any]:
    return hit[0], -hit[1], hit[2]


def leftmost_longest(
    found: Iterable[tuple[int, int, V]], *, ranked: bool = False
) -> list[tuple[int, int, V]]:
    """The non-overlapping hits among ``found`` (``(start, end, value)``), in text order.

    Of overlapping hits the leftmost wins, and of hits starting together the longest. Of
    hits with the same span the first in ``found`` wins, or, with ``ranked``, the one with
    the lowest value (values must then be comparable).
    """
    ordered = sorted(found, key=_by_span_then_value if ranked else _by_span)
    out: list[tuple[int, int, V]] = []
    taken_to = -1
    for hit in ordered:
        if hit[0] >= taken_to:
            out.append(hit)
            taken_to = hit[1]
    return out


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` taken literally, longest first (so a longer word wins
    where a shorter one is its prefix)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


class WordAutomaton(Generic[V]):
    """An Aho–Corasick automaton over words, each with a value; matching is exact (callers
    lower-case both sides when they want case-insensitive matching)."""

    __slots__ = ("_automaton", "_empty")

    def __init__(self, words: Iterable[tuple[str, V]]) -> None:
        automaton = ahocorasick.Automaton()
        for word, value in words:
            automaton.add_word(word, (len(word), value))
        self._empty = len(automaton) == 0
        if not self._empty:
            automaton.make_automaton()
        self._automaton = automaton

    def get(self, word: str) -> V | None:
        """The value of ``word`` exactly as added, or None."""
        found = self._automaton.get(word, None)
        return None if found is None else found[1]

    def hits(self, text: str) -> Iterator[tuple[int, int, V]]:
        """Every occurrence of every word in ``text``, overlapping ones included, as
        ``(start, end, value)``, in order of their ends."""
        if self._empty:
            return
        for last, (length, value) in self._automaton.iter(text):
            yield last - length + 1, last + 1, value


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_" or c == "-"


@dataclass(frozen=True, slots=True)
class Match:
    """A lexicon entry found in a text (offsets into the original text)."""

    start: int
    end: int
    term: LexiconTerm


class Matcher:
    """Finds lexicon entries in text: whole words, case-insensitive, leftmost-longest."""

    def __init__(self, terms: Sequence[LexiconTerm]) -> None:
        self.terms = tuple(terms)
        slots: dict[str, list[int]] = {}
        for i, t in enumerate(self.terms):
            entry = slots.setdefault(t.term, [-1, -1])
            entry[1 if t.prefix else 0] = i
        # the value of a key: the index of its exact entry and of its prefix entry (-1: none)
        self._words = WordAutomaton(
            (key, (exact, prefix)) for key, (exact, prefix) in slots.items()
        )
        self._empty = not slots

    def _candidates(self, norm: str) -> list[tuple[int, int, tuple[int, int]]]:
        # the value ranks an exact entry before a prefix entry of the same span ("abducted"
        # from cameo.toml over "abduct*"), then the first listed
        out: list[tuple[int, int, tuple[int, int]]] = []
        n = len(norm)
        for start, end, (exact, prefix) in self._words.hits(norm):
            if start > 0 and _is_word_char(norm[start - 1]):
                continue
            if exact >= 0 and (end == n or not _is_word_char(norm[end])):
                out.append((start, end, (0, exact)))
            if prefix >= 0:
                e = end
                while e < n and norm[e].isalnum():
                    e += 1
                if e == n or not _is_word_char(norm[e]):
                    out.append((start, e, (1, prefix)))
        return out

    def find(self, text: str, norm: NormalisedText | None = None) -> list[Match]:
        """All non-overlapping hits in ``text``, in order (leftmost, then longest; of two
        entries matching the same span, an exact one before a prefix one, then the one
        listed first in ``terms``)."""
        if self._empty or not text:
            return []
        if norm is None:
            norm = NormalisedText(text)
        orig = norm.orig
        terms = self.terms
        return [
            Match(orig(start), orig(end - 1) + 1, terms[idx])
            for start, end, (_, idx) in leftmost_longest(self._candidates(norm.text), ranked=True)
        ]
