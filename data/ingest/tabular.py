"""Records from JSON, JSON lines and CSV: one document per record.

Fields (see docs/input-formats.md): ``text`` (required), ``title``, ``date``, ``url``,
``outlet``, ``speaker``, ``country``. A column map renames other names onto these
(``{"text": "body", "date": "published_at"}``, from ``--columns text=body,date=published_at``).
A bad record (malformed line, no text, a date that is not a date, a country that is none) is
refused with its line number; the rest of the file goes on. ``country`` may be a name or an
ISO 3166 alpha-2/alpha-3 code; the text's print layout is undone (see
:func:`tension.data.ingest.documents.clean_text`).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import date

from tension.data.ingest.dates import parse_date
from tension.data.ingest.documents import Document, Rejected, clean_text, parse_country

FIELDS = ("text", "title", "date", "url", "outlet", "speaker", "country")
ColumnMap = Mapping[str, str]


def parse_column_map(spec: str | None) -> dict[str, str]:
    """``"text=body,date=published_at"`` → ``{"text": "body", "date": "published_at"}``."""
    out: dict[str, str] = {}
    for part in (spec or "").split(","):
        if not part.strip():
            continue
        ours, sep, theirs = part.partition("=")
        ours, theirs = ours.strip().lower(), theirs.strip()
        if not sep or not theirs:
            raise ValueError(f"column map {part.strip()!r}: expected FIELD=COLUMN")
        if ours not in FIELDS:
            raise ValueError(f"column map: unknown field {ours!r} (known: {', '.join(FIELDS)})")
        out[ours] = theirs
    return out


class _Bad:
    __slots__ = ("reason",)

    def __init__(self, reason: str) -> None:
        self.reason = reason


def documents_from_records(
    records: Iterable[tuple[str, object]],
    *,
    columns: ColumnMap | None = None,
    default_date: date | None = None,
) -> Iterator[Document | Rejected]:
    """Documents from ``(where, record)`` pairs of JSON-like dicts (``text`` required)."""
    cols = {f: (columns or {}).get(f, f) for f in FIELDS}
    for where, record in records:
        if isinstance(record, _Bad):
            yield Rejected(where, record.reason)
            continue
        if not isinstance(record, dict):
            yield Rejected(where, "expected an object with a 'text' field")
            continue
        text = record.get(cols["text"])
        if not isinstance(text, str) or not text.strip():
            yield Rejected(where, f"no {cols['text']!r} field with text in it")
            continue
        try:
            published = parse_date(record.get(cols["date"])) or default_date
        except ValueError as exc:
            yield Rejected(where, f"field {cols['date']!r}: {exc}")
            continue
        try:
            country = parse_country(record.get(cols["country"]))
        except ValueError as exc:
            yield Rejected(where, f"field {cols['country']!r}: {exc}")
            continue
        yield Document(
            text=clean_text(text),
            source=where,
            title=_opt(record.get(cols["title"])),
            published=published,
            url=_opt(record.get(cols["url"])),
            outlet=_opt(record.get(cols["outlet"])),
            speaker=_opt(record.get(cols["speaker"])),
            country=country,
        )


def _opt(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def jsonl_records(name: str, text: str) -> Iterator[tuple[str, object]]:
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{name}:{n}"
        try:
            yield where, json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            msg = (
                f"{exc.msg} at column {exc.colno}"
                if isinstance(exc, json.JSONDecodeError)
                else "nested too deep"
            )
            yield where, _Bad(f"malformed JSON ({msg})")


def json_records(name: str, text: str) -> Iterator[tuple[str, object]]:
    """A JSON array of objects, one object, or an object with an ``articles`` array."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        yield name, _Bad(f"malformed JSON ({exc.msg} at line {exc.lineno} column {exc.colno})")
        return
    except RecursionError:
        yield name, _Bad("malformed JSON (nested too deep)")
        return
    if isinstance(doc, dict) and isinstance(doc.get("articles"), list):
        doc = doc["articles"]
    if isinstance(doc, list):
        for i, record in enumerate(doc):
            yield f"{name}[{i}]", record
    else:
        yield name, doc


def csv_records(name: str, text: str) -> Iterator[tuple[str, object]]:
    """Rows of a CSV file with a header line; the delimiter (``,`` ``;`` tab) is sniffed."""
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(
            text[:8192], delimiters=",;\t"
        )
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        return
    header = [h.strip().lstrip("\ufeff") for h in header]
    while True:
        where = f"{name}:{reader.line_num + 1}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield where, _Bad(f"malformed CSV ({exc})")
            continue
        where = f"{name}:{reader.line_num}"
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            n, m = len(row), len(header)
            yield where, _Bad(f"malformed CSV (row has {n} fields, header has {m})")
            continue
        yield where, dict(zip(header, row, strict=True))


csv.field_size_limit(64 * 1024 * 1024)
