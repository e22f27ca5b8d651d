"""Pure scoring library: text in, statements and scores out.

No files, network, database or Streamlit here. Heavy objects (VADER, matchers, country
tables) are built once per process and reused.
"""

from scoring.analyze import analyze
from scoring.countries import find_countries
from scoring.intensity import SCORER_VERSION, Scorer, default_scorer, score_text
from scoring.lexicon import Lexicon, LexiconError, LexiconTerm, load_lexicon
from scoring.officials import Officials, load_officials
from scoring.sentences import split_sentences
from scoring.statements import extract_statements
from scoring.types import (
    ArticleAnalysis,
    Contribution,
    CountryMention,
    Score,
    Statement,
    StatementKind,
    TermHit,
)

__all__ = [
    "SCORER_VERSION",
    "ArticleAnalysis",
    "Contribution",
    "CountryMention",
    "Lexicon",
    "LexiconError",
    "LexiconTerm",
    "Officials",
    "Score",
    "Scorer",
    "Statement",
    "StatementKind",
    "TermHit",
    "analyze",
    "default_scorer",
    "extract_statements",
    "find_countries",
    "load_lexicon",
    "load_officials",
    "score_text",
    "split_sentences",
]
