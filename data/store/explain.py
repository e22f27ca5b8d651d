"""A stored statement's explanation (its ``terms`` and ``contributions``) in the coordinates of
the text that is shown: the one place where stored offsets are read.

Since this rule was fixed in :func:`tension.data.ingest.rows.score_columns`, the offsets of a
statement's term hits and contribution lines are relative to the statement's own ``text``.
Rows written earlier hold offsets into the *article* (the statement was scored inside it), so
three quarters of their highlights fell outside the statement and were dropped. Nothing
rewrites stored batches, so :func:`aligned` recognises such a row and moves its offsets back
by the statement's ``start``: it keeps the reading under which more term hits land on text
that matches their lexicon entry (a tie keeps the current rule). A statement that starts at
the article's first character reads the same under both rules.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Explanation:
    """A statement's term hits and explanation lines, offsets into its text.

    ``terms``: dicts with ``term`` (the lexicon entry, perhaps a pattern such as
    ``escalat*``), ``word`` (the text it matched), ``category``, ``weight``, ``start``,
    ``end``. ``contributions``: dicts with ``source``, ``category``, ``points``, ``start``,
    ``end`` (``-1`` for lines tied to no span, such as whole-text sentiment). ``shifted``
    tells that the row was stored with article offsets and has been moved."""

    terms: list[dict[str, Any]]
    contributions: list[dict[str, Any]]
    shifted: bool = False


def _load(value: str | list[Any] | None) -> list[dict[str, Any]]:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return []
    return [v for v in (value or []) if isinstance(v, dict)]


def _int(value: object, default: int = -1) -> int:
    try:
        return int(value)  # type: ignore[call-overload, no-any-return]
    except (TypeError, ValueError):
        return default


def _float(value: object) -> float:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0


def _fits(text: str, term: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is what the lexicon entry ``term`` matches (case and runs
    of spaces ignored; a ``*`` entry matches any word that starts with its stem)."""
    if not (0 <= start < end <= len(text)):
        return False
    found = _SPACE.sub(" ", text[start:end]).lower()
    want = _SPACE.sub(" ", term).lower()
    if want.endswith("*"):
        return found.startswith(want[:-1])
    return found == want


def aligned(
    text: str,
    start: int | None,
    terms: str | list[Any] | None,
    contributions: str | list[Any] | None = None,
) -> Explanation:
    """``terms`` and ``contributions`` (stored JSON or lists) of the statement whose text is
    ``text`` and which starts at ``start`` in its article, with offsets into ``text``.

    Hits whose span falls outside ``text`` keep their offsets (the highlighter skips them);
    malformed entries are dropped, bad JSON reads as no entries."""
    hits = _load(terms)
    lines = _load(contributions)
    shift = 0
    base = _int(start, 0)
    if base > 0 and hits:
        spans = [(str(h.get("term", "")), _int(h.get("start")), _int(h.get("end"))) for h in hits]
        now = sum(_fits(text, t, a, b) for t, a, b in spans)
        before = sum(_fits(text, t, a - base, b - base) for t, a, b in spans)
        if before > now:
            shift = base
    out_terms = []
    for h in hits:
        a, b = _int(h.get("start")), _int(h.get("end"))
        if a < 0 or b < 0:
            continue
        a, b = a - shift, b - shift
        out_terms.append(
            {
                "term": str(h.get("term", "")),
                "word": text[a:b] if 0 <= a < b <= len(text) else "",
                "category": str(h.get("category", "")),
                "weight": _float(h.get("weight")),
                "start": a,
                "end": b,
            }
        )
    out_lines = []
    for c in lines:
        a, b = _int(c.get("start")), _int(c.get("end"))
        if a >= 0 and b >= 0:
            a, b = a - shift, b - shift
        out_lines.append(
            {
                "source": str(c.get("source", "")),
                "category": str(c.get("category", "")),
                "points": _float(c.get("points")),
                "start": a,
                "end": b,
            }
        )
    return Explanation(out_terms, out_lines, shifted=bool(shift))
