"""Near-duplicates: the same wire story, lightly edited, in many outlets.

Each article gets a MinHash signature (:data:`NUM_PERM` values) of its word 4-shingles
(normalised text). Candidates are found by locality-sensitive hashing (16 bands of 4 values)
and confirmed when the estimated Jaccard similarity of the shingle sets is at least
:data:`THRESHOLD`. A copy's ``canonical_id`` is the ``article_id`` of the first copy stored
(the copy itself when it is the first); the series count a story once by keeping rows where
``canonical_id = article_id`` (or null, for batches written before schema 2).

Limits: texts under :data:`MIN_SHINGLES` shingles (a sentence or two) are matched only
exactly; the index (:class:`NearDuplicateIndex`) is kept on disk, so an ingest's memory
stays flat however large the store, but each ingest rebuilds it from the store's batches (a
pass over their ``minhash`` columns at start-up); which copy is canonical depends on the
order of arrival (counts do not).
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import tempfile
from collections.abc import Iterable, Sequence
from typing import Self

import numpy as np

from tension.data.ingest.normalise import normalise_text

NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS
THRESHOLD = 0.5
MIN_SHINGLES = 8
SHINGLE = 4
CACHE_MB = 4
"""Page cache of the index's SQLite file: the index's whole memory, however many articles
(filled within the first few thousand articles; 16 MB saved 0.01 ms an article and took
14 MB more)."""
COMMIT_EVERY = 2000
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
    """The articles an ingest knows (stored before it or added by it): their ids, to tell an
    exact duplicate, and their signatures, to find the story a new article is a copy of.

    Held in a private SQLite file (B-tree indexes, a page cache of :data:`CACHE_MB`), not in
    Python objects, so the index does not grow the ingest's memory with the articles. It
    takes about 0.9 KB an article on disk (1 GB for a million; the dictionary index it
    replaced took about 3 KB an article of memory) in the temporary folder (``TMPDIR``). The
    file is unlinked as soon as it is open: nothing is left behind, even by ``kill -9``.
    Close the index (or use it as a context manager) to free the space. A look-up and an
    insert cost about 0.2 ms of CPU an article (16 band queries), under 2% of its scoring.

    Articles loaded from the store (:meth:`load_stored`, then :meth:`finish_loading`) are
    ordered oldest first; articles added during the ingest (:meth:`add`) in order of
    arrival. :meth:`find` keeps the tie-breaking of the in-memory index it replaced: among
    candidates as similar as each other, a stored article wins (the oldest), then an added
    one in the order its bands are matched.
    """

    def __init__(self, folder: str | None = None) -> None:
        tmp = tempfile.mkdtemp(prefix="tension-dedupe-", dir=folder)
        path = os.path.join(tmp, "index.sqlite")
        db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        try:
            db.execute("PRAGMA journal_mode=OFF")
            db.execute("PRAGMA synchronous=OFF")
            db.execute(f"PRAGMA cache_size={-CACHE_MB * 1024}")
            db.execute("PRAGMA temp_store=FILE")
            db.executescript(_SCHEMA)
        finally:
            os.unlink(path)
            os.rmdir(tmp)
        self._db = db
        self._count = 0  # articles with a signature (k = 0, 1, ...)
        self._base = 0  # of which loaded from the store
        self._pending = 0
        self._loading = 0
        db.execute("BEGIN")

    # -- ids --------------------------------------------------------------------------------

    def __contains__(self, article_id: object) -> bool:
        return (
            self._db.execute("SELECT 1 FROM ids WHERE aid = ?", (article_id,)).fetchone()
            is not None
        )

    def add_id(self, article_id: str) -> None:
        """Remember ``article_id`` as stored (one without a signature: :meth:`add` does both)."""
        self._db.execute("INSERT OR IGNORE INTO ids VALUES (?)", (article_id,))
        self._tick()

    def update_ids(self, article_ids: Iterable[str]) -> None:
        self._db.executemany("INSERT OR IGNORE INTO ids VALUES (?)", ((a,) for a in article_ids))
        self._tick()

    # -- signatures ---------------------------------------------------------------------------

    def load_stored(self, rows: Iterable[tuple[float | None, str, str, Sequence[int]]]) -> None:
        """Stored ``(ingested_at timestamp or None, article_id, canonical_id, signature)``
        rows, in any order; :meth:`finish_loading` puts them oldest first (then by id)."""
        if self._count:
            raise RuntimeError("stored signatures are loaded before any article is added")
        start = self._loading
        batch = [
            (start + i, ts, aid, canonical, _blob(sig))
            for i, (ts, aid, canonical, sig) in enumerate(rows)
        ]
        self._loading += len(batch)
        self._db.executemany("INSERT INTO loading VALUES (?, ?, ?, ?, ?)", batch)

    def finish_loading(self) -> None:
        """Index what :meth:`load_stored` took in (sorted by time stamp, null last, then id)."""
        cur = self._db.execute(
            "SELECT aid, canonical, sig FROM loading ORDER BY ts IS NULL, ts, aid, seq"
        )
        while rows := cur.fetchmany(4096):
            self._insert([(a, c, np.frombuffer(s, np.int64)) for a, c, s in rows])
        self._db.execute("DELETE FROM loading")
        self._loading = 0
        self._base = self._count

    def add(self, article_id: str, canonical_id: str, sig: Sequence[int] | None) -> None:
        """An article added by this ingest (its id is remembered too)."""
        self.add_id(article_id)
        if sig is not None:
            self._insert([(article_id, canonical_id, np.asarray(sig, dtype=np.int64))])

    def _insert(self, rows: list[tuple[str, str, np.ndarray]]) -> None:
        if not rows:
            return
        k0 = self._count
        sigs = np.vstack([r[2] for r in rows])
        keys = _bands(sigs)
        self._db.executemany(
            "INSERT INTO sigs VALUES (?, ?, ?)",
            ((k0 + i, r[1], sigs[i].tobytes()) for i, r in enumerate(rows)),
        )
        self._db.executemany(
            "INSERT INTO bands VALUES (?, ?, ?)",
            ((band, int(keys[i, band]), k0 + i) for i in range(len(rows)) for band in range(BANDS)),
        )
        self._db.executemany("INSERT OR IGNORE INTO ids VALUES (?)", ((r[0],) for r in rows))
        self._count += len(rows)
        self._tick(len(rows))

    def _tick(self, n: int = 1) -> None:
        # one transaction per COMMIT_EVERY changes: cheap writes, and a page cache that only
        # ever holds clean pages between them
        self._pending += n
        if self._pending >= COMMIT_EVERY:
            self._db.execute("COMMIT")
            self._db.execute("BEGIN")
            self._pending = 0

    def __len__(self) -> int:
        """Articles with a signature."""
        return self._count

    def find(self, sig: Sequence[int] | None) -> str | None:
        """The canonical id of the most similar known copy, or None."""
        if sig is None or not self._count:
            return None
        mine = np.asarray(sig, dtype=np.int64)
        keys = _bands(mine)[0]
        stored: set[int] = set()
        added: list[int] = []  # in the order the bands match, as the dictionary index had it
        for band in range(BANDS):
            for (k,) in self._db.execute(
                "SELECT k FROM bands WHERE band = ? AND key = ?", (band, int(keys[band]))
            ):
                if k < self._base:
                    stored.add(k)
                else:
                    added.append(k)
        if not stored and not added:
            return None
        order = [*sorted(stored), *dict.fromkeys(added)]
        found = {
            k: (c, s)
            for k, c, s in self._db.execute(
                f"SELECT k, canonical, sig FROM sigs WHERE k IN ({','.join('?' * len(order))})",
                order,
            )
        }
        matrix = np.frombuffer(b"".join(found[k][1] for k in order), np.int64).reshape(-1, NUM_PERM)
        sims = (matrix == mine).mean(axis=1)
        i = int(np.argmax(sims))  # the first of the most similar
        if float(sims[i]) < THRESHOLD:
            return None
        return str(found[order[i]][0])

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _blob(sig: Sequence[int]) -> bytes:
    return np.asarray(sig, dtype=np.int64).tobytes()


_SCHEMA = """
CREATE TABLE ids (aid TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE sigs (k INTEGER PRIMARY KEY, canonical TEXT NOT NULL, sig BLOB NOT NULL);
CREATE TABLE bands (band INTEGER, key INTEGER, k INTEGER, PRIMARY KEY (band, key, k))
    WITHOUT ROWID;
CREATE TABLE loading (seq INTEGER, ts REAL, aid TEXT, canonical TEXT, sig BLOB);
"""


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.mean(np.asarray(a) == np.asarray(b)))
