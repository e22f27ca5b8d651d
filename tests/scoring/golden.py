"""The golden set: what ``analyze()`` returns, every field, on fixed texts, as digests.

A refactor or a speed-up must leave every digest unchanged (``test_golden.py`` checks it). A
change that is *meant* to change scores or attribution (a new lexicon or scorer version, a
new rule) regenerates the file on purpose, and its commit says why::

    .venv/bin/python -m tests.scoring.golden           # rewrite tests/scoring/golden.json
    .venv/bin/python -m tests.scoring.golden --check   # list the texts whose output changed

The texts: every article of the demo corpus (title and date as the ingest passes them), and
long texts made of 40 consecutive demo articles each (long-text paths: many statements,
repeated terms, speakers carried across paragraphs). Each digest is the SHA-256 of the
canonical JSON of the whole analysis: countries, pairs, mentions, and every statement with
its speaker, country, targets and score, contributions and term hits included.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

GOLDEN = Path(__file__).with_name("golden.json")
LONG_CHUNK = 40


def golden_inputs() -> Iterator[tuple[str, dict[str, Any]]]:
    """``(name, {"text", "title", "date"})`` for every text of the golden set, in order."""
    from tension.data.demo import iter_demo_articles

    articles = list(iter_demo_articles())
    for a in articles:
        yield (
            a["id"],
            {"text": a["text"], "title": a["title"], "date": date.fromisoformat(a["date"])},
        )
    for i in range(0, len(articles), LONG_CHUNK):
        chunk = articles[i : i + LONG_CHUNK]
        text = "\n\n".join(a["text"] for a in chunk)
        yield f"long-{i:04d}", {"text": text, "title": chunk[0]["title"], "date": None}


def canonical(analysis: Any) -> str:
    """The analysis as canonical JSON (floats by ``repr``, so any change of value shows)."""

    def plain(obj: Any) -> Any:
        if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            return {f.name: plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
        if isinstance(obj, tuple | list):
            return [plain(x) for x in obj]
        if isinstance(obj, dict):
            return {str(k): plain(v) for k, v in obj.items()}
        if isinstance(obj, float):
            return repr(obj)
        return obj

    return json.dumps(plain(analysis), sort_keys=True, ensure_ascii=False)


def digests() -> dict[str, str]:
    """The digest of ``analyze()`` on every golden text."""
    from tension.scoring import analyze

    out: dict[str, str] = {}
    for name, kw in golden_inputs():
        analysis = analyze(kw["text"], title=kw["title"], date=kw["date"])
        out[name] = hashlib.sha256(canonical(analysis).encode("utf-8")).hexdigest()
    return out


def main(argv: list[str]) -> int:
    now = digests()
    if "--check" in argv:
        before = json.loads(GOLDEN.read_text(encoding="utf-8"))
        changed = sorted(k for k in now.keys() | before.keys() if now.get(k) != before.get(k))
        print(f"{len(changed)} of {len(now)} texts changed" + (": " if changed else ""))
        for name in changed[:50]:
            print(" ", name)
        return 1 if changed else 0
    GOLDEN.write_text(json.dumps(now, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {len(now)} digests to {GOLDEN}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
