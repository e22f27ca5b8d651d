"""Pure scoring library: text in, statements and scores out.

No files, network, database or Streamlit here. Heavy objects (VADER, matchers, country
tables) are built once per process and reused.
"""

from scoring.sentences import split_sentences
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
    "Score",
    "Statement",
    "StatementKind",
    "TermHit",
    "split_sentences",
]
