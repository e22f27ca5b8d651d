"""A faster VADER: the same numbers as ``vaderSentiment``'s analyser, computed in linear time.

``vaderSentiment.SentimentIntensityAnalyzer.polarity_scores`` spends most of its time on
work it repeats: for every sentiment word it lower-cases the whole word list again (up to
five times), and it walks the text one character at a time looking for emoji even when
there are none. :class:`VaderAnalyzer` implements the same algorithm (VADER 3.3.2: the
same lexicon, constants, negation, booster, "but", "least", idiom, capitals and punctuation
rules, in the same order of floating-point operations) with each word lower-cased once, a
set test for emoji and a whole-sentence shortcut when no word is in the lexicon.

The output is identical for every string: ``tests/scoring/test_vader_oracle.py`` compares
all four numbers with the package on tens of thousands of sentences and on hypothesis
strings. Quirks are kept on purpose (the "but" rule finds a value's *first* equal element;
"no" before a sentiment word; only single-character emoji are replaced), because the goal is
to be a drop-in replacement, not a better VADER.

The lexicon files are the installed package's own data, read once per process.
"""

from __future__ import annotations

import math
import string
from functools import cache
from importlib.resources import files

from vaderSentiment.vaderSentiment import (
    B_INCR,
    BOOSTER_DICT,
    C_INCR,
    N_SCALAR,
    NEGATE,
    SPECIAL_CASES,
)

__all__ = ["VaderAnalyzer", "vader_analyzer"]

_NEGATE = frozenset(NEGATE)
_PUNCTUATION = string.punctuation
_SO_THIS = ("so", "this")
_OR_NOR = ("or", "nor")
_ALPHA = 15.0
# Booster n-grams made of several words ("kind of", "sort of", "just enough"): only these
# can match the space-joined look-backs of the idiom rule.
_BOOSTER_NGRAMS = {k: v for k, v in BOOSTER_DICT.items() if " " in k}
assert B_INCR > 0  # the constants imported above are the package's own


def _read_package_text(name: str) -> str:
    # Bytes then decode: no newline translation, exactly what the package reads.
    return files("vaderSentiment").joinpath(name).read_bytes().decode("utf-8")


@cache
def _lexicons() -> tuple[dict[str, float], dict[str, str]]:
    """The sentiment lexicon and the emoji descriptions, parsed once per process."""
    lexicon: dict[str, float] = {}
    for line in _read_package_text("vader_lexicon.txt").rstrip("\n").split("\n"):
        if not line:
            continue
        word, measure = line.strip().split("\t")[0:2]
        lexicon[word] = float(measure)
    emojis: dict[str, str] = {}
    for line in _read_package_text("emoji_utf8_lexicon.txt").rstrip("\n").split("\n"):
        emoji, description = line.strip().split("\t")[0:2]
        emojis[emoji] = description
    return lexicon, emojis


def _lower_again(word: str) -> str:
    """``word.lower()`` of an already lower-cased word (a no-op for ASCII)."""
    return word if word.isascii() else word.lower()


def _is_negation(lower_word: str) -> bool:
    w = _lower_again(lower_word)
    return w in _NEGATE or "n't" in w


