"""Smaller hostile inputs (issue 13, item 8), each a reproduction that failed before: broken
UTF-8 turned into cp1251 mojibake or was refused, NUL bytes past the first 8 KB and
``\\u0000`` in JSON were stored, file names and HTTP reasons with control characters were
printed raw to the terminal, a symbolic link loop was "no such file or folder", and exported
CSV cells could run as spreadsheet formulas."""

from __future__ import annotations

import csv
import http.server
import io
import json
import random
import threading
from pathlib import Path

import pandas as pd
import pytest

from tension.data.ingest import Document, Rejected, ingest_documents, read_bytes, read_paths
from tension.data.store import StoreReader
from tension.data.store.export import csv_bytes, export
from tests.helpers import article_text, run_tension

RUSSIAN = "Министр иностранных дел заявил, что переговоры продолжатся на следующей неделе. "


def test_broken_utf8_stays_utf8_with_replacement_and_a_note() -> None:
    raw = (RUSSIAN * 4).encode() + b"\xff\xfe" + article_text(1).encode()
    (doc,) = list(read_bytes("ru.txt", raw))
    assert isinstance(doc, Document)
    assert doc.text.startswith(RUSSIAN.strip()) and "\ufffd\ufffd" in doc.text
    assert doc.notes == ("not valid UTF-8: 2 broken bytes replaced by \ufffd",)


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ((RUSSIAN * 3).encode("cp1251"), RUSSIAN.strip()),  # a clean legacy code page
        ("Le ministre a déclaré: « café, crème ». ".encode("cp1252") * 3, "déclaré"),
    ],
)
def test_a_confident_legacy_code_page_is_read_without_a_note(raw: bytes, text: str) -> None:
    (doc,) = list(read_bytes("a.txt", raw))
    assert isinstance(doc, Document) and text in doc.text and doc.notes == ()


def test_bytes_that_are_no_text_at_all_are_refused() -> None:
    rng = random.Random(3)
    raw = bytes(rng.randrange(128, 256) for _ in range(4000))
    (item,) = list(read_bytes("noise.txt", raw))
    assert isinstance(item, Rejected) and "binary content" in item.reason


def test_nul_bytes_anywhere_and_json_u0000_are_taken_out(tmp_path: Path) -> None:
    deep = tmp_path / "deep.txt"
    filler = b"Filler line of the report. " * 400  # past the first 8 KB
    deep.write_bytes(filler + b"\0\0" + article_text(2).encode() + b"\0")
    record = {"text": article_text(3) + "\u0000 tail", "title": "Ti\u0000tle"}
    (tmp_path / "a.json").write_text(json.dumps(record), encoding="utf-8")
    report = ingest_documents(tmp_path / "store", read_paths([deep, tmp_path / "a.json"]))
    assert report.new == 2
    rows = StoreReader(tmp_path / "store").rows("SELECT text, title FROM articles")
    assert all("\x00" not in (t or "") + (title or "") for t, title in rows)
    assert ("Title",) in {(title,) for _, title in rows}
    assert sorted(n.message for n in report.notes) == [
        "NUL characters removed from its text",
        "NUL characters removed from its text, title",
    ]


def test_symbolic_link_loops_and_dead_links_are_named(tmp_path: Path) -> None:
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "dead.txt").symlink_to(tmp_path / "nowhere.txt")
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "self.txt").symlink_to(folder / "self.txt")
    items = list(read_paths([tmp_path / "loop.txt", tmp_path / "dead.txt", folder, "gone.txt"]))
    reasons = [i.reason for i in items if isinstance(i, Rejected)]
    assert reasons == [
        "a symbolic link loop (the link leads back to itself)",
        f"a symbolic link to nothing ({tmp_path / 'nowhere.txt'} does not exist)",
        "a symbolic link loop (the link leads back to itself)",
        "no such file or folder",
    ]


def test_control_characters_in_file_names_are_escaped(tmp_path: Path) -> None:
    evil = tmp_path / "evil\x1b[31mred\u202etxt.exe.txt"
    evil.write_bytes(b"")
    done = run_tension(
        "ingest", str(evil), str(tmp_path / "bell\x07.txt"), "--db", str(tmp_path / "store")
    )
    assert "\x1b" not in done.stderr and "\u202e" not in done.stderr and "\x07" not in done.stderr
    assert "evil\\x1b[31mred\\u202etxt.exe.txt: empty file" in done.stderr
    assert "bell\\x07.txt: no such file or folder" in done.stderr


def test_a_server_reason_with_escape_sequences_is_printed_escaped(tmp_path: Path) -> None:
    class Evil(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.wfile.write(
                b"HTTP/1.1 503 Busy\x1b]0;owned\x07\x1b[2J\r\nContent-Length: 0\r\n\r\n"
            )

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.HTTPServer(("127.0.0.1", 0), Evil)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/"
        done = run_tension("ingest", url, "--allow-private", "--db", str(tmp_path / "s"))
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert "\x1b" not in done.stderr and "\x07" not in done.stderr
    assert "HTTP 503 Busy\\x1b]0;owned\\x07\\x1b[2J" in done.stderr


def test_exported_csv_cells_never_run_as_formulas(tmp_path: Path) -> None:
    doc = Document(
        text=article_text(4), source="=cmd|' /C calc'!A0", title='=HYPERLINK("http://x.example")'
    )
    store = tmp_path / "store"
    ingest_documents(store, [doc])
    written = export(StoreReader(store), tmp_path / "out", what=("articles",))
    rows = list(csv.DictReader(io.StringIO(written["articles"][0].read_text(encoding="utf-8"))))
    assert rows[0]["title"] == '\'=HYPERLINK("http://x.example")'
    assert rows[0]["source"] == "'=cmd|' /C calc'!A0"
    frame = pd.DataFrame({"t": ["+1", "-x", "@SUM(A1)", "\tq", "plain", None], "n": [-1.5] * 6})
    out = list(csv.reader(io.StringIO(csv_bytes(frame).decode())))
    assert [r[0] for r in out[1:]] == ["'+1", "'-x", "'@SUM(A1)", "'\tq", "plain", ""]
    assert {r[1] for r in out[1:]} == {"-1.5"}  # numbers are numbers


def test_a_lexicon_that_is_not_utf8_is_a_one_line_cli_error(tmp_path: Path) -> None:
    lexicon = tmp_path / "latin1.toml"
    lexicon.write_bytes('[terms.threat]\n"menacé" = 20\n'.encode("latin-1"))
    done = run_tension("score", "--lexicon", str(lexicon), "We warned them.")
    assert done.returncode == 1
    assert done.stderr.strip() == f"Error: {lexicon}: the lexicon file is not UTF-8 text"
