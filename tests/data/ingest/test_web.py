"""URLs and feeds against a local HTTP server (127.0.0.1 only; nothing else is reached)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tension.data.ingest import Document, Rejected, ingest_documents, read_feeds, read_urls, web
from tension.data.ingest.feeds import feed_urls_from_file
from tension.data.store import StoreReader
from tests.helpers import LocalServer, Route, article_text, html_page


def _rss(server: LocalServer, paths: list[str]) -> bytes:
    items = "".join(
        f"<item><title>Entry {p}</title><link>{server.url(p)}?utm_source=rss</link>"
        f"<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>"
        for p in paths
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>'
    ).encode()


def test_a_page_is_fetched_and_its_main_text_extracted(server: LocalServer) -> None:
    server.routes["/a"] = Route(html_page("Row at the border", article_text(0), "2024-03-01"))
    (doc,) = list(read_urls([server.url("/a")], allow_private=True))
    assert isinstance(doc, Document), doc
    assert doc.title == "Row at the border" and doc.published == date(2024, 3, 1)
    assert doc.source == server.url("/a") and "foreign ministry" in doc.text


def test_private_and_loopback_addresses_are_refused_by_default(server: LocalServer) -> None:
    server.routes["/a"] = Route(html_page("T", article_text(0)))
    for url in (server.url("/a"), "http://10.1.2.3/x", "http://169.254.169.254/latest"):
        (item,) = list(read_urls([url]))
        assert isinstance(item, Rejected) and "private or local address" in item.reason, item
    assert server.hits == {}
    (item,) = list(read_urls(["file:///etc/passwd"]))
    assert isinstance(item, Rejected) and "only http and https" in item.reason


def test_a_redirect_to_a_private_address_is_refused(
    server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first hop is allowed as if public; the redirect to loopback must be refused."""
    start = server.url("/go")
    server.routes["/go"] = Route(status=302, headers={"Location": server.url("/inside")})
    server.routes["/inside"] = Route(html_page("T", article_text(1)))
    real = web.check_url

    def public_first_hop(url: str, *, allow_private: bool = False) -> None:
        if url != start:
            real(url, allow_private=allow_private)

    monkeypatch.setattr(web, "check_url", public_first_hop)
    (item,) = list(read_urls([start]))
    assert isinstance(item, Rejected) and "private or local address" in item.reason, item
    assert "/inside" not in server.hits
    (ok,) = list(read_urls([start], allow_private=True))
    assert isinstance(ok, Document)


def test_size_cap_timeout_errors_and_content_types(server: LocalServer) -> None:
    server.routes["/big"] = Route(b"x" * 2048)
    server.routes["/slow"] = Route(html_page("T", article_text(2)), delay=1.5)
    server.routes["/img"] = Route(b"\x89PNG", content_type="image/png")
    with pytest.raises(web.FetchError, match="over the cap"):
        web.fetch(server.url("/big"), allow_private=True, max_bytes=1024)
    with pytest.raises(web.FetchError, match=r"timed out|cannot fetch"):
        web.fetch(server.url("/slow"), allow_private=True, timeout=0.3)
    items = list(read_urls([server.url("/missing"), server.url("/img")], allow_private=True))
    assert [i.reason for i in items if isinstance(i, Rejected)] == [
        "HTTP 404 Not Found",
        "not a web page (image/png)",
    ]


def test_feed_entries_are_ingested_once_and_reruns_take_only_new_ones(
    server: LocalServer, tmp_path: Path
) -> None:
    for i in range(3):
        server.routes[f"/p{i}"] = Route(html_page(f"Story {i}", article_text(i)))
    server.routes["/rss"] = Route(_rss(server, ["/p0", "/p1"]), content_type="application/rss+xml")
    store = tmp_path / "store"
    feeds = [server.url("/rss")]
    first = ingest_documents(store, read_feeds(feeds, store, allow_private=True))
    assert first.new == 2 and not first.quarantined
    arts = StoreReader(store).df("SELECT url, published, title FROM articles ORDER BY url")
    assert list(arts["url"]) == [server.url("/p0"), server.url("/p1")]  # tracking dropped
    assert set(arts["published"].astype(str)) == {"2024-03-05"}  # the entry's date
    server.routes["/rss"] = Route(_rss(server, ["/p0", "/p1", "/p2"]))
    second = ingest_documents(store, read_feeds(feeds, store, allow_private=True))
    assert (second.new, second.duplicate) == (1, 0)
    assert server.hits["/p0"] == 1 and server.hits["/p2"] == 1  # seen entries not fetched


def test_a_broken_feed_is_reported_and_the_others_go_on(
    server: LocalServer, tmp_path: Path
) -> None:
    server.routes["/p0"] = Route(html_page("Story", article_text(0)))
    server.routes["/good"] = Route(_rss(server, ["/p0"]))
    server.routes["/bad"] = Route(b"<rss><channel><item>", content_type="application/xml")
    items = list(
        read_feeds(
            [server.url("/bad"), server.url("/missing"), server.url("/good")],
            None,
            allow_private=True,
        )
    )
    assert [type(i).__name__ for i in items] == ["Rejected", "Rejected", "Document"]
    assert "malformed feed XML" in items[0].reason  # type: ignore[union-attr]
    (refused,) = list(read_feeds([server.url("/good")], None))
    assert isinstance(refused, Rejected) and "private or local" in refused.reason


def test_feed_lists_from_opml_and_plain_files(tmp_path: Path) -> None:
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body>'
        '<outline text="News"><outline text="A" xmlUrl="https://a.example/rss"/></outline>'
        '<outline text="B" xmlUrl="https://b.example/atom"/></body></opml>'
    )
    assert feed_urls_from_file(opml) == ["https://a.example/rss", "https://b.example/atom"]
    plain = tmp_path / "feeds.txt"
    plain.write_text("# my feeds\nhttps://a.example/rss\n\n  https://c.example/x  \n")
    assert feed_urls_from_file(plain) == ["https://a.example/rss", "https://c.example/x"]
