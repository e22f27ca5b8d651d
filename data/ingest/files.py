"""Reading local files and folders into documents.

Supported here: ``.txt`` and ``.md`` (optional ``Key: value`` header lines — ``Title``,
``Date``, ``URL``, ``Outlet`` — before a blank line), ``.jsonl`` (one JSON object a line with
``text`` and optional ``title``, ``date``, ``url``, ``outlet``). Folders are walked
recursively in sorted order; files of other types in a folder are skipped, named ones are
rejected. Every failure becomes a :class:`Rejected` naming the file (and line) and the reason.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from data.ingest.documents import Document, Rejected
from data.ingest.normalise import parse_date

TEXT_SUFFIXES = {".txt", ".md"}
JSONL_SUFFIXES = {".jsonl"}
SUPPORTED = TEXT_SUFFIXES | JSONL_SUFFIXES
MAX_FILE_BYTES = 50 * 1024 * 1024
_HEADER_KEYS = {"title", "date", "url", "outlet"}


def decode(raw: bytes) -> str:
    """Bytes to text: BOMs honoured (UTF-8/16/32), else UTF-8, else cp1252.

    Raises ValueError for binary content (NUL bytes without a UTF-16/32 BOM).
    """
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if raw.startswith(bom):
            return raw.decode(enc)
    if b"\0" in raw[:8192]:
        raise ValueError("binary content, not text")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _read_text(path: Path) -> str:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ValueError(
            f"file is {size // 1_048_576} MB, over the {MAX_FILE_BYTES // 1_048_576} MB cap"
        )
    return decode(path.read_bytes())


def _text_document(path: Path, text: str) -> Document | Rejected:
    meta: dict[str, str] = {}
    lines = text.splitlines()
    body_start = 0
    for i, line in enumerate(lines):
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() in _HEADER_KEYS and value.strip():
            meta[key.strip().lower()] = value.strip()
            continue
        if meta and not line.strip():
            body_start = i + 1
        break
    body = "\n".join(lines[body_start:]) if meta else text
    if not body.strip():
        return Rejected(str(path), "empty: no text to score")
    try:
        published = parse_date(meta.get("date"))
    except ValueError as exc:
        return Rejected(str(path), f"header Date: {exc}")
    title = meta.get("title")
    if title is None and path.suffix == ".md":
        first = body.lstrip().splitlines()[0]
        if first.startswith("#"):
            title = first.lstrip("#").strip()
    return Document(
        text=body.strip(),
        source=str(path),
        title=title,
        published=published,
        url=meta.get("url"),
        outlet=meta.get("outlet"),
    )


def documents_from_records(
    records: Iterable[tuple[str, object]],
) -> Iterator[Document | Rejected]:
    """Documents from ``(where, record)`` pairs of JSON-like dicts (``text`` required)."""
    for where, record in records:
        if not isinstance(record, dict):
            yield Rejected(where, "expected a JSON object with a 'text' field")
            continue
        text = record.get("text")
        if not isinstance(text, str) or not text.strip():
            yield Rejected(where, "no 'text' field with text in it")
            continue
        try:
            published = parse_date(record.get("date"))
        except ValueError as exc:
            yield Rejected(where, f"field 'date': {exc}")
            continue
        yield Document(
            text=text.strip(),
            source=where,
            title=_opt(record.get("title")),
            published=published,
            url=_opt(record.get("url")),
            outlet=_opt(record.get("outlet")),
        )


def _opt(value: object) -> str | None:
    return None if value is None or value == "" else str(value)


def _jsonl_records(path: Path, text: str) -> Iterator[tuple[str, object]]:
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            yield where, json.loads(line)
        except json.JSONDecodeError as exc:
            yield where, _Malformed(f"malformed JSON ({exc.msg} at column {exc.colno})")


class _Malformed:
    def __init__(self, reason: str) -> None:
        self.reason = reason


def read_file(path: Path) -> Iterator[Document | Rejected]:
    """Documents from one file, or Rejected entries saying why not."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        yield Rejected(str(path), f"unsupported file type {suffix or '(none)'!r}")
        return
    try:
        text = _read_text(path)
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        yield Rejected(str(path), f"cannot read: {reason}")
        return
    if suffix in TEXT_SUFFIXES:
        yield _text_document(path, text)
        return
    records = list(_jsonl_records(path, text))
    if not records:
        yield Rejected(str(path), "empty: no JSON lines")
    for where, record in records:
        if isinstance(record, _Malformed):
            yield Rejected(where, record.reason)
        else:
            yield from documents_from_records([(where, record)])


def read_paths(paths: Iterable[Path | str]) -> Iterator[Document | Rejected]:
    """Documents from files and folders (recursive, sorted); missing paths are rejected."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix.lower() in SUPPORTED:
                    yield from read_file(child)
        elif path.exists():
            yield from read_file(path)
        else:
            yield Rejected(str(path), "no such file or folder")
