"""The escalation / de-escalation lexicon: data in ``scoring/data/lexicon.toml``.

The base lexicon ships with the package and is read once (``importlib.resources``). A user
lexicon (same TOML format, every part optional) is applied on top of it: it can add
categories, add terms or change their points (re-list a term, in any category), remove terms
(``[remove] terms = [...]``) and replace any rule setting (``[rules]``). Scoring does no file
I/O, so :func:`load_lexicon` takes the user file's *text* and a name used in error messages.

Every problem is a :class:`LexiconError` naming the source and line::

    my.toml line 12: weight must be a number, got 'high'

The effective version of a lexicon with a user file is ``<base version>+<8 hex of sha256 of
the user text>``, so every score says exactly which word lists produced it.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field, fields, replace
from functools import cache
from typing import Any, Literal

from tension.scoring.datafiles import Reporter, data_text, parse_toml
from tension.scoring.normalise import normalise

__all__ = [
    "KINDS",
    "Lexicon",
    "LexiconError",
    "LexiconTerm",
    "Rules",
    "base_lexicon",
    "load_lexicon",
]

Kind = Literal["escalation", "deescalation", "exclusion"]
KINDS: tuple[Kind, ...] = ("escalation", "deescalation", "exclusion")


class LexiconError(ValueError):
    """A lexicon file is malformed; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class LexiconTerm:
    """One lexicon entry.

    ``term`` is normalised (lower case, single spaces) and has no ``*``; ``prefix`` is True
    for entries written with a final ``*`` (they match any word that starts with ``term``).
    """

    term: str
    category: str
    kind: Kind
    weight: float
    prefix: bool = False

    @property
    def key(self) -> str:
        """The entry as written in a lexicon file (``"provocati*"``)."""
        return self.term + ("*" if self.prefix else "")


@dataclass(frozen=True, slots=True)
class Rules:
    """Settings of the context rules (see ``[rules]`` in ``lexicon.toml`` for examples)."""

    negation_window: int = 3
    negation_factor: float = -0.25
    negation_factor_deescalation: float = -0.5
    negators: tuple[str, ...] = ()
    intensifier_window: int = 2
    intensifier_factor: float = 1.5
    intensifiers: tuple[str, ...] = ()
    hedge_window: int = 3
    hedge_factor: float = 0.6
    hedges: tuple[str, ...] = ()
    denial_window: int = 6
    denial_factor: float = 0.3
    denials: tuple[str, ...] = ()
    sympathy_factor: float = 0.2
    topic_categories: tuple[str, ...] = ()
    topic_alone_factor: float = 1.0
    exclusion_context: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    target_factor: float = 1.0
    repetition_factor: float = 0.5
    sentiment_points: float = 20.0
    sentiment_weights: tuple[float, ...] = (0.5, 0.3, 0.2)


@dataclass(frozen=True)
class Lexicon:
    """A complete, validated lexicon: categories, terms and rule settings."""

    version: str
    categories: tuple[tuple[str, Kind], ...]
    terms: tuple[LexiconTerm, ...]
    rules: Rules = field(default_factory=Rules)

    def kind_of(self, category: str) -> Kind:
        """The kind (escalation, deescalation, exclusion) of a category."""
        return dict(self.categories)[category]

    def get(self, key: str) -> LexiconTerm | None:
        """The entry written as ``key`` (``"attack"``, ``"provocati*"``), if any."""
        term, prefix = _split_key(key)
        for t in self.terms:
            if t.term == term and t.prefix == prefix:
                return t
        return None


def _split_key(key: str) -> tuple[str, bool]:
    key = normalise(key)
    if key.endswith("*"):
        return key[:-1].rstrip(), True
    return key, False


def _describe(value: Any) -> str:
    return repr(value) if isinstance(value, str) else f"{type(value).__name__} {value!r}"


