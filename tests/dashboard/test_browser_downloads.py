"""The CSV behind a chart or a table, downloaded in a real browser: the files are made when
the button is clicked (not on every run of the page), so each click must still give the
rows the page shows, with the header and the neutralised text of ``tension export``."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import TIMEOUT_MS, goto, server_log_on_failure

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _download(page: Any, label: str) -> tuple[str, list[dict[str, str]]]:
    with page.expect_download(timeout=TIMEOUT_MS) as info:
        page.get_by_role("button", name=label).click()
    download = info.value
    text = Path(download.path()).read_text(encoding="utf-8")
    return download.suggested_filename, list(csv.DictReader(io.StringIO(text)))


def test_overview_matrix_csv_holds_the_charted_cells(page: Any, server: dict[str, Any]) -> None:
    from tension.data.store import StoreReader
    from tension.data.store import queries as q

    reader = StoreReader(server["store"])
    try:
        info = q.summary(reader)
        assert info.last_date is not None
        start, end = info.last_date - timedelta(days=89), info.last_date  # the default window
        matrix = q.pair_matrix(reader, start, end)
    finally:
        reader.close()
    assert not matrix.empty
    with server_log_on_failure(server):
        goto(page, server["url"] + "/", charts=1)
        name, rows = _download(page, f"Download data (CSV): pair-matrix-{start}-{end}")
    assert name == f"pair-matrix-{start}-{end}.csv"
    assert len(rows) == len(matrix)
    got = {(r["src"], r["tgt"]): int(r["n"]) for r in rows}
    want = {
        (str(s), str(t)): int(n)
        for s, t, n in zip(matrix["src"], matrix["tgt"], matrix["n"], strict=True)
    }
    assert got == want
    assert {"src_name", "tgt_name"} <= set(rows[0])  # names beside codes


def test_statements_csv_holds_the_listed_statements(page: Any, server: dict[str, Any]) -> None:
    from tension.data.store import StoreReader
    from tension.data.store import queries as q

    reader = StoreReader(server["store"])
    try:
        top = q.statements(reader, q.StatementFilter(), limit=100, order="intensity")
    finally:
        reader.close()
    with server_log_on_failure(server):
        goto(page, server["url"] + "/statements?order=intensity")
        page.get_by_text("statements match").first.wait_for(timeout=TIMEOUT_MS)
        name, rows = _download(page, "Download data (CSV): these statements")
    assert name == "statements.csv"
    assert len(rows) == len(top)
    assert [(r["article_id"], int(r["idx"])) for r in rows] == [
        (str(a), int(i)) for a, i in zip(top["article_id"], top["idx"], strict=True)
    ]
    assert "terms" not in rows[0]
