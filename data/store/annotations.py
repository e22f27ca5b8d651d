"""Analysts' annotations: a note on a date ("ceasefire signed"), for every view or for one
pair (both ways, or one direction).

Where they live and why it is safe: one small file, ``annotations.json`` in the store's top
folder, holding every annotation. A change (add, edit, delete) takes the store's writer lock
(:class:`~tension.data.store.writer.StoreWriter`, the lock an ingest takes to publish), reads
the file, changes the list and replaces the file atomically (temporary file, fsync, rename,
fsync of the folder). So two analysts editing at once never lose each other's change (the
second waits for the lock and reads the first's file), an ingest publishing meanwhile is
neither blocked for long nor touched (batches and manifest are other files), and ``kill -9``
at any point leaves the previous file or the new one, never half of one. Readers never lock:
they see the last complete file.

Limits: the whole list is rewritten on each change, which is meant for the hundreds or few
thousands of notes people type, not for machine-generated events. A deleted note is gone
(there is no history of edits; ``updated_at`` says when it last changed).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path

from tension.data.errors import DataError, StoreError
from tension.data.store.layout import ANNOTATIONS, STORE_MARK, write_json_atomic

MAX_NOTE = 500
"""Longest note kept, in characters."""
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2100, 12, 31)
_CODE = re.compile(r"^[A-Z]{3}$")
_ID = re.compile(r"^[0-9a-f]{12}$")


class AnnotationError(DataError):
    """An annotation cannot be stored as given (bad date, codes, note) or is not there."""


@dataclass(frozen=True, slots=True)
class Annotation:
    """A note on ``day``. Without ``src`` it belongs to every view; with ``src`` and ``tgt``
    to that pair: what ``src`` says about ``tgt`` only when ``directed``, else both ways."""

    id: str
    day: date
    note: str
    src: str | None = None
    tgt: str | None = None
    directed: bool = False
    created_at: str = ""
    updated_at: str = ""

    @property
    def scope(self) -> str:
        """``"all pairs"``, ``"AZE→IRN"`` (one direction) or ``"AZE⇄IRN"`` (both ways)."""
        if self.src is None or self.tgt is None:
            return "all pairs"
        return f"{self.src}{'→' if self.directed else '⇄'}{self.tgt}"

    def concerns(self, a: str, b: str) -> bool:
        """True when the note belongs on a view of the pair A–B (either direction shown)."""
        if self.src is None or self.tgt is None:
            return True
        return {self.src, self.tgt} == {a, b}

    def concerns_direction(self, src: str, tgt: str) -> bool:
        """True when the note belongs on a view of what ``src`` says about ``tgt``."""
        if self.src is None or self.tgt is None:
            return True
        if self.directed:
            return (self.src, self.tgt) == (src, tgt)
        return {self.src, self.tgt} == {src, tgt}

    def to_json(self) -> dict[str, object]:
        body = asdict(self)
        body["day"] = self.day.isoformat()
        return body


def path(root: Path | str) -> Path:
    return Path(root).expanduser() / ANNOTATIONS


def _text(note: object) -> str:
    """The note as one line of printable text (new lines become spaces), at most
    :data:`MAX_NOTE` characters; refuses an empty one."""
    text = " ".join(
        "".join(ch if ch.isprintable() else " " for ch in str(note or "")).split()
    ).strip()
    if not text:
        raise AnnotationError("note: empty; say what happened (e.g. 'ceasefire signed')")
    if len(text) > MAX_NOTE:
        raise AnnotationError(f"note: {len(text)} characters, at most {MAX_NOTE} are kept")
    return text


def _day(value: object) -> date:
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError as exc:
            raise AnnotationError(f"date {value!r}: expected YYYY-MM-DD") from exc
    if not isinstance(value, date):
        raise AnnotationError(f"date {value!r}: expected YYYY-MM-DD")
    if not FIRST_DAY <= value <= LAST_DAY:
        raise AnnotationError(f"date {value}: outside {FIRST_DAY}..{LAST_DAY}")
    return value


def _codes(src: object, tgt: object) -> tuple[str | None, str | None]:
    a = str(src).strip().upper() if src else None
    b = str(tgt).strip().upper() if tgt else None
    if (a is None) != (b is None):
        raise AnnotationError("pair: give both countries, or neither (a note for every pair)")
    for code in (a, b):
        if code is not None and not _CODE.match(code):
            raise AnnotationError(f"country {code!r}: expected an ISO alpha-3 code such as AZE")
    if a is not None and a == b:
        raise AnnotationError(f"pair {a}-{b}: a pair needs two different countries")
    return a, b


def make(
    day: object,
    note: object,
    src: object = None,
    tgt: object = None,
    *,
    directed: bool = False,
    id: str | None = None,
) -> Annotation:
    """A validated annotation (a new id unless ``id``); raises :class:`AnnotationError`
    naming the field and the reason. A note for every pair is never ``directed``."""
    a, b = _codes(src, tgt)
    return Annotation(
        id=id or os.urandom(6).hex(),
        day=_day(day),
        note=_text(note),
        src=a,
        tgt=b,
        directed=bool(directed) and a is not None,
    )


def read(root: Path | str) -> list[Annotation]:
    """Every annotation of the store at ``root``, by date then creation; none when the store
    has no file yet. Raises :class:`StoreError` when the file is unreadable or garbled."""
    file = path(root)
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise StoreError(f"{file}: cannot read the annotations ({exc.strerror})") from exc
    try:
        doc = json.loads(raw)
        if doc.get("store") != STORE_MARK:
            raise TypeError("not written by tension-dashboard")
        out = [
            replace(
                make(
                    e["day"],
                    e["note"],
                    e.get("src"),
                    e.get("tgt"),
                    directed=bool(e.get("directed")),
                    id=str(e["id"]),
                ),
                created_at=str(e.get("created_at", "")),
                updated_at=str(e.get("updated_at", "")),
            )
            for e in doc["annotations"]
        ]
    except (ValueError, KeyError, TypeError, AttributeError, AnnotationError) as exc:
        raise StoreError(f"{file}: the annotations file is garbled ({exc})") from exc
    return sorted(out, key=lambda x: (x.day, x.created_at, x.id))


def _write(root: Path, items: Iterable[Annotation]) -> None:
    body = {
        "store": STORE_MARK,
        "annotations": [
            x.to_json() for x in sorted(items, key=lambda x: (x.day, x.created_at, x.id))
        ],
    }
    write_json_atomic(path(root), body)


def _change(
    root: Path | str,
    change: Callable[[list[Annotation]], list[Annotation]],
    on_wait: Callable[[str], None] | None,
) -> list[Annotation]:
    from tension.data.store.writer import StoreWriter

    with StoreWriter(root, on_wait=on_wait) as writer:
        items = change(read(writer.root))
        _write(writer.root, items)
    return items


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def add(
    root: Path | str, item: Annotation, *, on_wait: Callable[[str], None] | None = None
) -> Annotation:
    """Store ``item`` (from :func:`make`) under the writer lock; return it as stored."""
    stamp = _now()
    stored = replace(item, created_at=stamp, updated_at=stamp)

    def change(items: list[Annotation]) -> list[Annotation]:
        if any(x.id == stored.id for x in items):
            raise AnnotationError(f"annotation {stored.id}: already stored")
        return [*items, stored]

    _change(root, change, on_wait)
    return stored


def edit(
    root: Path | str, item: Annotation, *, on_wait: Callable[[str], None] | None = None
) -> Annotation:
    """Replace the annotation with ``item.id`` by ``item`` (its creation time kept); raises
    :class:`AnnotationError` when no annotation has that id."""
    out: list[Annotation] = []

    def change(items: list[Annotation]) -> list[Annotation]:
        old = next((x for x in items if x.id == item.id), None)
        if old is None:
            raise AnnotationError(f"annotation {item.id!r}: not found (deleted meanwhile?)")
        new = replace(item, created_at=old.created_at, updated_at=_now())
        out.append(new)
        return [new if x.id == item.id else x for x in items]

    _change(root, change, on_wait)
    return out[0]


def delete(
    root: Path | str, ident: str, *, on_wait: Callable[[str], None] | None = None
) -> Annotation:
    """Delete the annotation ``ident``; return it. Raises :class:`AnnotationError` when no
    annotation has that id."""
    if not _ID.match(str(ident)):
        raise AnnotationError(f"annotation {ident!r}: not an annotation id (12 hex digits)")
    gone: list[Annotation] = []

    def change(items: list[Annotation]) -> list[Annotation]:
        gone.extend(x for x in items if x.id == ident)
        if not gone:
            raise AnnotationError(f"annotation {ident!r}: not found")
        return [x for x in items if x.id != ident]

    _change(root, change, on_wait)
    return gone[0]


def within(
    items: Iterable[Annotation],
    *,
    pair: tuple[str, str] | None = None,
    directed: bool = False,
    start: date | None = None,
    end: date | None = None,
) -> list[Annotation]:
    """The annotations that belong on a view of ``pair`` (A–B both ways, or A→B when
    ``directed``; every annotation when None) between ``start`` and ``end`` (inclusive)."""
    out = []
    for x in items:
        if (start is not None and x.day < start) or (end is not None and x.day > end):
            continue
        if pair is not None:
            ok = x.concerns_direction(*pair) if directed else x.concerns(*pair)
            if not ok:
                continue
        out.append(x)
    return out
