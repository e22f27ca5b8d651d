"""What the dashboard scores with: the scorer spec of the settings, and the lexicon's terms."""

from __future__ import annotations

import pandas as pd

from tension.data.scorers import ScorerSpec, scorer_spec
from tension.data.settings import resolve
from tension.scoring import ArticleAnalysis, Lexicon


def spec() -> ScorerSpec:
    """The spec of the ``lexicon`` and ``officials`` settings, their files read now: an edited
    file is a new spec (each process builds a spec's scorer once, keyed by the files'
    content), so the next rerun scores with the edit. Raises ``SettingsError`` (unreadable
    file, malformed officials) or ``LexiconError`` (malformed lexicon)."""
    return scorer_spec(resolve("lexicon"), resolve("officials"))


def statements_frame(analysis: ArticleAnalysis) -> pd.DataFrame:
    """Who speaks about whom in an analysed text: ``kind``, ``speaker``, ``speaker_country``,
    ``targets`` (codes joined with ", "), ``intensity`` and ``text``, in text order."""
    rows = [
        {
            "kind": s.kind,
            "speaker": s.speaker,
            "speaker_country": s.speaker_country,
            "targets": ", ".join(s.target_countries),
            "intensity": round(s.score.intensity, 1),
            "text": s.text,
        }
        for s in analysis.statements
    ]
    columns = ["kind", "speaker", "speaker_country", "targets", "intensity", "text"]
    return pd.DataFrame(rows, columns=columns)


def entries(lex: Lexicon) -> pd.DataFrame:
    """Every term of a lexicon: ``term`` (as written, ``*`` for prefixes), ``category``,
    ``kind``, ``weight``; heaviest first within each kind."""
    rows = [
        {"term": t.key, "category": t.category, "kind": t.kind, "weight": float(t.weight)}
        for t in lex.terms
    ]
    frame = pd.DataFrame(rows, columns=["term", "category", "kind", "weight"])
    return frame.sort_values(["kind", "weight", "term"], ascending=[True, False, True])
