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


_WORDS = "trim(regexp_replace(lower(text), '[^[:alnum:]]+', ' ', 'g'))"

REPEAT_MIN_CHARS = 40
"""Shorter texts are never repeats of one another: a formula such as "We will respond." can
be said anew on another day; a recycled background sentence is longer."""

REPEAT_KEY = (
    "speaker_country, list_sort(target_countries), "
    f"CASE WHEN length({_WORDS}) >= {REPEAT_MIN_CHARS} THEN {_WORDS} "
    "ELSE article_id || '#' || idx END"
)
"""What makes two statements the same statement: the speaker's country, the target countries
and the text with case, punctuation and spacing ignored, when that text has at least
:data:`REPEAT_MIN_CHARS` characters. News copy recycles background sentences ("X has long
accused Y of ...") in article after article; each repeat is the same statement told again,
not a new one."""


def first_telling(order: str = "published NULLS LAST, article_id, idx") -> str:
    """A ``QUALIFY`` condition keeping the first telling (in ``order``) of each repeated
    statement (:data:`REPEAT_KEY`): means, counts and top lists count a statement once, as
    they count a syndicated story once (:data:`COUNTED_ONCE`)."""
    return f"row_number() OVER (PARTITION BY {REPEAT_KEY} ORDER BY {order}) = 1"
