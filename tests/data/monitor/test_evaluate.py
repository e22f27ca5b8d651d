"""Rules evaluated on a small store built with the ingest: each kind fires on the hostile
turn of the United States about China, and on nothing calm."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from tension.data.monitor import evaluate, load_rules
from tension.data.store import StoreReader
from tension.data.store import queries as q
from tests.helpers import US_CHINA_FIRST as FIRST
from tests.helpers import US_CHINA_HOSTILE_FROM as HOSTILE_FROM
from tests.helpers import US_CHINA_LAST as LAST

RULES = """\
[watchlists]
both = ["CHN-USA"]
china_says = ["CHN>*"]

[rules.hot]
watchlist = "both"
kind = "level"
above = 30
window = 2
min_n = 5

[rules.hot-china]
watchlist = "china_says"
kind = "level"
above = 30
window = 2
min_n = 5

[rules.rising]
watchlist = "both"
kind = "change"
days = 21
min_n = 5

[rules.spike]
watchlist = "both"
kind = "spike"
min_n = 3

[rules.shift]
watchlist = "both"
kind = "changepoint"
min_n = 5
"""


@pytest.fixture()
def reader(us_china_store: Path) -> StoreReader:
    return StoreReader(us_china_store)


def _mean(reader: StoreReader, start: date, end: date) -> tuple[float, int]:
    """The mean of the USA→CHN statements from the raw rows (not the daily aggregate)."""
    rows = q.statements(
        reader, q.StatementFilter(src="USA", tgt="CHN", start=start, end=end), limit=10_000
    )
    return float(rows["intensity"].mean()), len(rows)


def test_at_the_end_every_kind_fires_for_the_hostile_direction_only(reader: StoreReader) -> None:
    found = evaluate(reader, load_rules(RULES))
    assert sorted((f.rule, f.src, f.tgt) for f in found) == [
        ("hot", "USA", "CHN"),
        ("rising", "USA", "CHN"),
        ("shift", "USA", "CHN"),
        ("spike", "USA", "CHN"),  # the robust baseline (median of 12 weeks) is still calm
    ]
    by_rule = {f.rule: f for f in found}
    end = q.summary(reader).last_date
    assert end is not None and LAST - timedelta(days=6) <= end <= LAST
    hot = by_rule["hot"]
    monday = end - timedelta(days=end.weekday() + 7)  # two calendar weeks, from a Monday
    mean, n = _mean(reader, monday, end)
    assert (hot.start, hot.end, hot.n) == (monday, end, n)
    assert hot.value == pytest.approx(mean) and hot.value > 30
    rising = by_rule["rising"]
    now, _ = _mean(reader, end - timedelta(days=20), end)
    before, _ = _mean(reader, end - timedelta(days=41), end - timedelta(days=21))
    assert rising.value == pytest.approx(now - before)
    assert by_rule["shift"].start == HOSTILE_FROM


def test_the_spike_fires_in_its_own_week(reader: StoreReader) -> None:
    week_end = HOSTILE_FROM + timedelta(days=6)
    found = [f for f in evaluate(reader, load_rules(RULES), as_of=week_end) if f.rule == "spike"]
    assert [(f.src, f.tgt, f.start) for f in found] == [("USA", "CHN", HOSTILE_FROM)]
    assert found[0].value >= 3.5 and found[0].n == 5


def test_nothing_fires_while_all_is_calm(reader: StoreReader) -> None:
    assert evaluate(reader, load_rules(RULES), as_of=HOSTILE_FROM - timedelta(days=1)) == []
    assert evaluate(reader, load_rules(RULES), as_of=FIRST + timedelta(weeks=8)) == []


def test_a_level_needs_its_count(reader: StoreReader) -> None:
    strict = load_rules(RULES.replace("min_n = 5\n", "min_n = 11\n", 1))
    assert not [f for f in evaluate(reader, strict) if f.rule == "hot"]
    higher = load_rules(RULES.replace("above = 30", "above = 60", 1))
    assert not [f for f in evaluate(reader, higher) if f.rule == "hot"]


def test_an_empty_store_finds_nothing(tmp_path: Path) -> None:
    assert evaluate(StoreReader(tmp_path / "none"), load_rules(RULES)) == []
