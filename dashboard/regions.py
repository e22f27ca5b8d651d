"""UN M49 regions and sub-regions of countries, for filtering many pairs at once.

The grouping is a data file (``regions.toml``, by ISO alpha-3 code; see its header for the
few choices made), loaded once. A country the file does not list (a code the scorer gained
later) belongs to no region and is kept only when no region is chosen.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.resources import files

SEP = " · "
"""Between a region and its sub-region in a choice's label: ``"Asia · Western Asia"``."""


@cache
def _table() -> dict[str, dict[str, tuple[str, ...]]]:
    raw = files("tension.dashboard").joinpath("regions.toml").read_text(encoding="utf-8")
    return {
        region: {sub: tuple(codes) for sub, codes in subs.items()}
        for region, subs in tomllib.loads(raw).items()
    }


@cache
def _of() -> dict[str, tuple[str, str]]:
    return {
        code: (region, sub)
        for region, subs in _table().items()
        for sub, codes in subs.items()
        for code in codes
    }


def region_of(code: str) -> str | None:
    """The M49 region of ``code`` ("Asia"), None when unknown."""
    found = _of().get(str(code))
    return found[0] if found else None


def subregion_of(code: str) -> str | None:
    """The M49 sub-region of ``code`` ("Western Asia"), None when unknown."""
    found = _of().get(str(code))
    return found[1] if found else None


def choices() -> list[str]:
    """Every region, each followed by its sub-regions (``"Asia · Western Asia"``)."""
    out: list[str] = []
    for region, subs in _table().items():
        out.append(region)
        out += [f"{region}{SEP}{sub}" for sub in subs if sub != region]
    return out


def members(choice: str) -> frozenset[str]:
    """The codes of a choice of :func:`choices` (a region or ``"region · sub-region"``);
    empty for anything else."""
    region, _, sub = choice.partition(SEP)
    subs = _table().get(region, {})
    if sub:
        return frozenset(subs.get(sub, ()))
    return frozenset(c for codes in subs.values() for c in codes)
