"""Normalising text and URLs so the same article always gets the same id."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_SPACE = re.compile(r"\s+")
_TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|ref_src|igshid|cmpid|ocid)$", re.I
)


def normalise_text(text: str) -> str:
    """NFKC, typographic quotes folded, whitespace collapsed, case folded."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate({0x2018: "'", 0x2019: "'", 0x201C: '"', 0x201D: '"'})
    return _SPACE.sub(" ", text).strip().casefold()


def article_id(text: str) -> str:
    """The article's key: a hash of its normalised text (20 hex characters)."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:20]


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
