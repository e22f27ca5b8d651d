"""Near-duplicates: the same wire story, lightly edited, in many outlets.

Each article gets a MinHash signature (:data:`NUM_PERM` values) of its word 4-shingles
(normalised text). Candidates are found by locality-sensitive hashing (16 bands of 4 values)
and confirmed when the estimated Jaccard similarity of the shingle sets is at least
:data:`THRESHOLD`. A copy's ``canonical_id`` is the ``article_id`` of the first copy stored
(the copy itself when it is the first); the series count a story once by keeping rows where
``canonical_id = article_id`` (or null, for batches written before schema 2).

Limits: texts under :data:`MIN_SHINGLES` shingles (a sentence or two) are matched only
exactly; the index is held in memory (about 0.6 KB an article), which suits stores up to a
few hundred thousand articles; which copy is canonical depends on the order of arrival
(counts do not).
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

from tension.data.ingest.normalise import normalise_text

NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS
THRESHOLD = 0.5
MIN_SHINGLES = 8
SHINGLE = 4
_PRIME = (1 << 31) - 1
_rng = np.random.default_rng(20240229)  # fixed: signatures must be stable across runs
_A = _rng.integers(1, _PRIME, size=(NUM_PERM, 1), dtype=np.uint64)
_B = _rng.integers(0, _PRIME, size=(NUM_PERM, 1), dtype=np.uint64)
_WORD = re.compile(r"\w+")


def signature(text: str) -> list[int] | None:
    """MinHash signature of ``text``'s word 4-shingles; None for texts too short to match."""
    words = _WORD.findall(normalise_text(text))
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
    if len(shingles) < MIN_SHINGLES:
        return None
    x = np.fromiter(
        (
            int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "little") % _PRIME
            for s in shingles
        ),
        dtype=np.uint64,
        count=len(shingles),
    )
    sig = ((_A * x[None, :] + _B) % _PRIME).min(axis=1)
    return [int(v) for v in sig]


def _bands(sig: np.ndarray) -> np.ndarray:
    """One int64 key per band (works on one signature or a matrix of them)."""
    arr = np.asarray(sig, dtype=np.int64).reshape(-1, BANDS, ROWS)
    keys = np.zeros(arr.shape[:2], dtype=np.int64)
    for r in range(ROWS):
        keys = keys * np.int64(1_000_003) + arr[:, :, r]  # wraps: a hash, not a number
    return keys


class NearDuplicateIndex:
    """Signatures of stored articles, to find the story a new article is a copy of.

    Articles already stored are loaded once as a matrix (``load``); articles added during
    the ingest go into a band dictionary, so each lookup stays cheap.
    """

    def __init__(self) -> None:
        self._ids: list[str] = []
        self._canonical: list[str] = []
        self._matrix = np.zeros((0, NUM_PERM), np.int64)
        self._band_matrix = np.zeros((0, BANDS), np.int64)
        self._new_sigs: list[np.ndarray] = []
        self._new_bands: dict[tuple[int, int], list[int]] = {}

    def load(self, rows: list[tuple[str, str, list[int]]]) -> None:
        """Stored ``(article_id, canonical_id, signature)`` rows (replaces what was loaded)."""
        self._ids = [r[0] for r in rows]
        self._canonical = [r[1] for r in rows]
        sigs = [np.asarray(r[2], dtype=np.int64) for r in rows]
        self._matrix = np.vstack(sigs) if sigs else np.zeros((0, NUM_PERM), np.int64)
        self._band_matrix = _bands(self._matrix)
        self._new_sigs = []
        self._new_bands = {}

    def add(self, article_id: str, canonical_id: str, sig: list[int] | None) -> None:
        if sig is None:
            return
        k = len(self._ids)
        self._ids.append(article_id)
        self._canonical.append(canonical_id)
        arr = np.asarray(sig, dtype=np.int64)
        self._new_sigs.append(arr)
        for band, key in enumerate(_bands(arr)[0]):
            self._new_bands.setdefault((band, int(key)), []).append(k)

    def find(self, sig: list[int] | None) -> str | None:
        """The canonical id of the most similar stored copy, or None."""
        if sig is None or not self._ids:
            return None
        mine = np.asarray(sig, dtype=np.int64)
        keys = _bands(mine)[0]
        best_sim, best_k = 0.0, -1
        if len(self._matrix):
            hit = np.nonzero((self._band_matrix == keys).any(axis=1))[0]
            if len(hit):
                sims = (self._matrix[hit] == mine).mean(axis=1)
                i = int(np.argmax(sims))
                best_sim, best_k = float(sims[i]), int(hit[i])
        base = len(self._matrix)
        for band, key in enumerate(keys):
            for k in self._new_bands.get((band, int(key)), ()):
                sim = float((self._new_sigs[k - base] == mine).mean())
                if sim > best_sim:
                    best_sim, best_k = sim, k
        if best_k < 0 or best_sim < THRESHOLD:
            return None
        return self._canonical[best_k]


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.mean(np.asarray(a) == np.asarray(b)))
