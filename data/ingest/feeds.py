"""RSS and Atom feeds: fetched with the same limits as pages, parsed from bytes by feedparser.

XML with a DOCTYPE (external or internal entities: "billion laughs", XXE) is refused before
feedparser sees it, and the XML is checked by defusedxml. Each new entry's linked article is
fetched and read like a page; entries already in the store are skipped, and entries whose
page failed for a passing reason (a 503, a time-out) are tried again once their backoff is
over (see :mod:`tension.data.ingest.state`). An entry whose link is malformed is one
Rejected line; the other entries go on. Feed lists come from ``--feed`` options or a file:
OPML (``<outline xmlUrl=...>``) or one URL a line (``#`` starts a comment).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

from tension.data.errors import DataError
from tension.data.ingest.documents import Document, Rejected
from tension.data.ingest.state import MAX_ATTEMPTS, Seen, retry_due, seen_sources
from tension.data.ingest.web import DEADLINE, FetchError, fetch, read_url

_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.I)


class FeedError(DataError):
    """A feed could not be used; the message is the one-line reason."""


def parse_feed(raw: bytes) -> list[dict[str, object]]:
    """Entries of a feed (``link``, ``title``, ``published``); raises FeedError."""
    import feedparser
    from defusedxml import ElementTree as SafeET

    if _DOCTYPE.search(raw[:65536]) or _DOCTYPE.search(raw):
        raise FeedError("feed declares a DTD or entities; refused (XML entity attack?)")
    try:
        SafeET.fromstring(raw, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except Exception as exc:
        raise FeedError(f"malformed feed XML ({type(exc).__name__}: {exc})") from exc
    parsed = feedparser.parse(raw)
    if not parsed.entries:
        if parsed.bozo:
            raise FeedError(f"malformed feed ({parsed.get('bozo_exception')})")
        if not parsed.get("version"):
            raise FeedError("not an RSS or Atom feed")
    entries = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        published = date(when.tm_year, when.tm_mon, when.tm_mday) if when else None
        entries.append({"link": str(link), "title": entry.get("title"), "published": published})
    return entries


def feed_urls_from_file(path: Path | str) -> list[str]:
    """Feed URLs from an OPML file or a list (one a line, ``#`` comments)."""
    from defusedxml import ElementTree as SafeET

    raw = Path(path).read_bytes()
    if raw.lstrip().startswith(b"<"):
        try:
            root = SafeET.fromstring(raw, forbid_dtd=True)
        except Exception as exc:
            raise FeedError(f"{path}: malformed OPML ({exc})") from exc
        return [str(o.get("xmlUrl")) for o in root.iter("outline") if o.get("xmlUrl")]
    lines = raw.decode("utf-8", errors="replace").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.strip().startswith("#")]


def read_feeds(
    feed_urls: Iterable[str],
    store: Path | str | None,
    *,
    allow_private: bool = False,
    deadline: float = DEADLINE,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> Iterator[Document | Rejected]:
    """Documents from the articles of each feed's entries not yet in ``store``.

    A feed that cannot be fetched or parsed is one Rejected line. The entry's date is used
    when the page gives none; the entry's title when the page has none. An entry whose
    page failed transiently before is fetched again only when its backoff is over
    (``clock`` says when now is), and its last allowed failure is final.
    """
    seen = seen_sources(store) if store is not None else Seen()
    now = clock()
    for feed_url in feed_urls:
        feed_url = feed_url.strip()
        if not feed_url:
            continue
        try:
            raw = fetch(feed_url, allow_private=allow_private, deadline=deadline).body
            entries = parse_feed(raw)
        except FetchError as exc:
            yield Rejected(feed_url, str(exc), transient=exc.transient)
            continue
        except FeedError as exc:
            yield Rejected(feed_url, str(exc))
            continue
        for entry in entries:
            link = str(entry["link"])
            if link in seen:
                continue
            failed = seen.attempts(link)
            if failed is not None and not retry_due(*failed, now):
                continue  # failed transiently not long ago: a later poll tries it
            seen.add(link)
            item = read_url(link, allow_private=allow_private, deadline=deadline)
            if isinstance(item, Rejected) and item.transient:
                attempts = (failed[0] if failed else 0) + 1
                if attempts >= MAX_ATTEMPTS:
                    item = Rejected(link, f"{item.reason} (gave up after {attempts} attempts)")
            if isinstance(item, Document):
                published = item.published or entry["published"]
                title = item.title or entry["title"]
                item = Document(
                    text=item.text,
                    source=link,
                    title=str(title) if title else None,
                    published=published if isinstance(published, date) else None,
                    url=link,
                    outlet=item.outlet,
                )
            yield item
