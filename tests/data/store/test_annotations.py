"""Annotations in the store: add, edit, delete under the writer lock; an ingest running at the
same time loses nothing and is lost by nothing; bad input is refused with the field named."""

from __future__ import annotations

import json
import threading
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tension.data.errors import StoreError
from tension.data.ingest import Document, ingest_documents
from tension.data.store import StoreReader, StoreWriter
from tension.data.store import annotations as notes
from tension.data.store.check import check_store
from tension.data.store.export import export
from tension.data.store.layout import ANNOTATIONS, read_manifest
from tension.data.store.queries import annotation_rows, summary
from tests.helpers import article_text


def _docs(start: int, n: int) -> list[Document]:
    return [
        Document(text=article_text(i), source=f"s{i}", published=date(2024, 1, 1 + i % 28))
        for i in range(start, start + n)
    ]


def test_add_edit_delete_round_trip(tmp_path: Path) -> None:
    root = tmp_path / "store"
    a = notes.add(root, notes.make("2024-03-01", "Ceasefire signed", "arm", "AZE"))
    b = notes.add(root, notes.make(date(2024, 2, 1), "Envoy recalled", "AZE", "IRN", directed=True))
    c = notes.add(root, notes.make("2024-01-15", "Elections everywhere"))
    assert [x.id for x in notes.read(root)] == [c.id, b.id, a.id]  # by date
    assert (a.scope, b.scope, c.scope) == ("ARM⇄AZE", "AZE→IRN", "all pairs")
    edited = notes.edit(root, notes.make("2024-03-02", "Ceasefire signed in Geneva", id=a.id))
    assert edited.created_at == a.created_at and edited.scope == "all pairs"
    stored = {x.id: x for x in notes.read(root)}
    assert stored[a.id].note == "Ceasefire signed in Geneva"
    assert stored[a.id].day == date(2024, 3, 2)
    gone = notes.delete(root, b.id)
    assert gone.note == "Envoy recalled"
    assert sorted(x.id for x in notes.read(root)) == sorted([a.id, c.id])
    with pytest.raises(notes.AnnotationError, match="not found"):
        notes.delete(root, b.id)
    with pytest.raises(notes.AnnotationError, match="not found"):
        notes.edit(root, notes.make("2024-01-01", "x", id=b.id))


@pytest.mark.parametrize(
    ("day", "note", "src", "tgt", "message"),
    [
        ("2024-02-30", "x", None, None, "date"),
        ("yesterday", "x", None, None, "date"),
        ("1850-01-01", "x", None, None, "outside"),
        ("2024-01-01", "   ", None, None, "empty"),
        ("2024-01-01", "\x00\n", None, None, "empty"),
        ("2024-01-01", "x" * 501, None, None, "at most"),
        ("2024-01-01", "x", "AZE", None, "both countries"),
        ("2024-01-01", "x", None, "AZE", "both countries"),
        ("2024-01-01", "x", "AZ", "IRN", "alpha-3"),
        ("2024-01-01", "x", "AZE", "I1N", "alpha-3"),
        ("2024-01-01", "x", "AZE", "aze", "two different"),
    ],
)
def test_bad_annotations_are_refused_naming_the_field(
    day: str, note: str, src: str | None, tgt: str | None, message: str
) -> None:
    with pytest.raises(notes.AnnotationError, match=message):
        notes.make(day, note, src, tgt)


def test_a_note_is_one_line_of_printable_text() -> None:
    item = notes.make("2024-01-01", "  Talks\n\tresumed \x1b[31m in  Vienna ")
    assert item.note == "Talks resumed [31m in Vienna"
    assert not notes.make("2024-01-01", "x", directed=True).directed  # no pair: no direction


def test_which_views_a_note_belongs_on() -> None:
    every = notes.make("2024-01-01", "all")
    both = notes.make("2024-01-01", "both", "AZE", "IRN")
    one = notes.make("2024-01-01", "one", "AZE", "IRN", directed=True)
    other = notes.make("2024-01-01", "other", "ARM", "AZE")
    items = [every, both, one, other]
    on_pair = notes.within(items, pair=("IRN", "AZE"))
    assert [x.note for x in on_pair] == ["all", "both", "one"]
    back = notes.within(items, pair=("IRN", "AZE"), directed=True)
    assert [x.note for x in back] == ["all", "both"]  # AZE→IRN's note is not IRN→AZE's
    assert notes.within(items, start=date(2024, 1, 2)) == []


