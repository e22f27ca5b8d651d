"""The lexicon and scorer the dashboard uses, built once per lexicon file (bounded caches)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st


@st.cache_resource(max_entries=4, show_spinner=False)
def lexicon(path: str | None) -> Any:
    """The bundled lexicon with the user file at ``path`` applied (or the bundled one)."""
    from tension.data.scorers import read_lexicon_file
    from tension.scoring.lexicon import base_lexicon, load_lexicon

    if path is None:
        return base_lexicon()
    text, source = read_lexicon_file(path)
    return load_lexicon(text, source=source)


@st.cache_resource(max_entries=4, show_spinner=False)
def scorer(path: str | None) -> Any:
    """The scorer of :func:`tension.data.scorers.make_scorer` for the lexicon at ``path``."""
    from tension.data.scorers import make_scorer

    return make_scorer(path)


def score(scorer_: Any, text: str) -> Any:
    """``scorer.score(text)``: a :class:`scoring.Score` with terms and contributions."""
    return scorer_.score(text)


def entries(lex: Any) -> pd.DataFrame:
    """Every term of a lexicon: ``term`` (as written, ``*`` for prefixes), ``category``,
    ``kind``, ``weight``; heaviest first within each kind."""
    rows = [
        {"term": t.key, "category": t.category, "kind": t.kind, "weight": float(t.weight)}
        for t in getattr(lex, "terms", ())
    ]
    frame = pd.DataFrame(rows, columns=["term", "category", "kind", "weight"])
    return frame.sort_values(["kind", "weight", "term"], ascending=[True, False, True])


def version(lex: Any) -> str:
    return str(getattr(lex, "version", "?"))
