"""How well does intensity rank conflict sentences of the UN Security Council Conflict Corpus?

Run ``python eval/score_unscon.py`` from the repository root. Reads
``../shared/data/unscon/conflict_annotations_sentences.csv`` (Zaczynska, Bourgonje, Stede,
LREC-COLING 2024, CC BY-SA); a sentence is "conflict" when ``A0`` or ``B1`` is set.

Prints ROC AUC (Mann-Whitney, ties counted half) of our intensity and of VADER's
``-compound`` alone, on all sentences and on two halves split by speech (sha256 of the
speech's file name): the tuning half, which guided general lexicon changes, and the
held-out half, which did not. No weight is fitted to single sentences of this file.
"""

from __future__ import annotations

import csv
import hashlib
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CSV = ROOT.parent / "shared" / "data" / "unscon" / "conflict_annotations_sentences.csv"


def auc(scores: Sequence[float], labels: Sequence[bool]) -> float:
    """ROC AUC as the Mann-Whitney U statistic over positives x negatives (ties = 1/2)."""
    pairs = sorted(zip(scores, labels, strict=True), key=lambda p: p[0])
    n_pos = sum(1 for _, y in pairs if y)
    n_neg = len(pairs) - n_pos
    if not n_pos or not n_neg:
        raise ValueError("AUC needs both classes")
    rank_sum = 0.0
    i = 0
    while i < len(pairs):
        j = i
        while j < len(pairs) and pairs[j][0] == pairs[i][0]:
            j += 1
        mean_rank = (i + 1 + j) / 2  # ranks i+1..j share their mean
        rank_sum += mean_rank * sum(1 for k in range(i, j) if pairs[k][1])
        i = j
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def half_of(speech: str) -> str:
    """Deterministic split by speech: ``tuning`` or ``held-out``."""
    return "tuning" if hashlib.sha256(speech.encode("utf-8")).digest()[0] % 2 == 0 else "held-out"


def load(path: Path = CSV) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def evaluate(rows: list[dict[str, str]]) -> dict[str, dict[str, float]]:
    """AUC of VADER and of intensity per half; keys ``all``, ``tuning``, ``held-out``."""
    from tension.scoring.intensity import default_scorer
    from tension.scoring.sentiment import analyzer

    scorer = default_scorer()
    vader = analyzer()
    labels = [r["A0"] != "_" or r["B1"] != "_" for r in rows]
    ours = [scorer.score(r["sentence_text"]).intensity for r in rows]
    base = [-vader.polarity_scores(r["sentence_text"])["compound"] for r in rows]
    halves = [half_of(r.get("filename") or r["file_id"]) for r in rows]
    out: dict[str, dict[str, float]] = {}
    for name in ("all", "tuning", "held-out"):
        idx = [i for i, h in enumerate(halves) if name == "all" or h == name]
        out[name] = {
            "n": len(idx),
            "conflict": sum(labels[i] for i in idx),
            "vader": auc([base[i] for i in idx], [labels[i] for i in idx]),
            "intensity": auc([ours[i] for i in idx], [labels[i] for i in idx]),
        }
    return out


def main() -> int:
    if not CSV.exists():
        print(f"missing {CSV}: the UNSC conflict corpus is not available here", file=sys.stderr)
        return 2
    from tension.scoring.intensity import SCORER_VERSION, default_scorer

    rows = load()
    t0 = time.perf_counter()
    result = evaluate(rows)
    elapsed = time.perf_counter() - t0
    print(
        f"UNSC conflict corpus, {len(rows)} sentences; scorer {SCORER_VERSION}, "
        f"lexicon {default_scorer().version}"
    )
    print(f"{'split':<10} {'n':>5} {'conflict':>8} {'VADER AUC':>10} {'ours AUC':>9}")
    for name, r in result.items():
        print(
            f"{name:<10} {r['n']:>5} {r['conflict']:>8} {r['vader']:>10.3f} {r['intensity']:>9.3f}"
        )
    print(f"({elapsed:.1f} s for both scorers)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
