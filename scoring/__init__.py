"""Pure scoring library: text in, statements and scores out.

No files, network, database or Streamlit here. Heavy objects (VADER, matchers, country
tables) are built once per process and reused.
"""

from tension.scoring.analyze import analyze
from tension.scoring.countries import country_code, find_countries
from tension.scoring.intensity import (
    SCORER_VERSION,
    EachPart,
    Scorer,
    TextScorer,
    default_scorer,
    score_text,
)
from tension.scoring.layout import clean_layout
from tension.scoring.lexicon import Lexicon, LexiconError, LexiconTerm, load_lexicon
from tension.scoring.officials import Officials, load_officials
from tension.scoring.sentences import split_sentences
from tension.scoring.statements import extract_statements, resolve_speaker
from tension.scoring.transcripts import Turn, find_turns
from tension.scoring.types import (
    STATEMENT_KINDS,
    ArticleAnalysis,
    Contribution,
    CountryMention,
    DocumentSpeaker,
    Score,
    Statement,
    StatementKind,
    TermHit,
)

__all__ = [
    "SCORER_VERSION",
    "STATEMENT_KINDS",
    "ArticleAnalysis",
    "Contribution",
    "CountryMention",
    "DocumentSpeaker",
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
    "Turn",
    "analyze",
    "clean_layout",
    "country_code",
    "default_scorer",
    "extract_statements",
    "find_countries",
    "find_turns",
    "load_lexicon",
    "load_officials",
    "resolve_speaker",
    "score_text",
    "split_sentences",
]