def test_a_concurrent_ingest_and_annotations_lose_nothing(tmp_path: Path) -> None:
    root = tmp_path / "store"
    ingest_documents(root, _docs(0, 10))
    before = read_manifest(root).batches
    errors: list[BaseException] = []

    def ingest() -> None:
        try:
            for k in range(3):
                ingest_documents(root, _docs(10 + 10 * k, 10))
        except BaseException as exc:  # reported below
            errors.append(exc)

    worker = threading.Thread(target=ingest)
    worker.start()
    added = [notes.add(root, notes.make("2024-01-01", f"note {i}")) for i in range(25)]
    worker.join()
    assert not errors, errors
    stored = {x.id: x.note for x in notes.read(root)}
    assert stored == {x.id: x.note for x in added}
    after = read_manifest(root).batches
    assert set(before) < set(after) and len(after) == len(before) + 3
    assert summary(StoreReader(root)).articles == 40
    assert check_store(root).ok, "tension check must not call annotations.json foreign"


def test_two_writers_editing_at_once_keep_both_changes(tmp_path: Path) -> None:
    root = tmp_path / "store"
    errors: list[BaseException] = []

    def add_many(tag: str) -> None:
        try:
            for i in range(15):
                notes.add(root, notes.make("2024-01-01", f"{tag}{i}"))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=add_many, args=(t,)) for t in "ab"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(x.note for x in notes.read(root)) == sorted(
        f"{t}{i}" for t in "ab" for i in range(15)
    )


def test_a_change_waits_for_an_ingest_holding_the_lock(tmp_path: Path) -> None:
    root = tmp_path / "store"
    said: list[str] = []
    with StoreWriter(root):
        t = threading.Thread(
            target=lambda: notes.add(root, notes.make("2024-01-01", "x"), on_wait=said.append)
        )
        t.start()
        t.join(timeout=1.0)
        assert t.is_alive(), "the change must wait while another writer holds the lock"
        assert notes.read(root) == []
    t.join()
    assert [x.note for x in notes.read(root)] == ["x"]
    assert said and "writer lock" in said[0]


def test_a_garbled_file_is_named_and_not_overwritten(tmp_path: Path) -> None:
    root = tmp_path / "store"
    notes.add(root, notes.make("2024-01-01", "kept"))
    (root / ANNOTATIONS).write_text('{"store": "tension-dashboard", "annotations": [{"day": 1}]}')
    with pytest.raises(StoreError, match="annotations file is garbled"):
        notes.read(root)
    with pytest.raises(StoreError, match="garbled"):
        notes.add(root, notes.make("2024-01-02", "lost?"))
    doc = json.loads((root / ANNOTATIONS).read_text())
    assert doc["annotations"] == [{"day": 1}]  # left for the analyst, not replaced


def test_query_and_export_list_the_notes_of_the_view(tmp_path: Path) -> None:
    root = tmp_path / "store"
    ingest_documents(root, _docs(0, 5))
    notes.add(root, notes.make("2024-01-03", "=HYPERLINK(1) all"))
    notes.add(root, notes.make("2024-01-04", "one way", "AZE", "IRN", directed=True))
    notes.add(root, notes.make("2024-01-05", "other pair", "ARM", "AZE"))
    notes.add(root, notes.make("2023-12-01", "too early", "AZE", "IRN"))
    reader = StoreReader(root)
    frame = annotation_rows(reader, pair=("AZE", "IRN"), start=date(2024, 1, 1))
    assert frame["note"].tolist() == ["=HYPERLINK(1) all", "one way"]
    assert frame["scope"].tolist() == ["all pairs", "AZE→IRN"]
    back = export(reader, tmp_path / "out", pair="IRN>AZE", what=("annotations",))
    text = back["annotations"][0].read_text(encoding="utf-8")
    assert "'=HYPERLINK(1) all" in text and "too early" in text  # formula neutralised
    assert "one way" not in text and "other pair" not in text and back["annotations"][1] == 2
    every = export(reader, tmp_path / "all", fmt="parquet")
    assert every["annotations"][1] == 4


_ops = st.lists(
    st.tuples(st.sampled_from(["add", "delete"]), st.integers(0, 9), st.text(min_size=1)),
    max_size=12,
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=_ops)
def test_the_file_always_holds_what_was_added_and_not_deleted(
    tmp_path_factory: pytest.TempPathFactory, ops: list[tuple[str, int, str]]
) -> None:
    root = tmp_path_factory.mktemp("prop")
    model: dict[str, str] = {}
    for op, k, text in ops:
        if op == "add":
            try:
                item = notes.make(date(2024, 1, 1 + k), text)
            except notes.AnnotationError:
                continue  # an empty note after cleaning is refused, as tested above
            model[notes.add(root, item).id] = item.note
        elif model:
            ident = sorted(model)[k % len(model)]
            notes.delete(root, ident)
            del model[ident]
    assert {x.id: x.note for x in notes.read(root)} == model
