"""Every page through AppTest on small temporary stores: filters, empty states, escaping,
and the series each chart holds."""

from __future__ import annotations

import json
import shutil
from datetime import timedelta
from pathlib import Path
from typing import Any

from tension.dashboard import analysis
from tension.data.ingest import ingest_documents, read_paths
from tension.data.store import StoreReader
from tension.data.store import queries as q
from tests.helpers import (
    EVIL,
    QUILL_TEXT,
    REPO,
    decode,
    figures,
    trace_names,
    write_quill_officials,
)


def _ok(at: Any) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def _html(at: Any) -> list[str]:
    return [el.proto.body for el in at.get("html")]


def _texts(at: Any) -> str:
    return "\n".join(str(t.value) for t in at.text)


PAGES = ("overview", "timeline", "compare", "statements", "add_data", "lexicon")


def test_every_page_has_a_helpful_empty_state(open_page: Any, empty_store: Path) -> None:
    for name in PAGES:
        at = open_page(empty_store, name)
        _ok(at)
        if name in ("overview", "timeline", "compare", "statements"):
            assert any("is empty" in i.value for i in at.info), name


def test_overview_matrix_rises_and_counts(open_page: Any, synthetic_store: Path) -> None:
    at = open_page(synthetic_store, "overview", window="365")
    _ok(at)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Statements"] == "4,001"
    assert metrics["Quarantined inputs"] == "1"
    info = q.summary(StoreReader(synthetic_store))
    assert info.last_date is not None
    start = info.last_date - timedelta(days=364)
    matrix = q.pair_matrix(StoreReader(synthetic_store), start, info.last_date)
    heat = figures(at)[0]["data"][0]
    assert heat["type"] == "heatmap"
    assert set(heat["x"]) == set(matrix["src"]) | set(matrix["tgt"])
    rises = analysis.ranked_rises(
        q.pair_changes(StoreReader(synthetic_store), start, info.last_date), min_n=5
    )
    shown = [f for f in figures(at) if "Rises" in str(f["layout"].get("title"))]
    if rises.empty:
        assert "No pair rose" in json.dumps(figures(at))
    else:
        assert (
            shown[0]["data"][0]["y"][::-1]
            == [f"{s}→{t}" for s, t in zip(rises["src"], rises["tgt"], strict=True)][:10]
        )
    assert at.query_params["window"] == "365"


def _busiest(store: Path) -> str:
    return str(q.pair_counts(StoreReader(store))["pair"].iloc[0])


def test_timeline_shows_both_directions_and_articles(open_page: Any, synthetic_store: Path) -> None:
    pair = _busiest(synthetic_store)
    a, b = pair.split("-")
    at = open_page(synthetic_store, "timeline", pair=pair, bucket="month")
    _ok(at)
    names = trace_names(at)
    for expected in (f"{a}→{b}", f"{b}→{a}", f"{a}→{b} rolling mean", f"articles {a}–{b}"):
        assert expected in names, names
    fig = figures(at)[0]
    direct = next(t for t in fig["data"] if t["name"] == f"{a}→{b}")
    ys = decode(direct["y"])
    assert ys and all(0 <= y <= 100 for y in ys)
    bars = next(t for t in fig["data"] if t["name"] == f"{a}→{b} statements")
    assert bars["type"] == "bar" and sum(decode(bars["y"])) > 0
    assert at.query_params["pair"] == pair
    # the fallback period picker lists the statements of a bucket
    assert any(" shown" in str(m.value) for m in at.markdown)
    behind = at.dataframe[0].value
    assert {"published", "speaker", "intensity", "text", "explain"} <= set(behind.columns)
    assert behind["explain"].str.startswith("statements?aid=").all()


