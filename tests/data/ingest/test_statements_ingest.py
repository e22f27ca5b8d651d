"""Official statements, speeches, transcripts and PDFs through the ingest: the document's
speaker and country, countries given by name or code, the UN General Debate layout, PDF files
(written here with fpdf2: two columns, hyphens, page numbers and footers; a scanned page
without a text layer). Every text is our own."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from fpdf import FPDF

from tension.data.ingest import (
    Document,
    Rejected,
    ingest_documents,
    parse_country,
    read_bytes,
    read_paths,
    read_text_input,
    with_speaker,
)
from tension.data.ingest.rescore import rescore_store
from tension.data.ingest.ungd import debate_speech
from tension.data.store import StoreReader
from tension.data.store.queries import StatementFilter, directed_series, pair_counts, statements
from tension.scoring import analyze

SPEECHES = Path(__file__).resolve().parents[3] / "eval" / "speeches"


def _docs(items: list[Document | Rejected]) -> list[Document]:
    bad = [i for i in items if isinstance(i, Rejected)]
    assert not bad, bad
    return [i for i in items if isinstance(i, Document)]


@pytest.mark.parametrize(
    ("value", "code"),
    [("AZE", "AZE"), ("aze", "AZE"), ("AZ", "AZE"), ("Azerbaijan", "AZE"), ("Türkiye", "TUR"),
     ("the United Kingdom", "GBR"), ("UK", "GBR"), ("", None), (None, None)],
)  # fmt: skip
def test_a_country_is_a_name_or_an_iso_code(value: str | None, code: str | None) -> None:
    assert parse_country(value) == code


@pytest.mark.parametrize("value", ["Azerbaijn", "XX", "Atlantis", "AZER"])
def test_an_unknown_country_is_refused_naming_it(value: str) -> None:
    with pytest.raises(ValueError) as err:
        parse_country(value)
    assert str(err.value) == (
        f"unknown country {value!r} (give its name or ISO 3166 code, such as AZE or AZ)"
    )


def test_records_and_headers_carry_a_validated_speaker_and_country() -> None:
    raw = (
        b'{"text": "We condemn it.", "speaker": "Ministry of Foreign Affairs", "country": "az"}\n'
        b'{"text": "We reject it.", "country": "Azerbaijn"}\n'
    )
    doc, bad = list(read_bytes("pr.jsonl", raw))
    assert isinstance(doc, Document) and (doc.speaker, doc.country) == (
        "Ministry of Foreign Affairs",
        "AZE",
    )
    assert isinstance(bad, Rejected) and str(bad) == (
        "pr.jsonl:2: field 'country': unknown country 'Azerbaijn' "
        "(give its name or ISO 3166 code, such as AZE or AZ)"
    )
    (header,) = read_bytes("s.txt", b"Speaker: Maria Zakharova\nCountry: Russia\n\nWe will answer.")
    assert isinstance(header, Document) and (header.speaker, header.country) == (
        "Maria Zakharova",
        "RUS",
    )
    (wrong,) = read_bytes("s.txt", b"Country: Ruritania\n\nWe will answer.")
    assert isinstance(wrong, Rejected) and wrong.reason.startswith("header Country: unknown")


def test_defaults_fill_only_documents_that_name_nobody() -> None:
    named = Document("We act.", "a", speaker="Ministry of Defence", country="ARM")
    nameless = Document("We act.", "b")
    half = Document("We act.", "c", speaker="Ministry of Defence")
    out = list(with_speaker([named, nameless, half], "Government of Azerbaijan", "AZE"))
    assert [(d.speaker, d.country) for d in out if isinstance(d, Document)] == [
        ("Ministry of Defence", "ARM"),
        ("Government of Azerbaijan", "AZE"),
        ("Ministry of Defence", "AZE"),
    ]
    (pasted,) = read_text_input("We act.", speaker="Ministry of Defence", country="AZE")
    assert isinstance(pasted, Document) and pasted.country == "AZE"


def test_hard_wrapped_text_files_are_stored_as_paragraphs() -> None:
    raw = (
        b"Title: Statement\n\nThe ministry strongly condemns the shelling of the inter-\n"
        b"national border villages, which caused casualties among the local\n"
        b"population. We call on the other side to stop these provocations and\n"
        b"return to the negotiating table.\n"
    )
    (doc,) = _docs(list(read_bytes("s.txt", raw)))
    assert doc.text == (
        "The ministry strongly condemns the shelling of the international border villages, "
        "which caused casualties among the local population. We call on the other side to "
        "stop these provocations and return to the negotiating table."
    )


# -- the UN General Debate layout -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("AZE_75_2020.txt", ("AZE", "AZE", None, date(2020, 9, 1))),
        ("Session 01 - 1946/USA_01_1946.txt", ("USA", "USA", None, date(1946, 9, 1))),
        ("YUG_40_1985.txt", ("YUG", "YUG", None, date(1985, 9, 1))),  # a former country
        ("EU_66_2011.txt", ("EU", None, "EU", date(2011, 9, 1))),  # a speaker, no country
    ],
)
def test_debate_file_names_say_who_and_when(
    name: str, expected: tuple[str, str | None, str | None, date]
) -> None:
    speech = debate_speech(name)
    assert speech is not None
    assert (speech.code, speech.country, speech.speaker, speech.published) == expected


@pytest.mark.parametrize(
    "name", ["AZE_75_2021.txt", "aze_75_2020.txt", "AZE_75_2020.md", "notes_1_2020.txt", "AZE.txt"]
)
def test_other_file_names_are_not_the_debate_layout(name: str) -> None:
    assert debate_speech(name) is None


@pytest.fixture(scope="module")
def debate_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder in the General Debate layout (our own speech-like texts, hard-wrapped, with
    page numbers and running headers), ingested."""
    root = tmp_path_factory.mktemp("ungd")
    corpus = root / "UNGDC"
    for path in sorted(SPEECHES.glob("*.txt")):
        session = int(path.stem.split("_")[1])
        folder = corpus / f"Session {session:02d} - {session + 1945}"
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, folder / path.name)
    report = ingest_documents(root / "store", read_paths([corpus]))
    assert report.new == 4 and not report.quarantined
    return root / "store"


