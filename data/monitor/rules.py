"""The alert rules file: watchlists of country pairs and the rules that watch them.

A TOML file (the ``rules`` setting, ``TENSION_RULES``)::

    [watchlists]
    caucasus = ["AZE-IRN", "ARM>AZE"]   # both ways; one direction
    iran = ["IRN"]                      # everything Iran says and everything said about it
    from_russia = ["RUS>*"]             # everything Russia says (about anyone)
    about_ukraine = ["*>UKR"]           # everything said about Ukraine

    [rules.caucasus-hot]                # the rule's name, as alerts show it
    watchlist = "caucasus"
    kind = "level"                      # rolling mean above a level
    above = 40
    window = 4                          # buckets pooled (statements of the last 4 weeks)
    bucket = "week"
    min_n = 5                           # at least 5 statements in the window

Every subject is watched one *direction* at a time (``AZE-IRN`` is AZE→IRN and IRN→AZE; a
country is every directed pair it is on in the store), because a rise of one side's words is
the signal, and pooling both sides hides it. Kinds and their settings (defaults in
:data:`DEFAULTS`): ``level`` (``above``, ``window``, ``bucket``, ``min_n``), ``change``
(``days``, ``alpha``, ``min_n``: the Overview's "Rising" test — the last ``days`` against the
``days`` before, one-sided Welch test), ``spike`` (``threshold``, ``window``, ``within``,
``bucket``, ``min_n``: the timeline's robust z-score), ``changepoint`` (``penalty``,
``min_size``, ``within``, ``history``, ``bucket``, ``min_n``: a shift of the series' mean
found by PELT). See :mod:`tension.data.monitor.evaluate` for what each computes.

Every problem is a :class:`RulesError` naming the file and line, found by the same
mechanism as the lexicon's (:class:`tension.scoring.datafiles.Reporter`)::

    rules.toml line 9: rule 'caucasus-hot': above must be a number from 0 to 100, got 'hot'

Notification targets (apprise URLs, which hold tokens) are not in this file: it is shown and
edited on a dashboard page. They are the ``notify`` setting.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from tension.data.errors import DataError
from tension.scoring.countries import country_codes
from tension.scoring.datafiles import Reporter, parse_toml

Kind = Literal["level", "change", "spike", "changepoint"]
KINDS: tuple[Kind, ...] = ("level", "change", "spike", "changepoint")
BUCKETS = ("day", "week", "month")

DEFAULTS: dict[str, dict[str, Any]] = {
    "level": {"window": 4, "bucket": "week", "min_n": 5},
    "change": {"days": 30, "alpha": 0.05, "min_n": 5},
    "spike": {"threshold": 3.5, "window": 12, "within": 1, "bucket": "week", "min_n": 5},
    "changepoint": {
        "penalty": 10.0,
        "min_size": 3,
        "within": 4,
        "history": 52,
        "bucket": "week",
        "min_n": 5,
    },
}
"""Each kind's settings and defaults (``above`` of a level rule has none: it is required)."""

REQUIRED: dict[str, tuple[str, ...]] = {"level": ("above",)}

# (low, high, integer?) of every numeric setting; both bounds inclusive unless noted
_RANGES: dict[str, tuple[float, float, bool]] = {
    "above": (0.0, 100.0, False),
    "window": (1, 104, True),
    "min_n": (1, 1_000_000, True),
    "days": (2, 3650, True),
    "alpha": (0.0, 1.0, False),  # exclusive both ends
    "threshold": (0.0, 100.0, False),  # above 0
    "within": (1, 104, True),
    "penalty": (0.0, 1e6, False),  # above 0
    "min_size": (1, 52, True),
    "history": (8, 520, True),
}
_EXCLUSIVE_LOW = {"alpha", "threshold", "penalty"}

_DIRECTED = re.compile(r"^([A-Z]{3})>([A-Z]{3})$")
_BOTH = re.compile(r"^([A-Z]{3})-([A-Z]{3})$")
_SAYS = re.compile(r"^([A-Z]{3})>\*$")
_ABOUT = re.compile(r"^\*>([A-Z]{3})$")
_COUNTRY = re.compile(r"^([A-Z]{3})$")
_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