def test_timeline_overlay_and_bad_url_values(open_page: Any, synthetic_store: Path) -> None:
    at = open_page(synthetic_store, "timeline", pair="ARM-AZE", bucket="nonsense", smooth="99")
    _ok(at)
    assert at.radio[0].value == "week"  # invalid bucket falls back
    assert at.slider[0].value == 4  # out-of-range smoothing falls back
    other = next(p for p in q.pair_counts(StoreReader(synthetic_store))["pair"] if p != "ARM-AZE")
    at.multiselect[0].set_value([other]).run()
    _ok(at)
    assert other in at.query_params.get("with", "")
    a, b = other.split("-")
    assert f"{a}→{b}" in trace_names(at)
    at = open_page(synthetic_store, "timeline", pair="<script>", **{"from": "yesterday"})
    _ok(at)


def test_compare_escapes_untrusted_text(open_page: Any, synthetic_store: Path) -> None:
    at = open_page(synthetic_store, "compare", pair="ARM-AZE", order="recent")
    _ok(at)
    note = figures(at)[0]["layout"]["annotations"][0]["text"]
    assert note.startswith("No bucket in which both ARM and AZE")  # only one side spoke
    bodies = "\n".join(_html(at))
    assert "<script>" not in bodies and "<img" not in bodies
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in bodies
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in bodies
    assert "[click here](http://evil.example/)" in bodies  # stays literal text
    assert '<mark class="tm tm-threat"' in bodies
    assert "<a " not in bodies
    assert "<i>Speaker</i>" in _texts(at)  # st.text: shown as typed, never as markup
    assert any("terms ARM→AZE" in t for t in trace_names(at))


def test_compare_asymmetry_and_terms(open_page: Any, synthetic_store: Path) -> None:
    pair = _busiest(synthetic_store)
    a, b = pair.split("-")
    at = open_page(synthetic_store, "compare", pair=pair, bucket="month")
    _ok(at)
    gap = next(t for f in figures(at) for t in f["data"] if t["name"] == f"{a}→{b} minus {b}→{a}")
    assert gap["type"] == "bar" and len(decode(gap["y"])) > 6
    names = trace_names(at)
    for side in ("escalation", "de-escalation"):
        assert f"{side} terms {a}→{b}" in names and f"{side} terms {b}→{a}" in names
    assert len(_html(at)) == 40  # 20 statements a side, each from escaped pieces


def test_statements_filters_and_explanation(open_page: Any, synthetic_store: Path) -> None:
    at = open_page(synthetic_store, "statements", q="sanctions", min="10")
    _ok(at)
    frame = at.dataframe[0].value
    assert len(frame) > 0 and frame["text"].str.contains("sanctions").all()
    assert (frame["intensity"] >= 10).all()
    at = open_page(synthetic_store, "statements", aid="evil1", idx="0")
    _ok(at)
    water = next(f for f in figures(at) if f["data"][0]["type"] == "waterfall")["data"][0]
    assert water["x"][:2] == ["sentiment", "warned (threat)"]
    assert decode(water["y"])[:2] == [7.0, 18.0]
    bodies = "\n".join(_html(at))
    assert "<script>" not in bodies and "&lt;script&gt;" in bodies
    assert "[click here](http://evil.example/)" in bodies
    assert "<b>Hostile</b> title" in _texts(at)


def test_statements_every_filter_from_the_url_and_the_widgets(
    open_page: Any, synthetic_store: Path
) -> None:
    pair = _busiest(synthetic_store)
    a, b = pair.split("-")
    params = {"pair": pair, "from": "2015-03-01", "to": "2015-12-31", "min": "20", "max": "60"}
    at = open_page(synthetic_store, "statements", order="intensity", **params)
    _ok(at)
    frame = at.dataframe[0].value
    assert len(frame) > 0
    assert {f[-4:-1] for f in frame["from"]} <= {a, b}  # "Azerbaijan (AZE)"
    assert frame["intensity"].between(20, 60).all()
    assert frame["published"].map(lambda d: "2015-03-01" <= str(d) <= "2015-12-31").all()
    assert frame["intensity"].is_monotonic_decreasing  # most intense first
    for key, value in params.items():
        assert at.query_params[key] in (value, f"{value}.0"), key
    # one direction, a speaker substring, the country on either side
    at = open_page(synthetic_store, "statements", src=a, tgt=b, speaker=f"of {a}", country=b)
    _ok(at)
    frame = at.dataframe[0].value
    assert len(frame) > 0 and frame["from"].str.endswith(f"({a})").all()
    assert frame["about"].str.contains(f"({b})", regex=False).all()
    # a widget change lands in the URL; nothing matching shows the helpful state
    at.text_input[1].set_value("no statement says this").run()
    _ok(at)
    assert at.query_params["q"] == "no statement says this"
    assert any("No statement matches" in i.value for i in at.info)
    # more than a page: a page picker, and the page number in the URL is honoured
    at = open_page(synthetic_store, "statements", page="2")
    _ok(at)
    assert any("page 2 of" in str(m.value) for m in at.markdown)
    assert len(at.dataframe[0].value) == 100


