"""Sentence splitting with character offsets.

Uses nupunkt (an unsupervised Punkt model that ships its parameters: no download at run time)
and trims the spans, so ``text[start:end]`` is always the sentence exactly as written.
Limits: English abbreviations only; a heading line without a full stop may join the next line
unless a blank line separates them, so blank lines are treated as hard breaks.
"""

from __future__ import annotations

import re

import nupunkt

_BLANK_LINE = re.compile(r"\n\s*\n")


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` spans of the sentences of ``text`` in order, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    bounds: list[tuple[int, int]] = []
    cursor = 0
    for gap in _BLANK_LINE.finditer(text):
        bounds.append((cursor, gap.start()))
        cursor = gap.end()
    bounds.append((cursor, len(text)))
    for b_start, b_end in bounds:
        block = text[b_start:b_end]
        if not block.strip():
            continue
        for s, e in nupunkt.sent_spans(block):
            span = _trimmed(text, b_start + s, b_start + e)
            if span:
                spans.append(span)
    return spans
