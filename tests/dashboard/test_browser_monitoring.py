"""The monitoring pages in a real browser (issue 15): what a person sees on the Annotations,
Ranking, Country and Map pages — numbers against the store's queries, names beside codes,
the address bar after each click — and a screenshot of each in ``test-artifacts/``."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tension.dashboard import analysis, geo, names, regions
from tension.dashboard.pairview import side
from tension.dashboard.partners import partner_table
from tension.data.store import StoreReader
from tension.data.store import annotations as notes
from tension.data.store import queries as q
from tests.helpers import (
    TIMEOUT_MS,
    click_grid_row,
    goto,
    grid_rows,
    pick_option,
    pick_radio,
    record_outside_requests,
    server_log_on_failure,
    shot,
    wait_chart,
    wait_grid_cell,
    wait_ready,
    wait_url,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _reader(server: dict[str, Any]) -> StoreReader:
    return StoreReader(server["store"])


def _busiest_speaker(reader: StoreReader) -> str:
    matrix = q.pair_matrix(reader, None, None)
    return str(matrix.groupby("src")["n"].sum().idxmax())


def test_annotations_add_select_and_see_it_on_the_timeline(
    page: Any, server: dict[str, Any]
) -> None:
    reader = _reader(server)
    info = q.summary(reader)
    pair = str(q.pair_counts(reader)["pair"].iloc[0])
    a, b = pair.split("-")
    with server_log_on_failure(server):
        goto(page, server["url"] + "/annotations")
        pick_radio(page, "one pair, both ways")
        pick_option(page, "Country (speaks, for one direction)", f"({a})")
        pick_option(page, "Other country", f"({b})")
        page.get_by_label("Note", exact=True).fill("Talks <resume> in Geneva")
        page.get_by_role("button", name="Add annotation").click()
        page.get_by_text("Added:").wait_for(timeout=TIMEOUT_MS)
        wait_ready(page)
        stored = [x for x in notes.read(server["store"]) if x.note == "Talks <resume> in Geneva"]
        assert len(stored) == 1 and stored[0].day == info.last_date
        assert stored[0].scope == f"{a}⇄{b}"
        rows = grid_rows(page)
        mine = [r for r in rows if "Talks <resume> in Geneva" in r]
        assert mine, rows
        assert any("⇄" in c and " " in c for c in mine[0])  # names: "Iran ⇄ Israel"
        click_grid_row(page, rows.index(mine[0]))
        wait_url(page, f"id={stored[0].id}")
        page.get_by_text("Edit the selected note").wait_for(timeout=TIMEOUT_MS)
        assert page.get_by_label("Note", exact=True).first.input_value() == stored[0].note
        shot(page, "annotations")
        start = info.last_date - timedelta(days=120)
        goto(page, f"{server['url']}/timeline?pair={pair}&from={start}&to={info.last_date}", 1)
        wait_chart(page, f"{start} – {info.last_date}")
        label = page.locator(".js-plotly-plot .annotation-text").filter(has_text="Talks <resume>")
        label.first.wait_for(timeout=TIMEOUT_MS)
        assert page.locator(".js-plotly-plot .shapelayer path").count() >= 1
        shot(page, "annotations-on-timeline")
        # the briefing button: one HTML file with the note and the pages' numbers
        with page.expect_download(timeout=TIMEOUT_MS) as download:
            page.get_by_role("button", name="Download briefing (HTML)").click()
        assert download.value.suggested_filename == (
            f"briefing-{a}-{b}-{start}-{info.last_date}.html"
        )
        html = Path(download.value.path()).read_text(encoding="utf-8")
        assert "Talks &lt;resume&gt; in Geneva" in html and "<resume>" not in html
        series = q.directed_series(
            reader, [(a, b), (b, a)], start=start, end=info.last_date, bucket="week"
        )
        for src, tgt in ((a, b), (b, a)):
            one = side(series, src, tgt)
            if one.n:
                assert f'<td class="mean">{one.mean:.1f}</td>' in html
                assert f'<td class="n">{one.n}</td>' in html


def test_ranking_numbers_names_and_region_filter(page: Any, server: dict[str, Any]) -> None:
    reader = _reader(server)
    last = q.summary(reader).last_date
    assert last is not None
    start = last - timedelta(days=364)
    want = analysis.ranking(
        q.pair_matrix(reader, start, last),
        q.pair_changes(reader, start, last),
        q.directed_series(reader, [], start=start, end=last, bucket="week"),
        min_n=5,
        start=start,
        end=last,
    )
    assert len(want) > 3
    with server_log_on_failure(server):
        goto(page, server["url"] + "/ranking?window=365&mincount=5")
        rows = grid_rows(page)
        top = want.iloc[0]
        assert rows[0][0] == f"{top.src}→{top.tgt}"
        assert rows[0][1] == f"{names.name(top.src)} → {names.name(top.tgt)}"
        assert float(rows[0][4]) == round(float(top.intensity), 1)
        assert rows[0][6] == str(int(top.n))
        page.get_by_text(f"{len(want)} directed pairs with at least 5 statements").wait_for(
            timeout=TIMEOUT_MS
        )
        shot(page, "ranking")
        pick_option(page, "Region (either country in it)", "Eastern Europe")
        wait_url(page, "region=Europe")
        page.get_by_text("at least 5 statements in Europe · Eastern Europe").wait_for(
            timeout=TIMEOUT_MS
        )
        europe = regions.members("Europe · Eastern Europe")
        in_region = want[want["src"].isin(europe) | want["tgt"].isin(europe)]
        wait_grid_cell(page, f"{in_region['src'].iloc[0]}→{in_region['tgt'].iloc[0]}")
        rows = grid_rows(page)
        assert rows, "Eastern Europe has pairs in the demo corpus"
        assert [r[0] for r in rows] == [
            f"{s}→{t}" for s, t in zip(in_region["src"], in_region["tgt"], strict=True)
        ][: len(rows)]
        pick_option(page, "Sort by", "highest mean")
        wait_url(page, "sort=mean")
        by_mean = in_region.sort_values("intensity", ascending=False, kind="stable")
        wait_grid_cell(page, f"{by_mean['src'].iloc[0]}→{by_mean['tgt'].iloc[0]}")
        means = [float(r[4]) for r in grid_rows(page)]
        assert means == sorted(means, reverse=True)


def test_country_page_both_directions_and_url(page: Any, server: dict[str, Any]) -> None:
    reader = _reader(server)
    country = _busiest_speaker(reader)
    info = q.summary(reader)
    partners = q.country_partners(reader, country, start=info.first_date, end=info.last_date)
    out = partner_table(partners, "outgoing", min_n=5)
    inc = partner_table(partners, "incoming", min_n=5)
    with server_log_on_failure(server):
        goto(page, f"{server['url']}/country?country={country}&mincount=5")
        seen_out, seen_in = grid_rows(page, 0), grid_rows(page, 1)
        assert [r[0] for r in seen_out] == out["partner"].tolist()[: len(seen_out)]
        assert seen_out[0][1] == out["country"].iloc[0]  # the name beside the code
        assert seen_out[0][2] == str(int(out["statements"].iloc[0]))
        assert [r[0] for r in seen_in] == inc["partner"].tolist()[: len(seen_in)]
        shot(page, "country")
        other = str(out["partner"].iloc[0])
        pick_option(page, "Country", f"({other})")
        wait_url(page, f"country={other}")
        heads = page.locator("h3").all_inner_texts()
        assert any(h.startswith("What ") and "says" in h for h in heads), heads


def test_map_draws_offline_and_switches_direction(page: Any, server: dict[str, Any]) -> None:
    reader = _reader(server)
    country = _busiest_speaker(reader)
    partners = q.country_partners(reader, country)
    told = partners[(partners["direction"] == "incoming") & (partners["n"] >= 5)]
    outside = record_outside_requests(page, server["url"])
    with server_log_on_failure(server):
        goto(page, f"{server['url']}/map?country={country}&mincount=5", charts=1)
        page.wait_for_function(
            "document.querySelectorAll('.js-plotly-plot .choroplethlocation').length > 150",
            timeout=TIMEOUT_MS,
        )
        wait_chart(page, "says about each country")
        shot(page, "map")
        pick_radio(page, "what others say about it")
        wait_url(page, "direction=incoming")
        wait_chart(page, "is told by each country")
        drawn = page.evaluate(
            """() => {
                const el = document.querySelector('.js-plotly-plot');
                const t = el.data.find(d => d.name === 'mean intensity');
                return t ? Array.from(t.locations) : [];
            }"""
        )
        assert set(drawn) == set(told["partner"]) & geo.mapped_codes()
        expected = partner_table(partners, "incoming", min_n=5)["partner"].tolist()
        wait_grid_cell(page, expected)
        rows = grid_rows(page)
        assert [r[0] for r in rows] == expected[: len(rows)]
        assert rows[0][1] == names.name(expected[0])
    assert outside == [], f"the map asked for something beyond the dashboard: {outside}"