def test_statements_filter_by_kind(open_page: Any, synthetic_store: Path) -> None:
    at = open_page(synthetic_store, "statements", kind="quote")
    _ok(at)
    assert at.multiselect[0].value == ["quote"]
    assert set(at.dataframe[0].value["kind"]) == {"quote"}
    at = open_page(synthetic_store, "statements", kind="document,bogus")
    _ok(at)
    assert at.multiselect[0].value == ["document"]  # unknown kinds in a link are dropped
    assert any("No statement matches" in i.value for i in at.info)  # the store has none
    at.multiselect[0].set_value([]).run()
    assert "kind" not in at.query_params and len(at.dataframe[0].value) > 0


def test_statements_ignores_a_malicious_id(open_page: Any, synthetic_store: Path) -> None:
    at = open_page(synthetic_store, "statements", aid="x' OR 1=1 --", idx="0", pair="ZZZ-QQQ")
    _ok(at)
    assert not [f for f in figures(at) if f["data"][0]["type"] == "waterfall"]


def test_add_data_lists_quarantine_as_plain_text(open_page: Any, synthetic_store: Path) -> None:
    at = open_page(synthetic_store, "add_data")
    _ok(at)
    sources = at.dataframe[-1].value["source"].tolist()
    assert "<img src=x onerror=alert(2)>.pdf" in sources
    assert not any("<img" in body for body in _html(at))


def test_add_data_ingests_pasted_text(open_page: Any, tmp_path: Path) -> None:
    at = open_page(tmp_path / "fresh", "add_data")
    _ok(at)
    at.text_area[0].set_value(
        "Azerbaijan's foreign minister warned Iran on Monday that provocations would be "
        "answered. Iran rejected the accusation."
    ).run()
    at.button[1].click().run()
    _ok(at)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["New articles"] == "1", metrics
    at.button[1].click().run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Duplicates"] == "1", metrics


def test_add_data_takes_the_speaker_of_a_pasted_statement(open_page: Any, tmp_path: Path) -> None:
    store = tmp_path / "fresh"
    at = open_page(store, "add_data")
    at.text_area[0].set_value(
        "We condemn the shelling of our villages. Armenia must withdraw its troops."
    ).run()
    at.text_input[3].set_value("Ministry of Foreign Affairs").run()
    at.text_input[4].set_value("Azerbaijn").run()
    assert any("unknown country 'Azerbaijn'" in e.value for e in at.error)
    assert at.button[1].disabled
    at.text_input[4].set_value("Azerbaijan").run()
    at.button[1].click().run()
    _ok(at)
    rows = StoreReader(store).df("SELECT kind, speaker, speaker_country FROM statements")
    assert rows.values.tolist() == [["document", "Ministry of Foreign Affairs", "AZE"]] * 2


