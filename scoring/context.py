"""Context entries: a verb that scores only beside its pattern's words (issue 11).

The CAMEO event dictionary (``data/cameo.toml``) codes many verbs only in context: "fired"
is force before "tear gas" or "rockets" and nothing before "the minister"; "struck" is
force alone and cooperation in "struck a deal". A :class:`ContextEntry` holds every form of
the verbs of one CAMEO block and the words that must follow (``after``) or precede
(``before``) one of them, in order, in the same sentence: the first within ``window`` words
of the verb, each next within ``window`` words of the one before. A slot is a word, a phrase
or a CAMEO synonym set (``&weapon``); a literal word also matches its regular plural.

:class:`ContextMatcher` finds them in the words of one sentence; per verb the entry with the
most pattern words wins (the first listed on a tie). The scorer then merges the matches into
its lexicon hits (see :mod:`tension.scoring.intensity`), so every context rule applies.

Limits: a fixed word window, not a parse ("fired his spokesman and tear gas" matches); verb
forms are the regular inflections the build generated, irregular ones only where CAMEO
lists them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from tension.scoring.lexicon import WORD, ContextEntry, Slot

__all__ = ["ContextMatch", "ContextMatcher", "tokens"]

_WORD = WORD


def tokens(text: str, start: int = 0, end: int | None = None) -> tuple[list[str], list[int]]:
    """The words of ``text[start:end]`` (``text`` already lower-cased and folded) and the
    offset of each word's first character."""
    found = list(_WORD.finditer(text, start, len(text) if end is None else end))
    return [m.group() for m in found], [m.start() for m in found]


@dataclass(frozen=True, slots=True)
class ContextMatch:
    """A context entry found in a sentence: ``first``..``last`` are the verb's word indexes;
    ``label`` names the match as the explanation shows it: the verb, then the words found
    before it (``←``) and after it (``…``), then the CAMEO code: ``"fired … tear gas [175]"``."""

    first: int
    last: int
    entry: ContextEntry
    label: str
    objects: tuple[tuple[int, int], ...] = ()  # word index ranges of the pattern words found


class _Compiled:
    """A slot's alternatives by their first and by their last word, longest first."""

    __slots__ = ("by_first", "by_last")

    def __init__(self, slot: Slot) -> None:
        by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        by_last: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for alt in sorted(slot, key=len, reverse=True):
            by_first[alt[0]].append(alt)
            by_last[alt[-1]].append(alt)
        self.by_first = dict(by_first)
        self.by_last = dict(by_last)

    def at(self, words: Sequence[str], i: int) -> int:
        """Length of the longest alternative starting at word ``i`` (0: none)."""
        for alt in self.by_first.get(words[i], ()):
            n = len(alt)
            if n == 1 or tuple(words[i : i + n]) == alt:
                return n
        return 0

    def ending_at(self, words: Sequence[str], j: int) -> int:
        """Length of the longest alternative ending at word ``j`` (0: none)."""
        for alt in self.by_last.get(words[j], ()):
            n = len(alt)
            a = j - n + 1
            if n == 1 or (a >= 0 and tuple(words[a : j + 1]) == alt):
                return n
        return 0


