"""Prototype of the phase-2 scorer (issue 11), to decide the design before it is wired in.

It wraps today's :class:`tension.scoring.Scorer` and adds, without touching ``scoring/``:

1. the CAMEO entries of ``scoring/data/cameo.toml``: bare entries go into the scorer as a
   user lexicon (so every context rule of today applies to them), except forms that a
   hand-made entry of ``lexicon.toml`` already matches (hand-made entries take precedence);
   context entries (a verb near its pattern's words) are matched here, per sentence: a match
   replaces the bare hit on the same word ("struck a deal" is cooperation, "killed in an
   accident" no event), or scores alone where the verb has no bare entry ("fired tear gas",
   "set fire to"), with the word-window rules of today (negation, hedge, denial,
   intensifier) and the sport/film exclusion applied;
2. a threat-scope rule (the Geopolitical Risk index's lesson: threats and acts are different
   things): a force term within 4 words after a threat verb (warn, threaten, vow, menace) is
   threatened, not done: x 0.6, from the force tier down into the threat tier (30 -> 18,
   the points of "threat"): "warned of retaliatory steps", "threatened to invade";
2b. the "negative is not tension" gate: a sentence naming a disaster, an epidemic, an
   accident, crime news or sport (word lists in ``tools/cameo_curation.toml``) and holding no
   conflict cue (a force, threat, protest or military hit other than a word of harm such as
   "killed") loses its sentiment points and its escalation points;
3. fitted multipliers: every explanation line belongs to a feature group (``sentiment``,
   ``sentiment:positive``, ``hand:<category>``, ``cameo:<category>``, and for a rule line
   ``<its hit's group>|rule:<rule>``) and its points are multiplied by the group's weight
   (a rule line: its hit's weight times its rule's weight; 1.0 when not fitted); the score
   stays a sum of lines;
4. the bound: ``intensity = 100 * g / (g + K)`` with ``g = S * ln(1 + exp(raw / S))``,
   ``K`` = 60 and ``S`` = 2 points. ``g`` is a softplus: it equals raw above ~10 points and
   tends to 0 below 0, so a cooperative text still ranks below a neutral one (raw 0 -> 2.3,
   raw -10 -> 0.02) instead of all of them tying at 0. One force term (raw 28) -> 32, a
   hostile statement of raw 150 -> 71, raw 1,000 -> 94, raw 10,000 -> 99.4: smooth, strictly
   increasing, never 100 for a finite raw (100.00 at 2 decimals only past raw ~ 12 million),
   so a pile of terms cannot make different statements equal. K is chosen so that the seed
   checks of today keep their meaning (calm seed statements <= 15, hostile ones >= 50);
   AUC does not depend on it.

Limits (phase 2 does these properly inside the scorer): the target rule and repetition are
not applied to context-only matches; a gated sentence's sentiment is dropped after the
scorer chose its three most negative sentences (exact for single sentences, which is what
the development sets hold).
"""

from __future__ import annotations

import math
import re
import sys
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tension.scoring.intensity import Scorer, sentence_spans  # noqa: E402
from tension.scoring.lexicon import Kind, LexiconTerm, base_lexicon, load_lexicon  # noqa: E402
from tension.scoring.rules import words_before  # noqa: E402
from tools.inflect import noun_plural  # noqa: E402

