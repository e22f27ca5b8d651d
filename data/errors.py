"""Named failures of the data layer. The CLI and the pages turn them into one-line messages."""

from __future__ import annotations


class DataError(Exception):
    """Base of every failure the data layer reports to a user."""


class StoreError(DataError):
    """The store folder cannot be used (unreadable, newer schema, not a store)."""


class SourceError(DataError):
    """One input could not be read or parsed; the message names the input and the reason."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class SettingsError(DataError):
    """A setting has a value that cannot be used."""
