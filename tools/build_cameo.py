"""Build ``scoring/data/cameo.toml``: escalation and cooperation entries from CAMEO.

Usage (from the repository root)::

    python -m tools.build_cameo            # regenerate scoring/data/cameo.toml
    python -m tools.build_cameo --check    # exit 1 if the committed file is out of date

Inputs: ``../shared/data/cameo/CAMEO.2.0.txt`` (the PETRARCH2 verb dictionary, MIT),
``../shared/data/cameo/goldstein.csv`` (CAMEO code -> Goldstein weight, from the ICEWS tools,
MIT) and ``tools/cameo_curation.toml`` (every decision of ours, with reasons). Users do not
have ``../shared``: the generated file is committed, with ``scoring/data/LICENSE-cameo``.

What is derived (see the header of the generated file for its format):

1. *Bare verb entries*: every form of each verb (lemma, -s, past, -ing; irregular forms from
   the dictionary, regular ones from :mod:`tools.inflect`) whose code (its own or its
   block's) falls in a tier of the curation file, points from the Goldstein weight of the
   code. Verbs left out as bare words, and ambiguous lemmas narrowed to some forms, are listed
   in the curation file.
2. *Context entries* (``context = [...]``): a verb within a few words of the objects of one of
   its block's patterns, with the pattern's code. They are needed where the verb codes only
   in context (``[---]`` blocks, ambiguous lemmas) and where the pattern gives another tier
   than the bare verb ("struck a deal" 057; "killed in an accident" [---] -> 0).
3. *Nouns* harvested from patterns (curfew, tear gas, sanctions) and topic words from the
   weapon synonym sets.
4. *Exclusion phrases* (weight 0) that hide a kept verb form used in another sense.

When two sources give the same form, the entry with the larger points (in absolute value)
wins, escalation before de-escalation on a tie.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tomllib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tools.cameo import (
    Block,
    Dictionary,
    Goldstein,
    Slot,
    parse_dictionary,
    parse_goldstein,
)
from tools.inflect import noun_plural, verb_forms

__all__ = ["Built", "Curation", "Tier", "build", "main", "render"]

ROOT = Path(__file__).resolve().parents[1]
CAMEO_DIR = ROOT.parent / "shared" / "data" / "cameo"
OUT = ROOT / "scoring" / "data" / "cameo.toml"
CURATION = Path(__file__).resolve().with_name("cameo_curation.toml")
FORMAT_VERSION = 1
WINDOW = 4  # words between the verb and the first object word, and between object words
TOPIC_POINTS = 6.0  # the middle of the "military" topic tier of lexicon.toml (~3-8)
# (times the curation's `topic_scale`, the fitted factor of CAMEO topic words)


class BuildError(ValueError):
    """The inputs disagree with the curation file (a listed word CAMEO does not hold)."""


@dataclass(frozen=True, slots=True)
class Tier:
    category: str
    roots: frozenset[str]
    goldstein: tuple[float, float]  # weakest, strongest
    points: tuple[float, float]  # weakest, strongest
    scale: float

    def holds(self, root: str, weight: float) -> bool:
        lo, hi = sorted(self.goldstein)
        return root in self.roots and lo - 1e-9 <= weight <= hi + 1e-9

    def points_for(self, weight: float) -> float:
        (g0, g1), (p0, p1) = self.goldstein, self.points
        t = 0.0 if g1 == g0 else (weight - g0) / (g1 - g0)
        t = min(1.0, max(0.0, t))
        return round((p0 + (p1 - p0) * t) * self.scale, 1) + 0.0


@dataclass(frozen=True)
class Curation:
    tiers: tuple[Tier, ...]
    cooperation_keep: frozenset[str]
    not_bare: dict[str, str]  # lemma -> reason group ("generic", "context")
    forms: dict[str, tuple[str, ...]]
    exclusions: tuple[str, ...]
    nouns: dict[str, tuple[str, ...]]  # category -> nouns
    topic_sets: tuple[str, ...]
    topic_drop: frozenset[str]
    gate: dict[str, tuple[str, ...]]
    topic_points: float = TOPIC_POINTS

    @classmethod
    def from_toml(cls, text: str) -> Curation:
        data = tomllib.loads(text)
        tiers = tuple(
            Tier(
                t["category"],
                frozenset(t["roots"]),
                (float(t["goldstein"][0]), float(t["goldstein"][1])),
                (float(t["points"][0]), float(t["points"][1])),
                float(t.get("scale", 1.0)),
            )
            for t in data["tiers"]
        )
        verbs = data["verbs"]
        not_bare = {lemma: group for group, ls in verbs["drop"].items() for lemma in ls}
        nouns = data["nouns"]
        return cls(
            tiers=tiers,
            cooperation_keep=frozenset(verbs["cooperation_keep"]),
            not_bare=not_bare,
            forms={k: tuple(v) for k, v in verbs["forms"].items()},
            exclusions=tuple(verbs["exclusions"]["phrases"]),
            nouns={
                k: tuple(v)
                for k, v in nouns.items()
                if k in {"force", "threat", "protest", "military"}
            },
            topic_sets=tuple(nouns["topic_sets"]),
            topic_drop=frozenset(nouns["topic_drop"]),
            gate={k: tuple(v) for k, v in data["gate"].items()},
            topic_points=round(TOPIC_POINTS * float(nouns.get("topic_scale", 1.0)), 1),
        )


@dataclass
class Built:
    terms: dict[str, dict[str, float]] = field(default_factory=lambda: defaultdict(dict))
    sources: dict[str, str] = field(default_factory=dict)  # form -> "lemma code"
    verbs: dict[str, tuple[str, ...]] = field(default_factory=dict)
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict)  # name -> lemmas
    sets: dict[str, tuple[str, ...]] = field(default_factory=dict)
    context: list[dict[str, object]] = field(default_factory=list)
    stats: dict[str, int] = field(default_factory=dict)


COOPERATION_ROOTS = frozenset({"02", "03", "04", "05", "06", "07", "08"})
FUNCTION_WORDS = frozenset(
    ["a", "an", "the", "and", "or", "if", "that", "as", "to", "for", "in", "on", "at", "by",
     "with", "of", "from", "into", "onto", "over", "under", "up", "down", "out", "off", "away",
     "back", "about", "against", "after", "before", "during", "until", "since", "through",
     "toward", "towards", "across", "along", "around", "behind", "between", "upon", "per",
     "via", "himself", "herself", "themselves", "itself", "each", "other", "one"]
)  # fmt: skip


def goldstein_of(code: str, table: dict[str, Goldstein]) -> Goldstein | None:
    """The weight of ``code``, or of its nearest parent code (176 is not in the ICEWS table:
    it takes 17's weight)."""
    c = code
    while c and c not in table:
        c = c[:-1]
    return table.get(c) if c else None


def outcome(
    code: str, table: dict[str, Goldstein], tiers: Iterable[Tier]
) -> tuple[str, float, float] | None:
    """``(category, points, goldstein)`` of a code, or None when no tier holds it."""
    if code == "---":
        return None
    g = goldstein_of(code, table)
    if g is None:
        return None
    tiers = tuple(tiers)
    # the first tier of the code's root whose Goldstein range holds the weight; failing
    # that, the first tier of the root (its points clamped at the nearer end)
    for tier in (*[t for t in tiers if t.holds(code[:2], g.weight)],
                 *[t for t in tiers if code[:2] in t.roots]):  # fmt: skip
        return tier.category, tier.points_for(g.weight), g.weight
    return None


def _bare_allowed(lemma: str, root: str, cur: Curation) -> bool:
    if lemma in cur.not_bare:
        return False
    return not (root in COOPERATION_ROOTS and lemma not in cur.cooperation_keep)


def _add(built: Built, category: str, form: str, points: float, source: str) -> None:
    """Keep the strongest entry of a form (escalation first on a tie)."""
    for entries in built.terms.values():
        if form in entries:
            old = entries[form]
            if (abs(old), old > 0) >= (abs(points), points > 0):
                return
            del entries[form]
            break
    built.terms[category][form] = points
    built.sources[form] = source


def _slot_words(slots: tuple[Slot, ...], dic: Dictionary) -> list[str] | None:
    """A pattern side as the generated file writes it: words, phrases and ``&set`` names;
    actor slots are gaps. None when a set is undefined (PETRARCH skips such patterns too)."""
    out: list[str] = []
    for s in slots:
        if s.is_actor:
            continue
        if s.is_synset and s.text not in dic.synsets:
            return None
        out.append(s.text)
    return out


def set_members(name: str, dic: Dictionary) -> tuple[str, ...]:
    """Members of a synonym set with their generated plurals (PETRARCH's rule: none for a
    set or member marked with a final ``_``)."""
    out: list[str] = []
    for m in dic.synsets[name]:
        out.append(m)
        if name not in dic.no_plural and m not in dic.no_plural and not m.endswith("s"):
            out.append(noun_plural(m))
    return tuple(dict.fromkeys(out))


def _verb_forms_of(block: Block) -> dict[str, tuple[str, ...]]:
    forms: dict[str, list[str]] = {}
    for v in block.verbs:
        forms.setdefault(v.lemma, []).extend(verb_forms(v.lemma, v.forms))
    return {k: tuple(dict.fromkeys(v)) for k, v in forms.items()}


def _pattern_candidates(dic: Dictionary, table: dict[str, Goldstein]) -> dict[str, list[float]]:
    occurrences: dict[str, list[float]] = defaultdict(list)
    for block in dic.blocks:
        for p in block.patterns:
            g = goldstein_of(p.code, table) if p.code != "---" else None
            weight = g.weight if g is not None else 0.0
            for s in p.before + p.after:
                if not (s.is_actor or s.is_synset):
                    occurrences[s.text].append(weight)
    return occurrences


def build(dic: Dictionary, table: dict[str, Goldstein], cur: Curation) -> Built:
    """Derive every entry; raises :class:`BuildError` when the curation names a word that the
    dictionary does not hold."""
    built = Built()
    all_lemmas = {v.lemma for b in dic.blocks for v in b.verbs}
    for name in [*cur.not_bare, *cur.forms, *cur.cooperation_keep]:
        if name not in all_lemmas:
            raise BuildError(f"curation names verb {name!r}, which CAMEO does not hold")
    context_only = {lemma for lemma, why in cur.not_bare.items() if why == "context"}
    by_tier = {t.category: t for t in cur.tiers}

    # 1. bare verbs
    n_bare = 0
    for block in dic.blocks:
        forms = _verb_forms_of(block)
        for v in block.verbs:
            code = v.code or block.code
            result = outcome(code, table, cur.tiers)
            if result is None or not _bare_allowed(v.lemma, code[:2], cur):
                continue
            if v.lemma.endswith((" and", " or")):
                continue  # TABARI's compound-event stubs ("killed and"): not words of their own
            category, points, _ = result
            for form in cur.forms.get(v.lemma, forms[v.lemma]):
                _add(built, category, form, points, f"{v.lemma} {code}")
            n_bare += 1
    built.stats["bare verbs"] = n_bare

    # 2. context entries: per block and pattern, the verbs that need it
    seen: set[tuple[object, ...]] = set()
    used_sets: set[str] = set()
    groups: dict[tuple[str, ...], str] = {}
    for block in dic.blocks:
        forms = _verb_forms_of(block)
        for p in block.patterns:
            before = _slot_words(p.before, dic)
            after = _slot_words(p.after, dic)
            if before is None or after is None or not (before or after):
                continue
            target = outcome(p.code, table, cur.tiers)
            # "lead * to", "concern * for": too weak to read as the event without a parse;
            # patterns of function words only are kept for force or threat ("fire * at")
            weak = not any(w.startswith("&") or w not in FUNCTION_WORDS for w in before + after)
            if weak and (target is None or target[0] not in {"force", "threat"}):
                continue
            needing: list[str] = []
            for v in block.verbs:
                if cur.not_bare.get(v.lemma) == "never":
                    continue
                code = v.code or block.code
                default = outcome(code, table, cur.tiers)
                bare = default is not None and _bare_allowed(v.lemma, code[:2], cur)
                if target is None:
                    # a null pattern matters only where the bare verb scores
                    if bare or v.lemma in cur.forms:
                        needing.append(v.lemma)
                elif not bare or default is None or default[:2] != target[:2]:
                    needing.append(v.lemma)
            needing = sorted(set(needing))
            if not needing:
                continue
            key = (tuple(needing), tuple(before), tuple(after), p.code)
            if key in seen:
                continue
            seen.add(key)
            for lemma in needing:
                built.verbs[lemma] = forms[lemma]
            used_sets.update(w for w in before + after if w.startswith("&"))
            group = groups.get(tuple(needing))
            if group is None:
                group = block.name if block.name not in built.groups else f"{block.name} {p.line}"
                groups[tuple(needing)] = group
                built.groups[group] = tuple(needing)
            entry: dict[str, object] = {"group": group}
            if before:
                entry["before"] = before
            if after:
                entry["after"] = after
            entry["code"] = p.code
            if target is None:
                entry["category"], entry["points"] = "exclusion", 0.0
            else:
                entry["category"], entry["points"] = target[0], target[1]
            built.context.append(entry)
    built.stats["context entries"] = len(built.context)
    built.stats["null context entries"] = sum(
        1 for e in built.context if e["category"] == "exclusion"
    )
    for name in sorted(used_sets):
        built.sets[name] = set_members(name, dic)
    # the bare forms of context-only lemmas never score alone, whatever block lists them
    for lemma in context_only:
        for form in verb_forms(lemma):
            for entries in built.terms.values():
                entries.pop(form, None)

    # 3. nouns from patterns, and topic words from the weapon sets
    candidates = _pattern_candidates(dic, table)
    n_nouns = 0
    for category, nouns in cur.nouns.items():
        tier = by_tier.get(category)
        for noun in nouns:
            weights = candidates.get(noun, [])
            conflict = [w for w in weights if w <= -4]
            if not conflict or len(conflict) < 0.5 * len(weights):
                raise BuildError(
                    f"curation keeps noun {noun!r}, which is not a conflict word of CAMEO's "
                    f"patterns ({len(conflict)} conflict uses of {len(weights)})"
                )
            conflict.sort()
            median = conflict[len(conflict) // 2]
            points = tier.points_for(median) if tier is not None else cur.topic_points
            for form in (noun, noun_plural(noun)) if not noun.endswith("s") else (noun,):
                _add(built, category, form, points, f"noun {noun} {median:g}")
            n_nouns += 1
    for name in cur.topic_sets:
        if name not in dic.synsets:
            raise BuildError(f"curation names synonym set {name!r}, which CAMEO does not hold")
        for member in set_members(name, dic):
            if member not in cur.topic_drop and any(c.isalpha() for c in member):
                _add(built, "military", member, cur.topic_points, f"set {name}")
                n_nouns += 1
    built.stats["nouns"] = n_nouns

    # 4. exclusion phrases
    for phrase in cur.exclusions:
        built.terms["exclusion"][phrase] = 0.0
    built.stats["terms"] = sum(len(v) for v in built.terms.values())
    return built


# -- rendering ---------------------------------------------------------------------------------


def _q(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def _list(items: Iterable[str]) -> str:
    return "[" + ", ".join(_q(i) for i in items) + "]"


HEADER = """\
# Escalation and cooperation entries derived from the CAMEO event vocabulary.
# GENERATED by `python -m tools.build_cameo` -- do not edit; change tools/cameo_curation.toml
# or tools/build_cameo.py and regenerate (`python -m tools.build_cameo --check` in tests).
#
# Sources (notices in LICENSE-cameo beside this file; both MIT):
#   CAMEO.2.0.txt, the CAMEO verb-pattern dictionary of the PETRARCH2 event coder,
#     Copyright (c) 2014-2015 Open Event Data Alliance (github.com/openeventdata/petrarch2).
#   goldstein.csv, CAMEO code -> Goldstein conflict-cooperation weight, from the icews R
#     package, Copyright (c) 2022 Andreas Beger (github.com/andybega/icews).
#
# Format (version {fmt}; proposed for the lexicon loader):
#   [terms.<category>] "form" = points   as in lexicon.toml: whole words, case-insensitive;
#       categories are those of lexicon.toml; a hand-made entry of lexicon.toml that matches
#       the same words takes precedence over an entry here.
#   [verbs] lemma = [forms]   every form of the verbs that the context entries name.
#   [sets]  "&name" = [members]   CAMEO synonym sets (with regular plurals).
#   [groups] name = [lemmas]   the verbs of one CAMEO block that share its patterns.
#   [context] window = N; entries = [{...}, ...]: a verb that scores only near its pattern's
#       words. Each entry:
#       group   a key of [groups]; any form of any of its verbs anchors the entry
#       after / before   words, phrases or "&set" names that must follow (precede) the
#               verb in this order, the first within `window` words of the verb and each
#               next within `window` words of the one before; all in the same sentence
#       code    the CAMEO code; category/points as for terms. category "exclusion" with 0
#               points: the verb in this context is no event ("killed in an accident") and
#               its bare entry does not score there.
#     A context match replaces the bare entry of its verb (the more specific reading wins);
#     the verb is the hit's span, the object words are not consumed (they score on their own).
#   Points come from the Goldstein weight of each code through the tiers of
#   tools/cameo_curation.toml (shown in [[tiers]] below for reference).
"""


def render(built: Built, cur: Curation, digest: str) -> str:
    out = [HEADER.replace("{fmt}", str(FORMAT_VERSION))]
    out.append(f'format = {FORMAT_VERSION}\nsource_digest = "{digest}"\n')
    out.append("# counts: " + ", ".join(f"{k} {v}" for k, v in built.stats.items()) + "\n")
    for t in cur.tiers:
        out.append(
            f"[[tiers]]\ncategory = {_q(t.category)}\nroots = {_list(sorted(t.roots))}\n"
            f"goldstein = [{t.goldstein[0]}, {t.goldstein[1]}]\n"
            f"points = [{t.points[0]}, {t.points[1]}]\nscale = {t.scale}\n"
        )
    order = [t.category for t in cur.tiers] + ["military", "exclusion"]
    for category in sorted(built.terms, key=lambda c: (order.index(c) if c in order else 99, c)):
        entries = built.terms[category]
        if not entries:
            continue
        out.append(f"[terms.{category}]")
        for form in sorted(entries):
            out.append(f"{_q(form)} = {entries[form]}")
        out.append("")
    out.append("[verbs]")
    for lemma in sorted(built.verbs):
        out.append(f"{_q(lemma)} = {_list(built.verbs[lemma])}")
    out.append("")
    out.append("[sets]")
    for name in sorted(built.sets):
        out.append(f"{_q(name)} = {_list(built.sets[name])}")
    out.append("")
    out.append("[groups]")
    for name in sorted(built.groups):
        out.append(f"{_q(name)} = {_list(built.groups[name])}")
    out.append("")
    out.append(f"[context]\nwindow = {WINDOW}\nentries = [")
    for e in built.context:
        parts = [f"group = {_q(str(e['group']))}"]
        for side in ("before", "after"):
            if side in e:
                parts.append(f"{side} = {_list(e[side])}")  # type: ignore[arg-type]
        parts.append(f"code = {_q(str(e['code']))}")
        parts.append(f"category = {_q(str(e['category']))}")
        parts.append(f"points = {e['points']}")
        out.append("  { " + ", ".join(parts) + " },")
    out.append("]")
    return "\n".join(out).rstrip() + "\n"


def source_digest(*texts: str) -> str:
    h = hashlib.sha256()
    for t in texts:
        h.update(hashlib.sha256(t.encode("utf-8")).digest())
    return h.hexdigest()[:16]


def generate(cameo_dir: Path = CAMEO_DIR, curation: Path = CURATION) -> str:
    """The text of ``cameo.toml`` from the inputs."""
    dictionary_text = (cameo_dir / "CAMEO.2.0.txt").read_text(encoding="utf-8")
    goldstein_text = (cameo_dir / "goldstein.csv").read_text(encoding="utf-8")
    curation_text = curation.read_text(encoding="utf-8")
    builder_text = Path(__file__).read_text(encoding="utf-8")
    inflect_text = Path(__file__).with_name("inflect.py").read_text(encoding="utf-8")
    cur = Curation.from_toml(curation_text)
    built = build(parse_dictionary(dictionary_text), parse_goldstein(goldstein_text), cur)
    digest = source_digest(dictionary_text, goldstein_text, curation_text, builder_text,
                           inflect_text)  # fmt: skip
    return render(built, cur, digest)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.build_cameo", description=__doc__)
    parser.add_argument("--cameo-dir", type=Path, default=CAMEO_DIR)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--check", action="store_true", help="fail if --out is out of date")
    args = parser.parse_args(argv)
    if not (args.cameo_dir / "CAMEO.2.0.txt").exists():
        print(f"missing {args.cameo_dir / 'CAMEO.2.0.txt'}", file=sys.stderr)
        return 2
    text = generate(args.cameo_dir)
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out} is out of date: run python -m tools.build_cameo", file=sys.stderr)
            return 1
        print(f"{args.out} is up to date")
        return 0
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({len(text.splitlines())} lines)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
