"""Real-browser flows: headless Chromium through Playwright against one ``streamlit run``
server (see ``conftest.server``). Waits on Streamlit's script state and on the Plotly
elements, never on fixed sleeps. Screenshots go to ``test-artifacts/``; with
``UPDATE_SCREENSHOTS=1`` the timeline and compare pages are also saved to
``docs/screenshots/`` for the README."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.helpers import (
    TIMEOUT_MS,
    goto,
    plotly_traces,
    server_log_on_failure,
    shot,
    wait_chart,
    wait_ready,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _busiest_pair(store: Path, rank: int = 0) -> str:
    from tension.data.store import StoreReader
    from tension.data.store.queries import pair_counts

    reader = StoreReader(store)
    try:
        pairs = pair_counts(reader)
        both = pairs[pairs["statements"] > 0]["pair"].tolist()
        return str(both[min(rank, len(both) - 1)])
    finally:
        reader.close()


def test_overview_then_pair_timeline_shows_both_directions(
    page: Any, server: dict[str, Any]
) -> None:
    with server_log_on_failure(server):
        goto(page, server["url"] + "/", charts=1)
        assert page.get_by_text("Statements", exact=True).first.is_visible()
        shot(page, "overview")
        pair = _busiest_pair(server["store"], rank=1)  # not the default choice
        a, b = pair.split("-")
        box = page.get_by_label("Country pair")
        box.click()
        page.keyboard.type(f"{a} ⇄ {b}")
        page.keyboard.press("Enter")
        wait_ready(page)
        page.get_by_role("button", name="Show timeline").click()
        page.wait_for_url(f"**/timeline?*pair={pair}*", timeout=TIMEOUT_MS)
        wait_ready(page, charts=1)
        traces = plotly_traces(page)
        names = {t["name"]: t["n"] for t in traces}
        assert names.get(f"{a}→{b}", 0) > 0, names
        assert names.get(f"{b}→{a}", 0) > 0, names
        assert names.get(f"{a}→{b} statements", 0) > 0, names
        shot(page, "timeline", docs=True)
        # clicking a point lists the statements of that bucket and direction
        assert page.get_by_text("Click a point").count() == 1
        raw = page.locator(".js-plotly-plot .scatterlayer .trace.scatter .points path")
        n = raw.count()
        # A marker can lie under another trace's, and a click right after a rerun can land
        # before Plotly wires its handlers: try a few points before calling it a failure.
        for i in (n // 2, n // 3, (2 * n) // 3, n // 4, (3 * n) // 4):
            raw.nth(i).click(force=True)
            try:
                page.get_by_text("Click a point").wait_for(state="detached", timeout=12_000)
                break
            except Exception:  # playwright's TimeoutError: try the next point
                wait_ready(page)
        page.get_by_text("Click a point").wait_for(state="detached", timeout=TIMEOUT_MS)
        wait_ready(page, charts=1)
        listed = page.locator("[data-testid='stMarkdownContainer']", has_text=" shown")
        assert f"{a}→{b}" in listed.inner_text() or f"{b}→{a}" in listed.inner_text()


def test_compare_page_renders_both_sides(browser: Any, server: dict[str, Any]) -> None:
    # tall enough to show the statements side by side under the charts
    context = browser.new_context(viewport={"width": 1400, "height": 1900})
    page = context.new_page()
    with server_log_on_failure(server):
        pair = _busiest_pair(server["store"])
        a, b = pair.split("-")
        goto(page, f"{server['url']}/compare?pair={pair}&bucket=month", charts=3)
        names = {t["name"] for t in plotly_traces(page)}
        assert f"escalation terms {a}→{b}" in names, names
        assert f"escalation terms {b}→{a}" in names, names
        assert page.locator("mark.tm").count() > 0  # highlighted terms
        assert page.locator("script:has-text('alert')").count() == 0
        shot(page, "compare", docs=True)
    context.close()


def test_dark_theme_renders(browser: Any, server: dict[str, Any]) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, color_scheme="dark")
    page = context.new_page()
    try:
        with server_log_on_failure(server):
            pair = _busiest_pair(server["store"])
            goto(page, f"{server['url']}/compare?pair={pair}", charts=3)
            background = page.evaluate(
                "getComputedStyle(document.querySelector('[data-testid=stApp]')).backgroundColor"
            )
            assert background != "rgb(255, 255, 255)", background
            shot(page, "compare-dark")
    finally:
        context.close()


def test_statement_explanation_opens(page: Any, server: dict[str, Any]) -> None:
    from tension.data.store import StoreReader
    from tension.data.store.queries import StatementFilter, statements

    with server_log_on_failure(server):
        reader = StoreReader(server["store"])
        try:
            rows = statements(reader, StatementFilter(min_intensity=10.0), limit=1)
        finally:
            reader.close()
        aid, idx = str(rows["article_id"].iloc[0]), int(rows["idx"].iloc[0])
        goto(page, f"{server['url']}/statements?aid={aid}&idx={idx}", charts=1)
        traces = plotly_traces(page)
        assert any(t["type"] == "waterfall" and t["n"] > 0 for t in traces), traces
        wait_chart(page, "How the score adds up")
        shot(page, "statements")


def test_clicking_a_statement_row_opens_its_explanation(page: Any, server: dict[str, Any]) -> None:
    with server_log_on_failure(server):
        goto(page, f"{server['url']}/statements")
        grid = page.locator("[data-testid='stDataFrame']").first
        grid.wait_for(timeout=TIMEOUT_MS)
        assert page.locator(".js-plotly-plot").count() == 0  # nothing opened yet
        box = grid.bounding_box()
        assert box is not None
        # The grid is a canvas: click the first data row's selection marker (a header row
        # and then rows of ~35 px; the marker column is at the left edge).
        page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)
        wait_ready(page, charts=1)
        traces = plotly_traces(page)
        assert any(t["type"] == "waterfall" and t["n"] > 0 for t in traces), traces
        assert "aid=" in page.url and "idx=" in page.url  # the opened statement is shareable
        shot(page, "statements-clicked")


def test_upload_a_file_and_see_it_counted(
    page: Any, server: dict[str, Any], tmp_path: Path
) -> None:
    upload = tmp_path / "upload-note.txt"
    upload.write_text(
        "Published 2024-03-05. Armenia's foreign minister warned Azerbaijan that any new "
        "provocation on the border would be answered. Azerbaijan rejected the accusation.\n",
        encoding="utf-8",
    )
    with server_log_on_failure(server):
        goto(page, f"{server['url']}/add_data")
        page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(upload))
        page.get_by_text("upload-note.txt").first.wait_for(timeout=TIMEOUT_MS)
        page.get_by_role("button", name="Ingest the files").click()
        metric = page.locator("[data-testid='stMetric']", has_text="New articles")
        metric.wait_for(timeout=TIMEOUT_MS)
        wait_ready(page)
        assert "1" in metric.inner_text(), metric.inner_text()
        shot(page, "add_data")


def test_lexicon_page(page: Any, server: dict[str, Any]) -> None:
    with server_log_on_failure(server):
        goto(page, f"{server['url']}/lexicon", charts=1)
        assert page.get_by_text("Terms and weights in use").count() == 1
        shot(page, "lexicon")