class RulesError(DataError, ValueError):
    """The rules file is malformed; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class Subject:
    """One watchlist entry: ``src``/``tgt`` a country code or None for "any"."""

    text: str
    src: str | None
    tgt: str | None
    both_ways: bool = False

    def matches(self, src: str, tgt: str) -> bool:
        """True when the directed pair ``src``→``tgt`` is watched by this entry."""
        if self.both_ways:
            return {src, tgt} == {self.src, self.tgt}
        if self.src is not None and self.tgt is not None:
            return (src, tgt) == (self.src, self.tgt)
        if self.src is not None and self.tgt is None and self.text.endswith("*"):
            return src == self.src
        if self.src is None and self.tgt is not None:
            return tgt == self.tgt
        return self.src in (src, tgt)  # a country: both what it says and what is said of it

    def pairs(self) -> list[tuple[str, str]]:
        """The directed pairs this entry names outright (none for a country or a wildcard)."""
        if self.src is None or self.tgt is None:
            return []
        return (
            [(self.src, self.tgt), (self.tgt, self.src)]
            if self.both_ways
            else [(self.src, self.tgt)]
        )


@dataclass(frozen=True, slots=True)
class Rule:
    """A named rule over one watchlist. ``params`` holds every setting of its kind (the
    file's values over :data:`DEFAULTS`)."""

    name: str
    kind: Kind
    watchlist: str
    subjects: tuple[Subject, ...]
    params: dict[str, Any] = field(default_factory=dict)

    def describe(self) -> str:
        """One line a person reads: what makes this rule fire."""
        p = self.params
        if self.kind == "level":
            return (
                f"rolling mean of {p['window']} {p['bucket']}(s) above {p['above']:g} "
                f"with at least {p['min_n']} statements"
            )
        if self.kind == "change":
            return (
                f"rise of the mean over the last {p['days']} days against the {p['days']} "
                f"days before (one-sided Welch test, p < {p['alpha']:g}, at least "
                f"{p['min_n']} statements in both windows)"
            )
        if self.kind == "spike":
            return (
                f"a {p['bucket']} with robust z-score >= {p['threshold']:g} against the "
                f"{p['window']} before, in the last {p['within']} {p['bucket']}(s), at least "
                f"{p['min_n']} statements"
            )
        return (
            f"an upward shift of the {p['bucket']}ly mean (PELT, penalty {p['penalty']:g}) in "
            f"the last {p['within']} {p['bucket']}(s) of {p['history']}, at least "
            f"{p['min_n']} statements since"
        )


@dataclass(frozen=True, slots=True)
class RuleSet:
    """A validated rules file: watchlists (name → subjects) and rules, in file order."""

    watchlists: dict[str, tuple[Subject, ...]]
    rules: tuple[Rule, ...]


def _describe(value: Any) -> str:
    return repr(value) if isinstance(value, str) else f"{type(value).__name__} {value!r}"


def parse_subject(text: str) -> Subject | None:
    """A watchlist entry (``"AZE>IRN"``, ``"AZE-IRN"``, ``"AZE"``, ``"AZE>*"``, ``"*>AZE"``),
    or None when it has none of these forms. Codes are not checked here."""
    value = text.strip().upper()
    if m := _DIRECTED.match(value):
        return Subject(value, m.group(1), m.group(2))
    if m := _BOTH.match(value):
        return Subject(value, m.group(1), m.group(2), both_ways=True)
    if m := _SAYS.match(value):
        return Subject(value, m.group(1), None)
    if m := _ABOUT.match(value):
        return Subject(value, None, m.group(1))
    if m := _COUNTRY.match(value):
        return Subject(value, m.group(1), None)
    return None


def _subjects(name: str, value: Any, rep: Reporter[RulesError]) -> tuple[Subject, ...]:
    if not isinstance(value, list) or not value:
        raise rep.error(
            f"watchlist {name!r} must be a non-empty list of pairs or countries, "
            f"got {_describe(value)}",
            "watchlists",
            name,
        )
    known = country_codes()
    out: list[Subject] = []
    for item in value:
        subject = parse_subject(item) if isinstance(item, str) else None
        if subject is None:
            raise rep.error(
                f"watchlist {name!r}: {_describe(item)} is not a pair or a country (write "
                '"AZE>IRN" for one direction, "AZE-IRN" for both, "AZE" for a country, '
                '"AZE>*" for what it says, "*>AZE" for what is said about it)',
                "watchlists",
                name,
            )
        for code in (subject.src, subject.tgt):
            if code is not None and code not in known:
                raise rep.error(
                    f"watchlist {name!r}: unknown country code {code!r} in {item!r} "
                    "(ISO 3166 alpha-3, such as AZE)",
                    "watchlists",
                    name,
                )
        if subject.src is not None and subject.src == subject.tgt:
            raise rep.error(
                f"watchlist {name!r}: {item!r} pairs a country with itself", "watchlists", name
            )
        out.append(subject)
    return tuple(dict.fromkeys(out))


def _number(key: str, value: Any, where: str, rep: Reporter[RulesError], table: str) -> Any:
    low, high, integer = _RANGES[key]
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    ok = ok and math.isfinite(value) and (not integer or float(value).is_integer())
    if ok:
        above_low = value > low if key in _EXCLUSIVE_LOW else value >= low
        below_high = value < high if key == "alpha" else value <= high
        ok = above_low and below_high
    if not ok:
        kind = "a whole number" if integer else "a number"
        bounds = (
            f"above {low:g} and below {high:g}"
            if key == "alpha"
            else f"above {low:g}, at most {high:g}"
            if key in _EXCLUSIVE_LOW
            else f"from {low:g} to {high:g}"
        )
        raise rep.error(
            f"{where}: {key} must be {kind} {bounds}, got {_describe(value)}", table, key
        )
    return int(value) if integer else float(value)


def _rule(
    name: str, body: Any, watchlists: dict[str, tuple[Subject, ...]], rep: Reporter[RulesError]
) -> Rule:
    table = f"rules.{name}"
    where = f"rule {name!r}"
    if not _NAME.match(name):
        raise rep.error(f"{where}: a rule name is 1 to 64 letters, digits, '-', '_' or '.'", table)
    if not isinstance(body, dict):
        raise rep.error(f"{where} must be a table ([rules.{name}])", "rules", name)
    kind = body.get("kind")
    if kind not in KINDS:
        raise rep.error(
            f"{where}: kind must be one of {', '.join(KINDS)}, got "
            f"{_describe(kind) if 'kind' in body else 'nothing'}",
            table,
            "kind" if "kind" in body else None,
        )
    watchlist = body.get("watchlist")
    if not isinstance(watchlist, str) or watchlist not in watchlists:
        listed = ", ".join(sorted(watchlists)) or "none"
        raise rep.error(
            f"{where}: watchlist must name a list of [watchlists] ({listed}), got "
            f"{_describe(watchlist) if 'watchlist' in body else 'nothing'}",
            table,
            "watchlist" if "watchlist" in body else None,
        )
    params = dict(DEFAULTS[kind])
    allowed = {"kind", "watchlist", *params, *REQUIRED.get(kind, ())}
    for key, value in body.items():
        if key not in allowed:
            raise rep.error(
                f"{where}: unknown setting {key!r} for a {kind} rule (expected: "
                f"{', '.join(sorted(allowed - {'kind', 'watchlist'}))})",
                table,
                key,
            )
        if key in ("kind", "watchlist"):
            continue
        if key == "bucket":
            if value not in BUCKETS:
                raise rep.error(
                    f"{where}: bucket must be one of {', '.join(BUCKETS)}, got {_describe(value)}",
                    table,
                    key,
                )
            params[key] = value
        else:
            params[key] = _number(key, value, where, rep, table)
    for key in REQUIRED.get(kind, ()):
        if key not in body:
            raise rep.error(f"{where}: a {kind} rule needs {key!r}", table)
    if kind == "changepoint" and params["min_size"] * 2 > params["history"]:
        raise rep.error(f"{where}: history must hold two segments of min_size", table, "history")
    return Rule(name, kind, watchlist, watchlists[watchlist], params)


def load_rules(text: str, source: str = "rules.toml") -> RuleSet:
    """Parse and check the rules file's ``text``; ``source`` names it in error messages.

    Raises :class:`RulesError` (``<source> line <n>: <problem>``) for a TOML syntax error,
    an unknown section or setting, a watchlist entry that is not a pair or a country or
    names an unknown code, a rule of an unknown kind or watchlist, or a setting out of its
    range. A file with no rules is valid (nothing fires)."""
    rep = Reporter(text, source, RulesError)
    data = parse_toml(text, source, RulesError)
    for key, value in data.items():
        if key not in ("watchlists", "rules"):
            raise rep.error(
                f"unknown section {key!r} (expected watchlists, rules)",
                key if isinstance(value, dict) else "",
                None if isinstance(value, dict) else key,
            )
    raw_lists = data.get("watchlists", {})
    if not isinstance(raw_lists, dict):
        raise rep.error("[watchlists] must be a table", "", "watchlists")
    watchlists = {name: _subjects(name, value, rep) for name, value in raw_lists.items()}
    raw_rules = data.get("rules", {})
    if not isinstance(raw_rules, dict):
        raise rep.error("[rules] must be a table of [rules.NAME] tables", "", "rules")
    rules = tuple(_rule(name, body, watchlists, rep) for name, body in raw_rules.items())
    return RuleSet(watchlists, rules)


def read_rules(path: Path | str) -> RuleSet:
    """:func:`load_rules` of the file at ``path`` (a missing or unreadable file is a
    :class:`RulesError` naming it)."""
    path = Path(path).expanduser()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RulesError(f"{path}: no such rules file") from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise RulesError(f"{path}: cannot read the rules file ({reason})") from None
    return load_rules(text, str(path))


def write_rules(path: Path | str, text: str) -> RuleSet:
    """Check ``text`` (:func:`load_rules`, errors naming ``path`` and the line) and only
    then replace the file at ``path`` with it atomically (temporary file beside it, fsync,
    rename): a bad edit never reaches the file ``tension watch`` reads."""
    path = Path(path).expanduser()
    rules = load_rules(text, str(path))
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise RulesError(f"{path}: cannot write the rules file ({exc.strerror})") from None
    return rules