def test_every_debate_speech_speaks_for_its_country_in_its_year(debate_store: Path) -> None:
    reader = StoreReader(debate_store)
    articles = reader.df("SELECT source, speaker_country, published FROM articles ORDER BY source")
    for row in articles.itertuples():
        code, _, year = Path(row.source).stem.split("_")
        published = pd.Timestamp(row.published).date()
        assert (row.speaker_country, published) == (code, date(int(year), 9, 1))
    shares = reader.df(
        """
        SELECT a.speaker_country AS country, count(*) AS n,
               count(*) FILTER (WHERE s.speaker_country = a.speaker_country) AS own,
               count(*) FILTER (WHERE s.kind = 'document') AS document
        FROM statements s JOIN articles a USING (article_id) GROUP BY ALL
        """
    )
    assert set(shares["country"]) == {"ARM", "AZE", "IRN", "UKR"}
    for row in shares.itertuples():
        assert row.own / row.n >= 0.9, (row.country, row.own, row.n)
    assert shares["own"].sum() / shares["n"].sum() >= 0.9


def test_debate_sentences_are_whole_and_free_of_page_furniture(debate_store: Path) -> None:
    texts = StoreReader(debate_store).df("SELECT text FROM statements")["text"].tolist()
    for text in texts:
        assert text[-1] in '.!?"”', text  # every statement ends a sentence
        assert text[0].isupper() or text[0] in '"“', text  # and starts one
        assert "A/75/PV" not in text and "22-59402" not in text, text


def test_debate_pairs_chart_on_the_timeline(debate_store: Path) -> None:
    reader = StoreReader(debate_store)
    pairs = set(pair_counts(reader)["pair"])
    assert {"ARM-AZE", "RUS-UKR", "IRN-USA"} <= pairs
    series = directed_series(reader, [("AZE", "ARM")], bucket="month")
    assert not series.empty and series["n"].sum() >= 5
    answer = statements(reader, StatementFilter(src="UKR", tgt="RUS"), limit=50)
    assert not answer.empty and set(answer["kind"]) == {"document"}
    reported = statements(reader, StatementFilter(kinds=("reported",)), limit=50)
    assert not reported.empty and set(reported["kind"]) == {"reported"}
    both = statements(reader, StatementFilter(kinds=("reported", "document")), limit=500)
    assert set(both["kind"]) == {"reported", "document"}


def test_rescore_keeps_the_document_speaker(debate_store: Path, tmp_path: Path) -> None:
    store = tmp_path / "copy"
    shutil.copytree(debate_store, store)
    before = StoreReader(store).df("SELECT kind, speaker_country FROM statements ORDER BY ALL")
    report = rescore_store(store, force=True)
    assert report.articles == 4
    after = StoreReader(store).df("SELECT kind, speaker_country FROM statements ORDER BY ALL")
    assert before.equals(after)


# -- PDF ----------------------------------------------------------------------------------------


