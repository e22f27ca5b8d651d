"""Fit the weights of the score's additive parts on development data (issue 11, item 2).

Run ``python eval/fit_weights.py`` from the repository root (``--write`` stores the result in
``eval/fitted_weights.toml``, the weights proposed for phase 2).

Run ``python eval/fit_weights.py --check`` (``make eval`` does) to refit on the scorer as
shipped and fail when the refit ranks the tuning rows better than the shipped points by more
than 0.003 of AUC: the points of the data files then no longer sit at the fit's optimum. The
weights that moved more than 0.05 from 1.0 are listed (where the likelihood is flat, as for
positive sentiment, a weight can drift without changing the ranking); they say how to move
them (term points of a group x its weight; for CAMEO the ``scale`` of its tiers in
``tools/cameo_curation.toml``, then ``python -m tools.build_cameo``); ``--apply`` writes them
so (bump the lexicon version and regenerate the golden digests after).

The model: every explanation line of the scorer (:class:`tension.scoring.Scorer`, the one that
is shipped) belongs to a feature group -- ``sentiment``, ``sentiment:positive``,
``hand:<category>`` (the hand-made tiers of ``lexicon.toml``), ``cameo:<category>`` (the CAMEO
entries of ``cameo.toml``, bare or in context, by tier), and for a rule line ``<its hit's
group>|rule:<rule>`` (negation, target, ...). A text's feature ``x_g`` is the sum of its
group's points at the shipped weights, and the fitted score is ``raw = sum_g m_g * x_g``:
still a sum of explanation lines, each multiplied by its group's weight ``m_g``. The
weights maximise a logistic likelihood of conflict vs the rest,

    P(conflict) = sigmoid(a + c * sum_g m_g x_g)

with ``m_g >= 0`` (no part may flip its sign: an escalation term never lowers a score) and a
ridge penalty ``lam * sum_g (m_g - 1)^2`` that pulls every weight of today's scorer toward its
hand-made value: such a weight moves only as far as the data support. The new parts (CAMEO
entries, positive sentiment) have no hand-made value and are fitted freely.

Two models: ``ladder`` (the default, and the one proposed) has one weight for all hand-made
escalation tiers, one for all CAMEO escalation tiers, one for each kind of de-escalation,
sentiment, positive sentiment and each rule: points within a source keep their ratios, so the
ladder concern < criticism < threat < force (and Goldstein's order) holds by construction.
``tiers`` has one weight per category (more freedom, more fit to the visible sets).

``lam`` is chosen so that the weights carry over between corpora: for each candidate, fit on
one development corpus and measure AUC on the other, both ways; the largest ``lam`` within
0.002 of the best mean wins. (5-fold cross-validation inside the training rows, the usual
choice, picks the weakest penalty and weights that do not carry over: see score_dev.py.) The
final weights are then fitted on the tuning parts of both corpora. Nothing is fitted sentence
by sentence: about 15 numbers on about 2,400 sentences.

What phase 2 does with the result: the points of every term of a category become
``round(points * m_category, 1)``, ``sentiment_points`` becomes ``20 * m_sentiment``, and a rule
factor ``f`` becomes ``1 + (m_rule / m_terms) * (f - 1)``, where ``m_terms`` is the mean weight
of the term groups the rule's lines came from (reported below as the rule's factor).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from dev_sets import Item, available  # noqa: E402

ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tension.scoring import Scorer, default_scorer  # noqa: E402
from tension.scoring.types import Score  # noqa: E402

OUT = HERE / "fitted_weights.toml"
LAMBDAS = (0.001, 0.003, 0.01, 0.03, 0.1)
LOCO_LAMBDAS = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0)


@dataclass(frozen=True)
class Features:
    groups: tuple[str, ...]
    x: np.ndarray  # n x groups, today's points per group
    y: np.ndarray  # 1 = conflict
    parts: tuple[str, ...]

    def rows(self, mask: np.ndarray) -> Features:
        parts = tuple(p for p, keep in zip(self.parts, mask, strict=True) if keep)
        return Features(self.groups, self.x[mask], self.y[mask], parts)


TOLERANCE = 0.05
AUC_TOLERANCE = 0.003


def weight_of(group: str, weights: dict[str, float]) -> float:
    """The weight of a line's group; a rule line (``"hand:force|rule:target"``) takes the
    product of its hit's group weight and its rule's weight, so scaling a category scales
    the rule changes of its hits with it, as scaling its points does."""
    hit, _, rule = group.partition("|")
    w = weights.get(hit, 1.0)
    return w * weights.get(rule, 1.0) if rule else w


def line_groups(score: Score, scorer: Scorer) -> dict[str, float]:
    """Sum of the points of a score's explanation lines per feature group."""
    out: dict[str, float] = {}
    current = "hand:other"
    lexicon = scorer.lexicon
    for c in score.contributions:
        if c.category == "sentiment":
            group = "sentiment:positive" if c.source == "positive sentiment" else "sentiment"
            if c.source.startswith("gate"):
                continue
        elif c.category == "rule":
            rule = "gate" if c.source.startswith("gate") else c.source
            group = f"{current}|rule:{rule}"
        else:
            term = lexicon.get(c.source) if " [" not in c.source else None
            source = "cameo" if term is None else term.source
            current = group = f"{source}:{c.category}"
        out[group] = out.get(group, 0.0) + c.points
    return out


