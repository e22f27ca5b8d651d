"""The on-disk near-duplicate index finds exactly what the in-memory dictionary index found
(the same canonical story for every article, ties broken the same way)."""

from __future__ import annotations

import random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.corpus import iter_articles
from tension.data.ingest.dedupe import (
    NUM_PERM,
    THRESHOLD,
    NearDuplicateIndex,
    _bands,
    signature,
)
from tension.data.ingest.normalise import article_id


class DictIndex:
    """The index as it was before it moved to disk (one dictionary entry per band per
    article): the reference the new one must agree with."""

    def __init__(self, rows: list[tuple[str, str, list[int]]]) -> None:
        self._ids = [r[0] for r in rows]
        self._canonical = [r[1] for r in rows]
        sigs = [np.asarray(r[2], dtype=np.int64) for r in rows]
        self._matrix = np.vstack(sigs) if sigs else np.zeros((0, NUM_PERM), np.int64)
        self._band_matrix = _bands(self._matrix)
        self._new_sigs: list[np.ndarray] = []
        self._new_bands: dict[tuple[int, int], list[int]] = {}

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


Stored = tuple[float | None, str, str, list[int]]


def _both(stored: list[Stored], added: list[tuple[str, list[int] | None]]) -> list[object]:
    """Canonical ids found for ``added`` (in order, each added after its look-up) by the
    reference and by the on-disk index, after both took in ``stored``."""
    order = sorted(stored, key=lambda r: (r[0] is None, r[0] if r[0] is not None else 0.0, r[1]))
    ref = DictIndex([(aid, c, sig) for _, aid, c, sig in order])
    found: list[object] = []
    with NearDuplicateIndex() as disk:
        half = len(stored) // 2  # in two calls, in shuffled order: the index sorts them
        shuffled = stored[:]
        random.Random(3).shuffle(shuffled)
        disk.load_stored(shuffled[:half])
        disk.load_stored(shuffled[half:])
        disk.finish_loading()
        for aid, sig in added:
            want, got = ref.find(sig), disk.find(sig)
            found.append((want, got))
            canonical = want or aid
            ref.add(aid, canonical, sig)
            disk.add(aid, canonical, sig)
            assert aid in disk
        assert len(disk) == len(ref._ids)
    return found


def test_generated_news_gives_the_same_stories_as_the_dictionary_index() -> None:
    arts = [(article_id(a.text), a.text, a.copy_of) for a in iter_articles(900)]
    sigs = [(aid, signature(text)) for aid, text, _ in arts]
    stored: list[Stored] = [
        (1_700_000_000.0 + i // 50, aid, aid, sig)
        for i, (aid, sig) in enumerate(sigs[:300])
        if sig is not None
    ]
    pairs = _both(stored, sigs[300:])
    assert all(want == got for want, got in pairs)
    copies = sum(1 for _, _, c in arts[300:] if c is not None)
    matched = sum(1 for want, _ in pairs if want is not None)
    assert copies > 50 and matched >= copies * 0.9  # the corpus really exercises the index


def test_an_unknown_id_and_an_empty_index() -> None:
    with NearDuplicateIndex() as disk:
        assert "x" not in disk
        assert disk.find([1] * NUM_PERM) is None
        disk.add("x", "x", None)
        assert "x" in disk and len(disk) == 0
        disk.update_ids(["y", "y", "z"])
        assert "y" in disk and "z" in disk and "w" not in disk


# signatures over a tiny alphabet: many band collisions and many equally similar candidates,
# so the tie-breaking is what decides
_sig = st.lists(st.integers(0, 2), min_size=NUM_PERM, max_size=NUM_PERM)


@settings(max_examples=60, deadline=None)
@given(
    stored=st.lists(
        st.tuples(st.one_of(st.none(), st.integers(0, 3).map(float)), _sig), max_size=12
    ),
    added=st.lists(st.one_of(st.none(), _sig), max_size=20),
)
def test_ties_are_broken_as_the_dictionary_index_broke_them(
    stored: list[tuple[float | None, list[int]]], added: list[list[int] | None]
) -> None:
    rows: list[Stored] = [(ts, f"s{i:02d}", f"c{i % 3}", sig) for i, (ts, sig) in enumerate(stored)]
    pairs = _both(rows, [(f"a{i:02d}", sig) for i, sig in enumerate(added)])
    assert [g for _, g in pairs] == [w for w, _ in pairs]


def _sig_differing(at: list[int]) -> list[int]:
    return [1 if i in at else 0 for i in range(NUM_PERM)]


def test_equally_similar_added_copies_the_first_band_to_match_wins() -> None:
    # both are 48/64 like the zero signature: "b" (added second) shares band 0 with it,
    # "a" (added first) only band 1; the dictionary index visited band 0 first
    a = _sig_differing([0, *range(8, 23)])
    b = _sig_differing([4, *range(8, 23)])
    target = [0] * NUM_PERM
    ref = DictIndex([])
    with NearDuplicateIndex() as disk:
        for index in (ref, disk):
            index.add("a", "story-a", a)
            index.add("b", "story-b", b)
        assert ref.find(target) == disk.find(target) == "story-b"


def test_a_stored_copy_wins_over_an_equally_similar_added_one() -> None:
    a = _sig_differing([4, *range(8, 23)])
    b = _sig_differing([0, *range(8, 23)])
    target = [0] * NUM_PERM
    ref = DictIndex([("old", "story-old", b)])
    with NearDuplicateIndex() as disk:
        disk.load_stored([(None, "old", "story-old", b)])
        disk.finish_loading()
        for index in (ref, disk):
            index.add("a", "story-a", a)
        assert ref.find(target) == disk.find(target) == "story-old"


def test_a_copy_needs_half_its_signature_alike() -> None:
    with NearDuplicateIndex() as disk:
        disk.add("a", "story-a", _sig_differing([]))
        assert disk.find(_sig_differing(list(range(4, 36)))) == "story-a"  # 32 of 64 alike
        assert disk.find(_sig_differing(list(range(4, 37)))) is None  # 31 of 64
