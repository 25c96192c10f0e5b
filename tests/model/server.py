"""Serve a generated site on 127.0.0.1: pages, redirects, faults, validators and 304s.

Every path the site links is answered from a table built once; the server
counts the requests of each path (a transient 500 then recovers) and the
304s it sent. A redirect off the site goes to ``localhost`` on the same port,
a host the profile does not allow.
"""

from __future__ import annotations

import hashlib
import threading
import time
from datetime import datetime, timedelta, timezone
from collections import Counter
from dataclasses import dataclass, field, replace
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable

from tests.model import pages
from tests.model.site import HUGE, Site, Story


@dataclass
class Answer:
    """What the server sends for one request."""

    status: int = 200
    body: bytes = b""
    kind: str = pages.UTF8_HTML
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    stream: int = 0  # filler bytes sent after ``body`` (a page too large to read)


class _Handler(BaseHTTPRequestHandler):
    server: "ModelServer"

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        answer = self.server.answer(self.path, self.headers)
        try:
            self._send(answer)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the crawler stopped reading a page too large: that is the point

    def _send(self, answer: Answer) -> None:
        if answer.delay:
            time.sleep(answer.delay)
        self.send_response(answer.status)
        if answer.status != 304:
            self.send_header("Content-Type", answer.kind)
        for name, value in answer.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(answer.body) + answer.stream))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(answer.body)
        chunk = b"<p>" + b"z" * 65536 + b"</p>\n"
        left = answer.stream
        while left > 0:
            self.wfile.write(chunk[:left])
            left -= len(chunk)
        self.close_connection = True

    def log_message(self, format, *args) -> None:  # noqa: A002 - http.server's signature
        pass


class ModelServer(ThreadingHTTPServer):
    """The site of one :class:`Site`; ``hits`` counts requests by path, ``not_modified`` the 304s."""

    daemon_threads = True

    def __init__(self, site: Site, pace: float = 0.0):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.site = site
        self.pace = pace  # seconds every article link waits at least (spreads a crawl over its processes)
        self.base_url = f"http://127.0.0.1:{self.server_address[1]}/"
        self.other_host = f"http://localhost:{self.server_address[1]}/"
        site.served_at = self.base_url  # a site without a mirror names its server in its links
        self.hits: Counter[str] = Counter()
        self.not_modified: Counter[str] = Counter()
        self._lock = threading.Lock()
        self.routes: dict[str, Callable[[int, dict], Answer]] = {}
        self._build()

    def publish_corrections(self) -> None:
        """Publish every story's correction now (pages, validators, feed and sitemap dates follow)."""
        # A whole second after anything the last crawl recorded (dates on the web have no fractions).
        now = datetime.now(timezone.utc).replace(microsecond=0) + timedelta(seconds=2)
        for story in self.site.stories:
            story.correct(now)
        self._build()
        time.sleep(max(0.0, (now - datetime.now(timezone.utc)).total_seconds()))

    def answer(self, path: str, headers) -> Answer:
        """Return the answer to a GET of ``path`` with request ``headers``."""
        with self._lock:
            self.hits[path] += 1
            hit = self.hits[path]
        route = self.routes.get(path)
        if route is None:
            return Answer(status=404, body=b"<html><body>no such page</body></html>")
        if path == self.site.flaky_entry and hit == 1:
            return Answer(status=500, body=b"<html><body>busy, try again</body></html>")
        answer = route(hit, headers)
        if self.pace and path not in self.entry_paths:
            answer = replace(answer, delay=max(answer.delay, self.pace))
        if answer.status == 304:
            with self._lock:
                self.not_modified[path] += 1
        return answer

    def _build(self) -> None:
        site = self.site
        stories = {link: s for s in site.stories for link in s.links}
        stories.update({b.path: b.story for b in site.bad})
        titles = {link: (s.title if s else f"稿件{link}") for link, s in stories.items()}
        self.entry_paths = {"/robots.txt", "/rss.xml", *pages.sitemaps(site, stories)}
        self.entry_paths |= {path for listing in site.listings for path, _ in listing.pages}
        self.routes["/robots.txt"] = _fixed(Answer(body=b"User-agent: *\nAllow: /\n", kind="text/plain"))
        for story in site.stories:
            page = self._story_page(story)
            for link in [story.path, *story.aliases]:
                self.routes[link] = page
            for link in story.redirects:
                self.routes[link] = _fixed(Answer(status=301, headers={"Location": story.path}))
        for bad in site.bad:
            self.routes[bad.path] = self._bad(bad)
        for listing in site.listings:
            for index, (path, _) in enumerate(listing.pages):
                self.routes[path] = _fixed(Answer(body=pages.listing_page(site, listing, index, titles)))
        if site.feed:
            self.routes["/rss.xml"] = _fixed(Answer(body=pages.rss(site, stories), kind="application/rss+xml"))
        for path, body in (pages.sitemaps(site, stories).items() if site.sitemap else ()):
            self.routes[path] = _fixed(Answer(body=body, kind=pages.XML))

    def _story_page(self, story: Story) -> Callable[[int, dict], Answer]:
        body, kind = pages.article_page(self.site, story)
        validators = {}
        if "etag" in self.site.validators:
            validators["ETag"] = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if "last-modified" in self.site.validators:
            validators["Last-Modified"] = _http_date(story)

        def route(hit: int, headers) -> Answer:
            if hit <= story.flaky:
                return Answer(status=500, body=b"<html><body>server busy</body></html>")
            if _unchanged(headers, validators):
                return Answer(status=304, headers=dict(validators), delay=story.delay)
            return Answer(body=body, kind=kind, headers=dict(validators), delay=story.delay)
        return route

    def _bad(self, bad) -> Callable[[int, dict], Answer]:
        if bad.fault == "http-404":
            return _fixed(Answer(status=404, body=b"<html><body>not found</body></html>"))
        if bad.fault == "http-500":
            return _fixed(Answer(status=500, body=b"<html><body>internal error</body></html>"))
        if bad.fault == "offsite":
            return _fixed(Answer(status=302, headers={"Location": f"{self.other_host}elsewhere{bad.path}"}))
        if bad.fault == "huge-article":
            return _fixed(Answer(body=b"<!DOCTYPE html><html><body><p>", stream=HUGE))
        if bad.fault == "not-html":
            return _fixed(Answer(body=b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF\n", kind="application/pdf"))
        body, kind = pages.article_page(self.site, bad.story)
        return _fixed(Answer(body=body, kind=kind))


def _fixed(answer: Answer) -> Callable[[int, dict], Answer]:
    return lambda hit, headers: answer


def _http_date(story: Story) -> str:
    """Return when the story's page last changed as an HTTP date (GMT)."""
    return format_datetime((story.modified or story.published).astimezone(timezone.utc), usegmt=True)


def _unchanged(headers, validators: dict[str, str]) -> bool:
    """Return True when a conditional request's validators match the page's (If-None-Match first)."""
    tag = headers.get("If-None-Match")
    if tag is not None and "ETag" in validators:
        return tag.strip() == validators["ETag"]
    since = headers.get("If-Modified-Since")
    if since is not None and "Last-Modified" in validators:
        try:
            return parsedate_to_datetime(since) >= parsedate_to_datetime(validators["Last-Modified"])
        except (TypeError, ValueError):
            return False
    return False
