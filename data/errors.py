"""Named failures of the data layer. The CLI and the pages turn them into one-line messages."""

from __future__ import annotations


class DataError(Exception):
    """Base of every failure the data layer reports to a user."""


class StoreError(DataError):
    """The store folder cannot be used (unreadable, newer schema, not a store)."""


class SettingsError(DataError):
    """A setting has a value that cannot be used."""
