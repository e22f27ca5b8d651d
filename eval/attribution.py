"""Evaluate who-speaks-about-whom: ``python eval/attribution.py`` prints the figures.

1. Our annotated set (``eval/attribution_set.jsonl``, short news-style texts written for this
   project). Split ``dev`` was used while developing the rules (data files grew from its misses),
   so its figures are optimistic; split ``holdout`` was written afterwards and not tuned on:
   precision and recall of directed pairs speaker_country -> target, counted per
   sentence. Sentences not annotated must yield no pair, so a pair invented there is a false
   positive. Also the accuracy of the speaker country on the annotated statements.
2. The UN Security Council Conflict Corpus (``../shared/data/unscon``, read at run time): for
   sentences whose annotated target (A4) is a country, how often our target matches, the
   speaker's country being known (the speech's country). Two settings: the sentence alone
   (first other country it names), and the whole speech through
   ``extract_statements(speech, speaker=(label, country))`` (targets carry over from the
   speaker's previous sentences, else the speech's main counterpart).
   Split ``document`` (press releases, briefings, a speech, each with its ``speaker``/
   ``country``, every sentence annotated; written with the document rules) is reported on its
   own: it checks whole-document attribution, where a question or a greeting must give no
   pair.
3. The two seed articles (``../shared/seeds``): the statements extracted from each.
4. Timing of ``tension.scoring.analyze`` on a ~5 KB article.
5. Who speaks: the share of statements that carry a speaking country on the demo corpus and
   on the speech-like samples of ``eval/speeches`` (UN General Debate layout, read as the
   ingest reads them).

Missing ``../shared`` files are reported and skipped.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import json
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tension.scoring import (  # noqa: E402
    DocumentSpeaker,
    EachPart,
    analyze,
    extract_statements,
    find_countries,
)
from tension.scoring.types import Score, Statement  # noqa: E402

SHARED = ROOT.parent / "shared"
SET = ROOT / "eval" / "attribution_set.jsonl"
UNSCON = SHARED / "data" / "unscon" / "conflict_annotations_sentences.csv"
SEEDS = SHARED / "seeds"
SPEECHES = ROOT / "eval" / "speeches"

Pair = tuple[str, int, str, str]


class _NoScore:
    """Attribution needs no scores: skip the scorer where only targets are compared."""

    neutral = Score(intensity=0, raw=0, compound=0, neg=0, pos=0, escalation=0, deescalation=0)

    def score(self, text: str) -> Score:
        return self.neutral


_NO_SCORE = EachPart(_NoScore().score)


def own_set(split: str) -> dict[str, int]:
    gold: set[Pair] = set()
    pred: set[Pair] = set()
    speaker_ok = speaker_total = 0
    statements_total = 0
    errors: list[str] = []
    for line in SET.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        if rec.get("split", "dev") != split:
            continue
        date = dt.date.fromisoformat(rec["date"]) if rec.get("date") else None
        speaker = None
        if rec.get("speaker") or rec.get("country"):
            speaker = DocumentSpeaker(rec.get("speaker"), rec.get("country"))
        statements = extract_statements(rec["text"], date=date, speaker=speaker)
        for exp in rec["expected"]:
            idx = next(i for i, s in enumerate(statements) if exp["in"] in s.text)
            statements_total += 1
            s = statements[idx]
            speaker_total += 1
            speaker_ok += s.speaker_country == exp["speaker_country"]
            if exp["speaker_country"]:
                gold.update((rec["id"], idx, exp["speaker_country"], t) for t in exp["targets"])
            if s.speaker_country != exp["speaker_country"] or (
                exp["speaker_country"] and set(s.target_countries) != set(exp["targets"])
            ):
                errors.append(
                    f"  {rec['id']} {exp['in']!r}: expected {exp['speaker_country']}->"
                    f"{','.join(exp['targets'])}, got {s.speaker_country}->"
                    f"{','.join(s.target_countries)} (speaker {s.speaker!r})"
                )
        for idx, s in enumerate(statements):
            if s.speaker_country:
                pred.update((rec["id"], idx, s.speaker_country, t) for t in s.target_countries)
    hit = len(gold & pred)
    for p in sorted(pred - gold):
        if not any(p[:2] == g[:2] for g in gold):
            errors.append(f"  {p[0]} sentence {p[1]}: invented pair {p[2]}->{p[3]}")
    precision = hit / len(pred) if pred else 0.0
    recall = hit / len(gold) if gold else 0.0
    print(f"1. Annotated set (eval/attribution_set.jsonl), split {split!r}")
    print(f"   statements annotated: {statements_total}; gold directed pairs: {len(gold)}")
    print(
        f"   directed pairs  precision {precision:.3f}  recall {recall:.3f}  (targets 0.90 / 0.80)"
    )
    print(
        f"   speaker country accuracy {speaker_ok / speaker_total:.3f} "
        f"({speaker_ok}/{speaker_total})"
    )
    if errors:
        print("   disagreements:")
        print("\n".join(errors))
    return {"hit": hit, "predicted": len(pred), "gold": len(gold)}


_PAREN = re.compile(r"\s*\((.*)\)\s*$")


def _code(name: str) -> str | None:
    text = name.replace("_", " ").strip()
    for candidate in (text, _PAREN.sub(r", \1", text), _PAREN.sub("", text)):
        try:
            return str(pycountry.countries.lookup(candidate).alpha_3)
        except LookupError:
            continue
    found = find_countries(text.title())
    return found[0].code if found else None


def unscon() -> None:
    print("\n2. UN Security Council Conflict Corpus (target A4 is a country)")
    if not UNSCON.exists():
        print(f"   skipped: {UNSCON} not found")
        return
    with UNSCON.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    speeches: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        speeches[row["filename"]].append(row)
    codes: dict[str, str | None] = {}
    alone = in_speech = in_speech_any = named = named_hit = total = 0
    for sentences in speeches.values():
        text = ""
        offsets = []
        for row in sentences:
            start = len(text)
            text += row["sentence_text"].strip() + " "
            offsets.append((start, len(text) - 1))
        speaker = codes.setdefault(sentences[0]["country"], _code(sentences[0]["country"]))
        mentions = find_countries(text)
        statements = extract_statements(
            text, mentions=mentions, speaker=DocumentSpeaker(None, speaker)
        )
        starts = [st.start for st in statements]
        for row, (a, b) in zip(sentences, offsets, strict=True):
            target_name = row["A4"]
            if target_name in ("_", "-NONE-", ""):
                continue
            gold = codes.setdefault(target_name, _code(target_name))
            if gold is None:
                continue
            total += 1
            own = [m.code for m in mentions if a <= m.start < b and m.code != speaker]
            alone += bool(own) and own[0] == gold
            if own:
                named += 1
                named_hit += gold in own
            # the statement holding the sentence's start (sentence splits may differ)
            k = max(0, bisect.bisect_right(starts, a) - 1)
            targets = statements[k].target_countries
            in_speech += bool(targets) and targets[0] == gold
            in_speech_any += gold in targets
    print(f"   annotated sentences with a country target: {total}")
    print(f"   sentence alone: first target matches  {alone / total:.3f} ({alone}/{total})")
    print(
        "   in its speech, as extract_statements(speech, speaker=...) sees it (targets carried"
        " over from\n   the speaker's previous sentences, else the speech's main counterpart):"
    )
    print(
        f"     first target matches {in_speech / total:.3f}; gold among targets "
        f"{in_speech_any / total:.3f}"
    )
    print(
        f"   sentences naming some other country: {named}; gold target among them "
        f"{named_hit / max(named, 1):.3f}"
    )


def seeds() -> None:
    print("\n3. Seed articles: statements (kind, speaker, country -> targets)")
    files = sorted(SEEDS.glob("*.txt")) if SEEDS.exists() else []
    if not files:
        print(f"   skipped: no seeds in {SEEDS}")
        return
    for path in files:
        result = analyze(path.read_text(encoding="utf-8"))
        print(f"   {path.name}: countries {', '.join(result.countries)}; pairs {result.pairs}")
        for s in result.statements:
            if s.kind == "narration":
                continue
            targets = ",".join(s.target_countries) or "-"
            snippet = " ".join(s.text.split())[:60]
            print(
                f"     {s.kind:<8} {s.speaker!s:<42.42} {s.speaker_country}->{targets:<8} {snippet}"
            )


def _per_call_ms(fn: Callable[[], object], n: int = 200) -> float:
    fn()  # warm
    start = time.perf_counter()
    for _ in range(n):
        fn()
    return (time.perf_counter() - start) / n * 1000


def timing() -> None:
    print("\n4. Timing on a ~5 KB article (warm, mean of 200 runs)")
    path = SEEDS / "004_861e8f243012dc2e.txt"
    if path.exists():
        text = path.read_text(encoding="utf-8")[:5000]
    else:
        text = " ".join(json.loads(x)["text"] for x in SET.read_text("utf-8").splitlines())[:5000]
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from tension.scoring import Score, split_sentences

    spans = split_sentences(text)
    vader = SentimentIntensityAnalyzer()
    neutral = Score(intensity=0, raw=0, compound=0, neg=0, pos=0, escalation=0, deescalation=0)

    class _NoScore:
        def score(self, text: str) -> Score:
            return neutral

    baseline = _per_call_ms(lambda: [vader.polarity_scores(text[a:b]) for a, b in spans])
    no_score = _per_call_ms(lambda: analyze(text, scorer=EachPart(_NoScore().score)))
    full = _per_call_ms(lambda: analyze(text))
    print(f"   {len(text)} chars, {len(spans)} sentences")
    print(f"   bare VADER sentence by sentence      {baseline:6.2f} ms")
    print(f"   analyze() without scoring            {no_score:6.2f} ms  (sentences, countries,")
    print("                                                  statements, ranking)")
    print(f"   analyze() with the default scorer    {full:6.2f} ms")


def _share(statements: list[Statement], country: str | None = None) -> tuple[int, int]:
    """(statements with a speaking country — ``country`` when given —, statements)."""
    spoken = sum(
        1
        for s in statements
        if s.speaker_country and (country is None or s.speaker_country == country)
    )
    return spoken, len(statements)


def documents() -> None:
    print("\n5. Who speaks: share of statements that carry a speaking country")
    from tension.data.demo import iter_demo_articles
    from tension.data.ingest import Document, read_paths

    demo: list[Statement] = []
    for a in iter_demo_articles():
        date = dt.date.fromisoformat(a["date"])
        demo.extend(analyze(a["text"], title=a["title"], date=date).statements)
    n_spoken, n = _share(demo)
    said = [s for s in demo if s.kind != "narration"]
    print(
        f"   demo corpus (news, no document speaker): {n_spoken}/{n} = {n_spoken / n:.3f} of all "
        f"statements; {_share(said)[0]}/{len(said)} of quotes and reported speech"
    )
    docs = [d for d in read_paths([SPEECHES]) if isinstance(d, Document)]
    own = total = 0
    kinds: dict[str, int] = defaultdict(int)
    pairs: dict[str, int] = defaultdict(int)
    for d in docs:
        result = analyze(d.text, date=d.published, speaker=d.document_speaker)
        got, n = _share(list(result.statements), d.country)
        own, total = own + got, total + n
        for s in result.statements:
            kinds[s.kind] += 1
            for t in s.target_countries if s.speaker_country else ():
                pairs[f"{s.speaker_country}>{t}"] += 1
        print(f"   {Path(d.source).name}: {got}/{n} statements carry the speech's country")
    top = ", ".join(f"{p} {n}" for p, n in sorted(pairs.items(), key=lambda x: -x[1])[:6])
    print(
        f"   speech-like samples (eval/speeches, UN General Debate layout, hard-wrapped): "
        f"{own}/{total} = {own / total:.3f} carry the speech's country; kinds "
        f"{dict(sorted(kinds.items()))}; top directed pairs {top}"
    )


def main() -> None:
    dev = own_set("dev")
    held = own_set("holdout")
    hit, predicted, gold = (dev[k] + held[k] for k in ("hit", "predicted", "gold"))
    print(
        f"1. Whole annotated set (dev + holdout): directed pairs precision "
        f"{hit / predicted:.3f}  recall {hit / gold:.3f}  ({hit} of {predicted} predicted, "
        f"{gold} gold)"
    )
    own_set("document")
    unscon()
    seeds()
    timing()
    documents()


if __name__ == "__main__":
    main()
