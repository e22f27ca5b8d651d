"""What an analyst must be able to trust, in a real browser (issue 14): every change of a
control takes effect and reaches the address bar, every chart opens what is behind it, the
explanation matches the stored contributions, and the small-screen layout keeps its labels.

Each test waits on Streamlit's script state, the address bar and drawn Plotly charts, never
on fixed sleeps, and leaves a screenshot in ``test-artifacts/``."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pyarrow as pa
import pytest

from tension.dashboard import analysis
from tension.data.model import ARTICLE_SCHEMA, STATEMENT_SCHEMA
from tension.data.store import StoreReader, StoreWriter
from tension.data.store import queries as q
from tests.helpers import (
    TIMEOUT_MS,
    goto,
    plotly_traces,
    server_log_on_failure,
    shot,
    wait_chart,
    wait_ready,
    wait_url,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _reader(server: dict[str, Any]) -> StoreReader:
    return StoreReader(server["store"])


def _pairs(server: dict[str, Any]) -> list[str]:
    reader = _reader(server)
    try:
        pairs = q.pair_counts(reader)
    finally:
        reader.close()
    return [str(p) for p in pairs[pairs["statements"] > 0]["pair"]]


def _radio(page: Any, option: str) -> None:
    page.locator("[data-testid='stRadio'] label").filter(has_text=option).first.click()


def _select(page: Any, label: str, typed: str) -> None:
    """Pick the option of the select box ``label`` whose text contains ``typed`` (typing
    filters fuzzily, and Enter in a multiselect takes every match: click the one meant)."""
    box = page.get_by_label(label, exact=True)
    box.click()
    page.keyboard.type(typed)
    page.get_by_role("option").filter(has_text=typed).first.click()


def _number(page: Any, label: str, value: int) -> None:
    box = page.get_by_label(label, exact=True)
    box.fill(str(value))
    box.press("Enter")


def _dates(page: Any, start: str, end: str) -> None:
    """Type a range into the "Dates" picker (its six year/month/day fields), then leave it:
    the picker sends its value when it loses focus."""
    fields = page.locator("[data-testid='stDateInput'] [role='spinbutton']")
    for i, part in enumerate([*start.split("/"), *end.split("/")]):
        fields.nth(i).focus()
        page.keyboard.type(part)
    page.locator("h1").first.click()


def _grid_box(page: Any) -> dict[str, float]:
    """The first table of the page, scrolled into view (a click off screen does nothing)."""
    grid = page.locator("[data-testid='stDataFrame']").first
    grid.wait_for(timeout=TIMEOUT_MS)
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    assert box is not None
    return dict(box)


def _caption_text(page: Any) -> str:
    return "\n".join(page.locator("[data-testid='stCaptionContainer']").all_inner_texts())


def test_overview_controls_count_every_time(page: Any, server: dict[str, Any]) -> None:
    reader = _reader(server)
    last = q.summary(reader).last_date
    reader.close()
    assert last is not None
    with server_log_on_failure(server):
        goto(page, server["url"] + "/", charts=1)
        for option, days in (("last 30 days", "30"), ("last year", "365"), ("last 30 days", "30")):
            _radio(page, option)
            wait_url(page, f"window={days}")
            first = last - timedelta(days=int(days) - 1)
            wait_chart(page, f"Mean intensity by pair<br>{first} – {last}")
            assert f"window={days}" in page.url
        shot(page, "controls-overview-window")
        for value in (3, 8):
            _number(page, "Minimum statements", value)
            wait_url(page, f"mincount={value}")
            assert f"fewer than {value} statements" in _caption_text(page)
            assert f"mincount={value}" in page.url


def test_timeline_controls_count_every_time(page: Any, server: dict[str, Any]) -> None:
    pairs = _pairs(server)
    pair, second, third = pairs[0], pairs[1], pairs[2]
    a, b = pair.split("-")
    with server_log_on_failure(server):
        goto(page, f"{server['url']}/timeline?pair={pair}", charts=1)
        for bucket in ("day", "month", "week", "day"):
            _radio(page, bucket)
            wait_url(page, f"bucket={bucket}")
            wait_chart(page, f"by {bucket}")
        shot(page, "controls-timeline-bucket")
        toggle = page.locator("[data-testid='stCheckbox']").filter(has_text="Raw")
        for raw in ("0", "1", "0"):
            toggle.click()
            wait_url(page, f"raw={raw}")
            wait_ready(page, charts=1)
            names = {t["name"] for t in plotly_traces(page)}
            assert (f"{a}→{b}" in names) == (raw == "1"), (raw, names)
        slider = page.locator("[data-testid='stSlider'] input[type='range']").first
        for smooth in ("5", "6"):
            slider.focus()
            page.keyboard.press("ArrowRight")
            wait_url(page, f"smooth={smooth}")
            assert f"last {smooth} calendar buckets" in _caption_text(page)
        for other in (second, third):
            x, y = other.split("-")
            _select(page, "Country pair", f"{x} ⇄ {y}")
            wait_url(page, f"pair={other}")
            wait_chart(page, f"{x} ⇄ {y}")
        _select(page, "Country pair", f"{a} ⇄ {b}")
        wait_url(page, f"pair={pair}")
        for overlay, expected in ((second, [second]), (third, [second, third])):
            x, y = overlay.split("-")
            _select(page, "Overlay more pairs", f"{x} ⇄ {y}")
            page.keyboard.press("Escape")
            wait_url(page, f"with={expected[0]}", *expected[1:])
            listed = page.url.split("with=")[1].split("&")[0].replace("%2C", ",")
            assert listed.split(",") == expected
            wait_ready(page, charts=1)
            assert f"{x}→{y} rolling mean" in {t["name"] for t in plotly_traces(page)}
        shot(page, "controls-timeline-overlays")
        for start, end in (("2024/01/01", "2024/06/30"), ("2025/01/01", "2025/03/31")):
            _dates(page, start, end)
            iso_start, iso_end = start.replace("/", "-"), end.replace("/", "-")
            wait_url(page, f"from={iso_start}", f"to={iso_end}")
            wait_chart(page, f"{iso_start} – {iso_end}")
        shot(page, "controls-timeline-dates")


def test_compare_controls_count_every_time(page: Any, server: dict[str, Any]) -> None:
    pair = _pairs(server)[0]
    with server_log_on_failure(server):
        goto(page, f"{server['url']}/compare?pair={pair}", charts=3)
        for bucket in ("week", "day", "month"):
            _radio(page, bucket)
            wait_url(page, f"bucket={bucket}")
        for order, label in (("recent", "newest first"), ("intensity", "most intense first")):
            _radio(page, label)
            wait_url(page, f"order={order}")
            assert f"({label})" in _caption_text(page)
        shot(page, "controls-compare")


def test_statements_controls_count_every_time(page: Any, server: dict[str, Any]) -> None:
    reader = _reader(server)
    everything = q.statement_count(reader, q.StatementFilter(attributed=False))
    attributed = q.statement_count(reader, q.StatementFilter())
    by_src = {c: q.statement_count(reader, q.StatementFilter(src=c)) for c in ("IRN", "ISR")}
    reader.close()
    assert everything > attributed
    with server_log_on_failure(server):
        goto(page, f"{server['url']}/statements")
        assert f"{attributed:,} statements match" in page.inner_text("body")
        # the count differs from the Overview's, and the page says why
        assert f"{everything - attributed:,} of them have no speaker's country" in (
            _caption_text(page)
        )
        for code in ("IRN", "ISR"):
            _select(page, "Speaker's country", f"({code})")
            wait_url(page, f"src={code}")
            assert f"{by_src[code]:,} statements match" in page.inner_text("body")
        for order in ("intensity", "recent"):
            _radio(page, {"intensity": "most intense first", "recent": "newest first"}[order])
            wait_url(page, f"order={order}")
        box = page.locator("[data-testid='stCheckbox']").filter(has_text="Include statements")
        box.click()
        wait_url(page, "all=1")
        box.click()
        wait_url(page, "order=recent", absent=("all=1",))
        shot(page, "controls-statements", focus=page.locator("[data-testid='stDataFrame']").first)


def test_heatmap_cell_opens_the_pair_timeline(page: Any, server: dict[str, Any]) -> None:
    with server_log_on_failure(server):
        goto(page, server["url"] + "/?window=all", charts=1)
        cell = page.evaluate(
            """() => { const el = document.querySelector('.js-plotly-plot');
              const fl = el._fullLayout, t = el._fullData[0], r = el.getBoundingClientRect();
              for (let i = 0; i < t.y.length; i++) for (let j = 0; j < t.x.length; j++) {
                const v = (t.z[i] || [])[j];
                if (v !== null && v !== undefined && !Number.isNaN(v)) return {
                  x: r.left + fl.margin.l + fl.xaxis.l2p(j),
                  y: r.top + fl.margin.t + fl.yaxis.l2p(i), src: t.y[i], tgt: t.x[j]};
              } return null; }"""
        )
        assert cell is not None
        page.mouse.click(cell["x"], cell["y"])
        pair = "-".join(sorted((cell["src"], cell["tgt"])))
        page.wait_for_url(f"**/timeline?*pair={pair}*", timeout=TIMEOUT_MS)
        wait_ready(page, charts=1)
        names = {t["name"] for t in plotly_traces(page)}
        assert f"{cell['src']}→{cell['tgt']} rolling mean" in names
        shot(page, "drill-heatmap-to-timeline")


def test_overview_to_the_statement_behind_a_spike_in_three_clicks(
    page: Any, server: dict[str, Any]
) -> None:
    reader = _reader(server)
    info = q.summary(reader)
    assert info.first_date is not None and info.last_date is not None
    weekly = q.directed_series(
        reader, [], start=info.first_date - timedelta(weeks=16), end=info.last_date
    )
    spikes = analysis.latest_spikes(weekly, info.first_date, end=info.last_date, min_n=5)
    assert not spikes.empty
    top = spikes.iloc[0]
    week = top["period"]
    strongest = q.statements(
        reader,
        q.StatementFilter(
            src=str(top["src"]),
            tgt=str(top["tgt"]),
            start=week,
            end=analysis.bucket_end(week, "week"),
        ),
        limit=1,
        order="intensity",
    ).iloc[0]
    reader.close()
    with server_log_on_failure(server):
        goto(page, server["url"] + "/", charts=1)
        _radio(page, "everything")  # click 1
        wait_url(page, "window=all")
        box = _grid_box(page)
        page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)  # click 2: the newest spike
        page.wait_for_url("**/statements?*", timeout=TIMEOUT_MS)
        wait_url(page, f"src={top['src']}", f"tgt={top['tgt']}", "order=intensity")
        box = _grid_box(page)
        page.mouse.click(box["x"] + 18, box["y"] + 35 + 30)  # click 3: the most intense
        wait_url(page, f"aid={strongest['article_id']}", f"idx={strongest['idx']}")
        wait_chart(page, "How the score adds up")
        shown = page.locator("[data-testid='stText']").filter(has_text=" · score ").first
        assert f"score {float(strongest['intensity']):.1f}" in shown.inner_text()
        shot(page, "drill-spike-to-statement", focus=shown)


def _rise_batch() -> dict[str, pa.Table]:
    """A pair that speaks calmly for a month, then sharply: a rise beyond chance."""
    rows, articles = [], []
    for i in range(24):
        day = date(2026, 5, 1) + timedelta(days=i * 2 + (8 if i >= 12 else 0))
        aid = f"rise{i}"
        articles.append({"article_id": aid, "published": day, "pairs": ["NOR-SWE"]})
        rows.append(
            {
                "article_id": aid,
                "idx": 0,
                "published": day,
                "speaker_country": "NOR",
                "target_countries": ["SWE"],
                "intensity": (60.0 if i >= 12 else 10.0) + (i % 3),
                "text": f"Norway spoke about Sweden, item {i}.",
                "terms": "[]",
                "contributions": "[]",
            }
        )
    return {
        "articles": pa.Table.from_pylist(articles, schema=ARTICLE_SCHEMA),
        "statements": pa.Table.from_pylist(rows, schema=STATEMENT_SCHEMA),
    }


def test_a_rising_bar_opens_the_pair_timeline(page: Any, server: dict[str, Any]) -> None:
    with StoreWriter(server["store"]) as writer:
        writer.publish(_rise_batch())
    reader = _reader(server)
    last = q.summary(reader).last_date
    reader.close()
    with server_log_on_failure(server):
        goto(page, server["url"] + "/?window=30", charts=2)
        wait_chart(page, "Rises beyond chance")
        bar = page.evaluate(
            """() => { for (const el of document.querySelectorAll('.js-plotly-plot')) {
                const t = (el._fullData || [])[0];
                if (!t || t.type !== 'bar' || !String(el._fullLayout.title.text).includes('Rises'))
                  continue;
                const i = t.y.indexOf('NOR→SWE'); if (i < 0) return null;
                el.scrollIntoView();
                const fl = el._fullLayout, r = el.getBoundingClientRect();
                return {x: r.left + fl.margin.l + fl.xaxis.l2p(t.x[i] / 2),
                        y: r.top + fl.margin.t + fl.yaxis.l2p(i)}; } return null; }"""
        )
        assert bar is not None
        shot(page, "rising-with-interval", focus=page.get_by_text("Latest spikes"))
        page.mouse.click(bar["x"], bar["y"])
        page.wait_for_url("**/timeline?*pair=NOR-SWE*", timeout=TIMEOUT_MS)
        wait_ready(page, charts=1)
        assert last is not None
        assert f"to={last}" in page.url
        shot(page, "drill-rising-to-timeline")


def test_explanation_matches_the_stored_contributions(page: Any, server: dict[str, Any]) -> None:
    reader = _reader(server)
    row = reader.df(
        """SELECT article_id, idx, text, terms, contributions, raw, intensity FROM statements
           WHERE kind = 'quote' AND start > 0 AND terms <> '[]' AND speaker_country IS NOT NULL
           ORDER BY json_array_length(contributions) DESC, intensity DESC LIMIT 1"""
    ).iloc[0]
    reader.close()
    terms = json.loads(row["terms"])
    lines = json.loads(row["contributions"])
    with server_log_on_failure(server):
        goto(page, f"{server['url']}/statements?aid={row['article_id']}&idx={row['idx']}")
        wait_chart(page, "How the score adds up")
        marks = page.locator("mark.tm").filter(has_not=page.locator(".tm-legend"))
        words = [m for m in marks.all_inner_texts()]
        expected = [row["text"][t["start"] : t["end"]] for t in terms]
        assert words[: len(expected)] == expected  # every hit highlighted on its own words
        assert page.get_by_text("Highlights:").count() == 1  # the colour legend
        steps = page.evaluate(
            """() => { for (const el of document.querySelectorAll('.js-plotly-plot')) {
                const t = (el._fullData || [])[0];
                if (t && t.type === 'waterfall') return {x: t.x, y: Array.from(t.y),
                    measure: t.measure, own: t.customdata.map(c => c[0])}; } return null; }"""
        )
        assert steps is not None
        relative = [i for i, m in enumerate(steps["measure"]) if m == "relative"]
        assert len(set(steps["x"])) == len(steps["x"])  # no two steps share a bar
        total = sum(steps["y"][i] for i in relative)
        assert abs(total - sum(c["points"] for c in lines)) < 0.011
        assert abs(total - float(row["raw"])) < 0.011
        assert steps["y"][-1] == pytest.approx(float(row["intensity"]))
        # hover shows each step's own points
        assert [float(steps["own"][i]) for i in relative] == [steps["y"][i] for i in relative]
        shot(page, "explanation-highlights-waterfall", focus=page.get_by_text("Highlights:"))


def test_direct_links_and_a_phone_layout(browser: Any, server: dict[str, Any]) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    try:
        with server_log_on_failure(server):
            goto(page, server["url"] + "/overview?window=all", charts=1)
            assert page.get_by_text("Page not found").count() == 0
            assert page.get_by_role("heading", name="Overview").count() == 1
            labels = page.evaluate(
                """() => { const el = document.querySelector('.js-plotly-plot');
                  return {ticks: el.querySelectorAll('.xtick text').length,
                          cats: el._fullLayout.xaxis._categories.length}; }"""
            )
            assert labels["ticks"] == labels["cats"] > 10  # no label dropped
            chart = page.locator(".js-plotly-plot").first
            chart.hover()
            title = chart.locator(".gtitle").bounding_box()
            bar = chart.locator(".modebar").bounding_box()
            assert title is not None and bar is not None
            overlap = not (
                bar["x"] >= title["x"] + title["width"]
                or title["x"] >= bar["x"] + bar["width"]
                or bar["y"] >= title["y"] + title["height"]
                or title["y"] >= bar["y"] + bar["height"]
            )
            assert not overlap, (title, bar)
            shot(page, "phone-overview")
            assert page.get_by_text("Deploy").count() == 0
    finally:
        context.close()
