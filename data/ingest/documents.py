"""What sources produce: documents to score, or rejections with a reason."""

from __future__ import annotations

import re
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


LAYOUT_PIECE = 1 << 20
"""Characters of a long text whose layout is undone at a time (memory stays bounded)."""
_PARAGRAPH = re.compile(r"\n[ \t]*\n")


def clean_text(text: str, start: int = 0, *, join_lines: bool = False) -> str:
    """A document's text as it is stored and scored: its print layout undone (lines broken
    inside sentences joined, end-of-line hyphens, page numbers and running headers dropped;
    see :func:`tension.scoring.clean_layout`) and trimmed. Only ``text[start:]`` is used;
    with ``join_lines`` its lines are first joined with ``"\\n"`` (as
    ``"\\n".join(text.splitlines())``: every kind of line break made one).

    A text over :data:`LAYOUT_PIECE` characters is undone a piece at a time, cut after a
    blank line (a paragraph break) where it has one: undoing 40 MB at once took over ten
    times its size in memory, and slicing it first took another copy. The layout's
    statistics (line width, running headers) are then each piece's own."""
    pieces: list[str] = []
    while start < len(text):
        end = len(text)
        if end - start > LAYOUT_PIECE:
            m = _PARAGRAPH.search(text, start + LAYOUT_PIECE, start + 2 * LAYOUT_PIECE)
            if m is not None:
                end = m.end()
            else:  # no paragraph break nearby: after the last line break, else anywhere
                end = text.rfind("\n", start + 1, start + LAYOUT_PIECE) + 1 or (
                    start + LAYOUT_PIECE
                )
        piece = text[start:end]
        if join_lines:
            piece = "\n".join(piece.splitlines())
        cleaned = clean_layout(piece).strip()
        if cleaned:
            pieces.append(cleaned)
        start = end
    return pieces[0] if len(pieces) == 1 else "\n\n".join(pieces)


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
