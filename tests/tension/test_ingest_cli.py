"""``tension ingest``, ``watch``, ``rescore``, ``extract`` and ``export`` as a user runs them,
and the ``officials`` setting on every command that attributes statements."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from tension.cli import cli
from tension.data.store import StoreReader
from tests.helpers import QUILL_TEXT, write_quill_officials

TEXT = (
    "The foreign ministry of Azerbaijan warned Iran on Monday over border drills. "
    '"We will respond to any provocation," the spokesman said. '
    "Officials in Tehran called the remarks unhelpful and urged calm."
)


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(f"Date: 2024-03-01\n\n{TEXT}")
    quoted = TEXT.replace('"', '""')
    (folder / "b.csv").write_text(f'body,published_at\n"{quoted} Second copy.",2024-03-02\n')
    (folder / "empty.txt").write_text("")
    return folder


def test_ingest_reports_counts_and_reasons_and_exits_zero(inputs: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "db")
    code, out = _run("ingest", str(inputs), "--db", db, "--columns", "text=body,date=published_at")
    assert code == 0, out
    assert f"quarantined: {inputs / 'empty.txt'}: empty file" in out
    assert StoreReader(db).scalar("SELECT count(*) FROM articles") == 2
    code, out = _run("ingest", str(inputs), "--db", db, "--columns", "text=body")
    assert code == 0  # all duplicates: nothing new, nothing failed
    code, out = _run("ingest", str(inputs), "--db", db, "--strict")
    assert code == 1


def test_ingest_exits_non_zero_only_when_nothing_could_be_ingested(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{nope")
    code, out = _run("ingest", str(bad), "--db", str(tmp_path / "db"))
    assert code == 1
    assert "malformed JSON" in out


def test_ingest_option_errors_are_one_line(tmp_path: Path) -> None:
    code, out = _run("ingest", "x.txt", "--columns", "wat=body")
    assert code == 2 and "Invalid value for '--columns': column map: unknown field 'wat'" in out
    code, out = _run("ingest", "x.txt", "--date", "someday")
    assert code == 2 and "not a date: 'someday'" in out
    code, out = _run("ingest")
    assert code == 2 and "nothing to ingest" in out


def test_ingest_date_option_dates_undated_inputs(tmp_path: Path) -> None:
    src = tmp_path / "u.txt"
    src.write_text(TEXT)
    db = str(tmp_path / "db")
    code, out = _run("ingest", str(src), "--db", db, "--date", "31 December 2023")
    assert code == 0, out
    assert str(StoreReader(db).scalar("SELECT published::VARCHAR FROM articles")) == "2023-12-31"


@pytest.fixture
def site() -> Iterator[str]:
    pages = {
        "/rss": (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
            "<item><title>One</title><link>{base}/one</link></item></channel></rss>"
        ),
        "/one": f"<html><head><title>One</title></head><body><article><p>{TEXT}</p>"
        "</article></body></html>",
        "/rss-quill": (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
            "<item><title>Quill</title><link>{base}/quill</link></item></channel></rss>"
        ),
        "/quill": f"<html><head><title>Quill</title></head><body><article><p>{QUILL_TEXT}"
        "</p></article></body></html>",
    }

    class H(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = pages.get(self.path)
            if body is None:
                self.send_error(404)
                return
            data = body.replace("{base}", base).encode()
            self.send_response(200)
            kind = "text/xml" if self.path.startswith("/rss") else "text/html"
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *a: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield base
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_urls_feeds_and_watch(site: str, tmp_path: Path) -> None:
    db = str(tmp_path / "db")
    code, out = _run("ingest", f"{site}/one", "--db", db)
    assert code == 1 and "private or local address" in out and "--allow-private" in out
    code, out = _run("ingest", f"{site}/one", "--db", db, "--allow-private")
    assert code == 0, out
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{site}/rss\n")
    code, out = _run("watch", "--feeds", str(feeds), "--db", db, "--allow-private", "--rounds", "1")
    assert code == 0 and "new 0 · duplicate 0" in out  # the page is already stored
    code, out = _run("ingest", "--feed", f"{site}/rss", "--db", db, "--allow-private")
    assert code == 0 and "Nothing new to ingest" in out


def test_rescore_and_export(inputs: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "db")
    _run("ingest", str(inputs / "a.txt"), "--db", db)
    lexicon = tmp_path / "my.toml"
    lexicon.write_text('[terms.threat]\n"provocation*" = 40\n')
    code, out = _run("rescore", "--db", db, "--lexicon", str(lexicon))
    assert code == 0 and "Rescored 1 articles" in out, out
    code, out = _run("rescore", "--db", db, "--lexicon", str(lexicon))
    assert "Rescored 0 articles" in out and "1 batches already up to date" in out
    code, out = _run("export", str(tmp_path / "out"), "--db", db, "--pair", "AZE-IRN")
    assert code == 0, out
    assert "articles: 1 rows" in out and (tmp_path / "out" / "series.csv").exists()
    code, out = _run("export", str(tmp_path / "out"), "--db", db, "--pair", "Azerbaijan")
    assert code == 1 and "Error: pair 'Azerbaijan': expected two ISO alpha-3 codes" in out


QUILL = "SELECT DISTINCT speaker_country AS c FROM statements WHERE speaker LIKE '%Quill%'"


def _quill(db: Path) -> list[str | None]:
    """The speaker countries of Marta Quill's stored statements."""
    return [None if c is None else str(c) for c in StoreReader(db).df(QUILL)["c"].tolist()]


