"""Which texts are not English (issue 11, item 5): the score reads English words only.

A text in another language would score as calm (no term matches, VADER reads nothing), so
callers keep such texts out of the series and show them as "not scored (language xx)".
:func:`detect_language` names the language of a text only when it is sure it is not English:
py3langid (a fork of langid.py, model shipped in its wheel, no download) must give another
language a probability of at least :data:`THRESHOLD` on the first :data:`SAMPLE` characters.
Shorter or uncertain texts (headlines of a few words, names) count as English and are scored:
a missed French paragraph scores low, an English headline wrongly dropped is lost.

Pure: text in, a language code out (the model is read once per process, from the package).
Limits: langid's 97 languages; mixed-language text is judged on its first 2,000 characters;
very short texts (under :data:`MIN_LETTERS` letters) are never judged.
"""

from __future__ import annotations

from functools import cache
from typing import Any

__all__ = ["MIN_LETTERS", "SAMPLE", "THRESHOLD", "detect_language", "not_scored_reason"]

THRESHOLD = 0.9
"""The probability another language needs before a text is judged not English."""
SAMPLE = 2000
"""Characters of the text's start that the detector reads."""
MIN_LETTERS = 20
"""Texts with fewer letters are not judged (scored as English)."""


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    # a bare MODEL_FILE would be resolved against the working directory
    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of ``text``'s language when it is surely not English (probability
    >= :data:`THRESHOLD` on its first :data:`SAMPLE` characters), else None (score it).

    A text written mostly in another script than Latin (Cyrillic, Arabic, Chinese...) is
    not English whatever the probability: its language is the detector's best guess."""
    sample = text[:SAMPLE]
    letters = [c for c in sample if c.isalpha()]
    if len(letters) < MIN_LETTERS:
        return None
    language, probability = _identifier().classify(sample)
    if language == "en":
        return None
    non_latin = sum(not _latin(c) for c in letters)
    if probability < THRESHOLD and non_latin * 2 < len(letters):
        return None
    return str(language)


def _latin(c: str) -> bool:
    return c.isascii() or "\u00c0" <= c <= "\u024f" or "\u1e00" <= c <= "\u1eff"


def not_scored_reason(language: str) -> str:
    """What the CLI and the dashboard show for a text in ``language``."""
    return f"not scored (language {language})"
