"""What the dashboard scores with: the scorer spec of the settings, and the lexicon's terms."""

from __future__ import annotations

import pandas as pd

from tension.data.scorers import ScorerSpec, scorer_spec
from tension.data.settings import resolve
from tension.scoring import Lexicon


def spec() -> ScorerSpec:
    """The spec of the ``lexicon`` setting, its file read now: an edited file is a new spec
    (each process builds a spec's scorer once, keyed by the file's content), so the next
    rerun scores with the edit. Raises ``SettingsError`` or ``LexiconError`` for a bad file."""
    return scorer_spec(resolve("lexicon"))


def entries(lex: Lexicon) -> pd.DataFrame:
    """Every term of a lexicon: ``term`` (as written, ``*`` for prefixes), ``category``,
    ``kind``, ``weight``; heaviest first within each kind."""
    rows = [
        {"term": t.key, "category": t.category, "kind": t.kind, "weight": float(t.weight)}
        for t in lex.terms
    ]
    frame = pd.DataFrame(rows, columns=["term", "category", "kind", "weight"])
    return frame.sort_values(["kind", "weight", "term"], ascending=[True, False, True])