def _number(value: Any) -> bool:
    """A finite number: TOML's ``nan`` and ``inf`` are not (a NaN factor scores hostile text
    0 and stores NaN)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


_TOP_KEYS = {"version", "categories", "terms", "remove", "rules"}


def _apply(
    data: dict[str, Any],
    rep: Reporter[LexiconError],
    categories: dict[str, Kind],
    terms: dict[tuple[str, bool], LexiconTerm],
    rules: Rules,
    *,
    is_base: bool,
) -> Rules:
    """Apply one parsed lexicon file on top of ``categories``, ``terms`` (both updated in
    place) and ``rules`` (the new rules are returned). Sections are checked in a fixed order,
    so a file with several problems always reports the same one first."""
    _check_sections(data, rep)
    _check_version(data, rep, is_base=is_base)
    _apply_categories(data.get("categories", {}), rep, categories)
    _apply_remove(data.get("remove", {}), rep, terms)
    _apply_terms(data.get("terms", {}), rep, categories, terms)
    return _apply_rules(data.get("rules", {}), rep, rules)


def _check_sections(data: dict[str, Any], rep: Reporter[LexiconError]) -> None:
    for key in data:
        if key not in _TOP_KEYS:
            raise rep.error(
                f"unknown section {key!r} (expected one of: {', '.join(sorted(_TOP_KEYS))})",
                key if isinstance(data[key], dict) else "",
                None if isinstance(data[key], dict) else key,
            )


def _check_version(data: dict[str, Any], rep: Reporter[LexiconError], *, is_base: bool) -> None:
    """``version``: only the base lexicon has one, a non-empty string."""
    if "version" not in data:
        return
    if not is_base:
        raise rep.error(
            "a user lexicon has no version (it is derived from the base version and "
            "a hash of the file); remove the 'version' key",
            "",
            "version",
        )
    if not isinstance(data["version"], str) or not data["version"].strip():
        raise rep.error(
            f"version must be a non-empty string, got {_describe(data['version'])}",
            "",
            "version",
        )


def _apply_categories(cats: Any, rep: Reporter[LexiconError], categories: dict[str, Kind]) -> None:
    """``[categories]``: ``name = "escalation" | "deescalation" | "exclusion"``."""
    if not isinstance(cats, dict):
        raise rep.error("[categories] must be a table", "", "categories")
    for name, kind in cats.items():
        if kind not in KINDS:
            raise rep.error(
                f"category {name!r}: kind must be one of {', '.join(KINDS)}, got {_describe(kind)}",
                "categories",
                name,
            )
        categories[name] = kind


def _apply_remove(
    remove: Any, rep: Reporter[LexiconError], terms: dict[tuple[str, bool], LexiconTerm]
) -> None:
    """``[remove] terms = [...]``: entries that must exist, removed."""
    if not isinstance(remove, dict) or set(remove) - {"terms"}:
        raise rep.error("[remove] must hold only 'terms = [...]'", "remove")
    to_remove = remove.get("terms", [])
    if not isinstance(to_remove, list) or not all(isinstance(t, str) for t in to_remove):
        raise rep.error("remove.terms must be a list of strings", "remove", "terms")
    for raw in to_remove:
        k = _split_key(raw)
        if k not in terms:
            raise rep.error(f"cannot remove {raw!r}: no such term", "remove", "terms")
        del terms[k]


def _apply_terms(
    all_terms: Any,
    rep: Reporter[LexiconError],
    categories: dict[str, Kind],
    terms: dict[tuple[str, bool], LexiconTerm],
) -> None:
    """``[terms.<category>]``: ``"term" = points`` in a declared category; a term listed
    again (in any category) replaces the earlier entry."""
    if not isinstance(all_terms, dict):
        raise rep.error("[terms] must hold one table per category", "", "terms")
    for category, entries in all_terms.items():
        table = f"terms.{category}"
        if category not in categories:
            raise rep.error(
                f"unknown category {category!r} (declare it in [categories] first)", table
            )
        if not isinstance(entries, dict):
            raise rep.error(f'[{table}] must be a table of "term" = points', "terms", category)
        for raw, weight in entries.items():
            entry = _term(raw, weight, category, categories[category], rep)
            terms[(entry.term, entry.prefix)] = entry


def _term(
    raw: str, weight: Any, category: str, kind: Kind, rep: Reporter[LexiconError]
) -> LexiconTerm:
    """One ``"term" = points`` entry of ``[terms.<category>]``, checked: a term with letters
    or digits, a number whose sign fits the category's kind."""
    table = f"terms.{category}"
    term, prefix = _split_key(raw)
    if not term or "*" in term or not any(c.isalnum() for c in term):
        raise rep.error(
            f"bad term {raw!r}: a term needs letters or digits and may end with one '*' only",
            table,
            raw,
        )
    if not _number(weight):
        raise rep.error(f"weight must be a finite number, got {_describe(weight)}", table, raw)
    w = float(weight)
    if abs(w) > 1000:
        raise rep.error(f"weight must be between -1000 and 1000, got {weight}", table, raw)
    if kind == "escalation" and w < 0:
        raise rep.error(
            f"{raw!r}: escalation weights must be >= 0, got {weight} "
            "(put it in a deescalation category)",
            table,
            raw,
        )
    if kind == "deescalation" and w > 0:
        raise rep.error(f"{raw!r}: deescalation weights must be <= 0, got {weight}", table, raw)
    if kind == "exclusion" and w != 0:
        raise rep.error(f"{raw!r}: exclusion weights must be 0, got {weight}", table, raw)
    return LexiconTerm(term, category, kind, w, prefix)


