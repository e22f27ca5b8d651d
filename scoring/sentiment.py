"""VADER sentiment, one sentence at a time, with a bounded cache.

VADER's ``compound`` is a normalised sum that runs to ±1 on long texts, so it is only ever
applied to one sentence (or one short statement); callers aggregate. Sentences are
normalised first (:func:`tension.scoring.normalise.normalise`: lower case, whitespace runs as
one space): case and spacing never change a score, and syndicated copies of a sentence share
one cache entry. Lower-casing drops VADER's ALL-CAPS emphasis, which in news copy mostly marks
headlines, not shouting.

The analyser is :class:`tension.scoring.vader.VaderAnalyzer`: exactly vaderSentiment's numbers
(tested against the package as an oracle), in linear time, its lexicon read once per process.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from tension.scoring.normalise import normalise
from tension.scoring.vader import VaderAnalyzer, vader_analyzer

__all__ = ["SentenceSentiment", "SentimentCache", "analyzer"]

SentenceSentiment = tuple[float, float, float]
"""``(compound, neg, pos)`` of one sentence."""

_MAX_CHARS = 2000  # VADER is quadratic in a "sentence" this long; longer runs are chunked


def analyzer() -> VaderAnalyzer:
    """The process-wide VADER analyser (a drop-in for vaderSentiment's, same numbers)."""
    return vader_analyzer()


class SentimentCache:
    """VADER ``(compound, neg, pos)`` per normalised sentence, in an LRU of ``maxsize``."""

    def __init__(self, maxsize: int = 65536) -> None:
        self.maxsize = maxsize
        self._cached: Callable[[str], SentenceSentiment] = lru_cache(maxsize=maxsize)(self._compute)
        # Raw text as written -> result: each sentence is looked up twice per article (its
        # statement and the whole text), so most calls skip normalising. Emptied when full.
        self._raw: dict[str, SentenceSentiment] = {}

    @staticmethod
    def _compute(sentence: str) -> SentenceSentiment:
        polarity = analyzer().polarity_scores
        if len(sentence) <= _MAX_CHARS:
            s = polarity(sentence)
            return (s["compound"], s["neg"], s["pos"])
        # A run-on "sentence" (a table, a list without full stops): score chunks of words
        # and keep the most negative one, so cost stays linear and the result bounded.
        words = sentence.split(" ")
        chunks: list[str] = []
        current: list[str] = []
        size = 0
        for w in words:
            current.append(w[:_MAX_CHARS])
            size += len(w) + 1
            if size >= _MAX_CHARS // 2:
                chunks.append(" ".join(current))
                current, size = [], 0
        if current:
            chunks.append(" ".join(current))
        scores = [polarity(c) for c in chunks]
        worst = min(scores, key=lambda s: (s["compound"], -s["neg"]))
        return (worst["compound"], worst["neg"], worst["pos"])

    def sentence(self, text: str) -> SentenceSentiment:
        """Sentiment of one sentence (any case or spacing)."""
        hit = self._raw.get(text)
        if hit is not None:
            return hit
        key = normalise(text)
        result = self._cached(key) if key else (0.0, 0.0, 0.0)
        if len(self._raw) >= self.maxsize:
            self._raw.clear()
        self._raw[text] = result
        return result

    def info(self) -> str:
        """Cache statistics, for benchmarks."""
        return str(self._cached.cache_info())  # type: ignore[attr-defined]

    def clear(self) -> None:
        """Empty the cache."""
        self._raw.clear()
        self._cached.cache_clear()  # type: ignore[attr-defined]