@pytest.mark.parametrize("how", ["option", "env"])
def test_every_command_that_attributes_uses_the_officials_setting(
    how: str, site: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    officials = write_quill_officials(tmp_path)
    option = ["--officials", str(officials)] if how == "option" else []

    def use_officials(on: bool) -> None:
        if how == "env" and on:
            monkeypatch.setenv("TENSION_OFFICIALS", str(officials))
        else:
            monkeypatch.delenv("TENSION_OFFICIALS", raising=False)

    quill = tmp_path / "quill.txt"
    quill.write_text(QUILL_TEXT)
    use_officials(True)
    code, out = _run("ingest", str(quill), "--db", str(tmp_path / "a"), *option)
    assert code == 0 and _quill(tmp_path / "a") == ["NOR"], out
    feed = ["--feed", f"{site}/rss-quill", "--allow-private", "--rounds", "1"]
    code, out = _run("watch", *feed, "--db", str(tmp_path / "w"), *option)
    assert code == 0 and _quill(tmp_path / "w") == ["NOR"], out
    code, out = _run("extract", str(quill), *option)
    assert code == 0 and "Marta Quill (NOR -> IRN)" in out, out

    use_officials(False)
    code, out = _run("rescore", "--db", str(tmp_path / "a"))
    assert code == 0 and "Rescored 1 articles" in out, out
    assert _quill(tmp_path / "a") == [None]
    code, out = _run("extract", str(quill))
    assert "Marta Quill (? -> IRN)" in out, out
    use_officials(True)
    code, out = _run("rescore", "--db", str(tmp_path / "a"), *option)
    assert code == 0 and "Rescored 1 articles" in out, out
    assert _quill(tmp_path / "a") == ["NOR"]


@pytest.mark.parametrize(
    "command",
    [["ingest", "x.txt"], ["watch", "--feed", "http://127.0.0.1:9/rss"], ["rescore"], ["demo"],
     ["extract", "-"]],
    ids=lambda c: c[0],
)  # fmt: skip
def test_a_bad_officials_file_is_a_one_line_error_before_any_work(
    command: list[str], tmp_path: Path
) -> None:
    bad = tmp_path / "officials.toml"
    bad.write_text('[[official]]\nnames = ["Quill"]\ncountry = "Norway"\n', encoding="utf-8")
    db = tmp_path / "db"
    store = [] if command[0] == "extract" else ["--db", str(db)]
    code, out = _run(*command, *store, "--officials", str(bad))
    assert code == 1
    assert out.strip() == (
        f"Error: {bad} line 3: official #1: 'country' 'Norway' is not an ISO 3166 alpha-3 code "
        '(such as IRN or AZE; "" for an international body)'
    )
    assert not (db / "manifest.json").exists()
    code, out = _run(*command, *store, "--officials", str(tmp_path / "missing.toml"))
    assert code == 1 and out.strip().startswith(
        f"Error: {tmp_path / 'missing.toml'}: cannot read the officials file"
    ), out


PRESS_RELEASE = (
    '{"text": "We condemn the shelling of our villages by the occupying forces. Armenia must '
    'withdraw its troops from our territory. We are ready for dialogue.", "date": "2020-10-01", '
    '"speaker": "Ministry of Foreign Affairs", "country": "AZE"}\n'
)


def test_a_press_release_with_its_speaker_is_that_speakers_statement(tmp_path: Path) -> None:
    source = tmp_path / "statements.jsonl"
    source.write_text(PRESS_RELEASE)
    db = str(tmp_path / "db")
    code, out = _run("ingest", str(source), "--db", db)
    assert code == 0, out
    rows = StoreReader(db).df(
        "SELECT kind, speaker, speaker_country, target_countries FROM statements ORDER BY idx"
    )
    assert len(rows) == 3
    for row in rows.itertuples():
        assert (row.kind, row.speaker, row.speaker_country, list(row.target_countries)) == (
            "document",
            "Ministry of Foreign Affairs",
            "AZE",
            ["ARM"],
        )


def test_speaker_and_country_options_apply_to_files_and_folders(tmp_path: Path) -> None:
    folder = tmp_path / "speeches"
    folder.mkdir()
    (folder / "a.txt").write_text("We will never accept the occupation of our land by Armenia.")
    (folder / "b.txt").write_text("Country: Armenia\n\nAzerbaijan must stop its threats.")
    db = str(tmp_path / "db")
    code, out = _run(
        "ingest", str(folder), "--db", db, "--speaker", "Government of Azerbaijan",
        "--country", "Azerbaijan",
    )  # fmt: skip
    assert code == 0, out
    rows = StoreReader(db).df(
        "SELECT s.speaker, s.speaker_country, s.kind, a.source FROM statements s "
        "JOIN articles a USING (article_id) ORDER BY a.source"
    )
    assert rows[["speaker", "speaker_country", "kind"]].values.tolist() == [
        ["Government of Azerbaijan", "AZE", "document"],
        ["Government of Azerbaijan", "ARM", "document"],  # the file's own country wins
    ]


def test_an_unknown_country_option_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("We act.")
    code, out = _run("ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "db"),
                     "--country", "Azerbaijn")  # fmt: skip
    assert code == 2
    assert out.strip().splitlines()[-1] == (
        "Error: Invalid value for '--country': unknown country 'Azerbaijn' "
        "(give its name or ISO 3166 code, such as AZE or AZ)"
    )
