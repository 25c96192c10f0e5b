"""End to end: a URL is requested exactly as the page linked it (issue 11, item 4).

A local server records the raw request line of every request. A listing links
a GBK-encoded query (``?kw=%D6%D0%CE%C4``) and a bare query (``?123``); a feed
links two more of each kind. Each must reach the server byte for byte — not
re-encoded as UTF-8 replacement characters, not rewritten to ``?123=`` — and
the post must name the URL as linked.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.helpers import read_post, run_cli

pytestmark = pytest.mark.e2e

LISTED = ["/news/search.php?kw=%D6%D0%CE%C4", "/news/a.shtml?123"]
IN_FEED = ["/news/search.php?kw=%C4%E3%BA%C3&page=2", "/news/b.shtml?456"]


def article_page(path: str) -> bytes:
    """Return an article whose title and text name the raw path it was served for."""
    title = escape(f"文章 {path}")
    body = "".join(f"<p>第{i}段：本页的地址是 {escape(path)}，内容足够长以便提取正文。</p>" for i in range(3))
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head><body>'
            f'<h1>{title}</h1><div class="time">2024-05-20 09:30</div>'
            f'<div class="content">{body}</div></body></html>').encode("utf-8")


def listing_page() -> bytes:
    links = "".join(f'<li><a href="{escape(p)}">链接</a></li>' for p in LISTED)
    return f'<html><head><meta charset="utf-8"></head><body><ul>{links}</ul></body></html>'.encode()


def feed(base: str) -> bytes:
    items = "".join(f"<item><title>条目</title><link>{escape(base.rstrip('/') + p)}</link></item>"
                    for p in IN_FEED)
    return f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'.encode()


class RecordingHandler(BaseHTTPRequestHandler):
    """Serve the listing, the feed and any article; record every raw request path."""

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self.server.paths.append(self.path)
        if self.path == "/list.html":
            self._send(listing_page(), "text/html; charset=utf-8")
        elif self.path == "/rss.xml":
            self._send(feed(self.server.base_url), "application/rss+xml")
        elif self.path.startswith("/news/"):
            self._send(article_page(self.path), "text/html; charset=utf-8")
        else:
            self.send_error(404)

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args) -> None:  # noqa: A002 - http.server's signature
        pass


@contextmanager
def recording_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), RecordingHandler)
    server.paths = []
    server.base_url = f"http://127.0.0.1:{server.server_address[1]}/"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def write_profile(folder: Path, base: str) -> None:
    folder.mkdir()
    (folder / "urltest.yaml").write_text(f"""name: 网址测试报
slug: urltest
base_url: "{base}"
listing:
  start_urls: [list.html]
  article_links: ['/news/']
feed: [rss.xml]
""", encoding="utf-8")


def test_urls_reach_the_server_as_linked(tmp_path):
    with recording_server() as server:
        write_profile(tmp_path / "profiles", server.base_url)
        result = run_cli("crawl", "urltest", "--profiles-dir", str(tmp_path / "profiles"),
                         "--out", str(tmp_path / "out"), "-s", "AUTOTHROTTLE_ENABLED=False", "-q")
    assert result.returncode == 0, result.stderr
    articles = [p for p in server.paths if p.startswith("/news/")]
    assert sorted(articles) == sorted(LISTED + IN_FEED)  # each once, byte for byte
    assert not any("%EF%BF%BD" in p or p.endswith("=") for p in server.paths)
    posts = sorted((tmp_path / "out" / "_posts").glob("*.md"))
    assert len(posts) == 4
    linked = set()
    for post in posts:
        front, body = read_post(post)
        url = front["original_url"]
        assert front["title"] == f"文章 {url.removeprefix(server.base_url.rstrip('/'))}"
        assert f"<{url}>" in body
        linked.add(url)
    assert linked == {server.base_url.rstrip("/") + p for p in LISTED + IN_FEED}
