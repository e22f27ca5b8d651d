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
import re
from dataclasses import dataclass, field, fields, replace
from functools import cache
from typing import Any, Literal

from tension.scoring.datafiles import Reporter, data_text, parse_toml
from tension.scoring.normalise import normalise

__all__ = [
    "KINDS",
    "ContextEntry",
    "Lexicon",
    "LexiconError",
    "LexiconTerm",
    "Rules",
    "Slot",
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
    ``source`` says which file the entry comes from: ``hand`` (``lexicon.toml``), ``cameo``
    (``cameo.toml``, derived from the CAMEO event dictionary) or ``user``.
    """

    term: str
    category: str
    kind: Kind
    weight: float
    prefix: bool = False
    source: str = "hand"

    @property
    def key(self) -> str:
        """The entry as written in a lexicon file (``"provocati*"``)."""
        return self.term + ("*" if self.prefix else "")


Slot = tuple[tuple[str, ...], ...]
"""One pattern word of a context entry: its alternative word sequences (a word and its
regular plural, a phrase, or every member of a CAMEO synonym set)."""


@dataclass(frozen=True, slots=True)
class ContextEntry:
    """A verb that scores only beside its pattern's words (see :mod:`tension.scoring.context`).

    ``verbs`` holds every form of every verb of the entry ("fire", "fired", ...); ``before``
    and ``after`` the slots that must precede / follow one of them, in order; ``code`` the
    CAMEO code (``"---"``: no event); ``weight`` the points, 0 for category ``exclusion``
    (the verb in this context is no event: it cancels its bare entry and never scores).
    """

    verbs: tuple[str, ...]
    before: tuple[Slot, ...]
    after: tuple[Slot, ...]
    code: str
    category: str
    kind: Kind
    weight: float
    source: str = "cameo"

    @property
    def size(self) -> int:
        """The number of pattern words (the entry with most wins on the same verb)."""
        return len(self.before) + len(self.after)


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
    positive_sentiment_points: float = 0.0
    threat_words: tuple[str, ...] = ()
    threat_window: int = 4
    threat_factor: float = 1.0
    gate_disaster: tuple[str, ...] = ()
    gate_epidemic: tuple[str, ...] = ()
    gate_accident: tuple[str, ...] = ()
    gate_crime: tuple[str, ...] = ()
    gate_sport: tuple[str, ...] = ()
    harm_words: tuple[str, ...] = ()
    gate_cue_categories: tuple[str, ...] = ()
    bound_k: float = 60.0
    bound_softness: float = 2.0

    @property
    def gates(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The gate word lists by kind (disaster, epidemic, accident, crime, sport)."""
        return tuple(
            (name, getattr(self, f"gate_{name}"))
            for name in ("disaster", "epidemic", "accident", "crime", "sport")
        )


@dataclass(frozen=True)
class Lexicon:
    """A complete, validated lexicon: categories, terms and rule settings."""

    version: str
    categories: tuple[tuple[str, Kind], ...]
    terms: tuple[LexiconTerm, ...]
    rules: Rules = field(default_factory=Rules)
    context: tuple[ContextEntry, ...] = ()
    context_window: int = 4

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


_TOP_KEYS = {"version", "categories", "terms", "remove", "rules", "context"}


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
    _apply_terms(data.get("terms", {}), rep, categories, terms, "hand" if is_base else "user")
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
    source: str,
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
            entry = _term(raw, weight, category, categories[category], rep, source)
            terms[(entry.term, entry.prefix)] = entry


def _term(
    raw: str,
    weight: Any,
    category: str,
    kind: Kind,
    rep: Reporter[LexiconError],
    source: str = "hand",
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
    return LexiconTerm(term, category, kind, w, prefix, source)


# -- the CAMEO entries (data/cameo.toml) -------------------------------------------------------

RUNGS: dict[str, int] = {
    "concern": 1,
    "sovereignty": 1,
    "military": 1,
    "challenge": 2,
    "criticism": 2,
    "demand": 2,
    "protest": 3,
    "threat": 4,
    "force": 5,
}
"""The escalation ladder. Where a hand-made entry and a CAMEO entry hold the same word, the
hand-made one stands unless CAMEO puts the word on a higher rung ("abducted": criticism by
hand, assault in CAMEO, so force)."""


@dataclass(frozen=True, slots=True)
class _Names:
    """What context entries may refer to: verb forms by lemma, synonym sets, verb groups."""

    verbs: dict[str, tuple[str, ...]]
    sets: dict[str, tuple[str, ...]]
    groups: dict[str, tuple[str, ...]]


WORD = re.compile(r"[^\W_](?:[\w'\-]*[^\W_])?")
"""A word, as context entries see it: letters and digits, with ``'`` and ``-`` inside."""


def _plural(phrase: str) -> str:
    """The regular plural of a noun or phrase, last word inflected, as ``tools/inflect.py``
    makes it for the build: -es after s, x, z, ch, sh; consonant + y -> -ies; else -s."""
    head, sep, last = phrase.rpartition(" ")
    if not last.isalpha():
        return phrase
    if last.endswith(("s", "x", "z", "ch", "sh")):
        last += "es"
    elif last.endswith("y") and len(last) > 1 and last[-2] not in "aeiou":
        last = last[:-1] + "ies"
    else:
        last += "s"
    return head + sep + last


def _apply_cameo(
    data: dict[str, Any],
    rep: Reporter[LexiconError],
    categories: dict[str, Kind],
    terms: dict[tuple[str, bool], LexiconTerm],
) -> _Names:
    """The bare entries of ``cameo.toml`` added to ``terms`` under the precedence rule (see
    :data:`RUNGS`; a CAMEO word that a hand-made entry, exact or prefix, matches is otherwise
    not loaded), and the names its context entries use."""
    prefixes = {t.term: t for t in terms.values() if t.prefix}
    all_terms = data.get("terms", {})
    if not isinstance(all_terms, dict):
        raise rep.error("[terms] must hold one table per category", "", "terms")
    for category, entries in all_terms.items():
        table = f"terms.{category}"
        if category not in categories or not isinstance(entries, dict):
            raise rep.error(f"unknown category {category!r}", table)
        for raw, weight in entries.items():
            entry = _term(raw, weight, category, categories[category], rep, "cameo")
            key = (entry.term, entry.prefix)
            hand = terms.get(key)
            if hand is None and " " not in entry.term:
                hand = next(
                    (
                        prefixes[entry.term[:n]]
                        for n in range(len(entry.term), 0, -1)
                        if entry.term[:n] in prefixes
                    ),
                    None,
                )
            if hand is not None and RUNGS.get(entry.category, 0) <= RUNGS.get(hand.category, 9):
                continue  # the hand-made entry stands
            terms[key] = entry
    names = []
    for section in ("verbs", "sets", "groups"):
        table = data.get(section, {})
        if not isinstance(table, dict) or not all(
            isinstance(v, list) and all(isinstance(w, str) for w in v) for v in table.values()
        ):
            raise rep.error(f"[{section}] must map names to lists of strings", section)
        names.append({k: tuple(normalise(w) for w in v) for k, v in table.items()})
    return _Names(*names)


def _entry_line(text: str, n: int) -> int | None:
    """The line of the ``n``-th (0-based) inline table after the ``[context]`` header."""
    lines = text.splitlines()
    start = next((i for i, ln in enumerate(lines) if ln.strip() == "[context]"), None)
    if start is None:
        return None
    seen = -1
    for i in range(start + 1, len(lines)):
        seen += lines[i].split("#", 1)[0].count("{")
        if seen >= n:
            return i + 1
    return None


class _EntryReporter:
    """Errors of one context entry, with the line of its inline table."""

    def __init__(self, rep: Reporter[LexiconError], n: int) -> None:
        self.rep = rep
        self.n = n

    def error(self, problem: str) -> LexiconError:
        line = _entry_line(self.rep.text, self.n)
        where = f"{self.rep.source} line {line}" if line else self.rep.source
        return LexiconError(f"{where}: context entry {self.n + 1}: {problem}")


_ENTRY_KEYS = {"group", "verbs", "before", "after", "code", "category", "points"}


def _apply_context(
    data: dict[str, Any],
    rep: Reporter[LexiconError],
    categories: dict[str, Kind],
    names: _Names,
    source: str,
) -> tuple[list[ContextEntry], int | None]:
    """``[context]``: ``window = N`` and ``entries = [{group | verbs, after, before, code,
    category, points}, ...]``, each checked: a known group (or a list of verb forms), slots
    that are words, phrases or known ``&sets``, a known category, points of the right sign."""
    section = data.get("context", {})
    if not isinstance(section, dict) or set(section) - {"window", "entries"}:
        raise rep.error("[context] must hold only 'window' and 'entries'", "context")
    window = section.get("window")
    if window is not None and (
        not isinstance(window, int) or isinstance(window, bool) or not 1 <= window <= 20
    ):
        raise rep.error("context.window must be a whole number from 1 to 20", "context", "window")
    raw_entries = section.get("entries", [])
    if not isinstance(raw_entries, list):
        raise rep.error("context.entries must be a list of tables", "context", "entries")
    slot_cache: dict[str, Slot] = {}
    group_cache: dict[str, tuple[str, ...]] = {}
    out: list[ContextEntry] = []
    for n, e in enumerate(raw_entries):
        er = _EntryReporter(rep, n)
        if not isinstance(e, dict):
            raise er.error("must be a table { group = ..., after = [...], ... }")
        unknown = set(e) - _ENTRY_KEYS
        if unknown:
            raise er.error(f"unknown key {sorted(unknown)[0]!r}")
        verbs = _entry_verbs(e, er, names, group_cache)
        category = e.get("category")
        if category not in categories:
            raise er.error(f"unknown category {category!r}")
        kind = categories[category]
        w: Any = e.get("points")
        if not _number(w) or abs(w) > 1000:
            raise er.error(f"points must be a finite number from -1000 to 1000, got {w!r}")
        signs = {"escalation": w >= 0, "deescalation": w <= 0, "exclusion": w == 0}
        if not signs[kind]:
            sign = {"escalation": ">= 0", "deescalation": "<= 0", "exclusion": "0"}[kind]
            raise er.error(f"{kind} points must be {sign}, got {w}")
        code = e.get("code", "user")
        if not isinstance(code, str) or not code:
            raise er.error("code must be a non-empty string")
        slots = {}
        for side in ("before", "after"):
            value = e.get(side, [])
            if not isinstance(value, list) or not all(
                isinstance(x, str) and x.strip() for x in value
            ):
                raise er.error(f"{side} must be a list of words, phrases or &sets")
            slots[side] = tuple(_slot(x, er, names, slot_cache) for x in value)
        if not slots["before"] and not slots["after"]:
            raise er.error("needs 'before' or 'after' words (a bare verb is a [terms] entry)")
        out.append(
            ContextEntry(
                verbs, slots["before"], slots["after"], code, category, kind, float(w), source
            )
        )
    return out, window


def _entry_verbs(
    e: dict[str, Any], er: _EntryReporter, names: _Names, cache: dict[str, tuple[str, ...]]
) -> tuple[str, ...]:
    if ("group" in e) == ("verbs" in e):
        raise er.error("needs exactly one of 'group' (a CAMEO verb group) or 'verbs' (forms)")
    if "verbs" in e:
        forms = e["verbs"]
        if (
            not isinstance(forms, list)
            or not forms
            or not all(isinstance(f, str) and f.strip() for f in forms)
        ):
            raise er.error("verbs must be a non-empty list of verb forms")
        return tuple(" ".join(WORD.findall(normalise(f))) for f in forms)
    group = e["group"]
    if not isinstance(group, str) or group not in names.groups:
        raise er.error(f"unknown verb group {group!r}")
    if group not in cache:
        found: list[str] = []
        for lemma in names.groups[group]:
            found.extend(names.verbs.get(lemma, (lemma,)))
        cache[group] = tuple(dict.fromkeys(" ".join(WORD.findall(f)) for f in found))
    return cache[group]


def _slot(word: str, er: _EntryReporter, names: _Names, cache: dict[str, Slot]) -> Slot:
    if word not in cache:
        if word.startswith("&"):
            if word not in names.sets:
                raise er.error(f"unknown synonym set {word!r}")
            alternatives: tuple[str, ...] = names.sets[word]
        else:
            w = normalise(word)
            alternatives = (w, _plural(w))
        seqs = (tuple(WORD.findall(a)) for a in alternatives)
        cache[word] = tuple(dict.fromkeys(seq for seq in seqs if seq))
    return cache[word]


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
    if name in ("repetition_factor", "sentiment_points", "positive_sentiment_points") and value < 0:
        raise rep.error(f"{name} must not be negative, got {value}", "rules", name)
    if name in ("bound_k", "bound_softness") and value <= 0:
        raise rep.error(f"{name} must be positive, got {value}", "rules", name)
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
    if "context" in base:
        raise LexiconError("lexicon.toml: context entries belong in cameo.toml")
    cameo_text = data_text("cameo.toml")
    cameo = parse_toml(cameo_text, "cameo.toml", LexiconError)
    cameo_rep = Reporter(cameo_text, "cameo.toml", LexiconError)
    names = _apply_cameo(cameo, cameo_rep, categories, terms)
    context, window = _apply_context(cameo, cameo_rep, categories, names, "cameo")
    version = str(base.get("version", "0"))
    if user_text is not None:
        user = parse_toml(user_text, source, LexiconError)
        rep = Reporter(user_text, source, LexiconError)
        rules = _apply(user, rep, categories, terms, rules, is_base=False)
        extra, user_window = _apply_context(user, rep, categories, names, "user")
        context.extend(extra)
        window = user_window or window
        digest = hashlib.sha256(user_text.encode("utf-8")).hexdigest()[:8]
        version = f"{version}+{digest}"
    ordered = tuple(sorted(terms.values(), key=lambda t: (t.category, t.term, t.prefix)))
    return Lexicon(version, tuple(categories.items()), ordered, rules, tuple(context), window or 4)


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
