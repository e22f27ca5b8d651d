"""Text normalisation: the one rule by which lexicon terms, rule words, sentences and the
lexicon matcher compare text.

Lower case, typographic apostrophes (’) straightened, whitespace runs as one space: letter
case and spacing never change what matches or how a sentence scores, and syndicated copies
that differ only in spacing share one sentiment cache entry.

Hostile text: characters that hide a word from matching without showing are taken out —
zero-width spaces and joiners, the word joiner, the byte-order mark and soft hyphens
(:data:`INVISIBLE`) — and in a word that mixes Latin letters with Cyrillic or Greek ones,
the look-alike letters (Cyrillic "а", "е", "о", "р", "с"...) are read as the Latin letters
they imitate, so "аggrеssion" with two Cyrillic letters matches "aggression".

Limits: no Unicode normalisation (NFC/NFKC) and no folding of accents or other quote marks;
"Türkiye" and "Turkiye" stay different words. A word written entirely in look-alike letters
is left as it is (it is a Cyrillic or Greek word as far as anyone can tell).
"""

from __future__ import annotations

import re
from bisect import bisect_right

__all__ = ["NormalisedText", "fold", "normalise"]

_WS = re.compile(r"\s+")
INVISIBLE = "\u00ad\u180e\u200b\u200c\u200d\u2060\ufeff"
"""Soft hyphen, Mongolian vowel separator, zero-width space, non-joiner and joiner, word
joiner, zero-width no-break space (byte-order mark)."""
_HIDDEN = re.compile(f"[{INVISIBLE}]+")
# whitespace that is not one plain space, and characters that do not show: runs of both are
# one space (or "\n" for a blank line), runs of the invisible ones alone nothing
_WS_RUN = re.compile(f"[\\s{INVISIBLE}]{{2,}}|[^\\S ]|[{INVISIBLE}]")
# lower-case Cyrillic and Greek letters that look like a Latin letter
_LOOKALIKE = str.maketrans(
    "аеорсхуіјѕԁһӏԛԝвкмнтԍαβεζηικμνορτυχϲ",
    "aeopcxyijsdhlqwbkmhtgabezhikmvoptuxc",
)
_LOOKS_LATIN = re.compile("[аеорсхуіјѕԁһӏԛԝвкмнтԍαβεζηικμνορτυχϲ]")
_MIXED = re.compile("[^\\W\\d_]*[a-z][^\\W\\d_]*")  # words with a Latin letter in them


def _latin_lookalikes(text: str) -> str:
    """Cyrillic and Greek look-alike letters read as Latin inside words that also have Latin
    letters (``text`` lower-cased; the length never changes)."""
    if text.isascii() or not _LOOKS_LATIN.search(text):
        return text
    return _MIXED.sub(lambda m: m.group().translate(_LOOKALIKE), text)


def fold(text: str) -> str:
    """Lower case with typographic apostrophes straightened, invisible characters taken out
    and look-alike letters in mixed-script words read as Latin (whitespace left as it is)."""
    folded = text.replace("\u2019", "'").lower()
    if folded.isascii():
        return folded
    return _latin_lookalikes(_HIDDEN.sub("", folded))


def normalise(text: str) -> str:
    """:func:`fold`, then every whitespace run as one space, trimmed."""
    return _WS.sub(" ", fold(text)).strip()


class NormalisedText:
    """:func:`normalise` for matching, with a map back to offsets in the original text.

    Unlike :func:`normalise` it keeps a blank line (a hard sentence break) as one ``"\\n"``,
    so no phrase matches across it, does not trim, and keeps a character whose lower case is
    longer ("İ") as it is, so offsets stay exact; a hit that spans taken-out invisible
    characters maps back to the span of the original text that holds them.
    """

    __slots__ = ("breaks", "deltas", "text")

    def __init__(self, text: str) -> None:
        lowered = text.lower()
        if len(lowered) != len(text):  # e.g. "İ" lower-cases to two code points
            lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        lowered = _latin_lookalikes(lowered.replace("\u2019", "'"))
        self.breaks: list[int] = [0]
        self.deltas: list[int] = [0]
        pieces: list[str] = []
        cursor = 0
        delta = 0
        for m in _WS_RUN.finditer(lowered):
            a, b = m.span()
            run = m.group()
            pieces.append(lowered[cursor:a])
            q = a - delta  # normalised position of what replaces the run
            if run.strip(INVISIBLE):  # whitespace in it: one space, or a line break
                pieces.append("\n" if run.count("\n") > 1 else " ")
                delta += (b - a) - 1
                self.breaks.append(q + 1)
            else:  # only invisible characters: nothing
                delta += b - a
                self.breaks.append(q)
            self.deltas.append(delta)
            cursor = b
        if cursor == 0:
            self.text = lowered
        else:
            pieces.append(lowered[cursor:])
            self.text = "".join(pieces)

    def orig(self, i: int) -> int:
        """The offset in the original text of offset ``i`` of :attr:`text`."""
        return i + self.deltas[bisect_right(self.breaks, i) - 1]
