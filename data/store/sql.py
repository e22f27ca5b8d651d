"""SQL the store's queries and exports share: one home for each rule they both apply.

Fragments, not queries: each is written into the ``WHERE`` of a query over the reader's
views (:class:`tension.data.store.reader.StoreReader`) and documents the parameters it uses.
"""

from __future__ import annotations

COUNTED_ONCE = "(canonical_id IS NULL OR canonical_id = article_id)"
"""A syndicated story counts once: an article or statement feeds series, totals and the matrix
only when it belongs to the first copy stored of its story (``canonical_id`` names that copy;
see :mod:`tension.data.ingest.dedupe`). Null ``canonical_id``: batches written before schema
2, when copies were not marked. Lists of statements still show every copy."""


def within(column: str) -> str:
    """``column`` between the ``$start`` and ``$end`` parameters, both inclusive; a null
    parameter leaves that side open."""
    return f"(($start IS NULL OR {column} >= $start) AND ($end IS NULL OR {column} <= $end))"


def speaks_about(src: str, tgt: str, alias: str = "s") -> str:
    """Statements (table alias ``alias``) of the country in parameter ``$src`` about the
    country in parameter ``$tgt``."""
    return f"({alias}.speaker_country = ${src} AND list_contains({alias}.target_countries, ${tgt}))"
