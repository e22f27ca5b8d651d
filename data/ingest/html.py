"""Main text and metadata of an HTML page (trafilatura), its date (htmldate), with limits.

Limits: pages over :data:`MAX_HTML_BYTES` or nested deeper than :data:`MAX_DEPTH` elements are
refused before parsing (a crafted page must not take the ingest down); a page where
trafilatura finds no main text is refused with that reason. Boilerplate (menus, footers) is
dropped by trafilatura and may occasionally take a short article's last paragraph with it.
"""

from __future__ import annotations

import re
from datetime import date

from tension.data.ingest.dates import date_in_text, parse_date
from tension.data.ingest.documents import Document, Rejected

MAX_HTML_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 400
_TAG = re.compile(rb"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>")
_VOID = {
    b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta",
    b"source", b"track", b"wbr", b"p", b"li", b"td", b"tr", b"option",
}  # fmt: skip


def nesting_depth(html: bytes, stop_at: int = MAX_DEPTH) -> int:
    """Rough element depth (void and often-unclosed tags ignored); stops counting at ``stop_at``."""
    depth = deepest = 0
    for m in _TAG.finditer(html):
        name = m.group(2).lower()
        if name in _VOID or m.group(3):
            continue
        if m.group(1):
            depth = max(0, depth - 1)
        else:
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest >= stop_at:
                    break
    return deepest


def html_document(
    raw: bytes | str, source: str, *, url: str | None = None, default_date: date | None = None
) -> Document | Rejected:
    """One document from an HTML page, or the reason it cannot be one."""
    import trafilatura
    from htmldate import find_date
    from trafilatura.settings import Document as Extracted

    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    if len(data) > MAX_HTML_BYTES:
        return Rejected(
            source, f"HTML is {len(data) // 1_048_576} MB, over the {MAX_HTML_BYTES >> 20} MB cap"
        )
    if nesting_depth(data) >= MAX_DEPTH:
        return Rejected(source, f"HTML nested over {MAX_DEPTH} elements deep; refused")
    note: str | None = None
    if isinstance(raw, bytes):
        from tension.data.ingest.decode import decode_text

        try:
            html, note = decode_text(raw)
        except ValueError as exc:
            return Rejected(source, str(exc))
    else:
        html = raw
    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    except (RecursionError, ValueError, TypeError) as exc:  # pragma: no cover - defensive
        return Rejected(source, f"HTML could not be parsed ({type(exc).__name__})")
    text = doc.text if isinstance(doc, Extracted) else None  # None: nothing was found
    if not isinstance(doc, Extracted) or not text or not text.strip():
        return Rejected(source, "HTML has no main text")
    published = _date(doc.date)
    if published is None:
        try:
            published = _date(find_date(html, original_date=True, extensive_search=False))
        except Exception:  # htmldate is best effort
            published = None
    if published is None:
        published = date_in_text(text) or default_date
    return Document(
        text=text.strip(),
        source=source,
        title=doc.title or None,
        published=published,
        url=doc.url or url,
        outlet=doc.sitename or doc.hostname or None,
        notes=(note,) if note else (),
    )


def _date(value: object) -> date | None:
    try:
        return parse_date(value)
    except ValueError:
        return None
