"""The Add data page under bad input: every refusal is a line of the report, nothing takes
the page down (issue 13, item 4)."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def _ok(at: Any) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def _report(at: Any) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_a_malformed_url_is_a_line_of_the_report_and_the_others_go_on(
    open_page: Any, tmp_path: Path
) -> None:
    at = open_page(tmp_path / "store", "add_data")
    _ok(at)
    urls = "http://127.0.0.1:99999/x\nhttp://127.0.0.1:9/refused-as-local\nftp://example.org/a"
    at.text_area[2].set_value(urls).run()
    at.button[2].click().run()
    _ok(at)
    assert _report(at)["Quarantined"] == "3"
    reasons = at.dataframe[0].value["reason"].tolist()
    assert reasons[0] == "malformed URL (Port out of range 0-65535)"
    assert "private or local address" in reasons[1]
    assert reasons[2].startswith("only http and https")