class ContextMatcher:
    """Finds the context entries of a lexicon in the words of one sentence."""

    def __init__(self, entries: Sequence[ContextEntry], window: int) -> None:
        self.window = window
        self._slots: dict[int, _Compiled] = {}  # by id: the loader shares slot objects
        for e in entries:
            for slot in (*e.before, *e.after):
                if id(slot) not in self._slots:
                    self._slots[id(slot)] = _Compiled(slot)
        # first word of a verb form -> (the form's words, the entries it anchors)
        by_form: dict[tuple[str, ...], list[ContextEntry]] = defaultdict(list)
        for e in entries:
            for form in e.verbs:
                by_form[tuple(form.split())].append(e)
        self._forms: dict[str, list[tuple[tuple[str, ...], tuple[ContextEntry, ...]]]] = (
            defaultdict(list)
        )
        # per form, its entries indexed by a word that must occur near the verb (the first
        # word of an alternative of the first slot after it, or of the last slot before it):
        # only the entries whose word is in the window are tried
        self._index: dict[tuple[str, ...], tuple[dict[str, list[int]], dict[str, list[int]]]] = {}
        for words, found in by_form.items():
            ranked = tuple(sorted(found, key=lambda e: -e.size))  # stable: file order on a tie
            self._forms[words[0]].append((words, ranked))
            after: dict[str, list[int]] = defaultdict(list)
            before: dict[str, list[int]] = defaultdict(list)
            for rank, e in enumerate(ranked):
                if e.after:
                    for first in {alt[0] for alt in e.after[0]}:
                        after[first].append(rank)
                else:
                    for last in {alt[-1] for alt in e.before[-1]}:
                        before[last].append(rank)
            self._index[words] = (dict(after), dict(before))
        for alternatives in self._forms.values():
            alternatives.sort(key=lambda fe: -len(fe[0]))

    def _candidates(
        self, form: tuple[str, ...], words: Sequence[str], i: int, last: int
    ) -> list[int]:
        """Ranks of the entries of ``form`` (at words ``i``..``last``) worth trying, in order."""
        after, before = self._index[form]
        ranks: set[int] = set()
        if after:
            for w in words[last + 1 : last + 1 + self.window]:
                found = after.get(w)
                if found:
                    ranks.update(found)
        if before and i:
            for w in words[max(0, i - self.window) : i]:
                found = before.get(w)
                if found:
                    ranks.update(found)
        return sorted(ranks) if len(ranks) > 1 else list(ranks)

    def __bool__(self) -> bool:
        return bool(self._forms)

    def _after(
        self, slots: tuple[Slot, ...], words: Sequence[str], pos: int
    ) -> list[tuple[int, int]] | None:
        found: list[tuple[int, int]] = []
        for slot in slots:
            compiled = self._slots[id(slot)]
            for j in range(pos, min(len(words), pos + self.window)):
                n = compiled.at(words, j)
                if n:
                    found.append((j, j + n - 1))
                    pos = j + n
                    break
            else:
                return None
        return found

    def _before(
        self, slots: tuple[Slot, ...], words: Sequence[str], pos: int
    ) -> list[tuple[int, int]] | None:
        found: list[tuple[int, int]] = []
        for slot in reversed(slots):
            compiled = self._slots[id(slot)]
            for j in range(pos, max(-1, pos - self.window), -1):
                n = compiled.ending_at(words, j)
                if n:
                    found.append((j - n + 1, j))
                    pos = j - n
                    break
            else:
                return None
        return found[::-1]

    def find(self, words: Sequence[str]) -> list[ContextMatch]:
        """The verbs of ``words`` (one sentence, lower case) with a matching entry, in order.
        A verb form of several words ("blow up") takes its words; matches do not overlap."""
        out: list[ContextMatch] = []
        forms = self._forms
        i = 0
        # only the words that start a verb form can anchor a match: visit those alone
        for k in [k for k, w in enumerate(words) if w in forms]:
            if k < i:
                continue  # inside the previous match
            i = k
            hit: ContextMatch | None = None
            for form, entries in forms[words[i]]:
                if tuple(words[i : i + len(form)]) != form:
                    continue
                last = i + len(form) - 1
                for rank in self._candidates(form, words, i, last):
                    e = entries[rank]
                    after = self._after(e.after, words, last + 1)
                    if after is None:
                        continue
                    before = self._before(e.before, words, i - 1)
                    if before is None:
                        continue

                    def said(r: tuple[int, int]) -> str:
                        return " ".join(words[r[0] : r[1] + 1])

                    label = (
                        " ".join(form)
                        + "".join(f" ← {said(r)}" for r in before)
                        + "".join(f" … {said(r)}" for r in after)
                        + f" [{e.code}]"
                    )
                    hit = ContextMatch(i, last, e, label, (*before, *after))
                    break
                if hit is not None:
                    break
            if hit is not None:
                out.append(hit)
                i = hit.last + 1
        return out
