"""Highlighted text built only from escaped pieces.

Statements and articles are untrusted: a statement may contain ``<script>``, an
``<img onerror=...>`` or a Markdown link. The text is cut at the scoring terms' offsets,
*every* piece is passed through :func:`html.escape`, and only then are the term pieces wrapped
in ``<mark class="tm tm-<category>">``. The category becomes a class name only after being
reduced to ``[a-z0-9-]``. The result goes to ``st.html`` (which does not interpret Markdown);
never to ``st.markdown``, where an escaped ``[x](http://...)`` would still become a link.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from tension.dashboard.colors import category_color, with_alpha

_SLUG = re.compile(r"[^a-z0-9-]+")


def category_class(category: str) -> str:
    slug = _SLUG.sub("-", category.lower()).strip("-")
    return f"tm-{slug or 'term'}"


def parse_terms(terms: str | list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """The stored JSON list of term hits, tolerant of nulls and bad JSON."""
    if isinstance(terms, str):
        try:
            terms = json.loads(terms)
        except ValueError:
            return []
    out = []
    for t in terms or []:
        if not isinstance(t, dict):
            continue
        try:
            start, end = int(t["start"]), int(t["end"])
        except (KeyError, TypeError, ValueError):
            continue
        out.append(
            {
                "term": str(t.get("term", "")),
                "category": str(t.get("category", "")),
                "weight": float(t.get("weight", 0.0) or 0.0),
                "start": start,
                "end": end,
            }
        )
    return out


def highlight_html(text: str, terms: str | list[dict[str, Any]] | None) -> str:
    """``text`` as HTML with each term hit wrapped in ``<mark>``; overlapping or out-of-range
    hits are skipped. Every character of ``text`` goes through ``html.escape``."""
    hits = sorted(parse_terms(terms), key=lambda t: (t["start"], -t["end"]))
    pieces: list[str] = []
    pos = 0
    for hit in hits:
        start, end = hit["start"], hit["end"]
        if start < pos or end <= start or end > len(text):
            continue
        pieces.append(html.escape(text[pos:start]))
        title = html.escape(f"{hit['category']}: {hit['weight']:+g}")
        pieces.append(
            f'<mark class="tm {category_class(hit["category"])}" title="{title}">'
            f"{html.escape(text[start:end])}</mark>"
        )
        pos = end
    pieces.append(html.escape(text[pos:]))
    return "".join(pieces)


def style_block(categories: list[str]) -> str:
    """CSS for the ``<mark>`` classes: translucent backgrounds, text colour inherited, so
    highlights read on light and dark themes alike."""
    rules = [
        ".tm-text { white-space: pre-wrap; line-height: 1.6; }",
        "mark.tm { color: inherit; border-radius: 3px; padding: 0 2px; }",
    ]
    for cat in sorted(set(categories)):
        color = category_color(cat)
        rules.append(
            f"mark.{category_class(cat)} {{ background: {with_alpha(color, 0.35)}; "
            f"border-bottom: 2px solid {color}; }}"
        )
    return "<style>" + "\n".join(rules) + "</style>"


def highlighted_block(text: str, terms: str | list[dict[str, Any]] | None) -> str:
    """A self-contained HTML block (style + escaped, highlighted text) for ``st.html``."""
    cats = [t["category"] for t in parse_terms(terms)]
    return f'{style_block(cats)}<div class="tm-text">{highlight_html(text, terms)}</div>'
