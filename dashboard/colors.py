"""Colours that stay the same for a country on every page and are safe for colour-blind readers.

The palette is Okabe & Ito's eight colours plus Paul Tol's "muted" set; a country keeps its
colour through a stable hash of its code, so AZE is the same blue on every page and every day.
"""

from __future__ import annotations

import hashlib

PALETTE: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#D55E00",  # vermillion
    "#56B4E9",  # sky blue
    "#882255",  # wine
    "#117733",  # green
    "#332288",  # indigo
    "#999933",  # olive
    "#AA4499",  # purple
    "#44AA99",  # teal
)
ARTICLE_COLOR = "#7F7F7F"
"""Article-level series (no direction) are grey in every theme."""


def country_color(code: str) -> str:
    """The colour of ``code`` (ISO alpha-3); stable across runs and pages."""
    digest = hashlib.blake2s(code.upper().encode(), digest_size=2).digest()
    return PALETTE[int.from_bytes(digest, "big") % len(PALETTE)]


def pair_colors(a: str, b: str) -> tuple[str, str]:
    """Colours for A and B that differ even when their hashes collide."""
    ca, cb = country_color(a), country_color(b)
    if ca == cb:
        cb = PALETTE[(PALETTE.index(ca) + 1) % len(PALETTE)]
    return ca, cb


def series_colors(keys: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """A distinct colour for each series (a direction ``(src, tgt)``) of one chart: each
    takes its speaker's country colour when free, else the next free palette colour, so
    overlaid pairs never share a colour (up to twelve series; past that colours repeat)."""
    out: dict[tuple[str, str], str] = {}
    used: set[str] = set()
    for key in keys:
        color = country_color(key[0])
        i = PALETTE.index(color)
        for step in range(len(PALETTE)):
            candidate = PALETTE[(i + step) % len(PALETTE)]
            if candidate not in used:
                color = candidate
                break
        out[key] = color
        used.add(color)
    return out


def with_alpha(color: str, alpha: float) -> str:
    """``#RRGGBB`` as an ``rgba()`` string (bands and highlights readable on both themes)."""
    value = color.lstrip("#")
    r, g, b = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r}, {g}, {b}, {alpha:g})"


CATEGORY_COLORS: dict[str, str] = {}


def category_color(category: str) -> str:
    """A stable colour for a lexicon category (for highlighted terms and legends)."""
    if category not in CATEGORY_COLORS:
        digest = hashlib.blake2s(category.lower().encode(), digest_size=2).digest()
        CATEGORY_COLORS[category] = PALETTE[int.from_bytes(digest, "big") % len(PALETTE)]
    return CATEGORY_COLORS[category]
