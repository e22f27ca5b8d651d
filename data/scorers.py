"""Building a scorer from the settings: reads the user lexicon file, if any.

A scorer that must also run in other processes (a process pool, Dask workers) travels as a
:class:`ScorerSpec`: the user lexicon's *text* (not its path, which a cluster worker may not
have) and its source name. Each process builds the scorer of a spec once and keeps it.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from tension.data.errors import SettingsError

__all__ = ["ScorerSpec", "make_scorer", "scorer_spec", "spec_of"]


@dataclass(frozen=True, slots=True)
class ScorerSpec:
    """How to build a scorer anywhere: the bundled lexicon, or it with ``user_toml`` applied
    (``source`` names the file in error messages)."""

    user_toml: str | None = None
    source: str = "<user lexicon>"

    def build(self) -> Any:
        """The scorer of this spec, built once per process."""
        return _build(self)


@lru_cache(maxsize=8)
def _build(spec: ScorerSpec) -> Any:
    from tension import scoring

    if spec.user_toml is None:
        return scoring.default_scorer()
    return scoring.Scorer(scoring.load_lexicon(spec.user_toml, source=spec.source))


# Scorers made here, with the spec that rebuilds them in another process.
_SPECS: weakref.WeakKeyDictionary[Any, ScorerSpec] = weakref.WeakKeyDictionary()


def scorer_spec(lexicon: Path | str | None = None) -> ScorerSpec:
    """The spec of the default scorer, or of one with the user lexicon file at ``lexicon``.

    Raises :class:`SettingsError` when the file cannot be read.
    """
    if lexicon is None:
        return ScorerSpec()
    return ScorerSpec(*read_lexicon_file(lexicon))


def read_lexicon_file(lexicon: Path | str) -> tuple[str, str]:
    """``(text, source)`` of a user lexicon file, for :func:`tension.scoring.lexicon.load_lexicon`.

    Raises :class:`SettingsError` when the file cannot be read.
    """
    path = Path(lexicon).expanduser()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SettingsError(f"{path}: cannot read the lexicon file ({exc.strerror})") from exc
    return text, str(path)


def make_scorer(lexicon: Path | str | None = None) -> Any:
    """The default scorer, or one with the user lexicon at ``lexicon`` applied.

    Raises :class:`SettingsError` when the file cannot be read; a malformed file raises
    ``scoring.LexiconError`` naming the line and the problem.
    """
    spec = scorer_spec(lexicon)
    scorer = spec.build()
    _SPECS[scorer] = spec
    return scorer


def spec_of(scorer: Any | None) -> ScorerSpec:
    """The spec that rebuilds ``scorer`` in another process (None: the default scorer).

    Raises ``ValueError`` for a scorer not made by :func:`make_scorer`: its code or state
    cannot be assumed to exist on the workers.
    """
    from tension import scoring

    if scorer is None or scorer is scoring.default_scorer():
        return ScorerSpec()
    try:
        return _SPECS[scorer]
    except (KeyError, TypeError):
        raise ValueError(
            "this scorer cannot be sent to worker processes: build it with "
            "tension.data.scorers.make_scorer, or score in this process (workers=1)"
        ) from None
