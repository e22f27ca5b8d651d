"""TOML data files: the ones shipped in ``scoring/data/``, and errors that name a file's line.

Word lists, weights, speech verbs, officials and country names live in ``scoring/data/*.toml``,
not in code. Each shipped file is read and parsed once per process (``importlib.resources``,
so it works from a wheel). Scoring does no other file I/O: a user's file (a lexicon, extra
officials) arrives as text, and :func:`parse_toml` and :class:`Reporter` turn its problems
into one-line errors naming the file and line::

    my.toml line 12: weight must be a number, got 'high'

A malformed shipped file is a bug of the package and fails the same way
(:class:`DataFileError`).
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources
from typing import Any, Generic, TypeVar

__all__ = [
    "DataFileError",
    "Reporter",
    "data_text",
    "data_toml",
    "line_of",
    "parse_toml",
    "word_list",
    "words",
]

E = TypeVar("E", bound=ValueError)


class DataFileError(ValueError):
    """A data file shipped with the package is malformed (the message names file and line)."""


# -- locating a key's line for error messages ------------------------------------------------

_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")


def _unquote_path(path: str) -> str:
    return ".".join(p.strip().strip("\"'") for p in path.split("."))


def line_of(text: str, table: str, key: str | None = None) -> int | None:
    """1-based line of ``key`` inside ``[table]`` (or of the header when ``key`` is None);
    ``table`` ``""`` is the top level."""
    current = ""
    header_line: int | None = None
    pattern = (
        re.compile(
            r"^\s*(?:\""
            + re.escape(key)
            + r"\"|'"
            + re.escape(key)
            + r"'|"
            + re.escape(key)
            + r")\s*="
        )
        if key is not None
        else None
    )
    for number, line in enumerate(text.splitlines(), start=1):
        m = _HEADER.match(line)
        if m:
            current = _unquote_path(m.group(1))
            if current == table and header_line is None:
                header_line = number
            continue
        if pattern is not None and current == table and pattern.match(line):
            return number
    if key is not None and header_line is None:
        # a dotted key or inline table: fall back to the first line naming the key
        for number, line in enumerate(text.splitlines(), start=1):
            if f'"{key}"' in line or f"'{key}'" in line:
                return number
    return header_line


class Reporter(Generic[E]):
    """Builds the errors of one TOML text: ``<source> line <n>: <problem>``."""

    def __init__(self, text: str, source: str, error: type[E]) -> None:
        self.text = text
        self.source = source
        self._error = error

    def error(self, problem: str, table: str = "", key: str | None = None) -> E:
        """The error for ``problem`` at ``key`` of ``[table]`` (its header when ``key`` is
        None; no line when both are empty)."""
        line = line_of(self.text, table, key) if (table or key) else None
        where = f"{self.source} line {line}" if line else self.source
        return self._error(f"{where}: {problem}")


def parse_toml(text: str, source: str, error: type[E]) -> dict[str, Any]:
    """``tomllib.loads(text)``; a syntax error raises ``error`` naming ``source`` and line."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        m = re.search(r"\(at line (\d+), column (\d+)\)", message)
        if m:
            problem = message[: m.start()].strip()
            raise error(f"{source} line {m.group(1)}: {problem} (column {m.group(2)})") from None
        m = re.search(r"\(at end of document\)", message)
        line = len(text.splitlines()) or 1
        problem = message[: m.start()].strip() if m else message
        raise error(f"{source} line {line}: {problem}") from None


# -- the shipped files -------------------------------------------------------------------------


@cache
def data_text(name: str) -> str:
    """The text of ``scoring/data/<name>``, read once per process."""
    return resources.files("tension.scoring").joinpath("data", name).read_text("utf-8")


@cache
def data_toml(name: str) -> dict[str, Any]:
    """``scoring/data/<name>`` parsed, once per process (do not mutate the result)."""
    return parse_toml(data_text(name), f"scoring/data/{name}", DataFileError)


def word_list(doc: dict[str, Any], table: str, key: str, rep: Reporter[E]) -> tuple[str, ...]:
    """The list ``key`` of ``[table]`` (``""``: the top level) in the parsed TOML ``doc``, as a
    tuple of non-empty strings in file order; anything else raises ``rep``'s error."""
    section = doc.get(table) if table else doc
    value = section.get(key) if isinstance(section, dict) else None
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
        name = f"{table}.{key}" if table else key
        raise rep.error(f"{name} must be a list of words", table, key)
    return tuple(value)


def words(name: str, table: str, key: str) -> tuple[str, ...]:
    """:func:`word_list` of the shipped file ``name`` (raises :class:`DataFileError`)."""
    rep = Reporter(data_text(name), f"scoring/data/{name}", DataFileError)
    return word_list(data_toml(name), table, key, rep)
