"""The two development sets of issue 11, loaded the same way for every evaluation script.

- ``unscon``: UN Security Council Conflict Corpus sentences (Zaczynska, Bourgonje, Stede,
  LREC-COLING 2024; CC BY-SA), ``../shared/data/unscon/conflict_annotations_sentences.csv``;
  conflict = ``A0`` or ``B1`` set. Halves by a hash of the speech's file name, exactly as
  ``score_unscon.py`` splits them.
- ``kil``: Keep it Local UN-document sentences (Osorio et al.; MIT),
  ``../shared/data/kil/kil_quadclass_dev.tsv``; conflict = ``verbal_conflict`` or
  ``material_conflict``, the rest is cooperation. Halves by a hash of ``"kil|" + text`` (the
  file has no document id; the plain hash of the text is what chose this development half
  out of the whole set, so every row here has the same plain-hash half).

Nothing here is fitted; the text of the sets never leaves ``../shared``.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
UNSCON = SHARED / "unscon" / "conflict_annotations_sentences.csv"
KIL = SHARED / "kil" / "kil_quadclass_dev.tsv"
PARTS = ("tuning", "held-out")


@dataclass(frozen=True, slots=True)
class Item:
    text: str
    conflict: bool
    part: str  # "tuning" or "held-out"


def half_of(key: str) -> str:
    """Deterministic split: ``tuning`` or ``held-out`` (first byte of sha256, even/odd)."""
    return "tuning" if hashlib.sha256(key.encode("utf-8")).digest()[0] % 2 == 0 else "held-out"


def load_unscon(path: Path = UNSCON) -> list[Item]:
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [
        Item(
            r["sentence_text"],
            r["A0"] != "_" or r["B1"] != "_",
            half_of(r.get("filename") or r["file_id"]),
        )
        for r in rows
    ]


def load_kil(path: Path = KIL) -> list[Item]:
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    labels = {"verbal_conflict", "material_conflict", "verbal_cooperation", "material_cooperation"}
    out = []
    for r in rows:
        if r["label"] not in labels:
            raise ValueError(f"{path}: unknown label {r['label']!r}")
        part = half_of("kil|" + r["text"])
        out.append(Item(r["text"], r["label"].endswith("_conflict"), part))
    return out


LOADERS = {"unscon": (UNSCON, load_unscon), "kil": (KIL, load_kil)}


def available() -> dict[str, list[Item]]:
    """Every development set whose file is present, by name."""
    return {name: load() for name, (path, load) in LOADERS.items() if path.exists()}
