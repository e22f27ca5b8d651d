"""Undo the print layout of a text before it is split into sentences.

Speeches, press releases and UN documents mostly arrive as PDF extracts or plain-text exports:
lines broken inside sentences, words hyphenated at line ends, page numbers and running headers
or footers between the lines of a sentence. :func:`clean_layout` turns such text back into
paragraphs; text without that layout (a news article with one paragraph a line or a blank
line between paragraphs) comes back unchanged but for trailing spaces and runs of blank lines.

What it does, in order:

- page furniture goes: a line that is only a page number ("12", "- 12 -", "Page 3 of 9",
  "3/9") at a page edge (next to a form feed or a blank line), and a short line without
  final punctuation that repeats, digits aside, at the edges of two or more pages (pages
  are separated by form feeds, as PDF extracts give them) or of three or more paragraphs
  ("A/75/PV.5", "20-24573 (E)", "General Assembly"); the lines around it then join as if it
  had never been there;
- a line break inside a sentence becomes a space: in hard-wrapped text (most lines filling
  the same width) after every full line; in any text after a line that ends with a comma or a
  word such as "to" or "the" (``data/layout.toml``), or before a line that starts in lower
  case;
- a hyphen at a line end is undone ("inter-" + "national"), unless the text itself writes
  the word with a hyphen elsewhere, the next part starts with a capital or a digit
  ("Secretary-" + "General"), or the first part is a prefix that keeps its hyphen ("self-");
- a line never joins the one before it when it starts a numbered paragraph ("12."), a list
  item, or a speaker's turn in a transcript ("Q:", "MODERATOR:", "Mao Ning:").

Limits: English conventions; one column at a time (a PDF extract that interleaves the lines
of two columns cannot be put back together); a hyphenated word split across a page break
whose two parts both look like words may keep a wrong hyphen or lose a right one.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from tension.scoring.datafiles import words
from tension.scoring.transcripts import TURN_LABEL, find_turns

__all__ = [
    "PARAGRAPH_NUMBER",
    "SENTENCE_INSIDE",
    "clean_layout",
    "goes_on",
    "is_paragraph_start",
    "wrap_width",
]

_LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "\u00ad": "", "\u200b": ""}
)
_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?[-–—]?\s*(?:\d{1,4}|[ivxlc]{1,6})\s*[-–—]?"
    r"(?:\s*(?:of|/)\s*\d{1,4})?$",
    re.I,
)
PARAGRAPH_NUMBER = re.compile(r"(?:\(?\d{1,3}[.)]|\(?[a-z][.)]|\([ivx]{1,5}\)|[•·▪◦*–—-])[ \t]+")
"""A paragraph number or list marker ("12. ", "(a) ", "• ") where a line starts."""
_PARAGRAPH_START = re.compile(PARAGRAPH_NUMBER.pattern + r"\S")
_TERMINAL = frozenset('.!?:;"”’)…')
_SENTENCE_END = re.compile(r"[.!?…][\"”’)]?$")
_HYPHENATED = re.compile(r"([A-Za-zÀ-ÿ]+)-$")
_FIRST_WORD = re.compile(r"^([A-Za-zÀ-ÿ]+)")
_LAST_WORD = re.compile(r"(\S+)$")
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"[ \t\u00a0]+")
SENTENCE_INSIDE = re.compile(r"[a-z0-9][.!?][\"”’)]?\s+[\"“‘(]?[A-Z]")
"""A sentence end followed by another sentence: the line is prose, not a heading."""


@dataclass(frozen=True, slots=True)
class _Lists:
    keep_hyphen: frozenset[str]
    continuation: frozenset[str]
    titles: frozenset[str]


@cache
def _lists() -> _Lists:
    return _Lists(
        keep_hyphen=frozenset(w.lower() for w in words("layout.toml", "hyphens", "keep_after")),
        continuation=frozenset(words("layout.toml", "continuation", "words")),
        titles=frozenset(words("sentences.toml", "abbreviations", "titles")),
    )


def is_paragraph_start(line: str, transcript: bool = False) -> bool:
    """``line`` opens a numbered paragraph or a list item, or (in a ``transcript``) a turn."""
    stripped = line.lstrip()
    return bool(_PARAGRAPH_START.match(stripped) or (transcript and TURN_LABEL.match(stripped)))


def wrap_width(lines: list[str]) -> int | None:
    """The width the lines were hard-wrapped at, or None when they were not: at least four
    lines, most of them (not counting each paragraph's last) within 25% of the 90th
    percentile of the lengths, and that width at most 140 characters."""
    lengths = sorted(len(line.strip()) for line in lines if line.strip())
    if len(lengths) < 4:
        return None
    width = lengths[min(len(lengths) - 1, int(len(lengths) * 0.9))]
    if width > 140 or width < 20:
        return None
    full = sum(1 for n in lengths if n >= 0.75 * width)
    return width if full >= 0.6 * len(lengths) else None


def _shape(line: str) -> str:
    return _DIGITS.sub("#", _SPACES.sub(" ", line.strip().lower()))


def _furniture(pages: list[list[str]]) -> set[tuple[int, int]]:
    """``(page, line)`` positions of page numbers and running headers or footers."""
    out: set[tuple[int, int]] = set()
    paged = len(pages) > 1
    # a "page" without form feeds: the stretch between blank lines
    counts: Counter[str] = Counter()
    for lines in pages:
        seen: set[str] = set()
        for line in lines:
            shape = _shape(line)
            if shape and len(shape) <= 80 and len(shape.split()) <= 12 and shape not in seen:
                seen.add(shape)
                counts[shape] += 1
    for p, lines in enumerate(pages):
        n = len(lines)
        for i, line in enumerate(lines):
            text = line.strip()
            if not text:
                continue
            at_edge = (
                (paged and (i < 2 or i >= n - 2))
                or i == 0
                or i == n - 1
                or not lines[i - 1].strip()
                or not lines[i + 1].strip()
            )
            if at_edge and _PAGE_NUMBER.match(text):
                out.add((p, i))
                continue
            # a running header or footer: at a page edge on two pages or more, or between
            # paragraphs three times or more
            if (
                counts[_shape(line)] >= (2 if paged else 3)
                and not _SENTENCE_END.search(text)
                and not TURN_LABEL.match(text)
                and at_edge
            ):
                out.add((p, i))
    return out


def _pages(text: str) -> list[list[str]]:
    """Lines by page: form feeds where there are some, else blank-line-separated stretches
    (so a header repeated between paragraphs counts once per stretch)."""
    if "\f" in text:
        return [page.split("\n") for page in text.split("\f")]
    return [chunk.split("\n") for chunk in re.split(r"\n[ \t]*\n", text)]


def _drop_furniture(text: str) -> list[str | None]:
    """The text's lines with page furniture removed; ``None`` marks where some was (a soft
    break: the lines on either side may belong to one sentence)."""
    pages = _pages(text)
    drop = _furniture(pages)
    paged = "\f" in text
    out: list[str | None] = []
    for p, lines in enumerate(pages):
        if p:
            out.append(None if paged else "")  # the separator _pages split at
        for i, line in enumerate(lines):
            out.append(None if (p, i) in drop else line)
    return out


def _blocks(lines: list[str | None]) -> list[list[str]]:
    """Paragraph blocks: runs of lines between blank lines. Blank lines around removed
    furniture (``None``) break a paragraph only after a sentence end."""
    blocks: list[list[str]] = [[]]
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        if line is None or not line.strip():
            j = i
            soft = blank = False
            while j < n and (lines[j] is None or not (lines[j] or "").strip()):
                soft = soft or lines[j] is None
                blank = blank or lines[j] is not None
                j += 1
            # removed furniture between lines: a paragraph break only when the text before
            # it ended its sentence and a blank line was there too
            hard = not soft or (blank and bool(blocks[-1]) and _ends_sentence(blocks[-1][-1]))
            if hard and blocks[-1]:
                blocks.append([])
            i = j
            continue
        blocks[-1].append(line.rstrip())
        i += 1
    return [b for b in blocks if b]


def _ends_sentence(line: str) -> bool:
    last = line.rstrip()
    if not last or last[-1] not in _TERMINAL:
        return False
    word = _LAST_WORD.search(last)
    return not (word and word.group(1).rstrip(".") in _lists().titles and last.endswith("."))


def goes_on(line: str) -> bool:
    """``line`` has visibly not ended its sentence: it ends with a comma, a word such as
    "to" or "the" (``data/layout.toml``) or a title ("Mr.")."""
    last = line.rstrip()
    if last.endswith(","):
        return True
    word = _LAST_WORD.search(last)
    if not word:
        return False
    token = word.group(1)
    lists = _lists()
    return token in lists.continuation or (token.endswith(".") and token[:-1] in lists.titles)


def _dehyphenate(left: str, right: str, vocabulary: str) -> str | None:
    """The two lines joined across a line-end hyphen, or None when ``left`` ends with none."""
    m = _HYPHENATED.search(left)
    first = _FIRST_WORD.match(right)
    if not m or not first or left.endswith("--"):
        return None
    head, tail = m.group(1), first.group(1)
    joined, hyphened = head + tail, f"{head}-{tail}"
    low = vocabulary
    if re.search(rf"\b{re.escape(hyphened.lower())}\b", low):
        keep = True
    elif re.search(rf"\b{re.escape(joined.lower())}\b", low):
        keep = False
    else:
        keep = tail[0].isupper() or head.lower() in _lists().keep_hyphen
    return left + right if keep else left[:-1] + right


def _join_block(
    block: list[str], width: int | None, vocabulary: str, transcript: bool
) -> list[str]:
    """A block's lines, with the breaks inside sentences joined."""
    out = [block[0].strip()]
    prose = False  # the last output line is prose (joined lines, or a sentence break in it)
    for raw in block[1:]:
        line = raw.strip()
        prev = out[-1]
        if is_paragraph_start(raw, transcript):
            out.append(line)
            prose = False
            continue
        ends = _ends_sentence(prev)
        if width is not None and len(prev) >= 0.75 * width:  # a full line of wrapped text
            joins = not (ends and raw[:1] in " \t")  # unless an indent opens a paragraph
        else:
            # a short line that has not ended its sentence: a heading stands alone, with no
            # sentence end inside it; prose goes on
            joins = not ends and (
                prose
                or goes_on(prev)
                or line[:1].islower()
                or prev.endswith("-")
                or bool(SENTENCE_INSIDE.search(prev))
            )
        if not joins:
            out.append(line)
            prose = False
            continue
        joined = _dehyphenate(prev, line, vocabulary)
        out[-1] = joined if joined is not None else f"{prev} {line}"
        prose = True
    return out


def clean_layout(text: str) -> str:
    """``text`` with its print layout undone (see the module docstring): paragraphs separated
    by one blank line, the lines of a paragraph that are one sentence or more joined."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_LIGATURES)
    lines = _drop_furniture(text)
    blocks = _blocks(lines)
    width = wrap_width([line for b in blocks if len(b) > 1 for line in b])
    vocabulary = " ".join(line for b in blocks for line in b).lower()
    transcript = bool(find_turns(text))
    return "\n\n".join("\n".join(_join_block(b, width, vocabulary, transcript)) for b in blocks)