class VaderAnalyzer:
    """Drop-in for ``SentimentIntensityAnalyzer``: ``polarity_scores(text)`` returns the
    same ``{"neg", "neu", "pos", "compound"}`` dict. Cheap to construct (the lexicons are
    shared by every instance in the process)."""

    def __init__(self) -> None:
        self.lexicon, self.emojis = _lexicons()
        # Only one-character keys can ever match the character-by-character replacement.
        single = sorted(k for k in self.emojis if len(k) == 1)
        self._emoji_chars = frozenset(single)
        self._ascii_emoji = any(c.isascii() for c in single)

    # -- text preparation -------------------------------------------------------------

    def _replace_emoji(self, text: str) -> str:
        if (text.isascii() and not self._ascii_emoji) or self._emoji_chars.isdisjoint(text):
            return text
        emojis = self.emojis
        out: list[str] = []
        prev_space = True
        for ch in text:
            description = emojis.get(ch) if ch in self._emoji_chars else None
            if description is not None:
                if not prev_space:
                    out.append(" ")
                out.append(description)
                prev_space = False
            else:
                out.append(ch)
                prev_space = ch == " "
        return "".join(out)

    @staticmethod
    def _tokens(text: str) -> list[str]:
        out = []
        for token in text.split():
            stripped = token.strip(_PUNCTUATION)
            out.append(token if len(stripped) <= 2 else stripped)
        return out

    # -- scoring ----------------------------------------------------------------------

    def polarity_scores(self, text: str) -> dict[str, float]:
        """VADER's ``neg``, ``neu``, ``pos`` (rounded to 3 places) and ``compound`` (4)."""
        if not isinstance(text, str):
            raise TypeError(f"expected str, got {type(text).__name__}")
        text = self._replace_emoji(text).strip()
        words = self._tokens(text)
        n = len(words)
        low = [w.lower() for w in words]
        sentiments: list[float] = [0] * n
        lexicon = self.lexicon
        if not lexicon.keys().isdisjoint(low):
            upper = [w.isupper() for w in words]
            n_upper = sum(upper)
            cap_diff = 0 < n - n_upper < n
            for i in range(n):
                lw = low[i]
                if lw not in lexicon or lw in BOOSTER_DICT:
                    continue
                if lw == "kind" and i < n - 1 and low[i + 1] == "of":
                    continue
                sentiments[i] = self._valence(words, low, upper, cap_diff, i)
            if "but" in low:
                _but_rule(sentiments, low.index("but"))
        return _summary(sentiments, text)

    def _valence(
        self, words: list[str], low: list[str], upper: list[bool], cap_diff: bool, i: int
    ) -> float:
        lexicon = self.lexicon
        n = len(words)
        lw = low[i]
        valence = lexicon[lw]
        if lw == "no" and i != n - 1 and low[i + 1] in lexicon:
            valence = 0.0
        if (
            (i > 0 and low[i - 1] == "no")
            or (i > 1 and low[i - 2] == "no")
            or (i > 2 and low[i - 3] == "no" and low[i - 1] in _OR_NOR)
        ):
            valence = lexicon[lw] * N_SCALAR
        if upper[i] and cap_diff:
            valence = valence + C_INCR if valence > 0 else valence - C_INCR
        for back in (1, 2, 3):
            if i < back:
                break
            prev = low[i - back]
            if prev in lexicon:
                continue
            scalar = 0.0
            if prev in BOOSTER_DICT:
                scalar = BOOSTER_DICT[prev]
                if valence < 0:
                    scalar *= -1
                if upper[i - back] and cap_diff:
                    scalar = scalar + C_INCR if valence > 0 else scalar - C_INCR
                if back == 2:
                    scalar = scalar * 0.95
                elif back == 3:
                    scalar = scalar * 0.9
            valence = valence + scalar
            valence = _negation(valence, low, back, i)
            if back == 3:
                valence = _idioms(valence, low, i)
        return _least(valence, low, i, lexicon)


def _negation(valence: float, low: list[str], back: int, i: int) -> float:
    if back == 1:
        if _is_negation(low[i - 1]):
            valence = valence * N_SCALAR
    elif back == 2:
        if low[i - 2] == "never" and low[i - 1] in _SO_THIS:
            valence = valence * 1.25
        elif low[i - 2] == "without" and low[i - 1] == "doubt":
            pass
        elif _is_negation(low[i - 2]):
            valence = valence * N_SCALAR
    else:
        if (low[i - 3] == "never" and low[i - 2] in _SO_THIS) or low[i - 1] in _SO_THIS:
            valence = valence * 1.25
        elif low[i - 3] == "without" and (low[i - 2] == "doubt" or low[i - 1] == "doubt"):
            pass
        elif _is_negation(low[i - 3]):
            valence = valence * N_SCALAR
    return valence