def _pdf(pages: list[tuple[list[str], list[str]]], footer: str | None = None) -> bytes:
    """A PDF of our own: per page, a left and a right column of lines (drawn left column
    first, as a two-column page is), a page number and an optional footer."""
    pdf = FPDF()
    pdf.set_font("helvetica", size=10)
    for number, (left, right) in enumerate(pages, start=1):
        pdf.add_page()
        for x, column in ((15, left), (110, right)):
            for i, line in enumerate(column):
                pdf.text(x, 25 + 5 * i, line)
        pdf.text(105, 285, str(number))
        if footer:
            pdf.text(15, 290, footer)
    return bytes(pdf.output())


_COLUMNS = [
    (
        [
            "The Ministry of Foreign Affairs strong-",
            "ly condemns the shelling of villages",
            "along the border by the armed forces",
            "of Armenia, which caused casualties",
        ],
        [
            "among the civilian population. Such",
            "actions are a grave violation of inter-",
            "national humanitarian law.",
        ],
    ),
    (
        ["We call on Armenia to stop these provo-", "cations without delay."],
        ["Azerbaijan remains committed to a", "peaceful settlement of the conflict."],
    ),
]


def test_a_two_column_pdf_reads_into_whole_sentences() -> None:
    raw = _pdf(_COLUMNS, footer="Press release No. 112/20")
    (doc,) = _docs(list(read_bytes("statement.pdf", raw)))
    assert doc.text == (
        "The Ministry of Foreign Affairs strongly condemns the shelling of villages along the "
        "border by the armed forces of Armenia, which caused casualties among the civilian "
        "population. Such actions are a grave violation of international humanitarian law. "
        "We call on Armenia to stop these provocations without delay. Azerbaijan remains "
        "committed to a peaceful settlement of the conflict."
    )


def test_a_pdf_statement_ingests_with_its_speaker(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "statement.pdf").write_bytes(_pdf(_COLUMNS, footer="Press release No. 112/20"))
    items = with_speaker(read_paths([folder]), "Ministry of Foreign Affairs", "AZE")
    report = ingest_documents(tmp_path / "store", items)
    assert report.new == 1 and report.statements == 4
    rows = StoreReader(tmp_path / "store").df(
        "SELECT kind, speaker, speaker_country, target_countries FROM statements ORDER BY idx"
    )
    assert set(rows["kind"]) == {"document"}
    assert set(rows["speaker_country"]) == {"AZE"}
    assert all(list(t) == ["ARM"] for t in rows["target_countries"])


def test_a_scanned_pdf_without_text_is_quarantined_with_that_reason() -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 150, 200, style="F")  # a page that is only a picture
    (bad,) = read_bytes("scan.pdf", bytes(pdf.output()))
    assert isinstance(bad, Rejected)
    assert bad.reason.startswith("scanned PDF without a text layer (1 page(s), no text)")


@pytest.mark.parametrize("raw", [b"%PDF-1.4\nnot really a pdf", b"\x00\x01garbage" * 40])
def test_a_broken_pdf_is_quarantined(raw: bytes) -> None:
    (bad,) = read_bytes("broken.pdf", raw)
    assert isinstance(bad, Rejected) and bad.reason.startswith("cannot read the PDF")


# -- the transcript layouts of docs/input-formats.md, as documented ----------------------------

DOCS = Path(__file__).resolve().parents[3] / "docs" / "input-formats.md"


def _documented_transcripts() -> list[str]:
    text = DOCS.read_text(encoding="utf-8")
    section = text[text.index("### Transcripts") : text.index("### Hard-wrapped")]
    return re.findall(r"```text\n(.*?)```", section, flags=re.S)


def test_every_recognised_transcript_layout_is_documented_with_one_example() -> None:
    assert len(_documented_transcripts()) == 4


@pytest.mark.parametrize("example", _documented_transcripts())
def test_documented_transcripts_give_answers_to_the_speaker_and_questions_to_nobody(
    example: str,
) -> None:
    (doc,) = _docs(list(read_bytes("briefing.txt", example.encode())))
    assert doc.country is not None
    result = analyze(doc.text, speaker=doc.document_speaker)
    asking = re.compile(r"^(?:Q|Question|MODERATOR|Example Wire|Daily Courier):", re.M)
    for s in result.statements:
        line_start = doc.text.rfind("\n", 0, s.start) + 1
        if asking.match(doc.text, line_start):
            assert (s.kind, s.speaker_country) == ("narration", None), s.text
        else:
            assert (s.kind, s.speaker_country) == ("document", doc.country), s.text
        assert ":" not in s.text[:20], s.text  # no turn label inside a statement
