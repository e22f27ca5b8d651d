"""The alert rules file: what it accepts, and a line-numbered error for everything else."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tension.data.monitor import RulesError, load_rules, read_rules, write_rules
from tension.data.monitor.rules import DEFAULTS, parse_subject

GOOD = """\
[watchlists]
caucasus = ["AZE-IRN", "arm>aze"]
iran = ["IRN"]
said_by_russia = ["RUS>*"]
about_ukraine = ["*>UKR"]

[rules.hot]
watchlist = "caucasus"
kind = "level"
above = 40

[rules.rising]
watchlist = "iran"
kind = "change"
days = 60
alpha = 0.01

[rules."spikes"]
watchlist = "about_ukraine"
kind = "spike"
threshold = 4
within = 2
bucket = "day"

[rules.breaks]
watchlist = "said_by_russia"
kind = "changepoint"
penalty = 5.5
"""


def test_a_good_file_gives_every_rule_with_its_defaults() -> None:
    rules = load_rules(GOOD)
    assert [r.name for r in rules.rules] == ["hot", "rising", "spikes", "breaks"]
    hot, rising, spikes, breaks = rules.rules
    assert hot.params == {**DEFAULTS["level"], "above": 40.0}
    assert rising.params == {**DEFAULTS["change"], "days": 60, "alpha": 0.01}
    assert spikes.params["bucket"] == "day" and spikes.params["within"] == 2
    assert breaks.params["penalty"] == 5.5 and breaks.params["history"] == 52
    assert [s.text for s in rules.watchlists["caucasus"]] == ["AZE-IRN", "ARM>AZE"]
    assert "above 40" in hot.describe() and "p < 0.01" in rising.describe()


def test_an_empty_file_has_no_rules() -> None:
    assert load_rules("").rules == ()


@pytest.mark.parametrize(
    ("subject", "watched", "not_watched"),
    [
        ("AZE>IRN", [("AZE", "IRN")], [("IRN", "AZE"), ("AZE", "ARM")]),
        ("AZE-IRN", [("AZE", "IRN"), ("IRN", "AZE")], [("AZE", "ARM")]),
        ("AZE", [("AZE", "IRN"), ("ARM", "AZE")], [("IRN", "ARM")]),
        ("AZE>*", [("AZE", "IRN"), ("AZE", "ARM")], [("ARM", "AZE")]),
        ("*>AZE", [("ARM", "AZE"), ("IRN", "AZE")], [("AZE", "ARM")]),
    ],
)
def test_each_kind_of_subject_watches_its_directions(
    subject: str, watched: list[tuple[str, str]], not_watched: list[tuple[str, str]]
) -> None:
    parsed = parse_subject(subject)
    assert parsed is not None
    assert all(parsed.matches(*p) for p in watched)
    assert not any(parsed.matches(*p) for p in not_watched)


BASE = '[watchlists]\nw = ["AZE-IRN"]\n\n[rules.r]\nwatchlist = "w"\nkind = "level"\nabove = 40\n'


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("[watchlists\nw = 1\n", 1, "Expected ']'"),
        ('[watchlists]\nw = ["AZE-IRN"\n', 2, "Unclosed array"),
        ("[alerts]\nx = 1\n", 1, "unknown section 'alerts'"),
        ("colour = 'red'\n", 1, "unknown section 'colour'"),
        ('[watchlists]\na = ["AZE"]\nw = ["AZE-ZZZ"]\n', 3, "unknown country code 'ZZZ'"),
        ('[watchlists]\nw = ["XXX>IRN"]\n', 2, "unknown country code 'XXX'"),
        ('[watchlists]\nw = ["AZE/IRN"]\n', 2, "is not a pair or a country"),
        ('[watchlists]\nw = ["AZE-AZE"]\n', 2, "pairs a country with itself"),
        ("[watchlists]\nw = []\n", 2, "non-empty list"),
        ('[watchlists]\nw = "AZE"\n', 2, "non-empty list"),
        ("[watchlists]\nw = [3]\n", 2, "is not a pair or a country"),
        (BASE.replace("above = 40", 'above = "high"'), 7, "above must be a number from 0 to 100"),
        (BASE.replace("above = 40", "above = 140"), 7, "above must be a number from 0 to 100"),
        (BASE.replace("above = 40", "above = nan"), 7, "above must be a number"),
        (BASE.replace("above = 40", "above = true"), 7, "got bool True"),
        (BASE.replace("above = 40", "above = 40\nwindow = 0"), 8, "window must be a whole number"),
        (BASE.replace("above = 40", "above = 40\nwindow = 2.5"), 8, "window must be a whole"),
        (BASE.replace("above = 40", "above = 40\nmin_n = -1"), 8, "min_n must be a whole"),
        (BASE.replace("above = 40", "above = 40\nbucket = 'year'"), 8, "bucket must be one of"),
        (BASE.replace("above = 40", "above = 40\nalpha = 0.1"), 8, "unknown setting 'alpha'"),
        (BASE.replace("above = 40\n", ""), 4, "a level rule needs 'above'"),
        (BASE.replace('kind = "level"', 'kind = "mood"'), 6, "kind must be one of"),
        (BASE.replace('kind = "level"\n', ""), 4, "kind must be one of level"),
        (BASE.replace('watchlist = "w"', 'watchlist = "nope"'), 5, "watchlist must name a list"),
        (
            BASE.replace('kind = "level"\nabove = 40', 'kind = "change"\nalpha = 1'),
            7,
            "alpha must be a number above 0 and below 1",
        ),
        (
            BASE.replace('kind = "level"\nabove = 40', 'kind = "change"\ndays = 1'),
            7,
            "days must be a whole number from 2",
        ),
        (
            BASE.replace('kind = "level"\nabove = 40', 'kind = "spike"\nthreshold = 0'),
            7,
            "threshold must be a number above 0",
        ),
        (
            BASE.replace('kind = "level"\nabove = 40', 'kind = "changepoint"\npenalty = -2'),
            7,
            "penalty must be a number above 0",
        ),
        (
            BASE.replace('kind = "level"\nabove = 40', 'kind = "changepoint"\nmin_size = 30'),
            4,
            "history must hold two segments",
        ),
        ('[watchlists]\nw = ["AZE"]\n[rules]\nr = 3\n', 4, "must be a table"),
        ('[watchlists]\nw = ["AZE"]\n[rules."a b"]\nkind = "level"\n', 3, "a rule name is"),
    ],
)
def test_every_mistake_names_the_file_and_line(text: str, line: int, message: str) -> None:
    with pytest.raises(RulesError) as err:
        load_rules(text, "my-rules.toml")
    assert str(err.value).startswith(f"my-rules.toml line {line}: "), str(err.value)
    assert message in str(err.value)


def test_reading_a_missing_file_is_a_named_error(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match="no such rules file"):
        read_rules(tmp_path / "absent.toml")
    (tmp_path / "bin.toml").write_bytes(b"\xff\xfe\x00")
    with pytest.raises(RulesError, match="not UTF-8"):
        read_rules(tmp_path / "bin.toml")


def test_write_rules_checks_before_it_replaces_the_file(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    write_rules(path, GOOD)
    assert path.read_text() == GOOD
    with pytest.raises(RulesError, match=r"rules.toml line 10: .*above"):
        write_rules(path, GOOD.replace("above = 40", "above = -3"))
    assert path.read_text() == GOOD  # the bad edit never reached the file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rules.toml"]


@given(st.text(max_size=200))
def test_any_text_is_rules_or_one_rules_error(text: str) -> None:
    try:
        load_rules(text, "x.toml")
    except RulesError as exc:
        assert str(exc).startswith("x.toml")
