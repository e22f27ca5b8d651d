"""Reading files, folders and uploaded bytes into documents.

Supported (dispatch on the name's suffix, case-insensitive; see docs/input-formats.md):
``.txt`` and ``.md`` (optional ``Key: value`` header lines — ``Title``, ``Date``, ``URL``,
``Outlet``, ``Speaker``, ``Country`` — before a blank line; a ``.txt`` named in the UN General
Debate layout, ``AZE_75_2020.txt``, is that country's speech of that year, see
:mod:`tension.data.ingest.ungd`), ``.pdf`` (the text layer, see
:mod:`tension.data.ingest.pdf`), ``.html``/``.htm`` (main text and metadata by trafilatura),
``.json``, ``.jsonl`` and ``.csv`` (records with ``text`` and optional fields), and any of
these compressed as ``.gz``, ``.bz2`` or ``.xz``. Texts from files, PDFs, records and pasted
text have their print layout undone (:func:`tension.data.ingest.documents.clean_text`).
Folders are walked recursively in sorted order; files of other types inside a folder are
skipped, named ones are refused. Every failure becomes a :class:`Rejected` naming the file
(and line).
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path, PurePath

from tension.data.ingest.dates import date_in_text, parse_date
from tension.data.ingest.decode import COMPRESSED, MAX_TEXT_BYTES, decode_text, decompress
from tension.data.ingest.documents import Document, Rejected, clean_text, parse_country
from tension.data.ingest.html import html_document
from tension.data.ingest.pdf import pdf_document
from tension.data.ingest.tabular import (
    ColumnMap,
    csv_records,
    documents_from_records,
    json_records,
    jsonl_records,
)
from tension.data.ingest.ungd import debate_speech

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
RECORD_SUFFIXES = {".json", ".jsonl", ".csv"}
PDF_SUFFIXES = {".pdf"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES | PDF_SUFFIXES
MAX_FILE_BYTES = MAX_TEXT_BYTES
_HEADER_KEYS = {"title", "date", "url", "outlet", "speaker", "country"}


def _suffixes(name: str) -> tuple[str, str | None]:
    """(format suffix, compression suffix or None): ``a.csv.gz`` → (``.csv``, ``.gz``)."""
    pure = PurePath(name)
    suffix = pure.suffix.lower()
    if suffix in COMPRESSED:
        return PurePath(pure.stem).suffix.lower(), suffix
    return suffix, None


def is_supported(name: str) -> bool:
    return _suffixes(name)[0] in SUPPORTED


_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
"""The characters that end a line for ``str.splitlines``."""
_LINE = re.compile(f"[^{_BREAKS}]*(?:\r\n|[{_BREAKS}]|\\Z)")


def _text_document(name: str, text: str, default_date: date | None) -> Document | Rejected:
    meta: dict[str, str] = {}
    body_start = 0
    for m in _LINE.finditer(text):  # the header lines only: a big file is not split up
        if not m.group():
            break  # the end of the text (splitlines has no empty last line)
        line = m.group().rstrip(_BREAKS)
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() in _HEADER_KEYS and value.strip():
            meta[key.strip().lower()] = value.strip()
            continue
        if meta and not line.strip():
            body_start = m.end()
        break
    # "\n".join(text.splitlines()[first body line:]), without copying the whole text
    body = clean_text(text, body_start, join_lines=True) if meta else clean_text(text)
    if not body:
        return Rejected(name, "empty: no text to score")
    try:
        published = parse_date(meta.get("date"))
    except ValueError as exc:
        return Rejected(name, f"header Date: {exc}")
    try:
        country = parse_country(meta.get("country"))
    except ValueError as exc:
        return Rejected(name, f"header Country: {exc}")
    title = meta.get("title")
    if title is None and name.lower().endswith((".md", ".md.gz", ".md.bz2", ".md.xz")):
        first = _LINE.match(body).group().rstrip(_BREAKS)  # type: ignore[union-attr]
        if first.startswith("#"):
            title = first.lstrip("#").strip()
    speaker = meta.get("speaker")
    debate = debate_speech(name)
    if debate is not None:  # UN General Debate layout: the file name says who and when
        country = country or debate.country
        speaker = speaker or debate.speaker
        published = published or debate.published
    return Document(
        text=body,
        source=name,
        title=title,
        published=published or date_in_text(body) or default_date,
        url=meta.get("url"),
        outlet=meta.get("outlet"),
        speaker=speaker,
        country=country,
    )


def read_bytes(
    name: str,
    raw: bytes,
    *,
    columns: ColumnMap | None = None,
    default_date: date | None = None,
) -> Iterator[Document | Rejected]:
    """Documents from the content of one file called ``name`` (its suffix picks the format)."""
    suffix, compression = _suffixes(name)
    if suffix not in SUPPORTED:
        yield Rejected(name, f"unsupported file type {PurePath(name).suffix.lower() or '(none)'!r}")
        return
    if compression:
        try:
            raw = decompress(compression, raw)
        except ValueError as exc:
            yield Rejected(name, str(exc))
            return
    if not raw.strip():
        yield Rejected(name, "empty file")
        return
    if suffix in HTML_SUFFIXES:
        yield html_document(raw, name, default_date=default_date)
        return
    if suffix in PDF_SUFFIXES:
        yield pdf_document(raw, name, default_date=default_date)
        return
    try:
        text, note = decode_text(raw)
    except ValueError as exc:
        yield Rejected(name, f"cannot read: {exc}")
        return
    del raw  # the bytes are not needed once decoded (a big file holds both otherwise)
    if not text or text.isspace():
        yield Rejected(name, "empty file")
        return
    if suffix in TEXT_SUFFIXES:
        doc = _noted(_text_document(name, text, default_date), note)
        del text  # the document holds its own copy; do not keep both while suspended
        yield doc
        return
    reader = {".json": json_records, ".jsonl": jsonl_records, ".csv": csv_records}[suffix]
    records = list(reader(name, text))
    if not records:
        yield Rejected(name, "empty: no records")
        return
    for item in documents_from_records(records, columns=columns, default_date=default_date):
        yield _noted(item, note)


def _noted(item: Document | Rejected, note: str | None) -> Document | Rejected:
    """``item`` with the file's decoding ``note`` (when there is one) among its notes."""
    if note is None or not isinstance(item, Document):
        return item
    return replace(item, notes=(*item.notes, note))


