"""Fetching URLs: a total deadline, a size cap, and no private addresses (also after
redirects).

Only ``http`` and ``https``. Every hop's host is resolved and refused when any of its
addresses is not a public one (:func:`private_reason`: private, loopback, link-local,
shared 100.64.0.0/10, multicast, reserved, unspecified, and IPv6 addresses that embed one
of those IPv4 addresses: IPv4-mapped, 6to4, Teredo, NAT64), unless ``allow_private`` is set
(the tests' local server). Limit: a host whose DNS answer changes between the check and the
connection (DNS rebinding) is not caught.

Time: each socket operation times out after ``timeout`` seconds, and the whole fetch —
connecting, redirects, headers and body — after ``deadline`` seconds, however slowly a
server drips its bytes (a timer closes the connection).

A failure is a :class:`FetchError` with a one-line reason; ``transient`` failures (time-outs,
server errors 5xx, 408 and 429, connections refused or reset, DNS failures) may succeed on a
later attempt, the others (4xx, refused addresses, malformed URLs, over the cap) will not.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from email.message import Message
from typing import Any
from urllib.parse import urlsplit

from tension.data.errors import DataError
from tension.data.ingest.documents import Document, Rejected
from tension.data.ingest.html import html_document

TIMEOUT = 15.0
"""Seconds each connect or read may wait."""
DEADLINE = 60.0
"""Seconds a whole fetch may take (the default of the ``fetch_deadline`` setting)."""
MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5
USER_AGENT = "tension-dashboard/0.1 (+https://github.com/; self-hosted news reader)"
_CHUNK = 64 * 1024


class FetchError(DataError):
    """A URL could not be fetched; the message is the one-line reason. ``transient`` when a
    later attempt may succeed."""

    def __init__(self, message: str, *, transient: bool = False) -> None:
        super().__init__(message)
        self.transient = transient


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # after redirects
    body: bytes
    content_type: str


_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """IPv4 addresses an IPv6 address carries: IPv4-mapped, 6to4, Teredo (server and
    client), NAT64."""
    found = []
    if ip.ipv4_mapped is not None:
        found.append(ip.ipv4_mapped)
    if ip.sixtofour is not None:
        found.append(ip.sixtofour)
    if ip.teredo is not None:
        found.extend(ip.teredo)
    if any(ip in net for net in _NAT64):
        found.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return found


def private_reason(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why ``ip`` is not a public address (None when it is)."""
    if isinstance(ip, ipaddress.IPv6Address):
        for inner in _embedded_ipv4(ip):
            if (why := private_reason(inner)) is not None:
                return f"it embeds {inner}, {why}"
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_multicast:
        return "a multicast address"
    if ip.is_unspecified:
        return "an unspecified address"
    if ip.is_private or ip.is_reserved or not ip.is_global:
        return "a private or reserved address"
    return None


def _parts(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of ``url``; FetchError for a malformed one."""
    try:
        parts = urlsplit(url)
        port = parts.port
        host = parts.hostname
    except ValueError as exc:
        raise FetchError(f"malformed URL ({exc})") from exc
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"only http and https URLs are fetched, not {parts.scheme or 'none'!r}")
    if not host:
        raise FetchError("malformed URL (no host)")
    return parts.scheme, host, port or (443 if parts.scheme == "https" else 80)


def check_url(url: str, *, allow_private: bool = False) -> None:
    """Raise FetchError unless ``url`` is http(s) on a public address (or private allowed)."""
    _, host, port = _parts(url)
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve {host} ({exc})", transient=True) from exc
    for info in infos:
        ip = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        why = private_reason(ip)
        if why is not None:
            raise FetchError(
                f"refused: {host} is a private or local address ({ip}: {why}); use --allow-private"
            )


class _Deadline:
    """Closes every connection of one fetch when its time is up, so a server that sends a
    byte a second cannot hold the fetch (socket time-outs only bound each read)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + seconds
        self.expired = False
        self._socks: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self.expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def add(self, sock: socket.socket) -> None:
        with self._lock:
            self._socks.append(sock)
            if self.expired:
                self._close(sock)

    def expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._socks:
                self._close(sock)

    @staticmethod
    def _close(sock: socket.socket) -> None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)

    def left(self) -> float:
        return self.at - time.monotonic()

    def error(self) -> FetchError:
        return FetchError(f"took longer than the {self.seconds:g} s deadline", transient=True)


