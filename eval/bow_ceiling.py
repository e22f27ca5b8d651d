"""How far can a supervised bag of words go on the development sets? (a yardstick, not a scorer)

Run ``python eval/bow_ceiling.py``. For each set: a logistic regression over tf-idf word
uni- and bigrams, trained on its tuning part, ROC AUC on its held-out part, and on the other
set (leave one corpus out). It learns the visible sets' own words, which the scorer must not
do; its in-domain figure shows what the words of a set can say about its labels at all, and
its cross-corpus figure how little such learning carries over. Needs scikit-learn (the
``eval`` extra).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from dev_sets import available  # noqa: E402
from fit_weights import auc  # noqa: E402


def main() -> int:
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        print("scikit-learn is not installed (pip install -e '.[eval]')", file=sys.stderr)
        return 2
    sets = available()
    print(f"{'trained on':<12} {'tested on':<18} {'AUC':>6}")
    for name, items in sets.items():
        train = [i for i in items if i.part == "tuning"]
        vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
        x = vec.fit_transform([i.text for i in train])
        model = LogisticRegression(C=4, max_iter=3000).fit(x, [i.conflict for i in train])
        for other, rows in sets.items():
            test = [i for i in rows if other != name or i.part == "held-out"]
            score = model.decision_function(vec.transform([i.text for i in test]))
            where = f"{other} held-out" if other == name else f"{other} (all)"
            value = auc(score, [i.conflict for i in test])
            print(f"{name + ' tuning':<12} {where:<18} {value:>6.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