def test_add_data_scores_and_attributes_with_the_user_files(
    open_page: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.setenv("TENSION_OFFICIALS", str(write_quill_officials(tmp_path)))
    lexicon = tmp_path / "lexicon.toml"
    lexicon.write_text('[terms.threat]\n"border drills" = 30\n', encoding="utf-8")
    monkeypatch.setenv("TENSION_LEXICON", str(lexicon))
    store = tmp_path / "fresh"
    at = open_page(store, "add_data")
    at.text_area[0].set_value(QUILL_TEXT).run()
    at.button[1].click().run()
    _ok(at)
    reader = StoreReader(store)
    quill = "SELECT DISTINCT speaker_country FROM statements WHERE speaker LIKE '%Quill%'"
    assert reader.df(quill)["speaker_country"].tolist() == ["NOR"]
    terms = reader.scalar("SELECT terms FROM articles")
    assert '"term": "border drills"' in terms


def _terms_table(at: Any) -> Any:
    return at.dataframe[-1].value  # after the live box's table of statements


def test_lexicon_lists_terms(open_page: Any, empty_store: Path) -> None:
    at = open_page(empty_store, "lexicon")
    _ok(at)
    terms = _terms_table(at)
    assert {"term", "category", "kind", "weight"} <= set(terms.columns)
    assert len(terms) > 20
    assert "No user lexicon" in _texts(at) and "No user officials" in _texts(at)


def test_lexicon_scores_typed_text_live_and_escapes_it(open_page: Any, empty_store: Path) -> None:
    at = open_page(empty_store, "lexicon")
    _ok(at)
    default = figures(at)
    assert default[0]["data"][0]["type"] == "waterfall"  # the example sentence, explained
    at.text_area[0].set_value(EVIL).run()
    _ok(at)
    metric = next(m for m in at.metric if m.label.startswith("Intensity"))
    assert 0 <= float(metric.value) <= 100
    bodies = "\n".join(_html(at))
    assert "<script>" not in bodies and "<img" not in bodies and "<a " not in bodies
    assert "&lt;script&gt;" in bodies and "[click here](http://evil.example/)" in bodies
    water = next(f for f in figures(at) if f["data"][0]["type"] == "waterfall")["data"][0]
    assert any(str(x).startswith("warn") for x in water["x"]), water["x"]
    bars = [t for f in figures(at) for t in f["data"] if t["type"] == "bar"]
    assert bars  # terms per category


def _intensity(at: Any) -> float:
    return float(next(m for m in at.metric if m.label.startswith("Intensity")).value)


def test_lexicon_sees_an_edited_user_lexicon_on_the_next_run(
    open_page: Any, empty_store: Path, tmp_path: Path, monkeypatch: Any
) -> None:
    lexicon = tmp_path / "lexicon.toml"
    lexicon.write_text('[terms.threat]\n"provocation*" = 40\n', encoding="utf-8")
    monkeypatch.setenv("TENSION_LEXICON", str(lexicon))
    at = open_page(empty_store, "lexicon")
    _ok(at)
    strong = _intensity(at)
    before = lexicon.stat()
    lexicon.write_text('[terms.threat]\n"provocation*" =  4\n', encoding="utf-8")
    assert lexicon.stat().st_size == before.st_size  # the content alone tells the edit
    at.run()
    _ok(at)
    assert _intensity(at) < strong
    lexicon.write_text('[terms.threat]\n"provocation*" = 40\n', encoding="utf-8")
    at.run()
    assert _intensity(at) == strong


def test_lexicon_live_box_attributes_with_the_user_officials(
    open_page: Any, empty_store: Path, tmp_path: Path, monkeypatch: Any
) -> None:
    at = open_page(empty_store, "lexicon")
    at.text_area[0].set_value(QUILL_TEXT).run()
    _ok(at)
    said = at.dataframe[0].value
    assert said["speaker"].str.contains("Quill").all() and said["speaker_country"].isna().all()
    assert set(said["targets"]) == {"IRN"}
    monkeypatch.setenv("TENSION_OFFICIALS", str(write_quill_officials(tmp_path)))
    at = open_page(empty_store, "lexicon")
    assert f"User officials: {tmp_path / 'officials.toml'} (found)" in _texts(at)
    at.text_area[0].set_value(QUILL_TEXT).run()
    _ok(at)
    assert set(at.dataframe[0].value["speaker_country"]) == {"NOR"}


def test_lexicon_find_filters_the_table(open_page: Any, empty_store: Path) -> None:
    at = open_page(empty_store, "lexicon")
    everything = len(_terms_table(at))
    at.text_input[0].set_value("warn").run()
    _ok(at)
    found = _terms_table(at)
    assert 0 < len(found) < everything
    assert found["term"].str.contains("warn", case=False).all()


def test_lexicon_with_a_missing_or_broken_user_file(
    open_page: Any, empty_store: Path, tmp_path: Path, monkeypatch: Any
) -> None:
    from tension.data.settings import SETTINGS

    env = SETTINGS["lexicon"].env
    monkeypatch.setenv(env, str(tmp_path / "nowhere.toml"))
    at = open_page(empty_store, "lexicon")
    assert not at.exception
    assert "(not found)" in _texts(at)
    assert len(at.error) == 1 and "\n" not in at.error[0].value
    broken = tmp_path / "broken.toml"
    broken.write_text("[[[ not toml <script>", encoding="utf-8")
    monkeypatch.setenv(env, str(broken))
    at = open_page(empty_store, "lexicon")
    assert not at.exception
    assert "(found)" in _texts(at)
    assert len(at.error) == 1 and "\n" not in at.error[0].value


def test_unexpected_failure_shows_a_short_message(
    open_page: Any, synthetic_store: Path, monkeypatch: Any
) -> None:
    import tension.data.store.queries as q

    def boom(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("disk [on](http://evil.example/) fire\nsecond line with details")

    monkeypatch.setattr(q, "pair_matrix", boom)
    at = open_page(synthetic_store, "overview")
    assert not at.exception
    # one line, no stack, and the message cannot turn into a link
    assert [e.value for e in at.error] == [
        r"This page could not be shown \(RuntimeError\: disk \[on\]\(http\://evil\.example/\)"
        r" fire\)\."
    ]


assert EVIL  # the hostile text lives in conftest


def test_a_general_debate_folder_charts_on_the_timeline(open_page: Any, tmp_path: Path) -> None:
    """Speeches in the UN General Debate layout (our own speech-like samples), ingested as a
    folder: the pair timeline draws both directions of a pair the speeches speak about."""
    folder = tmp_path / "Session 75 - 2020"
    folder.mkdir()
    for path in (REPO / "eval" / "speeches").glob("*_75_2020.txt"):
        shutil.copy(path, folder / path.name)
    store = tmp_path / "store"
    report = ingest_documents(store, read_paths([tmp_path]))
    assert report.new == 2 and not report.quarantined
    at = open_page(store, "timeline", pair="ARM-AZE", bucket="month")
    _ok(at)
    fig = figures(at)[0]
    for name in ("AZE→ARM", "ARM→AZE"):
        trace = next(t for t in fig["data"] if t["name"] == f"{name} statements")
        assert sum(decode(trace["y"])) >= 5, name


def test_statements_page_names_the_articles_not_scored(open_page: Any, tmp_path: Path) -> None:
    from datetime import date

    from tension.data.ingest import Document
    from tests.helpers import article_text

    french = (
        "Le ministère des Affaires étrangères a convoqué l'ambassadeur et a exigé des "
        "explications après les frappes de drones contre l'aéroport de la capitale."
    )
    store = tmp_path / "store"
    ingest_documents(
        store,
        [
            Document(text=article_text(1), source="en.txt", published=date(2024, 1, 2)),
            Document(text=french, source="fr.txt", title="Frappes", published=date(2024, 1, 3)),
        ],
    )
    at = open_page(store, "statements")
    _ok(at)
    labels = [e.label for e in at.expander]
    assert any(
        label.startswith("Not scored: 1 article(s) not in English (fr 1)") for label in labels
    )
    table = next(d.value for d in at.dataframe if "reason" in d.value.columns)
    assert list(table["reason"]) == ["not scored (language fr)"]
    assert list(table["title"]) == ["Frappes"]
