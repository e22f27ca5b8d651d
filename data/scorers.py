"""What scores a text, as a value that travels: :class:`ScorerSpec`.

Every path that scores (ingest, rescore, watch, demo, extract, score, the dashboard's Add
data and Lexicon pages) describes what it scores with as a spec built from the settings: the
*text* of the user lexicon and of the user officials file (not their paths, which a cluster
worker may not have) and their source names for error messages. The spec is passed
explicitly to the batch functions; each process builds the :class:`Analyzer` of a spec once
(:meth:`ScorerSpec.build`, cached by content) and keeps it, so this process, a process pool
and Dask workers all score and attribute with objects built from the same text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from tension import scoring
from tension.data.errors import SettingsError

__all__ = ["Analyzer", "ScorerSpec", "read_setting_file", "scorer_spec"]

_WARM_TEXT = "The minister said on Monday that talks would go on."


@dataclass(frozen=True, slots=True)
class Analyzer:
    """A spec's scorer and officials, ready in this process. ``officials_version`` is None
    for the bundled officials, else ``user-`` and 12 hex digits of the SHA-256 of the user
    file's text (stored with each article, so a rescore knows what attributed it)."""

    scorer: scoring.Scorer
    officials: scoring.Officials | None = None
    officials_version: str | None = None

    @property
    def lexicon_version(self) -> str:
        return self.scorer.version

    def analyze(
        self,
        text: str,
        *,
        title: str | None = None,
        date: dt.date | None = None,
        speaker: scoring.DocumentSpeaker | None = None,
    ) -> scoring.ArticleAnalysis:
        """:func:`tension.scoring.analyze` with this scorer and these officials."""
        return scoring.analyze(
            text,
            title=title,
            date=date,
            scorer=self.scorer,
            officials=self.officials,
            speaker=speaker,
        )


@dataclass(frozen=True, slots=True)
class ScorerSpec:
    """How to build the scorer anywhere: the bundled lexicon, or it with ``lexicon_toml``
    applied; the bundled officials, plus the entries of ``officials_toml`` (which win over
    bundled entries of the same name). The sources name the files in error messages.
    Hashable and picklable."""

    lexicon_toml: str | None = None
    lexicon_source: str = "<user lexicon>"
    officials_toml: str | None = None
    officials_source: str = "<user officials>"

    def build(self) -> Analyzer:
        """The analyzer of this spec, built once per process (bounded cache, keyed by
        content: an edited file is a new spec)."""
        return _build(self)

    def warm(self) -> None:
        """Build everything scoring needs now (a worker process's set-up step)."""
        self.build().analyze(_WARM_TEXT, title="Warm-up")


@lru_cache(maxsize=8)
def _build(spec: ScorerSpec) -> Analyzer:
    if spec.lexicon_toml is None:
        scorer = scoring.default_scorer()
    else:
        scorer = scoring.Scorer(scoring.load_lexicon(spec.lexicon_toml, source=spec.lexicon_source))
    if spec.officials_toml is None:
        return Analyzer(scorer)
    try:
        officials = scoring.load_officials(spec.officials_toml, spec.officials_source)
    except ValueError as exc:  # scoring's OfficialsError: the file, line and problem
        raise SettingsError(str(exc)) from exc
    digest = hashlib.sha256(spec.officials_toml.encode("utf-8")).hexdigest()[:12]
    return Analyzer(scorer, officials, f"user-{digest}")


def read_setting_file(path: Path | str, what: str) -> tuple[str, str]:
    """``(text, source)`` of the file at ``path`` (``what`` names it in the error).

    Raises :class:`SettingsError` when the file cannot be read.
    """
    file = Path(path).expanduser()
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise SettingsError(f"{file}: cannot read the {what} file ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise SettingsError(f"{file}: the {what} file is not UTF-8 text") from exc
    return text, str(file)


def scorer_spec(
    lexicon: Path | str | None = None, officials: Path | str | None = None
) -> ScorerSpec:
    """The spec of the bundled scorer and officials, with the user lexicon file at ``lexicon``
    and the user officials file at ``officials`` when given; a spec with user files is
    checked by building it here, so a bad file fails before any worker starts.

    Raises :class:`SettingsError` when a file cannot be read or the officials file is
    malformed; a malformed lexicon raises ``scoring.LexiconError`` naming the line.
    """
    spec = ScorerSpec()
    if lexicon is not None:
        text, source = read_setting_file(lexicon, "lexicon")
        spec = replace(spec, lexicon_toml=text, lexicon_source=source)
    if officials is not None:
        text, source = read_setting_file(officials, "officials")
        spec = replace(spec, officials_toml=text, officials_source=source)
    if spec != ScorerSpec():  # the bundled files need no check (and workers build them)
        spec.build()
    return spec
