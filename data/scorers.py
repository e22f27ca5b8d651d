"""Building a scorer from the settings: reads the user lexicon file, if any."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from data.errors import SettingsError


def make_scorer(lexicon: Path | str | None = None) -> Any:
    """The default scorer, or one with the user lexicon at ``lexicon`` applied.

    Raises :class:`SettingsError` when the file cannot be read; a malformed file raises
    ``scoring.LexiconError`` naming the line and the problem.
    """
    import scoring

    if lexicon is None:
        return scoring.default_scorer()
    path = Path(lexicon).expanduser()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SettingsError(f"{path}: cannot read the lexicon file ({exc.strerror})") from exc
    return scoring.Scorer(scoring.load_lexicon(text, source=str(path)))