def features(scorer: Scorer, items: Sequence[Item], groups: Sequence[str] | None = None):
    """Feature matrix of ``items`` (the groups seen, or ``groups`` when given)."""
    rows = [line_groups(scorer.score(i.text), scorer) for i in items]
    names = tuple(groups) if groups is not None else tuple(sorted({g for r in rows for g in r}))
    x = np.array([[r.get(g, 0.0) for g in names] for r in rows], dtype=float)
    y = np.array([i.conflict for i in items], dtype=float)
    return Features(names, x, y, tuple(i.part for i in items))


def auc(scores: Sequence[float] | np.ndarray, labels: Sequence[bool] | np.ndarray) -> float:
    """ROC AUC (Mann-Whitney; ties count one half)."""
    s = np.asarray(scores, dtype=float)
    y = np.asarray(labels, dtype=bool)
    n_pos, n_neg = int(y.sum()), int((~y).sum())
    if not n_pos or not n_neg:
        raise ValueError("AUC needs both classes")
    order = np.argsort(s, kind="mergesort")
    ranks = np.empty(len(s))
    sorted_s = s[order]
    i = 0
    while i < len(s):
        j = i
        while j < len(s) and sorted_s[j] == sorted_s[i]:
            j += 1
        ranks[order[i:j]] = (i + 1 + j) / 2
        i = j
    return float((ranks[y].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def _structure(groups: Sequence[str]) -> tuple[list[str], list[str], np.ndarray, np.ndarray]:
    """Parameters of a feature layout: base groups, rules, and for every column the index of
    its base parameter and of its rule parameter (-1: a plain column)."""
    bases = sorted({g.partition("|")[0] for g in groups})
    rules = sorted({g.partition("|")[2] for g in groups if "|" in g})
    bi = np.array([bases.index(g.partition("|")[0]) for g in groups])
    ri = np.array([rules.index(g.partition("|")[2]) if "|" in g else -1 for g in groups])
    return bases, rules, bi, ri


def _column_weights(m_base: np.ndarray, m_rule: np.ndarray, bi: np.ndarray, ri: np.ndarray):
    rule_part = np.where(ri >= 0, m_rule[np.maximum(ri, 0)], 1.0)
    return m_base[bi] * rule_part


def fit(f: Features, lam: float) -> dict[str, float]:
    """Weights (>= 0) of the penalised logistic model; see the module docstring. A rule
    line's column is weighted by its hit's group weight times its rule's weight."""
    n = len(f.y)
    x, y = f.x, f.y
    bases, rules, bi, ri = _structure(f.groups)
    nb, nr = len(bases), len(rules)
    # new parts have no hand-made weight to stay near: only a tiny ridge keeps them defined
    anchor = np.array([0.001 if is_new(g) else 1.0 for g in bases] + [1.0] * nr) * lam

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        a, c = theta[0], theta[1]
        m_base, m_rule = theta[2 : 2 + nb], theta[2 + nb :]
        w = _column_weights(m_base, m_rule, bi, ri)
        s = x @ w
        p = 1.0 / (1.0 + np.exp(-(a + c * s)))
        eps = 1e-12
        ll = -np.mean(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))
        r = (p - y) / n
        dw = c * (x.T @ r)  # d loss / d column weight
        rule_part = np.where(ri >= 0, m_rule[np.maximum(ri, 0)], 1.0)
        g_base = np.bincount(bi, weights=dw * rule_part, minlength=nb)
        plain = ri >= 0
        g_rule = np.bincount(ri[plain], weights=(dw * m_base[bi])[plain], minlength=nr)
        m = theta[2:]
        grad = np.concatenate([[r.sum(), r @ s], np.concatenate([g_base, g_rule])])
        grad[2:] += 2 * anchor * (m - 1.0)
        return ll + float(np.sum(anchor * (m - 1.0) ** 2)), grad

    theta0 = np.concatenate([[0.0, 0.05], np.ones(nb + nr)])
    bounds = [(None, None), (1e-6, None)] + [(0.0, None)] * (nb + nr)
    res = minimize(loss, theta0, jac=True, method="L-BFGS-B", bounds=bounds)
    names = bases + rules
    return {g: round(float(v), 3) for g, v in zip(names, res.x[2:], strict=True)}


def score_with(f: Features, weights: dict[str, float]) -> np.ndarray:
    """Fitted raw scores: each column times its weight (a rule column: hit x rule)."""
    w = np.array([weight_of(g, weights) for g in f.groups])
    return f.x @ w


def choose_lambda(f: Features, folds: int = 5) -> float:
    """The ridge strength with the best mean AUC over ``folds`` folds of ``f`` alone."""
    idx = np.arange(len(f.y))
    fold = idx % folds
    best, best_auc = LAMBDAS[0], -1.0
    for lam in LAMBDAS:
        aucs = []
        for k in range(folds):
            train, test = f.rows(fold != k), f.rows(fold == k)
            aucs.append(auc(score_with(test, fit(train, lam)), test.y))
        mean = float(np.mean(aucs))
        if mean > best_auc + 1e-4:
            best, best_auc = lam, mean
    return best


DEESCALATION = frozenset({"deescalation", "cooperation", "sympathy"})


def is_new(group: str) -> bool:
    """Parts that today's scorer does not have (CAMEO entries, positive sentiment): fitted
    freely, where today's hand-made weights are pulled toward their current values."""
    return group.startswith("cameo:") or group == "sentiment:positive"


def ladder_group(group: str) -> str:
    """The coarse group of the "ladder" model: one weight for all hand-made escalation tiers,
    one for all CAMEO escalation tiers, one each for de-escalation, sentiment and each rule.
    Points within a source keep today's ratios, so the ladder (concern < criticism < threat <
    force, and Goldstein's order among CAMEO codes) is kept by construction."""
    hit, sep, rule = group.partition("|")
    source, _, category = hit.partition(":")
    if source in {"hand", "cameo"}:
        kind = "deescalation" if category in DEESCALATION else "escalation"
        hit = f"{source}:{kind}"
    return hit + sep + rule


def coarse(f: Features) -> Features:
    names = tuple(sorted({ladder_group(g) for g in f.groups}))
    cols = np.column_stack(
        [
            f.x[:, [i for i, g in enumerate(f.groups) if ladder_group(g) == n]].sum(axis=1)
            for n in names
        ]
    )
    return Features(names, cols, f.y, f.parts)


MODELS = ("ladder", "tiers")


def fit_model(f: Features, model: str, lam: float) -> dict[str, float]:
    """Weights per group: ``tiers`` fits one per category; ``ladder`` one per
    :func:`ladder_group`, expanded back to every category. Rule weights are shared."""
    if model == "tiers":
        return fit(f, lam)
    w = fit(coarse(f), lam)
    out = {g.partition("|")[0]: w[ladder_group(g).partition("|")[0]] for g in f.groups}
    out.update({k: v for k, v in w.items() if k.startswith("rule:")})
    return out


def fit_on(f: Features, model: str = "ladder") -> tuple[dict[str, float], float]:
    """Weights with the ridge strength chosen by 5-fold CV on ``f`` itself (in-domain)."""
    lam = choose_lambda(coarse(f) if model == "ladder" else f)
    return fit_model(f, model, lam), lam


def loco_lambda(corpora: Sequence[Features], model: str = "ladder") -> float:
    """The ridge strength whose fits carry over best between corpora: fit on each corpus,
    AUC on each other one, mean; the largest lambda within 0.002 of the best mean wins (the
    weights nearest today's that do as well)."""
    means = {}
    for lam in LOCO_LAMBDAS:
        aucs = [
            auc(score_with(b, fit_model(a, model, lam)), b.y)
            for a in corpora
            for b in corpora
            if a is not b
        ]
        means[lam] = float(np.mean(aucs))
    best = max(means.values())
    return max(lam for lam, v in means.items() if v >= best - 0.002)


def stack(*fs: Features) -> Features:
    groups = tuple(sorted({g for f in fs for g in f.groups}))
    xs = []
    for f in fs:
        cols = {g: i for i, g in enumerate(f.groups)}
        xs.append(
            np.column_stack([f.x[:, cols[g]] if g in cols else np.zeros(len(f.y)) for g in groups])
        )
    return Features(
        groups,
        np.vstack(xs),
        np.concatenate([f.y for f in fs]),
        tuple(p for f in fs for p in f.parts),
    )


def tuning(f: Features) -> Features:
    return f.rows(np.array([p == "tuning" for p in f.parts]))


def proposed(feats: dict[str, Features], model: str = "ladder") -> tuple[dict[str, float], float]:
    """The proposed weights: ``lam`` by leave-one-corpus-out, fitted on the tuning parts."""
    lam = loco_lambda(list(feats.values()), model)
    return fit_model(stack(*(tuning(f) for f in feats.values())), model, lam), lam


def rule_factors(weights: dict[str, float], scorer: Scorer) -> dict[str, float]:
    """Today's rule factors through the fitted rule weights: ``1 + m_rule * (f - 1)`` (a
    rule line is ``(f - 1)`` times its hit's points, and the hit's points carry the hit's
    group weight already)."""
    rules = scorer.lexicon.rules
    today = {
        "negation": rules.negation_factor,
        "intensifier": rules.intensifier_factor,
        "hedge": rules.hedge_factor,
        "denial": rules.denial_factor,
        "sympathy": rules.sympathy_factor,
        "topic alone": rules.topic_alone_factor,
        "target": rules.target_factor,
        "repetition": rules.repetition_factor,
        "exclusion": 0.0,
        "threatened": rules.threat_factor,
    }
    return {
        rule: round(1 + weights.get(f"rule:{rule}", 1.0) * (factor - 1), 3)
        for rule, factor in today.items()
    }


CURATION = ROOT / "tools" / "cameo_curation.toml"
LEXICON = ROOT / "scoring" / "data" / "lexicon.toml"


def _times(value: float, weight: float, digits: int) -> str:
    new = round(value * weight, digits)
    return str(int(new)) if new == int(new) else str(new)


def apply(weights: dict[str, float]) -> list[str]:
    """Write the weights that moved more than :data:`TOLERANCE` from 1 into the data files:
    the ``scale`` of each CAMEO tier and ``topic_scale`` (tools/cameo_curation.toml, then
    cameo.toml is rebuilt), the sentiment points and the hand-made term points
    (scoring/data/lexicon.toml). Returns what changed, one line each."""
    import re

    moved = {g: w for g, w in weights.items() if abs(w - 1.0) > TOLERANCE}
    changes: list[str] = []
    lines = CURATION.read_text(encoding="utf-8").split("\n")
    category = None
    for i, line in enumerate(lines):
        if m := re.match(r'^category = "(\w+)"', line):
            category = m.group(1)
        m = re.match(r"^(scale|topic_scale) = ([0-9.]+)(.*)$", line)
        if m:
            group = "cameo:military" if m.group(1) == "topic_scale" else f"cameo:{category}"
            if group in moved:
                lines[i] = (
                    f"{m.group(1)} = {_times(float(m.group(2)), moved[group], 3)}{m.group(3)}"
                )
                changes.append(
                    f"{CURATION.name}: {m.group(1)} of {group} {m.group(2)} -> {lines[i]}"
                )
    CURATION.write_text("\n".join(lines), encoding="utf-8")
    lines = LEXICON.read_text(encoding="utf-8").split("\n")
    section = None
    for i, line in enumerate(lines):
        if m := re.match(r"^\[terms\.(\w+)\]", line):
            section = m.group(1)
            continue
        if line.startswith("["):
            section = None
        for name, group in (("sentiment_points", "sentiment"),
                            ("positive_sentiment_points", "sentiment:positive")):  # fmt: skip
            m = re.match(rf"^{name} = ([0-9.]+)$", line)
            if m and group in moved:
                lines[i] = f"{name} = {_times(float(m.group(1)), moved[group], 1)}"
                changes.append(f"{LEXICON.name}: {line} -> {lines[i]}")
        m = re.match(r'^(\s*"(?:[^"\\]|\\.)*"\s*=\s*)(-?[0-9.]+)(.*)$', line)
        if section and m and f"hand:{section}" in moved:
            lines[i] = (
                m.group(1) + _times(float(m.group(2)), moved[f"hand:{section}"], 1) + m.group(3)
            )
    LEXICON.write_text("\n".join(lines), encoding="utf-8")
    if any(g.startswith("cameo:") for g in moved):
        from tools import build_cameo

        build_cameo.main([])
    return changes


def render(weights: dict[str, float], lam: float, factors: dict[str, float], note: str) -> str:
    lines = [
        "# Weights fitted by `python eval/fit_weights.py --write` (issue 11, item 2). Do not edit.",
        f"# {note}",
        f"# ridge lambda (chosen by leave-one-corpus-out): {lam}",
        "# [weights]: multiplier of each feature group's points (1.0 = the shipped points).",
        "# [rule_factors]: the shipped rule factors translated through the fitted weights.",
        "",
        "[weights]",
    ]
    lines += [f'"{g}" = {v}' for g, v in sorted(weights.items())]
    lines += ["", "[rule_factors]"]
    lines += [f'"{r}" = {v}' for r, v in sorted(factors.items())]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help=f"store the weights in {OUT.name}")
    parser.add_argument(
        "--apply",
        action="store_true",
        help="write the weights that moved into the data files (then bump the lexicon version)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help=f"fail when a fitted weight is more than {TOLERANCE} from 1 (data off the optimum)",
    )
    args = parser.parse_args(argv)
    sets = available()
    if len(sets) < 2:
        print("needs both development sets in ../shared/data (unscon, kil)", file=sys.stderr)
        return 2
    scorer = default_scorer()
    feats = {name: features(scorer, items) for name, items in sets.items()}
    weights, lam = proposed(feats)
    factors = rule_factors(weights, scorer)
    note = "ladder model, trained on the tuning halves of: " + ", ".join(
        f"{name} ({int(sum(p == 'tuning' for p in f.parts))} sentences)"
        for name, f in feats.items()
    )
    text = render(weights, lam, factors, note)
    if args.check:
        # the data sit at the optimum when refitting would not rank the tuning rows better;
        # single weights may still drift where the likelihood is flat (positive sentiment)
        tune = stack(*(tuning(f) for f in feats.values()))
        shipped, refit = auc(score_with(tune, {}), tune.y), auc(score_with(tune, weights), tune.y)
        moved = {g: w for g, w in weights.items() if abs(w - 1.0) > TOLERANCE}
        print(f"fit check: tuning-part AUC shipped {shipped:.4f}, refitted {refit:.4f}")
        for g, w in sorted(moved.items()):
            print(f"  {g} refits to {w} (|weight - 1| > {TOLERANCE}; --apply writes it)")
        if refit - shipped > AUC_TOLERANCE:
            print(
                "the data files are off the fit's optimum: the refit ranks better by more "
                f"than {AUC_TOLERANCE}; run python eval/fit_weights.py --apply --write"
            )
            return 1
        return 0
    print(text, end="")
    if args.apply:
        for line in apply(weights):
            print(line)
    if args.write:
        OUT.write_text(text, encoding="utf-8")
        print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
