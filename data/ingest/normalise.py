"""Normalising text and URLs so the same article always gets the same id."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|ref_src|igshid|cmpid|ocid)$", re.I
)


_QUOTES = (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"'))
_PIECE = 1 << 20
# where a long text may be cut for hashing: after ASCII whitespace, before an ASCII letter or
# digit. NFKC never joins across such a point, and no whitespace run spans it.
_CUT = re.compile(r"[ \t\n\r][A-Za-z0-9]")


def _folded(text: str) -> str:
    """NFKC, typographic quotes folded (str.replace: many times faster than translate)."""
    text = unicodedata.normalize("NFKC", text)
    for quote, plain in _QUOTES:
        text = text.replace(quote, plain)
    return text


def normalise_text(text: str) -> str:
    """NFKC, typographic quotes folded, whitespace collapsed, case folded."""
    return " ".join(_folded(text).split()).casefold()


def _collapsed(text: str) -> str:
    """:func:`normalise_text` of a piece of a text, whitespace at its ends kept as one space
    (where the pieces join)."""
    text = _folded(text)
    core = " ".join(text.split())
    if not core:
        return " " if text else ""
    lead = " " if text[0].isspace() else ""
    tail = " " if text[-1].isspace() else ""
    return f"{lead}{core}{tail}".casefold()


def article_id(text: str, piece: int = _PIECE) -> str:
    """The article's key: a hash of its normalised text (20 hex characters).

    A text longer than ``piece`` characters is normalised and hashed a piece at a time (cut
    where nothing can change across the cut), so a 40 MB article does not need several
    normalised copies of itself in memory; the key is the same either way."""
    if len(text) <= piece:
        return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:20]
    digest = hashlib.sha256()
    pending = ""  # whitespace held back: dropped if nothing follows (the final strip)
    started = False
    start = 0
    while start < len(text):
        m = _CUT.search(text, start + piece) if len(text) - start > piece else None
        end = m.start() + 1 if m else len(text)
        part = _collapsed(text[start:end])
        start = end
        if not started:
            part = part.lstrip()
            started = bool(part)
        body = part.rstrip()
        if body:
            digest.update((pending + body).encode("utf-8"))
            pending = part[len(body) :]
        else:
            pending += part
    return digest.hexdigest()[:20]


def normalise_url(url: str | None) -> str | None:
    """Lower-case scheme and host, no fragment, tracking parameters dropped, params sorted.
    A malformed URL (``http://[::1``) is kept as it is written."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)
    ]
    path = parts.path or "/"
    return urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), path, urlencode(sorted(query)), "")
    )
