"""Test data shared by several test packages (plain constants and functions, no fixtures)."""

from __future__ import annotations

from pathlib import Path

QUILL_TEXT = (
    "Marta Quill said on Monday that Iran's border drills were a dangerous provocation. "
    '"We will not accept threats from Tehran," Quill told reporters in the capital.'
)
"""An article of our own words whose speaker no bundled list knows: her statements have no
speaker country unless a user officials file names her."""

QUILL_OFFICIALS = '[[official]]\nnames = ["Marta Quill", "Quill"]\ncountry = "NOR"\n'
"""A user officials file that makes Marta Quill speak for Norway."""


def write_quill_officials(folder: Path) -> Path:
    """:data:`QUILL_OFFICIALS` written as ``officials.toml`` in ``folder``."""
    path = folder / "officials.toml"
    path.write_text(QUILL_OFFICIALS, encoding="utf-8")
    return path
