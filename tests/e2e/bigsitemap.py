"""A newspaper on 127.0.0.1 with one large news sitemap: a few live stories among many dead URLs.

Real news sitemaps reach many MB, and most of their URLs may be gone (404).
:func:`news_sitemap` writes ``live`` stories (``/news/live/<n>.html``, each
an article page) and ``dead`` ones (``/news/gone/<n>-….html``, answered 404),
padded to ``size`` bytes: the test keeps the size of the real case (7.6 MB)
with fewer dead URLs by making each longer, the bench runs the real count.
Used by ``tests/e2e/test_big_sitemap.py`` and ``bench/bigsitemap.py``.
"""

from __future__ import annotations

import html
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator

from tests.localsite import article_html, serving

DAY = "2024-05-20"
#: a URL longer than Scrapy's URLLENGTH_LIMIT (2083) is refused, so padding stays below it
MAX_URL = 1900


def live_path(number: int) -> str:
    """Return the path of live story ``number``."""
    return f"/news/live/{number}.html"


def news_sitemap(base: str, live: int, dead: int, size: int = 0) -> bytes:
    """Return a news sitemap of ``live`` stories and ``dead`` URLs, at least ``size`` bytes long.

    Live stories have their Google News fields; dead URLs are plain entries,
    lengthened evenly (their URL, then a title) so that the whole reaches ``size``.
    """
    head = ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n')
    live_entries = [_news_entry(base + live_path(n).lstrip("/"), f"现场稿件 {n}：全市重点工作推进会召开")
                    for n in range(live)]
    plain = sum(len(e.encode("utf-8")) for e in live_entries) + len(head) + len("</urlset>\n")
    short = len(_dead_entry(f"{base}news/gone/{dead}-.html", ""))
    pad = max(0, -(-(size - plain) // max(dead, 1)) - short) if size else 0  # rounded up
    url_pad = min(pad, MAX_URL - len(f"{base}news/gone/{dead}-.html"))
    title_pad = max(0, pad - url_pad - 40) // 3  # three UTF-8 bytes a character, after the title's markup
    dead_entries = iter([_dead_entry(f"{base}news/gone/{n}-{'x' * url_pad}.html", "旧" * title_pad)
                         for n in range(dead)])
    # Interleaved, so the live stories are spread over the whole sitemap.
    step = max(1, dead // max(live, 1))
    parts = [head]
    for entry in live_entries:
        parts.append(entry)
        parts.extend(next(dead_entries, "") for _ in range(step))
    parts.extend(dead_entries)
    parts.append("</urlset>\n")
    return "".join(parts).encode("utf-8")


def _news_entry(url: str, title: str) -> str:
    return (f"<url><loc>{html.escape(url)}</loc><news:news><news:publication><news:name>大样本日报</news:name>"
            f"<news:language>zh</news:language></news:publication>"
            f"<news:publication_date>{DAY}T09:30:00+08:00</news:publication_date>"
            f"<news:title>{html.escape(title)}</news:title></news:news></url>\n")


def _dead_entry(url: str, title: str) -> str:
    news = f"<news:news><news:title>{title}</news:title></news:news>" if title else ""
    return f"<url><loc>{html.escape(url)}</loc><lastmod>{DAY}</lastmod>{news}</url>\n"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: tens of thousands of 404s over few connections
    server: "BigSitemapServer"

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        path = self.path.split("?", 1)[0]
        status, kind, body = self.server.answer(path)
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args) -> None:  # noqa: A002 - http.server's signature
        pass


class BigSitemapServer(ThreadingHTTPServer):
    """Serve ``/sitemap.xml``, the live stories, and 404 for everything else; ``hits`` counts requests."""

    daemon_threads = True

    def __init__(self, live: int, dead: int, size: int = 0):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.base_url = f"http://127.0.0.1:{self.server_address[1]}/"
        self.live = live
        self.sitemap = news_sitemap(self.base_url, live, dead, size)
        self.hits = 0

    def answer(self, path: str) -> tuple[int, str, bytes]:
        """Return (status, content type, body) for ``path``."""
        self.hits += 1
        if path == "/sitemap.xml":
            return 200, "application/xml", self.sitemap
        if path == "/robots.txt":
            return 200, "text/plain", b"User-agent: *\nAllow: /\n"
        name = path.removeprefix("/news/live/").removesuffix(".html")
        if path.startswith("/news/live/") and name.isdigit() and int(name) < self.live:
            return 200, "text/html; charset=utf-8", article_html(f"现场稿件 {name}：全市重点工作推进会召开",
                                                                   f"{DAY} 09:30").encode("utf-8")
        return 404, "text/plain", b"gone"


@contextmanager
def big_sitemap_site(live: int, dead: int, size: int = 0) -> Iterator[BigSitemapServer]:
    """Serve the big-sitemap newspaper while the block runs."""
    with serving(BigSitemapServer(live, dead, size)) as server:
        yield server
