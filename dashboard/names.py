"""Country names beside ISO alpha-3 codes, for every label a person reads.

Names come from the scoring package's country table (pycountry plus the codes it lacks,
short common names), so the dashboard names a country as the scorer found it.
"""

from __future__ import annotations

from functools import cache

from tension.scoring.countries import country_name


@cache
def name(code: str) -> str:
    """The country's name (the code itself when unknown)."""
    return country_name(str(code))


def country(code: str) -> str:
    """``"Azerbaijan (AZE)"``; just the code when no name is known."""
    known = name(code)
    return f"{known} ({code})" if known != code else str(code)


def direction(src: str, tgt: str) -> str:
    """``"AZE→IRN (Azerbaijan → Iran)"``: codes first (short, sortable), names after."""
    return f"{src}→{tgt} ({name(src)} → {name(tgt)})"


def pair(code: str) -> str:
    """An undirected pair ``"AZE-IRN"`` as ``"AZE ⇄ IRN (Azerbaijan ⇄ Iran)"``."""
    a, _, b = code.partition("-")
    return f"{a} ⇄ {b} ({name(a)} ⇄ {name(b)})"
