"""Sentence splitting with character offsets.

Uses nupunkt (an unsupervised Punkt model that ships its parameters: no download at run time)
and trims the spans, so ``text[start:end]`` is always the sentence exactly as written.

Three fixes on top of nupunkt:
- blank lines are hard breaks, and so is the line break after a heading-like line (no final
  punctuation, at most 12 words, next line starting with a capital), so a headline never joins
  the first sentence;
- nupunkt's model takes some lower-case words for abbreviations ("met.", "so.") and then
  misses the break: a full stop after a lower-case word of two or more letters, followed by a
  capital, is a break unless the word is a known lower-case abbreviation ("etc.", "vs.").
- a break after a title ("Gen.", "Sen.") or after "U.S."/"U.N." before a word that continues
  the noun phrase ("U.S. Secretary of State") is undone.
The word lists of these fixes are in ``data/sentences.toml``.
Limits: English only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import nupunkt

from tension.scoring.datafiles import words
from tension.scoring.layout import PARAGRAPH_NUMBER, SENTENCE_INSIDE, goes_on, wrap_width
from tension.scoring.matching import alternation

_BLANK_LINE = re.compile(r"\n\s*\n")
_LINE_BREAK = re.compile(r"\n")
_MISSED_BREAK = re.compile(r"\b([a-z]{2,})[.!?][\"”’)]?(\s+)(?=[\"“‘(]?[A-Z])")
_TERMINAL = frozenset('.!?:;"”’)')
_OPENERS = frozenset('ABCDEFGHIJKLMNOPQRSTUVWXYZ"“‘(')


@dataclass(frozen=True, slots=True)
class _Lists:
    """The word lists of ``data/sentences.toml``, prepared once."""

    lower_abbreviations: frozenset[str]
    # abbreviations nupunkt sometimes takes for a sentence end: a title always belongs to the
    # name after it; "U.S." and the like only before a word that continues a noun phrase
    title_end: re.Pattern[str]
    country_abbr_end: re.Pattern[str]
    noun_phrase_goes_on: re.Pattern[str]


@cache
def _lists() -> _Lists:
    def w(table: str, key: str) -> tuple[str, ...]:
        return words("sentences.toml", table, key)

    return _Lists(
        lower_abbreviations=frozenset(w("abbreviations", "lower")),
        title_end=re.compile(rf"\b(?:{alternation(w('abbreviations', 'titles'))})\.$"),
        country_abbr_end=re.compile(rf"\b(?:{alternation(w('abbreviations', 'countries'))})\.$"),
        noun_phrase_goes_on=re.compile(rf"^(?:{alternation(w('noun_phrase', 'continues'))})\b"),
    )


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _heading_break(lines: list[str], i: int, width: int | None) -> bool:
    """Line ``i`` of a block is a heading, so the block breaks after it: no final
    punctuation, at most 12 words, the next line starting with a capital, and nothing that
    makes it prose (a sentence end inside it, a last word such as "to", a full line of
    hard-wrapped text, a line before it that had not ended its sentence)."""
    line = lines[i].strip()
    nxt = lines[i + 1].lstrip()
    if not line or line[-1] in _TERMINAL or len(line.split()) > 12 or not nxt[:1].isupper():
        return False
    if SENTENCE_INSIDE.search(line) or goes_on(line):
        return False
    if width is not None and len(line) >= 0.75 * width:
        return False
    before = lines[i - 1].strip() if i else ""
    return not before or before[-1] in _TERMINAL


def _blocks(text: str) -> list[tuple[int, int]]:
    """Paragraph blocks: split at blank lines, after heading-like lines and before numbered
    paragraphs, whose number ("12. ", "(a) ", "• ") is left out of the block."""
    out: list[tuple[int, int]] = []
    cursor = 0
    for gap in _BLANK_LINE.finditer(text):
        out.append((cursor, gap.start()))
        cursor = gap.end()
    out.append((cursor, len(text)))
    if "\n" not in text and not PARAGRAPH_NUMBER.match(text.lstrip()):
        return out
    refined: list[tuple[int, int]] = []
    for start, end in out:
        starts = [start] + [nl.end() for nl in _LINE_BREAK.finditer(text, start, end)]
        ends = [s - 1 for s in starts[1:]] + [end]
        lines = [text[a:b] for a, b in zip(starts, ends, strict=True)]
        width = wrap_width(lines) if len(lines) > 1 else None
        block_start = start
        for i, (a, line) in enumerate(zip(starts, lines, strict=True)):
            lead = len(line) - len(line.lstrip())
            number = PARAGRAPH_NUMBER.match(line, lead)
            if number and line[number.end() : number.end() + 1] in _OPENERS:
                if a > block_start:
                    refined.append((block_start, a - 1))
                block_start = number.end() + a
            if i + 1 < len(lines) and _heading_break(lines, i, width):
                refined.append((block_start, ends[i]))
                block_start = starts[i + 1]
        refined.append((block_start, end))
    return [(a, b) for a, b in refined if a < b]


def _split_missed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    cursor = start
    lower_abbreviations = _lists().lower_abbreviations
    for m in _MISSED_BREAK.finditer(text, start, end):
        if m.group(1) in lower_abbreviations:
            continue
        span = _trimmed(text, cursor, m.start(2))
        if span:
            spans.append(span)
        cursor = m.end(2)
    span = _trimmed(text, cursor, end)
    if span:
        spans.append(span)


def _merge_abbreviations(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    lists = _lists()
    for span in spans:
        if out:
            prev = text[out[-1][0] : out[-1][1]]
            nxt = text[span[0] : span[1]]
            gap = text[out[-1][1] : span[0]]
            if "\n" not in gap and (
                lists.title_end.search(prev)
                or (lists.country_abbr_end.search(prev) and lists.noun_phrase_goes_on.match(nxt))
            ):
                out[-1] = (out[-1][0], span[1])
                continue
        out.append(span)
    return out


@lru_cache(maxsize=16384)
def _block_spans(block: str) -> tuple[tuple[int, int], ...]:
    """nupunkt's spans of one paragraph block; syndicated copies repeat whole paragraphs."""
    return tuple(nupunkt.sent_spans(block))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` spans of the sentences of ``text`` in order, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    for b_start, b_end in _blocks(text):
        block = text[b_start:b_end]
        if not block.strip():
            continue
        for s, e in _block_spans(block):
            span = _trimmed(text, b_start + s, b_start + e)
            if span:
                _split_missed(text, span[0], span[1], spans)
    if "." in text:
        spans = _merge_abbreviations(text, spans)
    return _merge_fragments(text, spans)


def _merge_fragments(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A span that has visibly not ended (no final punctuation, and a next span starting in
    lower case, or a last word such as "to" before a next span in the same paragraph) is the
    start of the next sentence: a fragment is never a sentence of its own."""
    out: list[tuple[int, int]] = []
    for span in spans:
        if out:
            prev = text[out[-1][0] : out[-1][1]]
            paragraph = _BLANK_LINE.search(text, out[-1][1], span[0]) is not None
            if prev[-1] not in _TERMINAL and (
                text[span[0]].islower() or (goes_on(prev) and not paragraph)
            ):
                out[-1] = (out[-1][0], span[1])
                continue
        out.append(span)
    return out
