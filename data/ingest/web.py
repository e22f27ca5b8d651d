"""Fetching URLs: timeouts, a size cap, and no private addresses (also after redirects).

Only ``http`` and ``https``. Every hop's host is resolved and refused when any of its
addresses is private, loopback, link-local, multicast, reserved or unspecified, unless
``allow_private`` is set (the tests' local server). Limit: a host whose DNS answer changes
between the check and the connection (DNS rebinding) is not caught.
"""

from __future__ import annotations

import ipaddress
import socket
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urlsplit

from tension.data.errors import DataError
from tension.data.ingest.documents import Document, Rejected
from tension.data.ingest.html import html_document

TIMEOUT = 15.0
MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5
USER_AGENT = "tension-dashboard/0.1 (+https://github.com/; self-hosted news reader)"


class FetchError(DataError):
    """A URL could not be fetched; the message is the one-line reason."""


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # after redirects
    body: bytes
    content_type: str


def check_url(url: str, *, allow_private: bool = False) -> None:
    """Raise FetchError unless ``url`` is http(s) on a public address (or private allowed)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"only http and https URLs are fetched, not {parts.scheme or 'none'!r}")
    host = parts.hostname
    if not host:
        raise FetchError("URL has no host")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(host, parts.port or 80, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve {host} ({exc})") from exc
    for info in infos:
        ip = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if (
            ip.is_private
            or ip.is_loopback
            or ip.is_link_local
            or ip.is_multicast
            or ip.is_reserved
            or ip.is_unspecified
        ):
            raise FetchError(
                f"refused: {host} is a private or local address ({ip}); use --allow-private"
            )


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private

    def redirect_request(  # type: ignore[override]
        self,
        req: urllib.request.Request,
        fp: object,
        code: int,
        msg: str,
        headers: Message,
        newurl: str,
    ) -> urllib.request.Request | None:
        check_url(newurl, allow_private=self.allow_private)
        return super().redirect_request(req, fp, code, msg, headers, newurl)  # type: ignore[arg-type]


def fetch(
    url: str,
    *,
    allow_private: bool = False,
    timeout: float = TIMEOUT,
    max_bytes: int = MAX_BYTES,
) -> Fetched:
    """GET ``url``; raise FetchError with a one-line reason on any failure."""
    check_url(url, allow_private=allow_private)
    handler = _Redirects(allow_private)
    opener = urllib.request.build_opener(handler)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with opener.open(request, timeout=timeout) as resp:
            length = resp.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchError(f"response is {int(length) >> 20} MB, over the cap")
            body = resp.read(max_bytes + 1)
            if len(body) > max_bytes:
                raise FetchError(f"response is over the {max_bytes >> 20} MB cap")
            return Fetched(resp.geturl(), body, resp.headers.get("Content-Type", ""))
    except FetchError:
        raise
    except urllib.error.HTTPError as exc:
        raise FetchError(f"HTTP {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, FetchError):
            raise exc.reason from exc
        raise FetchError(f"cannot fetch ({exc.reason})") from exc
    except TimeoutError as exc:
        raise FetchError(f"timed out after {timeout:g} s") from exc
    except (OSError, ValueError) as exc:
        raise FetchError(f"cannot fetch ({exc})") from exc


def read_url(url: str, *, allow_private: bool = False) -> Document | Rejected:
    """One document from the page at ``url`` (main text by trafilatura)."""
    try:
        page = fetch(url, allow_private=allow_private)
    except FetchError as exc:
        return Rejected(url, str(exc))
    ctype = page.content_type.lower()
    if ctype and not any(t in ctype for t in ("html", "xml", "text/plain")):
        return Rejected(url, f"not a web page ({ctype.split(';')[0]})")
    if "text/plain" in ctype:
        from tension.data.ingest.files import read_bytes

        for item in read_bytes("page.txt", page.body):
            if isinstance(item, Rejected):
                return Rejected(url, item.reason)
            return Document(
                text=item.text, source=url, title=item.title, published=item.published, url=url
            )
    doc = html_document(page.body, url, url=page.url)
    if isinstance(doc, Document) and doc.url is None:
        return Document(
            text=doc.text, source=url, title=doc.title, published=doc.published,
            url=page.url, outlet=doc.outlet,
        )  # fmt: skip
    return doc


def read_urls(urls: Iterable[str], *, allow_private: bool = False) -> Iterator[Document | Rejected]:
    """Documents from web pages, one per URL; failures are Rejected with the reason."""
    for url in urls:
        url = url.strip()
        if url:
            yield read_url(url, allow_private=allow_private)