CAMEO = ROOT / "scoring" / "data" / "cameo.toml"
CURATION = ROOT / "tools" / "cameo_curation.toml"
WEIGHTS = Path(__file__).resolve().with_name("fitted_weights.toml")
K = 60.0
S = 2.0
THREAT_WORDS = ("warn", "threat", "vow", "menac")
THREAT_WINDOW = 4
THREAT_FACTOR = 0.6  # force 30 -> 18, the hand-made "threat" entry
CUE_CATEGORIES = frozenset({"force", "threat", "protest", "military"})
# the escalation ladder: where a hand-made entry and a CAMEO entry match the same word, the
# hand-made one stands unless CAMEO puts the word on a higher rung ("abducted": criticism by
# hand, assault in CAMEO -> force)
RUNG = {
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
ESCALATION = frozenset(
    {
        "concern",
        "challenge",
        "criticism",
        "demand",
        "protest",
        "threat",
        "military",
        "sovereignty",
        "force",
    }
)
_TOKEN = re.compile(r"[^\W_](?:[\w'\-]*[^\W_])?")


def bound(raw: float, k: float = K, s: float = S) -> float:
    """The bounded intensity 0-100 of a raw sum: ``100 * g / (g + k)`` with
    ``g = s * ln(1 + exp(raw / s))`` (a softplus: ~raw above a few points, ~0 far below 0)."""
    g = s * math.log1p(math.exp(raw / s)) if raw < 30 * s else raw
    return round(100.0 * g / (g + k), 2) + 0.0


def weight_of(group: str, weights: Mapping[str, float]) -> float:
    """The weight of a line's group; a rule line (``"hand:force|rule:target"``) takes the
    product of its hit's group weight and its rule's weight, so scaling a category scales
    the rule changes of its hits with it, as scaling its points does."""
    hit, _, rule = group.partition("|")
    w = weights.get(hit, 1.0)
    return w * weights.get(rule, 1.0) if rule else w


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the explanation: ``group`` is the feature group whose weight applies."""

    source: str
    group: str
    points: float
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ProtoScore:
    raw: float
    intensity: float
    lines: tuple[Line, ...]
    gated: tuple[str, ...]  # why sentences were gated ("disaster", ...)

    def features(self) -> dict[str, float]:
        """Sum of (unweighted) points per feature group."""
        out: dict[str, float] = defaultdict(float)
        for line in self.lines:
            out[line.group] += line.points
        return dict(out)


class _Phrases:
    """Whole-word phrase lookup over lower-cased tokens."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self.by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for p in phrases:
            toks = tuple(_TOKEN.findall(p.lower()))
            if toks:
                self.by_first[toks[0]].append(toks)
        for v in self.by_first.values():
            v.sort(key=len, reverse=True)

    def at(self, tokens: list[str], i: int) -> tuple[str, ...] | None:
        """The longest phrase starting at token ``i``."""
        for p in self.by_first.get(tokens[i], ()):
            if tuple(tokens[i : i + len(p)]) == p:
                return p
        return None

    def ending_at(self, tokens: list[str], j: int) -> bool:
        for first_list in self.by_first.values():
            for p in first_list:
                a = j - len(p) + 1
                if a >= 0 and tuple(tokens[a : j + 1]) == p:
                    return True
        return False

    def any_in(self, tokens: list[str]) -> str | None:
        for i in range(len(tokens)):
            p = self.at(tokens, i)
            if p:
                return " ".join(p)
        return None


@dataclass(frozen=True, slots=True)
class _Entry:
    before: tuple[_Phrases, ...]
    after: tuple[_Phrases, ...]
    code: str
    category: str
    points: float
    size: int


class ContextMatcher:
    """Finds context entries (a verb within ``window`` words of its pattern's words)."""

    def __init__(self, data: Mapping[str, object]) -> None:
        self.window = int(data["context"]["window"])  # type: ignore[index]
        sets: dict[str, list[str]] = data["sets"]  # type: ignore[assignment]
        groups: dict[str, list[str]] = data["groups"]  # type: ignore[assignment]
        verbs: dict[str, list[str]] = data["verbs"]  # type: ignore[assignment]
        cache: dict[str, _Phrases] = {}

        def slot(word: str) -> _Phrases:
            # a literal word also matches its regular plural ("fired rocket" / "rockets")
            if word not in cache:
                alternatives = sets[word] if word.startswith("&") else [word, noun_plural(word)]
                cache[word] = _Phrases(alternatives)
            return cache[word]

        by_lemma: dict[str, list[_Entry]] = defaultdict(list)
        for e in data["context"]["entries"]:  # type: ignore[index]
            before = tuple(slot(w) for w in e.get("before", []))
            after = tuple(slot(w) for w in e.get("after", []))
            entry = _Entry(
                before,
                after,
                e["code"],
                e["category"],
                float(e["points"]),
                len(before) + len(after),
            )
            for lemma in groups[e["group"]]:
                by_lemma[lemma].append(entry)
        self.entries = dict(by_lemma)
        self.forms: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
        for lemma in self.entries:
            for form in verbs[lemma]:
                toks = tuple(_TOKEN.findall(form))
                if toks:
                    self.forms[toks[0]].append((toks, lemma))

    def _after(self, slots: tuple[_Phrases, ...], tokens: list[str], pos: int) -> bool:
        for s in slots:
            for j in range(pos, min(len(tokens), pos + self.window)):
                p = s.at(tokens, j)
                if p:
                    pos = j + len(p)
                    break
            else:
                return False
        return True

    def _before(self, slots: tuple[_Phrases, ...], tokens: list[str], pos: int) -> bool:
        for s in reversed(slots):
            for j in range(pos, max(-1, pos - self.window), -1):
                if s.ending_at(tokens, j):
                    pos = j - 1
                    break
            else:
                return False
        return True

    def find(
        self, tokens: list[str], caps: list[bool] | None = None
    ) -> list[tuple[int, int, _Entry]]:
        """``(first token, last token, entry)`` of the verb anchors with a matching entry;
        per anchor the entry with the most pattern words wins (the first on a tie)."""
        out = []
        for i, tok in enumerate(tokens):
            if caps and caps[i] and i > 0:
                continue  # "States", "Council": a capital inside a sentence marks a name
            for form, lemma in self.forms.get(tok, ()):
                if tuple(tokens[i : i + len(form)]) != form:
                    continue
                end = i + len(form) - 1
                best: _Entry | None = None
                for e in self.entries[lemma]:
                    if best is not None and e.size <= best.size:
                        continue
                    if self._after(e.after, tokens, end + 1) and self._before(
                        e.before, tokens, i - 1
                    ):
                        best = e
                if best is not None:
                    out.append((i, end, best))
                    break
        return out


def _tokens(text: str, a: int, b: int) -> tuple[list[str], list[tuple[int, int]]]:
    words, spans = [], []
    for m in _TOKEN.finditer(text, a, b):
        words.append(m.group().lower().replace("\u2019", "'"))
        spans.append(m.span())
    return words, spans


class Prototype:
    """Today's scorer + CAMEO entries + gate + weights + bound (see the module docstring)."""

    def __init__(
        self,
        weights: Mapping[str, float] | None = None,
        *,
        cameo: bool = True,
        gate: bool = True,
        positive: bool = True,
        k: float = K,
    ) -> None:
        self.positive = positive
        self.weights = dict(weights or {})
        self.k = k
        self.use_cameo = cameo
        self.use_gate = gate
        data = tomllib.loads(CAMEO.read_text(encoding="utf-8"))
        curation = tomllib.loads(CURATION.read_text(encoding="utf-8"))
        hand = base_lexicon()
        exact = {t.term for t in hand.terms if not t.prefix}
        prefixes = tuple(t.term for t in hand.terms if t.prefix)
        self.cameo_keys: set[str] = set()
        self.cameo_all: dict[str, tuple[str, float]] = {}
        lines = []
        if cameo:
            for category, entries in data["terms"].items():
                kept = []
                for form, points in entries.items():
                    self.cameo_all[form] = (category, float(points))
                    if form in exact or (" " not in form and form.startswith(prefixes)):
                        continue  # a hand-made entry matches these words: it wins
                    kept.append(f"{_toml_key(form)} = {points}")
                    self.cameo_keys.add(form)
                if kept:
                    lines.append(f"[terms.{category}]")
                    lines.extend(kept)
        self.overlay = "\n".join(lines) + "\n"
        self.scorer = Scorer(load_lexicon(self.overlay, "cameo.toml") if cameo else hand)
        self.context = ContextMatcher(data) if cameo else None
        gate_lists = curation["gate"]
        self.harm = frozenset(gate_lists["harm"])
        self.gates = {kind: _Phrases(words) for kind, words in gate_lists.items() if kind != "harm"}
        self.excluded = _Phrases(w.rstrip("*") for w in self.scorer.lexicon.rules.exclusion_context)

    @classmethod
    def proposed(cls) -> Prototype:
        """The prototype with the weights of ``eval/fitted_weights.toml`` (the proposal)."""
        data = tomllib.loads(WEIGHTS.read_text(encoding="utf-8"))
        return cls({k: float(v) for k, v in data["weights"].items()})

    @cached_property
    def _categories(self) -> dict[str, Kind]:
        return dict(self.scorer.lexicon.categories)

    def _group(self, key: str, category: str) -> str:
        return ("cameo:" if key in self.cameo_keys else "hand:") + category

    def score(self, text: str) -> ProtoScore:
        s = self.scorer.score(text)
        spans = sentence_spans(text)
        # explanation lines with their feature group; rule lines follow their term line
        lines: list[Line] = []
        hit_of: dict[tuple[int, int], list[int]] = defaultdict(list)  # span -> line indexes
        current = ""
        for c in s.contributions:
            if c.category == "sentiment":
                lines.append(Line("sentiment", "sentiment", c.points, c.start, c.end))
                continue
            if c.category == "rule":
                group = f"{current}|rule:{c.source}"  # weighted by its hit's group and rule
            else:
                current = self._group(c.source.rstrip("*"), c.category)
                group = current
            hit_of[(c.start, c.end)].append(len(lines))
            lines.append(Line(c.source, group, c.points, c.start, c.end))
        if self.positive:
            # positivity as de-escalation, the mirror of the sentiment term: the three most
            # positive sentences count 0.5 / 0.3 / 0.2 x sentiment_points, negative
            rules = self.scorer.lexicon.rules
            pos = sorted(
                ((max(0.0, self.scorer.sentiment.sentence(text[a:b])[0]), a, b) for a, b in spans),
                key=lambda t: (-t[0], t[1]),
            )
            for w, (value, a, b) in zip(rules.sentiment_weights, pos, strict=False):
                if value > 0:
                    points = round(-rules.sentiment_points * w * value, 6)
                    lines.append(Line("positive sentiment", "sentiment:positive", points, a, b))
        removed: set[int] = set()
        base_of = {(h.start, h.end): h for h in s.terms}
        # a CAMEO entry on a higher rung than the hand-made one on the same word replaces it
        for span, idx in list(hit_of.items()):
            first = lines[idx[0]]
            if not first.group.startswith("hand:") or first.points == 0:
                continue
            found = self.cameo_all.get(text[span[0] : span[1]].lower())
            hand_rung = RUNG.get(first.group[5:], 0)
            if found is None or not hand_rung or RUNG.get(found[0], 0) <= hand_rung:
                continue
            factor = sum(lines[x].points for x in idx) / first.points
            removed.update(idx)
            lines.append(
                Line(
                    text[span[0] : span[1]].lower(),
                    f"cameo:{found[0]}",
                    round(found[1] * factor, 6),
                    *span,
                )
            )
            hit_of[span] = [len(lines) - 1]
        if self.context is not None:
            for a, b in spans:
                words, offsets = _tokens(text, a, b)
                if not words:
                    continue
                excluded = self.excluded.any_in(words) is not None
                caps = [text[o[0]].isupper() for o in offsets]
                for i, j, entry in self.context.find(words, caps):
                    start, end = offsets[i][0], offsets[j][1]
                    overlapping = [
                        sp for sp in hit_of if sp[0] < end and start < sp[1] and sp in base_of
                    ]
                    if overlapping and overlapping != [(start, end)]:
                        continue  # a longer hand-made phrase holds the verb: it stands
                    factor = 1.0
                    if overlapping:
                        idx = hit_of[(start, end)]
                        base = lines[idx[0]].points
                        if base == 0:
                            continue
                        factor = sum(lines[x].points for x in idx) / base
                        removed.update(idx)
                    elif entry.category == "exclusion":
                        continue
                    else:
                        cat_kind = self._categories.get(entry.category, "escalation")
                        term = LexiconTerm("context", entry.category, cat_kind, entry.points)
                        for _, f in self.scorer.rules.factors(text, start, a, term):
                            factor *= f
                        if excluded and cat_kind == "escalation":
                            factor = 0.0
                    points = round(entry.points * factor, 6)
                    if entry.category != "exclusion" and points:
                        hit_of[(start, end)] = [len(lines)]
                        lines.append(
                            Line(
                                f"{text[start:end].lower()} [{entry.code}]",
                                f"cameo:{entry.category}",
                                points,
                                start,
                                end,
                            )
                        )
        # threat scope (GPR: threats and acts are different things): a force term within a few
        # words after a threat verb ("warned of retaliatory steps", "threatened to invade") is
        # threatened, not done: its points go down to the threat tier
        for span, idx in hit_of.items():
            live = [x for x in idx if x not in removed]
            if not live or not lines[live[0]].group.endswith(":force"):
                continue
            sentence_start = max((a for a, _ in spans if a <= span[0]), default=0)
            before = words_before(text, span[0], THREAT_WINDOW, sentence_start)
            if any(w.startswith(THREAT_WORDS) for w in before):
                total = sum(lines[x].points for x in live)
                change = round((THREAT_FACTOR - 1.0) * total, 6)
                lines.append(
                    Line("threatened", f"{lines[live[0]].group}|rule:threatened", change, *span)
                )
        gated: list[str] = []
        if self.use_gate:
            for a, b in spans:
                words, _ = _tokens(text, a, b)
                gate = next((k for k, g in self.gates.items() if g.any_in(words)), None)
                if gate is None:
                    continue
                inside = [x for x, ln in enumerate(lines) if x not in removed and a <= ln.start < b]
                cue = any(
                    lines[x].group.split(":")[-1] in CUE_CATEGORIES
                    and lines[x].points > 0
                    and lines[x].source.split(" [")[0].rstrip("*") not in self.harm
                    for x in inside
                )
                if cue:
                    continue
                quiet = [
                    x
                    for x in inside
                    if lines[x].group == "sentiment"
                    or "|rule:" in lines[x].group
                    or lines[x].group.split(":")[-1] in ESCALATION
                ]
                if quiet:
                    removed.update(quiet)
                    gated.append(gate)
        kept = tuple(ln for x, ln in enumerate(lines) if x not in removed)
        raw = math.fsum(weight_of(ln.group, self.weights) * ln.points for ln in kept)
        return ProtoScore(raw, bound(raw, self.k), kept, tuple(gated))


def _toml_key(form: str) -> str:
    return '"' + form.replace("\\", "\\\\").replace('"', '\\"') + '"'