def _apply_rules(rule_data: Any, rep: Reporter[LexiconError], rules: Rules) -> Rules:
    """``[rules]``: settings of :class:`Rules`, each checked against the type of its default."""
    if not isinstance(rule_data, dict):
        raise rep.error("[rules] must be a table", "", "rules")
    current = {f.name: getattr(rules, f.name) for f in fields(Rules)}
    changes: dict[str, Any] = {}
    for name, value in rule_data.items():
        if name not in current:
            raise rep.error(f"unknown rule setting {name!r}", "rules", name)
        changes[name] = _rule_value(name, value, current[name], rep)
    return replace(rules, **changes)


def _rule_value(name: str, value: Any, default: Any, rep: Reporter[LexiconError]) -> Any:
    """One ``[rules]`` setting, checked and converted: a list of words (normalised) or of
    non-negative numbers, a word window of 0 to 20, or a number."""
    if isinstance(default, tuple):
        want_str = name != "sentiment_weights"
        ok = isinstance(value, list) and all(
            isinstance(v, str) if want_str else _number(v) for v in value
        )
        if not ok:
            what = "strings" if want_str else "finite numbers"
            raise rep.error(f"{name} must be a list of {what}", "rules", name)
        if not want_str and any(v < 0 for v in value):
            raise rep.error(f"{name} must not be negative", "rules", name)
        return tuple(normalise(v) for v in value) if want_str else tuple(float(v) for v in value)
    if isinstance(default, int) and not isinstance(default, bool) and name.endswith("window"):
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 20:
            raise rep.error(
                f"{name} must be a whole number from 0 to 20, got {_describe(value)}",
                "rules",
                name,
            )
        return value
    if not _number(value):
        raise rep.error(f"{name} must be a finite number, got {_describe(value)}", "rules", name)
    if name in ("repetition_factor", "sentiment_points") and value < 0:
        raise rep.error(f"{name} must not be negative, got {value}", "rules", name)
    return float(value)


def _build(base_text: str, user_text: str | None, source: str) -> Lexicon:
    base = parse_toml(base_text, "lexicon.toml", LexiconError)
    categories: dict[str, Kind] = {}
    terms: dict[tuple[str, bool], LexiconTerm] = {}
    rules = _apply(
        base,
        Reporter(base_text, "lexicon.toml", LexiconError),
        categories,
        terms,
        Rules(),
        is_base=True,
    )
    version = str(base.get("version", "0"))
    if user_text is not None:
        user = parse_toml(user_text, source, LexiconError)
        rep = Reporter(user_text, source, LexiconError)
        rules = _apply(user, rep, categories, terms, rules, is_base=False)
        digest = hashlib.sha256(user_text.encode("utf-8")).hexdigest()[:8]
        version = f"{version}+{digest}"
    ordered = tuple(sorted(terms.values(), key=lambda t: (t.category, t.term, t.prefix)))
    return Lexicon(version, tuple(categories.items()), ordered, rules)


@cache
def base_lexicon() -> Lexicon:
    """The lexicon shipped with the package (built once per process)."""
    return _build(data_text("lexicon.toml"), None, "lexicon.toml")


def load_lexicon(user_toml: str | None = None, source: str = "<user lexicon>") -> Lexicon:
    """The base lexicon, with the user lexicon ``user_toml`` (TOML text) applied on top.

    ``source`` names the user file in error messages. Raises :class:`LexiconError`.
    """
    if user_toml is None:
        return base_lexicon()
    return _build(data_text("lexicon.toml"), user_toml, source)