def _idioms(valence: float, low: list[str], i: int) -> float:
    w0, w1, w2, w3 = low[i], low[i - 1], low[i - 2], low[i - 3]
    two_one = f"{w2} {w1}"
    three_two_one = f"{w3} {two_one}"
    three_two = f"{w3} {w2}"
    for seq in (f"{w1} {w0}", f"{two_one} {w0}", two_one, three_two_one, three_two):
        if seq in SPECIAL_CASES:
            valence = SPECIAL_CASES[seq]
            break
    n = len(low)
    if n - 1 > i:
        zero_one = f"{w0} {low[i + 1]}"
        if zero_one in SPECIAL_CASES:
            valence = SPECIAL_CASES[zero_one]
    if n - 1 > i + 1:
        zero_one_two = f"{w0} {low[i + 1]} {low[i + 2]}"
        if zero_one_two in SPECIAL_CASES:
            valence = SPECIAL_CASES[zero_one_two]
    for ngram in (three_two_one, three_two, two_one):
        if ngram in _BOOSTER_NGRAMS:
            valence = valence + _BOOSTER_NGRAMS[ngram]
    return valence


def _least(valence: float, low: list[str], i: int, lexicon: dict[str, float]) -> float:
    if i > 0 and low[i - 1] == "least" and "least" not in lexicon:
        if i > 1:
            if low[i - 2] != "at" and low[i - 2] != "very":
                valence = valence * N_SCALAR
        else:
            valence = valence * N_SCALAR
    return valence


def _but_rule(sentiments: list[float], but_at: int) -> None:
    """Halve what comes before the first "but" and weigh what follows 1.5 times, in place.

    As in VADER, each value is looked up by equality (``list.index``), so a later value equal
    to an earlier (possibly already scaled) one scales that earlier element instead. Zeros
    stay zero either way and are skipped.
    """
    for k in range(len(sentiments)):
        value = sentiments[k]
        if value == 0:
            continue
        at = sentiments.index(value)
        if at < but_at:
            sentiments[at] = value * 0.5
        elif at > but_at:
            sentiments[at] = value * 1.5


def _summary(sentiments: list[float], text: str) -> dict[str, float]:
    if not sentiments:
        return {"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": 0.0}
    sum_s = float(sum(sentiments))
    ep = min(text.count("!"), 4) * 0.292
    qm_count = text.count("?")
    qm = 0.0 if qm_count <= 1 else (qm_count * 0.18 if qm_count <= 3 else 0.96)
    emphasis = ep + qm
    if sum_s > 0:
        sum_s += emphasis
    elif sum_s < 0:
        sum_s -= emphasis
    compound = sum_s / math.sqrt(sum_s * sum_s + _ALPHA)
    compound = -1.0 if compound < -1.0 else (1.0 if compound > 1.0 else compound)
    pos_sum = 0.0
    neg_sum = 0.0
    neu_count = 0
    for s in sentiments:
        if s > 0:
            pos_sum += float(s) + 1
        elif s < 0:
            neg_sum += float(s) - 1
        else:
            neu_count += 1
    if pos_sum > math.fabs(neg_sum):
        pos_sum += emphasis
    elif pos_sum < math.fabs(neg_sum):
        neg_sum -= emphasis
    total = pos_sum + math.fabs(neg_sum) + neu_count
    return {
        "neg": round(math.fabs(neg_sum / total), 3),
        "neu": round(math.fabs(neu_count / total), 3),
        "pos": round(math.fabs(pos_sum / total), 3),
        "compound": round(compound, 4),
    }


@cache
def vader_analyzer() -> VaderAnalyzer:
    """The process-wide analyser."""
    return VaderAnalyzer()
