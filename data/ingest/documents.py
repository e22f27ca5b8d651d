"""What sources produce: documents to score, or rejections with a reason."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Document:
    """One article or statement read from a source, before scoring.

    ``published`` is None when no date could be found: the article is kept and reported as
    undated, never given today's date. ``speaker`` and ``country`` name the author of an
    official statement (a minister, a ministry; ISO alpha-3 country) when the source says so.
    """

    text: str
    source: str
    title: str | None = None
    published: date | None = None
    url: str | None = None
    outlet: str | None = None
    speaker: str | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input that could not be ingested, with a one-line reason; it goes to quarantine."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"
