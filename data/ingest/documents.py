"""What sources produce: documents to score, or rejections with a reason."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date

from tension.scoring import DocumentSpeaker, clean_layout, country_code


@dataclass(frozen=True, slots=True)
class Document:
    """One article or statement read from a source, before scoring.

    ``published`` is None when no date could be found: the article is kept and reported as
    undated, never given today's date. ``speaker`` and ``country`` name the author of an
    official statement, a speech or a briefing (a minister, a ministry; ISO alpha-3 country,
    see :func:`parse_country`) when the source says so: the document's sentences that are
    nobody else's are then that speaker's statements. ``notes`` are one-line remarks the
    ingest reports with the document (text decoded with replacement characters, a date
    dropped): kept, but not quite as given.
    """

    text: str
    source: str
    title: str | None = None
    published: date | None = None
    url: str | None = None
    outlet: str | None = None
    speaker: str | None = None
    country: str | None = None
    notes: tuple[str, ...] = ()

    @property
    def document_speaker(self) -> DocumentSpeaker | None:
        """Who speaks in the whole document, for scoring (None when the source names nobody)."""
        if self.speaker is None and self.country is None:
            return None
        return DocumentSpeaker(self.speaker, self.country)


def parse_country(value: object) -> str | None:
    """The ISO alpha-3 code of a country given by name or ISO 3166 alpha-2/alpha-3 code
    (``"Azerbaijan"``, ``"AZ"``, ``"aze"``); None for an empty value.

    Raises ValueError, naming the value, for one that names no country.
    """
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    code = country_code(text)
    if code is None:
        raise ValueError(
            f"unknown country {text!r} (give its name or ISO 3166 code, such as AZE or AZ)"
        )
    return code


def clean_text(text: str) -> str:
    """A document's text as it is stored and scored: its print layout undone (lines broken
    inside sentences joined, end-of-line hyphens, page numbers and running headers dropped;
    see :func:`tension.scoring.clean_layout`) and trimmed."""
    return clean_layout(text).strip()


@dataclass(frozen=True, slots=True)
class Note:
    """Something an ingest changed or could not do for an input it kept, in one line."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input that could not be ingested, with a one-line reason; it goes to quarantine.

    ``transient`` failures (a server error, a time-out) may succeed later: their quarantine
    rows do not count the source as seen, so a feed poll tries it again, with backoff (see
    :mod:`tension.data.ingest.state`)."""

    source: str
    reason: str
    transient: bool = False

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


def with_speaker(
    items: Iterable[Document | Rejected], speaker: str | None = None, country: str | None = None
) -> Iterator[Document | Rejected]:
    """``items`` with ``speaker`` and ``country`` (an ISO alpha-3 code) given to the documents
    whose source names none (``--speaker``/``--country``, the Add data page's fields): a
    record's or header's own speaker and country win."""
    for item in items:
        if isinstance(item, Document) and (speaker or country):
            item = replace(
                item, speaker=item.speaker or speaker or None, country=item.country or country
            )
        yield item
