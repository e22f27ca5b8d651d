"""Pure scoring library: text in, statements and scores out.

No files, network, database or Streamlit here. Heavy objects (VADER, matchers, country
tables) are built once per process and reused.
"""

from scoring.analyze import analyze
from scoring.countries import find_countries
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
    "ArticleAnalysis",
    "Contribution",
    "CountryMention",
    "Officials",
    "Score",
    "Statement",
    "StatementKind",
    "TermHit",
    "analyze",
    "extract_statements",
    "find_countries",
    "load_officials",
    "split_sentences",
]