def _connection(base: type[http.client.HTTPConnection], deadline: _Deadline) -> Any:
    class Connection(base):  # type: ignore[misc, valid-type]
        def connect(self) -> None:
            super().connect()
            deadline.add(self.sock)

    return Connection


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self._class = _connection(http.client.HTTPConnection, deadline)

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._class, req)  # type: ignore[no-any-return]


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self._class = _connection(http.client.HTTPSConnection, deadline)

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        kwargs: dict[str, Any] = {"context": getattr(self, "_context", None)}
        if hasattr(self, "_check_hostname"):  # Python 3.11 passes it on; 3.12 dropped it
            kwargs["check_hostname"] = self._check_hostname
        return self.do_open(self._class, req, **kwargs)  # type: ignore[no-any-return]


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


def _http_error(code: int, reason: object) -> FetchError:
    transient = code >= 500 or code in (408, 429)
    return FetchError(f"HTTP {code} {reason}", transient=transient)


def fetch(
    url: str,
    *,
    allow_private: bool = False,
    timeout: float = TIMEOUT,
    deadline: float = DEADLINE,
    max_bytes: int = MAX_BYTES,
) -> Fetched:
    """GET ``url``; raise FetchError with a one-line reason on any failure."""
    check_url(url, allow_private=allow_private)
    with _Deadline(deadline) as clock:
        opener = urllib.request.build_opener(
            _HTTPHandler(clock), _HTTPSHandler(clock), _Redirects(allow_private)
        )
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        try:
            with opener.open(request, timeout=min(timeout, deadline)) as resp:
                length = resp.headers.get("Content-Length")
                if length and length.isdigit() and int(length) > max_bytes:
                    raise FetchError(f"response is {int(length) >> 20} MB, over the cap")
                body = bytearray()
                while chunk := resp.read1(_CHUNK):
                    body += chunk
                    if len(body) > max_bytes:
                        raise FetchError(f"response is over the {max_bytes >> 20} MB cap")
                    if clock.left() <= 0:
                        raise clock.error()
                if clock.expired:
                    raise clock.error()  # the timer closed the connection: the body is cut
                return Fetched(resp.geturl(), bytes(body), resp.headers.get("Content-Type", ""))
        except FetchError:
            raise
        except urllib.error.HTTPError as exc:
            raise _http_error(exc.code, exc.reason) from exc
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, FetchError):
                raise exc.reason from exc
            if clock.expired:
                raise clock.error() from exc
            raise FetchError(f"cannot fetch ({exc.reason})", transient=True) from exc
        except TimeoutError as exc:
            raise FetchError(f"timed out after {timeout:g} s", transient=True) from exc
        except (OSError, http.client.HTTPException) as exc:
            if clock.expired:
                raise clock.error() from exc
            raise FetchError(f"cannot fetch ({type(exc).__name__}: {exc})", transient=True) from exc
        except ValueError as exc:
            raise FetchError(f"cannot fetch ({exc})") from exc


def read_url(
    url: str, *, allow_private: bool = False, deadline: float = DEADLINE
) -> Document | Rejected:
    """One document from the page at ``url`` (main text by trafilatura), or the reason it
    is refused (a transient one when a later attempt may succeed)."""
    try:
        page = fetch(url, allow_private=allow_private, deadline=deadline)
    except FetchError as exc:
        return Rejected(url, str(exc), transient=exc.transient)
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


def read_urls(
    urls: Iterable[str], *, allow_private: bool = False, deadline: float = DEADLINE
) -> Iterator[Document | Rejected]:
    """Documents from web pages, one per URL; failures are Rejected with the reason."""
    for url in urls:
        url = url.strip()
        if url:
            yield read_url(url, allow_private=allow_private, deadline=deadline)
