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
    words: list[str] = []
    offsets: list[int] = []
    for m in _WORD.finditer(text, start, len(text) if end is None else end):
        words.append(m.group())
        offsets.append(m.start())
    return words, offsets


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


def _at(slot: Slot, words: Sequence[str], i: int) -> int:
    """Length of the longest alternative of ``slot`` starting at word ``i`` (0: none)."""
    best = 0
    for alt in slot:
        n = len(alt)
        if n > best and tuple(words[i : i + n]) == alt:
            best = n
    return best


def _ending_at(slot: Slot, words: Sequence[str], j: int) -> int:
    """Length of the longest alternative of ``slot`` ending at word ``j`` (0: none)."""
    best = 0
    for alt in slot:
        n = len(alt)
        a = j - n + 1
        if n > best and a >= 0 and tuple(words[a : j + 1]) == alt:
            best = n
    return best


class ContextMatcher:
    """Finds the context entries of a lexicon in the words of one sentence."""

    def __init__(self, entries: Sequence[ContextEntry], window: int) -> None:
        self.window = window
        # first word of a verb form -> (the form's words, the entries it anchors)
        by_form: dict[tuple[str, ...], list[ContextEntry]] = defaultdict(list)
        for e in entries:
            for form in e.verbs:
                by_form[tuple(form.split())].append(e)
        self._forms: dict[str, list[tuple[tuple[str, ...], tuple[ContextEntry, ...]]]] = (
            defaultdict(list)
        )
        for words, found in by_form.items():
            ranked = sorted(found, key=lambda e: -e.size)  # stable: file order on a tie
            self._forms[words[0]].append((words, tuple(ranked)))
        for alternatives in self._forms.values():
            alternatives.sort(key=lambda fe: -len(fe[0]))

    def __bool__(self) -> bool:
        return bool(self._forms)

    def _after(
        self, slots: tuple[Slot, ...], words: Sequence[str], pos: int
    ) -> list[tuple[int, int]] | None:
        found: list[tuple[int, int]] = []
        for slot in slots:
            for j in range(pos, min(len(words), pos + self.window)):
                n = _at(slot, words, j)
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
            for j in range(pos, max(-1, pos - self.window), -1):
                n = _ending_at(slot, words, j)
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
        i = 0
        while i < len(words):
            hit: ContextMatch | None = None
            for form, entries in self._forms.get(words[i], ()):
                if tuple(words[i : i + len(form)]) != form:
                    continue
                last = i + len(form) - 1
                for e in entries:
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
            else:
                i += 1
        return out
