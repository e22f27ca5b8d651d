"""Text normalisation: the one rule by which lexicon terms, rule words, sentences and the
lexicon matcher compare text.

Lower case, typographic apostrophes (’) straightened, whitespace runs as one space: letter
case and spacing never change what matches or how a sentence scores, and syndicated copies
that differ only in spacing share one sentiment cache entry.

Limits: no Unicode normalisation (NFC/NFKC) and no folding of accents or other quote marks;
"Türkiye" and "Turkiye" stay different words.
"""

from __future__ import annotations

import re
from bisect import bisect_right

__all__ = ["NormalisedText", "fold", "normalise"]

_WS = re.compile(r"\s+")
_WS_RUN = re.compile(r"\s{2,}|[^\S ]")  # whitespace that is not one plain space


def fold(text: str) -> str:
    """Lower case with typographic apostrophes straightened (whitespace left as it is)."""
    return text.replace("\u2019", "'").lower()


def normalise(text: str) -> str:
    """:func:`fold`, then every whitespace run as one space, trimmed."""
    return _WS.sub(" ", fold(text)).strip()


class NormalisedText:
    """:func:`normalise` for matching, with a map back to offsets in the original text.

    Unlike :func:`normalise` it keeps a blank line (a hard sentence break) as one ``"\\n"``,
    so no phrase matches across it, does not trim, and keeps a character whose lower case is
    longer ("İ") as it is, so offsets stay exact.
    """

    __slots__ = ("breaks", "deltas", "text")

    def __init__(self, text: str) -> None:
        lowered = text.lower()
        if len(lowered) != len(text):  # e.g. "İ" lower-cases to two code points
            lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        lowered = lowered.replace("\u2019", "'")
        self.breaks: list[int] = [0]
        self.deltas: list[int] = [0]
        pieces: list[str] = []
        cursor = 0
        delta = 0
        for m in _WS_RUN.finditer(lowered):
            a, b = m.span()
            pieces.append(lowered[cursor:a])
            pieces.append("\n" if m.group().count("\n") > 1 else " ")
            q = a - delta  # normalised position of the single space
            delta += (b - a) - 1
            self.breaks.append(q + 1)
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
