"""Sentence splitting with character offsets.

Uses nupunkt (an unsupervised Punkt model that ships its parameters: no download at run time)
and trims the spans, so ``text[start:end]`` is always the sentence exactly as written.

Two fixes on top of nupunkt:
- blank lines are hard breaks, and so is the line break after a heading-like line (no final
  punctuation, at most 12 words, next line starting with a capital), so a headline never joins
  the first sentence;
- nupunkt's model takes some lower-case words for abbreviations ("met.", "so.") and then
  misses the break: a full stop after a lower-case word of two or more letters, followed by a
  capital, is a break unless the word is a known lower-case abbreviation ("etc.", "vs.").
Limits: English only; "U.S." followed by a capitalised word is never split (nupunkt decides).
"""

from __future__ import annotations

import re

import nupunkt

_BLANK_LINE = re.compile(r"\n\s*\n")
_LINE_BREAK = re.compile(r"\n")
_MISSED_BREAK = re.compile(r"\b([a-z]{2,})[.!?][\"”’)]?(\s+)(?=[\"“‘(]?[A-Z])")
_LOWER_ABBREVIATIONS = frozenset(
    {"etc", "vs", "approx", "incl", "esp", "cf", "al", "ca", "viz", "op", "cit", "ibid", "pp"}
)
_TERMINAL = frozenset('.!?:;"”’)')


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _blocks(text: str) -> list[tuple[int, int]]:
    """Paragraph blocks: split at blank lines and after heading-like lines."""
    out: list[tuple[int, int]] = []
    cursor = 0
    for gap in _BLANK_LINE.finditer(text):
        out.append((cursor, gap.start()))
        cursor = gap.end()
    out.append((cursor, len(text)))
    if "\n" not in text:
        return out
    refined: list[tuple[int, int]] = []
    for start, end in out:
        line_start = start
        for nl in _LINE_BREAK.finditer(text, start, end):
            line = text[line_start : nl.start()].strip()
            nxt = text[nl.end() : end].lstrip()
            if line and line[-1] not in _TERMINAL and len(line.split()) <= 12 and nxt[:1].isupper():
                refined.append((start, nl.start()))
                start = nl.end()
            line_start = nl.end()
        refined.append((start, end))
    return refined


def _split_missed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    cursor = start
    for m in _MISSED_BREAK.finditer(text, start, end):
        if m.group(1) in _LOWER_ABBREVIATIONS:
            continue
        span = _trimmed(text, cursor, m.start(2))
        if span:
            spans.append(span)
        cursor = m.end(2)
    span = _trimmed(text, cursor, end)
    if span:
        spans.append(span)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` spans of the sentences of ``text`` in order, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    for b_start, b_end in _blocks(text):
        block = text[b_start:b_end]
        if not block.strip():
            continue
        for s, e in nupunkt.sent_spans(block):
            span = _trimmed(text, b_start + s, b_start + e)
            if span:
                _split_missed(text, span[0], span[1], spans)
    return spans
