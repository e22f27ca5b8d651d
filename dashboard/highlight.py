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
        title = html.escape(f"{hit['term']} ({hit['category']}): {hit['weight']:+g} points")
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
        ".tm-legend { font-size: 0.85em; margin-top: 0.4em; opacity: 0.85; }",
    ]
    for cat in sorted(set(categories)):
        color = category_color(cat)
        rules.append(
            f"mark.{category_class(cat)} {{ background: {with_alpha(color, 0.35)}; "
            f"border-bottom: 2px solid {color}; }}"
        )
    return "<style>" + "\n".join(rules) + "</style>"


def legend_html(terms: str | list[dict[str, Any]] | None) -> str:
    """A legend of the highlight colours of ``terms``: one chip per category, marked
    escalating (its words added points) or de-escalating (took points away); empty when
    there is no term. Category names are reduced to class names and escaped."""
    sides: dict[str, set[str]] = {}
    for t in parse_terms(terms):
        sides.setdefault(t["category"], set()).add("+" if t["weight"] >= 0 else "−")
    if not sides:
        return ""
    chips = []
    for cat in sorted(sides):
        sign = "/".join(sorted(sides[cat]))
        what = {"+": "escalating", "−": "de-escalating"}.get(sign, "both ways")
        chips.append(
            f'<mark class="tm {category_class(cat)}">{html.escape(cat)}</mark> '
            f'<span class="tm-side">{sign} {what}</span>'
        )
    return '<div class="tm-legend">Highlights: ' + " · ".join(chips) + "</div>"


def highlighted_block(
    text: str, terms: str | list[dict[str, Any]] | None, *, legend: bool = True
) -> str:
    """A self-contained HTML block (style, escaped highlighted text, and a legend of the
    highlight colours unless ``legend`` is False) for ``st.html``."""
    cats = [t["category"] for t in parse_terms(terms)]
    key = legend_html(terms) if legend else ""
    return f'{style_block(cats)}<div class="tm-text">{highlight_html(text, terms)}</div>{key}'
