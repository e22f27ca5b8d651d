"""What scores a text, as a value that travels: :class:`ScorerSpec`.

Every path that scores (ingest, rescore, watch, the dashboard, the CLI) describes its scorer
as a spec built from the settings: the user lexicon's *text* (not its path, which a cluster
worker may not have) and its source name for error messages. The spec is passed explicitly
to the batch functions; each process builds the :class:`Analyzer` of a spec once
(:meth:`ScorerSpec.build`, cached by content) and keeps it, so this process, a process
pool and Dask workers all score with the same objects built from the same text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tension import scoring
from tension.data.errors import SettingsError

__all__ = ["Analyzer", "ScorerSpec", "read_setting_file", "scorer_spec"]

_WARM_TEXT = "The minister said on Monday that talks would go on."


@dataclass(frozen=True, slots=True)
class Analyzer:
    """A spec's scorer, ready in this process."""

    scorer: scoring.Scorer

    @property
    def lexicon_version(self) -> str:
        return self.scorer.version

    def analyze(
        self, text: str, *, title: str | None = None, date: dt.date | None = None
    ) -> scoring.ArticleAnalysis:
        """:func:`tension.scoring.analyze` with this scorer."""
        return scoring.analyze(text, title=title, date=date, scorer=self.scorer)


@dataclass(frozen=True, slots=True)
class ScorerSpec:
    """How to build the scorer anywhere: the bundled lexicon, or it with ``lexicon_toml``
    applied (``lexicon_source`` names the file in error messages). Hashable and picklable."""

    lexicon_toml: str | None = None
    lexicon_source: str = "<user lexicon>"

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
        return Analyzer(scoring.default_scorer())
    lexicon = scoring.load_lexicon(spec.lexicon_toml, source=spec.lexicon_source)
    return Analyzer(scoring.Scorer(lexicon))


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


def scorer_spec(lexicon: Path | str | None = None) -> ScorerSpec:
    """The spec of the bundled scorer, or of one with the user lexicon file at ``lexicon``,
    checked by building it here (so a bad file fails before any worker starts).

    Raises :class:`SettingsError` when the file cannot be read; a malformed file raises
    ``scoring.LexiconError`` naming the line and the problem.
    """
    spec = ScorerSpec() if lexicon is None else ScorerSpec(*read_setting_file(lexicon, "lexicon"))
    spec.build()
    return spec