def read_file(
    path: Path, *, columns: ColumnMap | None = None, default_date: date | None = None
) -> Iterator[Document | Rejected]:
    """Documents from one file, or Rejected entries saying why not."""
    name = str(path)
    if not is_supported(name):
        yield Rejected(name, f"unsupported file type {path.suffix.lower() or '(none)'!r}")
        return
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            yield Rejected(
                name, f"file is {size // 1_048_576} MB, over the {MAX_FILE_BYTES >> 20} MB cap"
            )
            return
        raw = path.read_bytes()
    except OSError as exc:
        yield Rejected(name, f"cannot read: {exc.strerror or exc}")
        return
    items = read_bytes(name, raw, columns=columns, default_date=default_date)
    del raw  # read_bytes lets go of the bytes once they are decoded
    yield from items


def read_paths(
    paths: Iterable[Path | str],
    *,
    columns: ColumnMap | None = None,
    default_date: date | None = None,
) -> Iterator[Document | Rejected]:
    """Documents from files and folders (recursive, sorted); missing paths are refused, and
    so are symbolic links that loop or lead nowhere (named as such)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if not is_supported(child.name):
                    continue
                if child.is_file():
                    yield from read_file(child, columns=columns, default_date=default_date)
                elif child.is_symlink():
                    yield Rejected(str(child), _unreachable(child))
        elif path.exists():
            yield from read_file(path, columns=columns, default_date=default_date)
        else:
            yield Rejected(str(path), _unreachable(path))


def _unreachable(path: Path) -> str:
    """Why ``path`` cannot be opened: a symbolic link loop, a link to nothing, or missing."""
    try:
        path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link loop (the link leads back to itself)"
        if path.is_symlink():
            return f"a symbolic link to nothing ({os.readlink(path)} does not exist)"
        if exc.errno != errno.ENOENT:
            return f"cannot read: {exc.strerror or exc}"
    return "no such file or folder"


def read_upload(name: str, raw: bytes) -> Iterator[Document | Rejected]:
    """Documents from an uploaded file (the dashboard's "Add data" page): same formats as
    files, chosen by the suffix of ``name``; sources are reported under ``name``."""
    yield from read_bytes(PurePath(name).name or "upload", raw)


def read_text_input(
    text: str,
    *,
    title: str | None = None,
    date: date | None = None,
    speaker: str | None = None,
    country: str | None = None,
) -> Iterator[Document | Rejected]:
    """One document from pasted text; empty text is refused. ``speaker`` and ``country``
    (an ISO alpha-3 code) say whose statement it is, as for a file."""
    if not text.strip():
        yield Rejected("pasted text", "empty: no text to score")
        return
    yield Document(
        text=clean_text(text),
        source="pasted text",
        title=title or None,
        published=date or date_in_text(text),
        speaker=speaker or None,
        country=country or None,
    )
