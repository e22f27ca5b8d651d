"""Pure scoring library: text in, statements and scores out.

No files, network, database or Streamlit here. Heavy objects (VADER, matchers, country
tables) are built once per process and reused.
"""

from tension.scoring.analyze import analyze
from tension.scoring.countries import find_countries
from tension.scoring.intensity import (
    SCORER_VERSION,
    EachPart,
    Scorer,
    TextScorer,
    default_scorer,
    score_text,
)
from tension.scoring.lexicon import Lexicon, LexiconError, LexiconTerm, load_lexicon
from tension.scoring.officials import Officials, load_officials
from tension.scoring.sentences import split_sentences
from tension.scoring.statements import extract_statements
from tension.scoring.types import (
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
    "EachPart",
    "Lexicon",
    "LexiconError",
    "LexiconTerm",
    "Officials",
    "Score",
    "Scorer",
    "Statement",
    "StatementKind",
    "TermHit",
    "TextScorer",
    "analyze",
    "default_scorer",
    "extract_statements",
    "find_countries",
    "load_lexicon",
    "load_officials",
    "score_text",
    "split_sentences",
]
