"""Monitoring views (issue 15, items 3–5): annotation marks in the figure builders, the
ranking, country and map data against the store's queries, the briefing's numbers against
the pages', and every new page through AppTest."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from tension.cli import cli
from tension.dashboard import analysis, geo, regions
from tension.dashboard.briefing import CAVEAT, briefing_html
from tension.dashboard.figures import asymmetry_figure, map_figure, pair_timeline_figure
from tension.dashboard.partners import hidden_count, partner_table
from tension.data.store import StoreReader
from tension.data.store import annotations as notes
from tension.data.store import queries as q
from tension.scoring.countries import country_codes
from tests.helpers import EVIL_PAIR, figures

NOTES = pd.DataFrame(
    {
        "day": [date(2024, 3, 1), date(2024, 1, 15)],
        "scope": ["ARM⇄AZE", "all pairs"],
        "note": ["<script>alert(1)</script> talks & <b>ceasefire</b>", "x" * 80],
    }
)


def _ok(at: Any) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def _fetch(reader: StoreReader) -> Any:
    return lambda fn, *a, **k: fn(reader, *a, **k)


@pytest.fixture()
def store_copy(synthetic_store: Path, tmp_path: Path) -> Path:
    """A private copy of the synthetic store (annotation tests write to it)."""
    root = tmp_path / "store"
    shutil.copytree(synthetic_store, root)
    return root


# -- figure builders --------------------------------------------------------------------------


def _series() -> pd.DataFrame:
    periods = [date(2024, 1, 1) + timedelta(weeks=i) for i in range(12)]
    frame = pd.DataFrame(
        {
            "period": periods * 2,
            "src": ["ARM"] * 12 + ["AZE"] * 12,
            "tgt": ["AZE"] * 12 + ["ARM"] * 12,
            "intensity": np.linspace(10, 40, 24),
            "sd": 5.0,
            "n": 6,
        }
    )
    marked = analysis.mark_spikes(
        analysis.rolling(analysis.with_interval(frame), 3, by=["src", "tgt"]), by=["src", "tgt"]
    )
    return marked


def test_timeline_draws_each_note_as_a_dashed_line_with_an_escaped_label() -> None:
    fig = pair_timeline_figure(_series(), {}, notes=NOTES).to_plotly_json()
    lines = [s for s in fig["layout"]["shapes"] if s["type"] == "line"]
    assert [s["x0"] for s in lines] == ["2024-01-15", "2024-03-01"]  # by date
    assert all(s["yref"] == "paper" and s["line"]["dash"] == "dash" for s in lines)
    labels = fig["layout"]["annotations"]
    assert len(labels) == 2
    text = " ".join(a["text"] + a["hovertext"] for a in labels)
    assert "<script>" not in text and "<b>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; talks &amp; &lt;b&gt;" in text
    assert labels[0]["text"].endswith("…") and len(labels[0]["text"]) < 40  # long note cut
    assert "x" * 80 in labels[0]["hovertext"]  # whole on hover
    assert "ARM⇄AZE" in labels[1]["hovertext"]
    # the chart spans 2024-01-01..2024-03-18: a note in its right half reads leftwards
    assert [a["xanchor"] for a in labels] == ["left", "right"]


def test_without_notes_the_figures_have_no_note_marks() -> None:
    fig = pair_timeline_figure(_series(), {}).to_plotly_json()
    assert not fig["layout"].get("shapes") and not fig["layout"].get("annotations")
    gap = analysis.asymmetry(_series(), "ARM", "AZE")
    plain = asymmetry_figure(gap, "ARM", "AZE").to_plotly_json()
    marked = asymmetry_figure(gap, "ARM", "AZE", notes=NOTES).to_plotly_json()
    assert len(marked["layout"]["shapes"]) == len(plain["layout"]["shapes"]) + 2
    assert len(marked["layout"]["annotations"]) == 2


def test_map_greys_small_counts_outlines_the_country_and_skips_undrawable() -> None:
    partners = pd.DataFrame(
        {
            "direction": ["outgoing", "outgoing", "outgoing", "incoming"],
            "partner": ["IRN", "TUR", "BHR", "RUS"],
            "intensity": [40.0, 20.0, 30.0, 50.0],
            "n": [10, 2, 9, 30],
        }
    )
    drawn = geo.mapped_codes()
    assert "BHR" not in drawn  # too small at 1:110m
    fig = map_figure(partners, "AZE", "outgoing", drawn, min_n=5).to_plotly_json()
    traces = {t["name"]: t for t in fig["data"]}
    assert list(traces["mean intensity"]["locations"]) == ["IRN"]
    assert list(traces["fewer than 5 statements"]["locations"]) == ["TUR"]
    assert list(traces["AZE (selected)"]["locations"]) == ["AZE"]
    assert all(t["locationmode"] == "ISO-3" for t in fig["data"])
    data = {c for t in fig["data"] if t["name"] != "no statements" for c in t["locations"]}
    assert data == {"IRN", "TUR", "AZE"}  # BHR: not drawable; RUS: not outgoing
    assert "RUS" in traces["no statements"]["locations"]
    assert "BHR" not in traces["no statements"]["locations"]
    incoming = map_figure(partners, "AZE", "incoming", drawn, min_n=5).to_plotly_json()
    assert list({t["name"]: t for t in incoming["data"]}["mean intensity"]["locations"]) == ["RUS"]


def test_the_shipped_outlines_are_keyed_by_alpha3_and_served_locally() -> None:
    codes = geo.mapped_codes()
    assert {"AZE", "IRN", "USA", "CHN", "RUS", "XKX", "FRA"} <= codes
    assert all(re.fullmatch(r"[A-Z]{3}", c) for c in codes)
    assert geo.plot_config()["topojsonURL"] == "/app/static/"


def test_every_scored_country_has_an_m49_region() -> None:
    missing = sorted(c for c in country_codes() if regions.region_of(c) is None)
    assert missing == []
    assert regions.region_of("AZE") == "Asia" and regions.subregion_of("AZE") == "Western Asia"
    assert "AZE" in regions.members("Asia · Western Asia")
    assert "AZE" in regions.members("Asia") and "AZE" not in regions.members("Europe")
    assert regions.members("Atlantis") == frozenset()
    assert regions.members("Asia · Atlantis") == frozenset()


# -- ranking, country and map data against the store's queries --------------------------------


def _window(reader: StoreReader, days: int = 365) -> tuple[date, date]:
    last = q.summary(reader).last_date
    assert last is not None
    return last - timedelta(days=days - 1), last


@pytest.mark.parametrize("min_n", [1, 5, 40])
def test_ranking_is_the_matrix_above_the_minimum_with_the_rising_test(
    synthetic_store: Path, min_n: int
) -> None:
    reader = StoreReader(synthetic_store)
    start, end = _window(reader)
    matrix = q.pair_matrix(reader, start, end)
    changes = q.pair_changes(reader, start, end)
    weekly = q.directed_series(reader, [], start=start, end=end, bucket="week")
    ranked = analysis.ranking(matrix, changes, weekly, min_n=min_n, start=start, end=end)
    enough = matrix[matrix["n"] >= min_n]
    assert set(zip(ranked["src"], ranked["tgt"], strict=True)) == set(
        zip(enough["src"], enough["tgt"], strict=True)
    )
    few = matrix[matrix["n"] < min_n]
    if min_n == 40:
        assert not few.empty, "the test must hide some pairs"
    for s, t in zip(few["src"], few["tgt"], strict=True):
        assert not ((ranked["src"] == s) & (ranked["tgt"] == t)).any()  # hidden
    assert ranked["n"].is_monotonic_decreasing
    tested = analysis.change_test(changes).set_index(["src", "tgt"])
    for row in ranked.itertuples(index=False):
        mean = enough[(enough["src"] == row.src) & (enough["tgt"] == row.tgt)]["intensity"]
        assert row.intensity == pytest.approx(float(mean.iloc[0]))
        if (row.src, row.tgt) in tested.index and tested.loc[
            (row.src, row.tgt), "n_before"
        ] >= min_n:
            want = tested.loc[(row.src, row.tgt)]
            assert (row.change, row.low, row.high, row.p) == pytest.approx(
                (want["change"], want["low"], want["high"], want["p"])
            )
        else:
            assert np.isnan(row.change)
        weeks = analysis.calendar(start, end, "week")
        assert len(row.spark) == len(weeks)
        assert sum(v == v for v in row.spark) == len(
            weekly[(weekly["src"] == row.src) & (weekly["tgt"] == row.tgt)]
        )


def test_ranking_filtered_by_region_keeps_pairs_with_a_country_in_it(
    synthetic_store: Path,
) -> None:
    reader = StoreReader(synthetic_store)
    start, end = _window(reader)
    matrix = q.pair_matrix(reader, start, end)
    weekly = q.directed_series(reader, [], start=start, end=end, bucket="week")
    europe = regions.members("Europe")
    ranked = analysis.ranking(matrix, None, weekly, min_n=1, start=start, end=end, keep=europe)
    assert not ranked.empty
    assert all(
        s in europe or t in europe for s, t in zip(ranked["src"], ranked["tgt"], strict=True)
    )
    outside = matrix[~matrix["src"].isin(europe) & ~matrix["tgt"].isin(europe)]
    assert not outside.empty  # the filter left some out
    assert ranked["change"].isna().all()  # no previous window asked for


def test_country_partners_are_the_matrix_rows_of_the_country(synthetic_store: Path) -> None:
    reader = StoreReader(synthetic_store)
    start, end = _window(reader, 730)
    matrix = q.pair_matrix(reader, start, end)
    country = str(matrix.groupby("src")["n"].sum().idxmax())
    partners = q.country_partners(reader, country, start=start, end=end)
    out = partners[partners["direction"] == "outgoing"].set_index("partner")
    inc = partners[partners["direction"] == "incoming"].set_index("partner")
    says = matrix[matrix["src"] == country].set_index("tgt")
    told = matrix[matrix["tgt"] == country].set_index("src")
    assert set(out.index) == set(says.index) and set(inc.index) == set(told.index)
    for p in says.index:
        assert out.loc[p, "n"] == says.loc[p, "n"]
        assert out.loc[p, "intensity"] == pytest.approx(says.loc[p, "intensity"])
    for p in told.index:
        assert inc.loc[p, "n"] == told.loc[p, "n"]
    high = int(out["n"].max())
    table = partner_table(partners, "outgoing", min_n=high)
    assert table["statements"].tolist() == [high]  # the busiest only: the rest hidden
    assert hidden_count(partners, "outgoing", min_n=high) == len(out) - 1
    assert q.country_partners(reader, "ZZZ").empty


# -- briefing ------------------------------------------------------------------------------


def _compare_metrics(at: Any) -> dict[str, tuple[str, str]]:
    """``{"A→B": (mean, "n = ... · 95% interval lo–hi")}`` as the Compare page shows."""
    captions = [c.value for c in at.caption if str(c.value).startswith("n = ")]
    means = [m for m in at.metric if m.label.endswith("mean intensity")]
    return {
        m.label.split(" ")[0]: (str(m.value), str(c)) for m, c in zip(means, captions, strict=True)
    }


def test_briefing_numbers_are_the_dashboards_for_the_same_view(
    open_page: Any, store_copy: Path
) -> None:
    reader = StoreReader(store_copy)
    pairs = q.pair_counts(reader)
    pair = str(pairs[pairs["statements"] > 0]["pair"].iloc[0])
    a, b = pair.split("-")
    start, end = _window(reader, 500)
    notes.add(store_copy, notes.make(start + timedelta(days=30), "Envoys <meet> & talk", a, b))
    params = {"pair": pair, "from": str(start), "to": str(end), "bucket": "week"}
    at = open_page(store_copy, "compare", **params)
    _ok(at)
    shown = _compare_metrics(at)
    timeline = open_page(store_copy, "timeline", **params, smooth="4", mincount="5")
    _ok(timeline)
    counts = next(c.value for c in timeline.caption if "statements ·" in str(c.value))
    page_fig = figures(timeline)[0]
    html = briefing_html(
        _fetch(reader), a, b, start=start, end=end, bucket="week", smooth=4, min_n=5
    )
    rows = re.findall(
        r'<tr data-direction="([A-Z]{3})→([A-Z]{3})">.*?<td class="mean">([^<]+)</td>'
        r"<td>([^<]+)</td><td class=\"n\">(\d+)</td>",
        html,
    )
    assert len(rows) == 2
    for src, tgt, mean, interval, n in rows:
        value, caption = shown[f"{src}→{tgt}"]
        assert mean == value
        assert caption == f"n = {n} statements · 95% interval {interval}"
        assert f": {n} statements" in counts
    # the chart is the page's chart: same traces, same points, the note drawn on both
    blob = re.search(r"Plotly\.newPlot\(\s*\"timeline\",\s*(\[.*?\]),\s*\{", html, re.S)
    assert blob, "the briefing's figure data"
    names_in_report = [t["name"] for t in json.loads(blob.group(1))]
    assert names_in_report == [t["name"] for t in page_fig["data"]]
    page_notes = [a["hovertext"] for a in page_fig["layout"]["annotations"]]
    assert any("Envoys &lt;meet&gt; &amp; talk" in h for h in page_notes)
    assert "Envoys &lt;meet&gt; &amp; talk" in html and "<meet>" not in html


def test_briefing_escapes_untrusted_text_and_opens_offline(synthetic_store: Path) -> None:
    reader = StoreReader(synthetic_store)
    a, b = EVIL_PAIR
    html = briefing_html(_fetch(reader), a, b, start=date(2016, 1, 1), end=date(2016, 12, 31))
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror" in html
    assert "<i>Speaker</i>" not in html and "&lt;i&gt;Speaker&lt;/i&gt;" in html
    assert not re.search(r"<script[^>]*\bsrc\s*=", html, re.I), "no script is loaded from a URL"
    assert not re.search(r"<link[^>]*\bhref\s*=\s*[\"']?https?:", html, re.I)
    assert "Plotly" in html and len(html) > 1_000_000  # the library is inside
    assert CAVEAT in html and "not a prediction" in html
    assert "Why this score" in html and "warned (threat): +18.0" in html


def test_tension_report_writes_the_briefing(synthetic_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "b.html"
    result = CliRunner().invoke(
        cli,
        [
            "report",
            "--db",
            str(synthetic_store),
            "--pair",
            "arm-aze",
            "--start",
            "2016-01-01",
            "--end",
            "2016-12-31",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "Briefing: ARM ⇄ AZE (Armenia ⇄ Azerbaijan)" in text
    assert "2016-01-01 – 2016-12-31" in text
    for bad, message in (("ARM", "expected two"), ("ARM-ARM", "two countries")):
        result = CliRunner().invoke(cli, ["report", "--db", str(synthetic_store), "--pair", bad])
        assert result.exit_code == 2 and message in result.output
    result = CliRunner().invoke(
        cli,
        [
            "report",
            "--db",
            str(synthetic_store),
            "--pair",
            "ARM-AZE",
            "--start",
            "2016-02-01",
            "--end",
            "2016-01-01",
        ],
    )
    assert result.exit_code == 2 and "after" in result.output


def test_tension_annotate_adds_lists_edits_and_deletes(tmp_path: Path) -> None:
    db = str(tmp_path / "s")
    run = CliRunner().invoke
    added = run(cli, ["annotate", "--db", db, "add", "2024-03-01", "Talks", "--pair", "AZE>IRN"])
    assert added.exit_code == 0, added.output
    ident = added.output.split()[1].rstrip(":")
    listed = run(cli, ["annotate", "--db", db, "list", "--pair", "AZE-IRN"])
    assert "AZE→IRN" in listed.output and "Talks" in listed.output
    assert (
        "no annotations" in run(cli, ["annotate", "--db", db, "list", "--pair", "ARM-TUR"]).output
    )
    edited = run(
        cli, ["annotate", "--db", db, "edit", ident, "--note", "Talks fail", "--pair", "all"]
    )
    assert edited.exit_code == 0 and "[all pairs] Talks fail" in edited.output
    bad = run(cli, ["annotate", "--db", db, "add", "2024-03-01", "x", "--pair", "AZE"])
    assert bad.exit_code == 2 and "ISO alpha-3" in bad.output
    gone = run(cli, ["annotate", "--db", db, "delete", ident])
    assert gone.exit_code == 0 and "deleted" in gone.output
    again = run(cli, ["annotate", "--db", db, "delete", ident])
    assert again.exit_code == 1 and "not found" in again.output


# -- pages (AppTest) --------------------------------------------------------------------------

NEW_PAGES = ("ranking", "country", "map", "annotations")


def test_new_pages_have_a_helpful_empty_state(open_page: Any, empty_store: Path) -> None:
    for name in NEW_PAGES:
        at = open_page(empty_store, name)
        _ok(at)
        assert any("is empty" in i.value for i in at.info), name


def test_ranking_page_shows_the_ranking_and_keeps_filters_in_the_url(
    open_page: Any, synthetic_store: Path
) -> None:
    at = open_page(synthetic_store, "ranking", window="365", mincount="40", sort="mean")
    _ok(at)
    reader = StoreReader(synthetic_store)
    start, end = _window(reader)
    want = analysis.ranking(
        q.pair_matrix(reader, start, end),
        q.pair_changes(reader, start, end),
        q.directed_series(reader, [], start=start, end=end, bucket="week"),
        min_n=40,
        start=start,
        end=end,
    )
    table = at.dataframe[0].value
    assert len(table) == len(want) > 0
    assert table["mean"].is_monotonic_decreasing  # sorted by mean, as the URL says
    top = want.sort_values("intensity", ascending=False).iloc[0]
    assert table["pair"].iloc[0] == f"{top.src}→{top.tgt}"
    assert table["statements"].iloc[0] == top.n
    assert " → " in table["countries"].iloc[0]  # names beside the codes
    hidden = q.pair_matrix(reader, start, end)
    few = int(((hidden["n"] < 40) & (hidden["n"] > 0)).sum())
    assert any(f"(hidden, with fewer: {few})" in str(c.value) for c in at.caption)
    at.selectbox[0].set_value("Europe").run()
    _ok(at)
    assert at.query_params["region"] == ["Europe"] or at.query_params["region"] == "Europe"
    europe = regions.members("Europe")
    shown = at.dataframe[0].value if at.dataframe else pd.DataFrame(columns=["pair"])
    for pair in shown["pair"]:
        s, t = pair.split("→")
        assert s in europe or t in europe


def test_ranking_page_ignores_bad_url_values(open_page: Any, synthetic_store: Path) -> None:
    at = open_page(synthetic_store, "ranking", window="7", region="Atlantis", sort="x")
    _ok(at)
    assert at.radio[0].value == "90" and at.selectbox[0].value == "(any region)"


def test_country_page_lists_both_directions_by_partner(
    open_page: Any, synthetic_store: Path
) -> None:
    reader = StoreReader(synthetic_store)
    info = q.summary(reader)
    matrix = q.pair_matrix(reader, None, None)
    country = str(matrix.groupby("src")["n"].sum().idxmax())
    at = open_page(synthetic_store, "country", country=country, mincount="1")
    _ok(at)
    assert at.selectbox[0].value == country
    partners = q.country_partners(reader, country, start=info.first_date, end=info.last_date)
    outgoing, incoming = at.dataframe[0].value, at.dataframe[1].value
    want_out = partner_table(partners, "outgoing", min_n=1)
    assert outgoing["partner"].tolist() == want_out["partner"].tolist()
    assert outgoing["statements"].tolist() == want_out["statements"].tolist()
    assert set(incoming["partner"]) == set(matrix[matrix["tgt"] == country]["src"])
    assert all(n and n != p for n, p in zip(outgoing["country"], outgoing["partner"], strict=True))
    heads = [h.value for h in at.subheader]
    assert any(h.startswith("What ") and "says" in h for h in heads)


def test_map_page_draws_the_country_with_local_outlines(
    open_page: Any, synthetic_store: Path
) -> None:
    reader = StoreReader(synthetic_store)
    matrix = q.pair_matrix(reader, None, None)
    country = str(matrix.groupby("src")["n"].sum().idxmax())
    at = open_page(synthetic_store, "map", country=country, direction="incoming", mincount="1")
    _ok(at)
    chart = at.get("plotly_chart")[0]
    spec = json.loads(chart.proto.spec)
    config = json.loads(chart.proto.config)
    assert config["topojsonURL"] == "/app/static/"
    traces = {t["name"]: t for t in spec["data"]}
    told = set(matrix[matrix["tgt"] == country]["src"]) & geo.mapped_codes()
    assert set(traces["mean intensity"]["locations"]) == told
    assert traces[f"{country} (selected)"]["locations"] == [country]
    assert "is told by" in spec["layout"]["title"]["text"]


def test_annotations_page_adds_edits_and_deletes(open_page: Any, store_copy: Path) -> None:
    at = open_page(store_copy, "annotations")
    _ok(at)
    assert any("No annotation yet" in str(c.value) for c in at.caption)
    at.date_input(key="annotations.add.day").set_value(date(2016, 6, 2))
    at.radio(key="annotations.add.scope").set_value("both")
    at.selectbox(key="annotations.add.src").set_value("ARM")
    at.selectbox(key="annotations.add.tgt").set_value("AZE")
    at.text_input(key="annotations.add.note").set_value("<b>Ceasefire</b> signed")
    at.button[0].click().run()  # the add form's submit button comes first without a selection
    _ok(at)
    stored = notes.read(store_copy)
    assert [(x.day, x.scope, x.note) for x in stored] == [
        (date(2016, 6, 2), "ARM⇄AZE", "<b>Ceasefire</b> signed")
    ]
    assert any("Added" in s.value for s in at.success)
    table = at.dataframe[0].value
    assert table["note"].tolist() == ["<b>Ceasefire</b> signed"]  # plain text in a table
    assert table["countries"].tolist() == ["Armenia ⇄ Azerbaijan"]
    ident = stored[0].id
    at = open_page(store_copy, "annotations", id=ident)
    _ok(at)
    prefix = f"annotations.edit.{ident}"
    assert at.text_input(key=f"{prefix}.note").value == "<b>Ceasefire</b> signed"
    at.text_input(key=f"{prefix}.note").set_value("Ceasefire broken")
    at.radio(key=f"{prefix}.scope").set_value("one")
    next(b for b in at.button if b.label == "Save changes").click().run()
    _ok(at)
    (item,) = notes.read(store_copy)
    assert (item.id, item.note, item.scope) == (ident, "Ceasefire broken", "ARM→AZE")
    at = open_page(store_copy, "annotations", id=ident)
    next(b for b in at.button if b.label == "Delete this note").click().run()
    _ok(at)
    assert notes.read(store_copy) == []
    # a refused note says why and stores nothing
    at = open_page(store_copy, "annotations")
    at.text_input(key="annotations.add.note").set_value("   ")
    at.button[0].click().run()
    assert any("empty" in e.value for e in at.error)
    assert notes.read(store_copy) == []


def test_timeline_and_compare_draw_the_pairs_notes(open_page: Any, store_copy: Path) -> None:
    reader = StoreReader(store_copy)
    pair = str(q.pair_counts(reader)["pair"].iloc[0])
    a, b = pair.split("-")
    start, end = _window(reader, 365)
    middle = start + timedelta(days=180)
    notes.add(
        store_copy,
        notes.make(middle, "Border incident [x](http://evil.example/)", b, a, directed=True),
    )
    notes.add(store_copy, notes.make(middle, "Someone else's", "USA", "GRL"))
    notes.add(store_copy, notes.make(start - timedelta(days=5), "Too early", a, b))
    for page in ("timeline", "compare"):
        at = open_page(store_copy, page, pair=pair, **{"from": str(start), "to": str(end)})
        _ok(at)
        labels = [x["text"] for f in figures(at) for x in f["layout"].get("annotations", [])]
        assert any("Border incident" in t for t in labels), (page, labels)
        assert not any("Someone else" in t or "Too early" in t for t in labels)
    # the note under the timeline is text, not Markdown (no link made of it)
    timeline = open_page(store_copy, "timeline", pair=pair, **{"from": str(start), "to": str(end)})
    shown = next(str(c.value) for c in timeline.caption if "Dashed lines" in str(c.value))
    assert r"\[x\]\(http" in shown
    border = next(x for x in notes.read(store_copy) if x.note.startswith("Border"))
    at = open_page(store_copy, "annotations", id=border.id)
    _ok(at)
    label = next(str(c.value) for c in at.caption if "Border incident" in str(c.value))
    assert r"\[x\]\(http" in label
